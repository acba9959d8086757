/* story.c: fingerprints, read-in lookup, duplicates, co-occurrence and
 * timelines (see story.h). */
#include "story.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* ---- fingerprints ------------------------------------------------------- */

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

/* Hash of a word sequence given as word hashes: each word's hash is
 * mixed with its position, so the order counts. Arithmetic on the
 * values only, so the result is the same on every machine. */
static inline uint64_t rotl(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

static uint64_t hash_words(const uint64_t *w, size_t n)
{
    if (n == STORY_SHINGLE) { /* the common case: one mix */
        uint64_t h = mix64(w[0] ^ rotl(w[1], 21) ^ rotl(w[2], 42) ^
                           0x2545f4914f6cdd1dULL);
        return h ? h : 1;
    }
    uint64_t h = 0x9e3779b97f4a7c15ULL * (n + 1);
    for (size_t i = 0; i < n; i++)
        h = mix64(h ^ (w[i] + 0x9e3779b97f4a7c15ULL * (i + 1)));
    return h ? h : 1; /* 0 means empty in the maps below */
}

static bool is_word_cp(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || text_is_letter(cp);
}

static bool ascii_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* The hash of one word s[0..n) as normalised: ASCII lowercased inline,
 * anything else folded (case and accents) by text_fold. */
static uint64_t word_hash(const char *s, size_t n, bool ascii,
                          text_fold_buf *f)
{
    char small[64];
    if (!ascii) {
        text_fold(s, n, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, f);
        return lede_hash64(f->s, f->len);
    }
    char *d = n <= sizeof small ? small : lede_malloc(n);
    for (size_t i = 0; i < n; i++)
        d[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]);
    uint64_t h = lede_hash64(d, n);
    if (d != small)
        free(d);
    return h;
}

/* Word hashes of a paragraph, appended to *w after its first nw: runs
 * of letters and digits (each CJK ideograph a word of its own);
 * everything else separates. ASCII is classified inline; only other
 * characters ask the Unicode tables. Returns the new count. */
static size_t para_words(const char *s, size_t len, uint64_t **w, size_t *cap,
                         text_fold_buf *f, size_t nw)
{
    size_t i = 0;
    LEDE_GROW(*w, *cap, nw + len / 2 + 1); /* words are >= 1 byte, 1 apart */
    while (i < len) {
        size_t n = 1;
        int32_t cp = (unsigned char)s[i];
        if (cp >= 0x80)
            cp = text_decode(s + i, len - i, &n);
        if (cp < 0x80 ? !ascii_word((unsigned char)cp) : !is_word_cp(cp)) {
            i += n;
            continue;
        }
        size_t start = i;
        bool ascii = cp < 0x80;
        if (!ascii && text_is_cjk_break(cp)) {
            i += n;
        } else {
            while (i < len) {
                unsigned char c = (unsigned char)s[i];
                if (c < 0x80) {
                    if (!ascii_word(c))
                        break;
                    i++;
                    continue;
                }
                cp = text_decode(s + i, len - i, &n);
                if (!is_word_cp(cp) || text_is_cjk_break(cp))
                    break;
                ascii = false;
                i += n;
            }
        }
        (*w)[nw++] = word_hash(s + start, i - start, ascii, f);
    }
    return nw;
}

void story_print_fini(story_print *p)
{
    free(p->para);
    free(p->sh);
    memset(p, 0, sizeof *p);
}

/* A shingle keeps 32 bits of its hash (never 0): half the memory; a
 * collision adds one hit to one paragraph, far from the threshold. */
static uint32_t shingle_of(uint64_t h)
{
    uint32_t v = (uint32_t)(h >> 32);
    return v ? v : 1;
}

/* Shingles of one paragraph's words appended to p->sh. */
static void add_shingles(story_print *p, size_t *shcap, const uint64_t *w,
                         size_t nw)
{
    size_t ns = nw < STORY_SHINGLE ? 1 : nw - STORY_SHINGLE + 1;
    LEDE_GROW(p->sh, *shcap, p->nsh + ns);
    if (nw < STORY_SHINGLE) {
        p->sh[p->nsh++] = shingle_of(hash_words(w, nw));
        return;
    }
    for (size_t i = 0; i + STORY_SHINGLE <= nw; i++)
        p->sh[p->nsh++] = shingle_of(hash_words(w + i, STORY_SHINGLE));
}

