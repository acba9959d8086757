/* index_fts.h: the 'lede' FTS5 tokenizer.
 *
 * Tokens are words as lede's search sees them (search_is_word): runs of
 * letters, digits and combining marks, each CJK ideograph or kana a word
 * of its own, folded with text_fold (full case folding, accents
 * stripped: "Erdoğan" -> "erdogan", "Straße" -> "strasse"). So the index
 * finds every article the reader's matcher would, for a lowercase word
 * without accents exactly those. Two more kinds of token make more
 * lookups exact:
 *   - a word with a capital also has its case-preserved form (accents
 *     folded) at the same position, INDEX_FTS_CASE first: "Aleppo" under
 *     smart case is the token "\x02Aleppo";
 *   - two words not joined by exactly one space or newline inside one
 *     paragraph (punctuation, two spaces, a paragraph break) have the
 *     token INDEX_FTS_SEP between them, so the FTS5 phrase "aid agencies"
 *     matches where lede's phrase does and not "aid, agencies". Also registers the auxiliary functions
 * lede_hits(fts[, col]), the phrase matches in the current row (in
 * column col only), and lede_rank(fts, title_weight), BM25 without
 * length normalisation with headline matches weighted up. */
#ifndef LEDE_INDEX_FTS_H
#define LEDE_INDEX_FTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* Register tokenizer 'lede', lede_hits() and lede_rank() on db. Returns SQLITE_OK or
 * an SQLite error code (SQLITE_ERROR when SQLite lacks FTS5). */
int index_fts_register(sqlite3 *db);

/* Call fn for each token of text[0..len): the folded token and the byte
 * range of the word in text. Stops early when fn returns non-zero and
 * returns that value; else 0. The tokenizer uses this. */
typedef int (*index_fts_token_fn)(void *ctx, const char *tok, size_t toklen,
                                  size_t start, size_t end);
int index_fts_tokens(const char *text, size_t len, index_fts_token_fn fn,
                     void *ctx);

/* Pre-tokenized text: INDEX_FTS_MARK, then each token of the text as
 * its length in bytes (LEB128) and its bytes, so that the writer finds
 * the tokens without looking for their ends. Cleaned article text never
 * holds this control byte, so a document value that starts with it is a
 * stream; the tokenizer, given one for a document, only splits it (a
 * query is always tokenized in full). */
#define INDEX_FTS_MARK '\x01'
/* The first byte of a case-preserved token, and the separator token. */
#define INDEX_FTS_CASE '\x02'
#define INDEX_FTS_SEP '\x03'

/* The tokens FTS5 looks up for the query text text[0..len): the folded
 * words with separators where they are not joined by one space, and
 * with keep_case the case-preserved form of each word with a capital in
 * its place. (The tokenizer does the same for a query string that
 * starts with INDEX_FTS_CASE.) Returns as index_fts_tokens. */
int index_fts_query_tokens(const char *text, size_t len, bool keep_case,
                           index_fts_token_fn fn, void *ctx);

/* Append the tokens of text[0..tlen) to the stream in *buf (*len bytes
 * used, *cap allocated; start with *len 0: the mark is put first). */
void index_fts_stream(const char *text, size_t tlen, char **buf, size_t *len,
                      size_t *cap);
/* The same, and with sb the paragraph's words for the story print, as
 * story_build_words would cut them from the text (the caller ends the
 * paragraph: story_build_para). */
typedef struct story_build story_build;
void index_fts_stream_print(const char *text, size_t tlen, char **buf,
                            size_t *len, size_t *cap, story_build *sb);

/* What lede_collect(fts, ?) gathers over every row of a MATCH of one
 * phrase (with a column filter or not), called on its first row: "SELECT
 * lede_collect(fts, ?2) FROM fts WHERE fts MATCH ?1 LIMIT 1", the
 * collector bound with sqlite3_bind_pointer(st, 2, c, INDEX_FTS_COLLECT,
 * NULL). No row: nothing matched, nothing collected. */
#define INDEX_FTS_COLLECT "lede_collect"
typedef struct index_fts_collect {
    long (*map)(void *ctx, int64_t rowid); /* row id -> article, or -1 */
    void *ctx;
    size_t n;               /* articles */
    uint64_t *bits;         /* out: the articles of the rows */
    uint32_t *title, *body; /* NULL, or out: per article, the matches of
                               the expression's first phrase in column 0
                               and the others */
    int64_t rows;           /* out: rows matched (known to map or not) */
    int64_t nrow;           /* out: rows in the table (when rows > 0) */
    const uint64_t *mask;   /* NULL, or the articles whose matches are
                               wanted: the others' may be left out, and
                               their bits too */
} index_fts_collect;

#endif
