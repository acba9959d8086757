/* index_fts.h: the FTS5 tokenizer 'lede' (shared with the query module).
 *
 * Words are runs of letters, marks and digits, folded for case and
 * accents the way lede's search folds them. */
#ifndef LEDE_INDEX_FTS_H
#define LEDE_INDEX_FTS_H

#include <sqlite3.h>

/* Register the tokenizer 'lede' on db. Returns SQLITE_OK or an error. */
int index_fts_register(sqlite3 *db);

#endif
