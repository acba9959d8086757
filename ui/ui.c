/* ui.c: the reader's state and main loop. Key handlers change state and
 * mark what needs redrawing; ui_draw paints the dirty panes once per turn
 * of the loop (wnoutrefresh, then doupdate). Signals only set a flag. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "private.h"
#include "text.h"
#include "util.h"

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t curses_on;
static SCREEN *screen;

/* What puts the terminal back when the main loop cannot (a second signal
 * while it is busy, a crash): the bytes are made before the screen comes
 * up, so a handler only has to write() them, and the terminal modes are
 * restored with tcsetattr(); both are async-signal-safe. */
static char restore_seq[256];
static size_t restore_len;
static int restore_fd = -1;
static struct termios restore_tio;
static bool restore_tio_ok;

static void restore_add(const char *s)
{
    if (!s || s == (const char *)-1)
        return;
    size_t n = strlen(s);
    if (restore_len + n < sizeof restore_seq) {
        memcpy(restore_seq + restore_len, s, n);
        restore_len += n;
    }
}

/* After newterm: the terminal's own strings for leaving the screen. */
static void restore_prepare(int fd)
{
    restore_fd = fd;
    restore_len = 0;
    /* every mouse mode ncurses may have turned on, off */
    restore_add("\033[?1006l\033[?1003l\033[?1002l\033[?1000l");
    restore_add(tigetstr("sgr0"));
    restore_add(tigetstr("cnorm"));
    restore_add(tigetstr("rmcup"));
    restore_add(tigetstr("rmkx"));
}

