/* index_fts.c: the 'lede' FTS5 tokenizer and the lede_hits() function.
 *
 * Words are cut where search_is_word would cut them and folded with
 * text_fold, so an index lookup and the reader's matcher agree on what
 * "the same word" is. ASCII bytes are classed without decoding, and
 * ASCII words skip utf8proc.
 *
 * Two more kinds of token make a lookup exact where lede's matcher is
 * stricter than the folded words (index_fts.h): a word with a capital
 * also gets its case-preserved form, at the same position; and two words
 * not joined by one space or newline of one paragraph get a separator
 * token between them, so an FTS5 phrase matches only where lede's phrase
 * would.
 *
 * A document may come pre-tokenized (index_fts_stream, made on a worker
 * thread so that the single writer does not tokenize): the tokenizer
 * then only splits it. The tokens, and so the positions, are the same
 * as for the text. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "index_fts.h"
#include "story.h"
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

/* ---- words, case forms and separators ------------------------------------ */

struct rich {
    const char *text;
    index_fts_token_fn fn;
    void *ctx;
    unsigned mode;
    bool prev;        /* a word was emitted before */
    bool boundary;    /* the next word starts a new paragraph */
    size_t prev_end;
    text_fold_buf fb;
    char *cbuf;       /* the case form, after its prefix */
    size_t ccap;
};

enum { RICH_CASE_COLOC = 1, RICH_CASE_ONLY = 2 };

/* True when word w[0..n) has a capital (Lu or Lt, as smart case). */
static bool word_upper(const char *w, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            return true;
        ascii &= c < 0x80;
    }
    return !ascii && text_has_upper(w, n);
}

/* INDEX_FTS_CASE and the word with accents folded, case kept. */
static size_t case_form(struct rich *r, const char *w, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)w[i] < 0x80;
    if (!ascii) {
        text_fold(w, n, TEXT_FOLD_ACCENTS, &r->fb);
        w = r->fb.s;
        n = r->fb.len;
    }
    LEDE_GROW(r->cbuf, r->ccap, n + 2);
    r->cbuf[0] = INDEX_FTS_CASE;
    memcpy(r->cbuf + 1, w, n);
    return n + 1;
}

static int rich_tok(void *ctx, const char *tok, size_t n, size_t start,
                    size_t end)
{
    struct rich *r = ctx;
    int rc = 0;
    static const char sep[1] = {INDEX_FTS_SEP};
    /* joined: one space or newline of the same paragraph, or nothing
     * (an ideograph next to a word) */
    size_t gap = start - r->prev_end;
    bool joined = !r->boundary &&
                  (gap == 0 || (gap == 1 && (r->text[r->prev_end] == ' ' ||
                                             r->text[r->prev_end] == '\n')));
    if (r->prev && !joined)
        rc = r->fn(r->ctx, sep, 1, r->prev_end, start);
    r->prev = true;
    r->boundary = false;
    r->prev_end = end;
    const char *w = r->text + start;
    bool up = rc == 0 && r->mode && word_upper(w, end - start);
    if (rc == 0 && !(up && (r->mode & RICH_CASE_ONLY)))
        rc = r->fn(r->ctx, tok, n, start, end);
    if (up && rc == 0) {
        size_t k = case_form(r, w, end - start);
        rc = r->fn(r->ctx, r->cbuf, k, start, end);
    }
    return rc;
}

/* The tokens of text with separators between words that are not joined;
 * mode: the case forms colocated after the folded word (a document), in
 * its place (a query under smart case), or none. *prev: a word came
 * before (in an earlier paragraph: a separator goes first); set on
 * return. */
static int rich_tokens(const char *text, size_t len, unsigned mode,
                       bool *prev, index_fts_token_fn fn, void *ctx)
{
    struct rich r = {text, fn, ctx, mode, *prev, *prev, 0, {0}, NULL, 0};
    int rc = index_fts_tokens(text, len, rich_tok, &r);
    *prev = r.prev;
    text_fold_fini(&r.fb);
    free(r.cbuf);
    return rc;
}

