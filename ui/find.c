/* find.c: the in-article search (as in less: the pattern stays when the
 * article changes; n repeats in the direction of the last search, N the
 * other way) and stepping through the selected entity's mentions. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "private.h"
#include "text.h"
#include "util.h"

void find_fini(ui *u)
{
    search_free(u->find.q);
    query_free(u->find.set);
    free(u->find.m);
    free(u->find.tmp);
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
    u->find.complete = true;
    u->find.pat[0] = '\0';
    reader_invalidate(u);
}

/* A stretch of text searched at a time, and how far past its end the
 * search reads so that a match starting inside it is found whole. */
enum { FIND_STRETCH = 128 * 1024, FIND_OVERLAP = 4096 };

/* Where the stretch from `start` in block b ends: just after a space
 * (so that word edges are as in the whole block), or the block's end. */
static uint32_t stretch_end(const char *t, uint32_t start, uint32_t bend,
                            bool regex)
{
    /* a regular expression may look anywhere (^, lookbehind): a block
     * is searched whole */
    if (regex || bend - start <= FIND_STRETCH + FIND_OVERLAP)
        return bend;
    uint32_t p = start + FIND_STRETCH, lim = start + FIND_STRETCH / 2;
    while (p > lim && t[p - 1] != ' ' && t[p - 1] != '\n')
        p--;
    return p > lim ? p : bend;
}

/* Search the next stretch of the article; false when all is done. */
static bool find_stretch(ui *u, const article *a)
{
    ui_find *f = &u->find;
    while (f->blk < a->nblocks &&
           a->blocks[f->blk].off + a->blocks[f->blk].len <= f->done)
        f->blk++;
    if (f->blk >= a->nblocks) {
        f->complete = true;
        return false;
    }
    const article_block *b = &a->blocks[f->blk];
    uint32_t start = f->done > b->off ? f->done : b->off;
    uint32_t bend = b->off + b->len;
    uint32_t end = stretch_end(a->text, start, bend,
                               (f->flags & SEARCH_REGEX) != 0);
    uint32_t scan = end == bend ? bend
                    : (bend - end > FIND_OVERLAP ? end + FIND_OVERLAP : bend);
    size_t n = search_text(f->q, a->text + start, scan - start, &f->tmp,
                           &f->tmpcap);
    uint32_t next = end;
    for (size_t i = 0; i < n && start + f->tmp[i].off < end; i++) {
        LEDE_GROW(f->m, f->mcap, f->nm + 1);
        f->m[f->nm] = f->tmp[i];
        f->m[f->nm].off += start;
        /* the next stretch starts after a match running over the end */
        if (f->m[f->nm].off + f->m[f->nm].len > next)
            next = f->m[f->nm].off + f->m[f->nm].len;
        f->nm++;
    }
    f->done = next;
    return true;
}

static double clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

bool find_pending(const ui *u)
{
    return u->find.q && u->find.m_art >= 0 && u->find.m_art == u->rd.art &&
           !u->find.complete;
}

void find_work(ui *u, double ms)
{
    ui_find *f = &u->find;
    if (!find_pending(u))
        return;
    const article *a = store_get(u->s, (size_t)f->m_art);
    size_t before = f->nm;
    double t0 = clock_ms();
    while (find_stretch(u, a) && clock_ms() - t0 < ms)
        ;
    u->dirty |= DIRTY_STATUS;
    /* new matches on screen (or near it) must be drawn */
    for (size_t i = before; i < f->nm; i++)
        if (f->m[i].off < u->rd.span_to &&
            f->m[i].off + f->m[i].len > u->rd.span_from) {
            reader_invalidate(u);
            break;
        }
}

/* Search until a match starts at or after off (or all is searched). */
static void find_until(ui *u, uint32_t off)
{
    ui_find *f = &u->find;
    if (!find_pending(u))
        return;
    const article *a = store_get(u->s, (size_t)f->m_art);
    while ((!f->nm || f->m[f->nm - 1].off < off) && find_stretch(u, a))
        ;
    reader_invalidate(u);
}

/* Search until at least `want` matches are known (or all is searched). */
static void find_count(ui *u, size_t want)
{
    ui_find *f = &u->find;
    if (!find_pending(u))
        return;
    const article *a = store_get(u->s, (size_t)f->m_art);
    while (f->nm < want && find_stretch(u, a))
        ;
    reader_invalidate(u);
}

void find_refresh(ui *u)
{
    ui_find *f = &u->find;
    if (!find_active(f) || u->rd.art < 0 || f->m_art == u->rd.art)
        return;
    f->nm = 0;
    f->done = 0;
    f->blk = 0;
    f->complete = false;
    if (f->set) { /* a set query: its words, phrases and entities, at once */
        f->nm = query_marks(f->set, u->s, (size_t)u->rd.art, &f->m, &f->mcap);
        f->complete = true;
    }
    f->m_art = u->rd.art;
    f->cur = -1;
    find_count(u, 1); /* the first match, or that there is none */
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
    if (back && from_top)
        find_count(u, SIZE_MAX); /* the last match: all of them */
    else
        find_until(u, at); /* the matches up to the view, one after it */
    size_t lo = 0, hi = f->nm; /* the first match at or after the view */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->m[mid].off < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!back) {
        i = (long)lo;
        if (i == (long)f->nm) { /* none after the view: all were found */
            i = 0;
            ui_msg(u, false, "search wrapped");
        }
    } else {
        i = (long)lo - 1;
        if (i < 0 || from_top) {
            find_count(u, SIZE_MAX); /* wrapping to the last match */
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
    if (i < 0)
        find_count(u, SIZE_MAX); /* wrapping to the last match */
    else
        find_count(u, (size_t)i + 1);
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

/* The pattern for the status line: at most cols columns, cut with an
 * ellipsis. */
static void status_pattern(const char *pat, int cols, char *out, size_t n)
{
    size_t len = strlen(pat);
    if (cols < 1)
        cols = 1;
    if (text_width(pat, len) <= (size_t)cols) {
        snprintf(out, n, "%s", pat);
        return;
    }
    size_t keep = text_fit(pat, len, (size_t)cols - 1);
    snprintf(out, n, "%.*s\xe2\x80\xa6", (int)keep, pat);
}

void find_status(ui *u, char *buf, size_t n, int patcols)
{
    buf[0] = '\0';
    if (u->nav == NAV_ENTITY && u->entity >= 0 && u->rd.art >= 0) {
        size_t k = ent_count(u, -1, NULL);
        char name[sizeof u->find.pat];
        status_pattern(entity_name(u->et, (uint32_t)u->entity), patcols,
                       name, sizeof name);
        if (u->ent_cur >= 0)
            snprintf(buf, n, "%s %ld/%zu", name, u->ent_cur + 1, k);
        else
            snprintf(buf, n, "%s -/%zu", name, k);
    } else if (find_active(&u->find)) {
        find_refresh(u);
        const char *dir = u->find.backward ? "?" : "/";
        char pat[sizeof u->find.pat];
        status_pattern(u->find.pat, patcols, pat, sizeof pat);
        /* "3/17+": 17 found so far, the count is still going */
        const char *more = find_pending(u) ? "+" : "";
        if (u->find.cur >= 0)
            snprintf(buf, n, "%s%s %ld/%zu%s", dir, pat, u->find.cur + 1,
                     u->find.nm, more);
        else
            snprintf(buf, n, "%s%s -/%zu%s", dir, pat, u->find.nm, more);
    }
}
