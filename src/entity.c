/* entity.c: the entity table: interning, the gazetteer, merging variants
 * across a set and the queries. Finding names in text is entity_scan.c;
 * the word lists are entity_words.c. */
#include "entity.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "entity_priv.h"
#include "util.h"

static const char *const type_names[ENT_NTYPES] = {
    "person", "organisation", "place", "other"};

/* "person", "organisation", "place", "other". */
const char *entity_type_name(entity_type t)
{
    return (unsigned)t < ENT_NTYPES ? type_names[t] : "other";
}

/* FNV-1a: cheap and good enough for short keys. */
uint32_t ent_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

uint32_t ent_arena_add(ent_arena *a, const char *s, size_t len)
{
    LEDE_GROW(a->s, a->cap, a->len + len + 1);
    uint32_t off = (uint32_t)a->len;
    memcpy(a->s + off, s, len);
    a->s[off + len] = '\0';
    a->len += len + 1;
    return off;
}

static void map_grow(ent_map *m)
{
    ent_map old = *m;
    m->cap = old.cap ? old.cap * 2 : 256;
    m->slot = lede_calloc(m->cap, sizeof *m->slot);
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.slot[i].val)
            continue;
        size_t j = old.slot[i].hash & (m->cap - 1);
        while (m->slot[j].val)
            j = (j + 1) & (m->cap - 1);
        m->slot[j] = old.slot[i];
    }
    free(old.slot);
}

void ent_map_fini(ent_map *m)
{
    free(m->slot);
    memset(m, 0, sizeof *m);
}

static bool slot_is(const ent_slot *e, const ent_arena *a, const char *k,
                    size_t len, uint32_t h)
{
    return e->hash == h && e->klen == len &&
           (len == 0 || (a->s[e->koff] == k[0] &&
                         memcmp(a->s + e->koff, k, len) == 0));
}

/* Value stored for key k, or -1. */
long ent_map_get(const ent_map *m, const ent_arena *a, const char *k,
                 size_t len, uint32_t h)
{
    if (!m->cap)
        return -1;
    for (size_t j = h & (m->cap - 1); m->slot[j].val; j = (j + 1) & (m->cap - 1)) {
        if (slot_is(&m->slot[j], a, k, len, h))
            return (long)m->slot[j].val - 1;
    }
    return -1;
}

/* Insert or replace; the key is copied into the arena when new. */
void ent_map_put(ent_map *m, ent_arena *a, const char *k, size_t len,
                 uint32_t h, uint32_t val)
{
    if ((m->n + 1) * 4 >= m->cap * 3)
        map_grow(m);
    size_t j = h & (m->cap - 1);
    for (; m->slot[j].val; j = (j + 1) & (m->cap - 1)) {
        if (slot_is(&m->slot[j], a, k, len, h)) {
            m->slot[j].val = val + 1;
            return;
        }
    }
    /* k may point into the arena itself, which the add may move. */
    size_t koff = a->s && k >= a->s && k < a->s + a->len
                      ? (size_t)(k - a->s)
                      : SIZE_MAX;
    m->slot[j].koff = koff != SIZE_MAX ? (uint32_t)koff
                                       : ent_arena_add(a, k, len);
    m->slot[j].klen = (uint32_t)len;
    m->slot[j].hash = h;
    m->slot[j].val = val + 1;
    m->n++;
}

static void kbuf_room(entity_table *t, size_t need)
{
    if (need > t->kcap)
        LEDE_GROW(t->kbuf, t->kcap, need);
}

/* Quote marks and blanks are the only normalisation besides folding:
 * "O’Brien" and "O'Brien" are one name, as are names broken by a line. */
static size_t key_tidy(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 ||
             (unsigned char)s[i + 2] == 0x98)) {
            s[o++] = '\'';
            i += 2;
        } else if (c == ' ' || c == '\n' || c == '\t') {
            if (o && s[o - 1] != ' ')
                s[o++] = ' ';
        } else {
            s[o++] = (char)c;
        }
    }
    while (o && s[o - 1] == ' ')
        o--;
    return o;
}

/* ent_key for ASCII text in one pass: lowercase, every run of blanks one
 * space, none at either end (key_tidy's result), the key's ent_hash in
 * *h. SIZE_MAX when s has a non-ASCII byte. */
