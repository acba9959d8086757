/* index_query.c: a query tree against the FTS5 index.
 *
 * Each node becomes a bitmap over the store's articles: a text leaf from
 * one FTS5 MATCH (checked again with lede's matcher when the tokenizer
 * cannot tell its exact meaning), the other fields in C, then AND, OR and
 * NOT as word operations. One more MATCH over the positive words ranks
 * the result (lede_rank: BM25, headline weighted up) and counts the
 * matches. Every
 * step is linear in the set or in the rows FTS5 returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_fts.h"
#include "index_query.h"
#include "store.h"
#include "text.h"
#include "util.h"

typedef struct iq {
    sqlite3 *db;
    const query *q;
    const struct store *s;
    index_query_map_fn map;
    void *ctx;
    size_t n, words; /* articles, 64-bit words per bitmap */
    char *err;
    size_t errlen;
    bool failed;
} iq;

static uint64_t *bits_new(const iq *x)
{
    return lede_calloc(x->words ? x->words : 1, sizeof(uint64_t));
}

static void bit_set(uint64_t *b, size_t i)
{
    b[i / 64] |= (uint64_t)1 << (i % 64);
}

static bool bit_get(const uint64_t *b, size_t i)
{
    return (b[i / 64] >> (i % 64)) & 1;
}

static void sql_fail(iq *x, const char *what)
{
    if (!x->failed && x->err && x->errlen)
        snprintf(x->err, x->errlen, "index query: %s: %s", what,
                 sqlite3_errmsg(x->db));
    x->failed = true;
}

/* Append s[0..n) as an FTS5 string: in double quotes, quotes doubled. */
static size_t put_quoted(const char *s, size_t n, char *buf, size_t cap,
                         size_t at)
{
    if (at < cap)
        buf[at] = '"';
    at++;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            if (at < cap)
                buf[at] = '"';
            at++;
        }
        if (at < cap)
            buf[at] = s[i];
        at++;
    }
    if (at < cap)
        buf[at] = '"';
    return at + 1;
}

size_t index_query_fts_expr(const query_node *leaf, char *buf, size_t cap)
{
    static const char col[] = "title : ";
    size_t at = 0;
    if (leaf->title_only) {
        for (size_t i = 0; i < sizeof col - 1; i++, at++)
            if (at < cap)
                buf[at] = col[i];
    }
    at = put_quoted(leaf->text, leaf->len, buf, cap, at);
    if (cap)
        buf[at < cap ? at : cap - 1] = '\0';
    return at;
}

static char *fts_expr(const query_node *leaf)
{
    size_t need = index_query_fts_expr(leaf, NULL, 0) + 1;
    char *e = lede_malloc(need);
    index_query_fts_expr(leaf, e, need);
    return e;
}

/* ---- leaves ------------------------------------------------------------ */

typedef struct tok_info {
    size_t ntok, start, end;
    bool same; /* the one token is the text itself, already folded */
    const char *text;
    size_t len;
} tok_info;

static int count_tok(void *ctx, const char *tok, size_t n, size_t start,
                     size_t end)
{
    tok_info *t = ctx;
    if (t->ntok++ == 0) {
        t->start = start;
        t->end = end;
        t->same = n == t->len && !memcmp(tok, t->text, n);
    }
    return 0;
}

/* Run a leaf over every article with lede's matcher (no index help). */
static void scan_all(iq *x, const query_node *leaf, uint64_t *b)
{
    for (size_t i = 0; i < x->n; i++)
        if (query_leaf_match(leaf, x->s, i, NULL, NULL))
            bit_set(b, i);
}

