/* tagger.c: features, the weight file and Viterbi decoding.
 *
 * Features are hashed: a word's own features (word, lowercase, shape,
 * prefixes, suffixes, word-list bits) and its features as a neighbour
 * depend on its bytes alone, so their summed weights are cached per word
 * type; only the context features (position, punctuation, the rules'
 * decision, gazetteer position, article-level evidence) are looked up
 * per word. No locale calls: case is ASCII here, the caller's flags
 * carry the Unicode facts. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "tagger.h"
#include "util.h"

enum { T = TAGGER_NTAGS, NPOS = 5, HDR = 24, NTRANS = (T + 1) * T };
/* the entity types of tagger.h's tags and marks */
enum { TY_PERSON = 0, TY_PLACE = 2 };

struct tagger {
    uint32_t nbits, mask;
    bool rules;
    float scale;      /* quantised = real * scale */
    int32_t defer;    /* TAGGER_DEFER margin in quantised units */
    int16_t trans[NTRANS];
    const int16_t *w; /* (mask + 1) * T */
    int16_t *own;     /* w when copied, else NULL (the built-in weights) */
};

/* --- hashing --- */

static uint32_t fmix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

static uint32_t hbytes(uint32_t seed, const unsigned char *s, size_t n)
{
    uint32_t h = 2166136261u ^ fmix(seed);
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 16777619u;
    return fmix(h);
}

/* An integer feature: template and up to three small values. */
static uint32_t hint(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
    return fmix(fmix(tmpl * 0x9e3779b1u ^ a) + b * 0x27d4eb2fu +
                c * 0x165667b1u);
}

/* --- word features (per word type) --- */

enum {
    F_W = 1, F_LW, F_SH, F_PRE, F_SUF, F_LEX, /* word templates */
    F_BIAS = 32, F_FLAG, F_DOC, F_BOUND, F_SC3, F_NBRK,
    F_GAZ, F_GAZSC, F_RULE, F_RULESC, F_RULEGAZ, F_RULE2, F_LEN, F_RULECUE,
    F_RUN, F_DOCRULE, F_WGAZ, F_RUNS, F_DICT, F_QUOTE, F_CLU
};

static unsigned char lower_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static size_t shape_of(const unsigned char *s, size_t n, unsigned char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < 12; i++) {
        unsigned char c = s[i], m;
        if (c >= 'A' && c <= 'Z')
            m = 'X';
        else if (c >= 'a' && c <= 'z')
            m = 'x';
        else if (c >= '0' && c <= '9')
            m = 'd';
        else if (c >= 0xc0)
            m = 'u';
        else if (c >= 0x80)
            continue;
        else
            m = c;
        if (k == 0 || out[k - 1] != m)
            out[k++] = m;
    }
    return k;
}

/* --- word lists built in: the lexicon and the word classes --- */

/* An open-addressed table of the hashes of a list's words (hash | 1,
 * never 0), with a value per word for a list of "word<TAB>numbers";
 * built once, shared by every model (the trainer's too: the same
 * features either way). */
typedef struct word_tab {
    uint32_t salt, mask;
    uint32_t *key, *val; /* val NULL for a plain list */
} word_tab;

static uint32_t wt_hash(const word_tab *t, const unsigned char *s, size_t n)
{
    return hbytes(t->salt, s, n) | 1;
}

/* The numbers of s[0..n) (separated by spaces), packed 11 bits each,
 * first highest, with bit 31 set. */
static uint32_t wt_pack(const unsigned char *s, const unsigned char *end)
{
    uint32_t v = 0, c = 0;
    for (const unsigned char *q = s; q <= end; q++) {
        if (q < end && *q >= '0' && *q <= '9') {
            c = c * 10 + (uint32_t)(*q - '0');
        } else if (q == end || *q == ' ') {
            v = v << 11 | (c & 2047);
            c = 0;
        }
    }
    return v | 1u << 31;
}

/* Every line of data but '#' comments: the whole line a word, or with
 * vals the word before a tab and wt_pack of what follows it. */
static void wt_build(word_tab *t, const char *data, size_t len, bool vals)
{
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    size_t words = 0;
    for (const unsigned char *q = p; q < end; q++)
        words += *q == '\n';
    size_t cap = 1024;
    while (cap < 2 * words)
        cap *= 2;
    t->key = lede_calloc(cap, sizeof *t->key);
    t->val = vals ? lede_calloc(cap, sizeof *t->val) : NULL;
    t->mask = (uint32_t)(cap - 1);
    while (p < end) {
        const unsigned char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        const unsigned char *w = vals ? memchr(p, '\t', (size_t)(e - p)) : e;
        if (w && w > p && *p != '#') {
            uint32_t h = wt_hash(t, p, (size_t)(w - p)), j = h & t->mask;
            while (t->key[j] && t->key[j] != h)
                j = (j + 1) & t->mask;
            t->key[j] = h;
            if (vals)
                t->val[j] = wt_pack(w + 1, e);
        }
        p = e + 1;
    }
}

/* The slot of the word s[0..n) in t, or -1. */
static long wt_find(const word_tab *t, const unsigned char *s, size_t n)
{
    uint32_t h = wt_hash(t, s, n);
    for (uint32_t j = h & t->mask; t->key[j]; j = (j + 1) & t->mask) {
        if (t->key[j] == h)
            return (long)j;
    }
    return -1;
}

/* The lexicon: lowercase English words (data/lexicon.txt). */
static word_tab lex = {.salt = 0x1e71c0u};
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static void lex_load(void)
{
    wt_build(&lex, lede_data_lexicon, lede_data_lexicon_len, false);
}

