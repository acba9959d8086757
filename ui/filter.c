/* filter.c: the list filter as parts that combine. An entity pivot, then
 * "s iraq", lists the articles that name the entity and mention Iraq,
 * ranked by the last part; the status line names every part ("entity:
 * Sergei Lavrov + iraq") and Esc takes the last one off. n past the last
 * match of an article goes on to the next article of the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_query.h"
#include "private.h"
#include "util.h"

static int hit_cmp(const void *pa, const void *pb)
{
    const search_hit *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->article > b->article) - (a->article < b->article);
}

/* The articles of one part, ranked; NULL with a message in err when its
 * text does not compile. */
static search_hit *part_hits(ui *u, const ui_filter_part *p, size_t *n,
                             char *err, size_t errlen)
{
    if (p->entity) {
        const entity_tally *t = entity_articles(u->et, p->id, n);
        search_hit *h = lede_calloc(*n ? *n : 1, sizeof *h);
        for (size_t i = 0; i < *n; i++) {
            h[i].article = t[i].id;
            h[i].count = t[i].count;
            h[i].score = t[i].count; /* most mentions first */
        }
        qsort(h, *n, sizeof *h, hit_cmp);
        return h;
    }
    if (p->flags & SEARCH_REGEX) {
        search_query *q = search_compile(p->text, p->flags, err, errlen);
        if (!q)
            return NULL;
        search_hit *h = search_corpus(q, u->s, n);
        search_free(q);
        return h;
    }
    query *q = query_parse(p->text, p->flags, err, errlen);
    if (!q)
        return NULL;
    search_hit *h = query_run(q, u->s, n); /* the index when there is one */
    query_free(q);
    return h;
}

static void part_label(ui *u, const ui_filter_part *p, char *buf, size_t n)
{
    if (p->entity)
        snprintf(buf, n, "entity:%s", entity_name(u->et, p->id));
    else
        snprintf(buf, n, "%s", p->text);
}

/* The articles every part allows, ranked by the last part; *label names
 * them all. NULL (err set) when a part does not compile. */
static search_hit *combine(ui *u, size_t *n, char *label, size_t lablen,
                           char *err, size_t errlen)
{
    size_t count = store_count(u->s), k;
    search_hit *h = part_hits(u, &u->filt[u->nfilt - 1], n, err, errlen);
    if (!h)
        return NULL;
    bool *keep = lede_malloc((count ? count : 1) * sizeof *keep);
    for (size_t p = 0; p + 1 < u->nfilt; p++) {
        search_hit *ph = part_hits(u, &u->filt[p], &k, err, errlen);
        memset(keep, 0, (count ? count : 1) * sizeof *keep);
        for (size_t i = 0; ph && i < k; i++)
            keep[ph[i].article] = true;
        free(ph);
        size_t w = 0;
        for (size_t i = 0; i < *n; i++)
            if (keep[h[i].article])
                h[w++] = h[i];
        *n = w;
    }
    free(keep);
    label[0] = '\0';
    for (size_t p = 0; p < u->nfilt; p++) {
        char one[300];
        part_label(u, &u->filt[p], one, sizeof one);
        size_t at = strlen(label), ol = strlen(one);
        if (p && at + 4 < lablen) {
            memcpy(label + at, " + ", 4);
            at += 3;
        }
        if (ol > lablen - at - 1) { /* cut at a character boundary */
            ol = lablen - at - 1;
            while (ol && ((unsigned char)one[ol] & 0xC0) == 0x80)
                ol--;
        }
        memcpy(label + at, one, ol);
        label[at + ol] = '\0';
    }
    return h;
}

