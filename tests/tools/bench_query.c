/* bench_query: set query latency, in memory and against an FTS5 index
 * built here with the 'lede' tokenizer, over the same articles. Prints
 * figures (median of 5 runs per query); asserts nothing.
 * usage: bench_query PATH...
 *        bench_query --index PATH...   the set's persistent index as
 *        lede uses it (made by lede first, in $XDG_CACHE_HOME): the
 *        reopen, then each query as the reader and --search run it. At
 *        1,000,000 articles this is the only mode that fits in memory.
 *        bench_query -q QUERY [-r RUNS] --index PATH...   that query
 *        alone, RUNS times (default 5; for a profiler). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "index_fts.h"
#include "index_query.h"
#include "query.h"
#include "store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long map_rowid(void *ctx, int64_t rowid)
{
    return rowid >= 1 && (size_t)rowid <= store_count(ctx) ? (long)rowid - 1
                                                           : -1;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int build_fts(sqlite3 *db, const store *s)
{
    if (index_fts_register(db) != SQLITE_OK ||
        sqlite3_exec(db, "CREATE VIRTUAL TABLE fts USING fts5(title, body, "
                     "tokenize='lede', content=''); BEGIN", NULL, NULL,
                     NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, title, body) VALUES "
                       "(?1, ?2, ?3)", -1, &st, NULL);
    index_fts_text pre = {0}; /* the tokens as the index makes them */
    for (size_t i = 0; i < store_count(s); i++) {
        index_fts_text_make(&pre, store_get(s, i));
        sqlite3_bind_int64(st, 1, (int64_t)i + 1);
        sqlite3_bind_text(st, 2, pre.title, (int)pre.tlen, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, pre.body, (int)pre.blen, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    index_fts_text_fini(&pre);
    return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

/* Median milliseconds of 5 runs; *n gets the number of articles. */
static double time_query(const query *q, const store *s, sqlite3 *db,
                         size_t *n)
{
    double t[5];
    for (int r = 0; r < 5; r++) {
        char err[160];
        double t0 = now();
        search_hit *h = db ? index_query_run(db, q, s, map_rowid, (void *)s,
                                             n, err, sizeof err)
                           : query_run_mem(q, s, n);
        t[r] = (now() - t0) * 1e3;
        free(h);
    }
    qsort(t, 5, sizeof *t, cmp_d);
    return t[2];
}

/* Milliseconds of one SQL statement run to the end (the parts of an
 * index query, for the curious). */
static double time_sql(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    double t0 = now();
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    return (now() - t0) * 1e3;
}

static const char *const queries[] = {
    "21", "aleppo", "\"aid agencies\"", "entity:\"John Kerry\"",
    "entity:\"John Kerry\" ceasefire -aleppo",
    "title:talks after:2016-08-01", "Aleppo",
};
#define NQUERIES (sizeof queries / sizeof *queries)

/* Median milliseconds of `runs` runs of query_run (the index when the store
 * has one); *n gets the number of articles. */
static int runs = 5; /* -r */

static double time_run(const query *q, const store *s, size_t *n)
{
    double *t = malloc((size_t)runs * sizeof *t);
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        free(query_run(q, s, n));
        t[r] = (now() - t0) * 1e3;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    double med = t[runs / 2];
    free(t);
    return med;
}

static const char *only; /* -q: this query alone */

static int bench_index(int argc, char **argv)
{
    const char *const *paths = (const char *const *)argv;
    store *s = store_new(NULL, NULL);
    double t0 = now();
    if (store_use_index(s, NULL, paths, (size_t)argc, false) != 0) {
        fputs("bench_query: no index\n", stderr);
        store_free(s);
        return 1;
    }
    store_load(s, paths, (size_t)argc);
    store_wait(s);
    double load = now() - t0;
    t0 = now();
    store_index(s); /* the merged names, for entity: */
    printf("articles %zu, reopen %.2f s, names %.2f s\n", store_count(s),
           load, now() - t0);
    printf("%-40s %8s %10s\n", "query", "articles", "index_ms");
    fflush(stdout); /* a profiler may start now */
    for (size_t k = 0; k < (only ? 1 : NQUERIES); k++) {
        const char *text = only ? only : queries[k];
        char err[160];
        query *q = query_parse(text, 0, err, sizeof err);
        if (!q) {
            fprintf(stderr, "bench_query: %s\n", err);
            store_free(s);
            return 1;
        }
        size_t n;
        double ms = time_run(q, s, &n);
        printf("%-40s %8zu %10.2f\n", text, n, ms);
        query_free(q);
    }
    store_free(s);
    return 0;
}

int main(int argc, char **argv)
{
    while (argc > 2 && (!strcmp(argv[1], "-q") || !strcmp(argv[1], "-r"))) {
        if (argv[1][1] == 'q')
            only = argv[2];
        else if ((runs = atoi(argv[2])) < 1)
            runs = 1;
        argc -= 2;
        argv += 2;
    }
    if (argc > 1 && !strcmp(argv[1], "--index"))
        return bench_index(argc - 2, argv + 2);
    store *s = store_new(NULL, NULL);
    for (int i = 1; i < argc; i++)
        store_add_path(s, argv[i]);
    double t0 = now();
    store_index(s);
    printf("articles %zu, entity pass %.2f s\n", store_count(s), now() - t0);
    sqlite3 *db;
    sqlite3_open(":memory:", &db);
    t0 = now();
    if (build_fts(db, s) != SQLITE_OK) {
        fprintf(stderr, "bench_query: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    printf("fts build (in memory, one thread) %.2f s\n", now() - t0);
    printf("%-40s %8s %10s %10s\n", "query", "articles", "memory_ms",
           "index_ms");
    for (size_t k = 0; k < NQUERIES; k++) {
        char err[160];
        query *q = query_parse(queries[k], 0, err, sizeof err);
        size_t nm, ni;
        double m = time_query(q, s, NULL, &nm);
        double x = time_query(q, s, db, &ni);
        printf("%-40s %8zu %10.2f %10.2f%s\n", queries[k], nm, m, x,
               nm == ni ? "" : "  (counts differ!)");
        query_free(q);
    }
    static const char *const parts[] = {
        "SELECT rowid FROM fts WHERE fts MATCH 'aleppo'",
        "SELECT rowid, bm25(fts, 10.0, 1.0) FROM fts WHERE fts MATCH 'aleppo'",
        "SELECT rowid, lede_rank(fts, 10.0) FROM fts WHERE fts MATCH 'aleppo'",
        "SELECT rowid, lede_hits(fts) FROM fts WHERE fts MATCH 'aleppo'",
        "SELECT rowid, lede_hits(fts, 0) FROM fts WHERE fts MATCH 'aleppo'",
    };
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
        printf("%8.2f ms  %s\n", time_sql(db, parts[k]), parts[k]);
    sqlite3_close(db);
    store_free(s);
    return 0;
}
