/* index_doclist.c: one FTS5 phrase read straight from the index tables.
 *
 * The FTS5 format (ext/fts5/fts5_index.c of SQLite, "Details"): the
 * structure record (fts_data id 10) lists the segments, level 0 the
 * newest; a segment's leaves are fts_data rows (segid << 37) + page,
 * each a 4-byte header (offset of the page's first row id when it comes
 * before its first term, offset of the page index), the terms with
 * their doclists, and the page index (the offsets of the page's terms).
 * fts_idx gives, per segment, the page a term starts on. A doclist is
 * row ids (the first of a term and of a page absolute, the others
 * deltas), each with a position list: its size (times two, plus a
 * delete flag), then per column (0x01 and the column number before any
 * but the first) positions + 2, delta coded. A doclist goes on over the
 * following pages up to the next term.
 *
 * A row in several segments is the newest segment's; an empty position
 * list there is a deletion. A phrase matches at position p of a column
 * when its k-th token is at p + k in that column; lede_collect counts
 * those p per row, in the headline (column 0) and the body. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index_doclist.h"
#include "util.h"

typedef struct seg {
    int id, first, last;
    unsigned prio; /* 0 the newest */
} seg;

typedef struct rd {
    sqlite3 *db;
    sqlite3_blob *blob;
    sqlite3_stmt *idx;
    uint8_t *page; /* the page last read, zero padded */
    size_t pcap;
    int pn;
    seg *seg;
    size_t nseg;
    uint8_t **bufs; /* doclist bytes, kept while the entries point in */
    size_t nbuf, capbuf;
    int rc;
} rd;

enum { PAD = 16 };

