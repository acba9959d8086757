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
#include "group.h"
#include "highlight.h"
#include "layout.h"
#include "query.h"
#include "search.h"
#include "state.h"
#include "store.h"
#include "story.h"
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
    ROLE_STAR,      /* the star of a starred article in the list */
    ROLE_TAGS,      /* an article's tags in the list */
    ROLE_WATCH,     /* the mark of an article naming a watched name */
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
    bool base_stale;  /* base made again while filtered: not yet in the
                         list's order (list_unfilter sorts it) */
    char what[160];   /* what the filter is, for the status line */
    size_t sel, top;
} ui_list;

typedef struct ui_reader {
    long art;          /* article shown, or -1 */
    layout lay;
    long lay_art;      /* what lay was made for */
    int lay_width;
    unsigned lay_flags;
    hl_span *spans;    /* spans of art without the current match, */
    size_t nspans, spcap;
    uint32_t span_from, span_to; /* for this range of its text */
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
    /* The matches are found a stretch at a time (find_work), so that a
     * huge article answers a key at once: m[0..nm) are those before
     * `done`; complete when the whole article has been searched. */
    uint32_t done;
    size_t blk;         /* block holding `done` */
    bool complete;
    search_match *tmp;  /* one stretch's matches */
    size_t tmpcap;
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

typedef enum ui_prompt_kind { PROMPT_NONE, PROMPT_FWD, PROMPT_BACK, PROMPT_CORPUS,
                              PROMPT_TAGS, PROMPT_TAG_FILTER,
    /* cmdline.c and export.c: */
    PROMPT_LIST, PROMPT_CMD, PROMPT_PIPE, PROMPT_WRITE, PROMPT_OPEN } ui_prompt_kind;

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

/* marks.c: the user's marks, kept in the state database. */
typedef struct ui_marks {
    lede_state *st;       /* NULL: marks last for this session only */
    uint8_t *flags;        /* per article: STATE_READ | STATE_STAR */
    char **tags;           /* per article: "a,b" or NULL */
    uint8_t *watched;      /* per article: 0 unknown, 1 no, 2 names one */
    hl_keywords *watch;    /* the watched names, or NULL */
    char **keys;           /* per article: the key path (state_key_paths) */
    long tag_art;          /* the article the tags prompt edits */
    char setkey[17];
} ui_marks;

typedef struct ui_bench {
    bool on;
    double *ms;
    size_t n, cap;
} ui_bench;

/* story.c: duplicates, paragraphs read elsewhere, new share. */
typedef struct ui_story_note {
    int kind;
    int32_t art;
    uint32_t n;
} ui_story_note;

typedef struct ui_story {
    story_seen *seen;     /* the paragraphs of the articles read */
    story_dups *dups;     /* duplicate groups, grown with the set */
    uint32_t *rep, *next; /* (story_dups_add) */
    uint32_t *ncopies;    /* per representative: articles in its group */
    int16_t *share;       /* cached new share per article */
    uint32_t *share_gen;  /* 1 + seen count it was computed at */
    uint32_t *stamp, gen; /* collapse: group already in the view */
    story_hit *hits;
    size_t hcap;
    long deco_art;        /* article the notes and blk_src are for */
    int32_t *blk_src;     /* per block: article it was read in, -1 */
    size_t bcap;
    ui_story_note *notes; /* note line k has block -2 - k */
    size_t nnotes, ncap;
    layout_line *lines;   /* scratch for story_ui_decorate */
    size_t lcap;
} ui_story;

/* names.c: the names view overlay. */
typedef struct ui_names {
    bool on;
    story_name *v;        /* every name of the list it was opened on */
    size_t n;
    uint32_t *rows;       /* indexes into v passing the filters */
    size_t nrows, rcap;
    size_t sel, top;
    int sort;             /* story_sort */
    int type;             /* entity_type shown, -1 all */
    bool typing;          /* '/' typed: keys go to filt */
    char filt[128];
    size_t flen;
    text_fold_buf fold;
    entity_tally *with;   /* names seen with the selected one */
    size_t nwith, wsel;
    long with_for;        /* entity `with` is for, -1 */
    bool in_with;         /* Tab: the selection is in the with: line */
} ui_names;

/* timeline.c: the timeline overlay. */
typedef struct ui_timeline {
    bool on;
    story_timeline tl;
    long mark;            /* bucket of the shown article, -1 */
    size_t top;
    char what[160];
} ui_timeline;

/* cmdline.c: list search, order, the : command line. */
enum { UI_SORT_DATE, UI_SORT_SOURCE, UI_SORT_HEADLINE, UI_SORT_PATH,
       UI_SORT_NEW, UI_SORT_RELEVANCE, UI_SORT_N };

typedef struct ui_cmd {
    char lpat[512];       /* folded headline search pattern */
    size_t lpat_len;
    size_t save_sel;      /* selection when the / prompt opened */
    int sort;             /* UI_SORT_* of the whole list */
    int fsort;            /* UI_SORT_* of a filtered list */
    text_fold_buf fold;
} ui_cmd;

/* export.c: URLs of the shown article for o. */
#define UI_MAX_URLS 32
typedef struct ui_export {
    char *urls[UI_MAX_URLS];
    size_t nurls;
} ui_export;

/* group.c: the list grouped by folder or source under header rows that
 * fold. The view is reordered so each group is contiguous; the display
 * rows are the headers and the rows of unfolded groups. */
typedef struct ui_group {
    int by;               /* group_by */
    group_set gs;         /* the groups of list.view */
    bool *folded;         /* per group */
    size_t *hpos;         /* per group: display row of its header */
    uint32_t *unread;     /* per group, counted when drawn */
    size_t fcap;
    size_t nd;            /* display rows */
    size_t dsel, dtop;    /* selected and first shown display row */
    bool base_dirty;      /* list.base is in grouped order */
} ui_group;

/* Reader flag beside LAYOUT_HIDE_BOILER: hide paragraphs read elsewhere. */
#define UI_HIDE_READ 0x100u

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
    bool *read;          /* per article: read (kept in the state) */
    ui_marks mk;
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
    /* highlight rules with a colour of their own (color.c): their spans
     * get class HL_NCLASSES + i (marks.c, rules_recolor) */
    ui_style *rule_style;
    hl_keywords **rule_kw;  /* a name rule's keyword, or NULL */
    search_query **rule_re; /* a /regex/ rule's query, or NULL */
    size_t nrules;
    hl_span *rule_hits;     /* regex rule matches in the reader's article:
                               sorted, not overlapping */
    size_t nrule_hits, rule_hits_cap;
    ui_bench bench;
    ui_story story;
    ui_names names;
    ui_timeline tl;
    ui_cmd cmd;
    ui_export xp;
    ui_group grp;
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
/* Draw the end of s in at most maxw columns, an ellipsis first when the
 * start had to go (paths: the file name is what tells them apart). */
int draw_text_tail(int y, int x, const char *s, size_t len, int maxw,
                   ui_style st);
/* Combine an attribute into a style. */
ui_style style_with(ui_style st, attr_t extra);

/* keys.c: the key map from actions.h. */
/* Build the map from the key names in actions.h and the configuration's
 * bindings (checked by keys_check first). */
void keys_init(const lede_config *c);
/* Check the configuration's bindings (action and key names); errors are
 * added to c. */
void keys_check(lede_config *c);
void keys_fini(void);
/* Action bound to a key (is_key: a curses KEY_ code), or ACT_NONE. */
ui_action keys_action(int is_key, wint_t ch);
/* Key names of an action (as in actions.h) and its help text. */
const char *keys_names(ui_action a);
const char *keys_help(ui_action a);

/* list.c: the article list. */
/* Fill the list with every article in the chosen order. */
void list_init(ui *u);
void list_fini(ui *u);
/* Take in articles that arrived since (the set is still loading). */
void list_grow(ui *u);
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
/* Start the search over for the reader's article when it changed. */
void find_refresh(ui *u);
/* True while matches of the shown article remain to be found. */
bool find_pending(const ui *u);
/* Find more matches for about `ms` milliseconds (between key polls). */
void find_work(ui *u, double ms);
/* Go to the first match at or after (or before when back) the view. */
void find_first(ui *u, bool back, bool from_top);
/* n (forward) or N: the next search match or entity mention, wrapping. */
void find_step(ui *u, bool forward);
/* "3/17" text for the status line, or empty. */
void find_status(ui *u, char *buf, size_t n, int patcols);

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

/* story.c */
void story_ui_init(ui *u);
/* The set grew from old to n articles while loading. */
void story_ui_grow(ui *u, size_t old, size_t n);
void story_ui_fini(ui *u);
/* Mark article art read (u->read and the read-in map). */
void story_ui_read(ui *u, long art);
/* Articles in art's duplicate group (1 when unique). */
uint32_t story_ui_copies(const ui *u, uint32_t art);
/* Share of art's words not read elsewhere, 0-100 (cached). */
int story_ui_share(ui *u, uint32_t art);
/* Keep the first row of each duplicate group; returns the new count. */
size_t story_ui_collapse(ui *u, uint32_t *view, uint32_t *counts, size_t n);
/* Draw a list row's "x3" and "new 30%" right-aligned before end;
 * returns the new end. */
int story_ui_row(ui *u, uint32_t art, int y, int x, int end, ui_style st);
/* After layout: add note lines (copies, read in), drop hidden ones. */
void story_ui_decorate(ui *u, layout *lay, long art, unsigned flags);
/* True when block of the decorated article was read elsewhere. */
bool story_ui_dimmed(const ui *u, long art, int32_t block);
/* Draw note line (block <= -2) at (y, x) in w columns. */
void story_ui_note(ui *u, int32_t block, int y, int x, int w);
/* c: open the next copy of the shown article. */
void story_ui_next_copy(ui *u);
/* R: hide or show paragraphs read elsewhere. */
void story_ui_hide_read(ui *u);

/* names.c */
/* Open the names view on the current list. */
void names_open(ui *u);
void names_fini(ui *u);
void names_draw(ui *u);
/* A raw key while the names view is open (it takes typed text). */
void names_key(ui *u, int is_key, wint_t ch);

/* timeline.c */
/* Open the timeline of the current list; of an entity's mentions when
 * entity >= 0. */
void timeline_open(ui *u, long entity);
void timeline_fini(ui *u);
void timeline_draw(ui *u);
void timeline_key(ui *u, ui_action a);

/* cmdline.c */
/* The / prompt in the list: select the first matching headline. */
void cmd_list_search_live(ui *u);
/* n/N in the list after a headline search; false when not in one. */
bool cmd_list_step(ui *u, bool forward);
/* Sort the list (UI_SORT_*), or cycle to the next order (S): said in
 * the status line, and the whole list's order remembered for the set. */
void cmd_sort(ui *u, int by);
void cmd_sort_next(ui *u);
/* Sort the rows shown by `by` (rows within each group), quietly. */
void cmd_sort_rows(ui *u, int by);
const char *cmd_sort_name(int s);
/* UI_SORT_* named s, or -1. */
int cmd_sort_by_name(const char *s);
/* The order the list is shown in. */
int cmd_sort_current(const ui *u);
/* Run a : command line (modified in place). */
void cmd_run(ui *u, char *line);
/* Tab in the : prompt. */
void cmd_complete(ui *u);
void cmd_fini(ui *u);

/* export.c */
void export_write(ui *u, const char *path);
void export_pipe(ui *u, const char *cmd);
void export_open_url(ui *u);
void export_choose_url(ui *u, const char *num);
void export_draw_urls(ui *u);
void export_list(ui *u, const char *path);
void export_fini(ui *u);

/* group.c */
/* True when the list is shown grouped (a grouping and some rows). */
bool group_on(const ui *u);
/* After the list's rows or order changed: regroup them (the shown
 * article stays selected); with no grouping, undo an earlier one. */
void group_refresh(ui *u);
/* Group by GROUP_* (from = or :group); cycle to the next with -1. Said
 * in the status line and remembered for the set. */
void group_set_by(ui *u, int by);
/* Group by GROUP_*, quietly (at start). */
void group_apply(ui *u, int by);
/* The display row follows list.sel; reveal unfolds its group. */
void group_follow(ui *u, bool reveal);
/* Grouped list: draw, move by display rows, click. */
void group_draw(ui *u);
void group_move(ui *u, long delta);
void group_click(ui *u, int row);
/* ] and [: the next or previous shown article row; false when not grouped. */
bool group_step(ui *u, long d);
/* Enter in the list: fold or unfold when a header is selected. */
bool group_enter(ui *u);
/* z: fold or unfold the selected group; Z: all of them. */
void group_fold(ui *u);
void group_fold_all(ui *u);
/* ", group source" for the status line, or "". */
const char *group_status(const ui *u);
void group_fini(ui *u);

/* list.c, for group.c: draw view row `row` at screen line y. */
void list_draw_row(ui *u, size_t row, int y, bool sel);

/* marks.c: read, star, tags, the tag and watch filters, history and
 * the place last shown, kept in the state database. */
/* Open the state, load the marks and the history; message on failure. */
void marks_init(ui *u);
/* The set grew from old to n articles while loading: their marks too. */
void marks_grow(ui *u, size_t old, size_t n);
/* Save the place shown and close the state. */
void marks_fini(ui *u);
/* The article was opened: it is read now. */
void marks_opened(ui *u, long art);
void marks_toggle_read(ui *u);
void marks_toggle_star(ui *u);
/* The tags prompt (the article's tags to edit) or the tag filter. */
void marks_tags(ui *u);
void marks_tag_filter(ui *u);
/* Enter in a tags prompt; Tab completes a tag name. */
void marks_prompt_accept(ui *u, ui_prompt_kind k, const char *text);
void marks_complete(ui *u);
/* Filter the list to the articles naming a watched name. */
void marks_watch_filter(ui *u);
/* True when article art names a watched name (cached). */
bool marks_watched(ui *u, uint32_t art);
/* A search line to remember across runs. */
void marks_history_add(ui *u, const char *line);
/* Back to the article and place last shown in this set. */
void marks_restore(ui *u);
/* The order of the whole list remembered for this set, into cmd.sort
 * (unless --sort was given); returns the grouping remembered (GROUP_*),
 * or -1 when none was (or --group was given). Before list_init. */
int marks_view_load(ui *u);
/* Remember the whole list's order (sort) and/or the grouping (group)
 * for this set; a failure is said in the status line. */
void marks_view_save(ui *u, bool sort, bool group);

/* color.c: check the configuration's colour names (errors added to c). */
void color_check(lede_config *c);
/* The style of a span class, highlight rules' classes included. */
ui_style color_of(const ui *u, unsigned cls);
void color_fini(ui *u);
/* marks.c: give the keyword spans of rules with a colour their class,
 * and find the matches of /regex/ rules in the article. */
void rules_recolor(ui *u, const article *a, hl_span *spans, size_t n);
/* The style of a /regex/ rule matching at text offset off, if any. */
bool rules_style_at(const ui *u, uint32_t off, ui_style *st);
/* color.c: check the /regex/ rules' patterns (errors added to c). */
void rules_check(lede_config *c);

/* ui.c */
/* Put a message on the status line until the next key. */
void ui_msg(ui *u, bool err, const char *fmt, ...);
/* Carry out one action on the main screen. */
void ui_do(ui *u, ui_action a);

#endif
