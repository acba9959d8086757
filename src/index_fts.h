/* index_fts.h: the 'lede' FTS5 tokenizer.
 *
 * Tokens are words as lede's search sees them (search_is_word): runs of
 * letters, digits and combining marks, each CJK ideograph or kana a word
 * of its own, folded with text_fold (full case folding, accents
 * stripped: "Erdoğan" -> "erdogan", "Straße" -> "strasse"). So the index
 * finds every article the reader's matcher would, for a lowercase word
 * without accents exactly those. Also registers the auxiliary functions
 * lede_hits(fts[, col]), the phrase matches in the current row (in
 * column col only), and lede_rank(fts, title_weight), BM25 without
 * length normalisation with headline matches weighted up. */
#ifndef LEDE_INDEX_FTS_H
#define LEDE_INDEX_FTS_H

#include <stddef.h>

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

/* Pre-tokenized text: INDEX_FTS_MARK, then each token of the text
 * followed by INDEX_FTS_MARK. Cleaned article text never holds this
 * control byte, and a folded token never does, so a document value that
 * starts with it is a stream; the tokenizer, given one for a document,
 * only splits it (a query is always tokenized in full). */
#define INDEX_FTS_MARK '\x01'

/* Append the tokens of text[0..tlen) to the stream in *buf (*len bytes
 * used, *cap allocated; start with *len 0: the mark is put first). */
void index_fts_stream(const char *text, size_t tlen, char **buf, size_t *len,
                      size_t *cap);
/* The same, and word(ctx, tok, toklen, start, end) called with each
 * folded token and where it is in text. */
typedef void (*index_fts_word_fn)(void *ctx, const char *tok, size_t toklen,
                                  size_t start, size_t end);
void index_fts_stream_words(const char *text, size_t tlen, char **buf,
                            size_t *len, size_t *cap, index_fts_word_fn word,
                            void *ctx);

#endif
