/* index_fts.c: the 'lede' FTS5 tokenizer and the lede_hits() function.
 *
 * Words are cut where search_is_word would cut them and folded with
 * text_fold, so an index lookup and the reader's matcher agree on what
 * "the same word" is. ASCII bytes are classed without decoding, and
 * ASCII words skip utf8proc.
 *
 * A document may come pre-tokenized (index_fts_stream, made on a worker
 * thread so that the single writer does not tokenize): the tokenizer
 * then only splits it. The tokens, and so the positions, are the same
 * as for the text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "index_fts.h"
#include "text.h"
#include "util.h"

/* Letters, digits and combining marks make up words (as in search.c). */
static bool word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return true;
    default:
        return text_is_letter(cp);
    }
}

/* Fold word w[0..n) into *buf; returns the folded length. */
static size_t fold_word(const char *w, size_t n, bool ascii,
                        text_fold_buf *fb, char **buf, size_t *cap)
{
    if (!ascii) {
        text_fold(w, n, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, fb);
        LEDE_GROW(*buf, *cap, fb->len + 1);
        memcpy(*buf, fb->s, fb->len);
        return fb->len;
    }
    LEDE_GROW(*buf, *cap, n + 1);
    for (size_t i = 0; i < n; i++)
        (*buf)[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    return n;
}

static inline bool ascii_word(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

/* The rest of a word from text[i] on, the slow way (decoding each code
 * point): *i moves past it. cp is the word's first code point (an
 * ideograph or kana is a word on its own); false when a non-ASCII code
 * point was met. */
static bool word_rest(const char *text, size_t len, size_t *i, int32_t cp,
                      bool ascii)
{
    size_t k;
    while (!text_is_cjk_break(cp) && *i < len) {
        int32_t c2 = text_decode(text + *i, len - *i, &k);
        if (!word_cp(c2) || text_is_cjk_break(c2))
            break;
        ascii &= c2 < 0x80;
        *i += k;
    }
    return ascii;
}

int index_fts_tokens(const char *text, size_t len, index_fts_token_fn fn,
                     void *ctx)
{
    const unsigned char *u = (const unsigned char *)text;
    text_fold_buf fb = {0};
    char *buf = NULL;
    size_t cap = 0, i = 0;
    int rc = 0;
    while (i < len && rc == 0) {
        size_t start = i;
        bool ascii;
        if (u[i] < 0x80) {
            /* the fast path: ASCII bytes are classed without decoding */
            if (!ascii_word(u[i])) {
                i++;
                continue;
            }
            while (i < len && u[i] < 0x80 && ascii_word(u[i]))
                i++;
            ascii = i == len || u[i] < 0x80 ||
                    word_rest(text, len, &i, 'a', true);
        } else {
            size_t k;
            int32_t cp = text_decode(text + i, len - i, &k);
            if (!word_cp(cp)) {
                i += k;
                continue;
            }
            i += k;
            ascii = word_rest(text, len, &i, cp, false);
        }
        size_t n = fold_word(text + start, i - start, ascii, &fb, &buf, &cap);
        if (n)
            rc = fn(ctx, buf, n, start, i);
    }
    text_fold_fini(&fb);
    free(buf);
    return rc;
}

/* ---- pre-tokenized text ------------------------------------------------ */

typedef struct stream_out {
    char **buf;
    size_t *len, *cap;
    index_fts_word_fn word;
    void *wctx;
} stream_out;

static int put_tok(void *ctx, const char *tok, size_t n, size_t start,
                   size_t end)
{
    stream_out *o = ctx;
    LEDE_GROW(*o->buf, *o->cap, *o->len + n + 2);
    memcpy(*o->buf + *o->len, tok, n);
    *o->len += n;
    (*o->buf)[(*o->len)++] = INDEX_FTS_MARK;
    (*o->buf)[*o->len] = '\0';
    if (o->word)
        o->word(o->wctx, tok, n, start, end);
    return 0;
}

void index_fts_stream_words(const char *text, size_t tlen, char **buf,
                            size_t *len, size_t *cap, index_fts_word_fn word,
                            void *ctx)
{
    if (*len == 0) {
        LEDE_GROW(*buf, *cap, 2);
        (*buf)[(*len)++] = INDEX_FTS_MARK;
        (*buf)[*len] = '\0';
    }
    stream_out o = {buf, len, cap, word, ctx};
    index_fts_tokens(text, tlen, put_tok, &o);
}

void index_fts_stream(const char *text, size_t tlen, char **buf, size_t *len,
                      size_t *cap)
{
    index_fts_stream_words(text, tlen, buf, len, cap, NULL, NULL);
}

/* Split a stream back into its tokens. */
static int split_stream(const char *s, size_t len, index_fts_token_fn fn,
                        void *ctx)
{
    size_t i = 1; /* past the mark */
    int rc = 0;
    while (i < len && rc == 0) {
        const char *e = memchr(s + i, INDEX_FTS_MARK, len - i);
        size_t end = e ? (size_t)(e - s) : len;
        if (end > i)
            rc = fn(ctx, s + i, end - i, i, end);
        i = end + 1;
    }
    return rc;
}

/* ---- SQLite glue --------------------------------------------------------- */

typedef struct tok_call {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
} tok_call;

static int emit(void *ctx, const char *tok, size_t n, size_t start,
                size_t end)
{
    tok_call *c = ctx;
    return c->xToken(c->ctx, 0, tok, (int)n, (int)start, (int)end);
}

static int tk_create(void *ud, const char **argv, int argc,
                     Fts5Tokenizer **out)
{
    (void)ud;
    (void)argv;
    if (argc > 0)
        return SQLITE_ERROR; /* 'lede' takes no options */
    static int dummy;
    *out = (Fts5Tokenizer *)&dummy;
    return SQLITE_OK;
}

static void tk_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static int tk_tokenize(Fts5Tokenizer *t, void *ctx, int flags,
                       const char *text, int len,
                       int (*xToken)(void *, int, const char *, int, int,
                                     int))
{
    (void)t;
    tok_call c = {ctx, xToken};
    size_t n = len > 0 ? (size_t)len : 0;
    /* only a document may come pre-tokenized: a query is always text */
    if (flags == FTS5_TOKENIZE_DOCUMENT && n && text[0] == INDEX_FTS_MARK)
        return split_stream(text, n, emit, &c);
    return index_fts_tokens(text, n, emit, &c);
}

/* lede_hits(fts[, col]): matches of the query's phrases in this row (in
 * column col only when given: 0 the title). */
static void fn_hits(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    int n = 0, rc = api->xInstCount(fts, &n);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (nval > 0) {
        int want = sqlite3_value_int(val[0]), k = 0;
        for (int i = 0; i < n; i++) {
            int phrase, col, off;
            if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK &&
                col == want)
                k++;
        }
        n = k;
    }
    sqlite3_result_int(ctx, n);
}

/* lede_rank(fts, title_weight): BM25 without document-length
 * normalisation (b = 0), a headline match counting title_weight body
 * matches. The built-in bm25() looks up every row's column sizes, which
 * costs more than the rest of a common word's query together; the
 * phrases' IDF is computed once per query (aux data). Higher is better. */
typedef struct rank_data {
    int nphrase;
    double *idf, *tf;
} rank_data;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ud)
{
    (void)api;
    (void)fts;
    ++*(sqlite3_int64 *)ud;
    return SQLITE_OK;
}

