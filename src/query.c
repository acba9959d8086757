/* query.c: parsing the set query language (recursive descent over the
 * characters, no separate token list) and running the tree in memory.
 *
 * Grammar:  or    := and ("OR" and)*
 *           and   := unary (["AND"] unary)*
 *           unary := ("NOT" | "-") unary | primary
 *           primary := "(" or ")" | FIELD ":" value | "phrase" | word
 * Words match whole words with the reader's matcher (search.h), so the
 * exact semantics -- smart case, accent folding -- are lede's own. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define QUERY_MAX_DEPTH 64

struct query {
    query_node *root;
    query_node **leaves;
    size_t nleaves, lcap;
    unsigned flags;
};

typedef struct parser {
    const char *s;
    size_t i, len;
    char *err;
    size_t errlen;
    bool failed;
    int depth;
    query *q;
} parser;

typedef enum tok { T_END, T_LP, T_RP, T_OR, T_AND, T_NOT, T_NEG, T_TERM } tok;

static void perr(parser *p, const char *fmt, const char *arg)
{
    if (p->failed)
        return;
    p->failed = true;
    if (p->err && p->errlen)
        snprintf(p->err, p->errlen, fmt, arg ? arg : "");
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool word_stop(char c)
{
    return is_space(c) || c == '(' || c == ')' || c == '"';
}

static void skip_space(parser *p)
{
    while (p->i < p->len && is_space(p->s[p->i]))
        p->i++;
}

static size_t word_end(const parser *p, size_t i)
{
    while (i < p->len && !word_stop(p->s[i]))
        i++;
    return i;
}

static bool word_is(const parser *p, size_t end, const char *w)
{
    size_t n = strlen(w);
    return end - p->i == n && !memcmp(p->s + p->i, w, n);
}

/* The next token without consuming it. */
static tok peek(parser *p)
{
    skip_space(p);
    if (p->i >= p->len)
        return T_END;
    char c = p->s[p->i];
    if (c == '(')
        return T_LP;
    if (c == ')')
        return T_RP;
    if (c == '-' && p->i + 1 < p->len && !is_space(p->s[p->i + 1]) &&
        p->s[p->i + 1] != ')')
        return T_NEG;
    if (c == '"')
        return T_TERM;
    size_t e = word_end(p, p->i);
    if (word_is(p, e, "OR"))
        return T_OR;
    if (word_is(p, e, "AND"))
        return T_AND;
    if (word_is(p, e, "NOT"))
        return T_NOT;
    if (c == '-' && e == p->i + 1)
        return T_NEG; /* a lone '-': reported as an empty NOT */
    return T_TERM;
}

static void consume(parser *p, tok t)
{
    if (t == T_LP || t == T_RP || t == T_NEG)
        p->i++;
    else
        p->i = word_end(p, p->i);
}

static query_node *node_new(query_kind k, query_node *a, query_node *b)
{
    query_node *n = lede_calloc(1, sizeof *n);
    n->kind = k;
    n->kid[0] = a;
    n->kid[1] = b;
    return n;
}

static void node_free(query_node *n)
{
    if (!n)
        return;
    node_free(n->kid[0]);
    node_free(n->kid[1]);
    free(n->text);
    search_free(n->sq);
    free(n);
}

/* ---- leaves ------------------------------------------------------------ */

typedef enum field { F_NONE, F_TITLE, F_ENTITY, F_SOURCE, F_PATH, F_AFTER,
                     F_BEFORE } field;

static const char *const field_names[] = {
    "", "title", "entity", "source", "path", "after", "before",
};

static field field_at(const parser *p, size_t end, size_t *colon)
{
    const char *c = memchr(p->s + p->i, ':', end - p->i);
    if (!c)
        return F_NONE;
    size_t n = (size_t)(c - (p->s + p->i));
    for (int f = F_TITLE; f <= F_BEFORE; f++)
        if (strlen(field_names[f]) == n &&
            !strncasecmp(p->s + p->i, field_names[f], n)) {
            *colon = (size_t)(c - p->s);
            return (field)f;
        }
    return F_NONE;
}

/* Cleaned copy of s[0..n) with runs of blanks made one space and no blank
 * at either end (a phrase "new   york" is "new york"). */
