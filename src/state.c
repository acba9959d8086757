/* state.c: the user's marks, tags, history, places and list views in
 * SQLite. Every
 * statement is prepared once at open; every change is one IMMEDIATE
 * transaction, so a killed process loses at most the change it was
 * making and a second process waits (busy timeout) instead of failing. */
#include "state.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "text.h"
#include "util.h"

#define STATE_SCHEMA 2 /* PRAGMA user_version of the file */
#define BUSY_MS 10000

enum {
    Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
    Q_HAS, Q_NEWEST, Q_COPY_MARK, Q_COPY_TAGS, Q_NEW_MARK,
    Q_SET_READ, Q_SET_STAR, Q_ADD_TAG, Q_DEL_TAG, Q_TOUCH,
    Q_ALL, Q_ALL_TAGS, Q_TAGS, Q_HIST_LAST, Q_HIST_ADD, Q_HIST_TRIM, Q_HIST,
    Q_POS_SAVE, Q_POS_LOAD, Q_VIEW_SAVE, Q_VIEW_LOAD,
    Q_N
};

static const char *const sql[Q_N] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_HAS] = "SELECT 1 FROM marks WHERE hash=?1 AND path=?2",
    [Q_NEWEST] = "SELECT path FROM marks WHERE hash=?1 "
                 "ORDER BY at DESC, rowid DESC LIMIT 1",
    [Q_COPY_MARK] = "INSERT INTO marks(hash,path,read,star,at) "
                    "SELECT hash,?2,read,star,?4 FROM marks "
                    "WHERE hash=?1 AND path=?3",
    [Q_COPY_TAGS] = "INSERT OR IGNORE INTO tags(hash,path,tag) "
                    "SELECT hash,?2,tag FROM tags WHERE hash=?1 AND path=?3",
    [Q_NEW_MARK] = "INSERT INTO marks(hash,path,read,star,at) "
                   "VALUES(?1,?2,0,0,?3)",
    [Q_SET_READ] = "UPDATE marks SET read=?3, at=?4 WHERE hash=?1 AND path=?2",
    [Q_SET_STAR] = "UPDATE marks SET star=?3, at=?4 WHERE hash=?1 AND path=?2",
    [Q_ADD_TAG] = "INSERT OR IGNORE INTO tags(hash,path,tag) VALUES(?1,?2,?3)",
    [Q_DEL_TAG] = "DELETE FROM tags WHERE hash=?1 AND path=?2 AND tag=?3",
    [Q_TOUCH] = "UPDATE marks SET at=?3 WHERE hash=?1 AND path=?2",
    [Q_ALL] = "SELECT hash, path, read, star, at FROM marks",
    [Q_ALL_TAGS] = "SELECT hash, path, tag FROM tags ORDER BY hash, path, tag",
    [Q_TAGS] = "SELECT DISTINCT tag FROM tags ORDER BY tag",
    [Q_HIST_LAST] = "SELECT line FROM history ORDER BY id DESC LIMIT 1",
    [Q_HIST_ADD] = "INSERT INTO history(line) VALUES(?1)",
    [Q_HIST_TRIM] = "DELETE FROM history WHERE id <= "
                    "(SELECT max(id) FROM history) - ?1",
    [Q_HIST] = "SELECT line FROM (SELECT id, line FROM history "
               "ORDER BY id DESC LIMIT ?1) ORDER BY id",
    [Q_POS_SAVE] = "INSERT OR REPLACE INTO positions(setkey,hash,path,off,at)"
                   " VALUES(?1,?2,?3,?4,?5)",
    [Q_POS_LOAD] = "SELECT hash, path, off FROM positions WHERE setkey=?1",
    /* a NULL keeps what is stored: the order and the grouping are chosen
     * one at a time */
    [Q_VIEW_SAVE] = "INSERT INTO views(setkey,sort,grp,at) VALUES(?1,?2,?3,?4)"
                    " ON CONFLICT(setkey) DO UPDATE SET"
                    " sort=coalesce(excluded.sort, sort),"
                    " grp=coalesce(excluded.grp, grp), at=excluded.at",
    [Q_VIEW_LOAD] = "SELECT sort, grp FROM views WHERE setkey=?1",
};

