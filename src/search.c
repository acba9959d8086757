/* search.c: literal and regex matching over folded text, corpus ranking.
 *
 * Case and accent insensitivity are done by folding both the pattern and
 * the text with text_fold and searching the folded bytes; matches are
 * mapped back through the fold's byte map. So a literal and a regular
 * expression agree on what "insensitive" means ("straße" = "STRASSE"). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* Bounds on backtracking so a pathological pattern ("(a+)+$") returns
 * within a fraction of a second instead of hanging the reader. */
#define SEARCH_MATCH_LIMIT 2000000u
#define SEARCH_DEPTH_LIMIT 100000u

/* Mutable state a const query needs while searching: reused buffers, so
 * a search allocates only when a block is larger than any before. */
typedef struct search_scratch {
    text_fold_buf fb;
    char err[96];
} search_scratch;

struct search_query {
    unsigned flags;
    unsigned fold;        /* TEXT_FOLD_* applied to the searched text */
    char *lit;            /* literal pattern, cleaned and folded */
    size_t litlen;
    pcre2_code *re;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit;
    search_scratch *scr;
};

/* ---- pattern analysis ------------------------------------------------ */

/* Length of the escape sequence at p[0] == '\\' in a regex: the backslash,
 * the next character and a braced argument (\p{Lu}, \x{41}, \g{name}). */
static size_t escape_len(const char *p, size_t len)
{
    if (len < 2)
        return len;
    size_t n = 1;
    text_decode(p + 1, len - 1, &n);
    n += 1;
    if (n < len && p[n] == '{' && strchr("pPxNgko", p[1])) {
        const char *close = memchr(p + n, '}', len - n);
        if (close)
            n = (size_t)(close - p) + 1;
    }
    return n;
}

/* True at "(?<name>", "(?'name'" or "(?P<name>" (not at a lookbehind
 * "(?<=" or "(?<!"). */
static bool group_name_at(const char *p, size_t len)
{
    if (len < 4 || p[0] != '(' || p[1] != '?')
        return false;
    size_t k = p[2] == 'P' ? 3 : 2;
    if (k + 1 >= len || (p[k] != '<' && p[k] != '\''))
        return false;
    return p[k + 1] != '=' && p[k + 1] != '!';
}

/* The literal characters of a regex (escapes and group names left out),
 * so "\S+" or "(?<Name>x)" do not count as uppercase for smart case. */
static char *regex_literals(const char *p, size_t len, size_t *outlen)
{
    char *o = lede_malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        if (i + 1 < len && p[i] == '\\' && p[i + 1] == 'Q') {
            const char *e = strstr(p + i + 2, "\\E"); /* \Q...\E: literal */
            size_t stop = e ? (size_t)(e - p) : len;
            memcpy(o + n, p + i + 2, stop - i - 2);
            n += stop - i - 2;
            i = e ? stop + 2 : len;
        } else if (p[i] == '\\') {
            i += escape_len(p + i, len - i);
        } else if (group_name_at(p + i, len - i)) {
            const char *end = p + i + 3;
            while (end < p + len && *end != '>' && *end != '\'')
                end++;
            i = (size_t)(end - p);
        } else {
            o[n++] = p[i++];
        }
    }
    o[n] = '\0';
    *outlen = n;
    return o;
}

/* Which folding the text needs for this pattern: case unless the pattern
 * has an uppercase letter (or a flag says otherwise), accents unless the
 * pattern has one. */
static unsigned choose_fold(const char *p, size_t len, unsigned flags)
{
    size_t n;
    char *lits = flags & SEARCH_REGEX ? regex_literals(p, len, &n)
                                      : lede_strndup(p, n = len);
    unsigned fold = 0;
    if (flags & SEARCH_IGNORE_CASE)
        fold |= TEXT_FOLD_CASE;
    else if (!(flags & SEARCH_MATCH_CASE) && !text_has_upper(lits, n))
        fold |= TEXT_FOLD_CASE;
    if (!text_has_accent(lits, n))
        fold |= TEXT_FOLD_ACCENTS;
    free(lits);
    return fold;
}

/* ---- compiling ------------------------------------------------------- */

/* A rewritten pattern with, for each byte, the offset in the user's
 * pattern it came from (to report errors where the user typed them). */
