/* index_doclist.h: one FTS5 phrase read straight from the index tables.
 *
 * FTS5 walks a term's rows through its general iterators, about 60 ns a
 * row at 1,000,000 articles and twice that for a phrase of two common
 * words (its position merge); a set query over 900,000 rows then takes
 * longer than the whole query may. This module reads the same leaves
 * (fts_data, found through fts_idx, as FTS5 itself reads them) and
 * decodes the doclists in one tight loop: the rows of a phrase and its
 * matches per column, as lede_collect gathers them. Long doclists are
 * decoded in parts, one a core, on threads of their own. It understands
 * the legacy structure record only (the one this SQLite writes: no
 * contentless_delete tombstones); anything else and the caller uses
 * FTS5. */
#ifndef LEDE_INDEX_DOCLIST_H
#define LEDE_INDEX_DOCLIST_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "index_fts.h"

/* The answer of FTS5's "SELECT lede_collect(fts, c) FROM fts WHERE fts
 * MATCH '[title : ]"text"'" (the query string the tokenizer sees: with
 * keep_case, INDEX_FTS_CASE first), gathered into c without FTS5's
 * iterators. The FTS5 table is 'fts' of db's main database; call it
 * inside a read transaction with nothing pending on db (no write
 * transaction open). c->map may be called from several threads at
 * once, after a first call on this one. Returns SQLITE_OK, SQLITE_DONE
 * when the index is not one this reader knows (nothing collected: ask
 * FTS5), or an SQLite error code. */
int index_doclist_collect(sqlite3 *db, const char *text, size_t len,
                          bool keep_case, bool title_only,
                          index_fts_collect *c);

#endif
