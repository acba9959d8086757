/* highlight.c: keyword matching (Aho-Corasick) and merging span layers.
 *
 * Keywords are folded (case and accents) and put in one byte trie; the
 * text is folded the same way and run through the automaton once, so the
 * cost does not grow with the number of keywords. Whole-word checks are
 * made on the original text, where letters are letters. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "text.h"
#include "util.h"

#define KW_FOLD (TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS)

/* Trie node. Children are a sorted run of edges (the root has a full
 * table instead: most steps of a scan start there). */
typedef struct ac_node {
    uint32_t edges;   /* first edge in ac.edge */
    uint32_t nedges;
    uint32_t fail;    /* longest proper suffix that is a node */
    uint32_t out;     /* nearest node on the fail chain that ends a
                         keyword (itself included), or 0 */
    uint32_t depth;   /* keyword length in folded bytes when terminal */
    bool term;
} ac_node;

typedef struct ac_edge {
    uint8_t byte;
    uint32_t to;
} ac_edge;

/* What the scan needs, built lazily from the keyword list: hl_keywords_find
 * takes a const set, so this lives behind a pointer. */
typedef struct ac_auto {
    bool built;
    size_t nwords;         /* distinct keywords */
    ac_node *node;
    size_t nnodes, nodecap;
    ac_edge *edge;
    size_t nedge, edgecap;
    uint32_t root[256];
    text_fold_buf fb;      /* scratch: the folded text being scanned */
    search_match *cand;    /* scratch: candidate matches */
    size_t candcap;
} ac_auto;

struct hl_keywords {
    char **word;           /* folded keywords, NUL-terminated */
    size_t n, cap;
    ac_auto *ac;
};

hl_keywords *hl_keywords_new(void)
{
    hl_keywords *k = lede_calloc(1, sizeof *k);
    k->ac = lede_calloc(1, sizeof *k->ac);
    return k;
}

void hl_keywords_free(hl_keywords *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->n; i++)
        free(k->word[i]);
    free(k->word);
    free(k->ac->node);
    free(k->ac->edge);
    free(k->ac->cand);
    text_fold_fini(&k->ac->fb);
    free(k->ac);
    free(k);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void hl_keywords_add(hl_keywords *k, const char *word, size_t len)
{
    text_buf clean = {0};
    text_clean(word, len, &clean);
    size_t a = 0, b = clean.len;
    while (a < b && is_blank(clean.data[a]))
        a++;
    while (b > a && is_blank(clean.data[b - 1]))
        b--;
    if (a < b) {
        text_fold(clean.data + a, b - a, KW_FOLD, &k->ac->fb);
        /* Runs of blanks inside a keyword match one space, as the text's
         * soft newlines and tabs are scanned as spaces. */
        char *w = lede_malloc(k->ac->fb.len + 1);
        size_t n = 0;
        for (size_t i = 0; i < k->ac->fb.len; i++) {
            char c = k->ac->fb.s[i];
            if (!is_blank(c))
                w[n++] = c;
            else if (n && w[n - 1] != ' ')
                w[n++] = ' ';
        }
        w[n] = '\0';
        if (n == 0) { /* nothing but marks: folds to nothing */
            free(w);
        } else {
            LEDE_GROW(k->word, k->cap, k->n + 1);
            k->word[k->n++] = w;
            k->ac->built = false;
        }
    }
    text_buf_fini(&clean);
}

void hl_keywords_add_lines(hl_keywords *k, const char *lines, size_t len)
{
    while (len > 0) {
        const char *nl = memchr(lines, '\n', len);
        size_t n = nl ? (size_t)(nl - lines) : len;
        hl_keywords_add(k, lines, n);
        if (!nl)
            break;
        lines += n + 1;
        len -= n + 1;
    }
}

/* ---- the automaton --------------------------------------------------- */

static uint32_t ac_new_node(ac_auto *ac)
{
    LEDE_GROW(ac->node, ac->nodecap, ac->nnodes + 1);
    memset(&ac->node[ac->nnodes], 0, sizeof ac->node[0]);
    return (uint32_t)ac->nnodes++;
}

