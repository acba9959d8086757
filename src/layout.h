/* layout.h: an article as display lines of at most N columns.
 *
 * Blocks are wrapped by display columns: breaks at spaces and between
 * CJK characters, never inside a grapheme cluster; a word longer than the
 * width is cut at a cluster boundary; inner newlines of a paragraph are
 * soft (a space); tabs expand to the next multiple of 8 columns. Blocks
 * are separated by one blank line (the headline and metadata by none,
 * see layout_article). Lines refer to the article's text by offset; no
 * text is copied. */
#ifndef LEDE_LAYOUT_H
#define LEDE_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "highlight.h"

typedef struct layout_line {
    uint32_t off, len;   /* byte range of article text; len 0 = blank */
    int32_t block;       /* block index, or -1 for a blank separator */
    uint16_t cols;       /* display width of the line */
} layout_line;

typedef struct layout {
    layout_line *lines;
    size_t nlines, cap;
    int width;
} layout;

enum {
    LAYOUT_HIDE_BOILER = 1, /* leave boilerplate blocks out */
};

/* Lay out article a at `width` columns (>= 1) into *l (reused; zero it
 * before first use, layout_fini to release). Order: headline, then the
 * metadata lines (date, source, author, url) directly under it, a blank
 * line, then body blocks separated by blank lines. */
void layout_article(layout *l, const article *a, int width, unsigned flags);
void layout_fini(layout *l);

/* Wrap one range of cleaned text at `width` columns, appending lines with
 * the given block index (and setting l->width, which layout_cells uses).
 * Exposed for headlines and tests. */
void layout_wrap(layout *l, const char *text, uint32_t off, uint32_t len,
                 int32_t block, int width);

/* Index of the first line whose range contains or follows byte offset
 * off (for "go to match"); nlines when none. */
size_t layout_line_of(const layout *l, uint32_t off);

/* One drawable cell of a line: a grapheme cluster (or a run of spaces
 * standing for a tab or a soft newline) with its width and class. */
typedef struct layout_cell {
    uint32_t off, len;  /* cluster bytes in the article text; len 0 means
                           `cols` spaces (tab expansion, soft newline) */
    uint8_t cols;       /* 0, 1 or 2 (up to 8 for a tab) */
    uint8_t cls;        /* hl_class */
} layout_cell;

/* Cells of line ln, classes taken from spans (sorted, non-overlapping).
 * *out grown as needed; returns the count. */
size_t layout_cells(const layout *l, size_t ln, const char *text,
                    const hl_span *spans, size_t nspans, layout_cell **out,
                    size_t *cap);

#endif