static void text_leaf(iq *x, const query_node *leaf, uint64_t *b)
{
    tok_info t = {0, 0, 0, false, leaf->text, leaf->len};
    index_fts_tokens(leaf->text, leaf->len, count_tok, &t);
    if (t.ntok == 0) { /* only punctuation: nothing FTS5 can look up */
        scan_all(x, leaf, b);
        return;
    }
    bool exact = t.ntok == 1 && t.same && t.start == 0 && t.end == leaf->len &&
                 !(query_flags(x->q) & SEARCH_MATCH_CASE);
    char *e = fts_expr(leaf);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(x->db, "SELECT rowid FROM fts WHERE fts MATCH ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        sql_fail(x, "prepare");
        free(e);
        return;
    }
    sqlite3_bind_text(st, 1, e, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long i = x->map(x->ctx, sqlite3_column_int64(st, 0));
        if (i < 0 || (size_t)i >= x->n)
            continue;
        /* Capitals, accents or punctuation: the index found candidates,
         * lede's matcher decides. */
        if (exact || query_leaf_match(leaf, x->s, (size_t)i, NULL, NULL))
            bit_set(b, (size_t)i);
    }
    if (rc != SQLITE_DONE)
        sql_fail(x, "match");
    sqlite3_finalize(st);
    free(e);
}

static void entity_leaf(iq *x, const query_node *leaf, uint64_t *b)
{
    const entity_table *t = store_entities(x->s);
    long id = entity_lookup(t, leaf->text, leaf->len);
    if (id < 0)
        return;
    size_t n;
    const entity_tally *a = entity_articles(t, (uint32_t)id, &n);
    for (size_t i = 0; i < n; i++)
        if (a[i].id < x->n)
            bit_set(b, a[i].id);
}

static uint64_t *eval(iq *x, const query_node *nd)
{
    uint64_t *b = bits_new(x);
    if (x->failed)
        return b;
    switch (nd->kind) {
    case QUERY_AND:
    case QUERY_OR: {
        uint64_t *l = eval(x, nd->kid[0]), *r = NULL;
        bool and = nd->kind == QUERY_AND;
        bool empty = true;
        for (size_t w = 0; and && w < x->words; w++)
            empty &= l[w] == 0;
        if (and && empty) { /* nothing left to intersect */
            free(l);
            return b;
        }
        r = eval(x, nd->kid[1]);
        for (size_t w = 0; w < x->words; w++)
            b[w] = and ? l[w] & r[w] : l[w] | r[w];
        free(l);
        free(r);
        return b;
    }
    case QUERY_NOT: {
        uint64_t *k = eval(x, nd->kid[0]);
        for (size_t w = 0; w < x->words; w++)
            b[w] = ~k[w];
        if (x->n % 64)
            b[x->words - 1] &= ((uint64_t)1 << (x->n % 64)) - 1;
        free(k);
        return b;
    }
    case QUERY_TEXT: text_leaf(x, nd, b); return b;
    case QUERY_ENTITY: entity_leaf(x, nd, b); return b;
    default: scan_all(x, nd, b); return b; /* source, path, date */
    }
}

/* ---- ranking -------------------------------------------------------------- */

static int hit_cmp(const void *pa, const void *pb)
{
    const search_hit *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->article > b->article) - (a->article < b->article);
}

/* One MATCH of the positive words, OR'd: bm25 and counts for the hits
 * (hit_of maps an article to its slot in h, or -1). */
static void rank_words(iq *x, search_hit *h, const long *hit_of)
{
    size_t len = 0, cap = 0;
    char *e = NULL;
    for (size_t l = 0; l < query_nleaves(x->q); l++) {
        const query_node *lf = query_leaf(x->q, l);
        tok_info t = {0, 0, 0, false, lf->text, lf->len};
        if (lf->kind != QUERY_TEXT || !lf->positive ||
            index_fts_tokens(lf->text, lf->len, count_tok, &t) || !t.ntok)
            continue;
        size_t need = index_query_fts_expr(lf, NULL, 0);
        LEDE_GROW(e, cap, len + need + 8);
        len += (size_t)snprintf(e + len, cap - len, "%s", len ? " OR " : "");
        index_query_fts_expr(lf, e + len, cap - len);
        len += need;
    }
    if (!e)
        return;
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT rowid, lede_rank(fts, %.1f), lede_hits(fts), "
             "lede_hits(fts, 0) FROM fts WHERE fts MATCH ?1",
             INDEX_QUERY_TITLE_WEIGHT);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(x->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sql_fail(x, "prepare");
        free(e);
        return;
    }
    sqlite3_bind_text(st, 1, e, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long i = x->map(x->ctx, sqlite3_column_int64(st, 0));
        if (i < 0 || (size_t)i >= x->n || hit_of[i] < 0)
            continue;
        search_hit *hh = &h[hit_of[i]];
        hh->score = sqlite3_column_double(st, 1);
        hh->count += (uint32_t)sqlite3_column_int(st, 2);
        hh->in_title = (uint32_t)sqlite3_column_int(st, 3);
    }
    if (rc != SQLITE_DONE)
        sql_fail(x, "rank");
    sqlite3_finalize(st);
    free(e);
}