typedef struct pat_buf {
    char *s;
    size_t n, cap;
    uint32_t *orig;
    size_t ocap;
} pat_buf;

static void append(pat_buf *b, const char *s, size_t n, size_t from)
{
    LEDE_GROW(b->s, b->cap, b->n + n + 1);
    LEDE_GROW(b->orig, b->ocap, b->n + n + 1);
    memcpy(b->s + b->n, s, n);
    for (size_t i = 0; i <= n; i++)
        b->orig[b->n + i] = (uint32_t)from;
    b->n += n;
    b->s[b->n] = '\0';
}

/* Append the folded form of one literal character. A character folding
 * to several ("ß" -> "ss") becomes a group, so "ß+" still means one or
 * more of it. */
static void append_folded(pat_buf *b, const char *c, size_t k, size_t from,
                          unsigned fold, text_fold_buf *fb)
{
    text_fold(c, k, fold, fb);
    size_t ncp = 0;
    for (size_t j = 0; j < fb->len; j++)
        ncp += ((unsigned char)fb->s[j] & 0xC0) != 0x80;
    if (ncp > 1)
        append(b, "(?:", 3, from);
    append(b, fb->s, fb->len, from);
    if (ncp > 1)
        append(b, ")", 1, from);
}

/* Fold the literal characters of a regex outside character classes the
 * same way the text is folded, so "straße" finds the folded "strasse". */
static void regex_fold(const char *p, size_t len, unsigned fold, pat_buf *b)
{
    text_fold_buf fb = {0};
    bool in_class = false, in_quote = false;
    append(b, "", 0, 0);
    for (size_t i = 0; i < len;) {
        size_t k = 1;
        if (in_quote && (unsigned char)p[i] >= 0x80) {
            /* Step out of \Q...\E for the folded form, which may be a
             * group. */
            text_decode(p + i, len - i, &k);
            append(b, "\\E", 2, i);
            append_folded(b, p + i, k, i, fold, &fb);
            append(b, "\\Q", 2, i);
            i += k;
            continue;
        } else if (in_quote) {
            k = i + 1 < len && p[i] == '\\' && p[i + 1] == 'E' ? 2 : 1;
            in_quote = k == 1;
        } else if (!in_class && i + 1 < len && p[i] == '\\' &&
                   p[i + 1] == 'Q') {
            k = 2;
            in_quote = true;
        } else if (p[i] == '\\') {
            k = escape_len(p + i, len - i);
        } else if (!in_class && p[i] == '[') {
            in_class = true;
            k += i + k < len && p[i + k] == '^';
            k += i + k < len && p[i + k] == ']';
        } else if (in_class && p[i] == ']') {
            in_class = false;
        } else if (!in_class && (unsigned char)p[i] >= 0x80) {
            text_decode(p + i, len - i, &k);
            append_folded(b, p + i, k, i, fold, &fb);
            i += k;
            continue;
        }
        append(b, p + i, k, i);
        i += k;
    }
    b->orig[b->n] = (uint32_t)len;
    text_fold_fini(&fb);
}

/* "missing closing parenthesis at 4": the position counted in characters
 * of the user's pattern, from 0, as a cursor would show it. */
static void regex_error(int code, const char *p, size_t byte, char *err,
                        size_t errlen)
{
    char msg[160];
    size_t chars = 0;
    pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
    for (size_t i = 0; i < byte && p[i]; i++)
        chars += ((unsigned char)p[i] & 0xC0) != 0x80;
    if (err && errlen)
        snprintf(err, errlen, "%s at %zu", msg, chars);
}

static void regex_setup_match(search_query *q)
{
    pcre2_jit_compile(q->re, PCRE2_JIT_COMPLETE); /* interpreter if not */
    q->md = pcre2_match_data_create_from_pattern(q->re, NULL);
    q->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(q->mctx, SEARCH_MATCH_LIMIT);
    pcre2_set_depth_limit(q->mctx, SEARCH_DEPTH_LIMIT);
    q->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (q->jit)
        pcre2_jit_stack_assign(q->mctx, NULL, q->jit);
}

