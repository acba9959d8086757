/* entity_raw.c: a scan's findings as a byte string (see entity.h).
 *
 * The string holds every kept candidate of one article (range, votes,
 * surface rank, team and tentative marks, its text) and the hashes of
 * the lowercase words the article uses: all that entity_finish needs
 * from an article, so the set's table can be rebuilt without the text
 * and without scanning again. Layout (host byte order; the index is a
 * cache of this machine): a header of four uint32 (magic, candidates,
 * lowercase hashes, surface bytes), the candidates, the hashes, then the
 * surfaces one after another; then two more uint32 (flags: 1 for a sports
 * report; the bytes of acronym notes) and the notes, each a uint16 length
 * of the acronym and of the name it spells out, then the two texts. */
#include <stdlib.h>
#include <string.h>

#include "entity_priv.h"
#include "util.h"

enum { RAW_MAGIC = 0x4c455232, /* "LER2" */
       LOW_SET = 4096 };         /* a power of two */

typedef struct raw_cand {
    uint32_t off, len;
    int16_t votes[ENT_NTYPES];
    uint8_t rank, team, tentative, surname;
} raw_cand;

struct ent_capture {
    raw_cand *c;
    size_t nc, ccap;
    uint32_t *low;
    size_t nlow, lowcap;
    char *surf;
    size_t nsurf, surfcap;
    char *acro;              /* acronym notes, as stored */
    size_t nacro, acrocap;
    uint32_t seen[LOW_SET], seen_gen[LOW_SET], gen; /* hashes met */
};

void ent_capture_cand(entity_table *t, const ent_cand *c, const char *text)
{
    ent_capture *k = t->cap;
    LEDE_GROW(k->c, k->ccap, k->nc + 1);
    raw_cand *r = &k->c[k->nc++];
    memset(r, 0, sizeof *r);
    r->off = c->off;
    r->len = c->len;
    memcpy(r->votes, c->votes, sizeof r->votes);
    r->rank = c->rank;
    r->team = c->team;
    r->tentative = c->tentative;
    r->surname = c->surname;
    LEDE_GROW(k->surf, k->surfcap, k->nsurf + c->len);
    memcpy(k->surf + k->nsurf, text + c->off, c->len);
    k->nsurf += c->len;
}

void ent_capture_acro(entity_table *t, const char *a, size_t an,
                      const char *s, size_t n)
{
    ent_capture *k = t->cap;
    if (an > UINT16_MAX || n > UINT16_MAX)
        return;
    LEDE_GROW(k->acro, k->acrocap, k->nacro + 4 + an + n);
    uint16_t l[2] = {(uint16_t)an, (uint16_t)n};
    memcpy(k->acro + k->nacro, l, 4);
    memcpy(k->acro + k->nacro + 4, a, an);
    memcpy(k->acro + k->nacro + 4 + an, s, n);
    k->nacro += 4 + an + n;
}

void ent_capture_low(entity_table *t, uint32_t h)
{
    ent_capture *k = t->cap;
    /* each hash once per article; a long one may repeat some (sorted out
     * in unique_low) */
    if (k->nlow < LOW_SET / 2) {
        size_t j = h & (LOW_SET - 1);
        while (k->seen_gen[j] == k->gen) {
            if (k->seen[j] == h)
                return;
            j = (j + 1) & (LOW_SET - 1);
        }
        k->seen_gen[j] = k->gen;
        k->seen[j] = h;
    }
    LEDE_GROW(k->low, k->lowcap, k->nlow + 1);
    k->low[k->nlow++] = h;
}

void ent_capture_free(ent_capture *k)
{
    if (!k)
        return;
    free(k->c);
    free(k->low);
    free(k->surf);
    free(k->acro);
    free(k);
}

static int by_u32(const void *a_, const void *b_)
{
    uint32_t a = *(const uint32_t *)a_, b = *(const uint32_t *)b_;
    return (a > b) - (a < b);
}

/* Each hash once: the set only asks whether a word was ever lowercase. */
static void unique_low(ent_capture *k)
{
    if (k->nlow < LOW_SET / 2)
        return; /* the set kept them unique */
    qsort(k->low, k->nlow, sizeof *k->low, by_u32);
    size_t o = 1;
    for (size_t i = 1; i < k->nlow; i++)
        if (k->low[i] != k->low[o - 1])
            k->low[o++] = k->low[i];
    k->nlow = o;
}

