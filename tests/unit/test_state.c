/* Unit tests for the state database: marks survive a reopen, follow a
 * moved file (same hash) but not an edited one, tags, history, places,
 * the list's order and grouping per set, a first-schema file upgraded in
 * place with every row kept, a damaged database kept aside, and an
 * unwritable directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "state.h"

static char dir[256], db[300];

static int setup(void **st)
{
    (void)st;
    snprintf(dir, sizeof dir, "%s/lede-state-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/sub/dir/state.db", dir);
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *db_path(void)
{
    return db;
}

static lede_state *open_ok(void)
{
    char msg[512];
    lede_state *s = state_open(db, true, msg, sizeof msg);
    assert_non_null(s);
    assert_string_equal(msg, "");
    return s;
}

static state_marks load1(lede_state *s, uint64_t h, const char *p)
{
    state_marks m;
    assert_int_equal(state_load(s, 1, &h, &p, &m), 0);
    return m;
}

static void test_flags_persist(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    assert_int_equal(state_set_flag(s, 7, "/a/x.txt", STATE_READ, true), 0);
    assert_int_equal(state_set_flag(s, 8, "/a/y.txt", STATE_STAR, true), 0);
    assert_int_equal(state_set_flag(s, 8, "/a/y.txt", STATE_READ, true), 0);
    assert_int_equal(state_set_flag(s, 8, "/a/y.txt", STATE_READ, false), 0);
    state_close(s);
    s = open_ok();
    uint64_t h[3] = {7, 8, 9};
    const char *p[3] = {"/a/x.txt", "/a/y.txt", "/a/z.txt"};
    state_marks m[3];
    assert_int_equal(state_load(s, 3, h, p, m), 0);
    assert_int_equal(m[0].flags, STATE_READ);
    assert_int_equal(m[1].flags, STATE_STAR);
    assert_int_equal(m[2].flags, 0);
    assert_null(m[2].tags);
    state_marks_free(m, 3);
    state_close(s);
}

static void test_moved_and_edited(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    assert_int_equal(state_set_flag(s, 42, "/old/a.txt", STATE_STAR, true), 0);
    assert_int_equal(state_tag(s, 42, "/old/a.txt", "syria", true), 0);
    /* the same bytes under another path keep the marks */
    state_marks m = load1(s, 42, "/new/a.txt");
    assert_int_equal(m.flags, STATE_STAR);
    assert_string_equal(m.tags, "syria");
    state_marks_free(&m, 1);
    /* other bytes at the old path are another article */
    m = load1(s, 43, "/old/a.txt");
    assert_int_equal(m.flags, 0);
    state_marks_free(&m, 1);
    /* a change at the new path carries the old marks along */
    assert_int_equal(state_set_flag(s, 42, "/new/a.txt", STATE_READ, true), 0);
    m = load1(s, 42, "/new/a.txt");
    assert_int_equal(m.flags, STATE_READ | STATE_STAR);
    assert_string_equal(m.tags, "syria");
    state_marks_free(&m, 1);
    m = load1(s, 42, "/old/a.txt");
    assert_int_equal(m.flags, STATE_STAR); /* its own row is unchanged */
    state_marks_free(&m, 1);
    /* a third place takes the newest of the two */
    m = load1(s, 42, "/third/a.txt");
    assert_int_equal(m.flags, STATE_READ | STATE_STAR);
    assert_string_equal(m.tags, "syria");
    state_marks_free(&m, 1);
    /* two copies of one file in a set: each gets its own row */
    uint64_t h[2] = {42, 42};
    const char *p[2] = {"/old/a.txt", "/new/a.txt"};
    state_marks two[2];
    assert_int_equal(state_load(s, 2, h, p, two), 0);
    assert_int_equal(two[0].flags, STATE_STAR);
    assert_int_equal(two[1].flags, STATE_READ | STATE_STAR);
    state_marks_free(two, 2);
    state_close(s);
}