static char *clean_value(const char *s, size_t n, size_t *outlen)
{
    text_buf b = {0};
    text_clean(s, n, &b);
    char *o = lede_malloc(b.len + 1);
    size_t k = 0;
    bool blank = false;
    for (size_t i = 0; i < b.len; i++) {
        if (is_space(b.data[i])) {
            blank = k > 0;
            continue;
        }
        if (blank)
            o[k++] = ' ';
        blank = false;
        o[k++] = b.data[i];
    }
    o[k] = '\0';
    *outlen = k;
    text_buf_fini(&b);
    return o;
}

static int64_t date_key(int y, int m, int d)
{
    return ((int64_t)y * 10000 + m * 100 + d) * 1000000;
}

/* "2016", "2016-08", "2016-08-01" (also with '/'): [lo, hi) of the
 * period. */
static bool parse_date(const char *s, int64_t *lo, int64_t *hi)
{
    int y = 0, m = 0, d = 0, n = 0;
    size_t len = strlen(s);
    char sep = len > 4 ? s[4] : '-';
    if (sep != '-' && sep != '/')
        return false;
    char fmt3[] = "%4d-%2d-%2d%n", fmt2[] = "%4d-%2d%n", fmt1[] = "%4d%n";
    fmt3[3] = fmt3[7] = fmt2[3] = sep;
    if (len == 10 && sscanf(s, fmt3, &y, &m, &d, &n) == 3 && n == 10) {
        if (m < 1 || m > 12 || d < 1 || d > 31)
            return false;
        *lo = date_key(y, m, d);
        *hi = date_key(y, m, d + 1);
    } else if (len == 7 && sscanf(s, fmt2, &y, &m, &n) == 2 && n == 7) {
        if (m < 1 || m > 12)
            return false;
        *lo = date_key(y, m, 1);
        *hi = m == 12 ? date_key(y + 1, 1, 1) : date_key(y, m + 1, 1);
    } else if (len == 4 && sscanf(s, fmt1, &y, &n) == 1 && n == 4) {
        *lo = date_key(y, 1, 1);
        *hi = date_key(y + 1, 1, 1);
    } else {
        return false;
    }
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != sep)
            return false;
    return y >= 1000;
}

static query_node *make_leaf(parser *p, field f, const char *v, size_t vn,
                             bool phrase)
{
    query_node *n = node_new(QUERY_TEXT, NULL, NULL);
    n->text = clean_value(v, vn, &n->len);
    n->phrase = phrase;
    const char *fname = field_names[f];
    char msg[96];
    if (!n->len) {
        if (f == F_NONE)
            perr(p, "%s", phrase ? "empty phrase \"\"" : "empty word");
        else {
            snprintf(msg, sizeof msg, "%s: needs a value", fname);
            perr(p, "%s", msg);
        }
        return n;
    }
    switch (f) {
    case F_ENTITY: n->kind = QUERY_ENTITY; return n;
    case F_PATH: n->kind = QUERY_PATH; return n;
    case F_AFTER:
    case F_BEFORE: {
        int64_t lo, hi;
        n->kind = QUERY_DATE;
        if (!parse_date(n->text, &lo, &hi)) {
            snprintf(msg, sizeof msg, "%s: wants a date like 2016-08-01, "
                     "not '%.40s'", fname, n->text);
            perr(p, "%s", msg);
            return n;
        }
        n->lo = f == F_AFTER ? lo : INT64_MIN;
        n->hi = f == F_AFTER ? INT64_MAX : hi;
        return n;
    }
    case F_SOURCE: n->kind = QUERY_SOURCE; break;
    case F_TITLE: n->title_only = true; break;
    default: break;
    }
    char err[160];
    n->sq = search_compile(n->text, p->q->flags | SEARCH_WORD, err,
                           sizeof err);
    if (!n->sq)
        perr(p, "%s", err);
    return n;
}

/* A word, a "phrase" or FIELD:value at p->i. */
static query_node *parse_term(parser *p)
{
    bool quoted = p->s[p->i] == '"';
    size_t end = quoted ? p->i : word_end(p, p->i), colon = 0;
    field f = quoted ? F_NONE : field_at(p, end, &colon);
    size_t vstart = f ? colon + 1 : p->i;
    if (vstart < p->len && p->s[vstart] == '"' && (quoted || vstart == end)) {
        const char *close = memchr(p->s + vstart + 1, '"', p->len - vstart - 1);
        if (!close) {
            perr(p, "%s", "missing closing quote");
            p->i = p->len;
            return NULL;
        }
        size_t cend = (size_t)(close - p->s);
        p->i = cend + 1;
        return make_leaf(p, f, p->s + vstart + 1, cend - vstart - 1, true);
    }
    p->i = end;
    return make_leaf(p, f, p->s + vstart, end - vstart, false);
}

