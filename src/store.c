/* store.c: the article set (see store.h).
 *
 * Loading 100,000 files must not cost 100,000 buffers: one read buffer
 * and one cleaning scratch are reused across files, and each article
 * keeps only exact-size copies (article_init_with). Articles live in one
 * growable array and are referred to by index everywhere. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pthread.h>
#include <stdatomic.h>

#include "data.h"
#include "store_priv.h"
#include "story.h"
#include "util.h"
#include "walk.h"

enum { SNIFF_BYTES = 8192 };

store *store_new(store_msg_fn msg, void *ctx)
{
    store *s = lede_calloc(1, sizeof *s);
    s->msg = msg;
    s->ctx = ctx;
    return s;
}

void store_set_msg(store *s, store_msg_fn msg, void *ctx)
{
    s->msg = msg;
    s->ctx = ctx;
}

void store_set_progress(store *s, store_progress_fn fn, void *ctx)
{
    s->progress = fn;
    s->pctx = ctx;
}

static void join_warm(store *s);

void store_free(store *s)
{
    if (!s)
        return;
    store_load_free(s);
    store_names_cancel(s);
    join_warm(s);
    for (size_t i = 0; i < s->ncache; i++)
        article_fini(&s->cache[i].a);
    index_close(s->ix);
    free(s->rowid);
    free(s->nent);
    free(s->gaz);
    free(s->byrow);
    free(s->rowmap);
    free(s->date);
    for (size_t i = 0; i < s->n; i++)
        if (!s->summ[i]) {
            article_fini(s->arts[i].whole);
            free(s->arts[i].whole);
        }
    free(s->summ);
    lede_arena_fini(&s->sums);
    for (size_t i = 0; i < s->nprints; i++)
        if (s->pflag[i] & PF_MADE)
            story_print_fini(&s->prints[i]);
    for (size_t k = 0; k < s->npring; k++)
        story_print_fini(&s->pring[k].p);
    free(s->prints);
    free(s->pflag);
    free(s->body);
    free(s->arts);
    store_reader_fini(&s->rd);
    if (s->ents)
        entity_table_free(s->ents);
    entity_table_free(s->merged);
    free(s);
}

/* One message about a path, its name cleaned so that it cannot reach the
 * terminal raw. */
void store_say(store *s, const char *path, const char *msg)
{
    if (!s->msg)
        return;
    char *label = text_clean_label(path, strlen(path));
    s->msg(s->ctx, label, msg);
    free(label);
}

/* "1.5 GB", "300 MB", "12 KB", "17 bytes". */
static void fmt_size(char *out, size_t n, double v)
{
    static const char *const units[] = {"bytes", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        u++;
    }
    if (u == 0 || v >= 100 || v == (double)(long long)v)
        snprintf(out, n, "%.0f %s", v, units[u]);
    else
        snprintf(out, n, "%.1f %s", v, units[u]);
}

static void too_large(char *msg, size_t mn, double size, bool more)
{
    char sz[32], lim[32];
    fmt_size(sz, sizeof sz, size);
    fmt_size(lim, sizeof lim, (double)STORE_MAX_FILE);
    snprintf(msg, mn, "too large (%s%s, limit %s), skipped",
             more ? "more than " : "", sz, lim);
}

/* Room for one more article and its per-article data. */
static void grow_one(store *s)
{
    LEDE_GROW(s->arts, s->cap, s->n + 1);
    if (s->metacap < s->cap) {
        s->rowid = lede_realloc(s->rowid, s->cap * sizeof *s->rowid);
        s->nent = lede_realloc(s->nent, s->cap * sizeof *s->nent);
        s->summ = lede_realloc(s->summ, s->cap * sizeof *s->summ);
        s->body = lede_realloc(s->body, s->cap * sizeof *s->body);
        s->pflag = lede_realloc(s->pflag, s->cap * sizeof *s->pflag);
        s->date = lede_realloc(s->date, s->cap * sizeof *s->date);
        s->metacap = s->cap;
    }
    s->rowid[s->n] = (int64_t)s->n + 1;
    s->nent[s->n] = 0;
    s->summ[s->n] = false;
    s->body[s->n] = 0;
    s->pflag[s->n] = 0;
    s->date[s->n] = -1;
    s->counts_ok = false;
}

/* The record of a summary:
 *   store_sum, then per block its length (uint32_t) and kind (uint8_t),
 *   then its text (the blocks, each followed by '\n', and a NUL), its
 *   path and, when it differs, its label (NUL-terminated). */
