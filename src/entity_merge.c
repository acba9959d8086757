/* entity_merge.c: entity_finish: variants become entities.
 *
 * Variants naming one gazetteer entry are one entity ("U.N.", "United
 * Nations"), as are an acronym and the name the set spells it out as
 * ("Confederation of British Industry (CBI)"). A short form that ends a
 * longer name ("Kerry", "de Mistura") or is its first word ("Bayern")
 * joins it when across the set it is part of exactly one; when it is
 * part of several it still joins the one its own article uses, else
 * stays apart. A name and a place after it ("Yukos USA", "AOL Europe")
 * is a subsidiary, not a longer form of the name.
 *
 * Every decision depends on the set of variants and their counts, never
 * on the order articles were scanned: ties fall to the folded key. */
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "entity_priv.h"
#include "util.h"

#define NONE UINT32_MAX
/* what a name of the generated lists weighs: two cues */
#define WEAK_VOTE 2u

typedef struct merge_ctx {
    entity_table *t;
    uint32_t *parent;
    uint8_t *ambiguous;
    uint8_t *modified;    /* "Blairite Alan Milburn": never the name */
    uint32_t *root_ent;   /* group root -> entity id */
    uint32_t *gaz_ent;    /* gazetteer entry -> entity id */
    uint8_t *sports;      /* variant named in a sports report */
    /* the article being resolved (resolve_all) */
    ent_ment *am;         /* its mentions */
    uint32_t *mroot;      /* the group of each */
    size_t acap;
    struct local_root *local; /* per variant: resolve_article's */
    uint32_t *cnt, *tm;   /* per variant: split_teams' */
    uint32_t *sroot, *sstamp; /* per variant: surname_mentions' */
    uint8_t *ebuf;        /* its entity stream */
    size_t ecap;
} merge_ctx;

static uint32_t find(uint32_t *p, uint32_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static int key_cmp(const entity_table *t, uint32_t a, uint32_t b)
{
    const ent_variant *va = &t->vars[a], *vb = &t->vars[b];
    size_t n = va->key_len < vb->key_len ? va->key_len : vb->key_len;
    int d = memcmp(t->strs.s + va->key, t->strs.s + vb->key, n);
    if (d)
        return d;
    return (va->key_len > vb->key_len) - (va->key_len < vb->key_len);
}

/* A total order on variants: longer, then more mentioned, then the
 * smaller key. Scan order plays no part. */
static bool better(const entity_table *t, uint32_t a, uint32_t b)
{
    const ent_variant *va = &t->vars[a], *vb = &t->vars[b];
    if (va->ntok != vb->ntok)
        return va->ntok > vb->ntok;
    if (va->count != vb->count)
        return va->count > vb->count;
    return key_cmp(t, a, b) < 0;
}

/* The better variant becomes the root: a group's root is its greatest
 * variant however the unions came. */
static void unite(merge_ctx *m, uint32_t a, uint32_t b)
{
    a = find(m->parent, a);
    b = find(m->parent, b);
    if (a == b)
        return;
    if (better(m->t, a, b))
        m->parent[b] = a;
    else
        m->parent[a] = b;
}

static void merge_gazetteer(merge_ctx *m)
{
    entity_table *t = m->t;
    size_t ng = t->ngaz + t->weak->ngaz;
    uint32_t *first = lede_malloc((ng + 1) * sizeof *first);
    for (size_t g = 0; g < ng; g++)
        first[g] = NONE;
    for (uint32_t v = 0; v < t->nvars; v++) {
        int64_t g = t->vars[v].gaz;
        if (g < 0 && t->vars[v].count && t->vars[v].wgaz >= 0)
            g = (int64_t)t->ngaz + t->vars[v].wgaz; /* "Spurs" */
        if (g < 0)
            continue;
        if (first[g] == NONE)
            first[g] = v;
        else
            unite(m, first[g], v);
    }
    free(first);
}

/* --- acronyms --- */

/* Initials of the words of key k[0..n): all words, or (minor) only the
 * words that are not "of", "and", "the"... */
static size_t initials(entity_table *t, const char *k, size_t n, bool minor,
                       char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < n && o < cap) {
        const char *sp = memchr(k + i, ' ', n - i);
        size_t e = sp ? (size_t)(sp - k) : n;
        uint32_t h;
        bool skip = !minor && (ent_word_flags(t, k + i, e - i, &h) &
                               (W_MINOR | W_PARTICLE | W_OF | W_FOR));
        if (!skip && e > i)
            out[o++] = k[i];
        i = e + 1;
    }
    return o;
}

/* Note the pair when the initials of s spell out a. */
void ent_acro_note(entity_table *t, const char *a, size_t an, const char *s,
                   size_t n)
{
    if (t->cap) { /* a raw scan: kept with the article's findings */
        ent_capture_acro(t, a, an, s, n);
        return;
    }
    char ak[16], ini[16];
    size_t akn = ent_key(t, a, an);
    if (akn < 2 || akn >= sizeof ak)
        return;
    memcpy(ak, t->kbuf, akn);
    size_t kn = ent_key(t, s, n);
    bool match = false;
    for (int minor = 0; minor < 2 && !match; minor++) {
        size_t m = initials(t, t->kbuf, kn, minor, ini, sizeof ini);
        match = m == akn && memcmp(ini, ak, m) == 0;
    }
    if (!match)
        return;
    uint32_t fo = ent_arena_add(&t->strs, t->kbuf, kn);
    uint32_t ao = ent_arena_add(&t->strs, ak, akn);
    LEDE_GROW(t->acro, t->acrocap, t->nacro * 4 + 4);
    uint32_t *q = t->acro + 4 * t->nacro++;
    q[0] = ao;
    q[1] = (uint32_t)akn;
    q[2] = fo;
    q[3] = (uint32_t)kn;
}

