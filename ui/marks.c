/* marks.c: the user's marks in the reader, and the list's order and
 * grouping remembered per set. Read, star and tags live in
 * the state database (src/state.c) and in per-article arrays here, so
 * drawing the list never asks the database; each change is written at
 * once, one transaction, and a failure to write is said in the status
 * line (the mark still holds for this session). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util.h"

#define TAG_MAX 64 /* tags in one prompt */

/* ---- opening and closing ----------------------------------------------- */

static void load_history(ui *u)
{
    size_t n = 0;
    char **h = state_history(u->mk.st, UI_HIST, &n);
    if (!h)
        return;
    for (size_t i = 0; i < n && u->pr.nhist < UI_HIST; i++)
        u->pr.hist[u->pr.nhist++] = h[i];
    for (size_t i = u->pr.nhist < n ? u->pr.nhist : n; i < n; i++)
        free(h[i]);
    free(h);
}

static void set_key(ui *u)
{
    const char *def = cli_default_set(NULL);
    if (u->o->npaths)
        state_set_key(u->o->paths, u->o->npaths, u->mk.setkey);
    else
        state_set_key(&def, 1, u->mk.setkey);
}

/* The marks of articles [from, n), from the state database. */
static void load_marks(ui *u, size_t from, size_t n)
{
    ui_marks *m = &u->mk;
    size_t k = n - from;
    const char **paths = lede_malloc((k ? k : 1) * sizeof *paths);
    uint64_t *hash = lede_malloc((k ? k : 1) * sizeof *hash);
    for (size_t i = 0; i < k; i++) {
        const article *a = store_summary(u->s, from + i);
        paths[i] = a->path;
        hash[i] = a->hash;
    }
    char **keys = state_key_paths(paths, k);
    m->keys = lede_realloc(m->keys, (n ? n : 1) * sizeof *m->keys);
    memcpy(m->keys + from, keys, k * sizeof *keys);
    free(keys);
    state_marks *sm = lede_calloc(k ? k : 1, sizeof *sm);
    if (state_load(m->st, k, hash, (const char *const *)m->keys + from, sm) != 0)
        ui_msg(u, true, "state: the marks could not be read");
    for (size_t i = 0; i < k; i++) {
        m->flags[from + i] = sm[i].flags;
        m->tags[from + i] = sm[i].tags; /* taken over */
        u->read[from + i] = (sm[i].flags & STATE_READ) != 0;
    }
    free(sm);
    free(hash);
    free(paths);
}

void marks_grow(ui *u, size_t old, size_t n)
{
    ui_marks *m = &u->mk;
    m->flags = lede_realloc(m->flags, n ? n : 1);
    memset(m->flags + old, 0, n - old);
    m->tags = lede_realloc(m->tags, (n ? n : 1) * sizeof *m->tags);
    memset(m->tags + old, 0, (n - old) * sizeof *m->tags);
    m->watched = lede_realloc(m->watched, n ? n : 1);
    memset(m->watched + old, 0, n - old);
    if (m->st)
        load_marks(u, old, n);
}

void marks_init(ui *u)
{
    ui_marks *m = &u->mk;
    size_t n = store_count(u->s);
    char path[4096], msg[8400];
    m->flags = lede_calloc(n ? n : 1, 1);
    m->tags = lede_calloc(n ? n : 1, sizeof *m->tags);
    m->watched = lede_calloc(n ? n : 1, 1);
    const lede_config *c = u->o->config;
    if (c && c->nwatch) {
        m->watch = hl_keywords_new();
        for (size_t i = 0; i < c->nwatch; i++)
            hl_keywords_add(m->watch, c->watch[i], strlen(c->watch[i]));
    }
    set_key(u);
    if (state_default_path(path, sizeof path) != 0) {
        ui_msg(u, true, "state: set HOME or XDG_STATE_HOME to keep marks");
        return;
    }
    m->st = state_open(path, true, msg, sizeof msg);
    if (msg[0])
        ui_msg(u, !m->st, "state: %s%s", msg,
               m->st ? "" : " (marks kept for this session only)");
    if (!m->st)
        return;
    load_marks(u, 0, n);
    load_history(u);
}