/* Made once, when user_version is still 0; user_version then says which
 * schema the file has, so reading never writes. This is schema 1: the
 * steps in `migrate` bring it (and a file an older lede made) up to
 * STATE_SCHEMA, so a new file and an upgraded one are the same. */
static const char schema[] =
    "BEGIN IMMEDIATE;"
    "CREATE TABLE IF NOT EXISTS marks(hash INTEGER NOT NULL,"
    " path TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0,"
    " star INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(hash, path));"
    "CREATE TABLE IF NOT EXISTS tags(hash INTEGER NOT NULL,"
    " path TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY(hash, path, tag));"
    "CREATE INDEX IF NOT EXISTS tags_by_tag ON tags(tag);"
    "CREATE TABLE IF NOT EXISTS history(id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " line TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS positions(setkey TEXT PRIMARY KEY,"
    " hash INTEGER NOT NULL, path TEXT NOT NULL, off INTEGER NOT NULL,"
    " at INTEGER NOT NULL);"
    "PRAGMA user_version=1;"
    "COMMIT;";

/* migrate[v]: from schema v to v + 1, run inside the transaction that
 * sets user_version; only adds, so every mark, tag, history line and
 * place is kept as it was. */
static const char *const migrate[STATE_SCHEMA] = {
    [1] = "CREATE TABLE IF NOT EXISTS views(setkey TEXT PRIMARY KEY,"
          " sort TEXT, grp TEXT, at INTEGER NOT NULL);",
};

struct lede_state {
    sqlite3 *db;
    sqlite3_stmt *q[Q_N];
    bool batch;   /* inside state_batch_begin: changes join its transaction */
    bool failed;  /* a change in the batch failed: roll it all back */
    bool views;   /* the file has the views table (schema 2) */
};

int state_default_path(char *buf, size_t n)
{
    const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
    int r;
    if (x && *x == '/')
        r = snprintf(buf, n, "%s/lede/state.db", x);
    else if (h && *h)
        r = snprintf(buf, n, "%s/.local/state/lede/state.db", h);
    else
        return -1;
    return r > 0 && (size_t)r < n ? 0 : -1;
}

/* mkdir -p of the directory part of path. */
static int make_parents(const char *path)
{
    char buf[PATH_MAX];
    if (strlen(path) >= sizeof buf)
        return -1;
    strcpy(buf, path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

static void close_db(lede_state *st)
{
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(st->q[i]);
    sqlite3_close(st->db);
    memset(st, 0, sizeof *st);
}

void state_close(lede_state *st)
{
    if (!st)
        return;
    close_db(st);
    free(st);
}

static bool is_corrupt(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* quick_check answers "ok" for a sound database. */
static int check_db(sqlite3 *db)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        rc = t && !strcmp(t, "ok") ? SQLITE_OK : SQLITE_CORRUPT;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* PRAGMA user_version, or -1 on error. */
static int user_version(sqlite3 *db)
{
    sqlite3_stmt *q;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* Bring a file of schema `from` up to STATE_SCHEMA: one transaction, in
 * which user_version is read again (another lede may have done it
 * meanwhile). Returns an SQLite code; on failure nothing has changed. */
static int upgrade(sqlite3 *db, int from)
{
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    int v = user_version(db);
    rc = v < from ? SQLITE_ERROR : SQLITE_OK;
    bool done = v >= STATE_SCHEMA;
    for (; rc == SQLITE_OK && v < STATE_SCHEMA; v++)
        rc = sqlite3_exec(db, migrate[v], NULL, NULL, NULL);
    if (rc == SQLITE_OK && !done) {
        char set[40];
        snprintf(set, sizeof set, "PRAGMA user_version=%d", STATE_SCHEMA);
        rc = sqlite3_exec(db, set, NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Open, check and prepare. Returns an SQLite code; msg on failure, or a
 * note when an older lede's file could not be upgraded (then it is used
 * as it is, without what the newer schema adds). */
static int open_db(lede_state *st, const char *path, bool create, char *msg,
                   size_t n)
{
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(st->db, BUSY_MS);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "PRAGMA journal_mode=WAL;"
                                  "PRAGMA synchronous=NORMAL;"
                                  "PRAGMA mmap_size=268435456;", NULL, NULL, NULL);
    /* a writer checks the whole file, so damage is found (and the file
     * kept aside) before anything is added to it; a reader (--list)
     * skips the scan and reports damage when it reads */
    if (rc == SQLITE_OK && create)
        rc = check_db(st->db);
    int version = rc == SQLITE_OK ? user_version(st->db) : 0;
    if (version < 0)
        rc = SQLITE_ERROR;
    else if (version == 0 && rc == SQLITE_OK) {
        rc = sqlite3_exec(st->db, schema, NULL, NULL, NULL);
        version = 1;
    } else if (version > STATE_SCHEMA)
        return SQLITE_FORMAT; /* a newer lede's: leave it alone */
    /* a reader (--list) only reads marks: it leaves an old file as it is */
    if (rc == SQLITE_OK && version < STATE_SCHEMA && create) {
        int up = upgrade(st->db, version);
        if (up == SQLITE_OK)
            version = STATE_SCHEMA;
        else if (is_corrupt(up))
            rc = up;
        else
            snprintf(msg, n, "%s could not be upgraded (%s): the list's "
                     "order and grouping are not remembered", path,
                     sqlite3_errstr(up));
    }
    st->views = version >= 2;
    for (int i = 0; rc == SQLITE_OK && i < Q_N; i++)
        if (st->views || (i != Q_VIEW_SAVE && i != Q_VIEW_LOAD))
            rc = sqlite3_prepare_v3(st->db, sql[i], -1,
                                    SQLITE_PREPARE_PERSISTENT, &st->q[i], NULL);
    return rc;
}

/* Rename path (and its -wal and -shm files) aside; 0 on success. */
static int keep_aside(const char *path, char *aside, size_t n)
{
    char stamp[32], from[PATH_MAX + 8], to[PATH_MAX + 48];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(aside, n, "%s.corrupt-%s", path, stamp);
    if (rename(path, aside) != 0)
        return -1;
    static const char *const ext[] = {"-wal", "-shm"};
    for (int i = 0; i < 2; i++) {
        snprintf(from, sizeof from, "%s%s", path, ext[i]);
        snprintf(to, sizeof to, "%s%s", aside, ext[i]);
        rename(from, to); /* absent is fine */
    }
    return 0;
}

lede_state *state_open(const char *path, bool create, char *msg, size_t n)
{
    struct stat sb;
    msg[0] = '\0';
    if (!create && stat(path, &sb) != 0)
        return NULL;
    if (create && make_parents(path) != 0) {
        snprintf(msg, n, "cannot create the directory of %s: %s", path,
                 strerror(errno));
        return NULL;
    }
    lede_state *st = lede_calloc(1, sizeof *st);
    int rc = open_db(st, path, create, msg, n);
    if (is_corrupt(rc) && create) {
        close_db(st);
        char aside[PATH_MAX + 40];
        if (keep_aside(path, aside, sizeof aside) != 0) {
            snprintf(msg, n, "%s is damaged and could not be moved aside: %s",
                     path, strerror(errno));
            free(st);
            return NULL;
        }
        snprintf(msg, n, "%s was damaged: kept as %s, a new one started",
                 path, aside);
        size_t l = strlen(msg);
        rc = open_db(st, path, create, msg + l, n - l);
    }
    if (rc == SQLITE_FORMAT) {
        snprintf(msg, n, "%s was made by a newer lede: left as it is", path);
        state_close(st);
        return NULL;
    }
    if (rc != SQLITE_OK) {
        size_t l = strlen(msg);
        snprintf(msg + l, n - l, "%s%s: %s", l ? "; " : "", path,
                 st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        state_close(st);
        return NULL;
    }
    return st;
}

char *state_key_path(const char *path)
{
    char real[PATH_MAX];
    if (strcmp(path, "-") != 0 && realpath(path, real))
        return lede_strndup(real, strlen(real));
    return lede_strndup(path, strlen(path));
}

char **state_key_paths(const char *const *paths, size_t n)
{
    char **out = lede_malloc((n ? n : 1) * sizeof *out);
    char *last_dir = NULL, *last_real = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *p = paths[i], *slash = strrchr(p, '/');
        if (!slash || slash == p || !strcmp(p, "-")) {
            out[i] = state_key_path(p);
            continue;
        }
        size_t dl = (size_t)(slash - p);
        if (!last_dir || strlen(last_dir) != dl || memcmp(last_dir, p, dl)) {
            free(last_dir);
            free(last_real);
            last_dir = lede_strndup(p, dl);
            char real[PATH_MAX];
            last_real = realpath(last_dir, real)
                            ? lede_strndup(real, strlen(real)) : NULL;
        }
        if (!last_real) {
            out[i] = state_key_path(p);
            continue;
        }
        size_t rl = strlen(last_real), bl = strlen(slash);
        out[i] = lede_malloc(rl + bl + 1);
        memcpy(out[i], last_real, rl);
        memcpy(out[i] + rl, slash, bl + 1);
    }
    free(last_dir);
    free(last_real);
    return out;
}

/* ---- statements -------------------------------------------------------- */

static sqlite3_stmt *stmt(lede_state *st, int i)
{
    sqlite3_reset(st->q[i]);
    sqlite3_clear_bindings(st->q[i]);
    return st->q[i];
}

static void bind_key(sqlite3_stmt *q, uint64_t hash, const char *path)
{
    sqlite3_bind_int64(q, 1, (sqlite3_int64)hash);
    sqlite3_bind_text(q, 2, path, -1, SQLITE_TRANSIENT);
}

/* Step a statement that returns no rows; SQLite code (DONE → OK). */
static int run(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int begin(lede_state *st)
{
    return st->batch ? SQLITE_OK : run(stmt(st, Q_BEGIN));
}

/* Commit when rc is OK, else roll back; returns 0 or -1. */
static int finish(lede_state *st, int rc)
{
    if (st->batch) {
        st->failed |= rc != SQLITE_OK;
        return rc == SQLITE_OK ? 0 : -1;
    }
    if (rc == SQLITE_OK && run(stmt(st, Q_COMMIT)) == SQLITE_OK)
        return 0;
    run(stmt(st, Q_ROLLBACK));
    return -1;
}

int state_batch_begin(lede_state *st)
{
    if (!st || st->batch || run(stmt(st, Q_BEGIN)) != SQLITE_OK)
        return -1;
    st->batch = true;
    st->failed = false;
    return 0;
}

int state_batch_end(lede_state *st)
{
    if (!st || !st->batch)
        return -1;
    st->batch = false;
    return finish(st, st->failed ? SQLITE_ERROR : SQLITE_OK);
}

/* Inside a transaction: make sure the row (hash, path) exists, adopting
 * the marks and tags of the newest row of the same hash elsewhere. */
static int ensure_row(lede_state *st, uint64_t hash, const char *path)
{
    sqlite3_stmt *q = stmt(st, Q_HAS);
    bind_key(q, hash, path);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SQLITE_OK;
    if (rc != SQLITE_DONE)
        return rc;
    q = stmt(st, Q_NEWEST);
    sqlite3_bind_int64(q, 1, (sqlite3_int64)hash);
    rc = sqlite3_step(q);
    char *from = NULL;
    if (rc == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(q, 0);
        from = lede_strndup(p ? p : "", p ? strlen(p) : 0);
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rc;
    sqlite3_int64 now = (sqlite3_int64)time(NULL);
    if (!from) {
        q = stmt(st, Q_NEW_MARK);
        bind_key(q, hash, path);
        sqlite3_bind_int64(q, 3, now);
        return run(q);
    }
    q = stmt(st, Q_COPY_MARK);
    bind_key(q, hash, path);
    sqlite3_bind_text(q, 3, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 4, now);
    rc = run(q);
    if (rc == SQLITE_OK) {
        q = stmt(st, Q_COPY_TAGS);
        bind_key(q, hash, path);
        sqlite3_bind_text(q, 3, from, -1, SQLITE_TRANSIENT);
        rc = run(q);
    }
    free(from);
    return rc;
}

int state_set_flag(lede_state *st, uint64_t hash, const char *path,
                   unsigned flag, bool on)
{
    if (!st || (flag != STATE_READ && flag != STATE_STAR))
        return -1;
    int rc = begin(st);
    if (rc != SQLITE_OK)
        return -1;
    rc = ensure_row(st, hash, path);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *q = stmt(st, flag == STATE_READ ? Q_SET_READ : Q_SET_STAR);
        bind_key(q, hash, path);
        sqlite3_bind_int(q, 3, on);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)time(NULL));
        rc = run(q);
    }
    return finish(st, rc);
}

/* A tag trimmed of blanks into buf; false when it is not a usable tag. */
static bool clean_tag(const char *tag, char *buf, size_t n)
{
    while (*tag == ' ' || *tag == '\t')
        tag++;
    size_t len = strlen(tag);
    while (len && (tag[len - 1] == ' ' || tag[len - 1] == '\t'))
        len--;
    if (!len || len >= n)
        return false;
    /* UTF-8 text only, no control character (C0, DEL, C1) and no comma:
     * tags are printed by --list and drawn in the list */
    for (size_t i = 0, k; i < len; i += k) {
        int32_t cp = text_decode(tag + i, len - i, &k);
        if (cp == 0xFFFD && (k != 3 || memcmp(tag + i, "\xef\xbf\xbd", 3)))
            return false;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == ',')
            return false;
    }
    memcpy(buf, tag, len);
    buf[len] = '\0';
    return true;
}

bool state_tag_ok(const char *tag)
{
    char t[256];
    return clean_tag(tag, t, sizeof t);
}

int state_tag(lede_state *st, uint64_t hash, const char *path,
              const char *tag, bool on)
{
    char t[256];
    if (!clean_tag(tag, t, sizeof t))
        return -2;
    if (!st || begin(st) != SQLITE_OK)
        return -1;
    int rc = ensure_row(st, hash, path);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *q = stmt(st, on ? Q_ADD_TAG : Q_DEL_TAG);
        bind_key(q, hash, path);
        sqlite3_bind_text(q, 3, t, -1, SQLITE_TRANSIENT);
        rc = run(q);
    }
    if (rc == SQLITE_OK) {
        sqlite3_stmt *q = stmt(st, Q_TOUCH);
        bind_key(q, hash, path);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)time(NULL));
        rc = run(q);
    }
    return finish(st, rc);
}

/* ---- loading marks ----------------------------------------------------- */

typedef struct hash_map {
    size_t mask;
    int64_t *slot; /* first article index with a hash, or -1 */
    int64_t *next; /* next article with the same hash, or -1 */
} hash_map;

static void map_build(hash_map *m, size_t n, const uint64_t *hash)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    m->mask = cap - 1;
    m->slot = lede_malloc(cap * sizeof *m->slot);
    m->next = lede_malloc((n ? n : 1) * sizeof *m->next);
    for (size_t i = 0; i < cap; i++)
        m->slot[i] = -1;
    for (size_t i = n; i-- > 0;) {
        size_t h = (size_t)hash[i] & m->mask;
        while (m->slot[h] >= 0 && hash[m->slot[h]] != hash[i])
            h = (h + 1) & m->mask;
        m->next[i] = m->slot[h];
        m->slot[h] = (int64_t)i;
    }
}