void story_build_begin(story_build *b, story_print *p)
{
    story_print_fini(p);
    memset(b, 0, sizeof *b);
    b->p = p;
}

void story_build_word(story_build *b, uint64_t h)
{
    LEDE_GROW(b->w, b->wcap, b->nw + 1);
    b->w[b->nw++] = h;
}

uint64_t story_word_hash(const char *folded, size_t n)
{
    return lede_hash64(folded, n);
}

void story_build_para(story_build *b, uint32_t block)
{
    story_print *p = b->p;
    size_t nw = b->nw;
    b->nw = 0;
    if (!nw)
        return;
    LEDE_GROW(p->para, b->pcap, p->npara + 1);
    story_para *sp = &p->para[p->npara++];
    sp->block = block;
    sp->first = p->nsh;
    sp->words = (uint32_t)nw;
    add_shingles(p, &b->shcap, b->w, nw);
    sp->n = p->nsh - sp->first;
    p->words += (uint32_t)nw;
    /* the body hash chains paragraph hashes: paragraph breaks are
     * part of a body's identity, spacing and punctuation are not */
    uint64_t ph = hash_words(b->w, nw);
    b->body = hash_words((uint64_t[]){b->body, ph}, 2);
}

void story_build_words(story_build *b, const char *s, size_t len)
{
    b->nw = para_words(s, len, &b->w, &b->wcap, &b->f, b->nw);
}

void story_build_text(story_build *b, uint32_t block, const char *s,
                      size_t len)
{
    story_build_words(b, s, len);
    story_build_para(b, block);
}

void story_build_end(story_build *b)
{
    b->p->body = b->p->npara ? b->body : 0;
    free(b->w);
    text_fold_fini(&b->f);
    memset(b, 0, sizeof *b);
}

void story_print_article(story_print *p, const article *a)
{
    story_build b;
    story_build_begin(&b, p);
    for (size_t i = 0; i < a->nblocks; i++) {
        const article_block *bl = &a->blocks[i];
        if (bl->kind == BLOCK_BODY)
            story_build_text(&b, (uint32_t)i, a->text + bl->off, bl->len);
    }
    story_build_end(&b);
}

/* ---- packed form --------------------------------------------------------- */