static query_node *parse_or(parser *p);

static bool ends_term(tok t)
{
    return t == T_END || t == T_RP || t == T_OR || t == T_AND;
}

static query_node *parse_unary(parser *p)
{
    tok t = peek(p);
    if (p->failed)
        return NULL;
    if (++p->depth > QUERY_MAX_DEPTH) {
        perr(p, "%s", "query nested too deeply");
        return NULL;
    }
    query_node *n = NULL;
    if (t == T_NOT || t == T_NEG) {
        consume(p, t);
        if (t == T_NEG && p->i < p->len && is_space(p->s[p->i]))
            perr(p, "%s", "- needs a term right after it (-word)");
        else if (ends_term(peek(p)))
            perr(p, "%s", t == T_NOT ? "NOT needs a term after it"
                                     : "- needs a term right after it (-word)");
        else
            n = node_new(QUERY_NOT, parse_unary(p), NULL);
    } else if (t == T_LP) {
        consume(p, t);
        if (peek(p) == T_RP)
            perr(p, "%s", "empty parentheses ()");
        else {
            n = parse_or(p);
            if (peek(p) == T_RP)
                consume(p, T_RP);
            else
                perr(p, "%s", "missing closing parenthesis )");
        }
    } else if (t == T_RP) {
        perr(p, "%s", "unmatched closing parenthesis )");
    } else if (t == T_OR || t == T_AND) {
        perr(p, "%s", t == T_OR ? "OR needs a term on each side"
                                : "AND needs a term on each side");
    } else if (t == T_TERM) {
        n = parse_term(p);
    }
    p->depth--;
    return n;
}

static query_node *parse_and(parser *p)
{
    query_node *left = parse_unary(p);
    for (;;) {
        tok t = peek(p);
        if (p->failed || t == T_END || t == T_RP || t == T_OR)
            return left;
        if (t == T_AND) {
            consume(p, t);
            if (ends_term(peek(p))) {
                perr(p, "%s", "AND needs a term on each side");
                return left;
            }
        }
        left = node_new(QUERY_AND, left, parse_unary(p));
    }
}

static query_node *parse_or(parser *p)
{
    query_node *left = parse_and(p);
    while (!p->failed && peek(p) == T_OR) {
        consume(p, T_OR);
        if (ends_term(peek(p))) {
            perr(p, "%s", "OR needs a term on each side");
            return left;
        }
        left = node_new(QUERY_OR, left, parse_and(p));
    }
    return left;
}

static void collect(query *q, query_node *n, bool positive)
{
    if (!n)
        return;
    if (n->kind == QUERY_AND || n->kind == QUERY_OR || n->kind == QUERY_NOT) {
        bool pos = n->kind == QUERY_NOT ? !positive : positive;
        collect(q, n->kid[0], pos);
        collect(q, n->kid[1], pos);
        return;
    }
    n->positive = positive;
    n->leaf = (uint32_t)q->nleaves;
    LEDE_GROW(q->leaves, q->lcap, q->nleaves + 1);
    q->leaves[q->nleaves++] = n;
}

query *query_parse(const char *text, unsigned flags, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    query *q = lede_calloc(1, sizeof *q);
    q->flags = flags & (SEARCH_IGNORE_CASE | SEARCH_MATCH_CASE);
    parser p = {text ? text : "", 0, text ? strlen(text) : 0, err, errlen,
                false, 0, q};
    if (peek(&p) == T_END)
        perr(&p, "%s", "empty query");
    else {
        q->root = parse_or(&p);
        if (!p.failed && peek(&p) == T_RP)
            perr(&p, "%s", "unmatched closing parenthesis )");
    }
    if (p.failed || !q->root) {
        if (!p.failed)
            perr(&p, "%s", "bad query");
        query_free(q);
        return NULL;
    }
    collect(q, q->root, true);
    return q;
}

void query_free(query *q)
{
    if (!q)
        return;
    node_free(q->root);
    free(q->leaves);
    free(q);
}

const query_node *query_root(const query *q)
{
    return q->root;
}

size_t query_nleaves(const query *q)
{
    return q->nleaves;
}