/* First article with this hash, or -1. */
static int64_t map_find(const hash_map *m, const uint64_t *hash, uint64_t h)
{
    size_t s = (size_t)h & m->mask;
    while (m->slot[s] >= 0 && hash[m->slot[s]] != h)
        s = (s + 1) & m->mask;
    return m->slot[s];
}

/* What state_load keeps per article while it reads the rows. */
typedef struct load_pick {
    uint8_t prio;       /* 0 no row, 1 a row of the same hash, 2 its own */
    int64_t at;         /* when the picked row last changed */
    char *from;         /* the picked row's path when prio is 1 */
} load_pick;

/* Pass 1: the flags. An article takes the row of its own path, else the
 * newest row of the same hash elsewhere. No ORDER BY: one table scan. */
static int load_flags(lede_state *st, const hash_map *m, const uint64_t *hash,
                      const char *const *path, state_marks *out,
                      load_pick *pick)
{
    sqlite3_stmt *q = stmt(st, Q_ALL);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        uint64_t h = (uint64_t)sqlite3_column_int64(q, 0);
        const char *p = (const char *)sqlite3_column_text(q, 1);
        int64_t at = sqlite3_column_int64(q, 4);
        for (int64_t i = map_find(m, hash, h); i >= 0; i = m->next[i]) {
            load_pick *k = &pick[i];
            bool own = p && !strcmp(p, path[i]);
            if (k->prio == 2 || (!own && k->prio == 1 && at < k->at))
                continue;
            free(k->from);
            k->from = own || !p ? NULL : lede_strndup(p, strlen(p));
            k->prio = own ? 2 : 1;
            k->at = at;
            out[i].flags = (uint8_t)((sqlite3_column_int(q, 2) ? STATE_READ : 0) |
                                     (sqlite3_column_int(q, 3) ? STATE_STAR : 0));
        }
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void append_tag(state_marks *m, const char *t)
{
    size_t old = m->tags ? strlen(m->tags) : 0, l = strlen(t);
    m->tags = lede_realloc(m->tags, old + l + 2);
    if (old)
        m->tags[old++] = ',';
    memcpy(m->tags + old, t, l + 1);
}

/* Pass 2: the tags of each picked row, in key order (so sorted). */
static int load_tags(lede_state *st, const hash_map *m, const uint64_t *hash,
                     const char *const *path, state_marks *out,
                     const load_pick *pick)
{
    sqlite3_stmt *q = stmt(st, Q_ALL_TAGS);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        uint64_t h = (uint64_t)sqlite3_column_int64(q, 0);
        const char *p = (const char *)sqlite3_column_text(q, 1);
        const char *t = (const char *)sqlite3_column_text(q, 2);
        for (int64_t i = map_find(m, hash, h); p && t && i >= 0; i = m->next[i]) {
            const char *want = pick[i].prio == 2 ? path[i] : pick[i].from;
            /* a tag written by something else than lede is checked too:
             * --list prints it as it is */
            if (want && !strcmp(want, p) && state_tag_ok(t))
                append_tag(&out[i], t);
        }
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

int state_load(lede_state *st, size_t n, const uint64_t *hash,
               const char *const *path, state_marks *out)
{
    memset(out, 0, n * sizeof *out);
    if (!st || !n)
        return st ? 0 : -1;
    hash_map m;
    map_build(&m, n, hash);
    load_pick *pick = lede_calloc(n, sizeof *pick);
    int r = load_flags(st, &m, hash, path, out, pick);
    if (r == 0)
        r = load_tags(st, &m, hash, path, out, pick);
    for (size_t i = 0; i < n; i++)
        free(pick[i].from);
    free(pick);
    free(m.slot);
    free(m.next);
    if (r != 0)
        state_marks_free(out, n);
    return r;
}

void state_marks_free(state_marks *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].tags);
        m[i].tags = NULL;
        m[i].flags = 0;
    }
}

