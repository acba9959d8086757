/* index_query.c: a query tree against the FTS5 index.
 *
 * Each node becomes a bitmap over the store's articles. A text leaf is
 * one pass over its rows: its doclists read straight from the index
 * tables (index_doclist.h), or FTS5's own walk (lede_collect) when the
 * index is not one that reader knows, when this connection has a write
 * transaction open, or with LEDE_FTS5_QUERY set; either way the rows'
 * articles and their match counts go straight into C arrays, no row
 * reaches the caller. When the tokens say the index's answer is exactly
 * what lede's matcher would say (index_fts.h: folded words, case forms,
 * separators), that is the leaf's set and its counts, else the rows are
 * candidates that lede's matcher checks. The other fields are filtered
 * in C. AND, OR and NOT are word operations; the right side of an AND
 * is only checked where the left side holds (and the cheaper side goes
 * first). The ranking is BM25 over the counts the passes gathered
 * (lede_rank's formula, headline weighted up), sorted by the rank of
 * each distinct score: every step is linear in the set or in the rows
 * the index returns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "index_doclist.h"
#include "index_fts.h"
#include "index_query.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* What a TEXT leaf needs from the index, planned from its tokens. */
typedef struct leaf_run {
    bool fts;         /* it has tokens FTS5 can look up */
    bool keep_case;   /* its expression looks up case forms */
    bool exact;       /* FTS5's rows are the articles lede's matcher finds */
    bool count_exact; /* and FTS5's counts are the matcher's counts */
    int64_t df;       /* rows the expression matched */
    uint64_t *rows;   /* those rows' articles */
    uint32_t *title, *body; /* positive leaves: matches per article */
    uint64_t *done;   /* counted by lede's matcher (not count_exact) */
} leaf_run;

