/* color.c: what each highlight class and screen role looks like. Every
 * class keeps a distinct attribute (bold, underline, reverse), so with
 * NO_COLOR, --color=never or a monochrome terminal highlights still show. */
#include "private.h"

typedef struct class_look {
    short fg256, bg256, fg8, bg8;
    attr_t mono;  /* always applied */
} class_look;

/* Indexed by hl_class. -1: the terminal's default colour. */
static const class_look looks[HL_NCLASSES] = {
    [HL_NONE] = {-1, -1, -1, -1, 0},
    [HL_PERSON] = {39, -1, COLOR_CYAN, -1, A_BOLD},
    [HL_ORG] = {214, -1, COLOR_YELLOW, -1, A_UNDERLINE},
    [HL_PLACE] = {77, -1, COLOR_GREEN, -1, A_BOLD | A_UNDERLINE},
    [HL_OTHER] = {177, -1, COLOR_MAGENTA, -1, A_ITALIC},
    [HL_SELECTED] = {16, 45, COLOR_BLACK, COLOR_CYAN, A_UNDERLINE | A_REVERSE},
    [HL_KEYWORD] = {16, 226, COLOR_BLACK, COLOR_YELLOW, A_BOLD | A_REVERSE | A_ITALIC},
    [HL_MATCH] = {16, 250, COLOR_BLACK, COLOR_WHITE, A_REVERSE},
    [HL_MATCH_CURRENT] = {16, 208, COLOR_BLACK, COLOR_RED, A_BOLD | A_REVERSE | A_UNDERLINE},
};

/* Roles: fg/bg in 256 and 8 colours, and the monochrome attribute. */
static const class_look roles[ROLE_N] = {
    [ROLE_TEXT] = {-1, -1, -1, -1, 0},
    [ROLE_TITLE] = {-1, -1, -1, -1, A_BOLD},
    [ROLE_META] = {245, -1, COLOR_WHITE, -1, 0},
    [ROLE_BOILER] = {240, -1, COLOR_WHITE, -1, A_DIM},
    [ROLE_SEL] = {-1, 24, COLOR_WHITE, COLOR_BLUE, A_REVERSE},
    [ROLE_SEL_DIM] = {-1, 237, -1, -1, A_UNDERLINE},
    [ROLE_STATUS] = {-1, -1, -1, -1, A_REVERSE},
    [ROLE_ERROR] = {196, -1, COLOR_RED, -1, A_BOLD},
    [ROLE_BORDER] = {240, -1, -1, -1, 0},
    [ROLE_HEADER] = {-1, -1, -1, -1, A_BOLD | A_UNDERLINE},
};

/* In colour, reverse would swap our chosen fg and bg: keep it for mono. */
static attr_t color_attr(attr_t mono, bool has_bg)
{
    attr_t a = mono & (A_BOLD | A_UNDERLINE | A_ITALIC | A_DIM);
    if (!has_bg)
        a |= mono & A_REVERSE;
    return a;
}

static ui_style make_style(const class_look *l, short *next_pair, bool color,
                           bool many)
{
    ui_style st = {l->mono, 0};
    short fg = many ? l->fg256 : l->fg8, bg = many ? l->bg256 : l->bg8;
    if (!color || (fg < 0 && bg < 0))
        return st;
    if (init_pair(*next_pair, fg, bg) == ERR)
        return st;
    st.pair = (*next_pair)++;
    st.attr = color_attr(l->mono, bg >= 0);
    return st;
}

void color_init(ui *u, bool want_color)
{
    bool color = want_color && has_colors() && start_color() == OK;
    bool many = color && COLORS >= 256;
    short next = 1;
    if (color)
        use_default_colors();
    for (int c = 0; c < HL_NCLASSES; c++)
        u->cls[c] = make_style(&looks[c], &next, color, many);
    for (int r = 0; r < ROLE_N; r++)
        u->role[r] = make_style(&roles[r], &next, color, many);
}