static size_t key_ascii(entity_table *t, const char *s, size_t len,
                        uint32_t *h)
{
    kbuf_room(t, len + 1);
    char *k = t->kbuf;
    size_t o = 0;
    bool gap = false;
    uint32_t x = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return SIZE_MAX;
        if (c == ' ' || c == '\n' || c == '\t') {
            gap = o != 0;
            continue;
        }
        if (gap) {
            k[o++] = ' ';
            x = (x ^ ' ') * 16777619u;
            gap = false;
        }
        c = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
        k[o++] = (char)c;
        x = (x ^ c) * 16777619u;
    }
    *h = x;
    return o;
}

/* ent_key of text that is not all ASCII. */
static size_t key_folded(entity_table *t, const char *s, size_t len)
{
    text_fold(s, len, TEXT_FOLD_CASE | TEXT_FOLD_ACCENTS, &t->fold);
    kbuf_room(t, t->fold.len + 1);
    memcpy(t->kbuf, t->fold.s, t->fold.len);
    return key_tidy(t->kbuf, t->fold.len);
}

size_t ent_key(entity_table *t, const char *s, size_t len)
{
    uint32_t h;
    size_t n = key_ascii(t, s, len, &h);
    return n != SIZE_MAX ? n : key_folded(t, s, len);
}

size_t ent_key_hash(entity_table *t, const char *s, size_t len, uint32_t *h)
{
    size_t n = key_ascii(t, s, len, h);
    if (n == SIZE_MAX) {
        n = key_folded(t, s, len);
        *h = ent_hash(t->kbuf, n);
    }
    return n;
}

/* Memos by the text as written (ent_gaz_find, intern): the scanner
 * asks about the same names and phrases article after article, and a
 * memo spares the folding (accents: a trip through utf8proc) and the
 * probe of a large map. Direct-mapped; texts longer than RMEMO_LEN
 * bytes skip them. */
enum { RMEMO = 2048, RMEMO_LEN = 48 };
typedef struct ent_rmemo {
    int32_t val;  /* the answer */
    uint32_t len; /* 0: empty */
    uint64_t h;   /* ent_text_hash of the text */
    char s[RMEMO_LEN];
} ent_rmemo;

uint64_t ent_text_hash(const char *s, size_t len)
{
    uint64_t h = (len + 1) * 0x9e3779b97f4a7c15ull, x;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&x, s + i, 8);
        h = (h ^ x) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    if (i < len) {
        if (len >= 8) {
            memcpy(&x, s + len - 8, 8);
        } else if (len >= 4) {
            uint32_t u, v;
            memcpy(&u, s, 4);
            memcpy(&v, s + len - 4, 4);
            x = (uint64_t)u << 32 | v;
        } else {
            x = (uint64_t)(unsigned char)s[0] << 16 |
                (uint64_t)(unsigned char)s[len / 2] << 8 |
                (unsigned char)s[len - 1];
        }
        h = (h ^ x) * 0xc4ceb9fe1a85ec53ull;
    }
    h ^= h >> 32;
    return h;
}

/* The slot of s[0..len) (0 < len <= RMEMO_LEN) in memo *m, which is made
 * or emptied when it holds another version than ver (*mver: the one it
 * holds). *hit: the slot holds s. */
static ent_rmemo *rmemo_slot(ent_rmemo **m, uint32_t *mver, uint32_t ver,
                             const char *s, size_t len, bool *hit)
{
    if (!*m || *mver != ver) {
        if (!*m)
            *m = lede_malloc(RMEMO * sizeof **m);
        memset(*m, 0, RMEMO * sizeof **m);
        *mver = ver;
    }
    uint64_t h = ent_text_hash(s, len);
    ent_rmemo *e = &(*m)[(h * 0x9e3779b97f4a7c15ull) >> 53 & (RMEMO - 1)];
    *hit = e->len == len && e->h == h && memcmp(e->s, s, len) == 0;
    if (!*hit) {
        e->len = (uint32_t)len;
        e->h = h;
        memcpy(e->s, s, len);
    }
    return e;
}

static long gaz_find_raw(entity_table *t, const char *s, size_t len)
{
    uint32_t h;
    size_t k = ent_key_hash(t, s, len, &h);
    return ent_map_get(&t->gazmap, &t->strs, t->kbuf, k, h);
}