struct store_sum {
    int64_t date_key;
    uint64_t hash;
    uint32_t len;        /* of the text */
    uint8_t nblocks;
    int8_t role[5];      /* block of the title, date, source, author, url
                            or -1 */
    bool own_label;
};

static const char *sum_text(const store_sum *r)
{
    return (const char *)(r + 1) + r->nblocks * 5u;
}

/* Keep a's headline and metadata blocks (as article_summary), path and
 * label, in the summaries' arena. */
static const store_sum *sum_make(store *s, const article *a)
{
    const int32_t keep[5] = {a->title, a->date, a->source, a->author, a->url};
    size_t len = 0, nb = 0;
    for (int k = 0; k < 5; k++)
        if (keep[k] >= 0) {
            len += a->blocks[keep[k]].len + 1;
            nb++;
        }
    size_t pl = strlen(a->path) + 1;
    bool own = a->label != a->path && strcmp(a->label, a->path) != 0;
    size_t ll = own ? strlen(a->label) + 1 : 0;
    store_sum *r = lede_arena_alloc(&s->sums, sizeof *r + nb * 5 + len + 1 +
                                                 pl + ll, _Alignof(store_sum));
    r->date_key = a->date_key;
    r->hash = a->hash;
    r->len = (uint32_t)len;
    r->nblocks = (uint8_t)nb;
    r->own_label = own;
    char *lens = (char *)(r + 1), *kinds = lens + nb * 4;
    char *t = (char *)sum_text(r);
    size_t at = 0, b = 0;
    for (int k = 0; k < 5; k++) {
        r->role[k] = -1;
        if (keep[k] < 0)
            continue;
        const article_block *fb = &a->blocks[keep[k]];
        memcpy(lens + b * 4, &fb->len, 4);
        kinds[b] = (char)fb->kind;
        memcpy(t + at, a->text + fb->off, fb->len);
        at += fb->len;
        t[at++] = '\n';
        r->role[k] = (int8_t)b++;
    }
    t[at] = '\0';
    memcpy(t + len + 1, a->path, pl);
    if (own)
        memcpy(t + len + 1 + pl, a->label, ll);
    return r;
}

/* An article made from a summary record into *a (blocks: room for 5):
 * its strings stay in the record. */
static void sum_view(const store_sum *r, article *a, article_block *blocks,
                     uint32_t *line0)
{
    memset(a, 0, sizeof *a);
    const char *lens = (const char *)(r + 1), *kinds = lens + r->nblocks * 4;
    uint32_t off = 0;
    for (size_t b = 0; b < r->nblocks; b++) {
        uint32_t l;
        memcpy(&l, lens + b * 4, 4);
        blocks[b] = (article_block){off, l, (uint8_t)kinds[b]};
        off += l + 1;
    }
    a->text = (char *)sum_text(r);
    a->len = r->len;
    a->path = a->text + r->len + 1;
    a->label = r->own_label ? a->path + strlen(a->path) + 1 : a->path;
    a->blocks = blocks;
    a->nblocks = r->nblocks;
    a->title = r->role[0];
    a->date = r->role[1];
    a->source = r->role[2];
    a->author = r->role[3];
    a->url = r->role[4];
    a->date_key = r->date_key;
    a->hash = r->hash;
    *line0 = 0;
    a->line_starts = line0;
    a->nlines = 1;
}

void store_push(store *s, article *a, int64_t rowid, bool summary,
                uint32_t nent, const uint64_t *body)
{
    grow_one(s);
    s->date[s->n] = a->date_key;
    if (body) {
        s->body[s->n] = *body;
        s->pflag[s->n] = PF_BODY;
    }
    if (summary) {
        s->arts[s->n].sum = sum_make(s, a);
        article_fini(a);
    } else {
        s->arts[s->n].whole = lede_malloc(sizeof *a);
        *s->arts[s->n].whole = *a;
    }
    if (rowid >= 0 || summary)
        s->rowid[s->n] = rowid;
    s->summ[s->n] = summary;
    s->nent[s->n] = nent;
    s->finished = false;
    s->n++;
    if (s->progress && s->n % STORE_PROGRESS_EVERY == 0)
        s->progress(s->pctx, "reading", s->n, 0);
}

size_t store_add_bytes(store *s, const char *path, const char *bytes,
                       size_t len)
{
    article a;
    article_init_with(&a, path, bytes, len, &s->rd.scratch);
    store_push(s, &a, -1, false, 0, NULL);
    return s->n - 1;
}

/* True when every byte is ASCII white space. */
static bool all_blank(const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' ||
              b[i] == '\f' || b[i] == '\v'))
            return false;
    return true;
}

/* Room for `need` bytes in the read buffer, never more than one byte past
 * the largest file (that byte tells a pipe went over the limit). */