static rank_data *rank_setup(const Fts5ExtensionApi *api, Fts5Context *fts,
                             int *rc)
{
    int np = api->xPhraseCount(fts);
    rank_data *d = sqlite3_malloc64(sizeof *d + 2 * (size_t)(np + 1) *
                                                    sizeof(double));
    if (!d) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    d->nphrase = np;
    d->idf = (double *)(d + 1);
    d->tf = d->idf + np + 1;
    sqlite3_int64 nrow = 0;
    *rc = api->xRowCount(fts, &nrow);
    for (int p = 0; p < np && *rc == SQLITE_OK; p++) {
        sqlite3_int64 hits = 0;
        *rc = api->xQueryPhrase(fts, p, &hits, count_row);
        double idf = log(((double)nrow - (double)hits + 0.5) /
                         ((double)hits + 0.5));
        d->idf[p] = idf > 1e-6 ? idf : 1e-6; /* as FTS5's bm25 */
    }
    if (*rc == SQLITE_OK)
        *rc = api->xSetAuxdata(fts, d, sqlite3_free);
    else
        sqlite3_free(d);
    return *rc == SQLITE_OK ? d : NULL;
}

static void fn_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    const double k1 = 1.2;
    double wtitle = nval > 0 ? sqlite3_value_double(val[0]) : 1.0;
    int rc = SQLITE_OK, n = 0;
    rank_data *d = api->xGetAuxdata(fts, 0);
    if (!d)
        d = rank_setup(api, fts, &rc);
    if (d)
        rc = api->xInstCount(fts, &n);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (int p = 0; p < d->nphrase; p++)
        d->tf[p] = 0;
    for (int i = 0; i < n; i++) {
        int phrase, col, off;
        if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK &&
            phrase >= 0 && phrase < d->nphrase)
            d->tf[phrase] += col == 0 ? wtitle : 1.0;
    }
    double score = 0;
    for (int p = 0; p < d->nphrase; p++)
        score += d->idf[p] * d->tf[p] * (k1 + 1) / (d->tf[p] + k1);
    sqlite3_result_double(ctx, score);
}

static fts5_api *fts5_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

int index_fts_register(sqlite3 *db)
{
    static fts5_tokenizer tk = {tk_create, tk_delete, tk_tokenize};
    fts5_api *api = fts5_of(db);
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    int rc = api->xCreateTokenizer(api, "lede", NULL, &tk, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "lede_hits", NULL, fn_hits, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "lede_rank", NULL, fn_rank, NULL);
    return rc;
}