static void test_tags(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    assert_int_equal(state_tag(s, 1, "/x", "  zeta ", true), 0);
    assert_int_equal(state_tag(s, 1, "/x", "alpha", true), 0);
    assert_int_equal(state_tag(s, 1, "/x", "alpha", true), 0); /* twice */
    assert_int_equal(state_tag(s, 2, "/y", "Krak\xc3\xb3w", true), 0);
    assert_int_equal(state_tag(s, 1, "/x", "a,b", true), -2);
    assert_int_equal(state_tag(s, 1, "/x", "   ", true), -2);
    assert_int_equal(state_tag(s, 1, "/x", "bad\x1b[31m", true), -2);
    assert_int_equal(state_tag(s, 1, "/x", "c1\xc2\x9b" "31m", true), -2);
    assert_int_equal(state_tag(s, 1, "/x", "latin1 \xe9t\xe9", true), -2);
    state_marks m = load1(s, 1, "/x");
    assert_string_equal(m.tags, "alpha,zeta");
    state_marks_free(&m, 1);
    size_t n = 0;
    char **all = state_all_tags(s, &n);
    assert_non_null(all);
    assert_int_equal(n, 3);
    assert_string_equal(all[0], "Krak\xc3\xb3w");
    assert_string_equal(all[1], "alpha");
    assert_string_equal(all[2], "zeta");
    assert_null(all[3]);
    for (size_t i = 0; i < n; i++)
        free(all[i]);
    free(all);
    assert_int_equal(state_tag(s, 1, "/x", "zeta", false), 0);
    m = load1(s, 1, "/x");
    assert_string_equal(m.tags, "alpha");
    state_marks_free(&m, 1);
    state_close(s);
}

static void test_history(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    assert_int_equal(state_history_add(s, "lavrov"), 0);
    assert_int_equal(state_history_add(s, "kerry"), 0);
    assert_int_equal(state_history_add(s, "kerry"), 0); /* not twice */
    assert_int_equal(state_history_add(s, "geneva"), 0);
    state_close(s);
    s = open_ok();
    size_t n;
    char **h = state_history(s, 2, &n);
    assert_int_equal(n, 2);
    assert_string_equal(h[0], "kerry");
    assert_string_equal(h[1], "geneva");
    free(h[0]); free(h[1]); free(h);
    for (int i = 0; i < STATE_HISTORY + 20; i++) {
        char line[32];
        snprintf(line, sizeof line, "q%d", i);
        assert_int_equal(state_history_add(s, line), 0);
    }
    h = state_history(s, 100000, &n);
    assert_int_equal(n, STATE_HISTORY);
    assert_string_equal(h[n - 1], "q519");
    for (size_t i = 0; i < n; i++)
        free(h[i]);
    free(h);
    state_close(s);
}

static void test_positions(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    uint64_t h;
    char *p;
    uint32_t off;
    assert_int_equal(state_pos_load(s, "0123456789abcdef", &h, &p, &off), -1);
    assert_int_equal(state_pos_save(s, "0123456789abcdef", 99, "/s/a", 1234), 0);
    assert_int_equal(state_pos_save(s, "0123456789abcdef", 98, "/s/b", 77), 0);
    state_close(s);
    s = open_ok();
    assert_int_equal(state_pos_load(s, "0123456789abcdef", &h, &p, &off), 0);
    assert_true(h == 98);
    assert_string_equal(p, "/s/b");
    assert_int_equal(off, 77);
    free(p);
    state_close(s);
}

static size_t count_aside(void);

static void test_views(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    char so[16], gr[16];
    const char *k1 = "0123456789abcdef", *k2 = "fedcba9876543210";
    assert_int_equal(state_view_load(s, k1, so, sizeof so, gr, sizeof gr), -1);
    assert_string_equal(so, "");
    assert_string_equal(gr, "");
    /* the order alone, then the grouping alone: each keeps the other */
    assert_int_equal(state_view_save(s, k1, "headline", NULL), 0);
    assert_int_equal(state_view_load(s, k1, so, sizeof so, gr, sizeof gr), 0);
    assert_string_equal(so, "headline");
    assert_string_equal(gr, "");
    assert_int_equal(state_view_save(s, k1, NULL, "source"), 0);
    assert_int_equal(state_view_save(s, k2, "date", "folder"), 0);
    state_close(s);
    s = open_ok();
    assert_int_equal(state_view_load(s, k1, so, sizeof so, gr, sizeof gr), 0);
    assert_string_equal(so, "headline");
    assert_string_equal(gr, "source");
    assert_int_equal(state_view_load(s, k2, so, sizeof so, gr, sizeof gr), 0);
    assert_string_equal(so, "date");
    assert_string_equal(gr, "folder");
    /* a name longer than the caller's buffer is no name */
    assert_int_equal(state_view_save(s, k2, "a-much-longer-order-name", NULL), 0);
    assert_int_equal(state_view_load(s, k2, so, sizeof so, gr, sizeof gr), 0);
    assert_string_equal(so, "");
    assert_string_equal(gr, "folder");
    state_close(s);
}

/* The schema of lede's first state database (user_version 1), as that
 * lede made it, with a mark, a tag, history and a place in it. */
