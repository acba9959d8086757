/* sidebar.c: the entities of the shown article, grouped by type, most
 * mentioned first; Enter filters the list to the articles naming one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "util.h"

static const char *const group_names[ENT_NTYPES] = {
    "People", "Organisations", "Places", "Other names"};

void side_fini(ui *u)
{
    free(u->side.rows);
    memset(&u->side, 0, sizeof u->side);
}

static void side_add(ui_side *sd, int type, uint32_t id, uint32_t count)
{
    LEDE_GROW(sd->rows, sd->cap, sd->n + 1);
    sd->rows[sd->n++] = (ui_side_row){type, id, count};
}

static bool side_is_entity(const ui_side *sd, size_t i)
{
    return i < sd->n && sd->rows[i].type < 0;
}

/* Rows for the reader's article: a header per type, then its entities
 * in the core's order (most mentioned first). */
static void side_build(ui *u)
{
    ui_side *sd = &u->side;
    if (sd->art == u->rd.art && sd->rows)
        return;
    sd->n = sd->sel = sd->top = 0;
    sd->art = u->rd.art;
    if (u->rd.art < 0)
        return;
    size_t n = 0;
    entity_tally *ec = entity_article_counts(u->et, (uint32_t)u->rd.art, &n);
    for (int t = 0; t < ENT_NTYPES; t++) {
        bool head = false;
        for (size_t i = 0; i < n; i++) {
            if ((int)entity_type_of(u->et, ec[i].id) != t)
                continue;
            if (!head)
                side_add(sd, t, 0, 0);
            head = true;
            side_add(sd, -1, ec[i].id, ec[i].count);
        }
    }
    free(ec);
    sd->sel = sd->n > 1 ? 1 : 0;
}

static void side_keep_visible(ui *u)
{
    ui_side *sd = &u->side;
    size_t h = u->r[PANE_SIDEBAR].h > 1 ? (size_t)u->r[PANE_SIDEBAR].h - 1 : 1;
    if (sd->sel < sd->top)
        sd->top = sd->sel > 0 && !side_is_entity(sd, sd->sel - 1) ? sd->sel - 1
                                                                  : sd->sel;
    if (sd->sel >= sd->top + h)
        sd->top = sd->sel - h + 1;
}

void side_move(ui *u, long delta)
{
    ui_side *sd = &u->side;
    side_build(u);
    if (!sd->n)
        return;
    long i = (long)sd->sel, step = delta < 0 ? -1 : 1;
    for (long k = delta < 0 ? -delta : delta; k > 0; k--) {
        long j = i + step;
        while (j >= 0 && j < (long)sd->n && !side_is_entity(sd, (size_t)j))
            j += step;
        if (j < 0 || j >= (long)sd->n)
            break;
        i = j;
    }
    sd->sel = (size_t)i;
    side_keep_visible(u);
    u->dirty |= DIRTY_SIDEBAR;
}

void side_click(ui *u, int row)
{
    side_build(u);
    size_t i = u->side.top + (size_t)(row > 0 ? row - 1 : 0);
    if (row > 0 && side_is_entity(&u->side, i)) {
        u->side.sel = i;
        u->dirty |= DIRTY_SIDEBAR;
    }
}

void side_choose(ui *u)
{
    side_build(u);
    if (!side_is_entity(&u->side, u->side.sel))
        return;
    uint32_t id = u->side.rows[u->side.sel].id;
    filter_push_entity(u, id); /* combines with the filter in place */
    reader_invalidate(u);
    find_step(u, true);
}

static void side_row(ui *u, size_t i, int y, const ui_rect *r)
{
    const ui_side_row *row = &u->side.rows[i];
    int x = r->x + 1, w = r->w - 2;
    if (row->type >= 0) {
        draw_fill(y, r->x, r->w, u->role[ROLE_TEXT]);
        const char *g = group_names[row->type];
        draw_text(y, x, g, strlen(g), w, u->role[ROLE_HEADER]);
        return;
    }
    bool sel = i == u->side.sel;
    ui_style st = sel ? u->role[u->focus == PANE_SIDEBAR ? ROLE_SEL : ROLE_SEL_DIM]
                      : u->role[ROLE_TEXT];
    draw_fill(y, r->x, r->w, st);
    char c[16];
    int n = snprintf(c, sizeof c, "%u", row->count);
    draw_text(y, r->x + r->w - 1 - n, c, (size_t)n, n, st);
    const char *name = entity_name(u->et, row->id);
    hl_class cls = (long)row->id == u->entity ? HL_SELECTED
                   : hl_class_for(entity_type_of(u->et, row->id));
    draw_text_ellipsis(y, x + 1, name, strlen(name), w - n - 2,
                       sel ? st : u->cls[cls]);
}

void side_draw(ui *u)
{
    const ui_rect *r = &u->r[PANE_SIDEBAR];
    side_build(u);
    side_keep_visible(u);
    if (u->overlay && r->x > 0) { /* set the overlay off from the text */
        ui_style b = u->role[ROLE_BORDER];
        mvvline(r->y, r->x - 1, ACS_VLINE | b.attr | COLOR_PAIR(b.pair), r->h);
    }
    ui_style head = u->focus == PANE_SIDEBAR ? u->role[ROLE_SEL] : u->role[ROLE_STATUS];
    draw_fill(r->y, r->x, r->w, head);
    draw_text(r->y, r->x + 1, "Entities", 8, r->w - 1, head);
    for (int k = 1; k < r->h; k++) {
        size_t i = u->side.top + (size_t)(k - 1);
        if (i < u->side.n)
            side_row(u, i, r->y + k, r);
        else
            draw_fill(r->y + k, r->x, r->w, u->role[ROLE_TEXT]);
    }
    if (!u->side.n && r->h > 1)
        draw_text(r->y + 1, r->x + 1, "(no names)", 10, r->w - 1,
                  u->role[ROLE_META]);
}