static void put32(unsigned char *d, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        d[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *d)
{
    return (uint32_t)d[0] | (uint32_t)d[1] << 8 | (uint32_t)d[2] << 16 |
           (uint32_t)d[3] << 24;
}

/* Shingles of a paragraph of nw words (add_shingles' count). */
static uint32_t shingles_for(uint32_t nw)
{
    return nw < STORY_SHINGLE ? 1 : nw - STORY_SHINGLE + 1;
}

enum { PACK_HEAD = 12, PACK_PARA = 8 }; /* body + npara; block + words */

void *story_print_pack(const story_print *p, size_t *len)
{
    *len = PACK_HEAD + (size_t)p->npara * PACK_PARA + (size_t)p->nsh * 4;
    unsigned char *b = lede_malloc(*len), *d = b;
    put32(d, (uint32_t)p->body);
    put32(d + 4, (uint32_t)(p->body >> 32));
    put32(d + 8, p->npara);
    d += PACK_HEAD;
    for (uint32_t i = 0; i < p->npara; i++, d += PACK_PARA) {
        put32(d, p->para[i].block);
        put32(d + 4, p->para[i].words);
    }
    for (uint32_t i = 0; i < p->nsh; i++, d += 4)
        put32(d, p->sh[i]);
    return b;
}

int story_print_unpack(story_print *p, const void *buf, size_t len)
{
    story_print_fini(p);
    const unsigned char *b = buf;
    if (!b || len < PACK_HEAD)
        return -1;
    uint32_t npara = get32(b + 8);
    if ((len - PACK_HEAD) / PACK_PARA < npara)
        return -1;
    /* the shingle count and the sanity of the paragraph rows first */
    const unsigned char *d = b + PACK_HEAD;
    uint64_t nsh = 0, words = 0;
    for (uint32_t i = 0; i < npara; i++, d += PACK_PARA) {
        uint32_t blk = get32(d), nw = get32(d + 4);
        if (!nw || (i && blk <= get32(d - PACK_PARA)))
            return -1; /* a paragraph has words; blocks ascend */
        nsh += shingles_for(nw);
        words += nw;
    }
    if (words > UINT32_MAX || nsh > UINT32_MAX ||
        len != PACK_HEAD + (size_t)npara * PACK_PARA +
                                          nsh * 4)
        return -1;
    for (uint64_t k = 0; k < nsh; k++)
        if (!get32(d + 4 * k))
            return -1; /* a shingle is never 0 */
    p->body = (uint64_t)get32(b) | (uint64_t)get32(b + 4) << 32;
    if (!npara != !p->body) { /* a body hash exactly when there is a body */
        p->body = 0;
        return -1;
    }
    p->npara = npara;
    p->nsh = (uint32_t)nsh;
    p->words = (uint32_t)words;
    p->para = lede_malloc((npara ? npara : 1) * sizeof *p->para);
    p->sh = lede_malloc((nsh ? nsh : 1) * sizeof *p->sh);
    d = b + PACK_HEAD;
    uint32_t first = 0;
    for (uint32_t i = 0; i < npara; i++, d += PACK_PARA) {
        uint32_t nw = get32(d + 4);
        p->para[i] = (story_para){get32(d), first, shingles_for(nw), nw};
        first += shingles_for(nw);
    }
    for (uint32_t k = 0; k < p->nsh; k++, d += 4)
        p->sh[k] = get32(d);
    return 0;
}

/* ---- a 64-bit key -> 32-bit value map (open addressing) ----------------- */

typedef struct u64map {
    uint64_t *key; /* 0: empty */
    uint32_t *val;
    size_t cap, n; /* cap a power of two */
} u64map;

static size_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k;
}

static void u64map_init(u64map *m, size_t want)
{
    size_t cap = 16;
    while (cap < want * 2)
        cap *= 2;
    m->cap = cap;
    m->n = 0;
    m->key = lede_calloc(cap, sizeof *m->key);
    m->val = lede_malloc(cap * sizeof *m->val);
}

static void u64map_fini(u64map *m)
{
    free(m->key);
    free(m->val);
}

/* Slot of key k: where it is, or the empty slot where it would go. */
static size_t u64map_slot(const u64map *m, uint64_t k)
{
    size_t i = mix(k) & (m->cap - 1);
    while (m->key[i] && m->key[i] != k)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* ---- duplicate groups --------------------------------------------------- */

struct story_dups {
    u64map m;        /* body hash -> representative */
    uint32_t *last;  /* per article: its group's last member, when it is
                        a representative */
    size_t n, cap;   /* articles added; room in last */
};

story_dups *story_dups_new(void)
{
    story_dups *d = lede_calloc(1, sizeof *d);
    u64map_init(&d->m, 8);
    return d;
}

void story_dups_free(story_dups *d)
{
    if (!d)
        return;
    u64map_fini(&d->m);
    free(d->last);
    free(d);
}

/* Room for `more` keys at half load at most. */
static void u64map_reserve(u64map *m, size_t more)
{
    if ((m->n + more) * 2 <= m->cap)
        return;
    u64map old = *m;
    u64map_init(m, old.n + more);
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.key[i])
            continue;
        size_t s = u64map_slot(m, old.key[i]);
        m->key[s] = old.key[i];
        m->val[s] = old.val[i];
        m->n++;
    }
    u64map_fini(&old);
}

void story_dups_add(story_dups *d, const uint64_t *body, size_t from,
                    size_t to, uint32_t *rep, uint32_t *next)
{
    if (to <= from)
        return;
    LEDE_GROW(d->last, d->cap, to);
    u64map_reserve(&d->m, to - from);
    for (size_t i = from; i < to; i++) {
        uint32_t r = (uint32_t)i;
        uint64_t b = body[i - from];
        if (b) {
            size_t s = u64map_slot(&d->m, b);
            if (d->m.key[s]) {
                r = d->m.val[s];
            } else {
                d->m.key[s] = b;
                d->m.val[s] = (uint32_t)i;
                d->m.n++;
            }
        }
        if (rep)
            rep[i] = r;
        /* link after the group's last member; the last points back to
         * the representative */
        if (next) {
            if (r != i)
                next[d->last[r]] = (uint32_t)i;
            next[i] = r;
        }
        d->last[r] = (uint32_t)i;
    }
    d->n = to;
}

