/* private.h: the reader's state, shared by the files of ui/ (each file
 * one concern: ui.c the loop, draw.c cells, geom.c panes, list.c,
 * reader.c, sidebar.c, find.c, prompt.c, keys.c, help.c, color.c). */
#ifndef LEDE_UI_PRIVATE_H
#define LEDE_UI_PRIVATE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actions.h"
#include "entity.h"
#include "highlight.h"
#include "layout.h"
#include "query.h"
#include "search.h"
#include "store.h"
#include "ui.h"

typedef enum ui_pane { PANE_LIST, PANE_READER, PANE_SIDEBAR, PANE_N } ui_pane;

/* Screen modes by width: three panes, list and reader (sidebar as an
 * overlay), one pane at a time, or too small to draw. */
typedef enum ui_mode { MODE_WIDE, MODE_MEDIUM, MODE_NARROW, MODE_TINY } ui_mode;

enum {
    DIRTY_LIST = 1,
    DIRTY_READER = 2,
    DIRTY_SIDEBAR = 4,
    DIRTY_STATUS = 8,
    DIRTY_ALL = 15,
    DIRTY_CLEAR = 16, /* erase the whole screen first (geometry changed) */
};

typedef struct ui_rect {
    int y, x, h, w;
} ui_rect;

/* UI colour roles beyond the highlight classes. */
typedef enum ui_role {
    ROLE_TEXT,
    ROLE_TITLE,
    ROLE_META,
    ROLE_BOILER,
    ROLE_SEL,       /* selected row of the focused pane */
    ROLE_SEL_DIM,   /* selected row of an unfocused pane */
    ROLE_STATUS,
    ROLE_ERROR,
    ROLE_BORDER,
    ROLE_HEADER,    /* sidebar group headers, help headings */
    ROLE_N
} ui_role;

typedef struct ui_style {
    attr_t attr;
    short pair;
} ui_style;

typedef struct ui_list {
    uint32_t *base;   /* every article, in display order */
    size_t nbase;
    uint32_t *view;   /* shown rows: article indexes */
    uint32_t *counts; /* mention or match count per row when filtered */
    size_t n, cap;
    bool filtered;
    char what[160];   /* what the filter is, for the status line */
    size_t sel, top;
} ui_list;

typedef struct ui_reader {
    long art;          /* article shown, or -1 */
    layout lay;
    long lay_art;      /* what lay was made for */
    int lay_width;
    unsigned lay_flags;
    hl_span *spans;    /* spans of art without the current match */
    size_t nspans, spcap;
    bool spans_ok;
    layout_cell *cells;
    size_t cellcap;
    size_t top;        /* first visible line */
    unsigned flags;    /* LAYOUT_HIDE_BOILER */
    uint32_t anchor;   /* text offset kept in view across re-layouts */
    bool anchored;
} ui_reader;

/* The in-article search: persists across articles, like less. */
typedef struct ui_find {
    char pat[512];
    unsigned flags;     /* search flags, SEARCH_REGEX included */
    search_query *q;    /* NULL when no search */
    query *set;         /* or a set query whose words are marked (owned) */
    search_match *m;
    size_t nm, mcap;
    long m_art;         /* article the matches are for, -1 */
    long cur;           /* current match or -1 */
    bool backward;      /* the last search was ? */
} ui_find;

/* True when there is a search to show and step through. */
static inline bool find_active(const ui_find *f)
{
    return f->q || f->set;
}

/* The list filter: parts that combine (an entity pivot, then a query:
 * the articles that satisfy all); Esc removes the last. */
#define UI_FILTERS 8
typedef struct ui_filter_part {
    bool entity;        /* an entity pivot (id), else a typed query */
    uint32_t id;
    char text[256];     /* the query as typed */
    unsigned flags;     /* its search flags (SEARCH_REGEX: a regex) */
} ui_filter_part;

typedef struct ui_side_row {
    int type;           /* entity type of a header row, or -1 */
    uint32_t id, count; /* entity row */
} ui_side_row;

typedef struct ui_side {
    long art;           /* article the rows are for, -1 */
    ui_side_row *rows;
    size_t n, cap;
    size_t sel, top;
} ui_side;

