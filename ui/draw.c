/* draw.c: the only place text reaches curses. Each grapheme cluster is
 * drawn at its computed column as one cchar_t; nothing but printable
 * characters is ever handed to curses, so text from a file cannot move
 * the cursor, retitle the terminal or change its colours. */
#include <wchar.h>

#include "private.h"
#include "text.h"

ui_style style_with(ui_style st, attr_t extra)
{
    st.attr |= extra;
    return st;
}

void draw_fill(int y, int x, int w, ui_style st)
{
    cchar_t sp;
    wchar_t blank[2] = {L' ', 0};
    setcchar(&sp, blank, st.attr, st.pair, NULL);
    for (int i = 0; i < w; i++)
        mvwadd_wch(stdscr, y, x + i, &sp);
}

/* Code points curses must never see: C0, DEL, C1, and the characters
 * that only make sense inside a cluster when they lead one. */
static bool unsafe_cp(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
           (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff;
}

/* Decode a cluster into wch: the base, then the zero-width characters
 * that follow it (at most CCHARW_MAX-1), stopping at the first spacing
 * character curses would refuse to combine. Returns the count, 0 when
 * the base is unsafe. */
static int cluster_wchars(const char *s, size_t n, wchar_t *wch)
{
    size_t i = 0, k;
    int32_t cp = text_decode(s, n, &k);
    if (unsafe_cp(cp))
        return 0;
    int m = 0;
    wch[m++] = (wchar_t)cp;
    for (i = k; i < n && m < CCHARW_MAX; i += k) {
        cp = text_decode(s + i, n - i, &k);
        if (unsafe_cp(cp) || wcwidth((wchar_t)cp) != 0 || cp == 0x200d)
            break;
        wch[m++] = (wchar_t)cp;
    }
    wch[m] = 0;
    return m;
}

static void put_wchars(int y, int x, const wchar_t *wch, ui_style st)
{
    cchar_t cc;
    if (setcchar(&cc, wch, st.attr, st.pair, NULL) == ERR) {
        wchar_t base[2] = {wch[0], 0}; /* combining marks refused */
        if (setcchar(&cc, base, st.attr, st.pair, NULL) == ERR)
            return;
    }
    mvwadd_wch(stdscr, y, x, &cc);
}

int draw_cluster(int y, int x, const char *s, size_t n, int w, ui_style st)
{
    wchar_t wch[CCHARW_MAX + 1];
    int m = n ? cluster_wchars(s, n, wch) : 0;
    int cw = m ? wcwidth(wch[0]) : -1;
    if (m && (cw < 1 || cw > w)) {
        /* curses would not give it the columns we measured: show a
         * replacement rather than let the row shift */
        wch[0] = w >= 1 ? 0xfffd : L' ';
        wch[1] = 0;
        cw = 1;
    }
    if (!m) {
        draw_fill(y, x, w, st);
        return w;
    }
    if (w == 0)
        return 0; /* a lone mark: nothing to draw on */
    put_wchars(y, x, wch, st);
    if (cw < w)
        draw_fill(y, x + cw, w - cw, st);
    return w;
}

static int draw_run(int y, int x, const char *s, size_t len, int maxw,
                    ui_style st)
{
    int used = 0;
    size_t i = 0;
    while (i < len) {
        size_t n = text_cluster_len(s + i, len - i);
        int w = text_cluster_width(s + i, n);
        if (s[i] == '\n' || s[i] == '\t') {
            n = 1;
            w = 1;
        }
        if (used + w > maxw)
            break;
        if (s[i] == '\n' || s[i] == '\t')
            draw_fill(y, x + used, 1, st);
        else
            draw_cluster(y, x + used, s + i, n, w, st);
        used += w;
        i += n;
    }
    return used;
}

int draw_text(int y, int x, const char *s, size_t len, int maxw, ui_style st)
{
    if (maxw <= 0)
        return 0;
    return draw_run(y, x, s, len, maxw, st);
}

int draw_text_ellipsis(int y, int x, const char *s, size_t len, int maxw,
                       ui_style st)
{
    if (maxw <= 0)
        return 0;
    /* measure only as far as the room: a headline may be megabytes */
    size_t keep = 0, i = 0, w = 0;
    while (i < len) {
        size_t n = text_cluster_len(s + i, len - i);
        int cw = s[i] == '\n' || s[i] == '\t' ? 1 : text_cluster_width(s + i, n);
        if (s[i] == '\n' || s[i] == '\t')
            n = 1;
        if (w + (size_t)cw > (size_t)maxw)
            break;
        w += (size_t)cw;
        i += n;
        if (w <= (size_t)maxw - 1)
            keep = i;
    }
    if (i >= len)
        return draw_run(y, x, s, len, maxw, st);
    int used = draw_run(y, x, s, keep, maxw - 1, st);
    used += draw_cluster(y, x + used, "\xe2\x80\xa6", 3, 1, st);
    return used;
}

int draw_text_tail(int y, int x, const char *s, size_t len, int maxw,
                   ui_style st)
{
    if (maxw <= 0)
        return 0;
    size_t w = text_width(s, len);
    if (w <= (size_t)maxw)
        return draw_run(y, x, s, len, maxw, st);
    if (maxw == 1)
        return draw_cluster(y, x, "\xe2\x80\xa6", 3, 1, st);
    size_t i = 0; /* drop clusters from the start until the rest fits */
    while (i < len && w > (size_t)maxw - 1) {
        size_t n = text_cluster_len(s + i, len - i);
        w -= (size_t)text_cluster_width(s + i, n);
        i += n;
    }
    int used = draw_cluster(y, x, "\xe2\x80\xa6", 3, 1, st);
    return used + draw_run(y, x + used, s + i, len - i, maxw - 1, st);
}
