/* help.c: the help screen, generated from the action table (actions.h),
 * the same table the key map and the man page's key list come from. */
#include <string.h>

#include "private.h"

#define KEYCOL 24

/* Key names as shown: "j, Down, ^N". */
static int draw_keys(int y, int x, const char *k, int w, ui_style st)
{
    int used = 0;
    while (*k && used < w) {
        size_t n = strcspn(k, " ");
        if (used)
            used += draw_text(y, x + used, ", ", 2, w - used, st);
        used += draw_text(y, x + used, k, n, w - used, st);
        k += n;
        k += strspn(k, " ");
    }
    return used;
}

/* Rows of the help text: a heading, then each action, help wrapped. */
static size_t help_rows(ui *u, int width, long skip, int y0, int h)
{
    static layout l;
    size_t row = 0;
    int y = y0;
    for (int a = 1; a < ACT_COUNT; a++) {
        const char *t = keys_help((ui_action)a);
        l.nlines = 0;
        layout_wrap(&l, t, 0, (uint32_t)strlen(t), -1, width);
        for (size_t i = 0; i < l.nlines; i++, row++) {
            if ((long)row < skip || y >= y0 + h)
                continue;
            if (!i)
                draw_keys(y, 1, keys_names((ui_action)a), KEYCOL - 2,
                          u->role[ROLE_HEADER]);
            draw_text(y, KEYCOL, t + l.lines[i].off, l.lines[i].len,
                      COLS - KEYCOL, u->role[ROLE_TEXT]);
            y++;
        }
    }
    return row;
}

void help_draw(ui *u)
{
    int h = LINES - 1;
    for (int y = 0; y < h; y++)
        draw_fill(y, 0, COLS, u->role[ROLE_TEXT]);
    const char *title = "lede: keys (q or Esc to close, j k to scroll)";
    draw_text(0, 1, title, strlen(title), COLS - 1, u->role[ROLE_TITLE]);
    int width = COLS - KEYCOL - 1;
    if (width < 8 || h < 3) {
        help_rows(u, 8, 0, 0, 0);
        return;
    }
    size_t total = help_rows(u, width, 0, 0, 0);
    size_t page = (size_t)h - 2;
    if (u->help_top + page > total)
        u->help_top = total > page ? total - page : 0;
    help_rows(u, width, (long)u->help_top, 2, (int)page);
}

void help_key(ui *u, ui_action a)
{
    size_t page = LINES > 4 ? (size_t)LINES - 3 : 1;
    switch (a) {
    case ACT_QUIT: case ACT_CLEAR: case ACT_HELP:
        u->help = false;
        u->dirty |= DIRTY_ALL | DIRTY_CLEAR;
        return;
    case ACT_DOWN: u->help_top++; break;
    case ACT_UP: u->help_top -= u->help_top > 0; break;
    case ACT_PAGE_DOWN: case ACT_HALF_DOWN: u->help_top += page; break;
    case ACT_PAGE_UP: case ACT_HALF_UP:
        u->help_top = u->help_top > page ? u->help_top - page : 0;
        break;
    case ACT_TOP: u->help_top = 0; break;
    case ACT_BOTTOM: u->help_top = (size_t)-1 / 2; break;
    default: break;
    }
    u->dirty |= DIRTY_ALL;
}