const query_node *query_leaf(const query *q, size_t i)
{
    return i < q->nleaves ? q->leaves[i] : NULL;
}

bool query_has_words(const query *q)
{
    for (size_t i = 0; i < q->nleaves; i++)
        if (q->leaves[i]->kind == QUERY_TEXT && q->leaves[i]->positive)
            return true;
    return false;
}

bool query_has_entities(const query *q)
{
    for (size_t i = 0; i < q->nleaves; i++)
        if (q->leaves[i]->kind == QUERY_ENTITY)
            return true;
    return false;
}

/* ---- showing ------------------------------------------------------------ */

static void show(const query_node *n, char *buf, size_t cap, size_t *at)
{
    size_t room = *at < cap ? cap - *at : 0;
    int w = 0;
    static const char *const ops[] = {[QUERY_AND] = "AND", [QUERY_OR] = "OR",
                                      [QUERY_NOT] = "NOT"};
    switch (n->kind) {
    case QUERY_AND:
    case QUERY_OR:
    case QUERY_NOT:
        w = snprintf(buf + *at, room, "(%s ", ops[n->kind]);
        *at += (size_t)w;
        show(n->kid[0], buf, cap, at);
        if (n->kid[1]) {
            room = *at < cap ? cap - *at : 0;
            *at += (size_t)snprintf(buf + *at, room, " ");
            show(n->kid[1], buf, cap, at);
        }
        room = *at < cap ? cap - *at : 0;
        w = snprintf(buf + *at, room, ")");
        break;
    case QUERY_TEXT:
        w = snprintf(buf + *at, room, n->phrase ? "%s\"%s\"" : "%s%s",
                     n->title_only ? "title:" : "", n->text);
        break;
    case QUERY_ENTITY: w = snprintf(buf + *at, room, "entity:\"%s\"", n->text); break;
    case QUERY_SOURCE: w = snprintf(buf + *at, room, "source:%s", n->text); break;
    case QUERY_PATH: w = snprintf(buf + *at, room, "path:%s", n->text); break;
    case QUERY_DATE:
        w = snprintf(buf + *at, room, "date[%lld,%lld)",
                     n->lo == INT64_MIN ? -1LL : (long long)(n->lo / 1000000),
                     n->hi == INT64_MAX ? -1LL : (long long)(n->hi / 1000000));
        break;
    }
    *at += (size_t)(w > 0 ? w : 0);
}

void query_show(const query *q, char *buf, size_t n)
{
    size_t at = 0;
    if (!n)
        return;
    buf[0] = '\0';
    show(q->root, buf, n, &at);
}

/* ---- running in memory -------------------------------------------------- */

/* Mentions of entity id in article i (entity_articles is in article
 * order: binary search). */
static uint32_t entity_in(const entity_table *t, long id, size_t i)
{
    size_t n;
    if (id < 0)
        return 0;
    const entity_tally *a = entity_articles(t, (uint32_t)id, &n);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].id < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && a[lo].id == i ? a[lo].count : 0;
}

/* Whether the text of path contains needle: smart case (ASCII). */
static bool path_has(const char *hay, const char *needle, size_t nlen)
{
    bool fold = !text_has_upper(needle, nlen);
    for (const char *h = hay; *h; h++)
        if (fold ? !strncasecmp(h, needle, nlen) : !strncmp(h, needle, nlen))
            return true;
    return false;
}

typedef struct run_ctx {
    const struct store *s;
    long *ent;          /* per leaf: resolved entity id or -1 */
    search_match *m;
    size_t mcap;
} run_ctx;

static bool block_match(const search_query *sq, const article *a, int32_t b,
                        run_ctx *c, uint32_t *count)
{
    if (b < 0)
        return false;
    const article_block *bl = &a->blocks[b];
    size_t k = search_text(sq, a->text + bl->off, bl->len, &c->m, &c->mcap);
    if (count)
        *count += (uint32_t)k;
    return k > 0;
}

/* Words and phrases are looked for in the headline and the body
 * paragraphs (as the index holds them), not in metadata or boilerplate:
 * source: is for the Source: line. */
static bool text_block(const article *a, size_t b)
{
    return (int32_t)b == a->title || a->blocks[b].kind == BLOCK_BODY;
}

/* A quick yes: the value as typed occurs in the block as a whole word.
 * The matcher folds both sides the same way, so it would match there
 * too; when this says no, only the matcher can tell. */