/* The text offset at the top of the reader: the place to come back to. */
static uint32_t reader_place(const ui *u)
{
    const ui_reader *r = &u->rd;
    if (r->anchored)
        return r->anchor;
    if (r->lay_art == r->art && r->top < r->lay.nlines)
        return r->lay.lines[r->top].off;
    return 0;
}

void marks_fini(ui *u)
{
    ui_marks *m = &u->mk;
    size_t n = store_count(u->s);
    if (m->st && u->rd.art >= 0 && m->keys)
        state_pos_save(m->st, m->setkey, store_summary(u->s, (size_t)u->rd.art)->hash,
                       m->keys[u->rd.art], reader_place(u));
    state_close(m->st);
    for (size_t i = 0; i < n; i++) {
        free(m->tags ? m->tags[i] : NULL);
        free(m->keys ? m->keys[i] : NULL);
    }
    free(m->tags);
    free(m->keys);
    free(m->flags);
    free(m->watched);
    hl_keywords_free(m->watch);
    memset(m, 0, sizeof *m);
}

void marks_restore(ui *u)
{
    ui_marks *m = &u->mk;
    uint64_t hash;
    char *path;
    uint32_t off;
    if (!m->st || state_pos_load(m->st, m->setkey, &hash, &path, &off) != 0)
        return;
    long art = -1;
    for (size_t i = 0; i < store_count(u->s); i++) {
        if (store_summary(u->s, i)->hash != hash)
            continue;
        if (art < 0 || !strcmp(m->keys[i], path))
            art = (long)i; /* the same path wins over a copy */
    }
    free(path);
    for (size_t row = 0; art >= 0 && row < u->list.n; row++) {
        if ((long)u->list.view[row] != art)
            continue;
        list_set_sel(u, row);
        reader_ensure(u);
        if (u->rd.art == art)
            reader_set_top(u, layout_line_of(&u->rd.lay, off));
        break;
    }
}

/* ---- the list's order and grouping ------------------------------------ */

int marks_view_load(ui *u)
{
    ui_marks *m = &u->mk;
    char so[32], gr[32];
    if (!m->st ||
        state_view_load(m->st, m->setkey, so, sizeof so, gr, sizeof gr) != 0)
        return -1;
    /* a name this lede does not know (a newer one's) is passed over;
     * relevance needs a query, so it is never the whole list's order */
    int s = cmd_sort_by_name(so);
    if (s >= 0 && s != UI_SORT_RELEVANCE && !u->o->sort_given)
        u->cmd.sort = s;
    return u->o->group_given ? -1 : group_by_parse(gr);
}

void marks_view_save(ui *u, bool sort, bool group)
{
    ui_marks *m = &u->mk;
    if (!m->st)
        return;
    const char *so = sort ? cmd_sort_name(u->cmd.sort) : NULL;
    const char *gr = group ? group_by_name((group_by)u->grp.by) : NULL;
    if (state_view_save(m->st, m->setkey, so, gr) != 0)
        ui_msg(u, true, "state: the %s could not be saved (database busy, "
               "read-only or of an older lede)", sort ? "order" : "grouping");
}

/* ---- read and star ----------------------------------------------------- */

/* The article a key acts on: the list's selection when the list has the
 * focus, else the one in the reader. */
static long target(const ui *u)
{
    return u->focus == PANE_LIST ? list_current(u) : u->rd.art;
}

static void set_flag(ui *u, long art, unsigned flag, bool on)
{
    ui_marks *m = &u->mk;
    if (on)
        m->flags[art] |= (uint8_t)flag;
    else
        m->flags[art] &= (uint8_t)~flag;
    if (flag == STATE_READ)
        u->read[art] = on;
    u->dirty |= DIRTY_LIST;
    if (m->st && state_set_flag(m->st, store_summary(u->s, (size_t)art)->hash,
                                m->keys[art], flag, on) != 0)
        ui_msg(u, true, "state: the mark could not be saved (database busy "
               "or read-only)");
}

void marks_opened(ui *u, long art)
{
    if (art < 0)
        return;
    if (!(u->mk.flags[art] & STATE_READ))
        set_flag(u, art, STATE_READ, true);
    /* the article shown, kept now too: a killed lede still comes back to
     * it (the place within it is saved at the end) */
    if (u->mk.st)
        state_pos_save(u->mk.st, u->mk.setkey, store_summary(u->s, (size_t)art)->hash,
                       u->mk.keys[art], 0);
}