static size_t get_varint(const uint8_t *p, uint64_t *v)
{
    uint64_t x = 0;
    for (size_t i = 0; i < 8; i++) {
        x = (x << 7) | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    *v = (x << 8) | p[8];
    return 9;
}

/* get_varint with the one- and two-byte values (most row id deltas,
 * sizes and positions) read inline. */
static inline size_t varint(const uint8_t *p, uint64_t *v)
{
    if (!(p[0] & 0x80)) {
        *v = p[0];
        return 1;
    }
    if (!(p[1] & 0x80)) {
        *v = (uint64_t)(p[0] & 0x7f) << 7 | p[1];
        return 2;
    }
    return get_varint(p, v);
}

static unsigned get_u16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* Read fts_data row id into r->page; false when it is missing. */
static bool read_block(rd *r, int64_t id)
{
    int rc = r->blob ? sqlite3_blob_reopen(r->blob, id)
                     : sqlite3_blob_open(r->db, "main", "fts_data", "block",
                                         id, 0, &r->blob);
    if (rc != SQLITE_OK) {
        r->rc = rc == SQLITE_ERROR ? SQLITE_CORRUPT : rc;
        return false;
    }
    int n = sqlite3_blob_bytes(r->blob);
    LEDE_GROW(r->page, r->pcap, (size_t)n + PAD);
    if ((rc = sqlite3_blob_read(r->blob, r->page, n, 0)) != SQLITE_OK) {
        r->rc = rc;
        return false;
    }
    memset(r->page + n, 0, PAD);
    r->pn = n;
    return true;
}

static int64_t leaf_id(int segid, int pg)
{
    return ((int64_t)segid << 37) + pg;
}

/* The segments of the structure record, newest first; false when the
 * record is not the legacy format. */
static bool read_structure(rd *r)
{
    if (!read_block(r, 10))
        return false;
    const uint8_t *p = r->page, *end = r->page + r->pn;
    if (r->pn < 8 || (p[4] == 0xff && p[5] == 0 && p[6] == 0 && p[7] == 1))
        return false; /* V2: contentless_delete, tombstones */
    p += 4;
    uint64_t nlevel, nseg, wc;
    p += get_varint(p, &nlevel);
    p += get_varint(p, &nseg);
    p += get_varint(p, &wc);
    if (nlevel > 64 || nseg > 65536)
        return false;
    r->seg = lede_calloc(nseg ? nseg : 1, sizeof *r->seg);
    size_t k = 0;
    for (uint64_t l = 0; l < nlevel; l++) {
        uint64_t merge, n;
        p += get_varint(p, &merge);
        p += get_varint(p, &n);
        if (k + n > nseg || p > end)
            return false;
        /* oldest to newest within a level: the newest gets the lowest
         * priority number */
        for (uint64_t i = 0; i < n; i++) {
            uint64_t id, first, last;
            p += get_varint(p, &id);
            p += get_varint(p, &first);
            p += get_varint(p, &last);
            seg *s = &r->seg[k + n - 1 - i];
            s->id = (int)id;
            s->first = (int)first;
            s->last = (int)last;
        }
        for (uint64_t i = 0; i < n; i++)
            r->seg[k + i].prio = (unsigned)(k + i);
        k += n;
    }
    r->nseg = k;
    return p <= end && k == nseg;
}

/* The page of segment s where term (with FTS5's '0' first) may start. */
static int start_page(rd *r, const seg *s, const uint8_t *term, size_t n)
{
    int pg = 0;
    if (!r->idx &&
        sqlite3_prepare_v2(r->db, "SELECT pgno FROM fts_idx WHERE segid=?1 "
                           "AND term<=?2 ORDER BY term DESC LIMIT 1", -1,
                           &r->idx, NULL) != SQLITE_OK) {
        r->rc = sqlite3_errcode(r->db);
        return 0;
    }
    sqlite3_bind_int(r->idx, 1, s->id);
    sqlite3_bind_blob(r->idx, 2, term, (int)n, SQLITE_STATIC);
    if (sqlite3_step(r->idx) == SQLITE_ROW)
        pg = (int)(sqlite3_column_int64(r->idx, 0) >> 1);
    sqlite3_reset(r->idx);
    return pg < s->first ? s->first : pg;
}

typedef struct bytes {
    uint8_t *b;
    size_t n, cap;
    size_t *abs; /* where a row id is absolute (a page's first) */
    size_t nabs, capabs;
} bytes;

static void put(bytes *d, const uint8_t *p, size_t n)
{
    LEDE_GROW(d->b, d->cap, d->n + n + PAD);
    memcpy(d->b + d->n, p, n);
    d->n += n;
    memset(d->b + d->n, 0, PAD);
}

/* Find term on the page in r->page; *at gets where its doclist starts
 * and *end where the next term starts (0: none on the page). */
static bool seek_term(rd *r, const uint8_t *term, size_t tn, size_t *at,
                      size_t *end)
{
    const uint8_t *p = r->page;
    size_t nn = (size_t)r->pn, sz = get_u16(p + 2);
    if (sz >= nn || sz < 4)
        return false; /* no term on the page */
    uint8_t cur[512];
    size_t curn = 0, idx = sz, off = 0;
    uint64_t v;
    idx += get_varint(p + idx, &v);
    off = (size_t)v;
    for (bool first = true;; first = false) {
        if (off >= sz)
            return false;
        uint64_t keep = 0, nnew;
        size_t i = off;
        if (!first)
            i += get_varint(p + i, &keep);
        i += get_varint(p + i, &nnew);
        if (keep > curn || keep + nnew > sizeof cur || i + nnew > sz)
            return false;
        memcpy(cur + keep, p + i, (size_t)nnew);
        curn = (size_t)(keep + nnew);
        i += (size_t)nnew;
        size_t next = 0;
        if (idx < nn) {
            idx += get_varint(p + idx, &v);
            next = off + (size_t)v;
        }
        size_t m = curn < tn ? curn : tn;
        int c = memcmp(cur, term, m);
        if (c == 0 && curn == tn) {
            *at = i;
            *end = next;
            return true;
        }
        if (c > 0 || (c == 0 && curn > tn) || !next)
            return false;
        off = next;
    }
}

/* The doclist bytes of term in segment s into d. */
static bool seg_doclist(rd *r, const seg *s, const uint8_t *term, size_t tn,
                        bytes *d)
{
    d->n = d->nabs = 0;
    if (s->first <= 0)
        return false; /* trimmed away by a merge */
    int pg = start_page(r, s, term, tn);
    if (r->rc || pg > s->last || !read_block(r, leaf_id(s->id, pg)))
        return false;
    size_t at, end;
    if (!seek_term(r, term, tn, &at, &end))
        return false;
    size_t sz = get_u16(r->page + 2), stop = end ? end : sz;
    if (stop < at || stop > sz) {
        r->rc = SQLITE_CORRUPT;
        return false;
    }
    put(d, r->page + at, stop - at);
    bool more = !end; /* the doclist goes on to the next page */
    while (more && ++pg <= s->last) {
        if (!read_block(r, leaf_id(s->id, pg)))
            return false;
        const uint8_t *p = r->page;
        size_t nn = (size_t)r->pn;
        sz = get_u16(p + 2);
        if (nn < 4 || sz < 4 || sz > nn) {
            r->rc = SQLITE_CORRUPT;
            return false;
        }
        size_t lim = sz;
        if (sz < nn) { /* the page has a term: the doclist ends there */
            uint64_t v;
            get_varint(p + sz, &v);
            lim = (size_t)v < sz ? (size_t)v : sz;
            more = false;
        }
        size_t fr = get_u16(p);
        if (fr >= 4 && fr < lim) {
            LEDE_GROW(d->abs, d->capabs, d->nabs + 1);
            d->abs[d->nabs++] = d->n + fr - 4;
        }
        if (lim > 4)
            put(d, p + 4, lim - 4);
    }
    return true;
}

/* A walk over one segment's doclist of a token. */
typedef struct cur {
    const uint8_t *b;
    size_t n, i;
    const size_t *abs; /* where a row id is absolute */
    size_t nabs, a;
    unsigned prio;
    int64_t rowid; /* the current entry */
    const uint8_t *pos;
    uint32_t np;
} cur;

/* The next entry of c; false at the end. */
static bool cur_next(cur *c)
{
    if (c->i >= c->n)
        return false;
    uint64_t v;
    size_t at = c->i;
    const uint8_t *p = c->b + at;
    c->i += varint(p, &v);
    while (c->a < c->nabs && c->abs[c->a] < at)
        c->a++; /* (only a damaged doclist skips one) */
    if (at == 0 || (c->a < c->nabs && c->abs[c->a] == at))
        c->rowid = (int64_t)v;
    else
        c->rowid += (int64_t)v;
    if (c->i >= c->n)
        return false;
    uint64_t sz;
    c->i += varint(c->b + c->i, &sz);
    size_t np = (size_t)(sz >> 1);
    if (np > c->n - c->i)
        np = c->n - c->i;
    c->pos = c->b + c->i;
    c->np = (uint32_t)np;
    c->i += np;
    return true;
}

/* One row of a token: its position list. */
typedef struct ent {
    int64_t rowid;
    const uint8_t *pos;
    uint32_t np;
} ent;

/* The rows of one token over every segment, in row id order: the
 * segments' walks kept sorted by (row id, newest first), so that the
 * first is the row to give; in a set indexed in order the segments hold
 * row ranges one after the other and the order rarely changes. */
typedef struct tok_it {
    cur *c;
    size_t nc;
    cur *c0; /* the walks as opened (for the parts) */
    size_t nc0;
    const ent *e; /* the current row (NULL at the end) */
    ent last;
} tok_it;

static bool cur_less(const cur *x, const cur *y)
{
    return x->rowid < y->rowid || (x->rowid == y->rowid && x->prio < y->prio);
}

/* Put c[k] back in order after it moved on (or drop it at its end). */
static void it_fix(tok_it *t, size_t k, bool alive)
{
    if (!alive) {
        memmove(t->c + k, t->c + k + 1, (t->nc - k - 1) * sizeof *t->c);
        t->nc--;
        return;
    }
    while (k + 1 < t->nc && cur_less(&t->c[k + 1], &t->c[k])) {
        cur x = t->c[k];
        t->c[k] = t->c[k + 1];
        t->c[k + 1] = x;
        k++;
    }
}

/* The next row of the token (deletions skipped); false at the end. */
static bool it_next(tok_it *t)
{
    while (t->nc) {
        cur *c = &t->c[0];
        t->last = (ent){c->rowid, c->pos, c->np};
        bool alive = cur_next(c);
        if (!alive || (t->nc > 1 && !cur_less(c, c + 1)))
            it_fix(t, 0, alive);
        while (t->nc && t->c[0].rowid == t->last.rowid) /* older copies */
            it_fix(t, 0, cur_next(&t->c[0]));
        if (t->last.np) { /* an empty position list is a deletion */
            t->e = &t->last;
            return true;
        }
    }
    t->e = NULL;
    return false;
}

static void sort_curs(tok_it *t)
{
    for (size_t k = 1; k < t->nc; k++) /* insertion sort: few segments */
        for (size_t j = k; j > 0 && cur_less(&t->c[j], &t->c[j - 1]); j--) {
            cur x = t->c[j];
            t->c[j] = t->c[j - 1];
            t->c[j - 1] = x;
        }
}

/* Open the walks of one token's doclists in every segment. */
static void token_open(rd *r, const char *tok, size_t n, tok_it *t)
{
    size_t tn = n + 1;
    uint8_t *term = lede_malloc(tn);
    term[0] = '0'; /* FTS5's main index */
    memcpy(term + 1, tok, n);
    t->c = lede_calloc(r->nseg ? r->nseg : 1, sizeof *t->c);
    t->nc = 0;
    for (size_t k = 0; k < r->nseg && !r->rc; k++) {
        bytes d = {0};
        if (seg_doclist(r, &r->seg[k], term, tn, &d) && d.n) {
            LEDE_GROW(r->bufs, r->capbuf, r->nbuf + 2);
            r->bufs[r->nbuf++] = d.b;
            r->bufs[r->nbuf++] = (uint8_t *)d.abs;
            cur *c = &t->c[t->nc];
            *c = (cur){d.b, d.n, 0, d.abs, d.nabs, 0, r->seg[k].prio, 0,
                       NULL, 0};
            if (cur_next(c))
                t->nc++;
        } else {
            free(d.b);
            free(d.abs);
        }
    }
    free(term);
    t->c0 = lede_malloc((t->nc ? t->nc : 1) * sizeof *t->c0);
    memcpy(t->c0, t->c, t->nc * sizeof *t->c);
    t->nc0 = t->nc;
    sort_curs(t);
    it_next(t);
}

/* Matches of one token in a position list, per column kind. */
static void count_cols(const ent *e, bool title_only, uint32_t *t,
                       uint32_t *b)
{
    const uint8_t *p = e->pos, *end = e->pos + e->np;
    uint64_t col = 0;
    uint32_t k = 0;
    while (p < end) {
        uint64_t x;
        p += varint(p, &x);
        if (x == 1) { /* a new column */
            *(col == 0 ? t : b) += k;
            k = 0;
            p += get_varint(p, &col);
            if (title_only)
                return;
            continue;
        }
        if (x < 2)
            break; /* corrupt: stop here, as FTS5 does */
        k++;
    }
    if (title_only && col != 0)
        return;
    *(col == 0 ? t : b) += k;
}

/* Positions of a position list as column << 32 | offset, into *v. */
static size_t positions(const ent *e, bool title_only, uint64_t **v,
                        size_t *cap)
{
    const uint8_t *p = e->pos, *end = e->pos + e->np;
    uint64_t col = 0, off = 0;
    size_t n = 0;
    LEDE_GROW(*v, *cap, e->np); /* a position takes a byte at least */
    while (p < end) {
        uint64_t x;
        p += varint(p, &x);
        if (x == 1) { /* a new column */
            p += get_varint(p, &col);
            off = 0;
            if (title_only)
                break;
            continue;
        }
        if (x < 2)
            break; /* corrupt: stop here, as FTS5 does */
        off += x - 2;
        (*v)[n++] = col << 32 | (off & 0x7fffffff);
    }
    return n;
}

/* The positions of a position list one at a time. */
typedef struct pos_it {
    const uint8_t *p, *end;
    uint64_t col, off;
    bool title_only;
} pos_it;

/* The next position as column << 32 | offset; false at the end. */
static inline bool pos_next(pos_it *it, uint64_t *out)
{
    while (it->p < it->end) {
        uint64_t x;
        it->p += varint(it->p, &x);
        if (x == 1) { /* a new column */
            if (it->title_only)
                return false;
            it->p += varint(it->p, &it->col);
            it->off = 0;
            continue;
        }
        if (x < 2)
            return false; /* corrupt: stop here, as FTS5 does */
        it->off += x - 2;
        *out = it->col << 32 | (it->off & 0x7fffffff);
        return true;
    }
    return false;
}

/* phrase_row for two tokens, both lists walked together. */
static void phrase2(const ent *e0, const ent *e1, bool title_only,
                    uint32_t *t, uint32_t *b)
{
    pos_it a = {e0->pos, e0->pos + e0->np, 0, 0, title_only};
    pos_it c = {e1->pos, e1->pos + e1->np, 0, 0, title_only};
    uint64_t pa, pc;
    *t = *b = 0;
    bool ha = pos_next(&a, &pa), hc = pos_next(&c, &pc);
    while (ha && hc) {
        if (pc < pa + 1) {
            hc = pos_next(&c, &pc);
        } else {
            if (pc == pa + 1)
                *((pa >> 32) == 0 ? t : b) += 1;
            ha = pos_next(&a, &pa);
        }
    }
}

typedef struct scratch {
    uint64_t **pos;
    size_t *cap, *n, *at;
} scratch;

/* The phrase's matches in one row whose tokens' entries are e[0..nt):
 * in column 0 into *t, the others into *b. */
static void phrase_row(const ent *const *e, size_t nt, bool title_only,
                       scratch *s, uint32_t *t, uint32_t *b)
{
    *t = *b = 0;
    for (size_t k = 0; k < nt; k++) {
        s->n[k] = positions(e[k], title_only, &s->pos[k], &s->cap[k]);
        s->at[k] = 0;
        if (!s->n[k])
            return;
    }
    for (size_t i = 0; i < s->n[0]; i++) {
        uint64_t p = s->pos[0][i];
        bool ok = true;
        for (size_t k = 1; k < nt && ok; k++) {
            uint64_t want = p + k;
            while (s->at[k] < s->n[k] && s->pos[k][s->at[k]] < want)
                s->at[k]++;
            ok = s->at[k] < s->n[k] && s->pos[k][s->at[k]] == want;
        }
        if (ok)
            *((p >> 32) == 0 ? t : b) += 1;
    }
}

/* Row rowid matched: article i (c->map's, or -1) with t matches in the
 * headline and b in the body. */
static void found(index_fts_collect *c, long i, uint32_t t, uint32_t b)
{
    c->rows++;
    if (i < 0 || (size_t)i >= c->n)
        return;
    c->bits[(size_t)i / 64] |= (uint64_t)1 << ((size_t)i % 64);
    if (c->title) {
        c->title[i] = t;
        c->body[i] = b;
    }
}

/* Whether article i's matches are wanted: counted, and in c's mask. */
static bool counted(const index_fts_collect *c, long i)
{
    return c->title && i >= 0 && (size_t)i < c->n &&
           (!c->mask || (c->mask[(size_t)i / 64] >> ((size_t)i % 64) & 1));
}

/* The rows in [lo, hi) of every token together: those where the phrase
 * matches. */
static void collect_rows(tok_it *ti, size_t nt, bool title_only, int64_t lo,
                         int64_t hi, index_fts_collect *c)
{
    const ent **e = lede_malloc(nt * sizeof *e);
    scratch s = {lede_calloc(nt, sizeof *s.pos), lede_calloc(nt, sizeof *s.cap),
                 lede_calloc(nt, sizeof *s.n), lede_calloc(nt, sizeof *s.at)};
    for (; ti[0].e && ti[0].e->rowid < hi; it_next(&ti[0])) {
        int64_t row = ti[0].e->rowid;
        if (row < lo)
            continue;
        bool all = true;
        e[0] = ti[0].e;
        for (size_t k = 1; k < nt && all; k++) {
            while (ti[k].e && ti[k].e->rowid < row)
                it_next(&ti[k]);
            all = ti[k].e && ti[k].e->rowid == row;
            e[k] = ti[k].e;
        }
        if (!all) {
            bool end = false;
            for (size_t k = 1; k < nt; k++)
                end |= !ti[k].e;
            if (end)
                break;
            continue;
        }
        long i = c->map(c->ctx, row);
        uint32_t t = 0, b = 0;
        if (nt == 2) {
            phrase2(e[0], e[1], title_only, &t, &b);
        } else if (nt > 2) {
            phrase_row(e, nt, title_only, &s, &t, &b);
        } else if (counted(c, i)) {
            count_cols(e[0], title_only, &t, &b);
        } else { /* a row of the word; with title: one in the headline
                  * (a position list that starts in column 0) */
            if (title_only && e[0]->pos[0] == 0x01)
                continue;
            found(c, i, 0, 0);
            continue;
        }
        if (t + b)
            found(c, i, t, b);
    }
    for (size_t k = 0; k < nt; k++)
        free(s.pos[k]);
    free(s.pos);
    free(s.cap);
    free(s.n);
    free(s.at);
    free(e);
}

/* ---- the rows split between threads ------------------------------------- */

/* The row id at the start of page j of a walk (its absolute row id). */
static int64_t page_rowid(const cur *c, size_t j)
{
    uint64_t v;
    get_varint(c->b + c->abs[j], &v);
    return (int64_t)v;
}

/* A copy of the token's walks, each from the last page that starts at or
 * before row lo (its rows before lo are skipped by the caller). */
static void it_from(const tok_it *all, int64_t lo, tok_it *t)
{
    t->c = lede_calloc(all->nc0 ? all->nc0 : 1, sizeof *t->c);
    t->nc = 0;
    for (size_t k = 0; k < all->nc0; k++) {
        cur c = all->c0[k];
        size_t a = 0, b = c.nabs; /* the first page starting after lo */
        while (a < b) {
            size_t m = (a + b) / 2;
            if (page_rowid(&c, m) <= lo)
                a = m + 1;
            else
                b = m;
        }
        if (a > 0) {
            c.i = c.abs[a - 1];
            c.a = a - 1;
        } else {
            c.i = c.a = 0;
        }
        c.rowid = 0;
        if (cur_next(&c))
            t->c[t->nc++] = c;
    }
    sort_curs(t);
    it_next(t);
}

typedef struct part {
    tok_it *ti;
    size_t nt;
    bool title_only;
    int64_t lo, hi;
    index_fts_collect c;
} part;

static void *run_part(void *arg)
{
    part *p = arg;
    collect_rows(p->ti, p->nt, p->title_only, p->lo, p->hi, &p->c);
    return NULL;
}

/* How many parts the rows go in: one per core, when there are enough
 * bytes to decode for a thread to pay (a thread costs tens of
 * microseconds, 256 KB of doclists about half a millisecond). */
enum { PART_BYTES = 256 * 1024 };
static size_t parts_for(const tok_it *ti, size_t nt)
{
    size_t nb = 0;
    for (size_t k = 0; k < nt; k++)
        for (size_t j = 0; j < ti[k].nc0; j++)
            nb += ti[k].c0[j].n;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cores > 1 ? (size_t)cores : 1;
    n = n > 8 ? 8 : n;
    while (n > 1 && nb / n < PART_BYTES)
        n--;
    return n;
}

/* The rows of the phrase, in parts run on threads: the split row ids
 * are page starts of token 0's biggest doclist, so the parts are about
 * the same size. */
static void collect_parallel(tok_it *ti, size_t nt, bool title_only,
                             index_fts_collect *c)
{
    size_t np = parts_for(ti, nt);
    const cur *big = NULL;
    for (size_t j = 0; j < ti[0].nc0; j++)
        if (!big || ti[0].c0[j].n > big->n)
            big = &ti[0].c0[j];
    if (np < 2 || !big || big->nabs < 2 * np) {
        collect_rows(ti, nt, title_only, INT64_MIN, INT64_MAX, c);
        return;
    }
    part *p = lede_calloc(np, sizeof *p);
    pthread_t *th = lede_calloc(np, sizeof *th);
    int64_t prev = INT64_MIN;
    size_t n = 0;
    for (size_t k = 0; k < np; k++) {
        int64_t lo = k ? page_rowid(big, big->nabs * k / np) : INT64_MIN;
        if (k && lo <= prev)
            continue;
        if (n)
            p[n - 1].hi = lo;
        p[n] = (part){NULL, nt, title_only, lo, INT64_MAX, *c};
        p[n].c.rows = 0;
        if (n) { /* a bitmap of its own: the parts' articles may share words */
            p[n].c.bits = lede_calloc((c->n + 63) / 64 ? (c->n + 63) / 64 : 1,
                                      sizeof *p[n].c.bits);
            p[n].ti = lede_calloc(nt, sizeof *p[n].ti);
            for (size_t t = 0; t < nt; t++)
                it_from(&ti[t], lo, &p[n].ti[t]);
        } else {
            p[n].ti = ti;
        }
        prev = lo;
        n++;
    }
    c->map(c->ctx, big->rowid); /* a lazy map builds its tables now */
    size_t started = 1;
    for (size_t k = 1; k < n; k++, started++)
        if (pthread_create(&th[k], NULL, run_part, &p[k]) != 0)
            break;
    for (size_t k = started; k < n; k++) /* no thread: run it here */
        run_part(&p[k]);
    run_part(&p[0]);
    c->rows = p[0].c.rows;
    for (size_t k = 1; k < n; k++) {
        if (k < started)
            pthread_join(th[k], NULL);
        c->rows += p[k].c.rows;
        for (size_t w = 0; w < (c->n + 63) / 64; w++)
            c->bits[w] |= p[k].c.bits[w];
        free(p[k].c.bits);
        for (size_t t = 0; t < nt; t++)
            free(p[k].ti[t].c);
        free(p[k].ti);
    }
    free(th);
    free(p);
}

typedef struct toks {
    char **t;
    size_t *n, nt, cap;
} toks;

static int add_tok(void *ctx, const char *tok, size_t n, size_t start,
                   size_t end)
{
    (void)start;
    (void)end;
    toks *q = ctx;
    LEDE_GROW(q->t, q->cap, q->nt + 1);
    q->n = lede_realloc(q->n, q->cap * sizeof *q->n);
    q->t[q->nt] = lede_malloc(n ? n : 1);
    memcpy(q->t[q->nt], tok, n);
    q->n[q->nt++] = n;
    return 0;
}

/* Whether the table is one this reader knows: FTS5's format version 4
 * (5 is secure-delete, which rewrites leaves in place). */
static bool known_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    bool ok = false;
    if (sqlite3_prepare_v2(db, "SELECT v FROM fts_config WHERE k='version'",
                           -1, &st, NULL) != SQLITE_OK)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW)
        ok = sqlite3_column_int(st, 0) == 4;
    sqlite3_finalize(st);
    return ok;
}