static void buf_reserve(store_reader *r, size_t need)
{
    if (need > STORE_MAX_FILE + 1)
        need = STORE_MAX_FILE + 1;
    if (need <= r->bufcap)
        return;
    r->buf = lede_realloc(r->buf, need);
    r->bufcap = need;
}

typedef enum rd { RD_OK, RD_ERR, RD_BINARY, RD_LARGE } rd;

/* Read fd to its end into r->buf, at most STORE_MAX_FILE bytes (stopping
 * one byte past, so a pipe cannot make us hold more), giving up early on
 * a NUL in the first SNIFF_BYTES. */
static rd read_all(store_reader *r, int fd, size_t hint, size_t *len,
                   int *err)
{
    size_t n = 0;
    bool sniffed = false;
    if (hint > STORE_MAX_FILE)
        hint = STORE_MAX_FILE;
    buf_reserve(r, hint + 1);
    for (;;) {
        if (n == r->bufcap)
            buf_reserve(r, n < 65536 ? 65536 : 2 * n);
        ssize_t got = read(fd, r->buf + n, r->bufcap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = errno;
            return RD_ERR;
        }
        n += (size_t)got;
        /* a regular file read whole, one byte more asked for and not
         * there: its end, without one more read to be told so */
        bool end = got == 0 || (hint && n == hint && n < r->bufcap);
        if (!sniffed && (n >= SNIFF_BYTES || end)) {
            sniffed = true;
            if (memchr(r->buf, '\0', n < SNIFF_BYTES ? n : SNIFF_BYTES))
                return RD_BINARY;
        }
        if (n > STORE_MAX_FILE)
            return RD_LARGE;
        if (end)
            break;
    }
    *len = n;
    return RD_OK;
}

/* Read an open file (or pipe) into *a; false with a message when it is
 * not an article. *st: fd's stat, made here unless the caller made it
 * (stated): one fstat a file. */
static bool read_fd(store_reader *r, const char *path, int fd, article *a,
                    char *msg, size_t mn, struct stat *st, bool stated)
{
    size_t hint = 0, len = 0;
    if (!stated && fstat(fd, st) != 0)
        memset(st, 0, sizeof *st);
    else if (S_ISREG(st->st_mode)) {
        if ((unsigned long long)st->st_size > STORE_MAX_FILE) {
            too_large(msg, mn, (double)st->st_size, false);
            return false;
        }
        hint = (size_t)st->st_size;
    }
    int err = 0;
    switch (read_all(r, fd, hint, &len, &err)) {
    case RD_ERR:
        snprintf(msg, mn, "cannot read: %s", strerror(err));
        return false;
    case RD_BINARY:
        snprintf(msg, mn, "binary file (NUL bytes), skipped");
        return false;
    case RD_LARGE:
        too_large(msg, mn, (double)STORE_MAX_FILE, true);
        return false;
    case RD_OK:
        break;
    }
    if (len == 0) {
        snprintf(msg, mn, "empty file, skipped");
        return false;
    }
    if (all_blank(r->buf, len)) {
        snprintf(msg, mn, "blank file, skipped");
        return false;
    }
    article_init_with(a, path, r->buf, len, &r->scratch);
    if (a->nblocks == 0) { /* nothing but what cleaning removed */
        article_fini(a);
        snprintf(msg, mn, "no readable text, skipped");
        return false;
    }
    return true;
}

enum { KEEP_BUFFER = 32u << 20 };

/* After an unusually big file, give its buffers back rather than hold
 * them for the rest of the run. */
static void release_big(store_reader *r)
{
    if (r->bufcap > KEEP_BUFFER) {
        free(r->buf);
        r->buf = NULL;
        r->bufcap = 0;
    }
    if (r->scratch.cap > KEEP_BUFFER)
        text_buf_fini(&r->scratch);
}

void store_reader_fini(store_reader *r)
{
    free(r->buf);
    text_buf_fini(&r->scratch);
    memset(r, 0, sizeof *r);
}

/* Opened non-blocking, so that a file that never ends a read (such as
 * /proc/kmsg) is reported instead of hanging; a pipe or device named
 * explicitly is then read normally, as the user asked for it. */
bool store_read_file(store_reader *r, const char *path, article *a,
                     char *msg, size_t mn, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        snprintf(msg, mn, "cannot open: %s", strerror(errno));
        return false;
    }
    bool stated = fstat(fd, st) == 0;
    if (stated && !S_ISREG(st->st_mode)) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    bool ok = read_fd(r, path, fd, a, msg, mn, st, stated);
    close(fd);
    release_big(r);
    return ok;
}