/* Highlights and n/N follow the last part: its words, or the entity. */
static void follow_last(ui *u)
{
    u->entity = -1;
    for (size_t p = 0; p < u->nfilt; p++)
        if (u->filt[p].entity)
            u->entity = u->filt[p].id;
    u->ent_cur = -1;
    const ui_filter_part *last = u->nfilt ? &u->filt[u->nfilt - 1] : NULL;
    if (!last) {
        u->nav = NAV_SEARCH;
        find_clear(u);
    } else if (last->entity) {
        u->nav = NAV_ENTITY;
    } else if (last->flags & SEARCH_REGEX) {
        find_set(u, last->text, last->flags, false);
    } else {
        find_set_query(u, last->text, last->flags);
    }
    reader_invalidate(u);
    u->dirty |= DIRTY_ALL;
}

/* Show the combined filter; false (the list untouched) when it leaves no
 * article. */
static bool apply(ui *u, char *err, size_t errlen)
{
    if (!u->nfilt) {
        list_unfilter(u);
        return true;
    }
    char label[sizeof u->list.what];
    size_t n = 0;
    search_hit *h = combine(u, &n, label, sizeof label, err, errlen);
    if (h && n)
        list_filter_hits(u, h, n, label);
    free(h);
    return h && n;
}

void filter_push_entity(ui *u, uint32_t id)
{
    ui_filter_part *last = u->nfilt ? &u->filt[u->nfilt - 1] : NULL;
    if (!(last && last->entity && last->id == id)) {
        if (u->nfilt == UI_FILTERS) {
            ui_msg(u, true, "Too many filters: Esc removes the last one");
            return;
        }
        memset(&u->filt[u->nfilt], 0, sizeof u->filt[0]);
        u->filt[u->nfilt].entity = true;
        u->filt[u->nfilt++].id = id;
    }
    char err[160];
    if (!apply(u, err, sizeof err)) { /* cannot be empty: it is named here */
        u->nfilt--;
        apply(u, err, sizeof err);
        return;
    }
    follow_last(u);
    u->nav = NAV_ENTITY;
}

bool filter_push_query(ui *u, const char *text, unsigned flags)
{
    if (u->nfilt == UI_FILTERS) {
        ui_msg(u, true, "Too many filters: Esc removes the last one");
        return false;
    }
    ui_filter_part *p = &u->filt[u->nfilt++];
    memset(p, 0, sizeof *p);
    snprintf(p->text, sizeof p->text, "%s", text);
    p->flags = flags;
    char err[160] = "";
    if (!apply(u, err, sizeof err)) {
        u->nfilt--;
        if (err[0])
            ui_msg(u, true, "%s", err);
        else
            ui_msg(u, true, "No article matches: %s%s", text,
                   u->nfilt ? " (with the filter)" : "");
        return false;
    }
    follow_last(u);
    return true;
}

bool filter_pop(ui *u)
{
    if (!u->nfilt)
        return false;
    u->nfilt--;
    char err[160];
    apply(u, err, sizeof err); /* a smaller filter keeps every article */
    follow_last(u);
    if (u->nfilt)
        ui_msg(u, false, "Filter: %s", u->list.what);
    return true;
}

void filter_clear(ui *u)
{
    u->nfilt = 0;
    list_unfilter(u);
}

bool filter_step_article(ui *u, bool forward)
{
    ui_list *l = &u->list;
    if (!l->filtered || !u->nfilt || u->filt[u->nfilt - 1].entity)
        return false;
    size_t row = l->sel;
    for (size_t i = 0; i < l->n; i++)
        if ((long)l->view[i] == u->rd.art)
            row = i;
    if (forward ? row + 1 >= l->n : row == 0) {
        ui_msg(u, true, "No %s article in the list: Esc removes the filter",
               forward ? "next" : "previous");
        return true;
    }
    list_set_sel(u, forward ? row + 1 : row - 1);
    long a = list_current(u);
    if (a >= 0)
        u->read[a] = true;
    find_refresh(u);
    if (u->find.nm)
        find_first(u, !forward, true);
    const article *art = a >= 0 ? store_summary(u->s, (size_t)a) : NULL;
    ui_msg(u, false, "%s article (%zu/%zu): %s", forward ? "Next" : "Previous",
           l->sel + 1, l->n, art ? art->label : "");
    u->dirty |= DIRTY_ALL;
    return true;
}