void entity_scan_raw(entity_table *t, const article *a, void **out,
                     size_t *outlen)
{
    if (!t->cap)
        t->cap = lede_calloc(1, sizeof *t->cap);
    ent_capture *k = t->cap;
    k->nc = k->nlow = k->nsurf = k->nacro = 0;
    if (++k->gen == 0) { /* wrapped: start the marks afresh */
        memset(k->seen_gen, 0, sizeof k->seen_gen);
        k->gen = 1;
    }
    if (a && a->text)
        ent_scan_article(t, a);
    unique_low(k);
    uint32_t hdr[4] = {RAW_MAGIC, (uint32_t)k->nc, (uint32_t)k->nlow,
                       (uint32_t)k->nsurf};
    uint32_t tail[2] = {t->arts_sports ? 1u : 0u, (uint32_t)k->nacro};
    size_t n = sizeof hdr + k->nc * sizeof *k->c + k->nlow * sizeof *k->low +
               k->nsurf + sizeof tail + k->nacro;
    char *p = lede_realloc(*out, n), *q = p;
    memcpy(q, hdr, sizeof hdr);
    q += sizeof hdr;
    if (k->nc)
        memcpy(q, k->c, k->nc * sizeof *k->c);
    q += k->nc * sizeof *k->c;
    if (k->nlow)
        memcpy(q, k->low, k->nlow * sizeof *k->low);
    q += k->nlow * sizeof *k->low;
    if (k->nsurf)
        memcpy(q, k->surf, k->nsurf);
    q += k->nsurf;
    memcpy(q, tail, sizeof tail);
    q += sizeof tail;
    if (k->nacro)
        memcpy(q, k->acro, k->nacro);
    *out = p;
    *outlen = n;
    /* keep the scratch, but not a giant article's worth of it */
    if (k->ccap > 65536 || k->surfcap > (1u << 20) || k->lowcap > 65536 ||
        k->acrocap > 65536) {
        free(k->c);
        free(k->low);
        free(k->surf);
        free(k->acro);
        k->c = NULL;
        k->low = NULL;
        k->surf = NULL;
        k->acro = NULL;
        k->nc = k->ccap = k->nlow = k->lowcap = k->nsurf = k->surfcap = 0;
        k->nacro = k->acrocap = 0;
    }
}

/* The header of a raw string, checked against its length; NULL when it
 * does not add up. */
static const uint32_t *raw_header(const void *raw, size_t len)
{
    uint32_t hdr[4];
    if (!raw || len < sizeof hdr)
        return NULL;
    memcpy(hdr, raw, sizeof hdr);
    if (hdr[0] != RAW_MAGIC)
        return NULL;
    unsigned long long need = sizeof hdr +
                              (unsigned long long)hdr[1] * sizeof(raw_cand) +
                              (unsigned long long)hdr[2] * 4 + hdr[3] + 8;
    if (need > len)
        return NULL;
    uint32_t tail[2];
    memcpy(tail, (const char *)raw + need - 8, sizeof tail);
    return need + tail[1] == len ? raw : NULL;
}

int entity_add_raw(entity_table *t, uint32_t idx, const void *raw,
                   size_t len, size_t text_len)
{
    if (idx < t->narts && t->arts[idx].scanned)
        return 0; /* each index once, as entity_scan */
    entity_scan(t, idx, NULL); /* the article's slot, empty */
    const uint32_t *h = raw_header(raw, len);
    if (!h)
        return -1;
    uint32_t hdr[4];
    memcpy(hdr, h, sizeof hdr);
    const char *p = (const char *)raw + sizeof hdr;
    const char *lows = p + (size_t)hdr[1] * sizeof(raw_cand);
    const char *surf = lows + (size_t)hdr[2] * 4;
    /* check everything first: a bad string adds nothing */
    size_t total = 0;
    for (uint32_t i = 0; i < hdr[1]; i++) {
        raw_cand r;
        memcpy(&r, p + (size_t)i * sizeof r, sizeof r);
        if (r.len == 0 || r.off > text_len || r.len > text_len - r.off)
            return -1;
        total += r.len;
    }
    if (total != hdr[3])
        return -1;
    ent_ments_begin(t);
    for (uint32_t i = 0; i < hdr[1]; i++) {
        raw_cand r;
        memcpy(&r, p + (size_t)i * sizeof r, sizeof r);
        ent_cand c = {.off = r.off, .len = r.len, .rank = r.rank,
                      .team = r.team, .tentative = r.tentative,
                      .surname = r.surname};
        memcpy(c.votes, r.votes, sizeof c.votes);
        ent_add_mention(t, &c, surf);
        surf += r.len;
    }
    ent_ments_commit(t, idx);
    uint32_t tail[2];
    memcpy(tail, surf, sizeof tail);
    t->arts[idx].sports = (tail[0] & 1) != 0;
    const char *q = surf + sizeof tail, *qend = q + tail[1];
    ent_capture *cap = t->cap; /* notes go to the table, not a capture */
    t->cap = NULL;
    while (qend - q >= 4) {
        uint16_t l[2];
        memcpy(l, q, 4);
        if ((size_t)(qend - q - 4) < (size_t)l[0] + l[1])
            break;
        ent_acro_note(t, q + 4, l[0], q + 4 + l[0], l[1]);
        q += 4 + (size_t)l[0] + l[1];
    }
    t->cap = cap;
    for (uint32_t i = 0; i < hdr[2]; i++) {
        uint32_t w;
        memcpy(&w, lows + (size_t)i * 4, 4);
        ent_lower_add(t, w);
    }
    t->finished = false;
    return 0;
}
