/* ui.c: the reader's state and main loop. Key handlers change state and
 * mark what needs redrawing; ui_draw paints the dirty panes once per turn
 * of the loop (wnoutrefresh, then doupdate). Signals only set a flag. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "private.h"
#include "text.h"
#include "util.h"

static volatile sig_atomic_t got_signal;
static bool curses_on;
static SCREEN *screen;

static void on_signal(int sig)
{
    got_signal = sig;
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

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
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
    screen = newterm(NULL, stdout, *tty ? *tty : stdin);
    if (!screen) {
        fprintf(stderr, "lede: cannot start the terminal (TERM?)\n");
        return false;
    }
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

static void status_draw(ui *u)
{
    const ui_rect *r = &u->status;
    ui_style st = u->role[ROLE_STATUS];
    char left[320], right[200], pos[16];
    draw_fill(r->y, 0, r->w, st);
    find_status(u, right, sizeof right - 8);
    snprintf(pos, sizeof pos, "%s%3d%%", right[0] ? "  " : "", reader_percent(u));
    strncat(right, pos, sizeof right - strlen(right) - 1);
    int rw = (int)text_width(right, strlen(right));
    if (u->msg[0]) {
        snprintf(left, sizeof left, "%s", u->msg);
    } else if (u->list.n) {
        const article *a = u->rd.art >= 0 ? store_get(u->s, (size_t)u->rd.art) : NULL;
        snprintf(left, sizeof left, "%zu/%zu%s%s%s %s", u->list.sel + 1, u->list.n,
                 u->list.filtered ? " [" : "", u->list.filtered ? u->list.what : "",
                 u->list.filtered ? "]" : "", a ? a->label : "");
    } else {
        snprintf(left, sizeof left, "0 articles%s%s", u->list.filtered ? ": " : "",
                 u->list.filtered ? u->list.what : "");
    }
    int lw = r->w - rw - 2;
    ui_style ls = u->msg[0] && u->msg_err ? style_with(u->role[ROLE_ERROR], A_REVERSE) : st;
    draw_text_ellipsis(r->y, 1, left, strlen(left), lw, ls);
    if (rw < r->w)
        draw_text(r->y, r->w - rw - 1, right, strlen(right), rw, st);
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
    u->read[a] = true;
    u->dirty |= DIRTY_LIST;
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
    list_move(u, d);
    ui_open_current(u);
}

void ui_do(ui *u, ui_action a)
{
    long half = (long)pane_height(u, u->focus) / 2, page = half * 2;
    switch (a) {
    case ACT_QUIT:
        if (u->overlay)
            ui_sidebar(u);
        else
            u->quit = true;
        break;
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
    case ACT_NEXT: find_step(u, true); break;
    case ACT_PREV: find_step(u, false); break;
    case ACT_CORPUS: ui_search(u, PROMPT_CORPUS); break;
    case ACT_CLEAR: ui_clear(u); break;
    case ACT_BOILER: ui_boiler(u); break;
    case ACT_REDRAW: clearok(curscr, TRUE); u->dirty |= DIRTY_ALL | DIRTY_CLEAR; break;
    default: break;
    }
}

static void ui_mouse(ui *u)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || u->mode == MODE_TINY || u->help || u->pr.kind)
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
    else if (u->mode != MODE_TINY || a == ACT_QUIT)
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

static bool opens_one_file(const cli_opts *o, const store *s)
{
    return o->npaths == 1 && store_count(s) == 1;
}

static void ui_start(ui *u)
{
    u->entity = -1;
    u->ent_cur = -1;
    u->side.art = -1;
    u->find.m_art = -1;
    u->find.cur = -1;
    u->read = lede_calloc(store_count(u->s), sizeof *u->read);
    u->bench.on = getenv("LEDE_BENCH") != NULL;
    if (u->bench.on)
        typeahead(-1); /* time whole frames, not ones cut short by input */
    keys_init();
    list_init(u);
    reader_init(u);
    u->focus = opens_one_file(u->o, u->s) ? PANE_READER : PANE_LIST;
    geom_layout(u);
    list_set_sel(u, 0);
    if (u->focus == PANE_READER && u->rd.art >= 0)
        u->read[u->rd.art] = true;
    if (u->o->pattern && find_set(u, u->o->pattern, u->o->search_flags, true))
        find_first(u, false, true);
}

static void ui_stop(ui *u)
{
    bench_write(u);
    prompt_fini(u);
    find_fini(u);
    side_fini(u);
    reader_fini(u);
    list_fini(u);
    free(u->read);
}

static void ui_loop(ui *u)
{
    double t0 = -1;
    while (!u->quit && !got_signal) {
        if (u->dirty) {
            ui_draw(u);
            if (t0 >= 0)
                bench_add(u, now_ms() - t0);
        }
        t0 = -1;
        wint_t ch;
        int r = wget_wch(stdscr, &ch);
        if (r == ERR)
            continue;
        t0 = now_ms();
        ui_key(u, r == KEY_CODE_YES, ch);
    }
}

int ui_run(store *s, const hl_keywords *kw, const cli_opts *o)
{
    ui u;
    memset(&u, 0, sizeof u);
    u.s = s;
    u.et = store_entities(s);
    u.kw = kw;
    u.o = o;
    lede_set_fatal_hook(on_fatal);
    install_signals();
    FILE *tty;
    if (!screen_start(&u, &tty))
        return 2;
    ui_start(&u);
    ui_loop(&u);
    endwin();
    curses_on = false;
    delscreen(screen);
    if (tty)
        fclose(tty);
    ui_stop(&u);
    return got_signal ? 128 + got_signal : 0;
}
