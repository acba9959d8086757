/* article.h: one article parsed from bytes.
 *
 * The article owns one cleaned copy of the whole file (header lines
 * included, so line numbers are the file's) and describes it as blocks:
 * the headline, metadata values and body paragraphs, each a byte range of
 * that text. Everything displayed, searched or scanned for entities is a
 * block; nothing outside a block is shown. Never touches the file system. */
#ifndef LEDE_ARTICLE_H
#define LEDE_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

typedef enum article_block_kind {
    BLOCK_TITLE,   /* the headline */
    BLOCK_DATE,    /* metadata values, as written after "Date:" etc. */
    BLOCK_SOURCE,
    BLOCK_AUTHOR,
    BLOCK_URL,
    BLOCK_BODY,    /* a body paragraph (may span several file lines) */
    BLOCK_BOILER,  /* scraper boilerplate: "Share", "Advertisement",
                      a trailing related-story teaser */
} article_block_kind;

typedef struct article_block {
    uint32_t off, len;   /* range in article.text; no leading/trailing
                            blank; inner '\n' are soft (shown as space) */
    uint8_t kind;        /* article_block_kind */
} article_block;

typedef struct article {
    char *path;           /* as given (raw bytes), owned; "-" for stdin */
    char *label;          /* path cleaned for display (text_clean_label) */
    char *text;           /* cleaned file, NUL-terminated, owned */
    size_t len;
    article_block *blocks; /* in text order; the title block, when there
                              is one, is blocks[title] */
    size_t nblocks;
    int32_t title;        /* index of the BLOCK_TITLE block or -1 */
    int32_t date, source, author, url; /* metadata block index or -1 */
    int64_t date_key;     /* sortable yyyymmddhhmmss parsed from the date,
                             or -1 when absent or unparsable */
    uint32_t *line_starts; /* byte offset where each file line starts */
    size_t nlines;
    text_edit *edits;     /* from cleaning, for columns as in the file */
    uint64_t hash;        /* lede_hash64 of the raw bytes as read: the
                             article's content identity (index, state) */
    size_t nedits;
} article;

/* Boilerplate phrases (one per line, '#' comments) used to recognise
 * scraper lines; the bundled list from data/boilerplate.txt is built in.
 * Adds to the list; returns 0. */
int article_boiler_add(const char *lines, size_t len);

/* True when a paragraph text is a boilerplate phrase (case-insensitive,
 * surrounding blanks and punctuation ignored). */
bool article_is_boiler(const char *s, size_t len);

/* Parse raw bytes into *a (cleaning them first). path is copied. Always
 * succeeds for any input; an article may end up with no blocks. */
void article_init(article *a, const char *path, const char *bytes, size_t len);
/* Same, reusing a caller's scratch buffer to avoid a per-article
 * allocation for cleaning (the store uses this). */
void article_init_with(article *a, const char *path, const char *bytes,
                       size_t len, text_buf *scratch);

void article_fini(article *a);

/* The article (all but path and label) as one self-contained byte string,
 * for the index: malloc'd, its size in *n. */
void *article_pack(const article *a, size_t *n);
/* Rebuild *a from article_pack's bytes; path is copied. Returns 0, or -1
 * (a left empty, as after article_fini) when the bytes are malformed: a
 * damaged cache never yields offsets outside the text. */
int article_unpack(article *a, const char *path, const void *p, size_t n);
/* A small stand-in for the list: the headline, date and source blocks
 * of `full` only (same date_key, hash, path and label). */
void article_summary(article *sum, const article *full);

/* Headline text (the title block) or the label when there is none. */
const char *article_headline(const article *a, size_t *len);

/* Line (1-based) and column (1-based, in characters as in the file) of a
 * byte offset in a->text. */
void article_position(const article *a, uint32_t off, uint32_t *line,
                      uint32_t *col);

/* A forward cursor over positions: the same answers as article_position,
 * but a run of calls with non-decreasing offsets costs one pass over the
 * text in all (batch output of mentions and matches stays linear). A
 * smaller offset than the last one is allowed; it restarts from the start
 * of its line. Valid while the article is. */
typedef struct article_pos_cursor {
    const article *a;
    uint32_t off;     /* last offset asked for */
    size_t line;      /* 0-based line holding off */
    int64_t chars;    /* characters from the line start to off */
    size_t edit;      /* first edit not yet counted (edits[edit].off > off) */
    int64_t delta;    /* column change from edits counted on this line */
} article_pos_cursor;

/* Start a cursor at the beginning of a. */
void article_pos_init(article_pos_cursor *c, const article *a);
/* Line and column (as article_position) of off, moving the cursor there. */
void article_pos_at(article_pos_cursor *c, uint32_t off, uint32_t *line,
                    uint32_t *col);

/* Index of the block containing byte offset off, or -1. */
long article_block_at(const article *a, uint32_t off);

/* Sortable yyyymmddhhmmss (UTC when a zone is given) from a date as
 * written: ISO 8601, RFC 2822, "August 26, 2016", "26 August 2016",
 * "Aug 26, 2016" (optionally with a time); -1 when unparsable. */
int64_t article_date_key(const char *s, size_t len);

#endif