long ent_gaz_find(entity_table *t, const char *s, size_t len)
{
    if (!len || len > RMEMO_LEN)
        return gaz_find_raw(t, s, len);
    bool hit;
    ent_rmemo *e = rmemo_slot(&t->gmemo, &t->gmemo_ver, t->gaz_ver, s, len,
                              &hit);
    if (!hit)
        e->val = (int32_t)gaz_find_raw(t, s, len);
    return e->val;
}

int ent_listed_type(entity_table *t, const char *s, size_t n)
{
    long g = ent_gaz_find(t, s, n);
    if (g >= 0)
        return t->gaz[g].type;
    uint32_t h;
    size_t k = ent_key_hash(t, s, n, &h);
    int32_t wg = k ? ent_weak_find(t, t->kbuf, k, h) : -1;
    return wg >= 0 && wg < (int32_t)t->weak->weak_wn0 ? t->weak->gaz[wg].type
                                                      : -1;
}

/* --- the gazetteer --- */

static int parse_type(const char *s, size_t n)
{
    static const struct { const char *w; int t; } names[] = {
        {"person", ENT_PERSON}, {"per", ENT_PERSON},
        {"organisation", ENT_ORG}, {"organization", ENT_ORG},
        {"org", ENT_ORG}, {"place", ENT_PLACE}, {"location", ENT_PLACE},
        {"loc", ENT_PLACE}, {"other", ENT_OTHER}, {"misc", ENT_OTHER},
        {"country", ENT_PLACE + 16},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i].w) == n && strncmp(names[i].w, s, n) == 0)
            return names[i].t;
    }
    return -1;
}

static void weak_bit(entity_table *t, size_t n)
{
    uint32_t h = ent_hash(t->kbuf, n) & (ENT_WEAKBITS - 1);
    t->weak_first[h / 64] |= 1ull << (h % 64);
}

/* The first word of the weak name in t->kbuf[0, k), as the tokenizer may
 * cut it: to a blank, without a final '.', to a hyphen or apostrophe. */
static void weak_first_add(entity_table *t, size_t k)
{
    if (!t->weak_first)
        t->weak_first = lede_calloc(ENT_WEAKBITS / 64, sizeof(uint64_t));
    size_t f = 0, cut = 0;
    while (f < k && t->kbuf[f] != ' ') {
        if (!cut && f && (t->kbuf[f] == '-' || t->kbuf[f] == '\''))
            cut = f;
        f++;
    }
    weak_bit(t, f);
    if (f > 1 && t->kbuf[f - 1] == '.')
        weak_bit(t, f - 1);
    if (cut)
        weak_bit(t, cut);
}

/* "U.S.", "U.K.", "F.B.I.": capitals each followed by a full stop. Text
 * often drops the last one ("the U.S government"), so the gazetteer
 * lists both spellings. */
static bool dotted_initials(const char *s, size_t n)
{
    if (n < 4 || n % 2)
        return false;
    for (size_t i = 0; i < n; i += 2) {
        if (s[i] < 'A' || s[i] > 'Z' || s[i + 1] != '.')
            return false;
    }
    return true;
}

static void gaz_alias(entity_table *t, const char *s, size_t n, uint32_t e)
{
    uint32_t h;
    size_t k = ent_key_hash(t, s, n, &h);
    if (!k)
        return;
    if (t->loading_weak) {
        /* the WordNet list takes no key of the lists before it (a
         * plural of its: "Romans" is a town's name too) */
        if (t->weak_wn0 && e >= t->weak_wn0) {
            long old = ent_map_get(&t->weakmap, &t->strs, t->kbuf, k, h);
            if (old >= 0 && (size_t)old < t->weak_wn0)
                return;
        }
        ent_map_put(&t->weakmap, &t->strs, t->kbuf, k, h, e);
        weak_first_add(t, k);
        return;
    }
    ent_map_put(&t->gazmap, &t->strs, t->kbuf, k, h, e);
    t->gaz_ver++; /* ent_gaz_find's memo is stale */
    ent_words_gaz_first(t, t->kbuf, k);
    if (dotted_initials(s, n))
        gaz_alias(t, s, n - 1, e);
}

/* Demonyms come with their plurals: "Syrian" also names "Syrians",
 * "Serb" "Serbs", "Iraqi" "Iraqis" (not "Swiss" or "Dutch"). */