/* Whether the lowercase ASCII word s[0..n) is in the lexicon. */
static bool lex_has(const unsigned char *s, size_t n)
{
    pthread_once(&lex_once, lex_load);
    return wt_find(&lex, s, n) >= 0;
}

/* The word classes (data/clusters.tsv): each of the 200,000 most
 * frequent lowercase words of a large text has a class in three
 * clusterings of its GloVe vector (64, 256 and 1,024 classes;
 * tools/clusters.c): words used alike share a class, so a name the
 * training text never had ("Lavrov") is seen as its peers are
 * ("Solana", "Villepin"). */
static word_tab clu = {.salt = 0xc1a55u};
static pthread_once_t clu_once = PTHREAD_ONCE_INIT;

static void clu_load(void)
{
    wt_build(&clu, lede_data_clusters, lede_data_clusters_len, true);
}

/* Class number level (0 coarsest) of clu_of's result. */
static uint32_t clu_field(uint32_t cl, int level)
{
    return cl >> (22 - 11 * level) & (level ? 2047 : 511);
}

/* The classes of the lowercase word s[0..n), packed 9, 11 and 11 bits
 * (coarse first), with bit 31 set; 0 for a word not in the list. */
static uint32_t clu_of(const unsigned char *s, size_t n)
{
    pthread_once(&clu_once, clu_load);
    long j = wt_find(&clu, s, n);
    return j < 0 ? 0 : clu.val[j];
}

/* The features of word w from d words away that depend on its article,
 * not its bytes (the generated lists, runs elsewhere, quotation marks):
 * kept out of the per-word-type cache. */
static size_t word_doc_feats(const tagger_tok *w, int d, uint32_t *out)
{
    size_t k = 0;
    if (d < -1 || d > 1)
        return 0;
    if (w->runs)
        out[k++] = hint(F_RUNS, w->runs, (uint32_t)(d + 2), 0);
    if (w->wgaz)
        out[k++] = hint(F_WGAZ, w->wgaz, (uint32_t)(d + 2), 0);
    if (w->quote)
        out[k++] = hint(F_QUOTE, w->quote, (uint32_t)(d + 2), 0);
    return k;
}

/* Feature hashes of word w as seen from d words away (d in -2..2); with
 * doc, word_doc_feats too (the trainer's order). */
static size_t word_feats(const tagger_tok *w, int d, bool rules, bool doc,
                         uint32_t *out)
{
    unsigned char lw[64] = {0}, sh[12] = {0};
    size_t n = w->len < sizeof lw ? w->len : sizeof lw, k = 0;
    const unsigned char *s = (const unsigned char *)w->s;
    uint32_t pd = (uint32_t)(d + 2) << 8;
    for (size_t i = 0; i < n; i++)
        lw[i] = lower_ascii(s[i]);
    out[k++] = hbytes(F_LW | pd, lw, n);
    out[k++] = hbytes(F_SH | pd, sh, shape_of(s, n, sh));
    /* its word classes, all three levels, at every distance (the
     * hashed value of level 0 carries clu_of's flag bit: the weights
     * were trained so) */
    uint32_t cl = n == w->len ? clu_of(lw, n) : 0;
    for (int l = 0; cl && l < 3; l++)
        out[k++] = hint(F_CLU, (uint32_t)l << 4 | (uint32_t)(d + 2),
                        (cl >> (22 - 11 * l) & 2047) + 1, 0);
    /* a capitalised word that is an everyday word in lowercase
     * ("Universe", "Launch"): more often a word than a name */
    if (d >= -1 && d <= 1 && n >= 2 && n == w->len && s[0] >= 'A' &&
        s[0] <= 'Z' && lex_has(lw, n))
        out[k++] = hint(F_DICT, (uint32_t)(d + 2), s[1] >= 'A' && s[1] <= 'Z',
                        0);
    if (doc)
        k += word_doc_feats(w, d, out + k);
    size_t maxlex = d == 0 ? 16 : (d == -1 || d == 1) ? 8 : 0;
    for (uint32_t b = 0, c = 0; b < 32 && c < maxlex; b++) {
        if (w->lex & (1u << b)) {
            out[k++] = hint(F_LEX, b, (uint32_t)(d + 2), 0);
            c++;
        }
    }
    if (d != 0)
        return k;
    out[k++] = hbytes(F_W, s, n);
    for (size_t p = 1; p <= 3 && p < n; p++)
        out[k++] = hbytes(F_PRE | (uint32_t)p << 8, lw, p);
    for (size_t p = 1; p <= 4 && p < n; p++)
        out[k++] = hbytes(F_SUF | (uint32_t)p << 8, lw + n - p, p);
    out[k++] = hint(F_LEN, n > 12 ? 12 : (uint32_t)n, 0, 0);
    /* what the rules' cues say of this word elsewhere in the article */
    if (rules)
        out[k++] = hint(F_DOCRULE, w->doc, 0, 0);
    return k;
}

/* --- context features (per word) --- */

static uint32_t sclass(uint32_t f)
{
    if (f & TGF_INIT)
        return 4;
    if (f & TGF_ALLCAPS)
        return 2;
    if (f & TGF_CAP)
        return 1;
    if (f & TGF_DIGIT)
        return 3;
    return f & TGF_LOWER ? 0 : 5;
}

static bool capish(const tagger_tok *w);

/* Where word i stands in its run of capitalised words (at most four
 * words either side, unbroken by punctuation): position << 4 | length,
 * or RUN_NONE for a word that is not capitalised. */