static int str_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int d = memcmp(a, b, an < bn ? an : bn);
    return d ? d : (an > bn) - (an < bn);
}

static const entity_table *acro_table;

static int by_acro(const void *a_, const void *b_)
{
    const uint32_t *a = a_, *b = b_;
    const char *s = acro_table->strs.s;
    int d = str_cmp(s + a[0], a[1], s + b[0], b[1]);
    return d ? d : str_cmp(s + a[2], a[3], s + b[2], b[3]);
}

static long var_of(const entity_table *t, uint32_t off, uint32_t len)
{
    const char *k = t->strs.s + off;
    long v = ent_map_get(&t->varmap, &t->strs, k, len, ent_hash(k, len));
    return v >= 0 && t->vars[v].count ? v : -1;
}

/* Each acronym joins the name the set spells it out as most often (ties:
 * the smaller name), unless the gazetteer says they are two. */
static void merge_acronyms(merge_ctx *m)
{
    entity_table *t = m->t;
    if (!t->nacro)
        return;
    acro_table = t;
    qsort(t->acro, t->nacro, 4 * sizeof *t->acro, by_acro);
    const char *s = t->strs.s;
    for (size_t i = 0; i < t->nacro;) {
        const uint32_t *q = t->acro + 4 * i, *best = q;
        size_t bestn = 0, j = i;
        while (j < t->nacro && !str_cmp(s + q[0], q[1], s + t->acro[4 * j],
                                        t->acro[4 * j + 1])) {
            size_t k = j;
            const uint32_t *r = t->acro + 4 * j;
            while (k < t->nacro && !by_acro(r, t->acro + 4 * k))
                k++;
            if (k - j > bestn) {
                bestn = k - j;
                best = r;
            }
            j = k;
        }
        long a = var_of(t, best[0], best[1]), f = var_of(t, best[2], best[3]);
        if (a >= 0 && f >= 0) {
            int32_t ga = t->vars[a].gaz, gf = t->vars[f].gaz;
            if (ga < 0 || gf < 0 || ga == gf)
                unite(m, (uint32_t)a, (uint32_t)f);
        }
        i = j;
    }
}

typedef struct pair {
    uint32_t s, c; /* s ends c */
} pair;

static const entity_table *pair_table;

static int by_short_ntok(const void *a_, const void *b_)
{
    const pair *a = a_, *b = b_;
    uint8_t na = pair_table->vars[a->s].ntok, nb = pair_table->vars[b->s].ntok;
    if (na != nb)
        return na > nb ? -1 : 1;
    int d = a->s == b->s ? 0 : key_cmp(pair_table, a->s, b->s);
    if (d)
        return d;
    return a->c == b->c ? 0 : key_cmp(pair_table, a->c, b->c);
}

/* A name of several words ending in a word of organisations, cut
 * before byte i of v's key where "of" or "for" goes on: "Andy Warhol
 * Foundation" in "Andy Warhol Foundation for the Visual Arts" (not
 * "Andy Warhol", nor "Space Shuttle" in "Space Shuttle Atlantis"). */
static bool org_prefix(entity_table *t, const ent_variant *v, size_t i)
{
    const char *k = t->strs.s + v->key;
    size_t e = i - 1, b = e;
    while (b > 0 && k[b - 1] != ' ')
        b--;
    const char *sp = memchr(k + i, ' ', v->key_len - i);
    size_t ne = sp ? (size_t)(sp - k) : v->key_len;
    uint32_t h;
    return sp && (ent_word_flags(t, k + b, e - b, &h) & W_ORGKW) &&
           (ent_word_flags(t, k + i, ne - i, &h) & (W_OF | W_FOR));
}

/* Variant naming the last tokens of v from byte i of its key ("Kerry"
 * in "John Kerry"), or with first set its one first token before byte
 * i ("Bayern" in "Bayern Munich") or an organisation's name before "of"
 * or "for" (org_prefix); -1 when none was seen. */
static long part_variant(entity_table *t, const ent_variant *v, size_t i,
                         bool first)
{
    const char *k = t->strs.s + v->key + (first ? 0 : i);
    size_t n = first ? i - 1 : v->key_len - i;
    if (first && memchr(k, ' ', n) && !org_prefix(t, v, i))
        return -1;
    return ent_map_get(&t->varmap, &t->strs, k, n, ent_hash(k, n));
}

/* True when every token of key[0..n) is an organisation keyword. */
static bool all_org_words(entity_table *t, const char *key, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *sp = memchr(key + i, ' ', n - i);
        size_t e = sp ? (size_t)(sp - key) : n;
        uint32_t h;
        if (!(ent_word_flags(t, key + i, e - i, &h) & W_ORGKW))
            return false;
        i = e + 1;
    }
    return true;
}

/* The words of v from byte i on name a place or a people ("USA",
 * "Europe", "Asia Pacific"): "Yukos USA", "AOL Europe". */
static bool place_tail(entity_table *t, const ent_variant *v, size_t i)
{
    if (i >= v->key_len)
        return false;
    const char *k = t->strs.s + v->key + i;
    size_t n = v->key_len - i;
    long g = ent_map_get(&t->gazmap, &t->strs, k, n, ent_hash(k, n));
    return g >= 0 && (t->gaz[g].type == ENT_PLACE ||
                      t->gaz[g].type == ENT_OTHER);
}