int index_fts_query_tokens(const char *text, size_t len, bool keep_case,
                           index_fts_token_fn fn, void *ctx)
{
    bool prev = false;
    return rich_tokens(text, len, keep_case ? RICH_CASE_ONLY : 0, &prev, fn,
                       ctx);
}

/* ---- pre-tokenized text ------------------------------------------------ */

/* The stream a token at a time. A document's words are cut, folded and
 * written here in one pass where index_fts_tokens and rich_tok would
 * give the same tokens (test_index checks it: the stream against the
 * tokenizer's own tokens of the text, the print against
 * story_print_article): an ASCII word is lowercased, checked for a
 * capital and hashed for the print in one loop, straight into the
 * stream, without the copies and callbacks of the general path (on a
 * first index of 100,000 articles those were 13% of the CPU). */

/* The class of a byte for the stream's fast path: BC_WORD an ASCII
 * letter or digit (BC_UP with it: a capital), BC_WIDE a byte of a
 * character that is not ASCII, 0 anything else. */
enum { BC_WORD = 1, BC_UP = 2, BC_WIDE = 4 };
static const unsigned char byte_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* A token's length in the stream (LEB128); returns its bytes (at most
 * 5: a token is shorter than 2^32 bytes, a cleaned text being so). */
static inline size_t put_len(char *o, size_t n)
{
    size_t k = 0;
    while (n >= 0x80) {
        o[k++] = (char)(n | 0x80);
        n >>= 7;
    }
    o[k++] = (char)n;
    return k;
}

static void put_sep(char **buf, size_t *len, size_t *cap)
{
    LEDE_GROW(*buf, *cap, *len + 3);
    (*buf)[(*len)++] = 1;
    (*buf)[(*len)++] = INDEX_FTS_SEP;
}

/* A folded token tok[0..n). */
static void put_folded(char **buf, size_t *len, size_t *cap, const char *tok,
                       size_t n)
{
    LEDE_GROW(*buf, *cap, *len + n + 7);
    *len += put_len(*buf + *len, n);
    memcpy(*buf + *len, tok, n);
    *len += n;
}

/* A case form: INDEX_FTS_CASE, then w[0..n). */
static void put_case(char **buf, size_t *len, size_t *cap, const char *w,
                     size_t n)
{
    LEDE_GROW(*buf, *cap, *len + n + 8);
    *len += put_len(*buf + *len, n + 1);
    char *o = *buf + *len;
    o[0] = INDEX_FTS_CASE;
    memcpy(o + 1, w, n);
    *len += n + 1;
}

/* An ASCII word w[0..n), with a capital when up: its folded token
 * (lowercased) and then its case form (the word itself). Returns the
 * print's hash of the folded word (story_word_hash) when hash is asked
 * for, else 0. */
static uint64_t put_ascii(char **buf, size_t *len, size_t *cap,
                          const unsigned char *w, size_t n, bool up,
                          bool hash)
{
    LEDE_GROW(*buf, *cap, *len + 2 * n + 14);
    *len += put_len(*buf + *len, n);
    char *o = *buf + *len;
    if (up) {
        for (size_t k = 0; k < n; k++)
            o[k] = (char)(w[k] | ((unsigned)(w[k] - 'A') < 26) << 5);
    } else {
        memcpy(o, w, n);
    }
    uint64_t h = LEDE_HASH64_INIT;
    if (hash) {
        for (size_t k = 0; k < n; k++)
            h = lede_hash64_byte(h, (unsigned char)o[k]);
    }
    *len += n;
    if (up) {
        *len += put_len(*buf + *len, n + 1);
        o = *buf + *len;
        o[0] = INDEX_FTS_CASE;
        memcpy(o + 1, w, n);
        *len += n + 1;
    }
    return hash ? lede_hash64_end(h) : 0;
}