typedef enum ui_prompt_kind { PROMPT_NONE, PROMPT_FWD, PROMPT_BACK, PROMPT_CORPUS } ui_prompt_kind;

#define UI_HIST 64
typedef struct ui_prompt {
    ui_prompt_kind kind;
    char buf[512];
    size_t len;
    bool regex;
    char err[160];       /* the pattern's compile error, live */
    char *hist[UI_HIST]; /* oldest first */
    size_t nhist;
    size_t hpos;         /* == nhist: editing a new line */
    /* saved on open, restored by Esc */
    size_t save_top;
    long save_cur;
    char save_pat[512];
    unsigned save_flags;
    bool save_set;       /* save_pat is a set query */
} ui_prompt;

typedef enum ui_nav { NAV_SEARCH, NAV_ENTITY } ui_nav;

typedef struct ui_bench {
    bool on;
    double *ms;
    size_t n, cap;
} ui_bench;

typedef struct ui {
    store *s;
    const entity_table *et;
    const hl_keywords *kw;
    const cli_opts *o;
    ui_mode mode;
    ui_rect r[PANE_N];
    bool shown[PANE_N];
    ui_rect status;
    ui_pane focus;
    bool overlay;        /* sidebar shown as an overlay */
    bool help;
    size_t help_top;
    unsigned dirty;
    bool *read;          /* per article: opened this session */
    ui_list list;
    ui_reader rd;
    ui_find find;
    ui_filter_part filt[UI_FILTERS];
    size_t nfilt;
    ui_side side;
    ui_prompt pr;
    long entity;         /* selected entity or -1 */
    long ent_cur;        /* current mention of it in the article, -1 */
    ui_nav nav;
    char msg[256];
    bool msg_err;
    bool quit;
    ui_style cls[HL_NCLASSES];
    ui_style role[ROLE_N];
    ui_bench bench;
} ui;

/* geom.c: compute the panes for the current screen size (marks all dirty). */
void geom_layout(ui *u);
/* The pane under screen cell (y, x), or PANE_N. */
ui_pane geom_pane_at(const ui *u, int y, int x);
/* Make sure the focused pane is visible in this mode. */
void geom_fix_focus(ui *u);

/* color.c: styles for the highlight classes and roles; monochrome
 * attributes only when want_color is false or the terminal has none. */
void color_init(ui *u, bool want_color);

/* draw.c: safe drawing primitives (printable clusters only). */
/* Paint w blank cells from (y, x). */
void draw_fill(int y, int x, int w, ui_style st);
/* Draw one cluster s[0..n) of `w` columns at (y, x); returns w. */
int draw_cluster(int y, int x, const char *s, size_t n, int w, ui_style st);
/* Draw text at (y, x) in at most maxw columns (newlines and tabs shown as
 * spaces); returns the columns used. */
int draw_text(int y, int x, const char *s, size_t len, int maxw, ui_style st);
/* Like draw_text but an overlong text ends in an ellipsis. */
int draw_text_ellipsis(int y, int x, const char *s, size_t len, int maxw,
                       ui_style st);
/* Combine an attribute into a style. */
ui_style style_with(ui_style st, attr_t extra);

/* keys.c: the key map from actions.h. */
/* Build the map from the key names in actions.h. */
void keys_init(void);
/* Action bound to a key (is_key: a curses KEY_ code), or ACT_NONE. */
ui_action keys_action(int is_key, wint_t ch);
/* Key names of an action (as in actions.h) and its help text. */
const char *keys_names(ui_action a);
const char *keys_help(ui_action a);

/* list.c: the article list. */
/* Fill the list with every article in the chosen order. */
void list_init(ui *u);
void list_fini(ui *u);
/* Draw the visible rows. */
void list_draw(ui *u);
/* Move the selection by delta rows (clamped); the reader follows. */
void list_move(ui *u, long delta);
/* Select row sel (clamped); the reader follows. */
void list_set_sel(ui *u, size_t sel);
/* Article of the selected row, or -1 when the list is empty. */
long list_current(const ui *u);
/* Show only the articles naming entity id, most mentions first. */
void list_filter_entity(ui *u, uint32_t id);
/* Show only the hits of a set search, in their order; what names it. */
void list_filter_hits(ui *u, const search_hit *h, size_t n, const char *what);
/* Back to every article (the shown one stays selected). */
void list_unfilter(ui *u);
/* Select the row under a click at pane row `row`. */
void list_click(ui *u, int row);