static int64_t row_count(rd *r)
{
    if (!read_block(r, 1)) {
        r->rc = SQLITE_OK; /* no averages yet: no rows */
        return 0;
    }
    uint64_t v = 0;
    get_varint(r->page, &v);
    return (int64_t)v;
}

int index_doclist_collect(sqlite3 *db, const char *text, size_t len,
                          bool keep_case, bool title_only,
                          index_fts_collect *c)
{
    if (!known_version(db))
        return SQLITE_DONE;
    rd r = {db, NULL, NULL, NULL, 0, 0, NULL, 0, NULL, 0, 0, SQLITE_OK};
    int rc = SQLITE_DONE;
    toks q = {0};
    index_fts_query_tokens(text, len, keep_case, add_tok, &q);
    if (!q.nt || !read_structure(&r))
        goto out;
    rc = r.rc;
    if (rc)
        goto out;
    int64_t nrow = row_count(&r);
    tok_it *ti = lede_calloc(q.nt, sizeof *ti);
    for (size_t k = 0; k < q.nt && !r.rc; k++)
        token_open(&r, q.t[k], q.n[k], &ti[k]);
    rc = r.rc;
    if (!rc) {
        c->rows = 0;
        collect_parallel(ti, q.nt, title_only, c);
        c->nrow = nrow;
    }
    for (size_t k = 0; k < q.nt; k++) {
        free(ti[k].c);
        free(ti[k].c0);
    }
    free(ti);
out:
    for (size_t k = 0; k < q.nt; k++)
        free(q.t[k]);
    free(q.t);
    free(q.n);
    for (size_t k = 0; k < r.nbuf; k++)
        free(r.bufs[k]);
    free(r.bufs);
    free(r.seg);
    free(r.page);
    sqlite3_finalize(r.idx);
    if (r.blob)
        sqlite3_blob_close(r.blob);
    return rc;
}