static bool compile_regex(search_query *q, const char *p, char *err,
                          size_t errlen)
{
    uint32_t opts = PCRE2_UTF | PCRE2_UCP;
    pat_buf src = {0};
    if (q->fold & TEXT_FOLD_CASE)
        opts |= PCRE2_CASELESS;
    if (q->fold)
        regex_fold(p, strlen(p), q->fold, &src);
    int code;
    PCRE2_SIZE at;
    q->re = pcre2_compile((PCRE2_SPTR)(src.s ? src.s : p),
                          PCRE2_ZERO_TERMINATED, opts, &code, &at, NULL);
    if (!q->re)
        regex_error(code, p, src.s ? src.orig[at <= src.n ? at : src.n] : at,
                    err, errlen);
    free(src.s);
    free(src.orig);
    if (!q->re)
        return false;
    regex_setup_match(q);
    return true;
}

search_query *search_compile(const char *pattern, unsigned flags, char *err,
                             size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    text_buf clean = {0};
    text_clean(pattern ? pattern : "", pattern ? strlen(pattern) : 0,
               &clean);
    if (clean.len == 0) {
        if (err && errlen)
            snprintf(err, errlen, "empty pattern");
        text_buf_fini(&clean);
        return NULL;
    }
    search_query *q = lede_calloc(1, sizeof *q);
    q->flags = flags;
    q->scr = lede_calloc(1, sizeof *q->scr);
    q->fold = choose_fold(clean.data, clean.len, flags);
    if (flags & SEARCH_REGEX) {
        if (!compile_regex(q, clean.data, err, errlen)) {
            text_buf_fini(&clean);
            search_free(q);
            return NULL;
        }
    } else {
        text_fold(clean.data, clean.len, q->fold, &q->scr->fb);
        q->lit = lede_strndup(q->scr->fb.s, q->scr->fb.len);
        q->litlen = q->scr->fb.len;
        for (size_t i = 0; i < q->litlen; i++)
            if (q->lit[i] == '\n')
                q->lit[i] = ' ';
    }
    text_buf_fini(&clean);
    return q;
}

void search_free(search_query *q)
{
    if (!q)
        return;
    free(q->lit);
    pcre2_match_data_free(q->md);
    pcre2_match_context_free(q->mctx);
    pcre2_jit_stack_free(q->jit);
    pcre2_code_free(q->re);
    if (q->scr)
        text_fold_fini(&q->scr->fb);
    free(q->scr);
    free(q);
}

unsigned search_folding(const search_query *q)
{
    return q ? q->fold : 0;
}

const char *search_error(const search_query *q)
{
    return q && q->scr->err[0] ? q->scr->err : NULL;
}

/* ---- word and cluster boundaries ------------------------------------- */

/* Letters, digits and combining marks make up words. */
static bool is_word_cp(int32_t cp)
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

static size_t prev_char(const char *s, size_t at)
{
    while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
        ;
    return at;
}