/* reader.c: the reading pane. */
void reader_init(ui *u);
void reader_fini(ui *u);
/* Show article art (-1: none) from its top. */
void reader_open(ui *u, long art);
/* Draw the visible lines. */
void reader_draw(ui *u);
/* Scroll by delta lines (clamped). */
void reader_scroll(ui *u, long delta);
void reader_top(ui *u);
/* Put line `top` at the top (the user's place, kept across resizes). */
void reader_set_top(ui *u, size_t top);
void reader_bottom(ui *u);
/* Bring text offset off into view (a third from the top). */
void reader_show(ui *u, uint32_t off);
/* Spans changed (search, selection): recompute on next draw. */
void reader_invalidate(ui *u);
/* Position for the status line, 0-100. */
int reader_percent(ui *u);
/* Make sure the layout fits the pane (lazy). */
void reader_ensure(ui *u);

/* sidebar.c: the entities of the shown article. */
void side_fini(ui *u);
/* Draw the sidebar (rebuilt when the article changed). */
void side_draw(ui *u);
/* Move the selection by delta entities, skipping group headers. */
void side_move(ui *u, long delta);
/* Select the entity under a click at pane row `row`. */
void side_click(ui *u, int row);
/* Enter on the selected entity: filter the list, highlight, step. */
void side_choose(ui *u);

/* find.c: in-article search and entity mention stepping. */
void find_fini(ui *u);
/* Compile pat; on error put it in the status line and return false. */
bool find_set(ui *u, const char *pat, unsigned flags, bool report);
/* Mark the words of a set query instead (as typed, for n and N). */
bool find_set_query(ui *u, const char *text, unsigned flags);
/* Forget the search and its highlights. */
void find_clear(ui *u);
/* Recompute matches for the reader's article when it changed. */
void find_refresh(ui *u);
/* Go to the first match at or after (or before when back) the view. */
void find_first(ui *u, bool back, bool from_top);
/* n (forward) or N: the next search match or entity mention, wrapping. */
void find_step(ui *u, bool forward);
/* "3/17" text for the status line, or empty. */
void find_status(ui *u, char *buf, size_t n);

/* filter.c: combined list filters. */
/* Add an entity pivot to the filter and apply it. */
void filter_push_entity(ui *u, uint32_t id);
/* Add a set query (or a regex with SEARCH_REGEX in flags); when no
 * article would be left, or the query is bad, say so and change nothing.
 * Returns true when applied. */
bool filter_push_query(ui *u, const char *text, unsigned flags);
/* Esc: remove the last part; returns false when there was none. */
bool filter_pop(ui *u);
/* Drop every part (the list shows every article again). */
void filter_clear(ui *u);
/* n past the last match (or N before the first): open the next (or
 * previous) article of the filtered list at its first (last) match.
 * Returns false when the list is not filtered by a search. */
bool filter_step_article(ui *u, bool forward);

/* prompt.c: the search prompt on the status line. */
/* Open the prompt of kind k (saving the search for Esc). */
void prompt_open(ui *u, ui_prompt_kind k);
/* One key typed into the open prompt. */
void prompt_key(ui *u, int is_key, wint_t ch);
/* Draw the prompt over the status line and place the cursor. */
void prompt_draw(ui *u);
void prompt_fini(ui *u);

/* help.c: the help screen from the action table. */
void help_draw(ui *u);
/* A key's action while the help is shown (scroll or close). */
void help_key(ui *u, ui_action a);

/* ui.c */
/* Put a message on the status line until the next key. */
void ui_msg(ui *u, bool err, const char *fmt, ...);
/* Carry out one action on the main screen. */
void ui_do(ui *u, ui_action a);

#endif
