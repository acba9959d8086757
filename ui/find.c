/* find.c: the in-article search (as in less: the pattern stays when the
 * article changes; n repeats in the direction of the last search, N the
 * other way) and stepping through the selected entity's mentions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

void find_fini(ui *u)
{
    search_free(u->find.q);
    query_free(u->find.set);
    free(u->find.m);
    memset(&u->find, 0, sizeof u->find);
}

void find_clear(ui *u)
{
    search_free(u->find.q);
    u->find.q = NULL;
    query_free(u->find.set);
    u->find.set = NULL;
    u->find.nm = 0;
    u->find.cur = -1;
    u->find.m_art = -1;
    u->find.pat[0] = '\0';
    reader_invalidate(u);
}

void find_refresh(ui *u)
{
    ui_find *f = &u->find;
    if (!find_active(f) || u->rd.art < 0 || f->m_art == u->rd.art)
        return;
    if (f->set) /* a set query: its words, phrases and entities */
        f->nm = query_marks(f->set, u->s, (size_t)u->rd.art, &f->m, &f->mcap);
    else
        f->nm = search_article(f->q, store_get(u->s, (size_t)u->rd.art),
                               &f->m, &f->mcap);
    f->m_art = u->rd.art;
    f->cur = -1;
    reader_invalidate(u);
}

bool find_set(ui *u, const char *pat, unsigned flags, bool report)
{
    char err[256] = "";
    search_query *q = search_compile(pat, flags, err, sizeof err);
    if (!q) {
        if (report)
            ui_msg(u, true, "%s", err[0] ? err : "bad pattern");
        return false;
    }
    search_free(u->find.q);
    u->find.q = q;
    query_free(u->find.set);
    u->find.set = NULL;
    snprintf(u->find.pat, sizeof u->find.pat, "%s", pat);
    u->find.flags = flags;
    u->find.m_art = -1;
    u->nav = NAV_SEARCH;
    find_refresh(u);
    return true;
}

bool find_set_query(ui *u, const char *text, unsigned flags)
{
    char err[160];
    query *q = query_parse(text, flags, err, sizeof err);
    if (!q)
        return false;
    search_free(u->find.q);
    u->find.q = NULL;
    query_free(u->find.set);
    u->find.set = q;
    snprintf(u->find.pat, sizeof u->find.pat, "%s", text);
    u->find.flags = flags;
    u->find.m_art = -1;
    u->find.cur = -1;
    u->find.backward = false;
    u->nav = NAV_SEARCH;
    find_refresh(u);
    return true;
}

/* Offset the view starts at, for "from here" searches. */
static uint32_t view_off(ui *u)
{
    reader_ensure(u);
    const layout *l = &u->rd.lay;
    return u->rd.top < l->nlines ? l->lines[u->rd.top].off : 0;
}

static void find_go(ui *u, long i)
{
    u->find.cur = i;
    u->nav = NAV_SEARCH;
    reader_show(u, u->find.m[i].off);
    u->dirty |= DIRTY_READER | DIRTY_STATUS;
}

void find_first(ui *u, bool back, bool from_top)
{
    ui_find *f = &u->find;
    find_refresh(u);
    if (!find_active(f))
        return;
    if (!f->nm) {
        ui_msg(u, true, "Pattern not found: %s", f->pat);
        f->cur = -1;
        u->dirty |= DIRTY_READER;
        return;
    }
    uint32_t at = from_top ? 0 : view_off(u);
    long i;
    if (!back) {
        for (i = 0; i < (long)f->nm && f->m[i].off < at; i++)
            ;
        if (i == (long)f->nm) {
            i = 0;
            ui_msg(u, false, "search wrapped");
        }
    } else {
        for (i = (long)f->nm - 1; i >= 0 && f->m[i].off >= at; i--)
            ;
        if (i < 0 || from_top) {
            i = (long)f->nm - 1;
            if (!from_top)
                ui_msg(u, false, "search wrapped");
        }
    }
    find_go(u, i);
}

static void find_step_match(ui *u, bool forward)
{
    ui_find *f = &u->find;
    find_refresh(u);
    if (f->backward)
        forward = !forward;
    if (!f->nm && filter_step_article(u, forward))
        return;
    if (!f->nm) {
        ui_msg(u, true, "Pattern not found: %s", f->pat);
        return;
    }
    if (f->cur < 0) {
        find_first(u, !forward, false);
        return;
    }
    long i = f->cur + (forward ? 1 : -1);
    if (i < 0 || i >= (long)f->nm) {
        if (filter_step_article(u, forward)) /* as less: the next file */
            return;
        i = i < 0 ? (long)f->nm - 1 : 0;
        ui_msg(u, false, "search wrapped");
    }
    find_go(u, i);
}

/* Mentions of the selected entity in the shown article. */
static size_t ent_count(ui *u, long want, uint32_t *off)
{
    size_t n, k = 0;
    const entity_mention *m = entity_mentions(u->et, (uint32_t)u->rd.art, &n);
    for (size_t i = 0; i < n; i++)
        if ((long)m[i].entity == u->entity) {
            if ((long)k == want && off)
                *off = m[i].off;
            k++;
        }
    return k;
}

static void find_step_entity(ui *u, bool forward)
{
    size_t n = u->rd.art >= 0 ? ent_count(u, -1, NULL) : 0;
    if (!n) {
        ui_msg(u, true, "%s is not named in this article",
               entity_name(u->et, (uint32_t)u->entity));
        return;
    }
    long i = u->ent_cur + (forward ? 1 : -1);
    if (u->ent_cur < 0)
        i = forward ? 0 : (long)n - 1;
    else if (i < 0 || i >= (long)n) {
        i = i < 0 ? (long)n - 1 : 0;
        ui_msg(u, false, "search wrapped");
    }
    uint32_t off = 0;
    ent_count(u, i, &off);
    u->ent_cur = i;
    reader_show(u, off);
    u->dirty |= DIRTY_READER | DIRTY_STATUS;
}

void find_step(ui *u, bool forward)
{
    if (u->nav == NAV_ENTITY && u->entity >= 0)
        find_step_entity(u, forward);
    else if (find_active(&u->find))
        find_step_match(u, forward);
    else
        ui_msg(u, true, "No previous search");
}

void find_status(ui *u, char *buf, size_t n)
{
    buf[0] = '\0';
    if (u->nav == NAV_ENTITY && u->entity >= 0 && u->rd.art >= 0) {
        size_t k = ent_count(u, -1, NULL);
        const char *name = entity_name(u->et, (uint32_t)u->entity);
        if (u->ent_cur >= 0)
            snprintf(buf, n, "%s %ld/%zu", name, u->ent_cur + 1, k);
        else
            snprintf(buf, n, "%s -/%zu", name, k);
    } else if (find_active(&u->find)) {
        find_refresh(u);
        const char *dir = u->find.backward ? "?" : "/";
        if (u->find.cur >= 0)
            snprintf(buf, n, "%s%.40s %ld/%zu", dir, u->find.pat,
                     u->find.cur + 1, u->find.nm);
        else
            snprintf(buf, n, "%s%.40s -/%zu", dir, u->find.pat, u->find.nm);
    }
}
