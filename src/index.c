/* index.c: the SQLite cache of an article set (see index.h).
 *
 * Large values live in their own tables (article, raw) so that reading
 * the list (files) never pages through article text. The FTS5 table is
 * contentless: the text is already kept packed in `article`; removing a
 * file feeds its old text to FTS5's 'delete' command. */
#include "index.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data.h"
#include "index_fts.h"
#include "story.h"
#include "text.h"
#include "util.h"

#ifndef LEDE_VERSION
#define LEDE_VERSION "0.1.0"
#endif

/* Bump when the tables, the packing or the tokenizer change. 6: case
 * forms and separator tokens (index_fts.h); 7: FTS5 made with hashsize,
 * automerge and no column sizes (6 was both on two branches). */
#define INDEX_SCHEMA "7"
#define INDEX_APP "lede-index"

enum {
    Q_FILES, Q_FIND, Q_INS_FILE, Q_UPD_FILE, Q_INS_ART, Q_INS_RAW, Q_DEL_FILE,
    Q_DEL_ART, Q_DEL_RAW, Q_GET_ART, Q_GET_RAW, Q_NENT, Q_FTS_INS, Q_FTS_DEL,
    Q_META_GET, Q_META_SET, Q_ENT_INS, Q_BEGIN, Q_COMMIT, Q_FIND_ROW, Q_IDS,
    Q_INS_PRINT, Q_DEL_PRINT, Q_GET_PRINT, Q_BEGIN_READ, Q_DEL_NENT,
    Q_ANY_FILE, NQ
};