void index_fts_stream_print(const char *text, size_t tlen, char **buf,
                            size_t *len, size_t *cap, story_build *sb)
{
    const unsigned char *u = (const unsigned char *)text;
    if (*len == 0) {
        LEDE_GROW(*buf, *cap, 2);
        (*buf)[(*len)++] = INDEX_FTS_MARK;
    }
    /* a word of an earlier paragraph: a separator goes first */
    bool prev = *len > 1, boundary = prev;
    /* wide: text skipped since the last token has a byte that is not
     * ASCII, so the print may find words in it (story_build_words) */
    bool wide = false;
    size_t at = 0, i = 0; /* at: the end of the last token's word */
    text_fold_buf fb = {0};
    while (i < tlen) {
        unsigned cl = byte_class[u[i]], up = 0;
        if (!cl) {
            i++;
            continue;
        }
        size_t start = i;
        bool ascii = true;
        if (!(cl & BC_WIDE)) {
            do {
                up |= cl;
                i++;
            } while (i < tlen && ((cl = byte_class[u[i]]) & BC_WORD));
            if (i < tlen && (cl & BC_WIDE))
                ascii = word_rest(text, tlen, &i, 'a', true);
        } else {
            size_t k;
            int32_t cp = text_decode(text + i, tlen - i, &k);
            i += k;
            if (!word_cp(cp)) {
                wide = true;
                continue;
            }
            ascii = word_rest(text, tlen, &i, cp, false);
        }
        size_t n = i - start;
        if (!ascii) {
            text_fold(text + start, n, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS,
                      &fb);
            if (!fb.len) { /* folded to nothing: no token */
                wide = true;
                continue;
            }
        }
        /* joined: one space or newline of the same paragraph, or nothing
         * (as rich_tok) */
        size_t gap = start - at;
        bool joined = !boundary &&
                      (gap == 0 || (gap == 1 && (u[at] == ' ' ||
                                                 u[at] == '\n')));
        if (prev && !joined)
            put_sep(buf, len, cap);
        prev = true;
        boundary = false;
        if (sb && wide)
            story_build_words(sb, text + at, start - at);
        wide = false;
        if (ascii) {
            uint64_t h = put_ascii(buf, len, cap, u + start, n, up & BC_UP,
                                   sb != NULL);
            if (sb)
                story_build_word(sb, h);
        } else {
            put_folded(buf, len, cap, fb.s, fb.len);
            if (sb)
                story_build_words(sb, text + start, n);
            if (word_upper(text + start, n)) {
                text_fold(text + start, n, TEXT_FOLD_ACCENTS, &fb);
                put_case(buf, len, cap, fb.s, fb.len);
            }
        }
        at = i;
    }
    if (sb && wide)
        story_build_words(sb, text + at, tlen - at);
    LEDE_GROW(*buf, *cap, *len + 1);
    (*buf)[*len] = '\0';
    text_fold_fini(&fb);
}

void index_fts_stream(const char *text, size_t tlen, char **buf, size_t *len,
                      size_t *cap)
{
    index_fts_stream_print(text, tlen, buf, len, cap, NULL);
}

/* ---- SQLite glue --------------------------------------------------------- */

typedef struct tok_call {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
} tok_call;

/* A document's token: a case form shares the position of its word. */
static int emit(void *ctx, const char *tok, size_t n, size_t start,
                size_t end)
{
    tok_call *c = ctx;
    int flags = n && tok[0] == INDEX_FTS_CASE ? FTS5_TOKEN_COLOCATED : 0;
    return c->xToken(c->ctx, flags, tok, (int)n, (int)start, (int)end);
}

/* A query's token: each has a position of its own (a colocated token in
 * a query would be a synonym of the one before). */
static int emit_query(void *ctx, const char *tok, size_t n, size_t start,
                      size_t end)
{
    tok_call *c = ctx;
    return c->xToken(c->ctx, 0, tok, (int)n, (int)start, (int)end);
}