/* A gazetteer name keeps its identity: "Jordan" in "Michael Jordan"
 * stays the country unless the gazetteer says otherwise; a company
 * takes its legal suffixes along ("Apple" in "Apple Inc"). */
/* The last word of v's surface is an acronym of its own ("House GOP",
 * "Airbus UK"), not a legal suffix ("Reuters PLC"). */
static bool acronym_tail(entity_table *t, const ent_variant *v)
{
    const char *s = t->strs.s + v->surf;
    size_t n = v->surf_len, i = n;
    while (i > 0 && s[i - 1] != ' ')
        i--;
    if (i == 0 || n - i < 2 || n - i > 5)
        return false;
    for (size_t k = i; k < n; k++) {
        if (s[k] < 'A' || s[k] > 'Z')
            return false;
    }
    uint32_t h;
    return !(ent_word_flags(t, s + i, n - i, &h) & W_ORGKW);
}

static bool may_join(entity_table *t, uint32_t s, uint32_t c, bool first)
{
    const ent_variant *vs = &t->vars[s], *vc = &t->vars[c];
    if (first && vc->gaz < 0 && place_tail(t, vc, vs->key_len + 1))
        return false; /* "Yukos USA" is not a longer "Yukos" */
    if (first && vc->gaz < 0 && vc->ntok == vs->ntok + 1 &&
        acronym_tail(t, vc))
        return false; /* "House GOP" is not a longer "House" */
    if (vs->gaz < 0)
        return vs->count > 0;
    if (vs->gaz == vc->gaz)
        return true;
    return first && vc->gaz < 0 && t->gaz[vs->gaz].type == ENT_ORG &&
           all_org_words(t, t->strs.s + vc->key + vs->key_len + 1,
                         vc->key_len - vs->key_len - 1);
}

/* A person's full name: two words or more, the first a given name. */
static bool full_name(entity_table *t, uint32_t v)
{
    const ent_variant *vv = &t->vars[v];
    if (vv->ntok < 2)
        return false;
    const char *k = t->strs.s + vv->key;
    const char *sp = memchr(k, ' ', vv->key_len);
    uint32_t h;
    return sp && (ent_word_flags(t, k, (size_t)(sp - k), &h) & W_FIRST);
}

static pair *suffix_pairs(merge_ctx *m, size_t *np)
{
    entity_table *t = m->t;
    pair *p = NULL;
    size_t n = 0, cap = 0;
    for (uint32_t c = 0; c < t->nvars; c++) {
        const ent_variant *vc = &t->vars[c];
        if (vc->ntok < 2 || !vc->count)
            continue;
        for (size_t i = 1; i < vc->key_len; i++) {
            if (t->strs.s[vc->key + i - 1] != ' ')
                continue;
            for (int first = 0; first < 2; first++) {
                long s = part_variant(t, vc, i, first);
                if (s >= 0 && may_join(t, (uint32_t)s, c, first)) {
                    LEDE_GROW(p, cap, n + 1);
                    p[n++] = (pair){(uint32_t)s, c};
                    if (!first && vc->gaz < 0 && full_name(t, (uint32_t)s))
                        m->modified[c] = 1;
                }
            }
        }
    }
    *np = n;
    return p;
}

/* Longest short forms first: when "Mistura" is decided, "de Mistura"
 * has already joined "Staffan de Mistura", so both count as one. */
static void merge_suffixes(merge_ctx *m)
{
    size_t n;
    pair *p = suffix_pairs(m, &n);
    pair_table = m->t;
    if (n)
        qsort(p, n, sizeof *p, by_short_ntok);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint32_t root = find(m->parent, p[i].c);
        bool amb = false;
        for (; j < n && p[j].s == p[i].s; j++)
            amb |= find(m->parent, p[j].c) != root;
        if (amb)
            m->ambiguous[p[i].s] = 1;
        else
            unite(m, p[i].s, p[i].c);
        i = j;
    }
    free(p);
}

/* Ambiguous short forms follow the one longer name of their article;
 * where the article has several ("Warhol" in "Andy Warhol" and in
 * "Warhol Polaroids"), a surname follows the one person's full name it
 * ends; where it ends several ("Mohamed" in "Ahmed Mohamed" and, later,
 * in "his father Mohamed El-Hassan Mohamed"), it follows the one longer
 * name written before the short form's first mention: news names a
 * person in full and then by surname, and a second person of the name
 * comes later, in full. Each slot of r holds, per short form, the
 * longer name's group (NONE: more than one), for any longer name [0],
 * for full names the short form ends [1], for longer names before its
 * first mention [2]; seen, the article where the short form was met.
 * Where those leave it apart ("Wilkins" after "Kristin Wilkins", a
 * misspelling, and "Kristen Wilkins" twice), it follows the full name
 * it ends that the article writes most, if one is written more than
 * every other: best, its mentions bestn, tie when two share the most. */
enum { LOCAL_SLOTS = 3 };
typedef struct local_root {
    uint32_t r[LOCAL_SLOTS], stamp[LOCAL_SLOTS], seen;
    uint32_t best, bestn, bstamp;
    bool tie;
} local_root;

static void note_best(local_root *l, uint32_t r, uint32_t n, uint32_t gen)
{
    if (l->bstamp != gen) {
        l->bstamp = gen;
        l->best = r;
        l->bestn = n;
        l->tie = false;
    } else if (r != l->best && n > l->bestn) {
        l->best = r;
        l->bestn = n;
        l->tie = false;
    } else if (r != l->best && n == l->bestn) {
        l->tie = true;
    }
}