void marks_toggle_read(ui *u)
{
    long a = target(u);
    if (a < 0)
        return;
    bool on = !(u->mk.flags[a] & STATE_READ);
    set_flag(u, a, STATE_READ, on);
    if (!u->msg[0])
        ui_msg(u, false, "%s", on ? "marked read" : "marked unread");
}

void marks_toggle_star(ui *u)
{
    long a = target(u);
    if (a < 0)
        return;
    bool on = !(u->mk.flags[a] & STATE_STAR);
    set_flag(u, a, STATE_STAR, on);
    if (!u->msg[0])
        ui_msg(u, false, "%s", on ? "starred" : "star taken away");
}

/* ---- tags -------------------------------------------------------------- */

/* Split "a, b,-c" into trimmed words (in place); returns the count. */
static size_t split_tags(char *s, char **w, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        char *end = strchr(s, ',');
        if (end)
            *end = '\0';
        while (*s == ' ')
            s++;
        size_t l = strlen(s);
        while (l && s[l - 1] == ' ')
            s[--l] = '\0';
        if (l)
            w[n++] = s;
        if (!end)
            break;
        s = end + 1;
    }
    return n;
}

static bool has_word(char *const *w, size_t n, const char *t)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(w[i], t))
            return true;
    return false;
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The article's tags as "a,b" (sorted, unique) from words, or NULL. */
static char *join_tags(char **w, size_t n)
{
    qsort(w, n, sizeof *w, by_str);
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(w[i]) + 1;
    char *r = lede_malloc(len);
    r[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!i || strcmp(w[i], w[i - 1])) {
            if (r[0])
                strcat(r, ",");
            strcat(r, w[i]);
        }
    if (!r[0]) {
        free(r);
        return NULL;
    }
    return r;
}

/* Edit the tags of art: the words typed are the tags it keeps or gets;
 * "-name" removes one; old tags not typed are removed. */
static void apply_tags(ui *u, long art, const char *text)
{
    ui_marks *m = &u->mk;
    char typed[512], old[4096], *tw[TAG_MAX], *ow[TAG_MAX], *keep[TAG_MAX];
    snprintf(typed, sizeof typed, "%s", text);
    snprintf(old, sizeof old, "%s", m->tags[art] ? m->tags[art] : "");
    size_t nt = split_tags(typed, tw, TAG_MAX), no = split_tags(old, ow, TAG_MAX);
    size_t nk = 0;
    bool bad = false;
    const article *a = store_summary(u->s, (size_t)art);
    for (size_t i = 0; i < nt; i++) {
        bool del = tw[i][0] == '-' && tw[i][1];
        const char *t = del ? tw[i] + 1 : tw[i];
        if (!del && !has_word(keep, nk, t))
            keep[nk++] = tw[i];
        if (!del && !has_word(ow, no, t) && m->st)
            bad |= state_tag(m->st, a->hash, m->keys[art], t, true) != 0;
    }
    for (size_t i = 0; i < no; i++)
        if (!has_word(keep, nk, ow[i]) && m->st)
            bad |= state_tag(m->st, a->hash, m->keys[art], ow[i], false) != 0;
    free(m->tags[art]);
    m->tags[art] = join_tags(keep, nk);
    u->dirty |= DIRTY_LIST;
    if (bad)
        ui_msg(u, true, "state: the tags could not be saved");
    else
        ui_msg(u, false, "tags: %s", m->tags[art] ? m->tags[art] : "(none)");
}

void marks_tags(ui *u)
{
    long a = target(u);
    if (a < 0)
        return;
    prompt_open(u, PROMPT_TAGS);
    const char *t = u->mk.tags[a];
    size_t k = 0;
    for (; t && *t && k + 3 < sizeof u->pr.buf; t++) {
        u->pr.buf[k++] = *t;
        if (*t == ',')
            u->pr.buf[k++] = ' ';
    }
    if (k && k + 3 < sizeof u->pr.buf) { /* ready for one more */
        u->pr.buf[k++] = ',';
        u->pr.buf[k++] = ' ';
    }
    u->pr.buf[k] = '\0';
    u->pr.len = k;
    u->mk.tag_art = a;
}