static void make_v1(const char *path)
{
    static const char v1[] =
        "CREATE TABLE marks(hash INTEGER NOT NULL,"
        " path TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0,"
        " star INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL DEFAULT 0,"
        " PRIMARY KEY(hash, path));"
        "CREATE TABLE tags(hash INTEGER NOT NULL,"
        " path TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY(hash, path, tag));"
        "CREATE INDEX tags_by_tag ON tags(tag);"
        "CREATE TABLE history(id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " line TEXT NOT NULL);"
        "CREATE TABLE positions(setkey TEXT PRIMARY KEY,"
        " hash INTEGER NOT NULL, path TEXT NOT NULL, off INTEGER NOT NULL,"
        " at INTEGER NOT NULL);"
        "INSERT INTO marks VALUES(7, '/a/x.txt', 1, 0, 100);"
        "INSERT INTO marks VALUES(8, '/a/y.txt', 0, 1, 101);"
        "INSERT INTO tags VALUES(8, '/a/y.txt', 'syria');"
        "INSERT INTO tags VALUES(8, '/a/y.txt', 'geneva');"
        "INSERT INTO history(line) VALUES('lavrov');"
        "INSERT INTO history(line) VALUES('aid convoy');"
        "INSERT INTO positions VALUES('0123456789abcdef', 8, '/a/y.txt', 321,"
        " 102);"
        "PRAGMA user_version=1;";
    char d[320];
    snprintf(d, sizeof d, "%s/sub", dir);
    mkdir(d, 0700);
    snprintf(d, sizeof d, "%s/sub/dir", dir);
    mkdir(d, 0700);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL,
                                  NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