static void note_root(local_root *l, int k, uint32_t r, uint32_t gen)
{
    if (l->stamp[k] != gen) {
        l->stamp[k] = gen;
        l->r[k] = r;
    } else if (l->r[k] != r) {
        l->r[k] = NONE;
    }
}

static uint32_t local_of(const local_root *l, uint32_t gen)
{
    for (int k = 0; k < LOCAL_SLOTS; k++)
        if (l->stamp[k] == gen && l->r[k] != NONE)
            return l->r[k];
    return l->bstamp == gen && !l->tie ? l->best : NONE;
}

static void resolve_article(merge_ctx *m, uint32_t n, uint32_t gen)
{
    entity_table *t = m->t;
    struct local_root *local = m->local;
    uint32_t *cnt = m->cnt; /* full names' mentions per group */
    bool amb = false;
    for (uint32_t i = 0; i < n && !amb; i++)
        amb = m->ambiguous[m->am[i].var];
    if (!amb) { /* nothing to resolve: most articles */
        for (uint32_t i = 0; i < n; i++)
            m->mroot[i] = find(m->parent, m->am[i].var);
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        if (t->vars[m->am[i].var].ntok > 1)
            cnt[find(m->parent, m->am[i].var)]++;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t mv = m->am[i].var;
        const ent_variant *vc = &t->vars[mv];
        for (size_t k = 1; vc->ntok > 1 && k < vc->key_len; k++) {
            if (t->strs.s[vc->key + k - 1] != ' ')
                continue;
            for (int first = 0; first < 2; first++) {
                long s = part_variant(t, vc, k, first);
                /* only a longer name the short form may join at all:
                 * "House" does not follow "House GOP" */
                if (s < 0 || !m->ambiguous[s] ||
                    !may_join(t, (uint32_t)s, mv, first != 0))
                    continue;
                uint32_t r = find(m->parent, mv);
                note_root(&local[s], 0, r, gen);
                if (!first && full_name(t, mv)) {
                    note_root(&local[s], 1, r, gen);
                    note_best(&local[s], r, cnt[r], gen);
                }
                if (local[s].seen != gen)
                    note_root(&local[s], 2, r, gen);
            }
        }
        if (m->ambiguous[mv])
            local[mv].seen = gen;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t s = m->am[i].var;
        m->mroot[i] = find(m->parent, s);
        uint32_t r = m->ambiguous[s] ? local_of(&local[s], gen) : NONE;
        if (r != NONE)
            m->mroot[i] = r;
    }
    for (uint32_t i = 0; i < n; i++)
        cnt[find(m->parent, m->am[i].var)] = 0; /* for split_teams */
}

static bool city(const entity_table *t, uint32_t r)
{
    const ent_variant *v = &t->vars[r];
    const gaz_entry *g = v->gaz >= 0    ? &t->gaz[v->gaz]
                         : v->wgaz >= 0 ? &t->weak->gaz[v->wgaz]
                                        : NULL;
    return g && g->type == ENT_PLACE && !g->country;
}

/* "Chicago 4 Boston 2": where an article puts scores after a city in a
 * third of its mentions, there the city names its team, an
 * organisation of its own (group r + nvars); elsewhere it stays the
 * city. Countries stay places: national teams are named as countries. */
static void split_teams(merge_ctx *m, uint32_t n)
{
    entity_table *t = m->t;
    uint32_t nv = (uint32_t)t->nvars;
    uint32_t *cnt = m->cnt, *tm = m->tm;
    for (uint32_t i = 0; i < n; i++) {
        cnt[m->mroot[i]]++;
        tm[m->mroot[i]] += m->am[i].team && !m->am[i].surname;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = m->mroot[i];
        if (r < nv && tm[r] && tm[r] * 3 >= cnt[r] && city(t, r))
            m->mroot[i] = r + nv;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = m->mroot[i] % nv;
        cnt[r] = tm[r] = 0;
    }
}

/* "Michael Jordan scored 30. Jordan said": a listed name the scanner
 * found used as the surname of a person the article named in full
 * before (ent_cand.surname) is that person's mention there, not the
 * country's. The person: the last full name before it that ends with
 * the name. */
static void surname_mentions(merge_ctx *m, uint32_t n, uint32_t gen)
{
    entity_table *t = m->t;
    bool any = false;
    for (uint32_t i = 0; i < n && !any; i++)
        any = m->am[i].surname;
    if (!any)
        return;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v = m->am[i].var;
        const ent_variant *vv = &t->vars[v];
        if (m->am[i].surname) {
            if (m->sstamp[v] == gen)
                m->mroot[i] = m->sroot[v];
            continue;
        }
        if (vv->ntok < 2)
            continue;
        size_t k = vv->key_len;
        while (k > 0 && t->strs.s[vv->key + k - 1] != ' ')
            k--;
        long s = part_variant(t, vv, k, false);
        if (s >= 0) {
            m->sroot[s] = m->mroot[i];
            m->sstamp[s] = gen;
        }
    }
}

/* Ids in order of first mention; the article's entity stream. */
static void assign_ids(merge_ctx *m, ent_article *ar)
{
    entity_table *t = m->t;
    LEDE_GROW(m->ebuf, m->ecap, (size_t)ar->n * 5 + 1);
    uint8_t *p = m->ebuf;
    for (uint32_t i = 0; i < ar->n; i++) {
        uint32_t r = m->mroot[i];
        if (m->root_ent[r] == NONE)
            m->root_ent[r] = (uint32_t)t->nents++;
        p = ent_put_varint(p, m->root_ent[r]);
    }
    ar->ent = lede_arena_dup(&t->ments_ent, m->ebuf, (size_t)(p - m->ebuf));
}

