/* geom.c: where the panes go. One function places everything from the
 * screen size; a resize is KEY_RESIZE followed by geom_layout(). */
#include "private.h"

#define WIDE_COLS 100  /* below: the sidebar folds into an overlay */
#define MEDIUM_COLS 60 /* below: list and reader take turns */
#define MIN_COLS 20
#define MIN_ROWS 3

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static ui_rect rect(int y, int x, int h, int w)
{
    return (ui_rect){y, x, h, w};
}

static void place_wide(ui *u, int h)
{
    int lw = clamp(COLS * 32 / 100, 24, 56);
    int sw = clamp(COLS * 22 / 100, 22, 36);
    u->r[PANE_LIST] = rect(0, 0, h, lw);
    u->r[PANE_READER] = rect(0, lw + 1, h, COLS - lw - sw - 2);
    u->r[PANE_SIDEBAR] = rect(0, COLS - sw, h, sw);
    u->shown[PANE_LIST] = u->shown[PANE_READER] = u->shown[PANE_SIDEBAR] = true;
    u->overlay = false;
}

static void place_medium(ui *u, int h)
{
    int lw = clamp(COLS * 34 / 100, 20, 40);
    int sw = clamp(COLS * 45 / 100, 20, 36);
    u->r[PANE_LIST] = rect(0, 0, h, lw);
    u->r[PANE_READER] = rect(0, lw + 1, h, COLS - lw - 1);
    u->r[PANE_SIDEBAR] = rect(0, COLS - sw, h, sw);
    u->shown[PANE_LIST] = u->shown[PANE_READER] = true;
    u->shown[PANE_SIDEBAR] = u->overlay;
}

static void place_narrow(ui *u, int h)
{
    for (int p = 0; p < PANE_N; p++)
        u->r[p] = rect(0, 0, h, COLS);
    u->shown[PANE_SIDEBAR] = u->overlay;
    if (u->focus == PANE_SIDEBAR && !u->overlay)
        u->focus = PANE_READER;
    u->shown[PANE_LIST] = u->focus == PANE_LIST;
    u->shown[PANE_READER] = u->focus != PANE_LIST;
}

void geom_layout(ui *u)
{
    int h = LINES - 1;
    u->status = rect(LINES - 1, 0, 1, COLS);
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        u->mode = MODE_TINY;
        for (int p = 0; p < PANE_N; p++)
            u->shown[p] = false;
    } else if (COLS >= WIDE_COLS) {
        u->mode = MODE_WIDE;
        place_wide(u, h);
    } else if (COLS >= MEDIUM_COLS) {
        u->mode = MODE_MEDIUM;
        place_medium(u, h);
    } else {
        u->mode = MODE_NARROW;
        place_narrow(u, h);
    }
    geom_fix_focus(u);
    u->dirty |= DIRTY_ALL | DIRTY_CLEAR;
}

void geom_fix_focus(ui *u)
{
    if (u->mode == MODE_TINY)
        return;
    if (u->mode == MODE_NARROW) {
        u->shown[PANE_LIST] = u->focus == PANE_LIST;
        u->shown[PANE_READER] = u->focus != PANE_LIST;
    }
    if (!u->shown[u->focus])
        u->focus = PANE_READER;
}

ui_pane geom_pane_at(const ui *u, int y, int x)
{
    if (u->mode == MODE_TINY)
        return PANE_N;
    static const ui_pane order[] = {PANE_SIDEBAR, PANE_READER, PANE_LIST};
    for (int i = 0; i < 3; i++) {
        const ui_rect *r = &u->r[order[i]];
        if (u->shown[order[i]] && y >= r->y && y < r->y + r->h &&
            x >= r->x && x < r->x + r->w)
            return order[i];
    }
    return PANE_N;
}