enum { RUN_NONE = 0x90 };
static uint32_t run_code(const tagger_tok *tok, size_t n, size_t i)
{
    if (!capish(&tok[i]))
        return RUN_NONE;
    size_t a = i, b = i + 1;
    while (a > 0 && i - a < 4 && capish(&tok[a - 1]) &&
           !(tok[a].flags & TGF_BREAK))
        a--;
    while (b < n && b - i < 4 && capish(&tok[b]) &&
           !(tok[b].flags & TGF_BREAK))
        b++;
    return (uint32_t)(i - a) << 4 | (uint32_t)(b - a);
}

/* The rules' decision on word w as the features see it: their "no
 * name" on a word with a digit in it is a code of its own (R_DIGIT),
 * since the rules refuse every such word ("6PR", "MTV2", the "11" of
 * "Apollo 11"): without it, the prior on "the rules said O" buries the
 * tagger's own evidence there. Mean of four training seeds, typed and
 * untyped F1: WikiGold 5-fold CV +0.0007/+0.0011, UNER
 * -0.0013/-0.0023, CoNLL testa +0.0017/+0.0019. */
enum { R_DIGIT = 21 };
static uint32_t rule_code(const tagger_tok *w)
{
    return w->rule ? w->rule : (w->flags & TGF_NUM) ? R_DIGIT : 0;
}

static size_t ctx_feats(const tagger_tok *tok, size_t n, size_t i,
                        bool rules, uint32_t *out)
{
    size_t k = 0;
    const tagger_tok *w = &tok[i];
    uint32_t f = w->flags, sc = sclass(f);
    uint32_t scp = i > 0 ? sclass(tok[i - 1].flags) : 6;
    uint32_t scn = i + 1 < n ? sclass(tok[i + 1].flags) : 6;
    uint32_t gp = i > 0 ? tok[i - 1].gaz : 99, gn = i + 1 < n ? tok[i + 1].gaz : 99;
    out[k++] = hint(F_BIAS, 0, 0, 0);
    for (uint32_t b = 4; b < 12; b++) {
        if (f & (1u << b))
            out[k++] = hint(F_FLAG, b, sc, 0);
    }
    out[k++] = hint(F_DOC, (f >> 12) & 3, (f & (TGF_SENT | TGF_LINE)) != 0,
                    sc);
    for (int d = -2; d <= 2; d++) {
        if ((d < 0 && (size_t)-d > i) || (d > 0 && i + (size_t)d >= n))
            out[k++] = hint(F_BOUND, (uint32_t)(d + 2), 0, 0);
    }
    out[k++] = hint(F_SC3, scp, sc, scn);
    out[k++] = hint(F_NBRK, i + 1 < n && (tok[i + 1].flags & TGF_BREAK), sc,
                    i + 1 < n && (tok[i + 1].flags & TGF_SENT));
    uint32_t run = run_code(tok, n, i);
    out[k++] = hint(F_RUN, run >> 4, run & 15, sc);
    out[k++] = hint(F_GAZ, w->gaz, gp, gn);
    out[k++] = hint(F_GAZSC, w->gaz, sc, (f & TGF_SENT) != 0);
    if (!rules)
        return k;
    uint32_t r = rule_code(w);
    uint32_t rp = i > 0 ? rule_code(&tok[i - 1]) : 99,
             rn = i + 1 < n ? rule_code(&tok[i + 1]) : 99;
    out[k++] = hint(F_RULE, r, 0, 0);
    out[k++] = hint(F_RULE2, rp, r, rn);
    out[k++] = hint(F_RULESC, r, sc, (f & TGF_SENT) != 0);
    out[k++] = hint(F_RULEGAZ, r, w->gaz, 0);
    out[k++] = hint(F_RULECUE, r, w->cue, (f & TGF_SENT) != 0);
    return k;
}

uint32_t tagger_rule_feature(uint8_t rule)
{
    return hint(F_RULE, rule, 0, 0);
}

size_t tagger_features(const tagger_tok *tok, size_t n, size_t i,
                       bool rules, uint32_t *out)
{
    size_t k = 0;
    for (int d = -2; d <= 2; d++) {
        if ((d < 0 && (size_t)-d > i) || (d > 0 && i + (size_t)d >= n))
            continue;
        k += word_feats(&tok[(size_t)((ptrdiff_t)i + d)], d, rules, true,
                        out + k);
    }
    return k + ctx_feats(tok, n, i, rules, out + k);
}

static bool capish(const tagger_tok *w)
{
    uint32_t f = w->flags;
    if ((f & TGF_COMMON) && (f & (TGF_SENT | TGF_LINE | TGF_TC)))
        return false;
    return (f & (TGF_CAP | TGF_ALLCAPS | TGF_INIT)) != 0;
}

bool tagger_active(const tagger_tok *tok, size_t n, size_t i)
{
    if (tok[i].rule || tok[i].gaz || capish(&tok[i]))
        return true;
    return (i > 0 && capish(&tok[i - 1])) || (i + 1 < n && capish(&tok[i + 1]));
}

bool tagger_seg_start(const tagger_tok *tok, size_t n, size_t i)
{
    return i == 0 || (tok[i].flags & TGF_SENT) ||
           !tagger_active(tok, n, i - 1);
}