void story_dup_groups(const uint64_t *body, size_t n, uint32_t *rep,
                      uint32_t *next)
{
    story_dups *d = story_dups_new();
    story_dups_add(d, body, 0, n, rep, next);
    story_dups_free(d);
}

/* ---- read-in lookup ------------------------------------------------------ */

/* One (shingle, article, paragraph) occurrence. A shingle keeps at most
 * SEEN_PER_KEY occurrences (the first ones read), which bounds a lookup
 * and is enough to skip the article itself and a few copies. */
enum { SEEN_PER_KEY = 4 };

typedef struct seen_ent {
    uint32_t key; /* a shingle; 0: empty */
    uint32_t art, para, seq;
} seen_ent;

struct story_seen {
    seen_ent *e;
    size_t cap, n;
    uint32_t *seq;     /* per article: 1 + reading order, 0 unread */
    size_t nseq, seqcap;
    uint32_t added;
    uint64_t *scratch; /* lookup: sources of one paragraph's hits */
    size_t scap;
};

story_seen *story_seen_new(void)
{
    story_seen *m = lede_calloc(1, sizeof *m);
    m->cap = 1024;
    m->e = lede_calloc(m->cap, sizeof *m->e);
    return m;
}

void story_seen_free(story_seen *m)
{
    if (!m)
        return;
    free(m->e);
    free(m->seq);
    free(m->scratch);
    free(m);
}

static void seen_put(story_seen *m, const seen_ent *x)
{
    size_t i = mix(x->key) & (m->cap - 1), same = 0;
    while (m->e[i].key) {
        if (m->e[i].key == x->key && ++same >= SEEN_PER_KEY)
            return;
        i = (i + 1) & (m->cap - 1);
    }
    m->e[i] = *x;
    m->n++;
}

static void seen_grow(story_seen *m, size_t need)
{
    if ((m->n + need) * 2 <= m->cap)
        return;
    size_t oldcap = m->cap;
    seen_ent *old = m->e;
    while ((m->n + need) * 2 > m->cap)
        m->cap *= 2;
    m->e = lede_calloc(m->cap, sizeof *m->e);
    m->n = 0;
    for (size_t i = 0; i < oldcap; i++) /* slot order keeps each key's */
        if (old[i].key)                 /* entries in insertion order */
            seen_put(m, &old[i]);
    free(old);
}

bool story_seen_has(const story_seen *m, uint32_t art)
{
    return art < m->nseq && m->seq[art];
}

uint32_t story_seen_count(const story_seen *m) { return m->added; }

void story_seen_add(story_seen *m, uint32_t art, const story_print *p)
{
    if (story_seen_has(m, art))
        return;
    if (art >= m->nseq) {
        LEDE_GROW(m->seq, m->seqcap, (size_t)art + 1);
        memset(m->seq + m->nseq, 0, (art + 1 - m->nseq) * sizeof *m->seq);
        m->nseq = (size_t)art + 1;
    }
    m->seq[art] = ++m->added;
    seen_grow(m, p->nsh);
    for (uint32_t pi = 0; pi < p->npara; pi++) {
        const story_para *sp = &p->para[pi];
        if (sp->words < STORY_MIN_WORDS)
            continue;
        for (uint32_t k = 0; k < sp->n; k++) {
            seen_ent x = {p->sh[sp->first + k], art, pi, m->seq[art]};
            seen_put(m, &x);
        }
    }
}

/* The first occurrence of shingle k read before `seq` outside article
 * art, or NULL. Re-growing moves entries but keeps a key's entries in
 * probe order, so the first found is the earliest kept. */