void marks_tag_filter(ui *u)
{
    prompt_open(u, PROMPT_TAG_FILTER);
}

static bool has_tag(const char *tags, const char *t)
{
    size_t tl = strlen(t);
    while (tags && *tags) {
        size_t l = strcspn(tags, ",");
        if (l == tl && !memcmp(tags, t, l))
            return true;
        tags += l + (tags[l] == ',');
    }
    return false;
}

static void filter_tag(ui *u, const char *text)
{
    char t[512], *w[1];
    snprintf(t, sizeof t, "%s", text);
    if (!split_tags(t, w, 1)) {
        ui_msg(u, true, "No tag given");
        return;
    }
    size_t n = 0;
    search_hit *h = lede_malloc((u->list.nbase ? u->list.nbase : 1) * sizeof *h);
    for (size_t i = 0; i < u->list.nbase; i++) {
        uint32_t a = u->list.base[i];
        if (has_tag(u->mk.tags[a], w[0]))
            h[n++] = (search_hit){a, 1, 0, 0};
    }
    if (!n) {
        ui_msg(u, true, "No article is tagged %s", w[0]);
    } else {
        char what[160];
        snprintf(what, sizeof what, "tag: %.140s", w[0]);
        list_unfilter(u);
        list_filter_hits(u, h, n, what);
        u->focus = PANE_LIST;
        geom_fix_focus(u);
        u->dirty |= DIRTY_ALL;
    }
    free(h);
}

void marks_prompt_accept(ui *u, ui_prompt_kind k, const char *text)
{
    if (k == PROMPT_TAGS && u->mk.tag_art >= 0 &&
        (size_t)u->mk.tag_art < store_count(u->s))
        apply_tags(u, u->mk.tag_art, text);
    else if (k == PROMPT_TAG_FILTER)
        filter_tag(u, text);
}

/* Every tag known: the database's (all sets), else this session's. */
static char **known_tags(ui *u, size_t *n)
{
    char **all = state_all_tags(u->mk.st, n);
    if (all)
        return all;
    size_t cap = 0, k = 0;
    all = NULL;
    LEDE_GROW(all, cap, 1);
    for (size_t i = 0; i < store_count(u->s); i++) {
        const char *t = u->mk.tags[i];
        while (t && *t) {
            size_t l = strcspn(t, ",");
            LEDE_GROW(all, cap, k + 2);
            all[k++] = lede_strndup(t, l);
            t += l + (t[l] == ',');
        }
    }
    all[k] = NULL;
    *n = k;
    return all;
}

void marks_complete(ui *u)
{
    ui_prompt *p = &u->pr;
    size_t start = p->len;
    while (start && p->buf[start - 1] != ',')
        start--;
    while (start < p->len && (p->buf[start] == ' ' || p->buf[start] == '-'))
        start++;
    const char *pre = p->buf + start;
    size_t pl = p->len - start, n = 0, hits = 0, common = 0;
    char **all = known_tags(u, &n);
    const char *first = NULL;
    char list[160] = "";
    for (size_t i = 0; i < n; i++) {
        if (strncmp(all[i], pre, pl))
            continue;
        if (!first) {
            first = all[i];
            common = strlen(first);
        } else {
            size_t c = 0;
            while (c < common && first[c] == all[i][c])
                c++;
            common = c;
        }
        hits++;
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", l ? " " : "", all[i]);
    }
    if (first && common > pl && start + common < sizeof p->buf) {
        memcpy(p->buf + start, first, common);
        p->len = start + common;
        p->buf[p->len] = '\0';
    }
    snprintf(p->err, sizeof p->err, "%s", !hits ? "no such tag" :
             hits > 1 ? list : "");
    for (size_t i = 0; i < n; i++)
        free(all[i]);
    free(all);
    u->dirty |= DIRTY_STATUS;
}

/* ---- the watchlist ----------------------------------------------------- */

static uint32_t watch_count(ui *u, uint32_t art)
{
    const article *a = store_get(u->s, art);
    search_match *m = NULL;
    size_t cap = 0, n = hl_keywords_find(u->mk.watch, a->text, a->len, &m, &cap);
    free(m);
    u->mk.watched[art] = n ? 2 : 1;
    return (uint32_t)n;
}

