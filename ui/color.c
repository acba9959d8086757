/* color.c: what each highlight class and screen role looks like. Every
 * class keeps a distinct attribute (bold, underline, reverse), so with
 * NO_COLOR, --color=never or a monochrome terminal highlights still show. */
#include <stdlib.h>
#include <string.h>

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
    [ROLE_STAR] = {220, -1, COLOR_YELLOW, -1, A_BOLD},
    [ROLE_TAGS] = {109, -1, COLOR_CYAN, -1, 0},
    [ROLE_WATCH] = {203, -1, COLOR_RED, -1, A_BOLD},
};

/* The names the configuration uses (color NAME ...). */
static const char *const class_names[HL_NCLASSES] = {
    [HL_NONE] = NULL, [HL_PERSON] = "person", [HL_ORG] = "organisation",
    [HL_PLACE] = "place", [HL_OTHER] = "other", [HL_SELECTED] = "selected",
    [HL_KEYWORD] = "keyword", [HL_MATCH] = "match",
    [HL_MATCH_CURRENT] = "match-current",
};
static const char *const role_names[ROLE_N] = {
    [ROLE_TEXT] = "text", [ROLE_TITLE] = "title", [ROLE_META] = "meta",
    [ROLE_BOILER] = "boilerplate", [ROLE_SEL] = "selection",
    [ROLE_SEL_DIM] = "selection-dim", [ROLE_STATUS] = "status",
    [ROLE_ERROR] = "error", [ROLE_BORDER] = "border", [ROLE_HEADER] = "header",
    [ROLE_STAR] = "star", [ROLE_TAGS] = "tags", [ROLE_WATCH] = "watch",
};

/* The look a configured name stands for, or NULL. */
static class_look *look_named(const char *name, class_look *cls,
                              class_look *rol)
{
    if (!strcmp(name, "organization"))
        name = "organisation";
    for (int i = 1; i < HL_NCLASSES; i++)
        if (!strcmp(name, class_names[i]))
            return &cls[i];
    for (int i = 0; i < ROLE_N; i++)
        if (!strcmp(name, role_names[i]))
            return &rol[i];
    return NULL;
}

void color_check(lede_config *c)
{
    class_look cls[HL_NCLASSES], rol[ROLE_N];
    for (size_t i = 0; c && i < c->ncolors; i++)
        if (!look_named(c->colors[i].name, cls, rol))
            config_error(c, c->colors[i].line, "no colour is called '%.40s' "
                         "(person, place, status, ... in lede(1))",
                         c->colors[i].name);
}

static attr_t cfg_attrs(unsigned a)
{
    return (a & CFG_BOLD ? A_BOLD : 0) | (a & CFG_UNDERLINE ? A_UNDERLINE : 0) |
           (a & CFG_REVERSE ? A_REVERSE : 0) | (a & CFG_ITALIC ? A_ITALIC : 0) |
           (a & CFG_DIM ? A_DIM : 0) | (a & CFG_BLINK ? A_BLINK : 0);
}

/* A configured style over a look: what it sets replaces lede's. */
static void apply_style(class_look *l, const cfg_style *st)
{
    if (st->fg256 != CFG_UNSET)
        l->fg256 = st->fg256;
    if (st->bg256 != CFG_UNSET)
        l->bg256 = st->bg256;
    if (st->fg8 != CFG_UNSET)
        l->fg8 = st->fg8;
    if (st->bg8 != CFG_UNSET)
        l->bg8 = st->bg8;
    if (st->has_attrs)
        l->mono = cfg_attrs(st->attrs);
}

/* The configuration over lede's looks: later lines win. */
static void apply_config(const lede_config *c, class_look *cls,
                         class_look *rol)
{
    for (size_t i = 0; c && i < c->ncolors; i++) {
        class_look *l = look_named(c->colors[i].name, cls, rol);
        if (l)
            apply_style(l, &c->colors[i].style);
    }
}

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

/* Styles for the highlight rules that have a colour: the keyword look
 * with the rule's colour over it, and a keyword list per rule. */
static void rules_init(ui *u, const class_look *kw, short *next, bool color,
                       bool many)
{
    const lede_config *c = u->o->config;
    size_t n = 0;
    for (size_t i = 0; c && i < c->nrules; i++)
        n += c->rules[i].has_style || c->rules[i].regex;
    if (n > 255 - HL_NCLASSES)
        n = 255 - HL_NCLASSES; /* a span class is a byte */
    if (!n)
        return;
    u->rule_style = calloc(n, sizeof *u->rule_style);
    u->rule_kw = calloc(n, sizeof *u->rule_kw);
    u->rule_re = calloc(n, sizeof *u->rule_re);
    if (!u->rule_style || !u->rule_kw || !u->rule_re)
        return;
    for (size_t i = 0; u->nrules < n && i < c->nrules; i++) {
        const cfg_rule *r = &c->rules[i];
        char err[200];
        if (!r->has_style && !r->regex)
            continue;
        class_look l = *kw;
        if (r->has_style)
            apply_style(&l, &r->style);
        size_t k = u->nrules;
        if (r->regex) {
            u->rule_re[k] = search_compile(r->name, SEARCH_REGEX, err, sizeof err);
            if (!u->rule_re[k])
                continue; /* reported by rules_check */
        } else {
            u->rule_kw[k] = hl_keywords_new();
            hl_keywords_add(u->rule_kw[k], r->name, strlen(r->name));
        }
        u->rule_style[k] = make_style(&l, next, color, many);
        u->nrules++;
    }
}

void rules_check(lede_config *c)
{
    for (size_t i = 0; c && i < c->nrules; i++) {
        char err[200];
        if (!c->rules[i].regex)
            continue;
        search_query *q = search_compile(c->rules[i].name, SEARCH_REGEX, err,
                                         sizeof err);
        if (!q)
            config_error(c, c->rules[i].line, "bad pattern: %.150s", err);
        search_free(q);
    }
}

ui_style color_of(const ui *u, unsigned cls)
{
    if (cls >= HL_NCLASSES && cls - HL_NCLASSES < u->nrules)
        return u->rule_style[cls - HL_NCLASSES];
    return u->cls[cls < HL_NCLASSES ? cls : HL_KEYWORD];
}

void color_fini(ui *u)
{
    for (size_t i = 0; i < u->nrules; i++) {
        hl_keywords_free(u->rule_kw[i]);
        search_free(u->rule_re[i]);
    }
    free(u->rule_kw);
    free(u->rule_re);
    free(u->rule_style);
    free(u->rule_hits);
    u->rule_kw = NULL;
    u->rule_re = NULL;
    u->rule_style = NULL;
    u->rule_hits = NULL;
    u->nrules = u->nrule_hits = u->rule_hits_cap = 0;
}

void color_init(ui *u, bool want_color)
{
    bool color = want_color && has_colors() && start_color() == OK;
    bool many = color && COLORS >= 256;
    short next = 1;
    class_look cls[HL_NCLASSES], rol[ROLE_N];
    memcpy(cls, looks, sizeof cls);
    memcpy(rol, roles, sizeof rol);
    apply_config(u->o->config, cls, rol);
    if (color)
        use_default_colors();
    for (int c = 0; c < HL_NCLASSES; c++)
        u->cls[c] = make_style(&cls[c], &next, color, many);
    for (int r = 0; r < ROLE_N; r++)
        u->role[r] = make_style(&rol[r], &next, color, many);
    rules_init(u, &cls[HL_KEYWORD], &next, color, many);
}
