/* state.h: the user's own data, in its own SQLite database.
 *
 * Read and unread, a star, free tags, the search history and, per set,
 * the article and the place last shown and the list's order and
 * grouping. This is the user's work, not a cache: it lives apart from
 * the index (default $XDG_STATE_HOME/lede/state.db), every change is one
 * transaction, the database runs in WAL mode with a busy timeout so two
 * lede processes can share it, and a database that cannot be read is
 * renamed aside (state.db.corrupt-TIME), never deleted. A file an older
 * lede made is upgraded in place, in one transaction that only adds,
 * when it is opened for writing.
 *
 * An article is keyed by its content hash (article.hash) and its real
 * path. A lookup takes the row of the same hash and path, else a row of
 * the same hash under another path (a moved or copied file keeps its
 * marks); a change made through such a row is written under the new
 * path, carrying the old row's marks along. An edited file is a new
 * article. Never prints: messages go to the caller's buffer. */
#ifndef LEDE_STATE_H
#define LEDE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lede_state lede_state;

enum {
    STATE_READ = 1,
    STATE_STAR = 2,
};

/* The marks of one article (from state_load). */
typedef struct state_marks {
    uint8_t flags; /* STATE_READ | STATE_STAR */
    char *tags;    /* "a,b,c" sorted, owned; NULL when none */
} state_marks;

/* The default database path: $XDG_STATE_HOME/lede/state.db, else
 * $HOME/.local/state/lede/state.db. Returns 0, or -1 when neither
 * variable is set or the path does not fit in n bytes. */
int state_default_path(char *buf, size_t n);

/* Open the database at path. With create, missing parent directories and
 * the file are made and the whole file is checked (PRAGMA quick_check);
 * without it a missing file gives NULL and no message, and damage shows
 * as an error of state_load.
 * A file that is not a sound SQLite database is renamed to
 * PATH.corrupt-YYYYMMDD-HHMMSS and a new one started (create only); msg
 * then says so (also on success). With create, an older lede's file is
 * upgraded to this schema (every row kept); when that cannot be done
 * (read-only, busy) it is used as it is, state_view_* fail, and msg says
 * so (on success). On failure returns NULL with the reason in msg. The
 * caller owns the handle (state_close). */
lede_state *state_open(const char *path, bool create, char *msg, size_t n);
void state_close(lede_state *st);

/* The key of a stored article path: the real path when the file exists,
 * else path as given ("-" for standard input). Returns a new string. */
char *state_key_path(const char *path);

/* state_key_path for n paths at once: the real path of each directory
 * is looked up once for the files in it (a set of 100,000 files costs a
 * few hundred realpath calls, not 100,000). Returns a new array of new
 * strings (free each and the array). */
char **state_key_paths(const char *const *paths, size_t n);

/* Marks of n articles (hash[i], key path[i]) into out[0..n) (zeroed
 * first). One pass over the stored rows: linear in n plus the rows.
 * Returns 0 or -1 (out then all unmarked). Free with state_marks_free. */
int state_load(lede_state *st, size_t n, const uint64_t *hash,
               const char *const *path, state_marks *out);
void state_marks_free(state_marks *m, size_t n);

/* Set (on) or clear one flag (STATE_READ or STATE_STAR) of an article.
 * One transaction. Returns 0 or -1 (database busy past the timeout,
 * read-only, disk full). */
int state_set_flag(lede_state *st, uint64_t hash, const char *path,
                   unsigned flag, bool on);

/* Group the changes made until state_batch_end into one transaction
 * (the CLI marking a whole folder: one commit, not one per file). When
 * one change fails, state_batch_end rolls all back and returns -1. */
int state_batch_begin(lede_state *st);
int state_batch_end(lede_state *st);

/* Add (on) or remove a tag of an article. A tag is trimmed; empty tags,
 * tags with a comma or a control character and tags that are not UTF-8
 * are refused (-2). One
 * transaction. Returns 0, -1 on a database error, -2 for a bad tag. */
int state_tag(lede_state *st, uint64_t hash, const char *path,
              const char *tag, bool on);
/* True when state_tag would take tag (under 256 bytes once trimmed). */
bool state_tag_ok(const char *tag);

/* Every tag in use, sorted, as a NULL-terminated array (free each and the
 * array). NULL on error. */
char **state_all_tags(lede_state *st, size_t *n);

/* Search history: add a line (kept: the last STATE_HISTORY lines; a line
 * equal to the newest is not added twice). */
#define STATE_HISTORY 500
int state_history_add(lede_state *st, const char *line);
/* The newest `max` lines, oldest first, NULL-terminated (free each and
 * the array); NULL on error. */
char **state_history(lede_state *st, size_t max, size_t *n);

/* The article and place (a text offset) last shown in a set. */
int state_pos_save(lede_state *st, const char *setkey, uint64_t hash,
                   const char *path, uint32_t off);
/* Returns 0 and fills the outputs (*path owned by the caller), or -1
 * when nothing is stored for the set. */
int state_pos_load(lede_state *st, const char *setkey, uint64_t *hash,
                   char **path, uint32_t *off);

/* The list's order and grouping last chosen in a set (by the set's key,
 * as for state_pos_save), as the reader names them ("headline",
 * "source"). A NULL sort or group keeps the one stored, so choosing one
 * leaves the other as it was. One transaction. Returns 0, or -1 on a
 * database error or when the file is an older lede's that could not be
 * upgraded. */
int state_view_save(lede_state *st, const char *setkey, const char *sort,
                    const char *group);
/* Fills sort[sn] and group[gn] with what is stored ("" for what was
 * never chosen, or is too long to be a name) and returns 0; -1 when
 * nothing is stored for the set (both then ""). The caller checks the
 * names: a newer lede may have stored one this one does not know. */
int state_view_load(lede_state *st, const char *setkey, char *sort,
                    size_t sn, char *group, size_t gn);

/* A set's key: lede_hash64 over the sorted real paths of the PATH
 * arguments, each followed by a NUL, as 16 lowercase hex digits in
 * out[17]. */
void state_set_key(const char *const *paths, size_t n, char out[17]);

#endif