static int word_cmp(const void *pa, const void *pb)
{
    const char *const *a = pa, *const *b = pb;
    return strcmp(*a, *b);
}

/* Child of node on byte c, or 0 (the root is never a child). */
static uint32_t ac_child(const ac_auto *ac, uint32_t node, uint8_t c)
{
    if (node == 0)
        return ac->root[c];
    if (!ac->node[node].nedges) /* and maybe no edge array at all */
        return 0;
    const ac_edge *e = ac->edge + ac->node[node].edges;
    size_t lo = 0, hi = ac->node[node].nedges;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e[mid].byte == c)
            return e[mid].to;
        if (e[mid].byte < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Build the trie breadth-first from the sorted keywords, so each node's
 * edges are contiguous and sorted: the children of all nodes at depth d
 * are found by one pass over the words grouped by their first d bytes. */
static void ac_build_trie(ac_auto *ac, char **w, size_t n)
{
    /* span[i]: the node of word i's prefix of the current depth, or
     * UINT32_MAX once the word is exhausted. */
    uint32_t *at = lede_malloc((n ? n : 1) * sizeof *at);
    ac->nnodes = ac->nedge = 0;
    memset(ac->root, 0, sizeof ac->root);
    ac_new_node(ac);
    for (size_t i = 0; i < n; i++)
        at[i] = 0;
    for (size_t d = 0;; d++) {
        bool more = false;
        for (size_t i = 0; i < n; i++) {
            if (at[i] == UINT32_MAX)
                continue;
            uint8_t c = (uint8_t)w[i][d];
            uint32_t parent = at[i];
            if (c == 0) {
                ac->node[parent].term = true;
                ac->node[parent].depth = (uint32_t)d;
                at[i] = UINT32_MAX;
                continue;
            }
            more = true;
            uint32_t child = ac_child(ac, parent, c);
            if (!child) {
                child = ac_new_node(ac);
                if (parent == 0) {
                    ac->root[c] = child;
                } else {
                    ac_node *p = &ac->node[parent];
                    if (p->nedges == 0)
                        p->edges = (uint32_t)ac->nedge;
                    LEDE_GROW(ac->edge, ac->edgecap, ac->nedge + 1);
                    ac->edge[ac->nedge++] = (ac_edge){c, child};
                    p->nedges++;
                }
            }
            at[i] = child;
        }
        if (!more)
            break;
    }
    free(at);
}

/* Failure and output links, breadth-first: nodes were made in BFS order,
 * so a node's fail target is always settled before its children need it. */
static void ac_link(ac_auto *ac)
{
    for (int c = 0; c < 256; c++) {
        uint32_t v = ac->root[c];
        if (v) {
            ac->node[v].fail = 0;
            ac->node[v].out = ac->node[v].term ? v : 0;
        }
    }
    for (size_t u = 1; u < ac->nnodes; u++) {
        const ac_node *un = &ac->node[u];
        for (uint32_t e = un->edges; e < un->edges + un->nedges; e++) {
            uint8_t c = ac->edge[e].byte;
            uint32_t v = ac->edge[e].to, f = un->fail;
            while (f && !ac_child(ac, f, c))
                f = ac->node[f].fail;
            f = ac_child(ac, f, c);
            ac->node[v].fail = f;
            ac->node[v].out = ac->node[v].term ? v : ac->node[f].out;
        }
    }
}

static void ac_build(const hl_keywords *k)
{
    ac_auto *ac = k->ac;
    if (ac->built)
        return;
    if (k->n > 1)
        qsort(k->word, k->n, sizeof *k->word, word_cmp);
    ac_build_trie(ac, k->word, k->n);
    ac_link(ac);
    ac->nwords = 0;
    for (size_t i = 0; i < ac->nnodes; i++)
        ac->nwords += ac->node[i].term;
    ac->built = true;
}

size_t hl_keywords_count(const hl_keywords *k)
{
    if (!k)
        return 0;
    ac_build(k);
    return k->ac->nwords;
}

/* ---- finding keywords ------------------------------------------------- */

static bool fold_edge(const text_fold_buf *f, size_t i)
{
    return i == 0 || i >= f->len || f->map[i] != f->map[i - 1];
}

/* Keep folded match [fs, fe) if it covers whole characters of the
 * original and is not part of a longer word there. */
static void kw_candidate(ac_auto *ac, const char *s, size_t len, size_t fs,
                         size_t fe, size_t *n)
{
    const text_fold_buf *f = &ac->fb;
    if (!fold_edge(f, fs) || !fold_edge(f, fe))
        return;
    uint32_t off, mlen;
    text_fold_span(f, fs, fe, &off, &mlen);
    if (!search_is_word(s, len, off, mlen))
        return;
    LEDE_GROW(ac->cand, ac->candcap, *n + 1);
    ac->cand[(*n)++] = (search_match){off, mlen};
}

static int cand_cmp(const void *pa, const void *pb)
{
    const search_match *a = pa, *b = pb;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    return (a->len < b->len) - (a->len > b->len); /* longest first */
}

/* Every keyword ending at every byte, through the output links. */
static size_t ac_scan(ac_auto *ac, const char *s, size_t len)
{
    const char *t = ac->fb.s;
    size_t n = 0;
    uint32_t st = 0;
    for (size_t i = 0; i < ac->fb.len; i++) {
        uint8_t c = (uint8_t)t[i];
        if (c == '\n' || c == '\t')
            c = ' ';
        uint32_t next;
        while (st && !(next = ac_child(ac, st, c)))
            st = ac->node[st].fail;
        st = st ? next : ac->root[c];
        for (uint32_t o = ac->node[st].out; o;
             o = ac->node[ac->node[o].fail].out)
            kw_candidate(ac, s, len, i + 1 - ac->node[o].depth, i + 1, &n);
    }
    return n;
}

size_t hl_keywords_find(const hl_keywords *k, const char *s, size_t len,
                        search_match **out, size_t *cap)
{
    if (!k || k->n == 0 || len == 0)
        return 0;
    ac_build(k);
    ac_auto *ac = k->ac;
    text_fold(s, len, KW_FOLD, &ac->fb);
    size_t nc = ac_scan(ac, s, len), n = 0;
    /* Leftmost-longest: candidates by start, longest first, then drop
     * any that overlaps one already taken. */
    if (nc > 1)
        qsort(ac->cand, nc, sizeof *ac->cand, cand_cmp);
    uint32_t end = 0;
    for (size_t i = 0; i < nc; i++) {
        if (n && ac->cand[i].off < end)
            continue;
        LEDE_GROW(*out, *cap, n + 1);
        (*out)[n++] = ac->cand[i];
        end = ac->cand[i].off + ac->cand[i].len;
    }
    return n;
}

/* ---- merging layers --------------------------------------------------- */

hl_class hl_class_for(entity_type t)
{
    switch (t) {
    case ENT_PERSON:
        return HL_PERSON;
    case ENT_ORG:
        return HL_ORG;
    case ENT_PLACE:
        return HL_PLACE;
    default:
        return HL_OTHER;
    }
}

/* Layers from lowest to highest priority; within a tier spans are made
 * non-overlapping first, so at most one span per tier covers a byte. */
enum { TIER_ENTITY, TIER_SELECTED, TIER_KEYWORD, TIER_MATCH, TIER_CURRENT,
       NTIERS };

typedef struct hl_src {
    uint32_t off, len;
    uint8_t cls, tier;
} hl_src;

typedef struct hl_event {
    uint32_t pos;
    uint32_t src;  /* index into the source spans */
    bool start;
} hl_event;

typedef struct hl_work {
    hl_src *src;
    size_t nsrc, srccap;
    search_match *kw;
    size_t nkw, kwcap;
} hl_work;

static void add_src(hl_work *w, uint32_t off, uint32_t len, hl_class cls,
                    int tier)
{
    if (len == 0)
        return;
    LEDE_GROW(w->src, w->srccap, w->nsrc + 1);
    w->src[w->nsrc++] = (hl_src){off, len, (uint8_t)cls, (uint8_t)tier};
}

/* Longest entity mention reached back for from the range start (names
 * are short) and the margin kept around the range for keywords. */
enum { HL_REACH = 4096 };

/* First index whose item may touch [from, ...): items sorted by offset
 * and shorter than HL_REACH bytes. */
#define HL_FIRST(items, n, from, lo)                                       \
    do {                                                                   \
        size_t hi_ = (n);                                                  \
        uint32_t want_ = (from) > HL_REACH ? (from) - HL_REACH : 0;        \
        (lo) = 0;                                                          \
        while ((lo) < hi_) {                                               \
            size_t mid_ = (lo) + (hi_ - (lo)) / 2;                         \
            if ((items)[mid_].off < want_)                                 \
                (lo) = mid_ + 1;                                           \
            else                                                           \
                hi_ = mid_;                                                \
        }                                                                  \
    } while (0)

static uint32_t range_end(const hl_layers *l)
{
    return l->to ? l->to : UINT32_MAX;
}

static void add_entities(hl_work *w, const hl_layers *l)
{
    if (!l->entities)
        return;
    size_t n, i0;
    const entity_mention *m = entity_mentions(l->entities, l->article, &n);
    HL_FIRST(m, n, l->from, i0);
    for (size_t i = i0; i < n && m[i].off < range_end(l); i++) {
        if (m[i].off + m[i].len <= l->from)
            continue;
        bool sel = l->selected_entity >= 0 &&
                   m[i].entity == (uint32_t)l->selected_entity;
        hl_class cls = sel ? HL_SELECTED
                           : hl_class_for(entity_type_of(l->entities,
                                                         m[i].entity));
        add_src(w, m[i].off, m[i].len, cls,
                sel ? TIER_SELECTED : TIER_ENTITY);
    }
}

/* Narrow a block [*s, *e) to the range with HL_REACH bytes of margin,
 * cut just after a space on each side so that whole-word matching at the
 * window's edges is as in the whole block. */
static void keyword_window(const article *a, const hl_layers *l, uint32_t *s,
                           uint32_t *e)
{
    const char *t = a->text;
    if (l->from > *s + HL_REACH) {
        uint32_t p = l->from - HL_REACH, lim = l->from;
        while (p < lim && t[p - 1] != ' ' && t[p - 1] != '\n')
            p++;
        if (p < lim)
            *s = p;
    }
    if (l->to && (uint64_t)l->to + HL_REACH < *e) {
        uint32_t p = l->to + HL_REACH, lim = l->to;
        while (p > lim && t[p] != ' ' && t[p] != '\n')
            p--;
        if (p > lim)
            *e = p;
    }
}

/* Keywords are matched block by block, so none spans two blocks and
 * nothing outside a block (header keys, blank lines) is marked. */
static void add_keywords(hl_work *w, const article *a, const hl_layers *l)
{
    if (!l->keywords)
        return;
    for (size_t b = 0; b < a->nblocks; b++) {
        const article_block *bl = &a->blocks[b];
        if (bl->off + bl->len <= l->from || bl->off >= range_end(l))
            continue;
        uint32_t s = bl->off, e = bl->off + bl->len;
        keyword_window(a, l, &s, &e);
        size_t n = hl_keywords_find(l->keywords, a->text + s, e - s, &w->kw,
                                    &w->kwcap);
        for (size_t i = 0; i < n; i++)
            add_src(w, s + w->kw[i].off, w->kw[i].len, HL_KEYWORD,
                    TIER_KEYWORD);
    }
}

static void add_matches(hl_work *w, const hl_layers *l)
{
    /* matches do not overlap, so their ends are in order too: the first
     * one ending after from, however long the matches are */
    size_t i0 = 0, hi = l->matches ? l->nmatches : 0;
    while (i0 < hi) {
        size_t mid = i0 + (hi - i0) / 2;
        if (l->matches[mid].off + l->matches[mid].len <= l->from)
            i0 = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = i0; l->matches && i < l->nmatches &&
                        l->matches[i].off < range_end(l); i++) {
        if (l->matches[i].off + l->matches[i].len <= l->from)
            continue;
        bool cur = (long)i == l->current_match;
        add_src(w, l->matches[i].off, l->matches[i].len,
                cur ? HL_MATCH_CURRENT : HL_MATCH,
                cur ? TIER_CURRENT : TIER_MATCH);
    }
}

static int src_cmp(const void *pa, const void *pb)
{
    const hl_src *a = pa, *b = pb;
    if (a->tier != b->tier)
        return a->tier - b->tier;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    return (a->len < b->len) - (a->len > b->len);
}

/* Sort by tier then offset, and clip spans of one tier that overlap an
 * earlier one of the same tier (the earlier, longer one keeps its bytes). */
static void normalise(hl_work *w)
{
    if (w->nsrc > 1)
        qsort(w->src, w->nsrc, sizeof *w->src, src_cmp);
    size_t n = 0;
    for (size_t i = 0; i < w->nsrc; i++) {
        hl_src s = w->src[i];
        if (n && w->src[n - 1].tier == s.tier) {
            uint32_t pend = w->src[n - 1].off + w->src[n - 1].len;
            if (s.off + s.len <= pend)
                continue;
            if (s.off < pend) {
                s.len -= pend - s.off;
                s.off = pend;
            }
        }
        w->src[n++] = s;
    }
    w->nsrc = n;
}

static int event_cmp(const void *pa, const void *pb)
{
    const hl_event *a = pa, *b = pb;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return (int)a->start - (int)b->start; /* ends first */
}

static void emit(hl_span **out, size_t *cap, size_t *n, uint32_t from,
                 uint32_t to, uint8_t cls, uint32_t src, uint32_t *last_src)
{
    hl_span *prev = *n ? &(*out)[*n - 1] : NULL;
    if (prev && *last_src == src && prev->off + prev->len == from) {
        prev->len += to - from; /* the same span resumed or continued */
        return;
    }
    LEDE_GROW(*out, *cap, *n + 1);
    (*out)[(*n)++] = (hl_span){from, to - from, cls};
    *last_src = src;
}

/* Sweep the span ends in order; between two ends the highest tier active
 * wins. A higher span thus splits a lower one, which resumes after it. */
static size_t sweep(const hl_work *w, hl_span **out, size_t *cap)
{
    hl_event *ev = lede_malloc((2 * w->nsrc + 1) * sizeof *ev);
    for (size_t i = 0; i < w->nsrc; i++) {
        ev[2 * i] = (hl_event){w->src[i].off, (uint32_t)i, true};
        ev[2 * i + 1] = (hl_event){w->src[i].off + w->src[i].len,
                                   (uint32_t)i, false};
    }
    if (w->nsrc)
        qsort(ev, 2 * w->nsrc, sizeof *ev, event_cmp);
    long active[NTIERS];
    for (int t = 0; t < NTIERS; t++)
        active[t] = -1;
    size_t n = 0;
    uint32_t last_src = UINT32_MAX;
    for (size_t e = 0; e < 2 * w->nsrc; e++) {
        if (e > 0 && ev[e].pos > ev[e - 1].pos) {
            for (int t = NTIERS - 1; t >= 0; t--) {
                if (active[t] < 0)
                    continue;
                emit(out, cap, &n, ev[e - 1].pos, ev[e].pos,
                     w->src[active[t]].cls, (uint32_t)active[t], &last_src);
                break;
            }
        }
        const hl_src *s = &w->src[ev[e].src];
        if (ev[e].start)
            active[s->tier] = (long)ev[e].src;
        else if (active[s->tier] == (long)ev[e].src)
            active[s->tier] = -1;
    }
    free(ev);
    return n;
}

size_t hl_spans(const article *a, const hl_layers *layers, hl_span **out,
                size_t *cap)
{
    if (!a || !layers)
        return 0;
    hl_work w = {0};
    add_entities(&w, layers);
    add_keywords(&w, a, layers);
    add_matches(&w, layers);
    normalise(&w);
    size_t n = sweep(&w, out, cap);
    free(w.src);
    free(w.kw);
    return n;
}