static void rank_entities(iq *x, search_hit *h, const long *hit_of,
                          bool words)
{
    const entity_table *t = store_entities(x->s);
    for (size_t l = 0; l < query_nleaves(x->q); l++) {
        const query_node *lf = query_leaf(x->q, l);
        if (lf->kind != QUERY_ENTITY || !lf->positive)
            continue;
        long id = entity_lookup(t, lf->text, lf->len);
        size_t n = 0;
        const entity_tally *a =
            id >= 0 ? entity_articles(t, (uint32_t)id, &n) : NULL;
        for (size_t i = 0; i < n; i++) {
            if (a[i].id >= x->n || hit_of[a[i].id] < 0)
                continue;
            search_hit *hh = &h[hit_of[a[i].id]];
            hh->count += a[i].count;
            if (!words)
                hh->score += a[i].count;
        }
    }
}

search_hit *index_query_run(sqlite3 *db, const query *q,
                            const struct store *s, index_query_map_fn map,
                            void *ctx, size_t *n, char *err, size_t errlen)
{
    iq x = {db, q, s, map, ctx, store_count(s), 0, err, errlen, false};
    x.words = (x.n + 63) / 64;
    *n = 0;
    /* One read transaction for the whole query: the candidates' texts
     * are read one statement each, and every statement on its own would
     * take and drop the database's locks (on 100,000 articles, "Aleppo"
     * checked in 45,816 texts: 157 ms, most of it in fcntl and stat). It
     * ends with the query, so it holds up no checkpoint for long. */
    bool txn = sqlite3_get_autocommit(db) &&
               sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    uint64_t *b = eval(&x, query_root(q));
    if (x.failed) {
        free(b);
        if (txn)
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        return NULL;
    }
    long *hit_of = lede_malloc((x.n ? x.n : 1) * sizeof *hit_of);
    search_hit *h = lede_calloc(x.n ? x.n : 1, sizeof *h);
    size_t nh = 0;
    for (size_t i = 0; i < x.n; i++) {
        hit_of[i] = bit_get(b, i) ? (long)nh : -1;
        if (hit_of[i] >= 0)
            h[nh++].article = (uint32_t)i;
    }
    free(b);
    bool words = query_has_words(q);
    if (words && nh)
        rank_words(&x, h, hit_of);
    if (nh)
        rank_entities(&x, h, hit_of, words);
    free(hit_of);
    if (txn)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (x.failed) {
        free(h);
        return NULL;
    }
    qsort(h, nh, sizeof *h, hit_cmp);
    *n = nh;
    return h;
}

static long map_rowid(void *ctx, int64_t rowid)
{
    return store_find_rowid(ctx, rowid);
}

/* The index finds the candidates when there is one (falling back to the
 * articles in memory when it cannot answer), the articles in memory
 * otherwise. */
search_hit *query_run(const query *q, const struct store *s, size_t *n)
{
    lede_index *ix = store_index_handle((store *)s);
    if (ix) {
        char err[160];
        search_hit *h = index_query_run(index_db(ix), q, s, map_rowid,
                                        (void *)s, n, err, sizeof err);
        if (h)
            return h;
    }
    return query_run_mem(q, s, n);
}