static const seen_ent *seen_find(const story_seen *m, uint32_t k, uint32_t art,
                                 uint32_t seq)
{
    size_t i = mix(k) & (m->cap - 1);
    while (m->e[i].key) {
        const seen_ent *e = &m->e[i];
        if (e->key == k && e->art != art && e->seq < seq)
            return e;
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Most frequent value of v[0..n) (n > 0); sorts v. */
static uint64_t mode_of(uint64_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_u64);
    uint64_t best = v[0];
    size_t bestn = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] == v[i])
            j++;
        if (j - i > bestn) {
            bestn = j - i;
            best = v[i];
        }
        i = j;
    }
    return best;
}

int story_seen_match(const story_seen *cm, uint32_t art, const story_print *p,
                     story_hit *hits)
{
    story_seen *m = (story_seen *)cm; /* the scratch buffer only */
    uint32_t seq = story_seen_has(m, art) ? m->seq[art] : UINT32_MAX;
    uint64_t newwords = 0;
    for (uint32_t pi = 0; pi < p->npara; pi++) {
        const story_para *sp = &p->para[pi];
        hits[pi] = (story_hit){-1, 0, 0};
        if (sp->words < STORY_MIN_WORDS || !sp->n) {
            newwords += sp->words;
            continue;
        }
        LEDE_GROW(m->scratch, m->scap, sp->n);
        size_t nh = 0;
        for (uint32_t k = 0; k < sp->n; k++) {
            const seen_ent *e = seen_find(m, p->sh[sp->first + k], art, seq);
            if (e)
                m->scratch[nh++] = (uint64_t)e->art << 32 | e->para;
        }
        unsigned pct = (unsigned)(nh * 100 / sp->n);
        hits[pi].pct = (uint8_t)pct;
        if (nh && pct >= STORY_READ_PCT) {
            uint64_t src = mode_of(m->scratch, nh);
            hits[pi].src_art = (int32_t)(src >> 32);
            hits[pi].src_para = (uint32_t)src;
        } else {
            newwords += sp->words;
        }
    }
    if (!p->words)
        return 100;
    return (int)((newwords * 100 + p->words / 2) / p->words);
}

/* ---- co-occurrence ------------------------------------------------------- */

static int by_count_desc(const void *pa, const void *pb)
{
    const entity_tally *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return (a->id > b->id) - (a->id < b->id);
}

entity_tally *story_cooc(const entity_table *t, uint32_t id, const bool *in,
                         size_t *n)
{
    *n = 0;
    size_t ne = entity_count(t), na = 0;
    if (id >= ne)
        return NULL;
    const entity_tally *arts = entity_articles(t, id, &na);
    /* stamp[e] = 1 + the last article where e was counted, so an entity
     * named twice in one article counts once */
    uint32_t *stamp = lede_calloc(ne, sizeof *stamp);
    uint32_t *cnt = lede_calloc(ne, sizeof *cnt);
    size_t distinct = 0;
    for (size_t i = 0; i < na; i++) {
        uint32_t a = arts[i].id;
        if (in && !in[a])
            continue;
        size_t nm;
        const entity_mention *m = entity_mentions(t, a, &nm);
        for (size_t k = 0; k < nm; k++) {
            uint32_t e = m[k].entity;
            if (e == id || e >= ne || stamp[e] == a + 1)
                continue;
            stamp[e] = a + 1;
            distinct += cnt[e]++ == 0;
        }
    }
    entity_tally *out = NULL;
    if (distinct) {
        out = lede_malloc(distinct * sizeof *out);
        for (size_t e = 0; e < ne; e++)
            if (cnt[e])
                out[(*n)++] = (entity_tally){(uint32_t)e, cnt[e]};
        qsort(out, *n, sizeof *out, by_count_desc);
    }
    free(stamp);
    free(cnt);
    return out;
}

entity_tally *story_both(const entity_table *t, uint32_t a, uint32_t b,
                         size_t *n)
{
    *n = 0;
    size_t ne = entity_count(t), na = 0, nb = 0;
    if (a >= ne || b >= ne)
        return NULL;
    const entity_tally *x = entity_articles(t, a, &na);
    const entity_tally *y = entity_articles(t, b, &nb);
    entity_tally *out = NULL;
    size_t cap = 0, i = 0, j = 0;
    while (i < na && j < nb) { /* both lists are in article order */
        if (x[i].id < y[j].id) {
            i++;
        } else if (y[j].id < x[i].id) {
            j++;
        } else {
            LEDE_GROW(out, cap, *n + 1);
            out[(*n)++] = (entity_tally){x[i].id, x[i].count + y[j].count};
            i++;
            j++;
        }
    }
    return out;
}

