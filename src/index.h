/* index.h: the SQLite cache of an article set.
 *
 * One database file per set (by default $XDG_CACHE_HOME/lede/KEY.db, KEY
 * from the set's real paths). It holds, per file: path, size, mtime,
 * content hash, the parsed article (packed), a summary for the list, the
 * raw entity scan, the article's entity count in the set, and the FTS5
 * table `fts` (title, body; rowid = the file's id; contentless: FTS5
 * keeps no copy of the text, so bm25() works but highlight() does not).
 * Each file also has its story fingerprints (story.h): the body hash in
 * `files.body`, read with the list so that duplicate groups need nothing
 * else, and the packed paragraph shingles in `print(id, data)`, read one
 * article at a time; both are replaced when the file changes and go
 * with it. A version stamp
 * (schema, lede, bundled data, gazetteer, model) decides what must be
 * rebuilt. The index is a cache: it may be deleted at any time.
 *
 * All SQL of the cache lives in src/index*.c, as statements prepared
 * once. A lede_index is one connection: use it from one thread at a time
 * (the store opens a second one for its writer thread). */
#ifndef LEDE_INDEX_H
#define LEDE_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "article.h"

typedef struct lede_index lede_index;

/* Messages such as "damaged, rebuilt"; label is the file name, cleaned. */
typedef void (*index_msg_fn)(void *ctx, const char *label, const char *msg);

/* The set key: lede_hash64 over the sorted real paths, each followed by
 * a NUL, as 16 lowercase hex digits into out[17]. Returns 0, or -1 when
 * a path has no real path (it does not exist). */
int index_set_key(const char *const *paths, size_t n, char out[17]);

/* The default index file of a set: $XDG_CACHE_HOME/lede/KEY.db (or
 * ~/.cache/lede/KEY.db), creating the folder. malloc'd; NULL when there
 * is no cache folder to be had. */
char *index_default_path(const char *const *paths, size_t n);

/* What the stored data was made with; a change rebuilds what depends on
 * it. gazetteer covers every gazetteer in use (bundled and the user's),
 * model the tagger's weights (0 when there is none). */
typedef struct index_stamp {
    uint64_t gazetteer, model;
} index_stamp;

/* Open or create the index at path. reindex: start empty. owned: the
 * file is ours (the cache folder), so a damaged or foreign file there is
 * replaced with a message; otherwise such a file is left alone and NULL
 * returned with a message. */
lede_index *index_open(const char *path, const index_stamp *stamp,
                       bool reindex, bool owned, index_msg_fn msg,
                       void *ctx);
/* A second connection to the same file (for another thread). */
lede_index *index_open_again(const lede_index *ix);
void index_close(lede_index *ix);

/* The connection (for the query module's statements). */
sqlite3 *index_db(lede_index *ix);
const char *index_path(const lede_index *ix);

/* The stored files, in id order: one call each. summary is the packed
 * list summary (article_unpack). Returns 0, or -1 on a read error. */
typedef void (*index_file_fn)(void *ctx, int64_t id, const char *path,
                              int64_t size, int64_t mtime, uint32_t nent,
                              const void *summary, size_t nsummary);
int index_each_file(lede_index *ix, index_file_fn fn, void *ctx);

/* The row of the file at path: 1 when found (r->summary points into
 * memory of ix until the next index_find), 0 when not, -1 on error. */
typedef struct index_row {
    int64_t id, size, mtime;
    uint32_t nent;
    const void *summary;
    size_t nsummary;
    uint64_t body;        /* the story body hash (story_print.body) */
    bool has_body;        /* body was stored */
} index_row;
int index_find(lede_index *ix, const char *path, index_row *r);

/* False when no file is stored yet (a new index: nothing to look up). */
bool index_has_files(lede_index *ix);

/* The ids of every stored file, malloc'd into *ids. 0 or -1. */
int index_ids(lede_index *ix, int64_t **ids, size_t *n);

