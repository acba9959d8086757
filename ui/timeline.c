/* timeline.c: the timeline overlay: the current list's articles (or one
 * name's mentions) by day, week or month, a bar of block characters per
 * bucket, the shown article's date marked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util.h"

/* Bar of `cells` eighths of a column, drawn with block characters. */
static int draw_bar(int y, int x, uint64_t eighths, int maxw, ui_style st)
{
    static const char *const part[] = {"", "\xe2\x96\x8f", "\xe2\x96\x8e",
        "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a",
        "\xe2\x96\x89"};
    int used = 0;
    for (; eighths >= 8 && used < maxw; eighths -= 8)
        used += draw_text(y, x + used, "\xe2\x96\x88", 3, 1, st);
    if (eighths && used < maxw)
        used += draw_text(y, x + used, part[eighths], 3, 1, st);
    return used;
}

void timeline_open(ui *u, long entity)
{
    ui_timeline *t = &u->tl;
    story_timeline_fini(&t->tl);
    size_t n = u->list.n;
    int64_t *keys = lede_malloc((n ? n : 1) * sizeof *keys);
    uint32_t *w = NULL;
    for (size_t i = 0; i < n; i++)
        keys[i] = store_summary(u->s, u->list.view[i])->date_key;
    if (entity >= 0 && u->et) {
        /* its mentions per article of the list */
        size_t na = store_count(u->s), ne;
        uint32_t *per = lede_calloc(na ? na : 1, sizeof *per);
        const entity_tally *ea = entity_articles(u->et, (uint32_t)entity, &ne);
        for (size_t i = 0; i < ne; i++)
            per[ea[i].id] = ea[i].count;
        w = lede_malloc((n ? n : 1) * sizeof *w);
        for (size_t i = 0; i < n; i++)
            w[i] = per[u->list.view[i]];
        free(per);
        snprintf(t->what, sizeof t->what, "mentions of %s",
                 entity_name(u->et, (uint32_t)entity));
    } else {
        snprintf(t->what, sizeof t->what, "%zu articles", n);
    }
    story_timeline_build(&t->tl, keys, w, n);
    free(keys);
    free(w);
    const article *a = u->rd.art >= 0 ? store_summary(u->s, (size_t)u->rd.art) : NULL;
    t->mark = a ? story_timeline_bucket(&t->tl, a->date_key) : -1;
    size_t page = LINES > 4 ? (size_t)LINES - 4 : 1;
    t->top = t->mark > (long)(page / 2) ? (size_t)t->mark - page / 2 : 0;
    t->on = true;
    u->dirty |= DIRTY_ALL | DIRTY_CLEAR;
}

void timeline_fini(ui *u)
{
    story_timeline_fini(&u->tl.tl);
}

void timeline_draw(ui *u)
{
    ui_timeline *t = &u->tl;
    const story_timeline *tl = &t->tl;
    int h = LINES - 1;
    for (int y = 0; y < h; y++)
        draw_fill(y, 0, COLS, u->role[ROLE_TEXT]);
    char b[320];
    snprintf(b, sizeof b, "Timeline: %s by %s, %llu undated  (j k scroll, q closes)",
             t->what, story_unit_name(tl->unit), (unsigned long long)tl->undated);
    draw_text_ellipsis(0, 1, b, strlen(b), COLS - 2, u->role[ROLE_TITLE]);
    if (!tl->nbuckets) {
        draw_text(2, 1, "(nothing dated)", 15, COLS - 1, u->role[ROLE_META]);
        return;
    }
    size_t page = h > 2 ? (size_t)h - 2 : 1;
    if (t->top + page > tl->nbuckets)
        t->top = tl->nbuckets > page ? tl->nbuckets - page : 0;
    int barw = COLS - 12 - 24; /* room for " 12345 ◀ this article" */
    for (size_t i = 0; i < page && t->top + i < tl->nbuckets; i++) {
        size_t k = t->top + i;
        int y = 2 + (int)i;
        bool mark = (long)k == t->mark;
        ui_style st = mark ? u->role[ROLE_SEL] : u->role[ROLE_META];
        story_timeline_label(tl, k, b, sizeof b);
        draw_text(y, 1, b, strlen(b), 11, st);
        int used = 0;
        if (barw > 0 && tl->max)
            used = draw_bar(y, 12, (uint64_t)tl->count[k] * 8 * (uint64_t)barw / tl->max,
                            barw, u->cls[HL_PLACE]);
        int n = snprintf(b, sizeof b, " %u%s", tl->count[k],
                         mark ? " \xe2\x97\x80 this article" : "");
        draw_text(y, 12 + used, b, (size_t)n, COLS - 12 - used, mark ? st : u->role[ROLE_TEXT]);
    }
}

void timeline_key(ui *u, ui_action a)
{
    ui_timeline *t = &u->tl;
    size_t page = LINES > 4 ? (size_t)LINES - 3 : 1;
    u->dirty |= DIRTY_ALL;
    switch (a) {
    case ACT_QUIT: case ACT_CLEAR: case ACT_TIMELINE:
        t->on = false;
        u->dirty |= DIRTY_CLEAR;
        return;
    case ACT_QUIT_ALL: u->quit = true; return;
    case ACT_DOWN: t->top++; break;
    case ACT_UP: t->top -= t->top > 0; break;
    case ACT_PAGE_DOWN: case ACT_HALF_DOWN: t->top += page; break;
    case ACT_PAGE_UP: case ACT_HALF_UP: t->top = t->top > page ? t->top - page : 0; break;
    case ACT_TOP: t->top = 0; break;
    case ACT_BOTTOM: t->top = t->tl.nbuckets; break;
    case ACT_HELP: u->help = true; u->help_top = 0; return;
    default:
        ui_msg(u, false, "that key does nothing in the timeline (h for help)");
        break;
    }
}
