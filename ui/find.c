/* find.c: the in-article search (as in less: the pattern stays when the
 * article changes; n repeats in the direction of the last search, N the
 * other way) and stepping through the selected entity's mentions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "text.h"

void find_fini(ui *u)
{
    search_free(u->find.q);
    free(u->find.m);
    memset(&u->find, 0, sizeof u->find);
}

void find_clear(ui *u)
{
    search_free(u->find.q);
    u->find.q = NULL;
    u->find.nm = 0;
    u->find.cur = -1;
    u->find.m_art = -1;
    u->find.pat[0] = '\0';
    reader_invalidate(u);
}

void find_refresh(ui *u)
{
    ui_find *f = &u->find;
    if (!f->q || u->rd.art < 0 || f->m_art == u->rd.art)
        return;
    f->nm = search_article(f->q, store_get(u->s, (size_t)u->rd.art), &f->m,
                           &f->mcap);
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
    snprintf(u->find.pat, sizeof u->find.pat, "%s", pat);
    u->find.flags = flags;
    u->find.m_art = -1;
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
    if (!f->q)
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
    else if (u->find.q)
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
    } else if (u->find.q) {
        find_refresh(u);
        const char *dir = u->find.backward ? "?" : "/";
        char pat[sizeof u->find.pat];
        status_pattern(u->find.pat, patcols, pat, sizeof pat);
        if (u->find.cur >= 0)
            snprintf(buf, n, "%s%s %ld/%zu", dir, pat, u->find.cur + 1,
                     u->find.nm);
        else
            snprintf(buf, n, "%s%s -/%zu", dir, pat, u->find.nm);
    }
}