static void gaz_plural(entity_table *t, const char *s, size_t n, uint32_t e)
{
    if (n < 3 || n > 60 || !memchr("bdgiklmnrt", s[n - 1], 10))
        return;
    char buf[64];
    memcpy(buf, s, n);
    buf[n] = 's';
    gaz_alias(t, buf, n + 1, e);
}

/* "Lavrov" alone is most likely the Sergei Lavrov of the gazetteer: the
 * last word of a known person's name is a person cue. */
static void gaz_surname(entity_table *t, const char *s, size_t n)
{
    size_t k = ent_key(t, s, n), i = k;
    while (i > 0 && t->kbuf[i - 1] != ' ')
        i--;
    if (i > 0 && i < k)
        ent_words_add(t, t->kbuf + i, k - i, W_SURNAME);
}

static int gaz_aliases(entity_table *t, const char *s, size_t n,
                       const char *tab2, int type, uint32_t e);

/* One gazetteer line; a name given twice with one type is one entry. */
static int gaz_line(entity_table *t, const char *s, size_t n)
{
    const char *tab1 = memchr(s, '\t', n);
    if (!tab1)
        return -1;
    const char *rest = tab1 + 1;
    size_t rn = n - (size_t)(rest - s);
    const char *tab2 = memchr(rest, '\t', rn);
    size_t tn = tab2 ? (size_t)(tab2 - rest) : rn;
    int type = parse_type(rest, tn);
    size_t nn = (size_t)(tab1 - s);
    if (nn == 0)
        return -1;
    if (type < 0)
        return -2; /* a name, but a type we do not know */
    uint32_t kh;
    size_t kn = ent_key_hash(t, s, nn, &kh);
    long old = ent_map_get(t->loading_weak ? &t->weakmap : &t->gazmap,
                           &t->strs, t->kbuf, kn, kh);
    if (old >= 0 && t->gaz[old].type == (type & 15) &&
        t->gaz[old].name_len == nn &&
        memcmp(t->strs.s + t->gaz[old].name, s, nn) == 0)
        return gaz_aliases(t, s, n, tab2, type, (uint32_t)old);
    LEDE_GROW(t->gaz, t->gazcap, t->ngaz + 1);
    uint32_t e = (uint32_t)t->ngaz++;
    t->gaz[e].name = ent_arena_add(&t->strs, s, nn);
    t->gaz[e].name_len = (uint32_t)nn;
    t->gaz[e].type = (uint8_t)(type & 15);
    t->gaz[e].country = type >= 16;
    type &= 15;
    gaz_alias(t, s, nn, e);
    if (type == ENT_PERSON)
        gaz_surname(t, s, nn);
    if (type == ENT_OTHER)
        gaz_plural(t, s, nn, e);
    return gaz_aliases(t, s, n, tab2, type, e);
}

/* The aliases after the second tab of line s[0..n) name entry e too. */
static int gaz_aliases(entity_table *t, const char *s, size_t n,
                       const char *tab2, int type, uint32_t e)
{
    type &= 15;
    const char *p = tab2 ? tab2 + 1 : s + n;
    while (p < s + n) {
        const char *bar = memchr(p, '|', (size_t)(s + n - p));
        const char *end = bar ? bar : s + n;
        gaz_alias(t, p, (size_t)(end - p), e);
        if (type == ENT_OTHER)
            gaz_plural(t, p, (size_t)(end - p), e);
        p = end + 1;
    }
    return 0;
}

/* The message for a line whose type is unknown: the type as written
 * (printable ASCII kept, anything else shown as '?', so a stray byte
 * cannot reach the terminal), and the types there are. */