/* Articles of sports results: three mentions or more followed by a
 * score. There a town's name is most often its team's. */
static void sports_article(merge_ctx *m, const ent_article *ar)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < ar->n; i++)
        n += m->am[i].team != 0 && !m->am[i].surname;
    if (ar->sports)
        n = 3;
    for (uint32_t i = 0; n >= 3 && i < ar->n; i++)
        m->sports[m->am[i].var] = 1;
}

/* Article by article: its mentions resolved to groups, towns split from
 * their teams, entity ids given in order of first mention (one pass;
 * each step looks at one article only). */
static void resolve_all(merge_ctx *m)
{
    entity_table *t = m->t;
    size_t nv = t->nvars + 1;
    m->local = lede_calloc(nv, sizeof *m->local);
    m->cnt = lede_calloc(nv, sizeof *m->cnt);
    m->tm = lede_calloc(nv, sizeof *m->tm);
    m->sroot = lede_calloc(nv, sizeof *m->sroot);
    m->sstamp = lede_calloc(nv, sizeof *m->sstamp);
    m->sports = lede_calloc(nv, 1);
    for (size_t i = 0; i < 2 * t->nvars; i++)
        m->root_ent[i] = NONE;
    t->nents = 0;
    lede_arena_fini(&t->ments_ent);
    for (size_t a = 0; a < t->narts; a++) {
        ent_article *ar = &t->arts[a];
        ar->ent = NULL;
        if (!ar->n)
            continue;
        if (ar->n > m->acap) {
            m->acap = ar->n;
            free(m->am);
            free(m->mroot);
            m->am = lede_malloc(m->acap * sizeof *m->am);
            m->mroot = lede_malloc(m->acap * sizeof *m->mroot);
        }
        const uint8_t *p = ar->scan;
        uint32_t prev = 0;
        for (uint32_t i = 0; i < ar->n; i++)
            p = ent_ment_next(p, &prev, &m->am[i]);
        resolve_article(m, ar->n, (uint32_t)a + 1);
        surname_mentions(m, ar->n, (uint32_t)a + 1);
        split_teams(m, ar->n);
        assign_ids(m, ar);
        sports_article(m, ar);
    }
    free(m->local);
    free(m->cnt);
    free(m->tm);
    free(m->sroot);
    free(m->sstamp);
    free(m->am);
    free(m->mroot);
    free(m->ebuf);
}

/* "Polaroids" where the set names "Polaroid" too: a one-word name in
 * the plural, no list's, names things of that name (prints, cameras,
 * awards), whatever cues a mention had ("the Polaroids"). */
static bool plural_name(entity_table *t, const ent_variant *v)
{
    const char *k = t->strs.s + v->key, *s = t->strs.s + v->surf;
    size_t n = v->key_len;
    if (v->ntok != 1 || v->gaz >= 0 || v->wgaz >= 0 || n < 4 ||
        k[n - 1] != 's' || k[n - 2] == 's' || v->surf_len != n ||
        s[n - 1] != 's' || s[n - 2] < 'a' || s[n - 2] > 'z')
        return false;
    long sv = ent_map_get(&t->varmap, &t->strs, k, n - 1, ent_hash(k, n - 1));
    return sv >= 0 && t->vars[sv].count > 0;
}

/* The last word of v's surface is a Roman numeral ("Henry VIII") or a
 * post or label ("QC", "MP"). */
static bool roman_or_post(entity_table *t, const ent_variant *v)
{
    const char *s = t->strs.s + v->surf;
    size_t n = v->surf_len, i = n;
    while (i > 0 && s[i - 1] != ' ')
        i--;
    uint32_t h;
    if (ent_word_flags(t, s + i, n - i, &h) & (W_TITLE | W_NONAME))
        return true;
    for (size_t k = i; k < n; k++) {
        if (!strchr("IVXLCDM", s[k]))
            return false;
    }
    return true;
}

/* The type nothing else decided: shape alone. */
static int default_type(entity_table *t, const ent_variant *v)
{
    if (v->flags & V_HASOF)
        return ENT_ORG;
    /* News names a person in full first: a lone word never seen with a
     * given name, title or "said" is more often a company or a team. */
    if (v->ntok == 1)
        return ENT_ORG;
    /* "Space Shuttle Discovery": an everyday word first, not a given
     * name, is no person's name; a craft, a product, an event */
    const char *k = t->strs.s + v->key;
    size_t n = 0;
    while (n < v->key_len && k[n] != ' ')
        n++;
    uint32_t h;
    uint32_t wf = ent_word_flags(t, k, n, &h);
    if ((wf & (W_LEX | W_COMMON)) && !(wf & (W_FIRST | W_TITLE)))
        return ENT_OTHER;
    /* "Windows XP", "PlayStation VR": no person's name ends in an
     * acronym (a Roman numeral, a post aside: "Henry VIII", "Lord QC") */
    if (acronym_tail(t, v) && !roman_or_post(t, v))
        return ENT_OTHER;
    /* "Captain America": a title before a place is no person's name (a
     * character, a craft) */
    if ((wf & W_TITLE) && place_tail(t, v, n + 1))
        return ENT_OTHER;
    return ENT_PERSON;
}

/* The type with most votes; a tie falls to the generated lists' type
 * prefer where that is other (a people, a faith, a kind of person),
 * else to the first type: "Rohingya", a people by WordNet, where the
 * text's cues for an organisation only tie. Not a list's place or
 * organisation: on UNER (a model without UNER) "Bush", "Sheridan",
 * "Amex" became places, typed F1 0.5273 -> 0.5223; with other only,
 * 0.5265 (WikiGold CV and CoNLL testa gain either way). */