typedef struct iq {
    sqlite3 *db;
    const query *q;
    const struct store *s;
    index_query_map_fn map;
    void *ctx;
    size_t n, words; /* articles, 64-bit words per bitmap */
    leaf_run *lr;    /* per leaf */
    int64_t nrow;    /* rows in the FTS table (0: not known yet) */
    sqlite3_stmt *collect;
    bool direct;     /* the doclists may be read without FTS5 */
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

/* Append s[0..n) as an FTS5 string: in double quotes, quotes doubled;
 * INDEX_FTS_CASE first when the case forms are wanted. */
static size_t put_quoted(const char *s, size_t n, bool keep_case, char *buf,
                         size_t cap, size_t at)
{
    if (at < cap)
        buf[at] = '"';
    at++;
    if (keep_case) {
        if (at < cap)
            buf[at] = INDEX_FTS_CASE;
        at++;
    }
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

size_t index_query_fts_expr(const query_node *leaf, bool keep_case, char *buf,
                            size_t cap)
{
    static const char col[] = "title : ";
    size_t at = 0;
    if (leaf->title_only) {
        for (size_t i = 0; i < sizeof col - 1; i++, at++)
            if (at < cap)
                buf[at] = col[i];
    }
    at = put_quoted(leaf->text, leaf->len, keep_case, buf, cap, at);
    if (cap)
        buf[at < cap ? at : cap - 1] = '\0';
    return at;
}

/* A large array (a hit per article of a big result) in huge pages where
 * the system gives them on request: a few faults instead of one a 4 KB
 * page, which at 1,000,000 articles cost more than filling the array.
 * Not zeroed; freed with free(). */
static void *big_alloc(size_t n)
{
#ifdef MADV_HUGEPAGE
    enum { HUGE = 2 << 20 };
    void *p = NULL;
    if (n >= 2 * HUGE && posix_memalign(&p, HUGE, n) == 0) {
        madvise(p, n, MADV_HUGEPAGE);
        return p;
    }
#endif
    return lede_malloc(n ? n : 1);
}

/* ---- planning a leaf ------------------------------------------------------ */

typedef struct tok_plan {
    const char *text;
    size_t len;
    size_t nword, ncase, nsep, first, last, prev_end;
    bool spaced;      /* every gap between two words is one space */
    char **tok;       /* the word tokens, for the overlap check */
    size_t *toklen, cap;
} tok_plan;

static int plan_tok(void *ctx, const char *tok, size_t n, size_t start,
                    size_t end)
{
    tok_plan *t = ctx;
    if (n == 1 && tok[0] == INDEX_FTS_SEP) {
        t->nsep++;
        return 0;
    }
    if (t->nword == 0)
        t->first = start;
    else if (start != t->prev_end + 1 || t->text[t->prev_end] != ' ')
        t->spaced = false;
    t->prev_end = t->last = end;
    t->ncase += tok[0] == INDEX_FTS_CASE;
    if (t->nword == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 8;
        t->tok = lede_realloc(t->tok, t->cap * sizeof *t->tok);
        t->toklen = lede_realloc(t->toklen, t->cap * sizeof *t->toklen);
    }
    t->tok[t->nword] = lede_strndup(tok, n);
    t->toklen[t->nword++] = n;
    return 0;
}

/* True when a phrase of these tokens can overlap itself ("la la" in
 * "la la la"): FTS5 counts both, lede's matcher the first. */
static bool self_overlaps(const tok_plan *t)
{
    for (size_t p = 1; p < t->nword; p++) {
        bool same = true;
        for (size_t k = 0; k < p && same; k++) {
            size_t a = k, b = t->nword - p + k;
            same = t->toklen[a] == t->toklen[b] &&
                   !memcmp(t->tok[a], t->tok[b], t->toklen[a]);
        }
        if (same)
            return true;
    }
    return false;
}

/* Whether FTS5 can look the leaf up, with case forms or not, and whether
 * its answer is lede's. Lede's matcher folds the phrase and the text the
 * same way and wants the phrase as a whole word; the tokens cover that
 * when the phrase is words joined by single spaces and the folding is
 * the index's (all folded, or accents only with a case form for every
 * word). */
static void plan_leaf(const query_node *leaf, leaf_run *r)
{
    unsigned fold = search_folding(leaf->sq);
    r->keep_case = !(fold & TEXT_FOLD_CASE);
    tok_plan t = {leaf->text, leaf->len, 0, 0, 0, 0, 0, 0, true, NULL,
                  NULL, 0};
    index_fts_query_tokens(leaf->text, leaf->len, r->keep_case, plan_tok,
                           &t);
    r->fts = t.nword > 0;
    bool whole = r->fts && t.nsep == 0 && t.spaced && t.first == 0 &&
                 t.last == leaf->len;
    if (fold == (TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS))
        r->exact = whole;
    else if (fold == TEXT_FOLD_ACCENTS)
        r->exact = whole && t.ncase == t.nword;
    r->count_exact = r->exact && !self_overlaps(&t);
    for (size_t i = 0; i < t.nword; i++)
        free(t.tok[i]);
    free(t.tok);
    free(t.toklen);
}

/* ---- leaves ------------------------------------------------------------ */

/* The first article at or after i in mask (every one without a mask), or
 * x->n. */
static size_t masked(const iq *x, const uint64_t *mask, size_t i)
{
    if (!mask)
        return i < x->n ? i : x->n;
    while (i < x->n) {
        uint64_t m = mask[i / 64] >> (i % 64);
        if (m) {
            i += (size_t)__builtin_ctzll(m);
            return i < x->n ? i : x->n;
        }
        i = (i / 64 + 1) * 64;
    }
    return x->n;
}

/* Run a leaf with lede's matcher over the articles of mask (all without
 * one), counting its matches when it is a positive leaf. */
static void scan_leaf(iq *x, const query_node *leaf, const uint64_t *mask,
                      uint64_t *b)
{
    leaf_run *r = leaf->kind == QUERY_TEXT ? &x->lr[leaf->leaf] : NULL;
    bool count = r && r->title;
    for (size_t i = masked(x, mask, 0); i < x->n; i = masked(x, mask, i + 1)) {
        if (!count) {
            if (query_leaf_match(leaf, x->s, i, NULL, NULL))
                bit_set(b, i);
            continue;
        }
        uint32_t k = 0, t = 0;
        if (query_leaf_match(leaf, x->s, i, &k, &t))
            bit_set(b, i);
        r->title[i] = t;
        r->body[i] = k - t;
        bit_set(r->done, i);
    }
}

static void date_leaf(iq *x, const query_node *leaf, const uint64_t *mask,
                      uint64_t *b)
{
    for (size_t i = masked(x, mask, 0); i < x->n; i = masked(x, mask, i + 1)) {
        int64_t d = store_date_key(x->s, i);
        if (d >= 0 && d >= leaf->lo && d < leaf->hi)
            bit_set(b, i);
    }
}

/* One pass over the leaf's rows into r->rows (and the counts of the
 * articles of mask, every one without a mask). */
static void fts_pass(iq *x, const query_node *leaf, leaf_run *r,
                     const uint64_t *mask)
{
    index_fts_collect c = {x->map, x->ctx, x->n, r->rows, NULL, NULL, 0, 0,
                           mask};
    if (r->title && r->count_exact) {
        c.title = r->title;
        c.body = r->body;
    }
    if (x->direct) {
        int rc = index_doclist_collect(x->db, leaf->text, leaf->len,
                                       r->keep_case, leaf->title_only, &c);
        if (rc == SQLITE_OK) {
            r->df = c.rows;
            if (c.rows && !x->nrow)
                x->nrow = c.nrow;
            return;
        }
        if (rc != SQLITE_DONE) {
            sql_fail(x, "index");
            return;
        }
        x->direct = false; /* an index this reader does not know */
    }
    size_t need = index_query_fts_expr(leaf, r->keep_case, NULL, 0) + 1;
    char *e = lede_malloc(need);
    index_query_fts_expr(leaf, r->keep_case, e, need);
    if (!x->collect &&
        sqlite3_prepare_v2(x->db, "SELECT lede_collect(fts, ?2) FROM fts "
                           "WHERE fts MATCH ?1 LIMIT 1", -1, &x->collect,
                           NULL) != SQLITE_OK) {
        sql_fail(x, "prepare");
        free(e);
        return;
    }
    sqlite3_stmt *st = x->collect;
    sqlite3_bind_text(st, 1, e, -1, SQLITE_TRANSIENT);
    sqlite3_bind_pointer(st, 2, &c, INDEX_FTS_COLLECT, NULL);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE)
        sql_fail(x, "match");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    r->df = c.rows;
    if (c.rows && !x->nrow)
        x->nrow = c.nrow;
    free(e);
}

static void text_leaf(iq *x, const query_node *leaf, const uint64_t *mask,
                      uint64_t *b)
{
    leaf_run *r = &x->lr[leaf->leaf];
    if (!r->fts) { /* only punctuation: nothing FTS5 can look up */
        scan_leaf(x, leaf, mask, b);
        return;
    }
    r->rows = bits_new(x);
    fts_pass(x, leaf, r, mask);
    if (x->failed)
        return;
    if (r->exact) {
        memcpy(b, r->rows, x->words * sizeof *b);
        return;
    }
    /* Capitals with accents, punctuation, several words not one space
     * apart: the index found candidates, lede's matcher decides. */
    uint64_t *m = bits_new(x);
    for (size_t w = 0; w < x->words; w++)
        m[w] = r->rows[w] & (mask ? mask[w] : ~(uint64_t)0);
    scan_leaf(x, leaf, m, b);
    free(m);
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

/* How much a node costs to run, roughly: cheap sides of an AND go
 * first, and what they leave is all the other side checks. */
static int cost(const iq *x, const query_node *nd)
{
    switch (nd->kind) {
    case QUERY_AND:
    case QUERY_OR: {
        int a = cost(x, nd->kid[0]), b = cost(x, nd->kid[1]);
        return a > b ? a : b;
    }
    case QUERY_NOT: return cost(x, nd->kid[0]);
    case QUERY_ENTITY:
    case QUERY_DATE: return 1;
    case QUERY_TEXT:
        return x->lr[nd->leaf].fts ? (x->lr[nd->leaf].exact ? 2 : 3) : 5;
    case QUERY_PATH: return 4;
    default: return 5; /* source: the matcher over every list summary */
    }
}

/* The articles of nd, right at least where mask is set (everywhere
 * without a mask); outside the mask the bits do not matter. */
static uint64_t *eval(iq *x, const query_node *nd, const uint64_t *mask)
{
    uint64_t *b = bits_new(x);
    if (x->failed)
        return b;
    switch (nd->kind) {
    case QUERY_AND: {
        int first = cost(x, nd->kid[1]) < cost(x, nd->kid[0]);
        uint64_t *l = eval(x, nd->kid[first], mask);
        bool empty = true;
        for (size_t w = 0; w < x->words; w++) {
            l[w] &= mask ? mask[w] : ~(uint64_t)0;
            empty &= l[w] == 0;
        }
        if (!empty) {
            uint64_t *r = eval(x, nd->kid[!first], l);
            for (size_t w = 0; w < x->words; w++)
                b[w] = l[w] & r[w];
            free(r);
        }
        free(l);
        return b;
    }
    case QUERY_OR: {
        uint64_t *l = eval(x, nd->kid[0], mask);
        uint64_t *r = eval(x, nd->kid[1], mask);
        for (size_t w = 0; w < x->words; w++)
            b[w] = l[w] | r[w];
        free(l);
        free(r);
        return b;
    }
    case QUERY_NOT: {
        uint64_t *k = eval(x, nd->kid[0], mask);
        for (size_t w = 0; w < x->words; w++)
            b[w] = ~k[w];
        if (x->n % 64)
            b[x->words - 1] &= ((uint64_t)1 << (x->n % 64)) - 1;
        free(k);
        return b;
    }
    case QUERY_TEXT: text_leaf(x, nd, mask, b); return b;
    case QUERY_ENTITY: entity_leaf(x, nd, b); return b;
    case QUERY_DATE: date_leaf(x, nd, mask, b); return b;
    default: scan_leaf(x, nd, mask, b); return b; /* source, path */
    }
}

/* ---- ranking -------------------------------------------------------------- */

/* The bits of a hit's score as a sort key, highest score lowest: scores
 * are never negative, so their bits order as the numbers do. */
static uint64_t hit_key(const search_hit *h)
{
    double d = h->score > 0 ? h->score : 0;
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return ~u;
}

/* Stable LSD radix sort of h[0..n) by key (sort_hits). */
static void radix_hits(search_hit *h, size_t n)
{
    enum { BITS = 11, NB = 1 << BITS, PASSES = (64 + BITS - 1) / BITS };
    uint64_t *key = lede_malloc(2 * n * sizeof *key);
    uint32_t *ix = lede_malloc(2 * n * sizeof *ix);
    uint32_t(*cnt)[NB] = lede_calloc(PASSES, sizeof *cnt);
    for (size_t i = 0; i < n; i++) {
        key[i] = hit_key(&h[i]);
        ix[i] = (uint32_t)i;
        for (int p = 0; p < PASSES; p++)
            cnt[p][(key[i] >> (p * BITS)) & (NB - 1)]++;
    }
    uint64_t *ka = key, *kb = key + n;
    uint32_t *ia = ix, *ib = ix + n;
    for (int p = 0; p < PASSES; p++) {
        uint32_t *c = cnt[p], sum = 0;
        if (c[(ka[0] >> (p * BITS)) & (NB - 1)] == n)
            continue; /* one digit for all: nothing moves */
        for (size_t d = 0; d < NB; d++) {
            uint32_t k = c[d];
            c[d] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++) {
            uint32_t at = c[(ka[i] >> (p * BITS)) & (NB - 1)]++;
            kb[at] = ka[i];
            ib[at] = ia[i];
        }
        uint64_t *kt = ka;
        ka = kb;
        kb = kt;
        uint32_t *it = ia;
        ia = ib;
        ib = it;
    }
    search_hit *out = lede_malloc(n * sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = h[ia[i]];
    memcpy(h, out, n * sizeof *h);
    free(out);
    free(cnt);
    free(key);
    free(ix);
}

static int key_cmp(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

enum { FEW_SCORES = 4096 }; /* a counting sort up to this many */

/* Stable sort of h[0..n) by score, highest first: the hits come in
 * article order, so ties stay in article order (the order hit_cmp of
 * query.c gives). The scores come from a few counts per leaf, so a large
 * result has few distinct ones: each hit gets the rank of its score
 * (a small hash of the distinct scores, sorted), then one counting pass
 * places it. More distinct scores than FEW_SCORES: a radix sort. */
static search_hit *sort_hits(search_hit *h, size_t n)
{
    enum { SLOTS = 4 * FEW_SCORES };
    if (n < 2)
        return h;
    uint64_t *slot = lede_malloc(SLOTS * sizeof *slot);
    uint16_t *sid = lede_malloc(SLOTS * sizeof *sid); /* slot -> distinct */
    uint64_t dk[FEW_SCORES];
    uint16_t *of = lede_malloc(n * sizeof *of); /* hit -> distinct */
    bool *used = lede_calloc(SLOTS, sizeof *used);
    size_t nd = 0, i;
    for (i = 0; i < n; i++) {
        uint64_t k = hit_key(&h[i]);
        size_t at = (size_t)((k * 0x9E3779B97F4A7C15u) >> 50) & (SLOTS - 1);
        while (used[at] && slot[at] != k)
            at = (at + 1) & (SLOTS - 1);
        if (!used[at]) {
            if (nd == FEW_SCORES)
                break;
            used[at] = true;
            slot[at] = k;
            sid[at] = (uint16_t)nd;
            dk[nd++] = k;
        }
        of[i] = sid[at];
    }
    if (i < n) { /* too many scores */
        free(slot);
        free(sid);
        free(of);
        free(used);
        radix_hits(h, n);
        return h;
    }
    /* rank of each distinct score, then where its hits start */
    uint64_t sorted[FEW_SCORES];
    memcpy(sorted, dk, nd * sizeof *dk);
    qsort(sorted, nd, sizeof *sorted, key_cmp);
    size_t *start = lede_calloc(nd, sizeof *start);
    for (i = 0; i < n; i++)
        start[of[i]]++;
    size_t *rank_start = lede_malloc(nd * sizeof *rank_start), sum = 0;
    for (size_t r = 0; r < nd; r++) {
        /* the distinct index of sorted[r]: look it up in the hash */
        uint64_t k = sorted[r];
        size_t at = (size_t)((k * 0x9E3779B97F4A7C15u) >> 50) & (SLOTS - 1);
        while (slot[at] != k)
            at = (at + 1) & (SLOTS - 1);
        size_t d = sid[at], c = start[d];
        rank_start[d] = sum;
        sum += c;
    }
    search_hit *out = big_alloc(n * sizeof *out);
    for (i = 0; i < n; i++)
        out[rank_start[of[i]]++] = h[i];
    free(h);
    free(rank_start);
    free(start);
    free(slot);
    free(sid);
    free(of);
    free(used);
    return out;
}

/* The counts of the positive leaves that FTS5 could not count the way
 * lede does, for the hits not yet counted. */
static void count_rest(iq *x, const search_hit *h, size_t nh)
{
    for (size_t l = 0; l < query_nleaves(x->q); l++) {
        const query_node *lf = query_leaf(x->q, l);
        leaf_run *r = &x->lr[l];
        if (lf->kind != QUERY_TEXT || !r->title || r->count_exact)
            continue;
        for (size_t k = 0; k < nh; k++) {
            size_t i = h[k].article;
            if (bit_get(r->done, i) || (r->rows && !bit_get(r->rows, i)))
                continue;
            uint32_t c = 0, t = 0;
            query_leaf_match(lf, x->s, i, &c, &t);
            r->title[i] = t;
            r->body[i] = c - t;
        }
    }
}

/* BM25 without length normalisation (as lede_rank): a headline match
 * counts INDEX_QUERY_TITLE_WEIGHT body matches. */
static void rank_words(iq *x, search_hit *h, size_t nh)
{
    const double k1 = 1.2;
    for (size_t l = 0; l < query_nleaves(x->q); l++) {
        const query_node *lf = query_leaf(x->q, l);
        leaf_run *r = &x->lr[l];
        if (lf->kind != QUERY_TEXT || !r->title)
            continue;
        double idf = 0;
        if (r->fts) {
            idf = log(((double)x->nrow - (double)r->df + 0.5) /
                      ((double)r->df + 0.5));
            idf = idf > 1e-6 ? idf : 1e-6; /* as FTS5's bm25 */
        }
        for (size_t k = 0; k < nh; k++) {
            size_t i = h[k].article;
            uint32_t t = r->title[i], b = r->body[i];
            double tf = INDEX_QUERY_TITLE_WEIGHT * t + b;
            h[k].count += t + b;
            h[k].in_title += t;
            h[k].score += idf * tf * (k1 + 1) / (tf + k1);
        }
    }
}

/* Mentions of the positive entities: the entity's articles and the hits
 * are both in article order, so one merge walk each. */
static void rank_entities(iq *x, search_hit *h, size_t nh, bool words)
{
    const entity_table *t = store_entities(x->s);
    for (size_t l = 0; l < query_nleaves(x->q); l++) {
        const query_node *lf = query_leaf(x->q, l);
        if (lf->kind != QUERY_ENTITY || !lf->positive)
            continue;
        long id = entity_lookup(t, lf->text, lf->len);
        size_t n = 0, k = 0;
        const entity_tally *a =
            id >= 0 ? entity_articles(t, (uint32_t)id, &n) : NULL;
        for (size_t i = 0; i < n && k < nh; i++) {
            while (k < nh && h[k].article < a[i].id)
                k++;
            if (k == nh || h[k].article != a[i].id)
                continue;
            h[k].count += a[i].count;
            if (!words)
                h[k].score += a[i].count;
        }
    }
}

static void plan_all(iq *x)
{
    size_t nl = query_nleaves(x->q);
    x->lr = lede_calloc(nl ? nl : 1, sizeof *x->lr);
    for (size_t l = 0; l < nl; l++) {
        const query_node *lf = query_leaf(x->q, l);
        if (lf->kind != QUERY_TEXT)
            continue;
        leaf_run *r = &x->lr[l];
        plan_leaf(lf, r);
        if (lf->positive) {
            r->title = lede_calloc(x->n ? x->n : 1, sizeof *r->title);
            r->body = lede_calloc(x->n ? x->n : 1, sizeof *r->body);
            if (!r->count_exact)
                r->done = bits_new(x);
        }
    }
}

static void free_all(iq *x)
{
    for (size_t l = 0; l < query_nleaves(x->q); l++) {
        free(x->lr[l].rows);
        free(x->lr[l].title);
        free(x->lr[l].body);
        free(x->lr[l].done);
    }
    free(x->lr);
    sqlite3_finalize(x->collect);
}

search_hit *index_query_run(sqlite3 *db, const query *q,
                            const struct store *s, index_query_map_fn map,
                            void *ctx, size_t *n, char *err, size_t errlen)
{
    iq x = {db, q, s, map, ctx, store_count(s), 0, NULL, 0, NULL, false,
            err, errlen, false};
    x.words = (x.n + 63) / 64;
    *n = 0;
    /* One read transaction for the whole query: candidates' texts are
     * read one statement each, and every statement on its own would take
     * and drop the database's locks. It ends with the query, so it holds
     * up no checkpoint for long. */
    bool txn = sqlite3_get_autocommit(db) &&
               sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    /* nothing pending on db (no write transaction of its own), and one
     * snapshot: the doclists can be read as they are on disk */
    x.direct = txn && !getenv("LEDE_FTS5_QUERY");
    plan_all(&x);
    uint64_t *b = eval(&x, query_root(q), NULL);
    search_hit *h = NULL;
    size_t nh = 0;
    if (!x.failed) {
        for (size_t w = 0; w < x.words; w++)
            nh += (size_t)__builtin_popcountll(b[w]);
        h = big_alloc(nh * sizeof *h);
        size_t k = 0;
        for (size_t w = 0; w < x.words; w++)
            for (uint64_t m = b[w]; m; m &= m - 1)
                h[k++] = (search_hit){
                    (uint32_t)(w * 64 + (size_t)__builtin_ctzll(m)), 0, 0, 0};
        bool words = query_has_words(q);
        count_rest(&x, h, nh);
        rank_words(&x, h, nh);
        rank_entities(&x, h, nh, words);
    }
    free(b);
    free_all(&x);
    if (txn)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (x.failed) {
        free(h);
        return NULL;
    }
    h = sort_hits(h, nh);
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