/* The text column 0 of every row of q, NULL-terminated. */
static char **collect(sqlite3_stmt *q, size_t *n)
{
    size_t cap = 0, k = 0;
    char **v = NULL;
    int rc;
    LEDE_GROW(v, cap, 1);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        LEDE_GROW(v, cap, k + 2);
        v[k++] = lede_strndup(t ? t : "", t ? strlen(t) : 0);
    }
    sqlite3_reset(q);
    v[k] = NULL;
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < k; i++)
            free(v[i]);
        free(v);
        return NULL;
    }
    if (n)
        *n = k;
    return v;
}

char **state_all_tags(lede_state *st, size_t *n)
{
    return st ? collect(stmt(st, Q_TAGS), n) : NULL;
}

/* ---- history and places ------------------------------------------------ */

int state_history_add(lede_state *st, const char *line)
{
    if (!st || !*line || begin(st) != SQLITE_OK)
        return -1;
    sqlite3_stmt *q = stmt(st, Q_HIST_LAST);
    int rc = sqlite3_step(q);
    bool same = rc == SQLITE_ROW &&
                !strcmp((const char *)sqlite3_column_text(q, 0), line);
    sqlite3_reset(q);
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    if (rc == SQLITE_OK && !same) {
        q = stmt(st, Q_HIST_ADD);
        sqlite3_bind_text(q, 1, line, -1, SQLITE_TRANSIENT);
        rc = run(q);
        if (rc == SQLITE_OK) {
            q = stmt(st, Q_HIST_TRIM);
            sqlite3_bind_int(q, 1, STATE_HISTORY);
            rc = run(q);
        }
    }
    return finish(st, rc);
}