static size_t load_file(store *s, const char *path)
{
    article a;
    char msg[STORE_MSG_MAX];
    struct stat st;
    if (!store_read_file(&s->rd, path, &a, msg, sizeof msg, &st)) {
        store_say(s, path, msg);
        return 0;
    }
    store_push(s, &a, -1, false, 0, NULL);
    return 1;
}

/* A file the walk met: read it into the store. */
static void walk_file(void *ctx, const char *path, const struct stat *st)
{
    (void)st;
    load_file(ctx, path);
}

static void walk_msg(void *ctx, const char *path, const char *msg)
{
    store_say(ctx, path, msg);
}

static size_t add_stdin(store *s)
{
    article a;
    char msg[STORE_MSG_MAX];
    struct stat st;
    bool ok = read_fd(&s->rd, "-", STDIN_FILENO, &a, msg, sizeof msg, &st,
                      false);
    release_big(&s->rd);
    if (!ok) {
        store_say(s, "-", msg);
        return 0;
    }
    store_push(s, &a, -1, false, 0, NULL);
    return 1;
}

size_t store_add_path(store *s, const char *path)
{
    if (strcmp(path, "-") == 0)
        return add_stdin(s);
    static const walk_ops ops = {walk_file, walk_msg, NULL};
    size_t before = s->n;
    if (walk_path(path, &ops, s) == WALK_DIR && s->n == before)
        store_say(s, path, "no articles found");
    return s->n - before;
}

/* The first entity table costs ~50 ms (the tagger's weights, the word
 * lists, the gazetteers): made on a thread while the index opens and the
 * walk begins, it is not on the way to the reader's first screen. */
static void *warm_table(void *arg)
{
    (void)arg;
    return entity_table_new();
}

void store_warm_names(store *s)
{
    if (!s->ents && !s->ents_pending)
        s->ents_pending = pthread_create(&s->ents_th, NULL, warm_table,
                                         NULL) == 0;
}

static void join_warm(store *s)
{
    if (!s->ents_pending)
        return;
    void *t = NULL;
    pthread_join(s->ents_th, &t);
    s->ents_pending = false;
    if (s->ents)
        entity_table_free(t);
    else
        s->ents = t;
}

entity_table *store_table(store *s)
{
    join_warm(s);
    if (!s->ents)
        s->ents = entity_table_new();
    return s->ents;
}

/* ---- the index ---- */

static void say_index(void *ctx, const char *label, const char *msg)
{
    store *s = ctx;
    if (s->msg)
        s->msg(s->ctx, label, msg);
}

static index_stamp stamp_of(const store *s)
{
    index_stamp st = {0, 0};
    /* the user's gazetteers and the bundled ones: names are scanned
     * again when either changes; the tagger's weights and the finder's
     * version likewise */
    st.gazetteer = lede_hash64(s->gaz ? s->gaz : "", s->gazlen) ^
                   lede_data_entities_hash ^ lede_data_gaz_places_hash * 3 ^
                   lede_data_gaz_countries_hash * 5 ^
                   lede_data_gaz_clubs_hash * 7 ^
                   lede_data_gaz_wordnet_hash * 11;
    st.model = lede_data_tagger_hash ^ lede_data_lexicon_hash * 3 ^
               lede_data_clusters_hash * 5 ^
               (uint64_t)ENTITY_FINDER_VERSION * 0x9e3779b97f4a7c15u;
    return st;
}

int store_use_index(store *s, const char *file, const char *const *paths,
                    size_t npaths, bool reindex)
{
    for (size_t i = 0; i < npaths; i++)
        if (strcmp(paths[i], "-") == 0)
            return -1; /* standard input is not a set to remember */
    char *def = file ? NULL : index_default_path(paths, npaths);
    if (!file && !def)
        return -1;
    index_stamp st = stamp_of(s);
    s->ix = index_open(file ? file : def, &st, reindex, !file, say_index, s);
    free(def);
    return s->ix ? 0 : -1;
}

entity_table *store_scan_table(const store *s)
{
    entity_table *t = entity_table_new();
    if (s->gazlen)
        entity_gazetteer_add(t, s->gaz, s->gazlen, NULL, 0);
    return t;
}

void store_set_jobs(store *s, int jobs) { s->jobs = jobs; }


