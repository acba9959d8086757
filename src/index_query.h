/* index_query.h: running a query tree (query.h) against a set's index.
 *
 * Words, phrases and title: become FTS5 MATCH expressions over table
 * `fts` (columns title, body; tokenizer 'lede'), the user's text always
 * inside a quoted FTS5 string. The index answers exactly for words and
 * phrases of words one space apart, lowercase or (under smart case) with
 * a capital in every word (index_fts.h: case forms and separator
 * tokens); anything else it cannot see exactly (accents, punctuation,
 * a lowercase word among capitals) is checked again with lede's own
 * matcher on the candidates only. entity:, source:, path:, after: and
 * before: are filtered in C over the store. The result is the same set
 * of articles as query_run_mem, with the same match counts, ranked by
 * BM25 (no length normalisation) with the headline weighted up. */
#ifndef LEDE_INDEX_QUERY_H
#define LEDE_INDEX_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "query.h"
#include "search.h"

struct store;

/* Maps an fts rowid to the store's article index, or -1 when the store
 * does not hold it (store_find_rowid). */
typedef long (*index_query_map_fn)(void *ctx, int64_t rowid);

/* Weight of a headline match against a body match in the ranking. */
#define INDEX_QUERY_TITLE_WEIGHT 10.0

/* Run q. Returns the matching articles best first (malloc'd, *n set;
 * count: matches of the positive words, plus mentions of positive
 * entities), or NULL with a message in err when SQLite fails
 * (the caller may fall back to query_run_mem). db must have had
 * index_fts_register. */
search_hit *index_query_run(sqlite3 *db, const query *q,
                            const struct store *s, index_query_map_fn map,
                            void *ctx, size_t *n, char *err, size_t errlen);

/* Run q over s the fastest way it allows: this is what the CLI and the
 * reader call: a store with an index answers through index_query_run
 * (falling back to memory when SQLite fails), one without through
 * query_run_mem. Same contract as query_run_mem. */
search_hit *query_run(const query *q, const struct store *s, size_t *n);

/* The FTS5 expression for one TEXT leaf: "title : \"...\"" or
 * "\"...\"" with the user's quotes doubled (and INDEX_FTS_CASE after the
 * opening quote with keep_case: the case forms are looked up). Writes at
 * most cap bytes (NUL-terminated); returns the full length. */
size_t index_query_fts_expr(const query_node *leaf, bool keep_case, char *buf,
                            size_t cap);

#endif