char **state_history(lede_state *st, size_t max, size_t *n)
{
    if (!st)
        return NULL;
    sqlite3_stmt *q = stmt(st, Q_HIST);
    sqlite3_bind_int64(q, 1, (sqlite3_int64)max);
    return collect(q, n);
}

int state_pos_save(lede_state *st, const char *setkey, uint64_t hash,
                   const char *path, uint32_t off)
{
    if (!st || begin(st) != SQLITE_OK)
        return -1;
    sqlite3_stmt *q = stmt(st, Q_POS_SAVE);
    sqlite3_bind_text(q, 1, setkey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)hash);
    sqlite3_bind_text(q, 3, path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 4, off);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)time(NULL));
    return finish(st, run(q));
}

int state_pos_load(lede_state *st, const char *setkey, uint64_t *hash,
                   char **path, uint32_t *off)
{
    if (!st)
        return -1;
    sqlite3_stmt *q = stmt(st, Q_POS_LOAD);
    sqlite3_bind_text(q, 1, setkey, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q), r = -1;
    if (rc == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(q, 1);
        sqlite3_int64 o = sqlite3_column_int64(q, 2);
        *hash = (uint64_t)sqlite3_column_int64(q, 0);
        *path = lede_strndup(p ? p : "", p ? strlen(p) : 0);
        *off = o < 0 || o > UINT32_MAX ? 0 : (uint32_t)o;
        r = 0;
    }
    sqlite3_reset(q);
    return r;
}