static size_t next_char(const char *s, size_t len, size_t at)
{
    if (at >= len)
        return at + 1;
    while (++at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
        ;
    return at;
}

static int32_t cp_at(const char *s, size_t len, size_t at)
{
    size_t n;
    return text_decode(s + at, len - at, &n);
}

/* True when characters a then b belong to one word. Chinese and Japanese
 * put no spaces between words, so an ideograph or kana joins nothing:
 * "東京" is a word inside "東京都". */
static bool joined(int32_t a, int32_t b)
{
    return is_word_cp(a) && is_word_cp(b) && !text_is_cjk_break(a) &&
           !text_is_cjk_break(b);
}

bool search_is_word(const char *s, size_t len, size_t off, size_t mlen)
{
    size_t end = off + mlen;
    if (mlen == 0 || end > len)
        return false;
    if (off > 0 &&
        joined(cp_at(s, len, prev_char(s, off)), cp_at(s, len, off)))
        return false;
    if (end < len &&
        joined(cp_at(s, len, prev_char(s, end)), cp_at(s, len, end)))
        return false;
    return true;
}

/* The cluster of s[0..len) around byte p: *lo is the start of the
 * cluster containing p, *hi the end of the cluster containing p - 1 (so
 * [*lo, *hi) is [p, p) widened to whole clusters on both sides). */
static void cluster_around(const char *s, size_t len, size_t p, size_t *lo,
                           size_t *hi)
{
    *lo = *hi = p;
    if (p == 0 || p >= len)
        return;
    /* Between two ASCII characters there is always a break (no CR here). */
    if ((unsigned char)s[p] < 0x80 && (unsigned char)s[p - 1] < 0x80)
        return;
    /* Walk clusters from a nearby ASCII character (a cluster start in
     * cleaned text), at most 64 bytes back to stay local. */
    size_t q = prev_char(s, p);
    while (q > 0 && p - q < 64 && (unsigned char)s[q] >= 0x80)
        q = prev_char(s, q);
    while (q < p) {
        size_t n = text_cluster_len(s + q, len - q);
        if (n == 0)
            n = 1;
        if (q + n > p) {
            *lo = q;
            *hi = q + n;
            return;
        }
        q += n;
    }
}

/* ---- matching one block ---------------------------------------------- */

typedef struct block_out {
    search_match **out;
    size_t *cap;
    size_t n;      /* matches in *out */
    size_t first;  /* first match of the current block */
} block_out;

/* True when folded byte i begins the output of an original character. */
static bool fold_edge(const text_fold_buf *f, size_t i)
{
    return i == 0 || i >= f->len || f->map[i] != f->map[i - 1];
}

/* Record folded match [ms, me) of block s[0..len) at article offset
 * base. Returns false when it is no match for the user: it cuts a folded
 * character in two ("s" inside the "ss" of "ß") or, with SEARCH_WORD,
 * sits inside a word. */
static bool add_match(const search_query *q, const text_fold_buf *f,
                      const char *s, size_t len, size_t ms, size_t me,
                      uint32_t base, block_out *bo)
{
    uint32_t off = (uint32_t)ms, mlen = (uint32_t)(me - ms);
    if (f) {
        if (!fold_edge(f, ms) || !fold_edge(f, me))
            return false;
        text_fold_span(f, ms, me, &off, &mlen);
    }
    size_t lo, hi, lo2, hi2; /* start and end widened to clusters */
    cluster_around(s, len, off, &lo, &hi);
    cluster_around(s, len, off + mlen, &lo2, &hi2);
    size_t end = mlen ? hi2 : lo;
    if ((q->flags & SEARCH_WORD) && !search_is_word(s, len, lo, end - lo))
        return false;
    search_match m = {base + (uint32_t)lo, (uint32_t)(end - lo)};
    search_match *prev = bo->n > bo->first ? &(*bo->out)[bo->n - 1] : NULL;
    if (prev && m.len == 0 && prev->len == 0 && m.off == prev->off)
        return true; /* two empty matches inside one cluster */
    if (prev && m.off < prev->off + prev->len) {
        /* Widening to clusters made two matches touch one cluster. */
        if (m.off + m.len > prev->off + prev->len)
            prev->len = m.off + m.len - prev->off;
        return true;
    }
    LEDE_GROW(*bo->out, *bo->cap, bo->n + 1);
    (*bo->out)[bo->n++] = m;
    return true;
}

static void find_literal(const search_query *q, const text_fold_buf *f,
                         const char *subj, size_t slen, const char *s,
                         size_t len, uint32_t base, block_out *bo)
{
    size_t pos = 0;
    while (pos + q->litlen <= slen) {
        const char *hit = memmem(subj + pos, slen - pos, q->lit, q->litlen);
        if (!hit)
            break;
        size_t ms = (size_t)(hit - subj), me = ms + q->litlen;
        if (add_match(q, f, s, len, ms, me, base, bo))
            pos = me;
        else
            pos = next_char(subj, slen, ms);
    }
}

static void regex_failed(const search_query *q, int rc)
{
    char msg[80];
    pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
    snprintf(q->scr->err, sizeof q->scr->err, "search stopped: %s", msg);
}

/* Every match of the regex, the empty ones included; after an empty match
 * the next try must be non-empty at that spot or start one character
 * later, so "a*" or "^" cannot loop. */
static void find_regex(const search_query *q, const text_fold_buf *f,
                       const char *subj, size_t slen, const char *s,
                       size_t len, uint32_t base, block_out *bo)
{
    size_t start = 0;
    uint32_t opts = 0, check = 0;
    while (start <= slen) {
        int rc = pcre2_match(q->re, (PCRE2_SPTR)subj, slen, start,
                             opts | check, q->md, q->mctx);
        check = PCRE2_NO_UTF_CHECK; /* the subject was checked once */
        if (rc == PCRE2_ERROR_NOMATCH && opts) {
            start = next_char(subj, slen, start);
            opts = 0;
            continue;
        }
        if (rc < 0) {
            if (rc != PCRE2_ERROR_NOMATCH)
                regex_failed(q, rc);
            return;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(q->md);
        size_t ms = ov[0], me = ov[1] < ov[0] ? ov[0] : ov[1];
        if (!add_match(q, f, s, len, ms, me, base, bo)) {
            start = next_char(subj, slen, ms);
            opts = 0;
            continue;
        }
        start = me;
        opts = me == ms ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0;
    }
}

/* Matches in one block s[0..len), appended to bo with offsets + base.
 * Inner newlines are soft (shown as spaces), so they are searched as
 * spaces: "new york" finds "New\nYork". */
static void search_block(const search_query *q, const char *s, size_t len,
                         uint32_t base, block_out *bo)
{
    const text_fold_buf *f = NULL;
    const char *subj = s;
    size_t slen = len;
    bo->first = bo->n;
    if (q->fold || memchr(s, '\n', len)) {
        text_fold_buf *fb = &q->scr->fb;
        text_fold(s, len, q->fold, fb);
        for (char *nl = fb->s; (nl = memchr(nl, '\n', fb->s + fb->len - nl));)
            *nl = ' ';
        f = fb;
        subj = fb->s;
        slen = fb->len;
    }
    if (q->re)
        find_regex(q, f, subj, slen, s, len, base, bo);
    else
        find_literal(q, f, subj, slen, s, len, base, bo);
}

size_t search_text(const search_query *q, const char *s, size_t len,
                   search_match **out, size_t *cap)
{
    block_out bo = {out, cap, 0, 0};
    if (!q)
        return 0;
    q->scr->err[0] = '\0';
    search_block(q, s, len, 0, &bo);
    return bo.n;
}

/* Matches in every block of a; *in_title gets those in the headline. */
static size_t search_blocks(const search_query *q, const article *a,
                            search_match **out, size_t *cap,
                            uint32_t *in_title)
{
    block_out bo = {out, cap, 0, 0};
    *in_title = 0;
    if (!q)
        return 0;
    q->scr->err[0] = '\0';
    for (size_t i = 0; i < a->nblocks; i++) {
        const article_block *b = &a->blocks[i];
        search_block(q, a->text + b->off, b->len, b->off, &bo);
        if ((int32_t)i == a->title)
            *in_title += (uint32_t)(bo.n - bo.first);
    }
    return bo.n;
}

size_t search_article(const search_query *q, const article *a,
                      search_match **out, size_t *cap)
{
    uint32_t in_title;
    return search_blocks(q, a, out, cap, &in_title);
}

/* ---- across the set ---------------------------------------------------- */

/* Body matches are damped mildly for length, so a long article does not
 * win on size alone: / (1 + 0.1 * log2(1 + KiB of body)). */
static double corpus_score(uint32_t title, uint32_t body, size_t body_bytes)
{
    unsigned lg = 0;
    for (size_t kib = 1 + body_bytes / 1024; kib > 1; kib >>= 1)
        lg++;
    return 5.0 * title + body / (1.0 + 0.1 * lg);
}

static int hit_cmp(const void *pa, const void *pb)
{
    const search_hit *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->article > b->article) - (a->article < b->article);
}

search_hit *search_corpus(const search_query *q, const struct store *s,
                          size_t *n)
{
    size_t count = s ? store_count(s) : 0, nh = 0, cap = 0;
    search_hit *hits = lede_malloc((count ? count : 1) * sizeof *hits);
    search_match *m = NULL;
    for (size_t i = 0; i < count && q; i++) {
        const article *a = store_get(s, i);
        uint32_t in_title;
        size_t k = search_blocks(q, a, &m, &cap, &in_title);
        if (k == 0)
            continue;
        size_t body_bytes = 0;
        for (size_t j = 0; j < a->nblocks; j++)
            if ((int32_t)j != a->title)
                body_bytes += a->blocks[j].len;
        search_hit *h = &hits[nh++];
        h->article = (uint32_t)i;
        h->count = (uint32_t)k;
        h->in_title = in_title;
        h->score = corpus_score(in_title, (uint32_t)k - in_title, body_bytes);
    }
    free(m);
    qsort(hits, nh, sizeof *hits, hit_cmp);
    *n = nh;
    return hits;
}