/* A document's stream split back into its tokens, straight to FTS5: the
 * writer's loop over every token of the set, each found by its length.
 * A case form shares the position of its word. */
static int split_stream(const char *s, size_t len, const tok_call *c)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 1; /* past the mark */
    int rc = 0;
    while (i < len && rc == 0) {
        size_t n = 0;
        for (int sh = 0; i < len && sh < 35; sh += 7) {
            unsigned char b = u[i++];
            n |= (size_t)(b & 0x7f) << sh;
            if (!(b & 0x80))
                break;
        }
        if (n > len - i)
            n = len - i; /* never past the end */
        if (n) {
            int flags = u[i] == INDEX_FTS_CASE ? FTS5_TOKEN_COLOCATED : 0;
            rc = c->xToken(c->ctx, flags, s + i, (int)n, (int)i,
                           (int)(i + n));
        }
        i += n;
    }
    return rc;
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
    /* only a document may come pre-tokenized: a query is always text,
     * its case forms asked for by a leading INDEX_FTS_CASE */
    bool prev = false;
    if (flags == FTS5_TOKENIZE_DOCUMENT && n && text[0] == INDEX_FTS_MARK)
        return split_stream(text, n, &c);
    if (flags & FTS5_TOKENIZE_QUERY) {
        bool keep = n && text[0] == INDEX_FTS_CASE;
        return rich_tokens(text + keep, n - keep,
                           keep ? RICH_CASE_ONLY : 0, &prev, emit_query, &c);
    }
    return rich_tokens(text, n, RICH_CASE_COLOC, &prev, emit, &c);
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

/* One row of a collection: its article into the bitmap, with phrase 0's
 * matches in the headline and the body when they are asked for. */
static int collect_row(const Fts5ExtensionApi *api, Fts5Context *fts,
                       void *ud)
{
    index_fts_collect *c = ud;
    c->rows++;
    long i = c->map(c->ctx, api->xRowid(fts));
    if (i < 0 || (size_t)i >= c->n)
        return SQLITE_OK;
    c->bits[(size_t)i / 64] |= (uint64_t)1 << ((size_t)i % 64);
    if (!c->title || (c->mask && !(c->mask[i / 64] >> (i % 64) & 1)))
        return SQLITE_OK;
    Fts5PhraseIter it;
    int col = -1, off = 0;
    uint32_t t = 0, b = 0;
    int rc = api->xPhraseFirst(fts, 0, &it, &col, &off);
    for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &off))
        *(col == 0 ? &t : &b) += 1;
    c->title[i] = t;
    c->body[i] = b;
    return rc;
}

/* lede_collect(fts, collector), on the first row of a MATCH of one
 * phrase (a column filter allowed): every row of that phrase into the
 * collector, through xQueryPhrase, which walks the rows inside FTS5; a
 * row at a time through SQL cost more than the walk itself (at
 * 1,000,000 articles, 458,774 rows of "aleppo" 17 ms by count(*), 53 ms
 * with a function per row). */
static void fn_collect(const Fts5ExtensionApi *api, Fts5Context *fts,
                       sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    index_fts_collect *c =
        nval > 0 ? sqlite3_value_pointer(val[0], INDEX_FTS_COLLECT) : NULL;
    if (!c) {
        sqlite3_result_error(ctx, "lede_collect: no collector", -1);
        return;
    }
    sqlite3_int64 nrow = 0;
    int rc = api->xRowCount(fts, &nrow);
    c->nrow = nrow;
    if (rc == SQLITE_OK && api->xPhraseCount(fts) != 1)
        rc = SQLITE_MISUSE;
    if (rc == SQLITE_OK)
        rc = api->xQueryPhrase(fts, 0, c, collect_row);
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else
        sqlite3_result_int64(ctx, c->rows);
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
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "lede_collect", NULL, fn_collect,
                                  NULL);
    return rc;
}
