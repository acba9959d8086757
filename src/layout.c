/* layout.c: wrapping cleaned text into display lines by columns.
 *
 * One greedy pass per block: each cluster is measured once, and the
 * last break opportunity (a space run, or a point between CJK
 * characters) is remembered with the columns on either side of it, so a
 * line break never rescans the text. Tabs are break opportunities too,
 * which keeps the carried-over part of a line free of tabs and its width
 * a plain sum. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

enum { TAB_STOP = 8 };

void layout_fini(layout *l)
{
    free(l->lines);
    memset(l, 0, sizeof *l);
}

static void add_line(layout *l, uint32_t off, uint32_t len, int32_t block,
                     int cols)
{
    LEDE_GROW(l->lines, l->cap, l->nlines + 1);
    layout_line *ln = &l->lines[l->nlines++];
    ln->off = off;
    ln->len = len;
    ln->block = block;
    ln->cols = (uint16_t)cols;
}

/* One cluster of cleaned text: its length, width and first code point. */
typedef struct cluster {
    uint32_t n;
    int w;
    int32_t cp;
} cluster;

static void measure_cluster(const char *s, size_t len, cluster *c)
{
    size_t n;
    c->n = (uint32_t)text_cluster_len(s, len);
    c->cp = text_decode(s, len, &n);
    c->w = text_cluster_width(s, c->n);
}

static inline cluster next_cluster(const char *s, size_t len)
{
    cluster c;
    unsigned char b = (unsigned char)s[0];
    if (b < 0x80 && (len == 1 || (unsigned char)s[1] < 0x80)) {
        c.n = 1;
        c.cp = b;
        c.w = b >= 0x20 && b < 0x7F;
    } else {
        measure_cluster(s, len, &c);
    }
    return c;
}

/* Characters that must not start a line (closing punctuation, small
 * kana, prolonged sound mark), so CJK text is not broken before them. */
static bool no_line_start(int32_t cp)
{
    static const char *const ascii = ")]},.:;!?%";
    if (cp < 0x80)
        return cp && strchr(ascii, (int)cp) != NULL;
    switch (cp) {
    case 0x2019: case 0x201D: case 0x2026: case 0x3001: case 0x3002:
    case 0x3005: case 0x3009: case 0x300B: case 0x300D: case 0x300F:
    case 0x3011: case 0x3015: case 0x3017: case 0x3019: case 0x301F:
    case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
    case 0x3063: case 0x3083: case 0x3085: case 0x3087: case 0x308E:
    case 0x309D: case 0x309E: case 0x30A1: case 0x30A3: case 0x30A5:
    case 0x30A7: case 0x30A9: case 0x30C3: case 0x30E3: case 0x30E5:
    case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6: case 0x30FB:
    case 0x30FC: case 0x30FD: case 0x30FE: case 0xFF01: case 0xFF09:
    case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F:
    case 0xFF3D: case 0xFF5D: case 0xFF60:
        return true;
    default:
        return false;
    }
}

/* Characters that must not end a line (opening brackets and quotes). */
static bool no_line_end(int32_t cp)
{
    if (cp < 0x80)
        return cp == '(' || cp == '[' || cp == '{';
    switch (cp) {
    case 0x2018: case 0x201C: case 0x3008: case 0x300A: case 0x300C:
    case 0x300E: case 0x3010: case 0x3014: case 0x3016: case 0x3018:
    case 0x301D: case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F:
        return true;
    default:
        return false;
    }
}

static bool cjk_break_between(int32_t a, int32_t b)
{
    if (a < 0x2E80 && b < 0x2E80) /* below every CJK block: fast exit */
        return false;
    if (!text_is_cjk_break(a) && !text_is_cjk_break(b))
        return false;
    return !no_line_end(a) && !no_line_start(b);
}

/* State of one wrap: the open line and its last break opportunity. */
typedef struct wrap {
    layout *l;
    int32_t block;
    int width;
    uint32_t start;             /* the open line's first byte */
    int cols;                   /* its width so far */
    bool has_brk, in_space;
    uint32_t brk_end, brk_next; /* line ends at brk_end, next starts at
                                   brk_next (after a space run) */
    int brk_end_cols, brk_next_cols;
    int32_t prev_cp;            /* first code point of previous cluster */
} wrap;

