/* list.c: the article list pane: rows, selection, filters. Only the
 * visible rows are drawn, so 100,000 articles scroll like ten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "text.h"
#include "util.h"

/* The store's order nearest to the list's: by date, else by path. */
static store_order base_order(const ui *u)
{
    return u->cmd.sort == UI_SORT_DATE ? STORE_ORDER_DATE : STORE_ORDER_PATH;
}

/* True when the store's order is not the list's and the rows need a
 * sort of their own (headline, source, new share), or grouping. */
static bool needs_sort(const ui *u)
{
    return (u->cmd.sort != UI_SORT_DATE && u->cmd.sort != UI_SORT_PATH) ||
           u->grp.by != GROUP_NONE;
}

void list_init(ui *u)
{
    ui_list *l = &u->list;
    l->nbase = store_count(u->s);
    l->base = lede_malloc((l->nbase ? l->nbase : 1) * sizeof *l->base);
    store_order_by(u->s, base_order(u), l->base);
    l->nbase = story_ui_collapse(u, l->base, NULL, l->nbase);
    l->view = l->base;
    l->n = l->nbase;
    l->counts = NULL;
    l->filtered = false;
    if (needs_sort(u))
        cmd_sort_rows(u, u->cmd.sort);
}

static void list_keep_visible(ui *u);

/* More articles arrived (the set is still loading): the base order is
 * made again, with duplicates one row as in list_init (a new copy of an
 * article already listed joins its row), and the selection stays on its
 * article. A filtered view is left as it is; clearing the filter shows
 * the new articles. */