static int file_version(void)
{
    sqlite3 *h;
    sqlite3_stmt *q;
    int v = -1;
    assert_int_equal(sqlite3_open(db_path(), &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &q,
                                        NULL), SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(h);
    return v;
}

/* Everything make_v1 put in is there. */
static void v1_rows_kept(lede_state *s)
{
    uint64_t h[2] = {7, 8};
    const char *p[2] = {"/a/x.txt", "/a/y.txt"};
    state_marks m[2];
    assert_int_equal(state_load(s, 2, h, p, m), 0);
    assert_int_equal(m[0].flags, STATE_READ);
    assert_null(m[0].tags);
    assert_int_equal(m[1].flags, STATE_STAR);
    assert_string_equal(m[1].tags, "geneva,syria");
    state_marks_free(m, 2);
    size_t n = 0;
    char **hist = state_history(s, 10, &n);
    assert_non_null(hist);
    assert_int_equal(n, 2);
    assert_string_equal(hist[0], "lavrov");
    assert_string_equal(hist[1], "aid convoy");
    for (size_t i = 0; i < n; i++)
        free(hist[i]);
    free(hist);
    uint64_t ph;
    char *pp;
    uint32_t off;
    assert_int_equal(state_pos_load(s, "0123456789abcdef", &ph, &pp, &off), 0);
    assert_true(ph == 8);
    assert_string_equal(pp, "/a/y.txt");
    assert_int_equal(off, 321);
    free(pp);
}

static void test_v1_upgraded_in_place(void **unused)
{
    (void)unused;
    make_v1(db_path());
    /* a reader (--list) reads an old file and leaves it as it is */
    char msg[512];
    lede_state *s = state_open(db_path(), false, msg, sizeof msg);
    assert_non_null(s);
    assert_string_equal(msg, "");
    v1_rows_kept(s);
    assert_int_equal(state_view_save(s, "0123456789abcdef", "date", NULL), -1);
    state_close(s);
    assert_int_equal(file_version(), 1);
    /* a writer upgrades it, keeping every row, without a message */
    s = open_ok();
    v1_rows_kept(s);
    assert_int_equal(state_view_save(s, "0123456789abcdef", "headline",
                                     "source"), 0);
    state_close(s);
    assert_int_equal(file_version(), 2);
    assert_int_equal(count_aside(), 0); /* not taken for damage */
    /* and it works as a new file does, old rows and new */
    s = open_ok();
    v1_rows_kept(s);
    char so[16], gr[16];
    assert_int_equal(state_view_load(s, "0123456789abcdef", so, sizeof so, gr,
                                     sizeof gr), 0);
    assert_string_equal(so, "headline");
    assert_string_equal(gr, "source");
    assert_int_equal(state_set_flag(s, 7, "/a/x.txt", STATE_STAR, true), 0);
    state_close(s);
}

static size_t count_aside(void)
{
    char d[320];
    snprintf(d, sizeof d, "%s/sub/dir", dir);
    DIR *dp = opendir(d);
    size_t n = 0;
    struct dirent *e;
    while (dp && (e = readdir(dp)))
        n += strncmp(e->d_name, "state.db.corrupt-", 17) == 0 &&
             !strchr(e->d_name + 17, 'w') && !strchr(e->d_name + 17, 's');
    if (dp)
        closedir(dp);
    return n;
}

static void test_corrupt_kept_aside(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    assert_int_equal(state_set_flag(s, 5, "/p", STATE_STAR, true), 0);
    state_close(s);
    FILE *f = fopen(db, "wb");
    assert_non_null(f);
    for (int i = 0; i < 4096; i++)
        fputc("garbage!"[i % 8], f);
    fclose(f);
    char msg[512];
    s = state_open(db, true, msg, sizeof msg);
    assert_non_null(s);
    assert_non_null(strstr(msg, "damaged"));
    assert_non_null(strstr(msg, ".corrupt-"));
    assert_int_equal(count_aside(), 1);
    /* the new database works and starts empty */
    state_marks m = load1(s, 5, "/p");
    assert_int_equal(m.flags, 0);
    assert_int_equal(state_set_flag(s, 5, "/p", STATE_READ, true), 0);
    state_close(s);
    /* the damaged file is kept as it was */
    char aside[400];
    snprintf(aside, sizeof aside, "%s/sub/dir", dir);
    DIR *dp = opendir(aside);
    struct dirent *e;
    while ((e = readdir(dp)))
        if (!strncmp(e->d_name, "state.db.corrupt-", 17) &&
            strlen(e->d_name) == 17 + 15)
            break;
    assert_non_null(e);
    snprintf(aside + strlen(aside), sizeof aside - strlen(aside), "/%s",
             e->d_name);
    closedir(dp);
    f = fopen(aside, "rb");
    assert_non_null(f);
    char head[9] = {0};
    assert_int_equal(fread(head, 1, 8, f), 8);
    fclose(f);
    assert_string_equal(head, "garbage!");
}

static void test_missing_and_unwritable(void **unused)
{
    (void)unused;
    char msg[512], p[400];
    snprintf(p, sizeof p, "%s/none/state.db", dir);
    assert_null(state_open(p, false, msg, sizeof msg));
    assert_string_equal(msg, "");
    /* a file where the directory should be: fails even for root */
    snprintf(p, sizeof p, "%s/ro", dir);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(p, sizeof p, "%s/ro/lede/state.db", dir);
    assert_null(state_open(p, true, msg, sizeof msg));
    assert_non_null(strstr(msg, "cannot create"));
}

static void test_newer_schema_left_alone(void **unused)
{
    (void)unused;
    lede_state *s = open_ok();
    assert_int_equal(state_set_flag(s, 5, "/p", STATE_STAR, true), 0);
    state_close(s);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db_path(), &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA user_version=7", NULL, NULL,
                                  NULL), SQLITE_OK);
    sqlite3_close(h);
    char msg[512];
    assert_null(state_open(db_path(), true, msg, sizeof msg));
    assert_non_null(strstr(msg, "newer lede"));
    assert_int_equal(count_aside(), 0); /* not taken for damage */
    /* and its data is still there for that newer lede */
    assert_int_equal(sqlite3_open(db_path(), &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "SELECT star FROM marks", NULL, NULL,
                                  NULL), SQLITE_OK);
    sqlite3_close(h);
}

static void test_set_key(void **unused)
{
    (void)unused;
    const char *a[2] = {"/tmp/b-nonexistent", "/tmp/a-nonexistent"};
    const char *b[2] = {"/tmp/a-nonexistent", "/tmp/b-nonexistent"};
    char k1[17], k2[17], k3[17];
    state_set_key(a, 2, k1);
    state_set_key(b, 2, k2);
    state_set_key(a, 1, k3);
    assert_int_equal(strlen(k1), 16);
    assert_string_equal(k1, k2);
    assert_string_not_equal(k1, k3);
}

static void test_default_path(void **unused)
{
    (void)unused;
    char buf[256];
    setenv("XDG_STATE_HOME", "/x/state", 1);
    assert_int_equal(state_default_path(buf, sizeof buf), 0);
    assert_string_equal(buf, "/x/state/lede/state.db");
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", "/home/u", 1);
    assert_int_equal(state_default_path(buf, sizeof buf), 0);
    assert_string_equal(buf, "/home/u/.local/state/lede/state.db");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_flags_persist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moved_and_edited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_views, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v1_upgraded_in_place, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_kept_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_and_unwritable, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_left_alone, setup,
                                        teardown),
        cmocka_unit_test(test_set_key),
        cmocka_unit_test(test_default_path),
    };
    return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