/* --- the weight file --- */

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static int16_t quant(float x, float scale)
{
    float q = x * scale;
    q = q < 0 ? -(float)(int32_t)(-q + 0.5f) : (float)(int32_t)(q + 0.5f);
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

unsigned char *tagger_serialise(const tagger_params *p, size_t *len)
{
    size_t nw = ((size_t)1 << p->nbits) * T;
    float mx = 1e-9f;
    for (size_t i = 0; i < nw; i++)
        mx = p->w[i] > mx ? p->w[i] : -p->w[i] > mx ? -p->w[i] : mx;
    for (size_t i = 0; i < NTRANS; i++)
        mx = p->trans[i] > mx ? p->trans[i] : -p->trans[i] > mx ? -p->trans[i] : mx;
    /* headroom: a word sums about 60 weights */
    float scale = 8191.0f / mx;
    *len = HDR + 2 * (NTRANS + nw) + 4;
    unsigned char *b = lede_malloc(*len), *q = b + HDR;
    memcpy(b, "LEDETAG1", 8);
    put32(b + 8, p->rules ? 1 : 0);
    put32(b + 12, p->nbits);
    put32(b + 16, T);
    uint32_t sbits;
    memcpy(&sbits, &scale, 4);
    put32(b + 20, sbits);
    for (size_t i = 0; i < NTRANS + nw; i++, q += 2) {
        float x = i < NTRANS ? p->trans[i] : p->w[i - NTRANS];
        uint16_t v = (uint16_t)quant(x, scale);
        q[0] = (unsigned char)v;
        q[1] = (unsigned char)(v >> 8);
    }
    put32(q, checksum(b, *len - 4));
    return b;
}

static tagger *refuse(char *err, size_t errlen, const char *why)
{
    if (err && errlen) {
        strncpy(err, why, errlen - 1);
        err[errlen - 1] = '\0';
    }
    return NULL;
}

/* The weights as stored (little-endian int16) can be used in place when
 * they stay (the built-in ones, in the binary's read-only data) and the
 * machine reads them that way: no 4.7 MB copy at start (6-7 ms of the
 * 30 ms before the first article is scanned), and the pages are shared
 * by every lede running. */
static bool in_place(const unsigned char *w, bool stays)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return stays && (uintptr_t)w % _Alignof(int16_t) == 0;
#else
    (void)w;
    (void)stays;
    return false;
#endif
}

static tagger *load(const void *buf, size_t len, bool check, bool stays,
                    char *err, size_t errlen)
{
    const unsigned char *b = buf;
    if (!b || len < HDR + 2 * NTRANS + 4)
        return refuse(err, errlen, "tagger weights: file too short");
    if (memcmp(b, "LEDETAG1", 8) != 0)
        return refuse(err, errlen, "tagger weights: not a lede weight file");
    uint32_t nbits = get32(b + 12);
    if (get32(b + 16) != T || nbits < 8 || nbits > 24 || get32(b + 8) > 1)
        return refuse(err, errlen, "tagger weights: unknown layout");
    size_t nw = ((size_t)1 << nbits) * T;
    if (len != HDR + 2 * (NTRANS + nw) + 4)
        return refuse(err, errlen, "tagger weights: wrong size (truncated?)");
    if (check && checksum(b, len - 4) != get32(b + len - 4))
        return refuse(err, errlen, "tagger weights: checksum mismatch");
    tagger *m = lede_calloc(1, sizeof *m);
    m->nbits = nbits;
    m->mask = (1u << nbits) - 1;
    m->rules = get32(b + 8) == 1;
    uint32_t sbits = get32(b + 20);
    memcpy(&m->scale, &sbits, 4);
    if (!(m->scale > 0 && m->scale < 1e9f)) {
        free(m);
        return refuse(err, errlen, "tagger weights: bad scale");
    }
    tagger_set_defer(m, TAGGER_DEFER_DEFAULT);
    const unsigned char *q = b + HDR;
    for (size_t i = 0; i < NTRANS; i++, q += 2)
        m->trans[i] = (int16_t)(uint16_t)(q[0] | q[1] << 8);
    if (in_place(q, stays)) {
        m->w = (const int16_t *)(const void *)q;
        return m;
    }
    m->own = lede_malloc(nw * sizeof *m->own);
    for (size_t i = 0; i < nw; i++, q += 2)
        m->own[i] = (int16_t)(uint16_t)(q[0] | q[1] << 8);
    m->w = m->own;
    return m;
}

tagger *tagger_load(const void *buf, size_t len, char *err, size_t errlen)
{
    return load(buf, len, true, false, err, errlen);
}

void tagger_free(tagger *m)
{
    if (m) {
        free(m->own);
        free(m);
    }
}

static tagger *builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin(void)
{
    /* built in: its checksum is checked by the tests (test_tagger), not
     * at every start (7 ms over 4.7 MB) */
    builtin = load(lede_data_tagger, lede_data_tagger_len, false, true,
                   NULL, 0);
}

const tagger *tagger_builtin(void)
{
    pthread_once(&builtin_once, load_builtin);
    return builtin;
}

void tagger_set_defer(tagger *m, float margin)
{
    float q = margin * m->scale;
    m->defer = m->rules ? (int32_t)(q > 1e9f ? 1e9f : q) : 0;
}

bool tagger_uses_rules(const tagger *m)
{
    return m && m->rules;
}

/* --- decoding --- */

enum { CACHE = 8192, CTXCACHE = 16384 };

typedef struct ctx_ent {
    uint64_t key;
    uint8_t run; /* run_code: the part of the context the key lacks */
    bool used;
    int32_t v[T];
} ctx_ent;

typedef struct cache_ent {
    uint64_t key; /* 0 = empty */
    int32_t v[NPOS][T];
} cache_ent;

struct tagger_scratch {
    const tagger *model; /* the caches hold this model's sums */
    cache_ent *cache;
    ctx_ent *ctx;
    int32_t *em;   /* n * T emission scores */
    uint8_t *bp;   /* n * T back pointers */
    bool *act;
    uint8_t *alt;  /* the rules' path */
    uint8_t *own;  /* the tagger's own path, before it defers */
    uint64_t *key; /* per word: its cache key, 0 until needed */
    size_t cap;
};

tagger_scratch *tagger_scratch_new(void)
{
    return lede_calloc(1, sizeof(tagger_scratch));
}