void store_load(store *s, const char *const *paths, size_t n)
{
    if (s->ix) {
        store_load_start(s, paths, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        store_add_path(s, paths[i]);
}

/* ---- the names of the set, with an index ----
 *
 * The set's entity table is made from the raw scans the index keeps (an
 * article without one is scanned from its stored text, and the scan
 * kept), merged, counted, and saved: on another thread while the reader
 * runs (store_names_start), inline for the batch modes. It is a new
 * table, swapped in whole by store_poll, so the reader never sees one
 * half made. */
struct names_job {
    lede_index *ix;        /* the job's connection */
    bool own_ix;
    int64_t *rowid;
    const article *const *whole; /* articles not in the index, or NULL */
    size_t n;
    size_t from;           /* articles [0, from) are in t already */
    bool finished;         /* and t was finished with them */
    uint32_t *old_nent;
    bool save;             /* write counts and entities to the index */
    entity_table *t;       /* the result */
    entity_table *scan;    /* for articles without a raw scan (NULL:
                              all are in t already) */
    uint32_t *nent;
    pthread_t th;
    atomic_bool done;
    atomic_bool stop;      /* the store is closing: give up */
};

/* Keep the set's entity table in the index, for other readers. */
static void save_entities(names_job *j)
{
    const entity_table *t = j->t;
    index_clear_entities(j->ix);
    int64_t *files = NULL;
    uint32_t *counts = NULL;
    size_t cap = 0, ccap = 0;
    for (uint32_t e = 0; e < entity_count(t); e++) {
        size_t n;
        const entity_tally *ta = entity_articles(t, e, &n);
        LEDE_GROW(files, cap, n + 1);
        LEDE_GROW(counts, ccap, n + 1);
        for (size_t k = 0; k < n; k++) {
            files[k] = j->rowid[ta[k].id];
            counts[k] = ta[k].count;
        }
        index_put_entity(j->ix, e, entity_name(t, e), entity_type_of(t, e),
                         entity_total(t, e), files, counts, n);
    }
    free(files);
    free(counts);
}

/* The distinct entities named in each of articles [0, n): one pass over
 * the entities' article lists, where an article is listed once for each
 * entity it names (entity_article_counts, sorted by name, costs much
 * more). */
static uint32_t *article_nents(const entity_table *t, size_t n)
{
    uint32_t *nent = lede_calloc(n ? n : 1, sizeof *nent);
    for (uint32_t e = 0; e < entity_count(t); e++) {
        size_t na;
        const entity_tally *ta = entity_articles(t, e, &na);
        for (size_t k = 0; k < na; k++)
            if (ta[k].id < n)
                nent[ta[k].id]++;
    }
    return nent;
}

static void names_build(names_job *j, entity_table *t, entity_table *scan)
{
    void *buf = NULL;
    size_t len;
    bool tx = false;
    for (size_t i = j->from; i < j->n; i++) {
        const void *raw;
        if (atomic_load(&j->stop))
            break; /* nothing is saved, the table is thrown away */
        if (j->whole[i] || index_raw(j->ix, j->rowid[i], &raw, &len) != 0) {
            article a;
            const article *ap = j->whole[i];
            if (!ap && index_article(j->ix, j->rowid[i], "", &a) == 0)
                ap = &a;
            entity_scan_raw(scan, ap, &buf, &len);
            if (ap && !j->whole[i]) {
                article_fini(&a);
                if (j->save) { /* keep it: not scanned again */
                    if (!tx)
                        tx = index_begin(j->ix) == 0;
                    index_put_raw(j->ix, j->rowid[i], buf, len);
                }
            }
            raw = buf;
        }
        entity_add_raw(t, (uint32_t)i, raw, len, SIZE_MAX);
    }
    free(buf);
    if (atomic_load(&j->stop)) {
        if (tx)
            index_commit(j->ix);
        return;
    }
    if (j->from < j->n || !j->finished)
        entity_finish(t);
    j->nent = article_nents(t, j->n);
    if (!j->save) {
        if (tx)
            index_commit(j->ix);
        return;
    }
    if (!tx)
        tx = index_begin(j->ix) == 0;
    for (size_t i = 0; i < j->n; i++)
        if (j->rowid[i] >= 0 && j->nent[i] != j->old_nent[i])
            index_set_nent(j->ix, j->rowid[i], j->nent[i]);
    j->t = t;
    save_entities(j);
    index_set_counts_clean(j->ix, true);
    if (tx)
        index_commit(j->ix);
}

static names_job *names_job_new(store *s, bool thread)
{
    names_job *j = lede_calloc(1, sizeof *j);
    j->n = s->n;
    j->rowid = lede_malloc((s->n ? s->n : 1) * sizeof *j->rowid);
    memcpy(j->rowid, s->rowid, s->n * sizeof *j->rowid);
    j->old_nent = lede_malloc((s->n ? s->n : 1) * sizeof *j->old_nent);
    memcpy(j->old_nent, s->nent, s->n * sizeof *j->old_nent);
    const article **whole = lede_calloc(s->n ? s->n : 1, sizeof *whole);
    for (size_t i = 0; i < s->n; i++)
        if (!s->summ[i])
            whole[i] = s->arts[i].whole;
    j->whole = whole;
    j->save = s->changed || !s->counts_ok;
    j->ix = thread ? index_open_again(s->ix) : s->ix;
    j->own_ix = thread;
    if (!j->ix)
        j->save = false;
    if (s->merged && s->nmerged <= s->n) { /* made while loading */
        j->t = s->merged;
        j->from = s->nmerged;
        j->finished = s->merged_done;
        s->merged = NULL;
    } else /* a new table with the gazetteers */
        j->t = store_scan_table(s);
    if (j->from < j->n) /* some may have no scan: none made yet */
        j->scan = store_scan_table(s);
    return j;
}

void store_names_merged(store *s, entity_table *t, size_t n, bool finished)
{
    entity_table_free(s->merged);
    s->merged = t;
    s->nmerged = n;
    s->merged_done = finished;
}

static void names_run(names_job *j)
{
    entity_table *t = j->t;
    j->t = NULL;
    names_build(j, t, j->scan);
    j->t = t;
}

static void *names_thread(void *arg)
{
    names_job *j = arg;
    names_run(j);
    atomic_store(&j->done, true);
    return NULL;
}

static void names_job_free(names_job *j)
{
    if (j->own_ix)
        index_close(j->ix);
    if (j->t)
        entity_table_free(j->t);
    entity_table_free(j->scan);
    free(j->rowid);
    free(j->old_nent);
    free((void *)j->whole);
    free(j->nent);
    free(j);
}

/* Take the finished job's table and counts. */
static void names_apply(store *s, names_job *j)
{
    join_warm(s);
    if (s->ents)
        entity_table_free(s->ents);
    s->ents = j->t;
    j->t = NULL;
    size_t n = j->n < s->n ? j->n : s->n;
    memcpy(s->nent, j->nent, n * sizeof *s->nent);
    s->scanned = n;
    s->finished = n == s->n;
    s->counts_ok = s->finished;
    s->names_version++;
    names_job_free(j);
    lede_trim();
}

void store_names_start(store *s)
{
    if (!s->ix || s->names || s->ld || (s->finished && s->scanned == s->n))
        return;
    names_job *j = names_job_new(s, true);
    if (!j->ix) {
        names_job_free(j);
        store_index(s);
        return;
    }
    s->names = j;
    if (pthread_create(&j->th, NULL, names_thread, j) != 0) {
        s->names = NULL;
        names_run(j);
        names_apply(s, j);
    }
}

bool store_names_poll(store *s)
{
    names_job *j = s->names;
    if (!j || !atomic_load(&j->done))
        return false;
    pthread_join(j->th, NULL);
    s->names = NULL;
    names_apply(s, j);
    return true;
}

unsigned store_names_version(const store *s) { return s->names_version; }

bool store_busy(const store *s) { return s->ld || s->names; }

void store_names_cancel(store *s)
{
    if (!s->names)
        return;
    atomic_store(&s->names->stop, true);
    pthread_join(s->names->th, NULL);
    names_job_free(s->names);
    s->names = NULL;
}

void store_index(store *s)
{
    if (s->ix) {
        store_wait(s);
        if (s->names) { /* one is running: wait for it */
            pthread_join(s->names->th, NULL);
            names_job *j = s->names;
            s->names = NULL;
            names_apply(s, j);
        }
        if (s->finished && s->scanned == s->n)
            return;
        names_job *j = names_job_new(s, false);
        names_run(j);
        names_apply(s, j);
        return;
    }
    entity_table *t = store_table(s);
    if (s->scanned == s->n && s->finished)
        return;
    for (; s->scanned < s->n; s->scanned++) {
        entity_scan(t, (uint32_t)s->scanned, store_get(s, s->scanned));
        if (s->progress && s->scanned % STORE_PROGRESS_EVERY == 0)
            s->progress(s->pctx, "indexing", s->scanned, s->n);
    }
    entity_finish(t);
    s->finished = true;
}

/* The print of an article held whole: made from its text once, kept. */
static const story_print *print_whole(store *s, size_t i)
{
    if (s->nprints < s->n) {
        LEDE_GROW(s->prints, s->pcap, s->n);
        memset(s->prints + s->nprints, 0,
               (s->n - s->nprints) * sizeof *s->prints);
        s->nprints = s->n;
    }
    if (!(s->pflag[i] & PF_MADE)) {
        story_print_article(&s->prints[i], s->arts[i].whole);
        s->pflag[i] |= PF_MADE;
    }
    return &s->prints[i];
}

/* The print of an indexed article, read from the index into the ring of
 * the last ones asked for. Made from the stored text only when the index
 * has none (or a damaged one) for it. */
static const story_print *print_indexed(store *s, size_t i)
{
    for (size_t k = 0; k < s->npring; k++)
        if (s->pring[k].idx == i)
            return &s->pring[k].p;
    size_t k = s->npring < STORE_PRINT_CACHE ? s->npring++ : s->pnext;
    s->pnext = (k + 1) % STORE_PRINT_CACHE;
    story_print *p = &s->pring[k].p;
    s->pring[k].idx = i;
    const void *data;
    size_t len;
    if (index_print_get(s->ix, s->rowid[i], &data, &len) != 0 ||
        story_print_unpack(p, data, len) != 0) {
        const article *a = store_get(s, i);
        if (a)
            story_print_article(p, a);
        else
            story_print_fini(p);
    }
    return p;
}

const story_print *store_print(const store *cs, size_t i)
{
    if (i >= cs->n)
        return NULL;
    store *s = (store *)cs; /* the caches only */
    const story_print *p = s->summ[i] && s->ix ? print_indexed(s, i)
                                               : print_whole(s, i);
    if (!(s->pflag[i] & PF_BODY)) {
        s->body[i] = p->body;
        s->pflag[i] |= PF_BODY;
    }
    return p;
}

uint64_t store_body(const store *cs, size_t i)
{
    if (i >= cs->n)
        return 0;
    if (cs->pflag[i] & PF_BODY)
        return cs->body[i];
    const story_print *p = store_print(cs, i);
    return p ? p->body : 0;
}

void store_counts(store *s)
{
    if (!s->ix || !s->counts_ok)
        store_index(s);
}

uint32_t store_entity_count(store *s, size_t i)
{
    if (i >= s->n)
        return 0;
    if (s->ix && s->counts_ok)
        return s->nent[i];
    store_index(s);
    if (s->ix)
        return s->nent[i];
    size_t n;
    free(entity_article_counts(s->ents, (uint32_t)i, &n));
    return (uint32_t)n;
}

long store_add_gazetteer(store *s, const char *tsv, size_t len, char *err,
                         size_t errlen)
{
    long r = entity_gazetteer_add(store_entities_mut(s), tsv, len, err,
                                  errlen);
    if (r >= 0) {
        LEDE_GROW(s->gaz, s->gazcap, s->gazlen + len + 1);
        memcpy(s->gaz + s->gazlen, tsv, len);
        s->gazlen += len;
        s->gaz[s->gazlen++] = '\n';
    }
    return r;
}

size_t store_count(const store *s) { return s->n; }

/* A summary is made into an article in a ring of the last ones asked
 * for, behind a const pointer: reading does not change the set. */
const article *store_summary(const store *cs, size_t i)
{
    if (i >= cs->n)
        return NULL;
    if (!cs->summ[i])
        return cs->arts[i].whole;
    store *s = (store *)cs;
    for (size_t k = 0; k < s->nsring; k++)
        if (s->sring[k].idx == i)
            return &s->sring[k].a;
    size_t k = s->nsring < STORE_SUM_RING ? s->nsring++ : s->snext;
    s->snext = (k + 1) % STORE_SUM_RING;
    s->sring[k].idx = i;
    sum_view(s->arts[i].sum, &s->sring[k].a, s->sring[k].blocks,
             &s->sring[k].line0);
    return &s->sring[k].a;
}

/* With an index the cache is filled behind a const pointer: fetching an
 * article does not change the set. */
const article *store_get(const store *cs, size_t i)
{
    if (i >= cs->n)
        return NULL;
    if (!cs->summ[i])
        return cs->arts[i].whole;
    store *s = (store *)cs;
    for (size_t k = 0; k < s->ncache; k++)
        if (s->cache[k].idx == i)
            return &s->cache[k].a;
    size_t k;
    if (s->ncache < STORE_CACHE_N) {
        k = s->ncache++;
    } else {
        k = s->cnext;
        s->cnext = (k + 1) % STORE_CACHE_N;
        article_fini(&s->cache[k].a);
    }
    s->cache[k].idx = i;
    const article *sum = store_summary(s, i);
    if (index_article(s->ix, s->rowid[i], sum->path, &s->cache[k].a) != 0) {
        /* the index lost it: the summary is all there is to show */
        article_fini(&s->cache[k].a);
        s->cache[k].idx = SIZE_MAX;
        return store_summary(s, i);
    }
    return &s->cache[k].a;
}

int64_t store_rowid(const store *s, size_t i)
{
    return i < s->n ? s->rowid[i] : -1;
}

static int cmp_pair(const void *a_, const void *b_)
{
    const int64_t *a = a_, *b = b_;
    if (a[0] != b[0])
        return (a[0] > b[0]) - (a[0] < b[0]);
    return (a[1] > b[1]) - (a[1] < b[1]);
}

/* The first of n (rowid, index) pairs of stride st with that row id. */
static long find_in(const int64_t *v, size_t n, size_t st, int64_t rowid)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[st * mid] < rowid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[st * lo] == rowid ? (long)lo : -1;
}

/* The lookup tables of store_find_rowid: a direct map when the row ids
 * are dense (a query maps hundreds of thousands of rows: one load each
 * instead of a binary search), else the pairs sorted by row id. */
static void rowid_tables(store *s)
{
    free(s->byrow);
    free(s->rowmap);
    s->byrow = NULL;
    s->rowmap = NULL;
    s->nrowmap = 0;
    s->nbyrow = s->n;
    int64_t hi = 0; /* an article not in the index has row id -1 */
    for (size_t i = 0; i < s->n; i++)
        hi = s->rowid[i] > hi ? s->rowid[i] : hi;
    if (s->n && s->n < UINT32_MAX &&
        (uint64_t)hi <= 4 * (uint64_t)s->n + 1024) {
        s->nrowmap = (size_t)hi + 1;
        s->rowmap = lede_calloc(s->nrowmap, sizeof *s->rowmap);
        for (size_t i = 0; i < s->n; i++)
            if (s->rowid[i] >= 0)
                s->rowmap[s->rowid[i]] = (uint32_t)i + 1;
        return;
    }
    /* a set indexed in one go has its row ids in order: searched as
     * they are, with no table */
    bool sorted = true;
    for (size_t i = 1; i < s->n && sorted; i++)
        sorted = s->rowid[i - 1] < s->rowid[i];
    if (!sorted) {
        s->byrow = lede_malloc((s->n ? s->n : 1) * 2 * sizeof *s->byrow);
        for (size_t i = 0; i < s->n; i++) {
            s->byrow[2 * i] = s->rowid[i];
            s->byrow[2 * i + 1] = (int64_t)i;
        }
        qsort(s->byrow, s->n, 2 * sizeof *s->byrow, cmp_pair);
    }
}

long store_find_rowid(const store *cs, int64_t rowid)
{
    store *s = (store *)cs; /* the tables are built on first use */
    if (s->nbyrow != s->n)
        rowid_tables(s);
    if (s->rowmap)
        return rowid >= 0 && (uint64_t)rowid < s->nrowmap
                   ? (long)s->rowmap[rowid] - 1
                   : -1;
    if (!s->byrow)
        return find_in(s->rowid, s->n, 1, rowid);
    long k = find_in(s->byrow, s->n, 2, rowid);
    return k < 0 ? -1 : (long)s->byrow[2 * k + 1];
}

int64_t store_date_key(const store *s, size_t i)
{
    return i < s->n ? s->date[i] : -1;
}

lede_index *store_index_handle(store *s) { return s->ix; }

const entity_table *store_entities(const store *s) { return s->ents; }

entity_table *store_entities_mut(store *s)
{
    s->finished = false; /* a new gazetteer may change the names found */
    entity_table_free(s->merged); /* made without it */
    s->merged = NULL;
    return store_table(s);
}

typedef struct dated {
    int64_t key; /* date_key, or -1 */
    uint32_t idx;
} dated;

/* Newest first; undated after every dated article; ties in load order. */
static int cmp_date(const void *pa, const void *pb)
{
    const dated *a = pa, *b = pb;
    if (a->key != b->key) {
        if (a->key < 0 || b->key < 0)
            return a->key < 0 ? 1 : -1;
        return a->key > b->key ? -1 : 1;
    }
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

void store_order_by(const store *s, store_order by, uint32_t *order)
{
    for (size_t i = 0; i < s->n; i++)
        order[i] = (uint32_t)i;
    if (by != STORE_ORDER_DATE || s->n < 2)
        return;
    dated *d = lede_malloc(s->n * sizeof *d);
    for (size_t i = 0; i < s->n; i++)
        d[i] = (dated){s->summ[i] ? s->arts[i].sum->date_key
                                  : s->arts[i].whole->date_key,
                       (uint32_t)i};
    qsort(d, s->n, sizeof *d, cmp_date);
    for (size_t i = 0; i < s->n; i++)
        order[i] = d[i].idx;
    free(d);
}