static void restore_now(void)
{
    if (!curses_on || restore_fd < 0)
        return;
    curses_on = 0;
    if (restore_tio_ok)
        tcsetattr(restore_fd, TCSANOW, &restore_tio);
    size_t off = 0;
    while (off < restore_len) {
        ssize_t w = write(restore_fd, restore_seq + off, restore_len - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
}

/* Die of sig as the shell expects (status 128 + sig, "Quit" and the
 * like), with the default action. */
static void die_of(int sig)
{
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

/* The first signal sets a flag that the loop sees within one key poll
 * (it then leaves curses properly); a second one means the loop is busy,
 * so the terminal is put back here and the process dies of it. */
static void on_signal(int sig)
{
    int saved = errno;
    if (got_signal) {
        restore_now();
        die_of(sig);
    }
    got_signal = sig;
    errno = saved;
}

/* A crash while the screen is up: restore it, then die as before. */
static void on_crash(int sig)
{
    restore_now();
    die_of(sig);
}

/* Fatal errors from the core: put the terminal back first. */
static _Noreturn void on_fatal(const char *msg)
{
    if (curses_on)
        endwin();
    curses_on = false;
    fprintf(stderr, "lede: %s\n", msg);
    exit(2);
}

void ui_msg(ui *u, bool err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->msg, sizeof u->msg, fmt, ap);
    va_end(ap);
    u->msg_err = err;
    u->dirty |= DIRTY_STATUS;
}

/* Signals whose default action ends the process: each ends it through
 * the loop, with the terminal restored. SIGTSTP and SIGCONT are left to
 * curses, which restores and redraws around a suspension. */
static const int quit_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE,
    SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

static void install_signals(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof quit_signals / sizeof *quit_signals; i++) {
        /* a signal ignored by our parent (nohup) stays ignored */
        if (sigaction(quit_signals[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;
        sa.sa_handler = on_signal;
        sigaction(quit_signals[i], &sa, NULL);
    }
    for (size_t i = 0; i < sizeof crash_signals / sizeof *crash_signals; i++) {
        /* keep a sanitizer's own reporter, which prints the stack */
        if (sigaction(crash_signals[i], NULL, &old) == 0 &&
            old.sa_handler != SIG_DFL)
            continue;
        sa.sa_handler = on_crash;
        sa.sa_flags = SA_RESETHAND;
        sigaction(crash_signals[i], &sa, NULL);
        sa.sa_flags = 0;
    }
}

static bool reads_stdin(const cli_opts *o)
{
    for (size_t i = 0; i < o->npaths; i++)
        if (!strcmp(o->paths[i], "-"))
            return true;
    return false;
}

static bool want_color(const cli_opts *o)
{
    const char *nc = getenv("NO_COLOR");
    if (o->color == CLI_COLOR_NEVER || (nc && *nc))
        return false;
    return true;
}

/* Start curses; keys come from /dev/tty when articles came on stdin. */
static bool screen_start(ui *u, FILE **tty)
{
    *tty = NULL;
    if (reads_stdin(u->o) || !isatty(STDIN_FILENO)) {
        *tty = fopen("/dev/tty", "r");
        if (!*tty) {
            fprintf(stderr, "lede: cannot open /dev/tty for keys\n");
            return false;
        }
    }
    restore_tio_ok = tcgetattr(STDOUT_FILENO, &restore_tio) == 0;
    screen = newterm(NULL, stdout, *tty ? *tty : stdin);
    if (!screen) {
        fprintf(stderr, "lede: cannot start the terminal (TERM?)\n");
        return false;
    }
    restore_prepare(STDOUT_FILENO);
    curses_on = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    wtimeout(stdscr, 200); /* so a signal flag is seen promptly */
    curs_set(0);
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    color_init(u, want_color(u->o));
    return true;
}

/* The right part of the status line: the search or mention counter and
 * the position. When the room is short the position goes first, then the
 * pattern is cut; the counter itself always shows. */
/* The right part of the status line: the search counter always, then
 * the position, then (first in the line) the list's order and grouping,
 * only where the left part keeps lneed columns. */
static int status_right(ui *u, char *right, size_t n, int room, int lneed)
{
    char pos[16], by[48];
    int rw = 0;
    for (int patcols = 40; patcols >= 1; patcols--) {
        find_status(u, right, n - sizeof pos - sizeof by, patcols);
        size_t k = strlen(right);
        snprintf(by, sizeof by, "%sby %s%s", k ? "  " : "",
                 cmd_sort_name(cmd_sort_current(u)), group_status(u));
        snprintf(pos, sizeof pos, "%s%3d%%", k ? "  " : "", reader_percent(u));
        rw = (int)text_width(right, k);
        int bw = (int)text_width(by, strlen(by));
        int pw = (int)text_width(pos, strlen(pos));
        if (rw + bw + pw + lneed + 1 <= room) {
            /* order, counter, position */
            char tmp[256];
            int tn = snprintf(tmp, sizeof tmp, "by %s%s%s%s  %3d%%",
                              cmd_sort_name(cmd_sort_current(u)),
                              group_status(u), k ? "  " : "", right,
                              reader_percent(u));
            if (tn < 0 || (size_t)tn >= n)
                return rw; /* cannot happen: the parts are short */
            memcpy(right, tmp, (size_t)tn + 1);
            return (int)text_width(right, strlen(right));
        }
        if (rw + pw <= room || !right[0]) {
            strncat(right, pos, n - k - 1);
            return rw + pw;
        }
        if (rw <= room)
            return rw; /* no room for the position */
    }
    return rw;
}

static void status_draw(ui *u)
{
    const ui_rect *r = &u->status;
    ui_style st = u->role[ROLE_STATUS];
    char left[320], right[200], where[128], prog[64] = "";
    draw_fill(r->y, 0, r->w, st);
    if (store_loading(u->s)) {
        size_t done, total;
        store_load_progress(u->s, &done, &total);
        if (total)
            snprintf(prog, sizeof prog, "(indexing: %zu of %zu) ", done,
                     total);
        else /* the walk is not over: no total yet */
            snprintf(prog, sizeof prog, "(indexing: %zu) ", done);
    }
    int lneed = 0;
    if (u->msg[0]) {
        lneed = (int)text_width(u->msg, strlen(u->msg));
    } else if (u->list.n && u->rd.art >= 0) {
        const article *la = store_summary(u->s, (size_t)u->rd.art);
        lneed = 12 + (u->list.filtered ? 44 : 0) +
                (la ? (int)text_width(la->label, strlen(la->label)) : 0);
        if (lneed > 20) /* a path may give way to the order, to 20 columns */
            lneed = 20;
    }
    int rw = status_right(u, right, sizeof right, r->w - 2, lneed);
    /* the left part ends one column before the right one, at least */
    int lw = r->w - rw - 3, x = 1;
    ui_style ls = u->msg[0] && u->msg_err ? style_with(u->role[ROLE_ERROR], A_REVERSE) : st;
    if (u->msg[0]) {
        snprintf(left, sizeof left, "%s", u->msg);
        draw_text_ellipsis(r->y, x, left, strlen(left), lw, ls);
    } else if (u->list.n) {
        const article *a = u->rd.art >= 0 ? store_summary(u->s, (size_t)u->rd.art) : NULL;
        snprintf(where, sizeof where, "%zu/%zu%s%.40s%s %s", u->list.sel + 1, u->list.n,
                 u->list.filtered ? " [" : "", u->list.filtered ? u->list.what : "",
                 u->list.filtered ? "]" : "", prog);
        int ww = draw_text_ellipsis(r->y, x, where, strlen(where), lw, ls);
        /* the path loses its start first: the file name tells apart */
        if (a && ww < lw)
            draw_text_tail(r->y, x + ww, a->label, strlen(a->label), lw - ww, ls);
    } else {
        snprintf(left, sizeof left, "0 articles%s%s %s", u->list.filtered ? ": " : "",
                 u->list.filtered ? u->list.what : "", prog);
        draw_text_ellipsis(r->y, x, left, strlen(left), lw, ls);
    }
    if (rw > 0 && rw <= r->w)
        draw_text(r->y, r->w - rw - (rw < r->w ? 1 : 0), right, strlen(right), rw, st);
}

static void borders_draw(ui *u)
{
    ui_style b = u->role[ROLE_BORDER];
    attr_t a = b.attr | COLOR_PAIR(b.pair);
    if (u->mode == MODE_WIDE || u->mode == MODE_MEDIUM)
        mvvline(0, u->r[PANE_LIST].w, ACS_VLINE | a, LINES - 1);
    if (u->mode == MODE_WIDE)
        mvvline(0, u->r[PANE_SIDEBAR].x - 1, ACS_VLINE | a, LINES - 1);
}

static void tiny_draw(void)
{
    static const char m[] = "Terminal too small: make it larger";
    erase();
    for (int y = 0; y < LINES && y * COLS < (int)sizeof m - 1; y++)
        mvaddnstr(y, 0, m + y * COLS, COLS);
}

static void ui_draw(ui *u)
{
    if (u->mode == MODE_TINY) {
        tiny_draw();
    } else if (u->help) {
        help_draw(u);
        status_draw(u);
    } else if (u->tl.on) {
        timeline_draw(u);
        status_draw(u);
    } else if (u->names.on) {
        names_draw(u);
        status_draw(u);
    } else {
        if (u->dirty & DIRTY_CLEAR) {
            erase();
            borders_draw(u);
        }
        if (u->overlay && (u->dirty & DIRTY_READER))
            u->dirty |= DIRTY_SIDEBAR; /* it lies on top of the reader */
        if (u->shown[PANE_LIST] && (u->dirty & DIRTY_LIST))
            list_draw(u);
        if (u->shown[PANE_READER] && (u->dirty & DIRTY_READER))
            reader_draw(u);
        if (u->shown[PANE_SIDEBAR] && (u->dirty & DIRTY_SIDEBAR))
            side_draw(u);
        status_draw(u);
    }
    bool typing = u->pr.kind != PROMPT_NONE && u->mode != MODE_TINY;
    if (typing && u->pr.kind == PROMPT_OPEN)
        export_draw_urls(u);
    if (typing)
        prompt_draw(u);
    curs_set(typing ? 1 : 0);
    u->dirty = 0;
    wnoutrefresh(stdscr);
    doupdate();
}

static size_t pane_height(const ui *u, ui_pane p)
{
    return u->r[p].h > 1 ? (size_t)u->r[p].h : 1;
}

/* Move within the focused pane: by delta rows, or to an end (±big). */
static void ui_move(ui *u, long delta)
{
    switch (u->focus) {
    case PANE_LIST: list_move(u, delta); break;
    case PANE_READER: reader_scroll(u, delta); break;
    default: side_move(u, delta); break;
    }
}

static void ui_focus(ui *u, ui_pane p)
{
    u->focus = p;
    geom_fix_focus(u);
    u->dirty |= DIRTY_ALL | (u->mode == MODE_NARROW ? DIRTY_CLEAR : 0);
}

static bool opens_one_file(const cli_opts *o, const store *s);

static void ui_cycle(ui *u, int dir)
{
    bool side = u->mode == MODE_WIDE || u->overlay;
    int n = side ? 3 : 2, f = (int)u->focus;
    if (f >= n)
        f = 1;
    ui_focus(u, (ui_pane)((f + dir + n) % n));
}

static void ui_open_current(ui *u)
{
    long a = list_current(u);
    if (a < 0)
        return;
    reader_open(u, a);
    story_ui_read(u, a);
    marks_opened(u, a);
    if (find_active(&u->find) && u->nav == NAV_SEARCH)
        find_first(u, false, true);
    else if (u->nav == NAV_ENTITY && u->entity >= 0)
        find_step(u, true);
}

static void ui_sidebar(ui *u)
{
    if (u->mode == MODE_WIDE) {
        ui_focus(u, u->focus == PANE_SIDEBAR ? PANE_READER : PANE_SIDEBAR);
        return;
    }
    u->overlay = !u->overlay;
    u->focus = u->overlay ? PANE_SIDEBAR : PANE_READER;
    geom_layout(u);
}

static void ui_clear(ui *u)
{
    if (u->overlay) {
        ui_sidebar(u);
        return;
    }
    if (filter_pop(u)) /* the last part of the filter first */
        return;
    list_unfilter(u);
    u->entity = -1;
    u->ent_cur = -1;
    u->nav = NAV_SEARCH;
    find_clear(u);
    u->msg[0] = '\0';
    u->dirty |= DIRTY_ALL;
}

static void ui_enter(ui *u)
{
    if (u->focus == PANE_LIST) {
        if (group_enter(u))
            return; /* a header folds or unfolds */
        ui_open_current(u);
        ui_focus(u, PANE_READER);
    } else if (u->focus == PANE_SIDEBAR) {
        side_choose(u);
        if (u->overlay)
            ui_sidebar(u);
        u->dirty |= DIRTY_ALL;
    }
}

static void ui_search(ui *u, ui_prompt_kind k)
{
    if (k == PROMPT_FWD && u->focus == PANE_LIST) {
        prompt_open(u, PROMPT_LIST); /* headlines, as in mutt's index */
        return;
    }
    if (u->mode == MODE_NARROW && u->focus == PANE_LIST && k != PROMPT_CORPUS)
        ui_focus(u, PANE_READER);
    prompt_open(u, k);
}

static void ui_boiler(ui *u)
{
    u->rd.flags ^= LAYOUT_HIDE_BOILER;
    ui_msg(u, false, "%s", u->rd.flags & LAYOUT_HIDE_BOILER
                               ? "boilerplate hidden" : "boilerplate shown");
    u->dirty |= DIRTY_READER;
}

static void ui_step_article(ui *u, long d)
{
    if (!group_step(u, d))
        list_move(u, d);
    ui_open_current(u);
}

/* q: back one level (as in mutt and tig); quit at the top. */
static void ui_back(ui *u)
{
    if (u->overlay)
        ui_sidebar(u);
    else if (u->focus != PANE_LIST && !opens_one_file(u->o, u->s))
        ui_focus(u, PANE_LIST);
    else if (u->list.filtered)
        ui_clear(u);
    else
        u->quit = true;
}

void ui_do(ui *u, ui_action a)
{
    long half = (long)pane_height(u, u->focus) / 2, page = half * 2;
    switch (a) {
    case ACT_QUIT: ui_back(u); break;
    case ACT_QUIT_ALL: u->quit = true; break;
    case ACT_NAMES: names_open(u); break;
    case ACT_TIMELINE: timeline_open(u, -1); break;
    case ACT_HELP: u->help = true; u->help_top = 0; u->dirty |= DIRTY_ALL; break;
    case ACT_DOWN: ui_move(u, 1); break;
    case ACT_UP: ui_move(u, -1); break;
    case ACT_HALF_DOWN: ui_move(u, half ? half : 1); break;
    case ACT_HALF_UP: ui_move(u, half ? -half : -1); break;
    case ACT_PAGE_DOWN: ui_move(u, page ? page : 1); break;
    case ACT_PAGE_UP: ui_move(u, page ? -page : -1); break;
    case ACT_TOP:
        if (u->focus == PANE_READER) reader_top(u); else ui_move(u, -(1L << 40));
        break;
    case ACT_BOTTOM:
        if (u->focus == PANE_READER) reader_bottom(u); else ui_move(u, 1L << 40);
        break;
    case ACT_FOCUS_NEXT: ui_cycle(u, 1); break;
    case ACT_FOCUS_PREV: ui_cycle(u, -1); break;
    case ACT_OPEN: ui_enter(u); break;
    case ACT_NEXT_ARTICLE: ui_step_article(u, 1); break;
    case ACT_PREV_ARTICLE: ui_step_article(u, -1); break;
    case ACT_SIDEBAR: ui_sidebar(u); break;
    case ACT_SEARCH_FWD: ui_search(u, PROMPT_FWD); break;
    case ACT_SEARCH_BACK: ui_search(u, PROMPT_BACK); break;
    case ACT_NEXT: if (!cmd_list_step(u, true)) find_step(u, true); break;
    case ACT_PREV: if (!cmd_list_step(u, false)) find_step(u, false); break;
    case ACT_SORT: cmd_sort_next(u); break;
    case ACT_GROUP: group_set_by(u, -1); break;
    case ACT_FOLD: group_fold(u); break;
    case ACT_FOLD_ALL: group_fold_all(u); break;
    case ACT_COMMAND: prompt_open(u, PROMPT_CMD); break;
    case ACT_PIPE: prompt_open(u, PROMPT_PIPE); break;
    case ACT_OPEN_URL: export_open_url(u); break;
    case ACT_WRITE: prompt_open(u, PROMPT_WRITE); break;
    case ACT_CORPUS: ui_search(u, PROMPT_CORPUS); break;
    case ACT_CLEAR: ui_clear(u); break;
    case ACT_BOILER: ui_boiler(u); break;
    case ACT_NEXT_COPY: story_ui_next_copy(u); break;
    case ACT_HIDE_READ: story_ui_hide_read(u); break;
    case ACT_TOGGLE_READ: marks_toggle_read(u); break;
    case ACT_STAR: marks_toggle_star(u); break;
    case ACT_TAGS: marks_tags(u); break;
    case ACT_TAG_FILTER: marks_tag_filter(u); break;
    case ACT_WATCH_FILTER: marks_watch_filter(u); break;
    case ACT_REDRAW: clearok(curscr, TRUE); u->dirty |= DIRTY_ALL | DIRTY_CLEAR; break;
    default: break;
    }
}

static void ui_mouse(ui *u)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || u->mode == MODE_TINY || u->help || u->pr.kind ||
        u->names.on || u->tl.on)
        return;
    ui_pane p = geom_pane_at(u, ev.y, ev.x);
    if (p == PANE_N)
        return;
    int d = ev.bstate & BUTTON4_PRESSED ? -3 : ev.bstate & BUTTON5_PRESSED ? 3 : 0;
    ui_pane keep = u->focus;
    u->focus = p;
    if (d) {
        ui_move(u, d);
        u->focus = keep;
        u->dirty |= DIRTY_ALL;
        return;
    }
    ui_focus(u, p);
    if (p == PANE_LIST)
        list_click(u, ev.y - u->r[p].y);
    else if (p == PANE_SIDEBAR)
        side_click(u, ev.y - u->r[p].y);
}

static void ui_key(ui *u, int is_key, wint_t ch)
{
    if (is_key && ch == KEY_RESIZE) {
        geom_layout(u);
        return;
    }
    if (is_key && ch == KEY_MOUSE) {
        ui_mouse(u);
        return;
    }
    if (u->pr.kind != PROMPT_NONE && u->mode != MODE_TINY) {
        prompt_key(u, is_key, ch);
        return;
    }
    ui_action a = keys_action(is_key, ch);
    if (u->msg[0]) {
        u->msg[0] = '\0';
        u->dirty |= DIRTY_STATUS;
    }
    if (u->help)
        help_key(u, a);
    else if (u->tl.on && u->mode != MODE_TINY)
        timeline_key(u, a);
    else if (u->names.on && u->mode != MODE_TINY)
        names_key(u, is_key, ch);
    else if (a == ACT_NONE && u->mode != MODE_TINY)
        ui_msg(u, false, "that key does nothing here (h for help)");
    else if (u->mode != MODE_TINY || a == ACT_QUIT || a == ACT_QUIT_ALL)
        ui_do(u, a);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* LEDE_BENCH=FILE: key-to-screen times of every frame, summed up there. */
static void bench_write(ui *u)
{
    const char *path = getenv("LEDE_BENCH");
    ui_bench *b = &u->bench;
    FILE *f = path && *path && b->n ? fopen(path, "w") : NULL;
    if (f) {
        qsort(b->ms, b->n, sizeof *b->ms, cmp_double);
        double sum = 0;
        for (size_t i = 0; i < b->n; i++)
            sum += b->ms[i];
        fprintf(f, "frames %zu mean_ms %.3f median_ms %.3f p95_ms %.3f max_ms %.3f\n",
                b->n, sum / (double)b->n, b->ms[b->n / 2],
                b->ms[b->n * 95 / 100], b->ms[b->n - 1]);
        fclose(f);
    }
    free(b->ms);
}

static void bench_add(ui *u, double ms)
{
    ui_bench *b = &u->bench;
    if (!b->on)
        return;
    LEDE_GROW(b->ms, b->cap, b->n + 1);
    b->ms[b->n++] = ms;
}

/* One file named on the command line opens in the reader. Decided by
 * what was named, not by how many articles are in: a folder still being
 * indexed may hold one article at the first screen and thousands a
 * moment later, and its focus (and what q does) must not depend on when
 * the first screen came. */
static bool opens_one_file(const cli_opts *o, const store *s)
{
    struct stat st;
    if (o->npaths != 1 || store_count(s) > 1)
        return false;
    return stat(o->paths[0], &st) != 0 || !S_ISDIR(st.st_mode);
}

/* The configuration's errors stay on the status line at start (they
 * went to stderr too, before the screen started). */
static void config_status(ui *u)
{
    const lede_config *c = u->o->config;
    if (!c || !c->nerrors)
        return;
    if (c->nerrors == 1)
        ui_msg(u, true, "%s", c->errors[0].msg);
    else
        ui_msg(u, true, "%s (%zu more errors: see stderr)", c->errors[0].msg,
               c->nerrors - 1);
}

/* Check the names only the screen knows (colours, actions, keys) and
 * report what is wrong on stderr, before the screen hides it. */
static void config_check(const cli_opts *o)
{
    lede_config *c = o->config;
    if (!c)
        return;
    size_t before = c->nerrors;
    color_check(c);
    keys_check(c);
    rules_check(c);
    for (size_t i = before; i < c->nerrors; i++)
        fprintf(stderr, "lede: %s\n", c->errors[i].msg);
}

static void ui_start(ui *u)
{
    u->entity = -1;
    u->ent_cur = -1;
    u->side.art = -1;
    u->names.type = -1;
    u->cmd.sort = u->o->sort_date ? UI_SORT_DATE : UI_SORT_PATH;
    u->names.with_for = -1;
    u->find.m_art = -1;
    u->find.cur = -1;
    u->read = lede_calloc(store_count(u->s), sizeof *u->read);
    u->bench.on = getenv("LEDE_BENCH") != NULL;
    if (u->bench.on)
        typeahead(-1); /* time whole frames, not ones cut short by input */
    keys_init(u->o->config);
    story_ui_init(u);
    marks_init(u);
    /* articles read in earlier runs feed the "read in" map */
    for (size_t i = 0; i < store_count(u->s); i++)
        if (u->read[i])
            story_ui_read(u, (long)i);
    /* the order and grouping last chosen in this set beat the
     * configuration's default; --sort and --group beat both */
    int grouping = marks_view_load(u);
    list_init(u);
    reader_init(u);
    if (u->o->group_given)
        grouping = u->o->group;
    if (grouping > GROUP_NONE)
        group_apply(u, grouping);
    u->focus = opens_one_file(u->o, u->s) ? PANE_READER : PANE_LIST;
    geom_layout(u);
    list_set_sel(u, 0);
    if (!u->o->pattern && !opens_one_file(u->o, u->s))
        marks_restore(u); /* back where the reader was in this set */
    if (u->focus == PANE_READER && u->rd.art >= 0) {
        story_ui_read(u, u->rd.art);
        marks_opened(u, u->rd.art);
    }
    if (u->o->pattern && find_set(u, u->o->pattern, u->o->search_flags, true))
        find_first(u, false, true);
    config_status(u);
}

static void ui_stop(ui *u)
{
    bench_write(u);
    marks_fini(u);
    keys_fini();
    color_fini(u);
    prompt_fini(u);
    find_fini(u);
    side_fini(u);
    reader_fini(u);
    list_fini(u);
    story_ui_fini(u);
    names_fini(u);
    timeline_fini(u);
    cmd_fini(u);
    export_fini(u);
    group_fini(u);
    free(u->read);
}

/* While the set is still loading: bring in what has arrived and grow
 * the list; once the load is over, name the entities of the whole set
 * and show them. */
static void ui_load_step(ui *u)
{
    if (!store_loading(u->s))
        return;
    size_t old = store_count(u->s);
    store_poll(u->s);
    size_t n = store_count(u->s);
    if (n > old) {
        u->read = lede_realloc(u->read, n * sizeof *u->read);
        memset(u->read + old, 0, (n - old) * sizeof *u->read);
        story_ui_grow(u, old, n);
        marks_grow(u, old, n);
        for (size_t i = old; i < n; i++)
            if (u->read[i])
                story_ui_read(u, (long)i);
        list_grow(u);
    }
    if (!store_loading(u->s))
        store_names_start(u->s); /* the names, on another thread */
    u->dirty |= DIRTY_STATUS;
}

/* The set's names are ready: show them. */
static void ui_names_step(ui *u)
{
    if (!store_names_poll(u->s))
        return;
    u->et = store_entities(u->s);
    u->side.art = -1; /* the sidebar is built again */
    reader_invalidate(u);
    u->dirty |= DIRTY_ALL;
}

static void ui_loop(ui *u)
{
    double t0 = -1;
    while (!u->quit && !got_signal) {
        ui_load_step(u);
        ui_names_step(u);
        if (u->dirty) {
            ui_draw(u);
            if (t0 >= 0)
                bench_add(u, now_ms() - t0);
        }
        t0 = -1;
        /* Matches still being counted: look for a key without waiting,
         * and count on for a moment when there is none. */
        bool busy = find_pending(u);
        /* a load or the names going on: poll it often (the list grows
         * and the status line counts every 50 ms, not every 200) */
        wtimeout(stdscr, busy ? 0 : store_busy(u->s) ? 50 : 200);
        wint_t ch;
        int r = wget_wch(stdscr, &ch);
        if (r == ERR) {
            if (busy)
                find_work(u, 20);
            continue;
        }
        t0 = now_ms();
        ui_key(u, r == KEY_CODE_YES, ch);
    }
}

/* A message from the set still loading: to the status line, never to
 * stderr under the screen. The label is cleaned by the store. */
static void on_store_msg(void *ctx, const char *label, const char *msg)
{
    ui *u = ctx;
    snprintf(u->msg, sizeof u->msg, "%s: %s", label, msg);
    u->msg_err = true;
    u->dirty |= DIRTY_STATUS;
}

int ui_run(store *s, const hl_keywords *kw, const cli_opts *o)
{
    ui u;
    memset(&u, 0, sizeof u);
    u.s = s;
    u.et = store_entities(s) ? store_entities(s) : store_entities_mut(s);
    u.kw = kw;
    u.o = o;
    lede_set_fatal_hook(on_fatal);
    install_signals();
    config_check(o);
    FILE *tty;
    if (!screen_start(&u, &tty))
        return 2;
    store_set_msg(s, on_store_msg, &u);
    ui_start(&u);
    ui_loop(&u);
    endwin();
    curses_on = false;
    delscreen(screen);
    if (tty)
        fclose(tty);
    ui_stop(&u);
    if (got_signal) {
        fflush(NULL);
        die_of(got_signal);
        return 128 + got_signal; /* when the default action is to go on */
    }
    return 0;
}