void tagger_scratch_free(tagger_scratch *s)
{
    if (s) {
        free(s->cache);
        free(s->ctx);
        free(s->em);
        free(s->bp);
        free(s->act);
        free(s->alt);
        free(s->own);
        free(s->key);
        free(s);
    }
}

static void add_feats(const tagger *m, const uint32_t *f, size_t nf,
                      int32_t *v)
{
    _Static_assert(T == 9, "add_feats adds nine weights a row");
    for (size_t k = 0; k < nf; k++) {
        const int16_t *y = m->w + (size_t)(f[k] & m->mask) * T;
        v[0] += y[0], v[1] += y[1], v[2] += y[2], v[3] += y[3];
        v[4] += y[4], v[5] += y[5], v[6] += y[6], v[7] += y[7];
        v[8] += y[8];
    }
}

/* One round of word_key: v taken into h (a bijection of h for each v,
 * so two inputs meet only by a full 64-bit coincidence). */
static inline uint64_t key_round(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    return h ^ h >> 29;
}

/* A word type's cache key: its length, word-list bits and article vote,
 * then its bytes eight at a time (words are short; this runs for every
 * scored word). */
static uint64_t word_key(const tagger_tok *w)
{
    const unsigned char *p = (const unsigned char *)w->s;
    uint64_t h = key_round(0x9e3779b97f4a7c15ull,
                           (uint64_t)w->lex << 32 | w->len);
    h = key_round(h, w->doc);
    size_t n = w->len;
    uint64_t x;
    for (; n > 8; n -= 8, p += 8) {
        memcpy(&x, p, 8);
        h = key_round(h, x);
    }
    /* the last one to eight bytes: two overlapping loads (with the
     * length, they determine the bytes), no byte loop */
    if (n >= 4) {
        uint32_t u, v;
        memcpy(&u, p, 4);
        memcpy(&v, p + n - 4, 4);
        x = (uint64_t)u << 32 | v;
    } else {
        x = n ? (uint64_t)p[0] << 16 | (uint64_t)p[n / 2] << 8 | p[n - 1] : 0;
    }
    h = key_round(h, x);
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 29;
    return h | 1;
}

/* Ask for the cache lines of e ahead of their use (no effect on what
 * is computed). */
static inline void prefetch_entry(const cache_ent *e)
{
#if defined(__GNUC__)
    const char *p = (const char *)e;
    for (size_t o = 0; o < sizeof *e; o += 64)
        __builtin_prefetch(p + o);
#else
    (void)e;
#endif
}

/* The cached sums of word w (key: word_key) at every position. */
static const cache_ent *word_sums(const tagger *m, tagger_scratch *s,
                                  const tagger_tok *w, uint64_t key)
{
    cache_ent *e = &s->cache[key % CACHE];
    if (e->key == key)
        return e;
    memset(e, 0, sizeof *e);
    e->key = key;
    uint32_t f[TAGGER_MAXFEATS];
    for (int d = -2; d <= 2; d++)
        add_feats(m, f, word_feats(w, d, m->rules, false, f), e->v[d + 2]);
    return e;
}

/* Everything ctx_feats reads, packed: words in the same context share
 * their context sums (the key is exact, not a hash). */
static uint64_t ctx_key(const tagger_tok *tok, size_t n, size_t i)
{
    const tagger_tok *w = &tok[i];
    uint64_t k = w->flags & 0x3fff;                 /* 14 bits */
    k = k << 10 | (uint64_t)(w->gaz & 31) << 5 | (rule_code(w) & 31);
    if (i > 0)                                      /* 15 bits */
        k = k << 15 | (uint64_t)(tok[i - 1].flags & 0x1f) << 10 |
            (uint64_t)(tok[i - 1].gaz & 31) << 5 | (rule_code(&tok[i - 1]) & 31);
    else
        k = k << 15 | 0x7fff;
    if (i + 1 < n) {                                /* 17 bits */
        uint32_t f = tok[i + 1].flags;
        k = k << 17 | (uint64_t)((f & 0x1f) | (f >> 1 & 0x60)) << 10 |
            (uint64_t)(tok[i + 1].gaz & 31) << 5 |
            (rule_code(&tok[i + 1]) & 31);
    } else {
        k = k << 17 | 0x1ffff;
    }
    /* near an end: the boundary features (4 bits, 60 in all) */
    k = k << 2 | (i >= 2 ? 0 : i + 1);
    k = k << 2 | (i + 2 < n ? 0 : n - i);
    return k << 2 | (w->cue & 3);                   /* 62 bits in all */
}

/* v += y, one row of T = 9 scores, written out: the loop is too short
 * for the compiler to unroll at -O2. */
static inline void add9(int32_t *restrict v, const int32_t *restrict y)
{
    _Static_assert(T == 9, "add9 adds nine scores");
    v[0] += y[0], v[1] += y[1], v[2] += y[2], v[3] += y[3], v[4] += y[4];
    v[5] += y[5], v[6] += y[6], v[7] += y[7], v[8] += y[8];
}

/* The context sums of word i (the features of ctx_feats) into v. */
static void ctx_sums(const tagger *m, tagger_scratch *s,
                     const tagger_tok *tok, size_t n, size_t i, int32_t *v)
{
    uint64_t ck = ctx_key(tok, n, i);
    uint8_t run = (uint8_t)run_code(tok, n, i);
    ctx_ent *ce = &s->ctx[(ck ^ ck >> 29 ^ ck >> 47 ^ run * 0x9e37u) %
                          CTXCACHE];
    if (!ce->used || ce->key != ck || ce->run != run) {
        uint32_t f[TAGGER_MAXFEATS];
        memset(ce->v, 0, sizeof ce->v);
        add_feats(m, f, ctx_feats(tok, n, i, m->rules, f), ce->v);
        ce->key = ck;
        ce->run = run;
        ce->used = true;
    }
    memcpy(v, ce->v, T * sizeof *v);
}