static bool raw_hit(const query_node *n, const char *s, size_t len)
{
    for (const char *p = s; (size_t)(p - s) + n->len <= len;) {
        const char *hit = memmem(p, len - (size_t)(p - s), n->text, n->len);
        if (!hit)
            return false;
        if (search_is_word(s, len, (size_t)(hit - s), n->len))
            return true;
        p = hit + 1;
    }
    return false;
}

static bool leaf_match(const query_node *n, size_t i, run_ctx *c,
                       long ent, uint32_t *count, uint32_t *in_title)
{
    /* Only the body needs the whole article (with an index, a read from
     * the database); the headline, source, date and path are in the
     * list's summary. */
    const article *a = n->kind == QUERY_TEXT && !n->title_only
                           ? store_get(c->s, i)
                           : store_summary(c->s, i);
    switch (n->kind) {
    case QUERY_TEXT: {
        if (n->title_only) {
            uint32_t k = 0;
            bool hit = block_match(n->sq, a, a->title, c, &k);
            if (count)
                *count += k;
            if (in_title)
                *in_title += k;
            return hit;
        }
        bool hit = false;
        for (size_t b = 0; !count && b < a->nblocks; b++)
            if (text_block(a, b) &&
                raw_hit(n, a->text + a->blocks[b].off, a->blocks[b].len))
                return true;
        for (size_t b = 0; b < a->nblocks; b++) {
            if (!text_block(a, b))
                continue;
            uint32_t k = 0;
            hit |= block_match(n->sq, a, (int32_t)b, c, &k);
            if (count)
                *count += k;
            if (in_title && (int32_t)b == a->title)
                *in_title += k;
            if (hit && !count)
                break; /* only whether it matches */
        }
        return hit;
    }
    case QUERY_SOURCE: return block_match(n->sq, a, a->source, c, NULL);
    case QUERY_PATH: return path_has(a->label, n->text, n->len);
    case QUERY_DATE:
        return a->date_key >= 0 && a->date_key >= n->lo && a->date_key < n->hi;
    case QUERY_ENTITY: {
        uint32_t k = entity_in(store_entities(c->s), ent, i);
        if (count)
            *count += k;
        return k > 0;
    }
    default: return false;
    }
}

static bool eval(const query_node *n, size_t i, run_ctx *c)
{
    switch (n->kind) {
    case QUERY_AND: return eval(n->kid[0], i, c) && eval(n->kid[1], i, c);
    case QUERY_OR: return eval(n->kid[0], i, c) || eval(n->kid[1], i, c);
    case QUERY_NOT: return !eval(n->kid[0], i, c);
    default: return leaf_match(n, i, c, c->ent[n->leaf], NULL, NULL);
    }
}

static void ctx_init(run_ctx *c, const query *q, const struct store *s)
{
    memset(c, 0, sizeof *c);
    c->s = s;
    c->ent = lede_malloc((q->nleaves ? q->nleaves : 1) * sizeof *c->ent);
    for (size_t i = 0; i < q->nleaves; i++) {
        const query_node *n = q->leaves[i];
        c->ent[i] = n->kind == QUERY_ENTITY
                        ? entity_lookup(store_entities(s), n->text, n->len)
                        : -1;
    }
}

static void ctx_fini(run_ctx *c)
{
    free(c->ent);
    free(c->m);
}

bool query_leaf_match(const query_node *node, const struct store *s,
                      size_t i, uint32_t *count, uint32_t *in_title)
{
    run_ctx c = {0};
    long ent = node->kind == QUERY_ENTITY
                   ? entity_lookup(store_entities(s), node->text, node->len)
                   : -1;
    c.s = s;
    bool hit = leaf_match(node, i, &c, ent, count, in_title);
    ctx_fini(&c);
    return hit;
}

unsigned query_flags(const query *q)
{
    return q->flags;
}

/* The same damping as search_corpus: a long article does not win on
 * size alone. */