static int best_vote(const uint32_t *vo, uint8_t prefer)
{
    int best = -1;
    for (int k = 0; k < ENT_NTYPES; k++) {
        if (vo[k] && (best < 0 || vo[k] > vo[best] ||
                      (vo[k] == vo[best] && k == prefer && prefer == ENT_OTHER)))
            best = k;
    }
    return best;
}

/* Sum each group's votes; note its longest gazetteer variant. */
static void gather_votes(merge_ctx *m, uint32_t *votes, int32_t *gazv)
{
    entity_table *t = m->t;
    for (uint32_t v = 0; v < t->nvars; v++) {
        uint32_t r = find(m->parent, v), e = m->root_ent[r];
        if (e == NONE)
            continue;
        const ent_variant *vv = &t->vars[v];
        for (int k = 0; k < ENT_NTYPES; k++)
            votes[e * ENT_NTYPES + k] += vv->votes[k];
        /* a score after a one-word name: a team, not "S. Law 34" */
        /* a town's scores went to its team (split_teams) */
        if ((t->vars[r].ntok == 1 || vv->ntok > 1) && !city(t, v))
            votes[e * ENT_NTYPES + ENT_ORG] += 2u * vv->team;

        if (vv->gaz >= 0 &&
            (gazv[e] < 0 || vv->ntok > t->vars[gazv[e]].ntok ||
             (vv->ntok == t->vars[gazv[e]].ntok &&
              better(t, v, (uint32_t)gazv[e]))))
            gazv[e] = (int32_t)v;
    }
}

/* The type the generated lists give each entity named by one of their
 * names, or 0xff: used where no cue in the text voted. Not for a name
 * seen in sports results ("Kent 250 all out" is the county's team). */
static uint8_t *weak_types(merge_ctx *m, const uint32_t *bestv)
{
    entity_table *t = m->t;
    uint8_t *wt = lede_malloc(t->nents + 1);
    memset(wt, 0xff, t->nents + 1);
    const uint8_t *sp = m->sports;
    /* the name shown must itself be a listed name: "Duncan Ferguson"
     * is no place because Ferguson is a town */
    for (size_t e = 0; e < t->nents; e++) {
        uint32_t b = bestv[e];
        if (b != NONE && t->vars[b].gaz < 0 && t->vars[b].wgaz >= 0 && !sp[b])
            wt[e] = t->weak->gaz[t->vars[b].wgaz].type;
    }
    return wt;
}

/* The canonical name of each group: its greatest variant that is not a
 * modified form ("Blairite Alan Milburn"), else its greatest. */
static void best_names(merge_ctx *m, uint32_t *bestv)
{
    entity_table *t = m->t;
    uint32_t nv = (uint32_t)t->nvars;
    for (size_t e = 0; e < t->nents; e++)
        bestv[e] = NONE;
    for (uint32_t v = 0; v < nv; v++) {
        uint32_t r = find(m->parent, v), e = m->root_ent[r];
        if (e == NONE || !t->vars[v].count)
            continue;
        uint32_t b = bestv[e];
        if (b == NONE || (m->modified[b] && !m->modified[v]) ||
            (m->modified[b] == m->modified[v] && better(t, v, b)))
            bestv[e] = v;
    }
}

/* Length of v's key before its last word ("space shuttle" of "space
 * shuttle atlantis"). */
static size_t head_len(const entity_table *t, uint32_t v)
{
    const char *k = t->strs.s + t->vars[v].key;
    size_t n = t->vars[v].key_len;
    while (n > 0 && k[n - 1] != ' ')
        n--;
    return n ? n - 1 : 0;
}

static int by_head(const void *a_, const void *b_)
{
    const uint32_t *a = a_, *b = b_;
    const entity_table *t = pair_table;
    size_t na = head_len(t, a[1]), nb = head_len(t, b[1]);
    int d = str_cmp(t->strs.s + t->vars[a[1]].key, na,
                    t->strs.s + t->vars[b[1]].key, nb);
    return d ? d : (a[0] > b[0]) - (a[0] < b[0]);
}

/* "Space Shuttle Atlantis", "Space Shuttle Columbia", "Space Shuttle
 * Discovery": names of three words or more that differ in their last
 * word only, three or more in the set, are one family of one kind. A
 * member no cue typed (at most the tagger's one vote) and no list
 * names takes the type most of the family's mentions have, if one has
 * more than every other, as does the name of the family's first words
 * alone ("Space Shuttle"); a member a cue typed keeps its type ("Space
 * Shuttle Program", organisation). */