/* The emission scores of words [a, b) into s->em: each word's context
 * sums, plus the cached word-type sums of the words within two of it.
 * Each word of [a-2, b+2) is looked up once and adds its sums to the
 * words it is seen from (integer sums: the order does not matter). */
static void emissions(const tagger *m, tagger_scratch *s,
                      const tagger_tok *tok, size_t n, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        ctx_sums(m, s, tok, n, i, s->em + i * T);
    size_t lo = a >= 2 ? a - 2 : 0, hi = b + 2 < n ? b + 2 : n;
    if (!s->key[lo])
        s->key[lo] = word_key(&tok[lo]);
    for (size_t k = lo; k < hi; k++) {
        /* the next word's entry is fetched while this one is added */
        if (k + 1 < hi) {
            if (!s->key[k + 1])
                s->key[k + 1] = word_key(&tok[k + 1]);
            prefetch_entry(&s->cache[s->key[k + 1] % CACHE]);
        }
        const cache_ent *e = word_sums(m, s, &tok[k], s->key[k]);
        /* seen from word i = k + 2 - r (at relative position r - 2),
         * for the i in [a, b) */
        size_t r0 = k + 3 > b ? k + 3 - b : 0, r1 = k + 2 - a;
        if (r1 > NPOS - 1)
            r1 = NPOS - 1;
        for (size_t r = r0; r <= r1; r++)
            add9(s->em + (k + 2 - r) * T, e->v[r]);
        /* the article-level features of word k are not in its cache
         * entry (they are not its bytes): added for each word it is
         * seen from, at distance r - 2 */
        if (tok[k].runs | tok[k].wgaz | tok[k].quote) {
            for (size_t r = r0; r <= r1; r++) {
                uint32_t f[4];
                add_feats(m, f, word_doc_feats(&tok[k], (int)r - 2, f),
                          s->em + (k + 2 - r) * T);
            }
        }
    }
}

static bool allowed(int prev, int cur)
{
    if (!TAGGER_IS_I(cur))
        return true;
    return prev >= 0 && prev && TAGGER_TYPE(prev) == TAGGER_TYPE(cur);
}

/* Viterbi over words [a, b), all active. Scores in 64 bits: a segment
 * may be a whole 8 MB line with no sentence end. The loops have fixed
 * bounds (the compiler unrolls them); ties go to the lowest tag. */
static void viterbi(const tagger *m, tagger_scratch *s, size_t a, size_t b,
                    uint8_t *tags)
{
    int64_t prev[T], cur[T];
    const int32_t *em = s->em;
    const int16_t(*tr)[T] = (const int16_t(*)[T])m->trans;
    for (int j = 0; j < T; j++)
        prev[j] = allowed(-1, j) ? (int64_t)em[a * T + j] + m->trans[T * T + j]
                                 : -((int64_t)1 << 60);
    for (size_t i = a + 1; i < b; i++) {
        const int32_t *e = em + i * T;
        uint8_t *bp = s->bp + i * T;
        for (int j = 0; j < T; j++) {
            if (TAGGER_IS_I(j)) {
                /* I-x follows only B-x or I-x */
                int64_t x0 = prev[j - 1] + tr[j - 1][j];
                int64_t x1 = prev[j] + tr[j][j];
                bool up = x1 > x0;
                cur[j] = (up ? x1 : x0) + e[j];
                bp[j] = (uint8_t)(up ? j : j - 1);
                continue;
            }
            int best = 0;
            int64_t bs = prev[0] + tr[0][j], x;
#define FROM(p)                                                            \
    x = prev[p] + tr[p][j];                                                \
    if (x > bs) {                                                          \
        bs = x;                                                            \
        best = p;                                                          \
    }
            _Static_assert(T == 9, "the steps below cover nine tags");
            FROM(1) FROM(2) FROM(3) FROM(4) FROM(5) FROM(6) FROM(7) FROM(8)
#undef FROM
            cur[j] = bs + e[j];
            bp[j] = (uint8_t)best;
        }
        memcpy(prev, cur, sizeof prev);
    }
    int best = 0;
    for (int j = 1; j < T; j++) {
        if (prev[j] > prev[best])
            best = j;
    }
    for (size_t i = b; i-- > a;) {
        tags[i] = (uint8_t)best;
        if (i > a)
            best = s->bp[i * T + best];
    }
}

/* The type whose B I.. tags score tags[a, b) best by the emissions
 * (ties to the lowest); *gap, unless NULL, gets its lead over the next. */
static int span_type(const tagger_scratch *s, size_t a, size_t b,
                     int64_t *gap)
{
    int64_t best = INT64_MIN, second = INT64_MIN;
    int type = 0;
    for (int ty = 0; ty < TAGGER_NTYPES; ty++) {
        int64_t sc = s->em[a * T + TAGGER_B(ty)];
        for (size_t k = a + 1; k < b; k++)
            sc += s->em[k * T + TAGGER_I(ty)];
        if (sc > best) {
            second = best;
            best = sc;
            type = ty;
        } else if (sc > second) {
            second = sc;
        }
    }
    if (gap)
        *gap = best - second;
    return type;
}

/* The rules' labelling of [a, b) as tags (a name of unknown type takes
 * the type the model scores highest over its words). */