/* ---- names of a (sub)set ----------------------------------------------- */

static const entity_table *sort_tab; /* for the qsort comparators */

static int name_cmp(const story_name *a, const story_name *b)
{
    return strcmp(entity_name(sort_tab, a->id), entity_name(sort_tab, b->id));
}

static int by_mentions(const void *pa, const void *pb)
{
    const story_name *a = pa, *b = pb;
    if (a->mentions != b->mentions)
        return a->mentions < b->mentions ? 1 : -1;
    if (a->articles != b->articles)
        return a->articles < b->articles ? 1 : -1;
    int c = name_cmp(a, b);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int by_name(const void *pa, const void *pb)
{
    const story_name *a = pa, *b = pb;
    int c = name_cmp(a, b);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int by_first(const void *pa, const void *pb)
{
    const story_name *a = pa, *b = pb;
    if (a->first != b->first) {
        if (a->first < 0 || b->first < 0)
            return a->first < 0 ? 1 : -1;
        return a->first < b->first ? -1 : 1;
    }
    if (a->first_art != b->first_art)
        return a->first_art < b->first_art ? -1 : 1;
    return by_mentions(pa, pb);
}

void story_names_sort(story_name *v, size_t n, const entity_table *t,
                      story_sort by)
{
    sort_tab = t;
    qsort(v, n, sizeof *v,
          by == STORY_SORT_NAME ? by_name
          : by == STORY_SORT_FIRST ? by_first : by_mentions);
}

/* True when article a (date d) comes before the current first appearance
 * r: dated before undated, earlier dates first, then lower index. */
static bool earlier(int64_t d, uint32_t a, const story_name *r)
{
    if (d != r->first) {
        if (d < 0 || r->first < 0)
            return d >= 0;
        return d < r->first;
    }
    return a < r->first_art;
}

story_name *story_names(const entity_table *t, const uint32_t *arts,
                        size_t narts, size_t n_all, const int64_t *date_key,
                        story_sort by, size_t *n)
{
    size_t ne = entity_count(t), cnt = arts ? narts : n_all;
    *n = 0;
    /* slot[e] = 1 + index of e's row in out, 0 when not met yet */
    uint32_t *slot = lede_calloc(ne ? ne : 1, sizeof *slot);
    story_name *out = NULL;
    size_t cap = 0;
    /* stamp[e] = 1 + the last article counted for e */
    uint32_t *stamp = lede_calloc(ne ? ne : 1, sizeof *stamp);
    for (size_t i = 0; i < cnt; i++) {
        uint32_t a = arts ? arts[i] : (uint32_t)i;
        int64_t d = date_key ? date_key[a] : -1;
        size_t nm;
        const entity_mention *m = entity_mentions(t, a, &nm);
        for (size_t k = 0; k < nm; k++) {
            uint32_t e = m[k].entity;
            if (e >= ne)
                continue;
            if (!slot[e]) {
                LEDE_GROW(out, cap, *n + 1);
                out[*n] = (story_name){e, 0, 0, d, a};
                slot[e] = (uint32_t)++*n;
            }
            story_name *r = &out[slot[e] - 1];
            r->mentions++;
            if (stamp[e] != a + 1) {
                stamp[e] = a + 1;
                r->articles++;
                if (earlier(d, a, r)) {
                    r->first = d;
                    r->first_art = a;
                }
            }
        }
    }
    free(stamp);
    free(slot);
    if (*n)
        story_names_sort(out, *n, t, by);
    return out;
}

/* ---- timeline ------------------------------------------------------------ */

/* Days since 1970-01-01 of a civil date (Gregorian, any year). */
static int32_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int64_t)doe - 719468);
}

