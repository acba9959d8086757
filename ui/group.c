/* group.c: the list grouped by folder or source (= cycles, :group sets).
 * list.view is reordered by group_rows so that each group is contiguous;
 * the screen shows display rows: a header per group, then its rows
 * unless it is folded. list.sel stays an index into the view (the first
 * row of the group, or the article already selected in it, while a
 * header is selected), so search, goto, export and the status line keep
 * working on articles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util.h"

bool group_on(const ui *u)
{
    return u->grp.by != GROUP_NONE && u->grp.gs.ng > 0 && u->list.n > 0;
}

/* Display rows from the fold state: O(groups). */
static void relayout(ui *u)
{
    ui_group *G = &u->grp;
    size_t d = 0;
    for (size_t g = 0; g < G->gs.ng; g++) {
        G->hpos[g] = d;
        d += 1 + (G->folded[g] ? 0 : G->gs.g[g].n);
    }
    G->nd = d;
    if (G->dsel >= d)
        G->dsel = d ? d - 1 : 0;
}

/* Group of display row d, and whether d is its header. */
static size_t group_at(const ui *u, size_t d, bool *header)
{
    const ui_group *G = &u->grp;
    size_t lo = 0, hi = G->gs.ng; /* last g with hpos[g] <= d */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (G->hpos[mid] <= d)
            lo = mid;
        else
            hi = mid;
    }
    *header = G->hpos[lo] == d;
    return lo;
}

static size_t row_of(const ui *u, size_t d)
{
    bool header;
    size_t g = group_at(u, d, &header);
    const group_info *gi = &u->grp.gs.g[g];
    return header ? gi->first : gi->first + (d - u->grp.hpos[g] - 1);
}

static void keep_visible(ui *u)
{
    ui_group *G = &u->grp;
    size_t h = u->r[PANE_LIST].h > 0 ? (size_t)u->r[PANE_LIST].h : 1;
    if (G->dsel < G->dtop)
        G->dtop = G->dsel;
    if (G->dsel >= G->dtop + h)
        G->dtop = G->dsel - h + 1;
    if (G->nd <= h)
        G->dtop = 0;
    else if (G->dtop > G->nd - h)
        G->dtop = G->nd - h;
}

/* The display selection moved: list.sel and the reader follow. On a
 * header, an article of that group stays selected (folding does not
 * change what is read); else its first row is. */
static void select_display(ui *u, size_t d)
{
    ui_group *G = &u->grp;
    bool header;
    G->dsel = d < G->nd ? d : G->nd - 1;
    size_t g = group_at(u, G->dsel, &header);
    if (!header || G->gs.of[u->list.sel] != g)
        u->list.sel = row_of(u, G->dsel);
    keep_visible(u);
    u->dirty |= DIRTY_LIST | DIRTY_STATUS;
    if (list_current(u) != u->rd.art)
        reader_open(u, list_current(u));
}

void group_follow(ui *u, bool reveal)
{
    ui_group *G = &u->grp;
    if (!group_on(u))
        return;
    size_t sel = u->list.sel, g = G->gs.of[sel];
    if (G->folded[g] && reveal) {
        G->folded[g] = false;
        relayout(u);
    }
    G->dsel = G->hpos[g] + (G->folded[g] ? 0 : 1 + sel - G->gs.g[g].first);
    keep_visible(u);
    u->dirty |= DIRTY_LIST;
}

