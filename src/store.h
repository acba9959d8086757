/* store.h: the article set.
 *
 * The store reads paths (files, directories recursively, "-" for standard
 * input), owns every article and the set's entity table, and hands out
 * articles by index; pointers stay valid until store_free() or the next
 * store_add_* call. It never prints: problems with a path are reported
 * through the callback, one message each. */
#ifndef LEDE_STORE_H
#define LEDE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "entity.h"
#include "story.h"
#include "index.h"

typedef struct store store;

/* Called once for each path that could not be loaded (or loaded with a
 * remark); msg is a short lowercase phrase, e.g. "binary file (NUL
 * bytes), skipped". label is the path cleaned for display. */
typedef void (*store_msg_fn)(void *ctx, const char *label, const char *msg);

/* Largest file loaded; larger ones are skipped with a message. */
#define STORE_MAX_FILE ((size_t)256 << 20)
/* The articles of a first screen, and more: the reader opens when this
 * many are in (or a tenth of a second has passed with one), and a load
 * publishes its first this many as soon as they are in. */
#define STORE_SCREENFUL 64

store *store_new(store_msg_fn msg, void *ctx);
/* Send later messages elsewhere (the reader, once it owns the screen). */
void store_set_msg(store *s, store_msg_fn msg, void *ctx);

/* Called now and then while a big set loads: `done` articles read so far
 * (phase "reading") or scanned for names (phase "indexing", out of
 * `total`). Lets a front end show progress; the core still prints
 * nothing. */
typedef void (*store_progress_fn)(void *ctx, const char *phase, size_t done,
                                  size_t total);
void store_set_progress(store *s, store_progress_fn fn, void *ctx);
/* How many articles between two progress calls. */
#define STORE_PROGRESS_EVERY 1000
void store_free(store *s);

/* Add a file, a directory (recursively: hidden entries skipped, entries
 * in name order, symlinks to files followed; a symlink to a directory is
 * followed only inside the named tree, never back up into a directory
 * being walked (a loop, said once), and no directory is read twice) or
 * "-" (standard input).
 * Returns the number of articles added (0 with a message on failure). */
size_t store_add_path(store *s, const char *path);

/* Add one article from bytes (tests, standard input). Returns its index. */
size_t store_add_bytes(store *s, const char *path, const char *bytes,
                       size_t len);

/* Run entity extraction over every article not yet scanned and merge
 * names across the set. Call after adding; cheap when nothing is new.
 * With an index it waits for a running load, then makes the set's table
 * from the scans the index keeps (no text is scanned again). */
void store_index(store *s);

/* Use a persistent index for the set named by paths (call before the
 * first store_add_path): file is the index file, or NULL for the
 * default place in the cache folder; reindex starts it afresh. Files
 * whose size and mtime are those indexed are not read again; others are
 * read and indexed. Returns 0, or -1 (with a message) when no index can
 * be had: the store then works in memory as without one. */
/* Make the entity table on a thread now, so that its first use does not
 * wait for it (the reader's first screen). */
void store_warm_names(store *s);
int store_use_index(store *s, const char *file, const char *const *paths,
                    size_t npaths, bool reindex);
/* Load the PATH arguments. With an index this returns at once: files
 * are walked, read, scanned and written on other threads, and
 * store_poll (called by the thread that owns the store) brings in what
 * has arrived, in the order store_add_path would have added it; files
 * the index no longer meets are removed from it at the end. Without an
 * index it is store_add_path for each. */
void store_load(store *s, const char *const *paths, size_t n);
/* Worker threads for store_load (0, the default: one per core). */
void store_set_jobs(store *s, int jobs);
/* With an index: make the set's entity table on another thread (after
 * the load); store_names_poll swaps it in when it is ready and returns
 * true then (the table pointer of store_entities changes: fetch it
 * again; store_names_version counts the swaps). store_index does the
 * same work at once. */
void store_names_start(store *s);
bool store_names_poll(store *s);
unsigned store_names_version(const store *s);
/* True while a load or the names are being made on other threads. */
bool store_busy(const store *s);
/* Stop waiting for it (store_free does). */
void store_names_cancel(store *s);
/* Bring in what the load has finished; returns the articles added. */
size_t store_poll(store *s);
/* True while a load runs (until store_poll has brought in its end). */
bool store_loading(const store *s);
/* Poll until the load is over. */
void store_wait(store *s);
/* Articles in the store so far, and the files to load (0 when not
 * loading, or while the walk of the paths goes on). */
void store_load_progress(const store *s, size_t *done, size_t *total);

/* Add gazetteer lines to the set's table (see entity_gazetteer_add); use
 * this rather than store_entities_mut so that the index knows. */
long store_add_gazetteer(store *s, const char *tsv, size_t len, char *err,
                         size_t errlen);

size_t store_count(const store *s);
/* Article i, whole. With an index its text is read from the database on
 * demand into a small cache: the pointer stays valid until
 * STORE_CACHE_N other articles have been fetched (or store_free). */
const article *store_get(const store *s, size_t i);
#define STORE_CACHE_N 8
/* Article i as the list needs it: at least its headline, date and
 * source blocks and date_key (no body with an index). Its strings
 * (path, label, text) stay valid until store_free; the article itself,
 * when it is only a summary, until STORE_SUM_RING other summaries have
 * been asked for (an indexed article is kept as one compact record and
 * made into an article when asked for). */
const article *store_summary(const store *s, size_t i);
#define STORE_SUM_RING 32

/* The number of distinct entities named in article i (after
 * store_counts or store_index). */
uint32_t store_entity_count(store *s, size_t i);
/* Make store_entity_count available: from the index when it is up to
 * date (no entity pass), else through store_index. */
void store_counts(store *s);

/* The article's row id in the index (i + 1 without one), and back (-1
 * when absent). */
int64_t store_rowid(const store *s, size_t i);
long store_find_rowid(const store *s, int64_t rowid);
/* The date_key of article i (article.h; -1: undated), from the list's
 * summary: no article is made. */
int64_t store_date_key(const store *s, size_t i);
/* The index, or NULL without one. */
lede_index *store_index_handle(store *s);

/* The set's entity table (valid after store_index). */
const entity_table *store_entities(const store *s);
/* Fingerprints of article i (story.h); NULL when i is out of range.
 * With an index they are read from it (made when the file was indexed),
 * never from the text; otherwise made from the article when first asked
 * for and kept. Valid until store_print has been called for
 * STORE_PRINT_CACHE other articles, or store_free. */
const story_print *store_print(const store *s, size_t i);
#define STORE_PRINT_CACHE 64
/* The body hash of article i (story_print.body: equal for duplicates, 0
 * for an article without body text), without reading the article: kept
 * with the list for indexed articles. */
uint64_t store_body(const store *s, size_t i);
/* Mutable table, to load a user gazetteer before store_index. */
entity_table *store_entities_mut(store *s);

typedef enum store_order {
    STORE_ORDER_PATH, /* load order: arguments, then names in a folder */
    STORE_ORDER_DATE, /* newest first; undated last, in path order */
} store_order;

/* Fill order[0..count) with article indexes in the requested order. */
void store_order_by(const store *s, store_order by, uint32_t *order);

#endif