static void rule_path(const tagger_scratch *s, const tagger_tok *tok,
                      size_t a, size_t b, uint8_t *out)
{
    size_t i = a;
    while (i < b) {
        uint8_t r = tok[i].rule;
        if (!r) {
            out[i++] = 0;
            continue;
        }
        size_t j = i + 1;
        while (j < b && tok[j].rule && ((tok[j].rule - 1) % 10) >= 5)
            j++;
        int type = (r - 1) % 5;
        if (type == 4)
            type = span_type(s, i, j, NULL);
        for (size_t k = i; k < j; k++)
            out[k] = (uint8_t)(k == i ? TAGGER_B(type) : TAGGER_I(type));
        i = j;
    }
}

/* The score of tags[x, y) with the transitions into it from tags[x-1]
 * (or the start) and out of it into tags[y] when y < b. */
static int64_t stretch_score(const tagger *m, const tagger_scratch *s,
                             size_t a, size_t b, size_t x, size_t y,
                             const uint8_t *tags)
{
    int64_t sc = 0;
    for (size_t i = x; i < y; i++) {
        int prev = i > a ? tags[i - 1] : T;
        sc += s->em[i * T + tags[i]] + m->trans[prev * T + tags[i]];
    }
    if (y < b)
        sc += m->trans[tags[y - 1] * T + tags[y]];
    return sc;
}

/* The position part of a TAGGER_GAZ mark: 0 none, 1 B, 2 I, 3 L, 4 U. */
static unsigned gaz_pos(uint8_t gaz)
{
    return gaz >> 2;
}

/* A capitalised everyday word (in the lexicon) that the rules hold in
 * a name none of their cues typed, here or elsewhere in the article. */
static bool untyped_everyday(const tagger_tok *w)
{
    if (w->doc || !w->rule || (w->rule - 1) % 5 != 4 || w->len < 2 ||
        w->s[0] < 'A' || w->s[0] > 'Z')
        return false;
    return tagger_everyday(w->s, w->len);
}

/* Where the tagger's labelling of [a, b) and the rules' differ, each
 * stretch of disagreement (between words both leave O or where both
 * start a name) is judged on its own: the rules' labelling stays (every
 * word of the stretch marked TAGGER_RULES) unless the tagger's beats it
 * there by the defer margin
 * (three fifths of it where the tagger leaves a one-word stretch O
 * whose word the rules name nowhere else in the article, none to drop
 * a name of everyday words that no cue of the rules typed, and never
 * for a stretch whose every word they name elsewhere too).
 * It never makes one name of two known names, side by side or with
 * words between them, nor of a known place and a name after it that the
 * rules type as a person elsewhere in the article, nor of a known name
 * and a name after it that starts with a given name.
 * A type the tagger is sure of in one name does not let it drop another
 * name of the same sentence the rules found. Nor does it ever drop a name
 * of the curated gazetteer the rules kept ("seats from Labour"): it may
 * only retype or re-span it. */
static void maybe_defer(const tagger *m, tagger_scratch *s,
                        const tagger_tok *tok, size_t a, size_t b,
                        uint8_t *tags)
{
    if (m->defer <= 0)
        return;
    uint8_t *alt = s->alt;
    rule_path(s, tok, a, b, alt);
    size_t i = a;
    while (i < b) {
        if (!tags[i] && !alt[i]) {
            i++;
            continue;
        }
        size_t j = i + 1;
        /* a stretch ends where both labellings start a name afresh:
         * what lies on either side is judged on its own ("Pro-Beijing
         * DAB's" that the rules named and the tagger did not, then
         * "Starry Lee" that the tagger had cut to "Lee") */
        while (j < b && (tags[j] || alt[j]) &&
               (TAGGER_IS_I(tags[j]) || TAGGER_IS_I(alt[j])))
            j++;
        bool erased = true, known = false, glued = false, ended = false,
             place = false;
        for (size_t k = i; k < j; k++) {
            erased &= !tags[k];
            known |= alt[k] && tok[k].gaz;
            /* one name over two known names ("Paris Berlin", "New
             * Quelmor the New Quelmor") */
            ended &= TAGGER_IS_I(tags[k]);
            place &= TAGGER_IS_I(tags[k]);
            glued |= ended && gaz_pos(tok[k].gaz) % 3 == 1;
            /* nor of a place and a name after it that the rules type as
             * a person elsewhere in the article ("the United States
             * Hamdullah Mohib" after "Ambassador Hamdullah Mohib says") */
            glued |= place && alt[k] && !TAGGER_IS_I(alt[k]) &&
                     tok[k].doc == 1 + TY_PERSON;
            /* nor of a known name and a person's name after it that
             * starts with a given name ("Image: NASA Bill Ingalls") */
            glued |= ended && alt[k] && !TAGGER_IS_I(alt[k]) &&
                     (tok[k].flags & TGF_GIVEN);
            ended |= tags[k] && gaz_pos(tok[k].gaz) >= 3;
            place |= tags[k] && gaz_pos(tok[k].gaz) >= 3 &&
                     (tok[k].gaz & 3) == TY_PLACE;
        }
        /* dropping a one-word name needs less than adding or retyping
         * one, unless the rules' cues type that word somewhere in the
         * article: their junk filters are the weaker side on text they
         * were not written for */
        int64_t margin = erased && j == i + 1 && !tok[i].doc
                             ? m->defer * 3 / 5 : m->defer;
        /* nor at all to drop a name that no cue of the rules typed,
         * here or elsewhere in the article, made of everyday words
         * ("the Universe", "the Middle Ages"): the tagger, which sees
         * the lexicon, decides alone */
        bool everyday = erased;
        for (size_t k = i; k < j && everyday; k++)
            everyday = untyped_everyday(&tok[k]);
        if (everyday)
            margin = 0;
        /* the rules never name a word with a digit ("6PR", the "11"
         * of "Apollo 11"): where the tagger names one they left out,
         * half the margin. Measured against the full margin, mean of
         * four training seeds, typed/untyped F1: WikiGold 5-fold CV
         * +0.0025/+0.0032, UNER (no MISC: a product such as "Lexus IS
         * 300" counts as a false name) -0.0016/-0.0017, CoNLL testa
         * -0.0005/-0.0004; no margin at all lost more on UNER and
         * CoNLL ("London E17" as one name). */
        bool digit = false;
        for (size_t k = i; k < j; k++)
            digit |= tags[k] && !alt[k] && (tok[k].flags & TGF_NUM);
        if (digit && margin > m->defer / 2)
            margin = m->defer / 2;
        /* on a title-case line (a headline) capitals say nothing and the
         * rules take only known names: where the tagger names an everyday
         * word they left out ("De Mistura to Have Separate Syria Talks"),
         * twice the margin. Mean of training seeds 1..8 (three models,
         * defer 40), CoNLL testa / WikiGold CV typed: without 0.8669 /
         * 0.6999 and the sample set's headline named "Have Separate
         * Syria Talks"; twice the margin for any word the tagger names
         * there, 0.8674 / 0.6959; for everyday words, 0.8680 / 0.6973 */
        bool tc = false;
        for (size_t k = i; k < j; k++)
            tc |= tags[k] && !alt[k] && (tok[k].flags & TGF_TC) &&
                  tagger_everyday(tok[k].s, tok[k].len);
        if (tc && margin < 2 * m->defer)
            margin = 2 * m->defer;
        /* nor drops a name whose words the rules name elsewhere in the
         * article too ("Yukos said" after "oil firm Yukos", "Quorvex
         * Power will" after "Quorvex Power announced") */
        bool named = true;
        for (size_t k = i; k < j; k++)
            named &= (tok[k].flags & TGF_NAMED) != 0;
        if ((erased && (known || named)) || glued ||
            /* the tagger's own path: the stretch before this one may be
             * marked TAGGER_RULES in tags already */
            stretch_score(m, s, a, b, i, j, s->own) -
                    stretch_score(m, s, a, b, i, j, alt) <
                margin) {
            for (size_t k = i; k < j; k++)
                tags[k] = TAGGER_RULES;
        }
        i = j;
    }
}