static void family_types(merge_ctx *m, const uint32_t *votes,
                         const uint32_t *bestv, const int32_t *gazv,
                         const uint8_t *wtype)
{
    entity_table *t = m->t;
    size_t ne = t->nents, nv = t->nvars, n = 0;
    uint32_t *cnt = lede_calloc(ne + 1, sizeof *cnt);
    uint32_t (*fam)[2] = lede_malloc((ne + 1) * sizeof *fam);
    for (uint32_t v = 0; v < nv; v++) {
        uint32_t e = m->root_ent[find(m->parent, v)];
        if (e != NONE)
            cnt[e] += t->vars[v].count;
    }
    for (size_t v = nv; v < 2 * nv; v++) /* the towns' teams */
        if (m->root_ent[v] != NONE)
            cnt[m->root_ent[v]] = 0;
    for (uint32_t e = 0; e < ne; e++) {
        uint32_t b = bestv[e];
        if (b != NONE && cnt[e] && t->vars[b].ntok >= 3 && gazv[e] < 0)
            fam[n][0] = e, fam[n++][1] = b;
    }
    pair_table = t;
    if (n)
        qsort(fam, n, sizeof *fam, by_head);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1, hn = head_len(t, fam[i][1]);
        const char *hk = t->strs.s + t->vars[fam[i][1]].key;
        while (j < n && head_len(t, fam[j][1]) == hn &&
               !memcmp(t->strs.s + t->vars[fam[j][1]].key, hk, hn))
            j++;
        uint32_t tally[ENT_NTYPES] = {0};
        for (size_t k = i; k < j; k++)
            tally[t->ent_type[fam[k][0]]] += cnt[fam[k][0]];
        int ft = best_vote(tally, 0xff);
        for (int k = 0; ft >= 0 && k < ENT_NTYPES; k++)
            if (k != ft && tally[k] == tally[ft])
                ft = -1;
        long hv = ent_map_get(&t->varmap, &t->strs, hk, hn, ent_hash(hk, hn));
        uint32_t he = hv >= 0 ? m->root_ent[find(m->parent, (uint32_t)hv)]
                              : NONE;
        for (size_t k = i; ft >= 0 && j - i >= 3 && k <= j; k++) {
            uint32_t e = k < j ? fam[k][0] : he;
            if (e == NONE || !cnt[e] || wtype[e] != 0xff ||
                (k == j && gazv[e] >= 0))
                continue;
            const uint32_t *vo = votes + (size_t)e * ENT_NTYPES;
            bool cued = false;
            for (int y = 0; y < ENT_NTYPES; y++)
                cued |= vo[y] > 1;
            if (!cued)
                t->ent_type[e] = (uint8_t)ft;
        }
        i = j;
    }
    free(cnt);
    free(fam);
}

static void name_and_type(merge_ctx *m)
{
    entity_table *t = m->t;
    size_t ne = t->nents, nv = t->nvars;
    uint32_t *votes = lede_calloc(ne * ENT_NTYPES + 1, sizeof *votes);
    int32_t *gazv = lede_malloc((ne + 1) * sizeof *gazv);
    for (size_t e = 0; e < ne; e++)
        gazv[e] = -1;
    t->ent_name = lede_malloc((ne + 1) * sizeof *t->ent_name);
    t->ent_name_len = lede_malloc((ne + 1) * sizeof *t->ent_name_len);
    t->ent_type = lede_malloc(ne + 1);
    gather_votes(m, votes, gazv);
    uint32_t *bestv = lede_malloc((ne + 1) * sizeof *bestv);
    best_names(m, bestv);
    uint8_t *wtype = weak_types(m, bestv);
    for (uint32_t v = 0; v < 2 * nv; v++) {
        uint32_t e = m->root_ent[v];
        if (e == NONE)
            continue;
        const ent_variant *vv = &t->vars[v % nv];
        const ent_variant *nm = v < nv && bestv[e] != NONE
                                    ? &t->vars[bestv[e]] : vv;
        t->ent_name[e] = nm->surf;
        t->ent_name_len[e] = nm->surf_len;
        if (wtype[e] != 0xff)
            votes[e * ENT_NTYPES + wtype[e]] += WEAK_VOTE;
        int best = best_vote(votes + e * ENT_NTYPES, wtype[e]);
        t->ent_type[e] = (uint8_t)(best >= 0         ? best
                                   : wtype[e] != 0xff ? wtype[e]
                                                      : default_type(t, vv));
        if (plural_name(t, nm))
            t->ent_type[e] = ENT_OTHER;
        if (v >= nv) {
            /* the city's team of split_teams, under the city's name */
            if (vv->gaz >= 0) {
                t->ent_name[e] = t->gaz[vv->gaz].name;
                t->ent_name_len[e] = t->gaz[vv->gaz].name_len;
            } else { /* the shared lists' names live in their own arena */
                const gaz_entry *g = &t->weak->gaz[vv->wgaz];
                t->ent_name[e] = ent_arena_add(
                    &t->strs, t->weak->strs.s + g->name, g->name_len);
                t->ent_name_len[e] = g->name_len;
            }
            t->ent_type[e] = ENT_ORG;
        } else if (gazv[e] >= 0) {
            const gaz_entry *g = &t->gaz[t->vars[gazv[e]].gaz];
            t->ent_name[e] = g->name;
            t->ent_name_len[e] = g->name_len;
            t->ent_type[e] = g->type;
            m->gaz_ent[t->vars[gazv[e]].gaz] = e;
        }
    }
    family_types(m, votes, bestv, gazv, wtype);
    free(votes);
    free(gazv);
    free(bestv);
    free(wtype);
}