static double mem_score(uint32_t title, uint32_t body, const article *a)
{
    size_t bytes = 0;
    unsigned lg = 0;
    for (size_t j = 0; j < a->nblocks; j++)
        if ((int32_t)j != a->title)
            bytes += a->blocks[j].len;
    for (size_t kib = 1 + bytes / 1024; kib > 1; kib >>= 1)
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

search_hit *query_run_mem(const query *q, const struct store *s, size_t *n)
{
    size_t count = store_count(s), nh = 0;
    search_hit *hits = lede_malloc((count ? count : 1) * sizeof *hits);
    bool words = query_has_words(q);
    run_ctx c;
    ctx_init(&c, q, s);
    for (size_t i = 0; i < count; i++) {
        if (!eval(q->root, i, &c))
            continue;
        uint32_t text = 0, title = 0, ents = 0;
        for (size_t l = 0; l < q->nleaves; l++) {
            const query_node *lf = q->leaves[l];
            if (!lf->positive)
                continue;
            if (lf->kind == QUERY_TEXT)
                leaf_match(lf, i, &c, -1, &text, &title);
            else if (lf->kind == QUERY_ENTITY)
                leaf_match(lf, i, &c, c.ent[l], &ents, NULL);
        }
        search_hit *h = &hits[nh++];
        h->article = (uint32_t)i;
        h->count = text + ents;
        h->in_title = title;
        h->score = words ? mem_score(title, text - title, store_get(s, i))
                         : (double)ents;
    }
    ctx_fini(&c);
    qsort(hits, nh, sizeof *hits, hit_cmp);
    *n = nh;
    return hits;
}

/* ---- marks --------------------------------------------------------------- */

static int match_cmp(const void *pa, const void *pb)
{
    const search_match *a = pa, *b = pb;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    return (a->len < b->len) - (a->len > b->len);
}

static size_t add_block(const search_query *sq, const article *a, int32_t b,
                        search_match **out, size_t *cap, size_t n,
                        search_match **tmp, size_t *tcap)
{
    if (b < 0)
        return n;
    const article_block *bl = &a->blocks[b];
    size_t k = search_text(sq, a->text + bl->off, bl->len, tmp, tcap);
    LEDE_GROW(*out, *cap, n + k + 1);
    for (size_t j = 0; j < k; j++) {
        (*out)[n + j] = (*tmp)[j];
        (*out)[n + j].off += bl->off;
    }
    return n + k;
}

/* Append the mentions of the entity named by lf in article i. */
static size_t add_mentions(const query_node *lf, const struct store *s,
                           size_t i, search_match **out, size_t *cap,
                           size_t n)
{
    const entity_table *t = store_entities(s);
    long id = entity_lookup(t, lf->text, lf->len);
    size_t k = 0;
    const entity_mention *m = id >= 0 ? entity_mentions(t, (uint32_t)i, &k)
                                      : NULL;
    for (size_t j = 0; j < k; j++)
        if ((long)m[j].entity == id) {
            LEDE_GROW(*out, *cap, n + 1);
            (*out)[n].off = m[j].off;
            (*out)[n++].len = m[j].len;
        }
    return n;
}

size_t query_marks(const query *q, const struct store *s, size_t i,
                   search_match **out, size_t *cap)
{
    search_match *tmp = NULL;
    size_t tcap = 0, n = 0;
    const article *a = store_get(s, i);
    for (size_t l = 0; q && l < q->nleaves; l++) {
        const query_node *lf = q->leaves[l];
        if (lf->positive && lf->kind == QUERY_ENTITY)
            n = add_mentions(lf, s, i, out, cap, n);
        if (!lf->positive || !lf->sq)
            continue;
        if (lf->kind == QUERY_SOURCE)
            n = add_block(lf->sq, a, a->source, out, cap, n, &tmp, &tcap);
        else if (lf->title_only)
            n = add_block(lf->sq, a, a->title, out, cap, n, &tmp, &tcap);
        else
            for (size_t b = 0; b < a->nblocks; b++)
                if (text_block(a, b))
                    n = add_block(lf->sq, a, (int32_t)b, out, cap, n, &tmp,
                                  &tcap);
    }
    free(tmp);
    if (n < 2)
        return n;
    qsort(*out, n, sizeof **out, match_cmp);
    size_t w = 0; /* join overlapping marks ("new york" and "york") */
    for (size_t r = 1; r < n; r++) {
        search_match *prev = &(*out)[w], *cur = &(*out)[r];
        if (cur->off < prev->off + prev->len ||
            (cur->len == 0 && cur->off == prev->off)) {
            uint32_t end = cur->off + cur->len;
            if (end > prev->off + prev->len)
                prev->len = end - prev->off;
        } else {
            (*out)[++w] = *cur;
        }
    }
    return w + 1;
}
