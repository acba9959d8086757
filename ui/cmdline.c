/* cmdline.c: the list's own keys and the command line: / searches
 * headlines (incremental, n and N repeat, as in mutt's index), S cycles
 * the order, and : runs a command (sort, goto, filter, export, set; a
 * bare number goes to that article), with Tab completion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "text.h"
#include "util.h"

/* ---- headline search ------------------------------------------------- */

/* True when row r's headline contains the folded pattern. */
static bool row_matches(ui *u, size_t r, const char *pat, size_t plen)
{
    size_t hl;
    const article *a = store_summary(u->s, u->list.view[r]);
    const char *h = article_headline(a, &hl);
    text_fold(h, hl, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, &u->cmd.fold);
    const char *f = u->cmd.fold.s;
    for (size_t i = 0; i + plen <= u->cmd.fold.len; i++)
        if (!memcmp(f + i, pat, plen))
            return true;
    return false;
}

/* Select the next row (from `from`, wrapping) whose headline matches the
 * list pattern; false when none does. Linear in the rows. */
static bool lsearch_from(ui *u, size_t from, bool forward)
{
    ui_cmd *c = &u->cmd;
    size_t n = u->list.n;
    if (!n || !c->lpat_len)
        return false;
    for (size_t k = 0; k < n; k++) {
        size_t r = forward ? (from + k) % n : (from + n - k % n) % n;
        if (row_matches(u, r, c->lpat, c->lpat_len)) {
            list_set_sel(u, r);
            if (forward ? r < from : r > from)
                ui_msg(u, false, "search wrapped");
            return true;
        }
    }
    return false;
}

static void lsearch_set(ui *u, const char *pat, size_t len)
{
    ui_cmd *c = &u->cmd;
    text_fold_buf f = {0};
    text_fold(pat, len, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, &f);
    c->lpat_len = f.len < sizeof c->lpat ? f.len : 0;
    if (c->lpat_len)
        memcpy(c->lpat, f.s, f.len);
    text_fold_fini(&f);
}

void cmd_list_search_live(ui *u)
{
    ui_prompt *p = &u->pr;
    lsearch_set(u, p->buf, p->len);
    if (!p->len) {
        list_set_sel(u, u->cmd.save_sel);
        return;
    }
    p->err[0] = '\0';
    if (!lsearch_from(u, u->cmd.save_sel, true))
        snprintf(p->err, sizeof p->err, "no headline matches");
    u->msg[0] = '\0';
}

bool cmd_list_step(ui *u, bool forward)
{
    if (u->focus != PANE_LIST || !u->cmd.lpat_len)
        return false;
    size_t n = u->list.n, s = u->list.sel;
    if (!lsearch_from(u, forward ? (s + 1) % (n ? n : 1) : (s + n - 1) % (n ? n : 1),
                      forward))
        ui_msg(u, true, "no headline matches");
    return true;
}

/* ---- order ------------------------------------------------------------ */

static const char *const sort_names[UI_SORT_N] = {
    "date", "source", "headline", "path", "new", "relevance"};

const char *cmd_sort_name(int s)
{
    return s >= 0 && s < UI_SORT_N ? sort_names[s] : "?";
}

static ui *sort_ui; /* for the comparators */

typedef struct sort_row {
    uint32_t art, count;
    int64_t key;
} sort_row;