/* Per entity, its articles with counts: a compressed row per entity. */
static void article_lists(entity_table *t)
{
    size_t ne = t->nents;
    t->ent_total = lede_calloc(ne + 1, sizeof *t->ent_total);
    t->ea_start = lede_calloc(ne + 2, sizeof *t->ea_start);
    uint32_t *last = lede_malloc((ne + 1) * sizeof *last);
    for (size_t e = 0; e < ne; e++)
        last[e] = NONE;
    for (uint32_t a = 0; a < t->narts; a++) {
        const ent_article *ar = &t->arts[a];
        const uint8_t *p = ar->ent;
        for (uint32_t i = 0; i < ar->n; i++) {
            uint64_t v;
            p = ent_get_varint(p, &v);
            uint32_t e = (uint32_t)v;
            t->ent_total[e]++;
            if (last[e] != a) {
                last[e] = a;
                t->ea_start[e + 1]++;
            }
        }
    }
    for (size_t e = 0; e < ne; e++)
        t->ea_start[e + 1] += t->ea_start[e];
    t->ea = lede_malloc((t->ea_start[ne] + 1) * sizeof *t->ea);
    uint32_t *fill = lede_malloc((ne + 1) * sizeof *fill);
    memcpy(fill, t->ea_start, ne * sizeof *fill);
    for (uint32_t a = 0; a < t->narts; a++) {
        const ent_article *ar = &t->arts[a];
        const uint8_t *p = ar->ent;
        for (uint32_t i = 0; i < ar->n; i++) {
            uint64_t v;
            p = ent_get_varint(p, &v);
            uint32_t e = (uint32_t)v;
            if (fill[e] > t->ea_start[e] && t->ea[fill[e] - 1].id == a)
                t->ea[fill[e] - 1].count++;
            else
                t->ea[fill[e]++] = (entity_tally){a, 1};
        }
    }
    free(fill);
    free(last);
}

static void lookup_map(merge_ctx *m)
{
    entity_table *t = m->t;
    for (uint32_t v = 0; v < t->nvars; v++) {
        uint32_t r = find(m->parent, v), e = m->root_ent[r];
        if (e == NONE)
            e = m->root_ent[r + t->nvars]; /* only ever a team */
        if (e == NONE)
            continue;
        const char *k = t->strs.s + t->vars[v].key;
        size_t n = t->vars[v].key_len;
        ent_map_put(&t->lookmap, &t->strs, k, n, ent_hash(k, n), e);
    }
    const ent_map *g = &t->gazmap;
    for (size_t j = 0; j < g->cap; j++) {
        const ent_slot *e = &g->slot[j];
        if (!e->val || m->gaz_ent[e->val - 1] == NONE)
            continue;
        const char *k = t->strs.s + e->koff;
        if (ent_map_get(&t->lookmap, &t->strs, k, e->klen, e->hash) < 0)
            ent_map_put(&t->lookmap, &t->strs, k, e->klen, e->hash,
                        m->gaz_ent[e->val - 1]);
    }
    for (uint32_t e = 0; e < t->nents; e++) {
        size_t n = ent_key(t, t->strs.s + t->ent_name[e], t->ent_name_len[e]);
        ent_map_put(&t->lookmap, &t->strs, t->kbuf, n, ent_hash(t->kbuf, n),
                    e);
    }
}

/* Entries added after a name was scanned still type and merge it. */
static void refresh_gazetteer(entity_table *t)
{
    for (uint32_t v = 0; v < t->nvars; v++) {
        ent_variant *vv = &t->vars[v];
        const char *k = t->strs.s + vv->key;
        vv->gaz = (int32_t)ent_map_get(&t->gazmap, &t->strs, k, vv->key_len,
                                       ent_hash(k, vv->key_len));
        vv->wgaz = ent_weak_find(t, k, vv->key_len, ent_hash(k, vv->key_len));
    }
}

/* A word only ever seen starting a sentence, and written in lowercase
 * elsewhere in the set, is a common word: its mentions go. */
static void drop_tentative(entity_table *t)
{
    bool any = false;
    for (uint32_t v = 0; v < t->nvars; v++) {
        ent_variant *vv = &t->vars[v];
        if (vv->count && vv->tentative == vv->count && vv->ntok == 1 &&
            ent_lower_has(t, ent_hash(t->strs.s + vv->key, vv->key_len))) {
            vv->count = 0;
            any = true;
        }
    }
    if (!any)
        return;
    /* each article's stream rewritten in place: a mention left out
     * frees more bytes than the next one's longer offset change takes */
    t->nments = 0;
    for (size_t a = 0; a < t->narts; a++) {
        ent_article *ar = &t->arts[a];
        uint8_t *w = (uint8_t *)ar->scan;
        const uint8_t *p = ar->scan;
        uint32_t prev = 0, wprev = 0, n = 0;
        for (uint32_t i = 0; i < ar->n; i++) {
            ent_ment m;
            p = ent_ment_next(p, &prev, &m);
            if (!t->vars[m.var].count)
                continue;
            w = ent_ment_put(w, &wprev, &m);
            n++;
        }
        ar->n = n;
        if (!n)
            ar->scan = NULL;
        t->nments += n;
    }
}

/* Merge variants across everything scanned and assign final ids. */
void entity_finish(entity_table *t)
{
    ent_finish_reset(t);
    refresh_gazetteer(t);
    drop_tentative(t);
    merge_ctx m = {.t = t};
    size_t nv = t->nvars + 1;
    m.parent = lede_malloc(nv * sizeof *m.parent);
    for (uint32_t i = 0; i < nv; i++)
        m.parent[i] = i;
    m.ambiguous = lede_calloc(nv, 1);
    m.modified = lede_calloc(nv, 1);
    m.root_ent = lede_malloc(2 * nv * sizeof *m.root_ent);
    m.gaz_ent = lede_malloc((t->ngaz + 1) * sizeof *m.gaz_ent);
    for (size_t g = 0; g < t->ngaz; g++)
        m.gaz_ent[g] = NONE;
    merge_gazetteer(&m);
    merge_acronyms(&m);
    merge_suffixes(&m);
    resolve_all(&m);
    name_and_type(&m);
    article_lists(t);
    lookup_map(&m);
    t->finished = true;
    free(m.parent);
    free(m.ambiguous);
    free(m.modified);
    free(m.sports);
    free(m.root_ent);
    free(m.gaz_ent);
}