static void gaz_bad_type(const char *s, size_t n, long lineno, char *err,
                         size_t errlen)
{
    const char *ty = (const char *)memchr(s, '\t', n) + 1;
    size_t tn = n - (size_t)(ty - s);
    const char *tab = memchr(ty, '\t', tn);
    if (tab)
        tn = (size_t)(tab - ty);
    char shown[48];
    size_t k = 0;
    for (size_t i = 0; i < tn && k < sizeof shown - 4; i++) {
        unsigned char c = (unsigned char)ty[i];
        if (c >= 0x80 && (c & 0xC0) == 0x80)
            continue; /* one '?' per non-ASCII character */
        shown[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    if (k < tn && k == sizeof shown - 4) {
        memcpy(shown + k, "...", 3);
        k += 3;
    }
    shown[k] = '\0';
    snprintf(err, errlen,
             "gazetteer line %ld: unknown type '%s' (want person, "
             "organisation, place or other)", lineno, shown);
}

/* Add gazetteer lines; -1 with err naming the first bad line. */
long entity_gazetteer_add(entity_table *t, const char *tsv, size_t len,
                          char *err, size_t errlen)
{
    long added = 0, lineno = 0;
    const char *p = tsv, *end = tsv + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t n = (size_t)(le - p);
        lineno++;
        if (n && p[n - 1] == '\r')
            n--;
        bool blank = true;
        for (size_t i = 0; i < n && blank; i++)
            blank = p[i] == ' ' || p[i] == '\t';
        if (n && p[0] != '#' && !blank) {
            int r = gaz_line(t, p, n);
            if (r == -2 && err && errlen) {
                gaz_bad_type(p, n, lineno, err, errlen);
                return -1;
            }
            if (r < 0) {
                if (err && errlen)
                    snprintf(err, errlen,
                             "gazetteer line %ld: want name<TAB>type"
                             "[<TAB>alias|...]", lineno);
                return -1;
            }
            added++;
        }
        p = le + 1;
    }
    return added;
}

/* --- the table --- */

static entity_table *weak_tpl;
static pthread_once_t weak_once = PTHREAD_ONCE_INIT;

/* Tens of thousands of names: parsed once a process, not a table. Never
 * freed; it stays reachable through weak_tpl. */
static void weak_build(void)
{
    entity_table *w = lede_calloc(1, sizeof *w);
    w->loading_weak = true;
    entity_gazetteer_add(w, lede_data_gaz_places, lede_data_gaz_places_len,
                         NULL, 0);
    entity_gazetteer_add(w, lede_data_gaz_clubs, lede_data_gaz_clubs_len,
                         NULL, 0);
    w->weak_wn0 = w->ngaz;
    entity_gazetteer_add(w, lede_data_gaz_wordnet, lede_data_gaz_wordnet_len,
                         NULL, 0);
    weak_tpl = w;
}

bool ent_weak_first(const entity_table *t, uint32_t h)
{
    const uint64_t *b = t->weak->weak_first;
    h &= ENT_WEAKBITS - 1;
    return b && (b[h / 64] >> (h % 64) & 1);
}

/* Entry of the generated lists naming folded key k, or -1. */
int32_t ent_weak_find(const entity_table *t, const char *k, size_t n,
                      uint32_t h)
{
    const entity_table *w = t->weak;
    return (int32_t)ent_map_get(&w->weakmap, &w->strs, k, n, h);
}

/* New table with the bundled gazetteer loaded. */
entity_table *entity_table_new(void)
{
    entity_table *t = lede_calloc(1, sizeof *t);
    t->known = lede_calloc(ENT_SETBITS, sizeof *t->known);
    t->lowers = lede_calloc(ENT_SETBITS, sizeof *t->lowers);
    ent_words_load(t);
    pthread_once(&weak_once, weak_build);
    t->weak = weak_tpl;
    entity_gazetteer_add(t, lede_data_gaz_countries,
                         lede_data_gaz_countries_len, NULL, 0);
    entity_gazetteer_add(t, lede_data_entities, lede_data_entities_len,
                         NULL, 0);
    t->tagger = tagger_builtin();
    return t;
}

void ent_finish_reset(entity_table *t)
{
    free(t->var_ent);
    free(t->ent_name);
    free(t->ent_name_len);
    free(t->ent_type);
    free(t->ent_total);
    free(t->ea_start);
    free(t->ea);
    ent_map_fini(&t->lookmap);
    t->var_ent = t->ent_name = t->ent_name_len = t->ent_total = NULL;
    t->ent_type = NULL;
    t->ea_start = NULL;
    t->ea = NULL;
    t->nents = 0;
    t->finished = false;
}

void entity_table_free(entity_table *t)
{
    if (!t)
        return;
    ent_finish_reset(t);
    free(t->strs.s);
    ent_map_fini(&t->words);
    free(t->wflags);
    free(t->wmemo);
    free(t->gmemo);
    free(t->vmemo);
    free(t->kmemo);
    free(t->gaz);
    ent_map_fini(&t->gazmap);
    ent_map_fini(&t->weakmap);
    free(t->weak_first);
    free(t->vars);
    ent_map_fini(&t->varmap);
    lede_arena_fini(&t->mscan);
    lede_arena_fini(&t->ments_ent);
    free(t->pend);
    free(t->mout);
    free(t->arts);
    free(t->acro);
    free(t->w);
    free(t->splits);
    free(t->c);
    free(t->known);
    free(t->lowall);
    free(t->lowers);
    free(t->kbuf);
    free(t->dset);
    free(t->dcov);
    ent_tag_free(t);
    text_fold_fini(&t->fold);
    ent_capture_free(t->cap);
    free(t);
}

/* Forget every article scanned; keep the word lists and gazetteers. */
void entity_table_reset(entity_table *t)
{
    ent_finish_reset(t);
    ent_map_fini(&t->varmap);
    t->var_ver++; /* intern's memo is stale */
    lede_arena_fini(&t->mscan);
    lede_arena_fini(&t->ments_ent);
    t->nvars = t->nments = t->narts = 0;
    if (t->lowall)
        memset(t->lowall, 0, t->lowcap * sizeof *t->lowall);
    t->nlow = 0;
    /* A gazetteer added after the first scan has its names past the
     * mark: then nothing is dropped from the arena. */
    if (t->keep_set && t->ngaz == t->ngaz_keep)
        t->strs.len = t->strs_keep;
    t->keep_set = false;
}

/* Keep the surface written with the most trustworthy case: a headline
 * capitalises "De Mistura", the body writes "de Mistura". */
static void variant_surface(entity_table *t, ent_variant *v, const char *s,
                            size_t n, uint8_t rank)
{
    if (v->surf_len && rank < v->surf_rank)
        return;
    /* the usual case: the spelling kept already */
    if (rank == v->surf_rank && n == v->surf_len &&
        memcmp(s, t->strs.s + v->surf, n) == 0)
        return;
    char tmp[256];
    if (n >= sizeof tmp) {
        n = sizeof tmp - 1; /* cut at a character boundary */
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '\n' || s[i] == '\t' ? ' ' : s[i];
        if (c == ' ' && o && tmp[o - 1] == ' ')
            continue;
        tmp[o++] = c;
    }
    /* equal trust: the bytewise smaller spelling, whatever came first,
     * so that the name does not depend on the order articles load */
    if (v->surf_len && rank == v->surf_rank) {
        size_t m = o < v->surf_len ? o : v->surf_len;
        int d = memcmp(tmp, t->strs.s + v->surf, m);
        if (d > 0 || (d == 0 && o >= v->surf_len))
            return;
    }
    v->surf = ent_arena_add(&t->strs, tmp, o);
    v->surf_len = (uint32_t)o;
    v->surf_rank = rank;
}

static uint32_t intern_raw(entity_table *t, const char *s, size_t n);

/* The variant of the text s[0..n): its folded key's, new if need be. */
static uint32_t intern(entity_table *t, const char *s, size_t n)
{
    if (!n || n > RMEMO_LEN)
        return intern_raw(t, s, n);
    bool hit;
    ent_rmemo *e = rmemo_slot(&t->vmemo, &t->vmemo_ver, t->var_ver, s, n,
                              &hit);
    if (!hit)
        e->val = (int32_t)intern_raw(t, s, n);
    return (uint32_t)e->val;
}

static uint32_t intern_raw(entity_table *t, const char *s, size_t n)
{
    uint32_t h;
    size_t k = ent_key_hash(t, s, n, &h);
    long id = ent_map_get(&t->varmap, &t->strs, t->kbuf, k, h);
    if (id >= 0)
        return (uint32_t)id;
    LEDE_GROW(t->vars, t->varcap, t->nvars + 1);
    ent_variant *v = &t->vars[t->nvars];
    memset(v, 0, sizeof *v);
    v->key = ent_arena_add(&t->strs, t->kbuf, k);
    v->key_len = (uint32_t)k;
    v->gaz = (int32_t)ent_map_get(&t->gazmap, &t->strs, t->strs.s + v->key,
                                  k, h);
    v->wgaz = ent_weak_find(t, t->strs.s + v->key, k, h);
    v->ntok = 1;
    for (size_t i = 0; i < k; i++) {
        if (t->strs.s[v->key + i] == ' ' && v->ntok < 255)
            v->ntok++;
    }
    if (k > 4 && (strstr(t->strs.s + v->key, " of ") ||
                  strstr(t->strs.s + v->key, " for ")))
        v->flags |= V_HASOF;
    uint32_t wh;
    if (v->ntok == 1 && v->gaz < 0 &&
        (ent_word_flags(t, t->strs.s + v->key, k, &wh) & W_SURNAME))
        v->votes[ENT_PERSON] += 3;
    ent_map_put(&t->varmap, &t->strs, t->strs.s + v->key, k, h,
                (uint32_t)t->nvars);
    return (uint32_t)t->nvars++;
}

static void lower_grow(entity_table *t)
{
    uint32_t *old = t->lowall;
    size_t oc = t->lowcap;
    t->lowcap = oc ? oc * 2 : 4096;
    t->lowall = lede_calloc(t->lowcap, sizeof *t->lowall);
    t->nlow = 0;
    for (size_t i = 0; i < oc; i++) {
        if (old[i])
            ent_lower_add(t, old[i]);
    }
    free(old);
}

void ent_lower_add(entity_table *t, uint32_t h)
{
    h = h ? h : 1;
    if ((t->nlow + 1) * 2 >= t->lowcap)
        lower_grow(t);
    size_t j = h & (t->lowcap - 1);
    while (t->lowall[j] && t->lowall[j] != h)
        j = (j + 1) & (t->lowcap - 1);
    if (!t->lowall[j]) {
        t->lowall[j] = h;
        t->nlow++;
    }
}

bool ent_lower_has(const entity_table *t, uint32_t h)
{
    h = h ? h : 1;
    if (!t->lowcap)
        return false;
    size_t j = h & (t->lowcap - 1);
    while (t->lowall[j]) {
        if (t->lowall[j] == h)
            return true;
        j = (j + 1) & (t->lowcap - 1);
    }
    return false;
}

void ent_add_mention(entity_table *t, const ent_cand *c, const char *surf)
{
    uint32_t id = intern(t, surf, c->len);
    ent_variant *v = &t->vars[id];
    variant_surface(t, v, surf, c->len, c->rank);
    v->count++;
    v->team = (uint16_t)(v->team + (c->team && v->team < 65535));
    v->tentative += c->tentative;
    /* "Stevenage 2": a town's mention with a score names its team, an
     * organisation of its own (entity_merge.c split_teams); its cues
     * and the tagger's type are the team's, not the town's */
    const gaz_entry *g = v->gaz >= 0    ? &t->gaz[v->gaz]
                         : v->wgaz >= 0 ? &t->weak->gaz[v->wgaz]
                                        : NULL;
    bool teams = c->team && g && g->type == ENT_PLACE && !g->country;
    /* "Jordan said" after "Michael Jordan": the person's cues */
    teams |= c->surname != 0;
    for (int i = 0; i < ENT_NTYPES && !teams; i++) {
        int nv = v->votes[i] + (c->votes[i] > 0 ? c->votes[i] : 0);
        v->votes[i] = (uint16_t)(nv > 65535 ? 65535 : nv);
    }
    LEDE_GROW(t->pend, t->pendcap, t->npend + ENT_MENT_MAX);
    ent_ment m = {c->off, c->len, id, c->team != 0, c->surname != 0};
    uint8_t *p = t->pend + t->npend;
    t->npend = (size_t)(ent_ment_put(p, &t->pend_prev, &m) - t->pend);
    t->pend_n++;
}

void ent_ments_begin(entity_table *t)
{
    t->npend = 0;
    t->pend_n = 0;
    t->pend_prev = 0;
}

void ent_ments_commit(entity_table *t, uint32_t idx)
{
    ent_article *a = &t->arts[idx];
    a->n = t->pend_n;
    a->scan = t->pend_n ? lede_arena_dup(&t->mscan, t->pend, t->npend) : NULL;
    a->ent = NULL;
    t->nments += t->pend_n;
    t->npend = t->pend_n = 0;
}

/* Find the mentions in article idx (each index scanned once). */
void entity_scan(entity_table *t, uint32_t idx, const article *a)
{
    if (!t->keep_set) {
        t->strs_keep = t->strs.len;
        t->ngaz_keep = t->ngaz;
        t->keep_set = true;
    }
    if (idx >= t->narts) {
        LEDE_GROW(t->arts, t->artcap, (size_t)idx + 1);
        memset(t->arts + t->narts, 0,
               ((size_t)idx + 1 - t->narts) * sizeof *t->arts);
        t->narts = (size_t)idx + 1;
    }
    if (t->arts[idx].scanned)
        return;
    t->arts[idx].scanned = true;
    ent_ments_begin(t);
    if (a && a->text) {
        ent_scan_article(t, a);
        t->arts[idx].sports = t->arts_sports;
    }
    ent_ments_commit(t, idx);
}

size_t entity_count(const entity_table *t)
{
    return t->nents;
}

const char *entity_name(const entity_table *t, uint32_t id)
{
    return id < t->nents ? t->strs.s + t->ent_name[id] : "";
}

entity_type entity_type_of(const entity_table *t, uint32_t id)
{
    return id < t->nents ? (entity_type)t->ent_type[id] : ENT_OTHER;
}

uint32_t entity_total(const entity_table *t, uint32_t id)
{
    return id < t->nents ? t->ent_total[id] : 0;
}

/* Mentions in article idx, in text order: decoded from its streams into
 * the table's buffer. */
const entity_mention *entity_mentions(const entity_table *t, uint32_t idx,
                                      size_t *n)
{
    if (idx >= t->narts || !t->arts[idx].n) {
        *n = 0;
        return NULL;
    }
    entity_table *mt = (entity_table *)t; /* the answer's buffer only */
    const ent_article *a = &t->arts[idx];
    LEDE_GROW(mt->mout, mt->moutcap, a->n);
    const uint8_t *p = a->scan, *q = a->ent;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        ent_ment m;
        uint64_t e = UINT32_MAX;
        p = ent_ment_next(p, &prev, &m);
        if (q)
            q = ent_get_varint(q, &e);
        mt->mout[i] = (entity_mention){m.off, m.len, (uint32_t)e};
    }
    *n = a->n;
    return mt->mout;
}