/* ---- the list's order and grouping ------------------------------------ */

int state_view_save(lede_state *st, const char *setkey, const char *sort,
                    const char *group)
{
    if (!st || !st->views || begin(st) != SQLITE_OK)
        return -1;
    sqlite3_stmt *q = stmt(st, Q_VIEW_SAVE);
    sqlite3_bind_text(q, 1, setkey, -1, SQLITE_TRANSIENT);
    if (sort)
        sqlite3_bind_text(q, 2, sort, -1, SQLITE_TRANSIENT);
    if (group)
        sqlite3_bind_text(q, 3, group, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)time(NULL));
    return finish(st, run(q));
}

/* Column i of q into buf ("" for NULL or a value that does not fit). */
static void copy_col(sqlite3_stmt *q, int i, char *buf, size_t n)
{
    const char *t = (const char *)sqlite3_column_text(q, i);
    size_t l = t ? strlen(t) : 0;
    if (l >= n)
        l = 0;
    memcpy(buf, t ? t : "", l);
    buf[l] = '\0';
}

int state_view_load(lede_state *st, const char *setkey, char *sort,
                    size_t sn, char *group, size_t gn)
{
    sort[0] = group[0] = '\0';
    if (!st || !st->views)
        return -1;
    sqlite3_stmt *q = stmt(st, Q_VIEW_LOAD);
    sqlite3_bind_text(q, 1, setkey, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        copy_col(q, 0, sort, sn);
        copy_col(q, 1, group, gn);
    }
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- the set's key ----------------------------------------------------- */

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void state_set_key(const char *const *paths, size_t n, char out[17])
{
    char **real = lede_malloc((n ? n : 1) * sizeof *real);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        real[i] = state_key_path(paths[i]);
        total += strlen(real[i]) + 1;
    }
    qsort(real, n, sizeof *real, by_str);
    char *buf = lede_malloc(total ? total : 1), *p = buf;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(real[i]) + 1;
        memcpy(p, real[i], l);
        p += l;
        free(real[i]);
    }
    free(real);
    snprintf(out, 17, "%016llx", (unsigned long long)lede_hash64(buf, total));
    free(buf);
}