void list_grow(ui *u)
{
    ui_list *l = &u->list;
    size_t n = store_count(u->s);
    long cur = l->filtered ? -1 : list_current(u);
    uint32_t *base = lede_malloc((n ? n : 1) * sizeof *base);
    store_order_by(u->s, base_order(u), base);
    n = story_ui_collapse(u, base, NULL, n);
    bool shown = l->view == l->base;
    free(l->base);
    l->base = base;
    l->nbase = n;
    u->grp.base_dirty = false; /* base is in the store's order again */
    l->base_stale = !shown && needs_sort(u);
    if (shown) {
        l->view = base;
        l->n = n;
        /* the list's own order and its groups take in the new rows */
        if (needs_sort(u))
            cmd_sort_rows(u, u->cmd.sort);
        for (size_t i = 0; cur >= 0 && i < l->n; i++)
            if ((long)l->view[i] == cur) {
                l->sel = i;
                break;
            }
        if (group_on(u))
            group_follow(u, false);
        else
            list_keep_visible(u);
    }
    u->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

void list_fini(ui *u)
{
    ui_list *l = &u->list;
    if (l->view != l->base)
        free(l->view);
    free(l->counts);
    free(l->base);
    memset(l, 0, sizeof *l);
}

long list_current(const ui *u)
{
    const ui_list *l = &u->list;
    return l->n ? (long)l->view[l->sel] : -1;
}

static void list_keep_visible(ui *u)
{
    ui_list *l = &u->list;
    size_t h = u->r[PANE_LIST].h > 0 ? (size_t)u->r[PANE_LIST].h : 1;
    if (l->sel < l->top)
        l->top = l->sel;
    if (l->sel >= l->top + h)
        l->top = l->sel - h + 1;
    if (l->n <= h)
        l->top = 0;
    else if (l->top > l->n - h)
        l->top = l->n - h;
}

void list_set_sel(ui *u, size_t sel)
{
    ui_list *l = &u->list;
    if (!l->n)
        return;
    l->sel = sel >= l->n ? l->n - 1 : sel;
    if (group_on(u))
        group_follow(u, true); /* a folded group opens to show it */
    else
        list_keep_visible(u);
    u->dirty |= DIRTY_LIST;
    if (list_current(u) != u->rd.art)
        reader_open(u, list_current(u));
}

void list_move(ui *u, long delta)
{
    if (group_on(u)) {
        group_move(u, delta);
        return;
    }
    long s = (long)u->list.sel + delta;
    list_set_sel(u, s < 0 ? 0 : (size_t)s);
}

void list_click(ui *u, int row)
{
    size_t r = u->list.top + (size_t)row;
    if (group_on(u))
        group_click(u, row);
    else if (r < u->list.n)
        list_set_sel(u, r);
}

/* Use the filtered rows in view/counts; keep the shown article selected
 * when it is among them. */
static void list_adopt(ui *u, size_t n, const char *what)
{
    ui_list *l = &u->list;
    l->n = story_ui_collapse(u, l->view, l->counts, n);
    n = l->n;
    l->filtered = true;
    u->cmd.fsort = UI_SORT_RELEVANCE; /* filters come best first */
    group_refresh(u);
    snprintf(l->what, sizeof l->what, "%s", what);
    size_t sel = 0;
    l->top = 0;
    for (size_t i = 0; i < n; i++)
        if ((long)l->view[i] == u->rd.art)
            sel = i;
    list_set_sel(u, sel); /* the reader follows when the article left */
    u->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

static void list_room(ui *u, size_t n)
{
    ui_list *l = &u->list;
    if (l->view == l->base) {
        l->view = NULL;
        l->cap = 0;
        free(l->counts);
        l->counts = NULL;
    }
    size_t cap = l->cap;
    LEDE_GROW(l->view, l->cap, n);
    LEDE_GROW(l->counts, cap, n);
}

static int by_count(const void *a, const void *b)
{
    const entity_tally *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->id < y->id ? -1 : x->id > y->id;
}

void list_filter_entity(ui *u, uint32_t id)
{
    size_t n = 0;
    const entity_tally *ec = entity_articles(u->et, id, &n);
    entity_tally *tmp = lede_malloc((n ? n : 1) * sizeof *tmp);
    memcpy(tmp, ec, n * sizeof *tmp);
    qsort(tmp, n, sizeof *tmp, by_count); /* most mentions first */
    list_room(u, n);
    for (size_t i = 0; i < n; i++) {
        u->list.view[i] = tmp[i].id;
        u->list.counts[i] = tmp[i].count;
    }
    free(tmp);
    list_adopt(u, n, entity_name(u->et, id));
}

void list_filter_hits(ui *u, const search_hit *h, size_t n, const char *what)
{
    list_room(u, n);
    for (size_t i = 0; i < n; i++) {
        u->list.view[i] = h[i].article;
        u->list.counts[i] = h[i].count;
    }
    list_adopt(u, n, what);
}

void list_unfilter(ui *u)
{
    ui_list *l = &u->list;
    if (!l->filtered)
        return;
    free(l->view);
    free(l->counts);
    l->counts = NULL;
    l->cap = 0;
    l->view = l->base;
    l->n = l->nbase;
    l->filtered = false;
    l->sel = 0;
    if (l->base_stale) /* articles came in while filtered */
        cmd_sort_rows(u, u->cmd.sort);
    else
        group_refresh(u);
    l->base_stale = false;
    for (size_t i = 0; i < l->n; i++)
        if ((long)l->view[i] == u->rd.art)
            l->sel = i;
    if (group_on(u))
        group_follow(u, false);
    else
        list_keep_visible(u);
    u->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

/* Draw the text of block b (if any) in `w` columns, ellipsised. */
static void draw_block_at(const article *a, int32_t b, int y, int x, int w,
                          ui_style st)
{
    if (b < 0 || w <= 0)
        return;
    const article_block *bl = &a->blocks[b];
    draw_text_ellipsis(y, x, a->text + bl->off, bl->len, w, st);
}

static void draw_date(const article *a, int y, int x, ui_style st)
{
    char d[16];
    if (a->date_key < 0)
        return;
    long long k = a->date_key / 1000000;
    snprintf(d, sizeof d, "%04lld-%02lld-%02lld", k / 10000, k / 100 % 100,
             k % 100);
    draw_text(y, x, d, strlen(d), 10, st);
}

/* The marks before a headline, in two columns: a star for a starred
 * article, else a check mark for a read one (unread headlines are bold
 * too), then a diamond when it names a watched name. */
static void list_marks(ui *u, uint32_t ai, int y, int x, ui_style st, bool sel)
{
    const uint8_t f = u->mk.flags ? u->mk.flags[ai] : 0;
    if (f & STATE_STAR)
        draw_text(y, x, "\xe2\x98\x85", 3, 1,
                  sel ? style_with(st, A_BOLD) : u->role[ROLE_STAR]); /* ★ */
    else if (u->read[ai])
        draw_text(y, x, "\xe2\x9c\x93", 3, 1, st); /* check mark */
    if (marks_watched(u, ai))
        draw_text(y, x + 1, "\xe2\x97\x86", 3, 1,
                  sel ? style_with(st, A_BOLD) : u->role[ROLE_WATCH]); /* ◆ */
}

/* The article's tags at the right end of the row; returns columns used. */
static int list_tags(ui *u, uint32_t ai, int y, int x, int end, ui_style st,
                     bool sel)
{
    const char *t = u->mk.tags ? u->mk.tags[ai] : NULL;
    if (!t || end - x < 24)
        return 0;
    char buf[64];
    snprintf(buf, sizeof buf, "[%s]", t);
    int w = (int)text_width(buf, strlen(buf)), room = (end - x) / 2;
    if (w > room)
        w = room;
    draw_text_ellipsis(y, end - w, buf, strlen(buf), w,
                       sel ? st : u->role[ROLE_TAGS]);
    return w + 1;
}

void list_draw_row(ui *u, size_t row, int y, bool sel)
{
    const ui_rect *r = &u->r[PANE_LIST];
    ui_list *l = &u->list;
    uint32_t ai = l->view[row];
    const article *a = store_summary(u->s, ai);
    ui_style st = sel ? u->role[u->focus == PANE_LIST ? ROLE_SEL : ROLE_SEL_DIM]
                      : u->role[ROLE_TEXT];
    ui_style meta = sel ? st : u->role[ROLE_META];
    draw_fill(y, r->x, r->w, st);
    int x = r->x, end = r->x + r->w;
    if (r->w >= 12) {
        list_marks(u, ai, y, x, st, sel);
        x += 2;
    }
    if (l->filtered && l->counts && end - x >= 16) {
        char c[16];
        int n = snprintf(c, sizeof c, "%5u", l->counts[row]);
        end -= n + 1;
        draw_text(y, end + 1, c, (size_t)n, n, style_with(meta, A_BOLD));
    }
    end = story_ui_row(u, ai, y, x, end, meta);
    if (end - x >= 56 && a->source >= 0) {
        end -= 15;
        draw_block_at(a, a->source, y, end + 1, 14, meta);
    }
    if (end - x >= 34 && a->date_key >= 0) {
        end -= 11;
        draw_date(a, y, end + 1, meta);
    }
    end -= list_tags(u, ai, y, x, end, st, sel);
    size_t hl;
    const char *h = article_headline(a, &hl);
    /* unread articles stand out, as in a mail reader */
    draw_text_ellipsis(y, x, h, hl, end - x, u->read[ai] ? st : style_with(st, A_BOLD));
}

void list_draw(ui *u)
{
    const ui_rect *r = &u->r[PANE_LIST];
    ui_list *l = &u->list;
    if (group_on(u)) {
        group_draw(u);
        return;
    }
    list_keep_visible(u);
    for (int i = 0; i < r->h; i++) {
        size_t row = l->top + (size_t)i;
        if (row < l->n)
            list_draw_row(u, row, r->y + i, row == l->sel);
        else
            draw_fill(r->y + i, r->x, r->w, u->role[ROLE_TEXT]);
    }
    if (!l->n && r->h > 0)
        draw_text(r->y, r->x, "(no articles)", 13, r->w, u->role[ROLE_META]);
}