bool marks_watched(ui *u, uint32_t art)
{
    if (!u->mk.watch)
        return false;
    if (!u->mk.watched[art])
        watch_count(u, art);
    return u->mk.watched[art] == 2;
}

void marks_watch_filter(ui *u)
{
    if (!u->mk.watch) {
        ui_msg(u, true, "No watched names: add watch NAME lines to the "
               "configuration");
        return;
    }
    size_t n = 0;
    search_hit *h = lede_malloc((u->list.nbase ? u->list.nbase : 1) * sizeof *h);
    for (size_t i = 0; i < u->list.nbase; i++) {
        uint32_t c = watch_count(u, u->list.base[i]);
        if (c)
            h[n++] = (search_hit){u->list.base[i], c, 0, 0};
    }
    if (!n) {
        ui_msg(u, true, "No article names a watched name");
    } else {
        list_unfilter(u);
        list_filter_hits(u, h, n, "watched names");
        u->focus = PANE_LIST;
        geom_fix_focus(u);
        u->dirty |= DIRTY_ALL;
        ui_msg(u, false, "%zu article%s name%s a watched name", n,
               n == 1 ? "" : "s", n == 1 ? "s" : "");
    }
    free(h);
}

/* ---- history ----------------------------------------------------------- */

void marks_history_add(ui *u, const char *line)
{
    if (u->mk.st && state_history_add(u->mk.st, line) != 0)
        ui_msg(u, true, "state: the search history could not be saved");
}

/* ---- highlight rules with a colour ------------------------------------- */

static int by_off(const void *x, const void *y)
{
    const hl_span *a = x, *b = y;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    return a->cls < b->cls ? -1 : a->cls > b->cls; /* the earlier rule */
}

/* The matches of the /regex/ rules in a, sorted, overlaps dropped. */
static void regex_hits(ui *u, const article *a)
{
    search_match *m = NULL;
    size_t cap = 0;
    u->nrule_hits = 0;
    for (size_t r = 0; r < u->nrules; r++) {
        if (!u->rule_re[r])
            continue;
        size_t k = search_article(u->rule_re[r], a, &m, &cap);
        LEDE_GROW(u->rule_hits, u->rule_hits_cap, u->nrule_hits + k);
        for (size_t i = 0; i < k; i++)
            u->rule_hits[u->nrule_hits++] =
                (hl_span){m[i].off, m[i].len, (uint8_t)(HL_NCLASSES + r)};
    }
    free(m);
    if (!u->nrule_hits)
        return;
    qsort(u->rule_hits, u->nrule_hits, sizeof *u->rule_hits, by_off);
    size_t keep = 0;
    for (size_t i = 0; i < u->nrule_hits; i++) {
        const hl_span *p = keep ? &u->rule_hits[keep - 1] : NULL;
        if (!p || u->rule_hits[i].off >= p->off + p->len)
            u->rule_hits[keep++] = u->rule_hits[i];
    }
    u->nrule_hits = keep;
}

void rules_recolor(ui *u, const article *a, hl_span *spans, size_t n)
{
    search_match *m = NULL;
    size_t cap = 0;
    for (size_t r = 0; r < u->nrules; r++) {
        if (!u->rule_kw[r])
            continue;
        size_t k = hl_keywords_find(u->rule_kw[r], a->text, a->len, &m, &cap);
        size_t s = 0;
        /* both lists are sorted by offset: one merge pass */
        for (size_t i = 0; i < k; i++) {
            while (s < n && spans[s].off < m[i].off)
                s++;
            if (s < n && spans[s].off == m[i].off && spans[s].cls == HL_KEYWORD)
                spans[s].cls = (uint8_t)(HL_NCLASSES + r);
        }
    }
    free(m);
    regex_hits(u, a);
}

bool rules_style_at(const ui *u, uint32_t off, ui_style *st)
{
    size_t lo = 0, hi = u->nrule_hits;
    while (lo < hi) { /* the first hit ending after off */
        size_t mid = (lo + hi) / 2;
        const hl_span *h = &u->rule_hits[mid];
        if (h->off + h->len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == u->nrule_hits || u->rule_hits[lo].off > off)
        return false;
    *st = color_of(u, u->rule_hits[lo].cls);
    return true;
}