/* The word s[0..n), ASCII lowercase, into lw (64 bytes); false when it
 * is longer (no listed word is). */
static bool fold_word(const char *s, size_t n, unsigned char *lw)
{
    if (n > 64)
        return false;
    for (size_t k = 0; k < n; k++)
        lw[k] = lower_ascii((unsigned char)s[k]);
    return true;
}

bool tagger_everyday(const char *s, size_t n)
{
    unsigned char lw[64];
    return n >= 2 && fold_word(s, n, lw) && lex_has(lw, n);
}

int tagger_word_class(const char *s, size_t n, int level)
{
    unsigned char lw[64];
    if (n < 1 || level < 0 || level > 2 || !fold_word(s, n, lw))
        return -1;
    uint32_t cl = clu_of(lw, n);
    return cl ? (int)clu_field(cl, level) : -1;
}

uint8_t tagger_own_tag(const tagger_scratch *s, size_t i)
{
    return s->own[i];
}

int tagger_span_type(const tagger *m, const tagger_scratch *s, size_t a,
                     size_t b, float *margin)
{
    int64_t gap;
    int type = span_type(s, a, b, &gap);
    *margin = (float)gap / m->scale;
    return type;
}

void tagger_tag(const tagger *m, tagger_scratch *s, const tagger_tok *tok,
                size_t n, uint8_t *tags)
{
    if (!n)
        return; /* no word: nothing to label, nothing allocated yet */
    if (!s->cache || s->model != m) {
        if (!s->cache) {
            s->cache = lede_malloc(CACHE * sizeof *s->cache);
            s->ctx = lede_malloc(CTXCACHE * sizeof *s->ctx);
        }
        memset(s->cache, 0, CACHE * sizeof *s->cache);
        memset(s->ctx, 0, CTXCACHE * sizeof *s->ctx);
        s->model = m;
    }
    if (n > s->cap) {
        s->cap = n + n / 2 + 64;
        s->em = lede_realloc(s->em, s->cap * T * sizeof *s->em);
        s->bp = lede_realloc(s->bp, s->cap * T);
        s->act = lede_realloc(s->act, s->cap);
        s->alt = lede_realloc(s->alt, s->cap);
        s->own = lede_realloc(s->own, s->cap);
        s->key = lede_realloc(s->key, s->cap * sizeof *s->key);
    }
    memset(s->key, 0, n * sizeof *s->key);
    /* tagger_active, with each word's capish() worked out once */
    bool cp_prev = false, cp_cur = n && capish(&tok[0]);
    for (size_t i = 0; i < n; i++) {
        bool cp_next = i + 1 < n && capish(&tok[i + 1]);
        s->act[i] = tok[i].rule || tok[i].gaz || cp_prev || cp_cur || cp_next;
        cp_prev = cp_cur;
        cp_cur = cp_next;
    }
    size_t i = 0;
    while (i < n) {
        if (!s->act[i]) {
            s->own[i] = 0;
            tags[i++] = 0;
            continue;
        }
        size_t j = i + 1;
        while (j < n && s->act[j] && !(tok[j].flags & TGF_SENT))
            j++;
        emissions(m, s, tok, n, i, j);
        viterbi(m, s, i, j, tags);
        memcpy(s->own + i, tags + i, j - i);
        maybe_defer(m, s, tok, i, j, tags);
        i = j;
    }
}