/* per thread: the reader and the thread making a set's names both sort */
static _Thread_local const entity_table *sort_table;

static int by_count_name(const void *a_, const void *b_)
{
    const entity_tally *a = a_, *b = b_;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    int c = strcmp(entity_name(sort_table, a->id),
                   entity_name(sort_table, b->id));
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int by_u32(const void *a_, const void *b_)
{
    uint32_t a = *(const uint32_t *)a_, b = *(const uint32_t *)b_;
    return (a > b) - (a < b);
}

/* Entities of article idx with counts, most mentioned first; malloc'd. */
entity_tally *entity_article_counts(const entity_table *t, uint32_t idx,
                                    size_t *n)
{
    size_t nm;
    const entity_mention *m = entity_mentions(t, idx, &nm);
    *n = 0;
    if (!nm || !t->finished)
        return NULL;
    uint32_t *ids = lede_malloc(nm * sizeof *ids);
    size_t k = 0;
    for (size_t i = 0; i < nm; i++) {
        if (m[i].entity < t->nents)
            ids[k++] = m[i].entity;
    }
    qsort(ids, k, sizeof *ids, by_u32);
    entity_tally *out = lede_malloc((k ? k : 1) * sizeof *out);
    size_t o = 0;
    for (size_t i = 0; i < k; i++) {
        if (o && out[o - 1].id == ids[i])
            out[o - 1].count++;
        else
            out[o++] = (entity_tally){ids[i], 1};
    }
    free(ids);
    sort_table = t;
    qsort(out, o, sizeof *out, by_count_name);
    *n = o;
    return out;
}

/* Articles naming entity id with counts, in article order. */
const entity_tally *entity_articles(const entity_table *t, uint32_t id,
                                    size_t *n)
{
    if (id >= t->nents) {
        *n = 0;
        return NULL;
    }
    *n = t->ea_start[id + 1] - t->ea_start[id];
    return t->ea + t->ea_start[id];
}

/* Entity whose canonical name or a variant equals name, or -1. */
long entity_lookup(const entity_table *t, const char *name, size_t len)
{
    if (!t->finished)
        return -1;
    entity_table *mt = (entity_table *)t; /* scratch key buffer only */
    size_t k = ent_key(mt, name, len);
    return ent_map_get(&t->lookmap, &t->strs, mt->kbuf, k,
                       ent_hash(mt->kbuf, k));
}
