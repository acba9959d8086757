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

typedef struct store store;

/* Called once for each path that could not be loaded (or loaded with a
 * remark); msg is a short lowercase phrase, e.g. "binary file (NUL
 * bytes), skipped". label is the path cleaned for display. */
typedef void (*store_msg_fn)(void *ctx, const char *label, const char *msg);

/* Largest file loaded; larger ones are skipped with a message. */
#define STORE_MAX_FILE ((size_t)256 << 20)

store *store_new(store_msg_fn msg, void *ctx);

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
 * names across the set. Call after adding; cheap when nothing is new. */
void store_index(store *s);

size_t store_count(const store *s);
const article *store_get(const store *s, size_t i);

/* The set's entity table (valid after store_index). */
const entity_table *store_entities(const store *s);
/* Fingerprints of article i (story.h), made by store_index; NULL
 * before. Valid until store_free or the next store_index. */
const story_print *store_print(const store *s, size_t i);
/* Mutable table, to load a user gazetteer before store_index. */
entity_table *store_entities_mut(store *s);

typedef enum store_order {
    STORE_ORDER_PATH, /* load order: arguments, then names in a folder */
    STORE_ORDER_DATE, /* newest first; undated last, in path order */
} store_order;

/* Fill order[0..count) with article indexes in the requested order. */
void store_order_by(const store *s, store_order by, uint32_t *order);

#endif