static void open_line(wrap *w, uint32_t start, int cols)
{
    w->start = start;
    w->cols = cols;
    w->has_brk = false;
    w->in_space = false;
}

/* End the open line at its last break opportunity; what follows it is
 * carried to a new line. */
static void break_at_brk(wrap *w)
{
    if (w->brk_end > w->start)
        add_line(w->l, w->start, w->brk_end - w->start, w->block,
                 w->brk_end_cols);
    else
        add_line(w->l, w->start, w->brk_next - w->start, w->block,
                 w->brk_next_cols);
    open_line(w, w->brk_next, w->cols - w->brk_next_cols);
}

static void wrap_space(wrap *w, uint32_t p, uint32_t n)
{
    if (!w->in_space) {
        w->brk_end = p;
        w->brk_end_cols = w->cols;
    }
    if (w->cols + 1 > w->width) {
        if (w->brk_end > w->start)
            add_line(w->l, w->start, w->brk_end - w->start, w->block,
                     w->brk_end_cols);
        else /* nothing but spaces on the line: keep them */
            add_line(w->l, w->start, p - w->start, w->block, w->cols);
        open_line(w, p + n, 0);
        return;
    }
    w->cols++;
    w->in_space = true;
    w->has_brk = true;
    w->brk_next = p + n;
    w->brk_next_cols = w->cols;
}

static void wrap_tab(wrap *w, uint32_t p, uint32_t n)
{
    if (w->cols >= w->width) {
        add_line(w->l, w->start, p - w->start, w->block, w->cols);
        open_line(w, p, 0);
    }
    int tw = TAB_STOP - w->cols % TAB_STOP;
    if (tw > w->width - w->cols)
        tw = w->width - w->cols;
    w->cols += tw;
    w->has_brk = true;
    w->in_space = false;
    w->brk_end = w->brk_next = p + n;
    w->brk_end_cols = w->brk_next_cols = w->cols;
}

static void wrap_cluster(wrap *w, uint32_t p, cluster c)
{
    if (!w->in_space && w->cols > 0 && cjk_break_between(w->prev_cp, c.cp)) {
        w->has_brk = true;
        w->brk_end = w->brk_next = p;
        w->brk_end_cols = w->brk_next_cols = w->cols;
    }
    w->in_space = false;
    if (w->cols + c.w > w->width && w->has_brk)
        break_at_brk(w);
    if (w->cols + c.w > w->width && w->cols > 0) {
        /* A word wider than the line: cut it before this cluster. */
        add_line(w->l, w->start, p - w->start, w->block, w->cols);
        open_line(w, p, 0);
    }
    /* A cluster wider than the whole line gets a line of its own,
     * counted as the full width so no line is ever wider. */
    w->cols += c.w > w->width ? w->width : c.w;
}

void layout_wrap(layout *l, const char *text, uint32_t off, uint32_t len,
                 int32_t block, int width)
{
    if (!len)
        return;
    wrap w = {.l = l, .block = block, .width = width < 1 ? 1 : width};
    if (w.width > UINT16_MAX)
        w.width = UINT16_MAX;
    l->width = w.width; /* layout_cells needs it for tabs */
    open_line(&w, off, 0);
    uint32_t end = off + len;
    for (uint32_t p = off; p < end;) {
        cluster c = next_cluster(text + p, end - p);
        if (c.cp == ' ' || c.cp == '\n') {
            /* Spaces are not drawn at the start of a wrapped line. */
            if (!(w.cols == 0 && p == w.start && p != off))
                wrap_space(&w, p, c.n);
            else
                w.start = p + c.n;
        } else if (c.cp == '\t') {
            wrap_tab(&w, p, c.n);
        } else {
            wrap_cluster(&w, p, c);
        }
        w.prev_cp = c.cp;
        p += c.n;
    }
    if (end > w.start)
        add_line(l, w.start, end - w.start, block, w.cols);
}

static void add_blank(layout *l)
{
    uint32_t off = 0;
    if (l->nlines) {
        const layout_line *p = &l->lines[l->nlines - 1];
        off = p->off + p->len;
    }
    add_line(l, off, 0, -1, 0);
}