int index_begin(lede_index *ix);
int index_commit(lede_index *ix);
/* A read transaction: many lookups under one snapshot and one lock
 * instead of one each. Other connections may write meanwhile (WAL); keep
 * it short, as it holds back checkpoints. index_end_read ends it (the
 * row of the last index_find goes with it). */
int index_begin_read(lede_index *ix);
int index_end_read(lede_index *ix);

/* A file's story fingerprints: the body hash and the packed print
 * (story_print_pack; data NULL: none stored). */
typedef struct index_print {
    uint64_t body;
    const void *data;
    size_t len;
} index_print;

/* Checkpoints on another thread: after index_defer_checkpoints, a
 * commit on ix no longer copies the write-ahead log into the database
 * (SQLite's automatic checkpoint, with its reads, writes and fsyncs);
 * index_wal_pages says how many pages the log holds after ix's last
 * commit, and index_checkpoint, called on another connection, copies
 * what it can without waiting for anyone (*pages: the log's pages,
 * *copied: how many of them are in the database now; when all are, the
 * next write transaction starts the log again from its beginning).
 * index_checkpoint returns 0 or -1. */
void index_defer_checkpoints(lede_index *ix);
int index_wal_pages(const lede_index *ix);
int index_checkpoint(lede_index *ix, int *pages, int *copied);

/* An article's full-text tokens made ahead (on any thread, with no
 * connection): its headline's and body's tokens, folded, as streams the
 * 'lede' tokenizer only splits (index_fts.h). Give it to index_put so
 * that the writer does not tokenize; the index is the same as from the
 * text. _make reuses t's buffers ({0} to start); _fini frees them. */
typedef struct index_fts_text {
    char *title, *body;
    size_t tlen, blen, tcap, bcap;
} index_fts_text;
void index_fts_text_make(index_fts_text *t, const article *a);
/* The same, and the article's story print into *p (as
 * story_print_article makes it), its words cut once where they are the
 * same words for both. */
typedef struct story_print story_print;
void index_fts_text_print(index_fts_text *t, const article *a,
                          story_print *p);
void index_fts_text_fini(index_fts_text *t);

/* Store (or replace) the file at path: its article, size, mtime, raw
 * entity scan (may be NULL: scanned later), fingerprints (pr may be
 * NULL: none) and pre-tokenized text (fts may be NULL: the text is
 * tokenized here). Returns its id, or -1. */
int64_t index_put(lede_index *ix, const char *path, int64_t size,
                  int64_t mtime, const article *a, const void *raw,
                  size_t rawlen, const index_print *pr,
                  const index_fts_text *fts);
/* Forget a file. */
int index_remove(lede_index *ix, int64_t id);

/* The article of file id, unpacked into *a (path copied). 0 or -1. */
int index_article(lede_index *ix, int64_t id, const char *path, article *a);

/* The raw entity scan of file id: *raw points into memory of ix, valid
 * until the next index call. 0, 1 when there is none, -1 on error. */
int index_raw(lede_index *ix, int64_t id, const void **raw, size_t *len);
int index_put_raw(lede_index *ix, int64_t id, const void *raw, size_t len);

/* The packed print of file id (story_print_unpack): *data points into
 * memory of ix, valid until the next call. 0, 1 when there is
 * none, -1 on error. */
int index_print_get(lede_index *ix, int64_t id, const void **data,
                    size_t *len);

/* The article's number of distinct entities in the set (for --list). */
int index_set_nent(lede_index *ix, int64_t id, uint32_t nent);

/* A flag kept in the index: entity counts are up to date. */
bool index_counts_clean(lede_index *ix);
int index_set_counts_clean(lede_index *ix, bool clean);

/* The set's entity table: cleared, then one row per entity with the
 * (file id, count) pairs of the articles naming it (packed as varints:
 * see the schema in index.c). */
int index_clear_entities(lede_index *ix);
int index_put_entity(lede_index *ix, uint32_t id, const char *name,
                     int type, uint32_t total, const int64_t *files,
                     const uint32_t *counts, size_t n);

#endif