static void civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
    int64_t zz = (int64_t)z + 719468;
    int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
    unsigned doe = (unsigned)(zz - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

int32_t story_days(int64_t key)
{
    int64_t ymd = key / 1000000;
    unsigned d = (unsigned)(ymd % 100), m = (unsigned)(ymd / 100 % 100);
    if (m < 1 || m > 12)
        m = 1;
    if (d < 1 || d > 31)
        d = 1;
    return days_from_civil(ymd / 10000, m, d);
}

/* 1970-01-01 was a Thursday: Monday of the week of day z. */
static int32_t monday_of(int32_t z)
{
    int32_t wd = (int32_t)(((int64_t)z + 3) % 7); /* 0 = Monday */
    if (wd < 0)
        wd += 7;
    return z - wd;
}

static int64_t month_index(int32_t z)
{
    int y;
    unsigned m, d;
    civil_from_days(z, &y, &m, &d);
    return (int64_t)y * 12 + (m - 1);
}

/* Bucket number of day z in the timeline's unit (not yet offset). */
static int64_t unit_of(story_unit u, int32_t z)
{
    switch (u) {
    case STORY_DAY: return z;
    case STORY_WEEK: return ((int64_t)monday_of(z) + 3) / 7; /* exact */
    default: return month_index(z);
    }
}

const char *story_unit_name(story_unit u)
{
    return u == STORY_DAY ? "day" : u == STORY_WEEK ? "week" : "month";
}

void story_timeline_fini(story_timeline *tl)
{
    free(tl->count);
    memset(tl, 0, sizeof *tl);
}

void story_timeline_build(story_timeline *tl, const int64_t *keys,
                          const uint32_t *weight, size_t n)
{
    memset(tl, 0, sizeof *tl);
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t i = 0; i < n; i++) {
        if (keys[i] < 0)
            continue;
        int32_t z = story_days(keys[i]);
        lo = z < lo ? z : lo;
        hi = z > hi ? z : hi;
    }
    for (size_t i = 0; i < n; i++)
        if (keys[i] < 0)
            tl->undated += weight ? weight[i] : 1;
    if (lo > hi)
        return;
    int64_t span = (int64_t)hi - lo;
    tl->unit = span <= 62 ? STORY_DAY : span <= 731 ? STORY_WEEK : STORY_MONTH;
    int64_t b0 = unit_of(tl->unit, lo), b1 = unit_of(tl->unit, hi);
    tl->nbuckets = (size_t)(b1 - b0 + 1);
    tl->count = lede_calloc(tl->nbuckets, sizeof *tl->count);
    if (tl->unit == STORY_DAY) {
        tl->start = lo;
    } else if (tl->unit == STORY_WEEK) {
        tl->start = monday_of(lo);
    } else {
        int y;
        unsigned m, d;
        civil_from_days(lo, &y, &m, &d);
        tl->start = days_from_civil(y, m, 1);
    }
    for (size_t i = 0; i < n; i++) {
        if (keys[i] < 0)
            continue;
        size_t b = (size_t)(unit_of(tl->unit, story_days(keys[i])) - b0);
        uint32_t w = weight ? weight[i] : 1;
        tl->count[b] += w;
        tl->total += w;
        if (tl->count[b] > tl->max)
            tl->max = tl->count[b];
    }
}

long story_timeline_bucket(const story_timeline *tl, int64_t key)
{
    if (key < 0 || !tl->nbuckets)
        return -1;
    int64_t b = unit_of(tl->unit, story_days(key)) -
                unit_of(tl->unit, tl->start);
    return b >= 0 && (size_t)b < tl->nbuckets ? (long)b : -1;
}

void story_timeline_label(const story_timeline *tl, size_t b, char *out,
                          size_t outlen)
{
    int y;
    unsigned m, d;
    if (tl->unit == STORY_MONTH) {
        civil_from_days(tl->start, &y, &m, &d);
        int64_t mi = (int64_t)y * 12 + (m - 1) + (int64_t)b;
        int64_t yy = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
        snprintf(out, outlen, "%04lld-%02u", (long long)yy,
                 (unsigned)(mi - yy * 12) + 1);
        return;
    }
    int32_t z = tl->start + (int32_t)b * (tl->unit == STORY_WEEK ? 7 : 1);
    civil_from_days(z, &y, &m, &d);
    snprintf(out, outlen, "%04d-%02u-%02u", y, m, d);
}