/* True for the headline and metadata blocks shown at the top. */
static bool is_header_block(const article *a, int32_t i)
{
    return i == a->title || i == a->date || i == a->source ||
           i == a->author || i == a->url;
}

void layout_article(layout *l, const article *a, int width, unsigned flags)
{
    l->nlines = 0;
    l->width = width < 1 ? 1 : width;
    if (a->title >= 0 && (size_t)a->title < a->nblocks) {
        const article_block *b = &a->blocks[a->title];
        layout_wrap(l, a->text, b->off, b->len, a->title, l->width);
    }
    const int32_t meta[] = {a->date, a->source, a->author, a->url};
    for (size_t i = 0; i < sizeof meta / sizeof *meta; i++) {
        if (meta[i] < 0 || (size_t)meta[i] >= a->nblocks)
            continue;
        const article_block *b = &a->blocks[meta[i]];
        layout_wrap(l, a->text, b->off, b->len, meta[i], l->width);
    }
    for (size_t i = 0; i < a->nblocks; i++) {
        const article_block *b = &a->blocks[i];
        if (is_header_block(a, (int32_t)i) || !b->len)
            continue;
        if (b->kind == BLOCK_BOILER && (flags & LAYOUT_HIDE_BOILER))
            continue;
        if (l->nlines)
            add_blank(l);
        layout_wrap(l, a->text, b->off, b->len, (int32_t)i, l->width);
    }
}

static bool line_holds(const layout_line *ln, uint32_t off)
{
    return ln->len && off >= ln->off && off < ln->off + ln->len;
}

size_t layout_line_of(const layout *l, uint32_t off)
{
    /* Body lines are in text order: a binary search on line ends finds
     * the answer when it holds off; otherwise (header blocks out of text
     * order, off in a skipped space) a scan decides. */
    size_t lo = 0, hi = l->nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const layout_line *ln = &l->lines[mid];
        if (ln->off + ln->len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < l->nlines && line_holds(&l->lines[lo], off))
        return lo;
    size_t best = l->nlines;
    for (size_t i = 0; i < l->nlines; i++) {
        const layout_line *ln = &l->lines[i];
        if (line_holds(ln, off))
            return i;
        if (ln->len && ln->off > off &&
            (best == l->nlines || ln->off < l->lines[best].off))
            best = i;
    }
    return best;
}

/* Index of the first span that ends after off. */
static size_t first_span_after(const hl_span *spans, size_t n, uint32_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (spans[mid].off + spans[mid].len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static uint8_t class_at(const hl_span *spans, size_t n, size_t *k,
                        uint32_t off)
{
    while (*k < n && spans[*k].off + spans[*k].len <= off)
        (*k)++;
    if (*k < n && spans[*k].off <= off)
        return spans[*k].cls;
    return HL_NONE;
}

size_t layout_cells(const layout *l, size_t ln, const char *text,
                    const hl_span *spans, size_t nspans, layout_cell **out,
                    size_t *cap)
{
    if (ln >= l->nlines)
        return 0;
    const layout_line *line = &l->lines[ln];
    int width = l->width < 1 ? 1 : l->width;
    size_t k = first_span_after(spans, nspans, line->off);
    size_t count = 0;
    int col = 0;
    uint32_t end = line->off + line->len;
    for (uint32_t p = line->off; p < end;) {
        cluster c = next_cluster(text + p, end - p);
        layout_cell cell = {.off = p, .len = c.n, .cols = (uint8_t)c.w};
        if (c.cp == '\n') {
            cell.len = 0;
            cell.cols = 1;
        } else if (c.cp == '\t') {
            int tw = TAB_STOP - col % TAB_STOP;
            cell.len = 0;
            cell.cols = (uint8_t)(tw > width - col ? width - col : tw);
        } else if (c.w > width - col) {
            /* Too wide for what is left (a wide character on a very
             * narrow layout): blanks rather than an overflowing cell. */
            cell.len = 0;
            cell.cols = (uint8_t)(width - col);
        }
        cell.cls = class_at(spans, nspans, &k, p);
        LEDE_GROW(*out, *cap, count + 1);
        (*out)[count++] = cell;
        col += cell.cols;
        p += c.n;
    }
    return count;
}