static int cmp_name(const void *a, const void *b)
{
    const group_info *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The names of the folded groups, sorted, to keep them folded. */
static group_info *folded_names(const ui_group *G, size_t *n)
{
    group_info *v = lede_malloc((G->gs.ng ? G->gs.ng : 1) * sizeof *v);
    *n = 0;
    for (size_t g = 0; g < G->gs.ng; g++)
        if (G->folded[g])
            v[(*n)++] = G->gs.g[g];
    qsort(v, *n, sizeof *v, cmp_name);
    return v;
}

void group_refresh(ui *u)
{
    ui_group *G = &u->grp;
    ui_list *l = &u->list;
    if (G->by == GROUP_NONE) {
        G->gs.ng = 0;
        if (G->base_dirty && !l->filtered) {
            G->base_dirty = false;
            cmd_sort_rows(u, u->cmd.sort); /* the plain order again */
        }
        return;
    }
    long keep = list_current(u);
    size_t nf;
    group_info *fold = folded_names(G, &nf);
    group_rows(u->s, (group_by)G->by, l->view, l->filtered ? l->counts : NULL,
               l->n, &G->gs);
    if (!l->filtered)
        G->base_dirty = true;
    size_t ng = G->gs.ng;
    if (G->fcap < ng) {
        free(G->folded);
        free(G->hpos);
        free(G->unread);
        G->folded = lede_malloc(ng * sizeof *G->folded);
        G->hpos = lede_malloc(ng * sizeof *G->hpos);
        G->unread = lede_malloc(ng * sizeof *G->unread);
        G->fcap = ng;
    }
    for (size_t g = 0; g < ng; g++)
        G->folded[g] = nf && bsearch(&G->gs.g[g], fold, nf, sizeof *fold, cmp_name);
    free(fold);
    for (size_t i = 0; i < l->n; i++)
        if ((long)l->view[i] == keep)
            l->sel = i;
    relayout(u);
    group_follow(u, false);
    u->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

void group_apply(ui *u, int by)
{
    ui_group *G = &u->grp;
    int old = G->by;
    if (by != G->by)
        for (size_t g = 0; g < G->gs.ng; g++)
            G->folded[g] = false; /* folds belong to the old grouping */
    G->by = by;
    if (by != GROUP_NONE && old != GROUP_NONE && by != old) {
        /* the rows are in the old grouping's order: sort them again,
         * then group (grouping keeps the order within each group) */
        cmd_sort_rows(u, cmd_sort_current(u));
    } else if (by == GROUP_NONE) {
        G->gs.ng = 0;
        if (u->list.filtered || G->base_dirty) {
            G->base_dirty = u->list.filtered && G->base_dirty;
            cmd_sort_rows(u, cmd_sort_current(u));
        }
        u->list.top = u->list.sel; /* list_draw scrolls it into view */
    } else {
        group_refresh(u);
    }
    u->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

void group_set_by(ui *u, int by)
{
    ui_group *G = &u->grp;
    group_apply(u, by < 0 ? (G->by + 1) % GROUP_N : by);
    if (G->by == GROUP_NONE)
        ui_msg(u, false, "not grouped");
    else
        ui_msg(u, false, "grouped by %s: %zu group%s",
               group_by_name((group_by)G->by), G->gs.ng,
               G->gs.ng == 1 ? "" : "s");
    marks_view_save(u, false, true);
}

void group_move(ui *u, long delta)
{
    long d = (long)u->grp.dsel + delta;
    select_display(u, d < 0 ? 0 : (size_t)d);
}

void group_click(ui *u, int row)
{
    size_t d = u->grp.dtop + (size_t)row;
    if (row >= 0 && d < u->grp.nd)
        select_display(u, d);
}

bool group_step(ui *u, long d)
{
    ui_group *G = &u->grp;
    if (!group_on(u))
        return false;
    bool header;
    for (size_t k = G->dsel; d > 0 ? k + 1 < G->nd : k > 0;) {
        k = d > 0 ? k + 1 : k - 1;
        group_at(u, k, &header);
        if (!header) {
            select_display(u, k);
            break;
        }
    }
    return true;
}

static void toggle(ui *u, size_t g)
{
    ui_group *G = &u->grp;
    G->folded[g] = !G->folded[g];
    relayout(u);
    select_display(u, G->hpos[g]);
}

bool group_enter(ui *u)
{
    bool header;
    if (!group_on(u))
        return false;
    size_t g = group_at(u, u->grp.dsel, &header);
    if (header)
        toggle(u, g);
    return header;
}

void group_fold(ui *u)
{
    bool header;
    if (!group_on(u)) {
        ui_msg(u, false, "the list is not grouped (= groups it)");
        return;
    }
    toggle(u, group_at(u, u->grp.dsel, &header));
}

void group_fold_all(ui *u)
{
    ui_group *G = &u->grp;
    bool header, any_open = false;
    if (!group_on(u)) {
        ui_msg(u, false, "the list is not grouped (= groups it)");
        return;
    }
    size_t cur = group_at(u, G->dsel, &header);
    for (size_t g = 0; g < G->gs.ng; g++)
        any_open |= !G->folded[g];
    for (size_t g = 0; g < G->gs.ng; g++)
        G->folded[g] = any_open;
    relayout(u);
    select_display(u, any_open ? G->hpos[cur] : G->hpos[cur] + 1);
    ui_msg(u, false, "%s", any_open ? "all groups folded" : "all groups unfolded");
}

const char *group_status(const ui *u)
{
    switch (u->grp.by) {
    case GROUP_FOLDER: return ", group folder";
    case GROUP_SOURCE: return ", group source";
    default: return "";
    }
}

/* Unread rows per group: one pass over the view, when drawn. */
static void count_unread(ui *u)
{
    ui_group *G = &u->grp;
    for (size_t g = 0; g < G->gs.ng; g++)
        G->unread[g] = 0;
    for (size_t i = 0; i < u->list.n; i++)
        G->unread[G->gs.of[i]] += !u->read[u->list.view[i]];
}

static void header_row(ui *u, size_t g, int y, bool sel)
{
    const ui_rect *r = &u->r[PANE_LIST];
    const ui_group *G = &u->grp;
    const group_info *gi = &G->gs.g[g];
    ui_style st = sel ? u->role[u->focus == PANE_LIST ? ROLE_SEL : ROLE_SEL_DIM]
                      : style_with(u->role[ROLE_HEADER], A_BOLD);
    draw_fill(y, r->x, r->w, st);
    /* triangles: pointing right when folded, down when open */
    const char *mark = G->folded[g] ? "\xe2\x96\xb8" : "\xe2\x96\xbe";
    int x = r->x, end = r->x + r->w;
    char c[64];
    int n = snprintf(c, sizeof c, "%u article%s", gi->n, gi->n == 1 ? "" : "s");
    if (G->unread[g])
        n += snprintf(c + n, sizeof c - (size_t)n, ", %u unread", G->unread[g]);
    if (end - x < n + 12)
        n = snprintf(c, sizeof c, "%u", gi->n);
    if (end - x >= n + 8) {
        end -= n + 1;
        draw_text(y, end, c, (size_t)n, n, st);
    }
    x += draw_text(y, x, mark, 3, 1, st) + 1;
    if (end - x > 1)
        draw_text_ellipsis(y, x, gi->name, gi->len, end - x - 1, st);
}

void group_draw(ui *u)
{
    const ui_rect *r = &u->r[PANE_LIST];
    ui_group *G = &u->grp;
    keep_visible(u);
    count_unread(u);
    for (int i = 0; i < r->h; i++) {
        size_t d = G->dtop + (size_t)i;
        int y = r->y + i;
        bool header;
        if (d >= G->nd) {
            draw_fill(y, r->x, r->w, u->role[ROLE_TEXT]);
            continue;
        }
        size_t g = group_at(u, d, &header);
        if (header)
            header_row(u, g, y, d == G->dsel);
        else
            list_draw_row(u, G->gs.g[g].first + (d - G->hpos[g] - 1), y,
                          d == G->dsel);
    }
}

void group_fini(ui *u)
{
    ui_group *G = &u->grp;
    group_set_fini(&G->gs);
    free(G->folded);
    free(G->hpos);
    free(G->unread);
    memset(G, 0, sizeof *G);
}