static int cmp_text(const article *a, int32_t ba, const article *b, int32_t bb)
{
    if (ba < 0 || bb < 0)
        return (ba < 0) - (bb < 0); /* missing last */
    const article_block *x = &a->blocks[ba], *y = &b->blocks[bb];
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(a->text + x->off, b->text + y->off, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int cmp_rows(const void *pa, const void *pb)
{
    const sort_row *x = pa, *y = pb;
    const article *a = store_summary(sort_ui->s, x->art);
    const article *b = store_summary(sort_ui->s, y->art);
    int c = 0;
    switch (cmd_sort_current(sort_ui)) {
    case UI_SORT_DATE: case UI_SORT_NEW: case UI_SORT_RELEVANCE:
        c = (x->key < y->key) - (x->key > y->key); /* highest first */
        break;
    case UI_SORT_SOURCE: c = cmp_text(a, a->source, b, b->source); break;
    case UI_SORT_HEADLINE: {
        size_t la, lb;
        const char *ha = article_headline(a, &la), *hb = article_headline(b, &lb);
        c = memcmp(ha, hb, la < lb ? la : lb);
        if (!c)
            c = (la > lb) - (la < lb);
        break;
    }
    default: break;
    }
    return c ? c : (x->art > y->art) - (x->art < y->art);
}

void cmd_sort_rows(ui *u, int by)
{
    ui_list *l = &u->list;
    if (l->filtered)
        u->cmd.fsort = by;
    else
        u->cmd.sort = by;
    sort_row *r = lede_malloc((l->n ? l->n : 1) * sizeof *r);
    for (size_t i = 0; i < l->n; i++) {
        const article *a = store_summary(u->s, l->view[i]);
        r[i].art = l->view[i];
        r[i].count = l->counts && l->filtered ? l->counts[i] : 0;
        r[i].key = by == UI_SORT_DATE ? a->date_key
                 : by == UI_SORT_NEW ? story_ui_share(u, l->view[i])
                 : by == UI_SORT_RELEVANCE ? (int64_t)r[i].count : 0;
    }
    sort_ui = u;
    qsort(r, l->n, sizeof *r, cmp_rows);
    long shown = u->rd.art;
    for (size_t i = 0; i < l->n; i++) {
        l->view[i] = r[i].art;
        if (l->counts && l->filtered)
            l->counts[i] = r[i].count;
        if ((long)r[i].art == shown)
            l->sel = i;
    }
    free(r);
    group_refresh(u); /* sorted within each group */
    u->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

void cmd_sort(ui *u, int by)
{
    if (by == UI_SORT_RELEVANCE && !u->list.filtered) {
        ui_msg(u, true, "relevance needs a filtered list (a search or a name)");
        return;
    }
    cmd_sort_rows(u, by);
    ui_msg(u, false, "sorted by %s", sort_names[by]);
    /* the whole list's order is the set's; a filtered list's lasts
     * while the filter does (relevance needs its query) */
    if (!u->list.filtered)
        marks_view_save(u, true, false);
}

int cmd_sort_by_name(const char *s)
{
    for (int i = 0; i < UI_SORT_N; i++)
        if (!strcmp(s, sort_names[i]))
            return i;
    return -1;
}

int cmd_sort_current(const ui *u)
{
    return u->list.filtered ? u->cmd.fsort : u->cmd.sort;
}

void cmd_sort_next(ui *u)
{
    int s = (cmd_sort_current(u) + 1) % UI_SORT_N;
    if (s == UI_SORT_RELEVANCE && !u->list.filtered)
        s = 0;
    cmd_sort(u, s);
}

/* ---- the command line ------------------------------------------------ */

static const char *const commands[] = {"sort", "goto", "filter", "export",
                                       "set", "group", NULL};
static const char *const groupings[] = {"folder", "source", "none", NULL};
static const char *const options[] = {"hide-boilerplate", "show-boilerplate",
                                      "hide-read", "show-read", NULL};

static void cmd_goto(ui *u, const char *arg)
{
    char *end;
    long n = strtol(arg, &end, 10);
    while (*end == ' ')
        end++;
    if (!*arg || *end || n < 1 || (size_t)n > u->list.n) {
        ui_msg(u, true, "goto: a row number from 1 to %zu", u->list.n);
        return;
    }
    list_set_sel(u, (size_t)n - 1);
}

static void cmd_filter(ui *u, const char *arg)
{
    if (!*arg) {
        ui_msg(u, true, "filter: what to search the set for");
        return;
    }
    if (!find_set(u, arg, u->o->search_flags, true))
        return;
    size_t n = 0;
    search_hit *h = search_corpus(u->find.q, u->s, &n);
    if (!n) {
        ui_msg(u, true, "No article matches: %s", arg);
    } else {
        char what[160];
        snprintf(what, sizeof what, "search: %.140s", arg);
        list_filter_hits(u, h, n, what);
        ui_msg(u, false, "%zu article%s match %s", n, n == 1 ? "" : "s", arg);
    }
    free(h);
}

static void cmd_set(ui *u, const char *arg)
{
    unsigned f = u->rd.flags;
    if (!strcmp(arg, "hide-boilerplate"))
        f |= LAYOUT_HIDE_BOILER;
    else if (!strcmp(arg, "show-boilerplate"))
        f &= ~(unsigned)LAYOUT_HIDE_BOILER;
    else if (!strcmp(arg, "hide-read"))
        f |= UI_HIDE_READ;
    else if (!strcmp(arg, "show-read"))
        f &= ~(unsigned)UI_HIDE_READ;
    else {
        ui_msg(u, true, "set: unknown option '%s' (Tab lists them)", arg);
        return;
    }
    u->rd.flags = f;
    u->dirty |= DIRTY_READER;
    ui_msg(u, false, "set %s", arg);
}

void cmd_run(ui *u, char *line)
{
    while (*line == ' ')
        line++;
    size_t n = strlen(line);
    while (n && line[n - 1] == ' ')
        line[--n] = '\0';
    if (!*line)
        return;
    if (*line >= '0' && *line <= '9') {
        cmd_goto(u, line);
        return;
    }
    char *arg = line + strcspn(line, " ");
    if (*arg)
        *arg++ = '\0';
    while (*arg == ' ')
        arg++;
    if (!strcmp(line, "sort")) {
        int s = cmd_sort_by_name(arg);
        if (s < 0)
            ui_msg(u, true, "sort: date, source, headline, path, new or relevance");
        else
            cmd_sort(u, s);
    } else if (!strcmp(line, "goto")) {
        cmd_goto(u, arg);
    } else if (!strcmp(line, "filter")) {
        cmd_filter(u, arg);
    } else if (!strcmp(line, "export")) {
        export_list(u, arg);
    } else if (!strcmp(line, "set")) {
        cmd_set(u, arg);
    } else if (!strcmp(line, "group")) {
        int g = group_by_parse(arg);
        if (g < 0)
            ui_msg(u, true, "group: folder, source or none");
        else
            group_set_by(u, g);
    } else if (!strcmp(line, "q") || !strcmp(line, "quit")) {
        u->quit = true;
    } else {
        ui_msg(u, true, "unknown command '%s' (sort goto filter export set group; "
               "Tab completes)", line);
    }
}

/* The words that may complete the last word of the line. */
static const char *const *candidates(const char *buf, size_t *word_at)
{
    const char *sp = strchr(buf, ' ');
    if (!sp) {
        *word_at = 0;
        return commands;
    }
    *word_at = (size_t)(strrchr(buf, ' ') - buf) + 1;
    if (!strncmp(buf, "sort ", 5))
        return sort_names;
    if (!strncmp(buf, "set ", 4))
        return options;
    if (!strncmp(buf, "group ", 6))
        return groupings;
    return NULL;
}

void cmd_complete(ui *u)
{
    ui_prompt *p = &u->pr;
    size_t at;
    const char *const *c = candidates(p->buf, &at);
    if (!c)
        return;
    const char *word = p->buf + at;
    size_t wl = strlen(word), nmatch = 0;
    const char *first = NULL;
    char all[256] = "";
    size_t cn = c == sort_names ? UI_SORT_N : (size_t)-1;
    for (size_t i = 0; i < cn && c[i]; i++)
        if (!strncmp(c[i], word, wl)) {
            if (!nmatch++)
                first = c[i];
            snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s",
                     nmatch > 1 ? " " : "", c[i]);
        }
    if (nmatch == 1) {
        snprintf(p->buf + at, sizeof p->buf - at, "%s%s", first,
                 c == commands ? " " : "");
        p->len = strlen(p->buf);
    } else if (nmatch > 1) {
        snprintf(p->err, sizeof p->err, "%.150s", all);
    } else {
        snprintf(p->err, sizeof p->err, "no completion");
    }
}

void cmd_fini(ui *u)
{
    text_fold_fini(&u->cmd.fold);
}