static const char *const sql[NQ] = {
    [Q_FILES] = "SELECT f.id, f.path, f.size, f.mtime, coalesce(c.n, 0), "
                "f.summary FROM files f LEFT JOIN nent c ON c.id = f.id "
                "ORDER BY f.id",
    [Q_FIND] = "SELECT id FROM files WHERE path = ?1",
    [Q_INS_FILE] = "INSERT INTO files(path, size, mtime, hash, summary, body)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_UPD_FILE] = "UPDATE files SET size = ?2, mtime = ?3, hash = ?4, "
                   "summary = ?5, body = ?6 WHERE id = ?1",
    [Q_INS_ART] = "INSERT OR REPLACE INTO article(id, body) VALUES (?1, ?2)",
    [Q_INS_RAW] = "INSERT OR REPLACE INTO raw(id, ents) VALUES (?1, ?2)",
    [Q_DEL_FILE] = "DELETE FROM files WHERE id = ?1",
    [Q_DEL_ART] = "DELETE FROM article WHERE id = ?1",
    [Q_DEL_RAW] = "DELETE FROM raw WHERE id = ?1",
    [Q_GET_ART] = "SELECT body FROM article WHERE id = ?1",
    [Q_GET_RAW] = "SELECT ents FROM raw WHERE id = ?1",
    [Q_NENT] = "INSERT OR REPLACE INTO nent(id, n) VALUES (?1, ?2)",
    [Q_DEL_NENT] = "DELETE FROM nent WHERE id = ?1",
    [Q_ANY_FILE] = "SELECT 1 FROM files LIMIT 1",
    [Q_FTS_INS] = "INSERT INTO fts(rowid, title, body) VALUES (?1, ?2, ?3)",
    [Q_FTS_DEL] = "INSERT INTO fts(fts, rowid, title, body) "
                  "VALUES ('delete', ?1, ?2, ?3)",
    [Q_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [Q_META_SET] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
    [Q_ENT_INS] = "INSERT INTO entity(id, name, type, total, articles) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_FIND_ROW] = "SELECT f.id, f.size, f.mtime, coalesce(c.n, 0), "
                   "f.summary, f.body FROM files f LEFT JOIN nent c "
                   "ON c.id = f.id WHERE f.path = ?1",
    [Q_IDS] = "SELECT id FROM files",
    [Q_INS_PRINT] = "INSERT OR REPLACE INTO print(id, data) VALUES (?1, ?2)",
    [Q_DEL_PRINT] = "DELETE FROM print WHERE id = ?1",
    [Q_GET_PRINT] = "SELECT data FROM print WHERE id = ?1",
    [Q_BEGIN_READ] = "BEGIN DEFERRED",
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"
    " WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS files(id INTEGER PRIMARY KEY,"
    " path BLOB NOT NULL UNIQUE, size INTEGER, mtime INTEGER,"
    " hash INTEGER, summary BLOB, body INTEGER);"
    /* The distinct names of a file (none: 0), known only once the set's
     * names are merged: a table of their own, so that writing them
     * does not rewrite every row of files (its summaries). */
    "CREATE TABLE IF NOT EXISTS nent(id INTEGER PRIMARY KEY, n INTEGER);"
    "CREATE TABLE IF NOT EXISTS article(id INTEGER PRIMARY KEY, body BLOB);"
    "CREATE TABLE IF NOT EXISTS raw(id INTEGER PRIMARY KEY, ents BLOB);"
    /* articles: the (file id, count) pairs of the files naming it, each
     * two varints (LEB128): the id's difference from the previous one
     * (zigzag: the first from 0) and the count */
    "CREATE TABLE IF NOT EXISTS entity(id INTEGER PRIMARY KEY, name TEXT,"
    " type INTEGER, total INTEGER, articles BLOB);"
    /* The story fingerprints of a file, packed (story_print_pack); the
     * body hash is files.body, read with the list. */
    "CREATE TABLE IF NOT EXISTS print(id INTEGER PRIMARY KEY, data BLOB);"
    /* columnsize=0: no row of column sizes per article (lede_rank has
     * no length normalisation and nothing else asks for them) */
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body,"
    " tokenize='lede', content='', columnsize=0);";

/* Set once, when the index is made (FTS5 keeps it in fts_config). FTS5
 * writes its pending terms out as a new segment whenever they pass
 * hashsize (1 MB by default) and at every commit, and merges segments
 * as they pile up: with 1 MB a first index of 100,000 articles flushed
 * several times between two commits (2,000 articles), and each flush
 * sorts the whole pending vocabulary again and adds a segment to merge.
 * With 8 MB the terms of a commit go out in one segment; the pending
 * terms are at most a few MB at once (they are freed at each commit).
 * automerge 8 (was 4): segments are merged eight at a time, so each
 * term's list is rewritten about half as often while the set is indexed;
 * the 25 segments of 100,000 articles still end as a handful, and the
 * set queries (bench_query) take the same time. */
static const char fts_setup[] =
    "INSERT INTO fts(fts, rank) VALUES('hashsize', 8388608);"
    "INSERT INTO fts(fts, rank) VALUES('automerge', 8);";

struct lede_index {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *q[NQ];
    index_fts_text fts; /* FTS token scratch */
    /* Rows handed out (index_find, index_raw, index_print_get) are copied
     * here and their statement reset at once: a statement left on a row
     * keeps its read transaction open, and one open reader starves every
     * WAL checkpoint (the reader's WAL grew past 1 GB while a 100k set
     * was indexed, and closing then took 6 s to checkpoint it). */
    struct { void *p; size_t cap; } keep[3];
    int wal_pages;      /* the WAL's frames after the last commit, when
                           checkpoints are deferred */
};

enum { KEEP_FIND, KEEP_RAW, KEEP_PRINT };

/* Column col of st's current row, copied to ix's buffer k; *len its
 * length. Valid until the next call for the same k. */
static const void *keep_blob(lede_index *ix, int k, sqlite3_stmt *st,
                             int col, size_t *len)
{
    const void *b = sqlite3_column_blob(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    LEDE_GROW(ix->keep[k].p, ix->keep[k].cap, n + 1);
    if (n)
        memcpy(ix->keep[k].p, b, n);
    *len = n;
    return ix->keep[k].p;
}

/* ---- the set key and the default place ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int index_set_key(const char *const *paths, size_t n, char out[17])
{
    char **real = lede_calloc(n ? n : 1, sizeof *real);
    int rc = 0;
    size_t total = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        real[i] = realpath(paths[i], NULL);
        if (!real[i])
            rc = -1;
        else
            total += strlen(real[i]) + 1;
    }
    if (rc == 0) {
        qsort(real, n, sizeof *real, cmp_str);
        char *buf = lede_malloc(total ? total : 1), *p = buf;
        for (size_t i = 0; i < n; i++) {
            size_t l = strlen(real[i]) + 1;
            memcpy(p, real[i], l);
            p += l;
        }
        snprintf(out, 17, "%016llx",
                 (unsigned long long)lede_hash64(buf, total));
        free(buf);
    }
    for (size_t i = 0; i < n; i++)
        free(real[i]);
    free(real);
    return rc;
}

/* mkdir -p for the folders of a path under an existing base. */
static int make_dirs(char *dir)
{
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int r = mkdir(dir, 0700);
        *p = '/';
        if (r != 0 && errno != EEXIST)
            return -1;
    }
    return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

char *index_default_path(const char *const *paths, size_t n)
{
    char key[17];
    if (index_set_key(paths, n, key) != 0)
        return NULL;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX];
    int w;
    if (xdg && xdg[0] == '/')
        w = snprintf(dir, sizeof dir, "%s/lede", xdg);
    else if (home && home[0])
        w = snprintf(dir, sizeof dir, "%s/.cache/lede", home);
    else
        return NULL;
    if (w < 0 || (size_t)w >= sizeof dir - 24 || make_dirs(dir) != 0)
        return NULL;
    char *p = lede_malloc(strlen(dir) + 24);
    sprintf(p, "%s/%s.db", dir, key);
    return p;
}

/* ---- opening ---- */

static void say(index_msg_fn msg, void *ctx, const char *path,
                const char *what)
{
    if (!msg)
        return;
    char *label = text_clean_label(path, strlen(path));
    msg(ctx, label, what);
    free(label);
}

static int exec(lede_index *ix, const char *s)
{
    return sqlite3_exec(ix->db, s, NULL, NULL, NULL);
}

static void close_db(lede_index *ix)
{
    for (int i = 0; i < NQ; i++)
        sqlite3_finalize(ix->q[i]);
    memset(ix->q, 0, sizeof ix->q);
    if (ix->db)
        sqlite3_close(ix->db);
    ix->db = NULL;
}

static int connect(lede_index *ix)
{
    int rc = sqlite3_open_v2(ix->path, &ix->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_busy_timeout(ix->db, 10000);
    if ((rc = index_fts_register(ix->db)) != SQLITE_OK)
        return rc;
    /* 32 KiB pages (a no-op on an existing database): article bodies,
     * raw scans and prints are blobs of one to a few KiB, which with 4 KiB
     * pages spill into overflow chains; a first index of 100,000 articles
     * wrote 887 MB and took 17.8 s, with 32 KiB pages 703 MB and 13.3 s,
     * and queries are no slower. A little more page cache than the
     * default: the FTS segments.
     * The index is a cache, rebuilt from the files: its writes are
     * handed to the system and never waited for (a crash or kill -9
     * loses nothing the system has; a power cut soon after a write may
     * spoil the file, which is then rebuilt, and a query the index cannot
     * answer is answered from the articles). Waiting on fdatasync at
     * every checkpoint left both cores idle: a first index of 100,000
     * articles took 12.1 s with syncs, 10.2 s without; a sync when a load
     * ends or lede quits cost 1-2.5 s more, and a reader killed after a
     * first index made the next open wait for it (0.85-1.39 s to the
     * first screen). The state database, the user's data, keeps
     * synchronous=NORMAL (state.c): a power cut leaves it whole. */
    /* synchronous=OFF before the switch to WAL: a new file's switch then
     * waits on no fdatasync (four of them, 5-20 ms here, before a never
     * seen set's first screen) */
    return exec(ix, "PRAGMA page_size=32768; PRAGMA synchronous=OFF;"
                    "PRAGMA journal_mode=WAL; PRAGMA cache_size=-4096;");
}

static const char *meta_get(lede_index *ix, const char *key, char *buf,
                            size_t n)
{
    sqlite3_stmt *st = ix->q[Q_META_GET];
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    const char *r = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
        snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
        r = buf;
    }
    sqlite3_reset(st);
    return r;
}

static int meta_set(lede_index *ix, const char *key, const char *val)
{
    sqlite3_stmt *st = ix->q[Q_META_SET];
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, val, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int prepare_all(lede_index *ix)
{
    for (int i = 0; i < NQ; i++) {
        int rc = sqlite3_prepare_v3(ix->db, sql[i], -1,
                                    SQLITE_PREPARE_PERSISTENT, &ix->q[i],
                                    NULL);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

/* What the data was built with, besides the gazetteer and model. */
static void build_stamp(char *out, size_t n)
{
    uint64_t h = lede_data_boilerplate_hash;
    h ^= lede_data_names_hash * 31;
    h ^= lede_data_common_hash * 131;
    snprintf(out, n, "%s %s %016llx", INDEX_SCHEMA, LEDE_VERSION,
             (unsigned long long)h);
}

typedef enum probe { P_OURS, P_EMPTY, P_FOREIGN, P_DAMAGED } probe;

/* Is the open file a lede index, an empty database, something else? */
static probe probe_db(lede_index *ix)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ix->db, "SELECT count(*), sum(name = 'meta') "
                           "FROM sqlite_master", -1, &st, NULL) != SQLITE_OK)
        return P_DAMAGED;
    probe p = P_DAMAGED;
    if (sqlite3_step(st) == SQLITE_ROW)
        p = sqlite3_column_int(st, 0) == 0 ? P_EMPTY
            : sqlite3_column_int(st, 1) == 1 ? P_OURS : P_FOREIGN;
    sqlite3_finalize(st);
    if (p != P_OURS)
        return p;
    if (sqlite3_prepare_v2(ix->db, "SELECT value FROM meta WHERE key='app'",
                           -1, &st, NULL) != SQLITE_OK)
        return P_FOREIGN;
    p = P_FOREIGN;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
        strcmp((const char *)sqlite3_column_text(st, 0), INDEX_APP) == 0)
        p = P_OURS;
    sqlite3_finalize(st);
    return p;
}

static void remove_files(const char *path)
{
    char p[PATH_MAX + 8];
    unlink(path);
    if (snprintf(p, sizeof p, "%s-wal", path) < (int)sizeof p)
        unlink(p);
    if (snprintf(p, sizeof p, "%s-shm", path) < (int)sizeof p)
        unlink(p);
}

static int drop_all(lede_index *ix)
{
    return exec(ix, "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS files;"
                    "DROP TABLE IF EXISTS article; DROP TABLE IF EXISTS raw;"
                    "DROP TABLE IF EXISTS entity;"
                    "DROP TABLE IF EXISTS fingerprint;"
                    "DROP TABLE IF EXISTS print;"
                    "DROP TABLE IF EXISTS nent;"
                    "DROP TABLE IF EXISTS meta;");
}

/* Check the version stamp: a different build clears everything, a
 * different gazetteer or model only the entity data (the articles stay,
 * and are scanned again from the index, not from the files). */
static int check_stamp(lede_index *ix, const index_stamp *stamp,
                       index_msg_fn msg, void *ctx)
{
    char want[128], have[128], gz[40], hv[40];
    build_stamp(want, sizeof want);
    snprintf(gz, sizeof gz, "%016llx %016llx",
             (unsigned long long)(stamp ? stamp->gazetteer : 0),
             (unsigned long long)(stamp ? stamp->model : 0));
    const char *b = meta_get(ix, "build", have, sizeof have);
    if (b && strcmp(b, want) != 0) {
        say(msg, ctx, ix->path, "made by another version of lede, rebuilt");
        exec(ix, "ROLLBACK");
        close_db(ix);
        remove_files(ix->path);
        return 1; /* start again */
    }
    const char *g = meta_get(ix, "entities", hv, sizeof hv);
    int rc = 0;
    if (!b) {
        rc |= meta_set(ix, "app", INDEX_APP);
        rc |= meta_set(ix, "build", want);
        rc |= exec(ix, fts_setup) != SQLITE_OK;
    }
    if (g && strcmp(g, gz) != 0) {
        rc |= exec(ix, "DELETE FROM raw; DELETE FROM entity;"
                       "DELETE FROM nent;") != SQLITE_OK;
        rc |= meta_set(ix, "counts", "0");
    }
    if (!g || strcmp(g, gz) != 0)
        rc |= meta_set(ix, "entities", gz);
    return rc ? -1 : 0;
}

/* One attempt; 1 when the file was replaced and the caller should try
 * again, -2 when another lede holds it (no message: the caller tries
 * again), -1 on failure (with a message), 0 when open. */
static int try_open(lede_index *ix, const index_stamp *stamp, bool reindex,
                    bool owned, index_msg_fn msg, void *ctx)
{
    int crc = connect(ix);
    if (crc != SQLITE_OK) {
        close_db(ix);
        if (crc == SQLITE_BUSY)
            goto busy;
        if (!owned)
            goto refuse;
        say(msg, ctx, ix->path, "index damaged, rebuilt");
        remove_files(ix->path);
        return 1;
    }
    /* Probe, schema and stamp in one write transaction: another lede
     * opening the same new index waits here until this one has made it
     * whole, instead of finding half a schema, taking it for another
     * program's file and deleting it under the first (which then read
     * its mentions back against the wrong articles). */
    if (exec(ix, "BEGIN IMMEDIATE") != SQLITE_OK)
        goto fail;
    probe p = probe_db(ix);
    if (p == P_FOREIGN || p == P_DAMAGED) {
        exec(ix, "ROLLBACK");
        close_db(ix);
        if (!owned) {
            say(msg, ctx, ix->path, p == P_FOREIGN
                ? "not a lede index, left alone" : "damaged, left alone");
            return -1;
        }
        say(msg, ctx, ix->path, p == P_FOREIGN
            ? "not a lede index, rebuilt" : "index damaged, rebuilt");
        remove_files(ix->path);
        return 1;
    }
    if (reindex && p == P_OURS && drop_all(ix) != SQLITE_OK)
        goto fail;
    if (exec(ix, schema) != SQLITE_OK || prepare_all(ix) != SQLITE_OK)
        goto fail;
    int rc = check_stamp(ix, stamp, msg, ctx);
    if (rc < 0)
        goto fail;
    if (rc == 0 && exec(ix, "COMMIT") != SQLITE_OK)
        goto fail;
    return rc;
fail:
    if (sqlite3_errcode(ix->db) == SQLITE_BUSY) {
        close_db(ix);
        goto busy; /* another lede holds it: not damage */
    }
    say(msg, ctx, ix->path, sqlite3_errmsg(ix->db));
    if (!sqlite3_get_autocommit(ix->db))
        exec(ix, "ROLLBACK");
    close_db(ix);
    if (owned) {
        remove_files(ix->path);
        return 1;
    }
    return -1;
refuse:
    say(msg, ctx, ix->path, "cannot open the index");
    return -1;
busy:
    return -2;
}

lede_index *index_open(const char *path, const index_stamp *stamp,
                       bool reindex, bool owned, index_msg_fn msg, void *ctx)
{
    lede_index *ix = lede_calloc(1, sizeof *ix);
    ix->path = lede_strndup(path, strlen(path));
    /* busy: another lede is making or changing it (SQLite gives up on
     * some of those locks at once, whatever the busy timeout); a few
     * tries over two seconds, then none */
    for (int tries = 0, busy = 0; tries < 3;) {
        int rc = try_open(ix, stamp, reindex, owned, msg, ctx);
        if (rc == 0)
            return ix;
        if (rc == -2 && ++busy < 40) {
            nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
            continue;
        }
        if (rc == -2)
            say(msg, ctx, ix->path,
                "busy (another lede is writing it), not used");
        if (rc < 0)
            break;
        reindex = false;
        tries++;
    }
    close_db(ix);
    free(ix->path);
    free(ix);
    return NULL;
}

lede_index *index_open_again(const lede_index *ix)
{
    lede_index *n = lede_calloc(1, sizeof *n);
    n->path = lede_strndup(ix->path, strlen(ix->path));
    if (connect(n) != SQLITE_OK || prepare_all(n) != SQLITE_OK) {
        index_close(n);
        return NULL;
    }
    return n;
}

void index_close(lede_index *ix)
{
    if (!ix)
        return;
    close_db(ix);
    free(ix->path);
    index_fts_text_fini(&ix->fts);
    for (size_t k = 0; k < sizeof ix->keep / sizeof ix->keep[0]; k++)
        free(ix->keep[k].p);
    free(ix);
}

sqlite3 *index_db(lede_index *ix) { return ix ? ix->db : NULL; }

const char *index_path(const lede_index *ix) { return ix->path; }

/* ---- files ---- */

int index_each_file(lede_index *ix, index_file_fn fn, void *ctx)
{
    sqlite3_stmt *st = ix->q[Q_FILES];
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int pn = sqlite3_column_bytes(st, 1);
        const char *p = sqlite3_column_blob(st, 1);
        char *path = lede_strndup(p ? p : "", (size_t)pn);
        fn(ctx, sqlite3_column_int64(st, 0), path,
           sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
           (uint32_t)sqlite3_column_int64(st, 4),
           sqlite3_column_blob(st, 5), (size_t)sqlite3_column_bytes(st, 5));
        free(path);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int index_find(lede_index *ix, const char *path, index_row *r)
{
    sqlite3_stmt *st = ix->q[Q_FIND_ROW];
    sqlite3_reset(st);
    sqlite3_bind_blob(st, 1, path, (int)strlen(path), SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? 0 : -1;
    }
    r->id = sqlite3_column_int64(st, 0);
    r->size = sqlite3_column_int64(st, 1);
    r->mtime = sqlite3_column_int64(st, 2);
    r->nent = (uint32_t)sqlite3_column_int64(st, 3);
    r->summary = keep_blob(ix, KEEP_FIND, st, 4, &r->nsummary);
    r->has_body = sqlite3_column_type(st, 5) == SQLITE_INTEGER;
    r->body = (uint64_t)sqlite3_column_int64(st, 5);
    sqlite3_reset(st);
    return 1; /* the summary stays until the next call */
}

bool index_has_files(lede_index *ix)
{
    sqlite3_stmt *st = ix->q[Q_ANY_FILE];
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc != SQLITE_DONE; /* an error: as if there were some */
}

int index_ids(lede_index *ix, int64_t **ids, size_t *n)
{
    sqlite3_stmt *st = ix->q[Q_IDS];
    size_t cap = 0;
    int rc;
    *ids = NULL;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        LEDE_GROW(*ids, cap, *n + 1);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int index_begin(lede_index *ix) { return step_done(ix->q[Q_BEGIN]); }
int index_begin_read(lede_index *ix)
{
    return step_done(ix->q[Q_BEGIN_READ]);
}

int index_end_read(lede_index *ix)
{
    sqlite3_reset(ix->q[Q_FIND_ROW]); /* index_find's row is done with */
    return step_done(ix->q[Q_COMMIT]);
}
int index_commit(lede_index *ix) { return step_done(ix->q[Q_COMMIT]); }

static int wal_seen(void *ctx, sqlite3 *db, const char *name, int pages)
{
    (void)db;
    (void)name;
    ((lede_index *)ctx)->wal_pages = pages;
    return SQLITE_OK;
}

/* The hook replaces SQLite's own, which checkpoints in the commit. */
void index_defer_checkpoints(lede_index *ix)
{
    sqlite3_wal_hook(ix->db, wal_seen, ix);
}

int index_wal_pages(const lede_index *ix) { return ix->wal_pages; }

int index_checkpoint(lede_index *ix, int *pages, int *copied)
{
    *pages = *copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(ix->db, NULL,
                                       SQLITE_CHECKPOINT_PASSIVE, pages,
                                       copied);
    return rc == SQLITE_OK ? 0 : -1;
}

/* The streams of the title and the body paragraphs, and the print's
 * words cut in the same pass (index_fts_stream_print). */
void index_fts_text_print(index_fts_text *t, const article *a,
                          story_print *p)
{
    story_build sb;
    if (p)
        story_build_begin(&sb, p);
    t->tlen = t->blen = 0;
    /* room for the tokens at once (a folded word is rarely longer than
     * the word): the buffers grew a token at a time, from nothing for
     * each article */
    size_t tl = 0, bl = 0;
    for (size_t i = 0; i < a->nblocks; i++) {
        if ((int32_t)i == a->title)
            tl += a->blocks[i].len + 2;
        else if (a->blocks[i].kind == BLOCK_BODY)
            bl += a->blocks[i].len + 2;
    }
    LEDE_GROW(t->title, t->tcap, tl + tl / 8 + 16);
    LEDE_GROW(t->body, t->bcap, bl + bl / 8 + 16);
    for (size_t i = 0; i < a->nblocks; i++) {
        const article_block *b = &a->blocks[i];
        bool title = (int32_t)i == a->title, body = b->kind == BLOCK_BODY;
        if (!title && !body)
            continue;
        const char *s = a->text + b->off;
        char **buf = title ? &t->title : &t->body;
        size_t *len = title ? &t->tlen : &t->blen;
        size_t *cap = title ? &t->tcap : &t->bcap;
        /* the print's words are cut with the tokens' */
        index_fts_stream_print(s, b->len, buf, len, cap,
                               p && body ? &sb : NULL);
        if (p && body)
            story_build_para(&sb, (uint32_t)i);
    }
    /* a column with no text: an empty stream */
    if (!t->tlen)
        index_fts_stream("", 0, &t->title, &t->tlen, &t->tcap);
    if (!t->blen)
        index_fts_stream("", 0, &t->body, &t->blen, &t->bcap);
    if (p)
        story_build_end(&sb);
}

void index_fts_text_make(index_fts_text *t, const article *a)
{
    index_fts_text_print(t, a, NULL);
}

void index_fts_text_fini(index_fts_text *t)
{
    free(t->title);
    free(t->body);
    memset(t, 0, sizeof *t);
}

/* The article's FTS row: from its pre-tokenized text when given, else
 * tokenized here the same way (a paragraph break is a separator token:
 * the paragraphs are never one text). */
static int fts_row(lede_index *ix, int q, int64_t id, const article *a,
                   const index_fts_text *pre)
{
    if (!pre) {
        index_fts_text_make(&ix->fts, a);
        pre = &ix->fts;
    }
    sqlite3_stmt *st = ix->q[q];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, pre->title, (int)pre->tlen, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, pre->body, (int)pre->blen, SQLITE_STATIC);
    return step_done(st);
}

static int64_t find_file(lede_index *ix, const char *path)
{
    sqlite3_stmt *st = ix->q[Q_FIND];
    sqlite3_bind_blob(st, 1, path, (int)strlen(path), SQLITE_STATIC);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
                                                 : -1;
    sqlite3_reset(st);
    return id;
}

/* Take the old text of file id out of the FTS index. */
static int fts_forget(lede_index *ix, int64_t id)
{
    article old;
    if (index_article(ix, id, "", &old) != 0)
        return 0; /* nothing readable was indexed */
    int rc = fts_row(ix, Q_FTS_DEL, id, &old, NULL);
    article_fini(&old);
    return rc;
}

/* The print of file id: replaced, or gone when pr has none. */
static int put_print(lede_index *ix, int64_t id, const index_print *pr)
{
    sqlite3_stmt *st = ix->q[pr && pr->data ? Q_INS_PRINT : Q_DEL_PRINT];
    sqlite3_bind_int64(st, 1, id);
    if (pr && pr->data)
        sqlite3_bind_blob(st, 2, pr->data, (int)pr->len, SQLITE_STATIC);
    return step_done(st);
}

int64_t index_put(lede_index *ix, const char *path, int64_t size,
                  int64_t mtime, const article *a, const void *raw,
                  size_t rawlen, const index_print *pr,
                  const index_fts_text *fts)
{
    article sum;
    article_summary(&sum, a);
    size_t ns, nb;
    void *sp = article_pack(&sum, &ns), *bp = article_pack(a, &nb);
    article_fini(&sum);
    int64_t id = find_file(ix, path);
    int rc = 0;
    if (id >= 0) { /* what was derived from the old text goes */
        rc |= fts_forget(ix, id);
        sqlite3_bind_int64(ix->q[Q_DEL_NENT], 1, id);
        rc |= step_done(ix->q[Q_DEL_NENT]);
    }
    sqlite3_stmt *st = ix->q[id >= 0 ? Q_UPD_FILE : Q_INS_FILE];
    if (id >= 0) {
        sqlite3_bind_int64(st, 1, id);
    } else {
        sqlite3_bind_blob(st, 1, path, (int)strlen(path), SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 2, size);
    sqlite3_bind_int64(st, 3, mtime);
    sqlite3_bind_int64(st, 4, (int64_t)a->hash);
    sqlite3_bind_blob(st, 5, sp, (int)ns, SQLITE_STATIC);
    if (pr)
        sqlite3_bind_int64(st, 6, (int64_t)pr->body);
    rc |= step_done(st);
    if (id < 0)
        id = sqlite3_last_insert_rowid(ix->db);
    st = ix->q[Q_INS_ART];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_blob(st, 2, bp, (int)nb, SQLITE_STATIC);
    rc |= step_done(st);
    if (raw)
        rc |= index_put_raw(ix, id, raw, rawlen);
    else {
        sqlite3_bind_int64(ix->q[Q_DEL_RAW], 1, id);
        rc |= step_done(ix->q[Q_DEL_RAW]);
    }
    rc |= put_print(ix, id, pr);
    rc |= fts_row(ix, Q_FTS_INS, id, a, fts);
    free(sp);
    free(bp);
    return rc ? -1 : id;
}

int index_remove(lede_index *ix, int64_t id)
{
    int rc = fts_forget(ix, id);
    const int q[] = {Q_DEL_FILE, Q_DEL_ART, Q_DEL_RAW, Q_DEL_PRINT,
                     Q_DEL_NENT};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        sqlite3_bind_int64(ix->q[q[i]], 1, id);
        rc |= step_done(ix->q[q[i]]);
    }
    return rc ? -1 : 0;
}

int index_article(lede_index *ix, int64_t id, const char *path, article *a)
{
    sqlite3_stmt *st = ix->q[Q_GET_ART];
    sqlite3_bind_int64(st, 1, id);
    int rc = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        rc = article_unpack(a, path, sqlite3_column_blob(st, 0),
                            (size_t)sqlite3_column_bytes(st, 0));
    else
        article_unpack(a, path, NULL, 0); /* an empty article */
    sqlite3_reset(st);
    return rc;
}

/* The blob of file id by statement q, copied to keep buffer k: 0, 1 when
 * there is none, -1 on error. */
static int get_blob(lede_index *ix, int q, int k, int64_t id,
                    const void **data, size_t *len)
{
    sqlite3_stmt *st = ix->q[q];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB) {
        *data = keep_blob(ix, k, st, 0, len);
        sqlite3_reset(st);
        return 0; /* the copy stays until the next call */
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 1 : -1;
}

int index_raw(lede_index *ix, int64_t id, const void **raw, size_t *len)
{
    return get_blob(ix, Q_GET_RAW, KEEP_RAW, id, raw, len);
}

int index_print_get(lede_index *ix, int64_t id, const void **data,
                    size_t *len)
{
    return get_blob(ix, Q_GET_PRINT, KEEP_PRINT, id, data, len);
}

int index_put_raw(lede_index *ix, int64_t id, const void *raw, size_t len)
{
    sqlite3_reset(ix->q[Q_GET_RAW]);
    sqlite3_stmt *st = ix->q[Q_INS_RAW];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_blob(st, 2, raw, (int)len, SQLITE_STATIC);
    return step_done(st);
}

int index_set_nent(lede_index *ix, int64_t id, uint32_t nent)
{
    sqlite3_stmt *st = ix->q[Q_NENT];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, nent);
    return step_done(st);
}

bool index_counts_clean(lede_index *ix)
{
    char buf[8];
    const char *v = meta_get(ix, "counts", buf, sizeof buf);
    return v && strcmp(v, "1") == 0;
}

int index_set_counts_clean(lede_index *ix, bool clean)
{
    return meta_set(ix, "counts", clean ? "1" : "0");
}

int index_clear_entities(lede_index *ix)
{
    return exec(ix, "DELETE FROM entity") == SQLITE_OK ? 0 : -1;
}

static size_t put_varint(unsigned char *b, size_t len, uint64_t v)
{
    while (v >= 0x80) {
        b[len++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    b[len++] = (unsigned char)v;
    return len;
}

int index_put_entity(lede_index *ix, uint32_t id, const char *name,
                     int type, uint32_t total, const int64_t *files,
                     const uint32_t *counts, size_t n)
{
    /* varints (see the schema): a pair is two or three bytes where
     * twelve held it plain, and the table is written after every index
     * made or changed */
    unsigned char *blob = lede_malloc(n * 15 + 1);
    size_t len = 0;
    int64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t d = (uint64_t)files[i] - (uint64_t)prev;
        len = put_varint(blob, len, (d << 1) ^ (uint64_t)((int64_t)d >> 63));
        len = put_varint(blob, len, counts[i]);
        prev = files[i];
    }
    sqlite3_stmt *st = ix->q[Q_ENT_INS];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, type);
    sqlite3_bind_int64(st, 4, total);
    sqlite3_bind_blob(st, 5, blob, (int)len, SQLITE_STATIC);
    int rc = step_done(st);
    free(blob);
    return rc;
}
