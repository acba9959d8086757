/* store_load.c: loading a set on threads, with the index.
 *
 *   walker   walks the PATH arguments in order (walk_path, as
 *            store_add_path does) and lists entries, with the walk's
 *            messages in their place: files the index holds
 *            unchanged (size and mtime) and files to read;
 *   workers  (--jobs of them) read, clean and parse the files to read,
 *            scan them for names (entity_scan_raw, a private table
 *            each), tokenize their text for the full-text index and
 *            fingerprint it (index_fts_text_print: the story print,
 *            packed, from the same words where they are the same);
 *            no lock is held while they work;
 *   writer   takes the parsed entries in walk order, writes them to the
 *            index in batched transactions (its own connection), keeps
 *            only the list summary, adds each article's raw scan to the
 *            set's names (merge_entry), and publishes entries as they
 *            are committed;
 *   checkpointer copies the writer's write-ahead log into the database
 *            (its own connection), so that the writer's commits do not
 *            wait for those reads, writes and fsyncs;
 *   store_poll (the caller's thread: the UI's) moves published entries
 *            into the store, in order, and says their messages.
 *
 * The order of the set never depends on which worker finishes first, so
 * --jobs 1 and --jobs 8 give the same set. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_priv.h"
#include "util.h"
#include "walk.h"

enum { E_NEW, E_WORKING, E_PARSED, E_WRITTEN };
enum { K_FILE, K_MSG, K_END }; /* an entry: a file, a walk message, or
                                  the end of a directory argument */

/* A file the index holds unchanged: its list summary, not its text. */
typedef struct dbrow {
    int64_t id;
    uint32_t nent;
    bool has_body;
    uint64_t body;      /* the story body hash, when has_body */
    article sum;
} dbrow;

typedef struct entry {
    char *path;
    uint8_t kind, state;
    bool ok;            /* an article came of it */
    int64_t size, mtime;
    dbrow *row;         /* held unchanged by the index */
    article a;          /* whole from a worker, the summary once written */
    void *raw;
    size_t rawlen;
    void *print;        /* packed story fingerprints (story_print_pack) */
    size_t printlen;
    uint64_t body;      /* their body hash */
    index_fts_text fts; /* the text's tokens, for the writer */
    int64_t id;
    char *msg;
    size_t start;       /* K_END: the argument's first entry */
} entry;

/* AHEAD bounds the memory of parsed articles waiting for the writer; it
 * is also how long the workers go on while the writer waits (a commit,
 * a checkpoint of the whole log: 0.1 to 0.3 s). On a first index of
 * 100,000 articles 2048 left the two workers idle 0.6 s between them
 * where 1024 left 2 s, for about 9 MB more at the peak (now that the
 * set's names and summaries are compact, the peak is under half of
 * that of before). */
enum { READ_BATCH = 1024, /* the walker's lookups in one read transaction */
       WALK_BATCH = 256,
       WALK_LEAD = 65536, /* entries listed and not yet in the store, at
                            most: the walk of a big set waits for the
                            rest rather than hold a million entries
                            (~350 B each). The reader takes them in every
                            50 ms: with 8192 a reopened 100k set took
                            3.1 s to list where it took 1.1 s */
       AHEAD = 2048 }; /* parsed articles waiting for the writer, at most */

struct store_loader {
    pthread_mutex_t mu;
    pthread_cond_t cv;      /* entries listed, written, published, or the
                               end: broadcast */
    pthread_cond_t wcv;     /* for the writer: an entry parsed or listed,
                               a checkpoint done */
    pthread_cond_t ccv;     /* for the checkpointer: a commit */
    entry **e;
    size_t n, cap;
    bool walked;            /* the walker is done */
    size_t next_job;        /* entries before it are taken or need none */
    size_t written;         /* [0, written) through the writer */
    size_t published;       /* [0, published) written and committed */
    size_t taken;           /* [0, taken) moved into the store */
    bool done;              /* the writer is done */
    bool changed;           /* something written or removed */
    bool counts_dirty;      /* the index knows its counts are stale */
    size_t files;           /* file entries listed (for progress) */
    int nworkers;
    pthread_t walker, writer, *workers, ckpter;
    lede_index *wix;        /* the writer's connection */
    lede_index *cix;        /* the checkpointer's, or NULL: none */
    int wal_pages;          /* in the log after the writer's last commit */
    int ckpt_pages;         /* in the log at the last checkpoint */
    bool want_whole;        /* the writer waits for a checkpoint of the
                               whole log, so that it starts again */
    bool ckpt_last;         /* the writer is done writing: one last
                               checkpoint while it merges the names */
    char **paths;
    size_t npaths;
    store *s;               /* the gazetteers: read-only here */
    lede_index *rix;        /* the walker's connection: files known
                               (NULL: none, as in a new index) */
    size_t rfinds;          /* lookups in its read transaction (0: none
                               open) */
    int64_t *met;           /* ids the walk met (walker), written (writer) */
    size_t nmet, metcap;
    int64_t *wrote;
    size_t nwrote, wrotecap;
    size_t last_art;        /* entries up to the last article taken */
    atomic_bool stop;       /* the store is closing: give up */
    entry *buf[WALK_BATCH]; /* the walker's entries not yet handed over */
    size_t nbuf;
    /* the set's names, made as the articles are written (the writer's) */
    bool merging;           /* every article so far was read here */
    entity_table *names;    /* created with the first article */
    size_t nmerged;         /* articles [0, nmerged) added to it */
    bool names_merged;      /* entity_finish ran on it after the last */
};

static int64_t mtime_ns(const struct stat *st)
{
    return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* ---- the walker ---- */

/* Entries are handed over in small batches: one lock and one wake-up
 * for many files. */
static void flush_entries(store_loader *l)
{
    if (!l->nbuf)
        return;
    pthread_mutex_lock(&l->mu);
    if (l->n - l->taken >= WALK_LEAD && !atomic_load(&l->stop)) {
        /* no read snapshot held while waiting: it would keep the
         * checkpoints from emptying the log */
        pthread_mutex_unlock(&l->mu);
        if (l->rfinds && l->rfinds != SIZE_MAX)
            index_end_read(l->rix);
        l->rfinds = 0;
        pthread_mutex_lock(&l->mu);
        while (l->n - l->taken >= WALK_LEAD && !atomic_load(&l->stop))
            pthread_cond_wait(&l->cv, &l->mu);
    }
    LEDE_GROW(l->e, l->cap, l->n + l->nbuf);
    for (size_t i = 0; i < l->nbuf; i++) {
        l->e[l->n++] = l->buf[i];
        l->files += l->buf[i]->kind == K_FILE;
    }
    pthread_cond_broadcast(&l->cv);
    pthread_cond_signal(&l->wcv);
    pthread_mutex_unlock(&l->mu);
    l->nbuf = 0;
}

static void push_entry(store_loader *l, entry *e)
{
    l->buf[l->nbuf++] = e;
    if (l->nbuf == WALK_BATCH || (e->kind == K_FILE && !e->row && l->nbuf > 8))
        flush_entries(l);
}

static void walk_msg(store_loader *l, const char *path, const char *msg)
{
    entry *e = lede_calloc(1, sizeof *e);
    e->kind = K_MSG;
    e->path = lede_strndup(path, strlen(path));
    e->msg = lede_strndup(msg, strlen(msg));
    push_entry(l, e);
}

/* What the index holds for a regular file: its row when unchanged (size
 * and mtime), else NULL; a known file is noted as met either way. */
static dbrow *row_for(store_loader *l, const char *path, const entry *e)
{
    index_row r;
    if (!l->rix)
        return NULL;
    /* lookups in batches under one read transaction: one lock for many */
    if (l->rfinds == 0 && index_begin_read(l->rix) != 0)
        l->rfinds = SIZE_MAX; /* none open: autocommit lookups */
    if (l->rfinds != SIZE_MAX && ++l->rfinds > READ_BATCH) {
        index_end_read(l->rix);
        l->rfinds = index_begin_read(l->rix) == 0 ? 1 : SIZE_MAX;
    }
    if (index_find(l->rix, path, &r) != 1)
        return NULL;
    LEDE_GROW(l->met, l->metcap, l->nmet + 1);
    l->met[l->nmet++] = r.id;
    if (r.size != e->size || r.mtime != e->mtime)
        return NULL;
    dbrow *d = lede_malloc(sizeof *d);
    d->id = r.id;
    d->nent = r.nent;
    d->has_body = r.has_body;
    d->body = r.body;
    if (article_unpack(&d->sum, path, r.summary, r.nsummary) != 0) {
        free(d); /* unreadable: the file is read again */
        return NULL;
    }
    return d;
}

static void walk_file(store_loader *l, const char *path, const struct stat *st)
{
    entry *e = lede_calloc(1, sizeof *e);
    e->kind = K_FILE;
    e->path = lede_strndup(path, strlen(path));
    e->size = (int64_t)st->st_size;
    e->mtime = mtime_ns(st);
    e->id = -1;
    if (S_ISREG(st->st_mode))
        e->row = row_for(l, path, e);
    push_entry(l, e);
}

static void on_file(void *ctx, const char *path, const struct stat *st)
{
    walk_file(ctx, path, st);
}

static void on_msg(void *ctx, const char *path, const char *msg)
{
    walk_msg(ctx, path, msg);
}

static bool on_stop(void *ctx)
{
    store_loader *l = ctx;
    return atomic_load(&l->stop);
}

/* One PATH argument, through the walk store_add_path uses; a folder ends
 * with a K_END entry, so that store_poll can say it held no article. */
static void walk_arg(store_loader *l, const char *path)
{
    static const walk_ops ops = {on_file, on_msg, on_stop};
    /* l->n grows only in flush_entries, on this thread */
    size_t start = l->n + l->nbuf;
    if (walk_path(path, &ops, l) != WALK_DIR)
        return;
    entry *e = lede_calloc(1, sizeof *e);
    e->kind = K_END;
    e->path = lede_strndup(path, strlen(path));
    e->start = start;
    push_entry(l, e);
}

static void *walker(void *arg)
{
    store_loader *l = arg;
    for (size_t i = 0; i < l->npaths; i++)
        walk_arg(l, l->paths[i]);
    if (l->rfinds && l->rfinds != SIZE_MAX)
        index_end_read(l->rix);
    flush_entries(l);
    pthread_mutex_lock(&l->mu);
    l->walked = true;
    pthread_cond_broadcast(&l->cv);
    pthread_cond_signal(&l->wcv);
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

/* ---- the workers ---- */

/* The next entry to read, marked as taken; NULL when there is none left
 * and the walk is over. */
static entry *next_job(store_loader *l)
{
    pthread_mutex_lock(&l->mu);
    entry *e = NULL;
    for (;;) {
        /* memory stays bounded: wait while the writer is far behind */
        while (l->next_job < l->n && l->next_job < l->written + AHEAD) {
            entry *c = l->e[l->next_job++];
            /* NULL: taken by the store already (no file to read) */
            if (c && c->kind == K_FILE && !c->row) {
                c->state = E_WORKING;
                e = c;
                break;
            }
        }
        if (e || atomic_load(&l->stop) || (l->walked && l->next_job >= l->n))
            break;
        pthread_cond_wait(&l->cv, &l->mu);
    }
    pthread_mutex_unlock(&l->mu);
    return e;
}

static void *worker(void *arg)
{
    store_loader *l = arg;
    store_reader rd = {0};
    entity_table *t = NULL; /* made when a file is read: a reopen has none */
    story_print p = {0};
    entry *e;
    while (!atomic_load(&l->stop) && (e = next_job(l)) != NULL) {
        char msg[STORE_MSG_MAX];
        struct stat st;
        e->ok = store_read_file(&rd, e->path, &e->a, msg, sizeof msg, &st);
        if (e->ok) {
            if (!t)
                t = store_scan_table(l->s);
            entity_scan_raw(t, &e->a, &e->raw, &e->rawlen);
            if (l->wix) /* the writer then only stores the tokens */
                index_fts_text_print(&e->fts, &e->a, &p);
            else
                story_print_article(&p, &e->a);
            e->body = p.body;
            e->print = story_print_pack(&p, &e->printlen);
        } else
            e->msg = lede_strndup(msg, strlen(msg));
        if (S_ISREG(st.st_mode)) { /* as read, if it changed meanwhile */
            e->size = (int64_t)st.st_size;
            e->mtime = mtime_ns(&st);
        } else {
            e->size = e->mtime = -1; /* never indexed */
        }
        pthread_mutex_lock(&l->mu);
        e->state = E_PARSED;
        pthread_cond_signal(&l->wcv); /* only the writer waits for it */
        pthread_mutex_unlock(&l->mu);
    }
    store_reader_fini(&rd);
    entity_table_free(t);
    story_print_fini(&p);
    return NULL;
}

/* ---- the checkpointer ---- */

/* A checkpoint every CKPT_PAGES pages of log (as SQLite's own
 * wal_autocheckpoint), while the writer goes on. The log starts again
 * from its beginning only when a checkpoint has copied all of it before
 * the writer's next transaction, which a writer that never pauses never
 * gives: past WAL_WHOLE pages the writer waits, between two
 * transactions, for one checkpoint of what is left (little: the others
 * ran meanwhile, but it waits for their disk writes), so that the log
 * stays small: at 256 MB (a first index of 100,000 articles logs 1.3 GB)
 * that is three waits, where 128 MB made seven. */
enum { CKPT_PAGES = 1000, WAL_WHOLE = 8 * CKPT_PAGES };

/* A checkpoint is due when the log has grown by CKPT_PAGES since the
 * last one (or was started again and holds that many), or the writer
 * waits for one. */
static bool ckpt_due(const store_loader *l)
{
    return l->want_whole ||
           (l->wal_pages >= CKPT_PAGES &&
            (l->wal_pages < l->ckpt_pages ||
             l->wal_pages - l->ckpt_pages >= CKPT_PAGES));
}

/* The writer's side, between transactions, l->mu held. */
static void wait_whole_checkpoint(store_loader *l)
{
    if (!l->cix || l->wal_pages < WAL_WHOLE)
        return;
    l->want_whole = true;
    pthread_cond_signal(&l->ccv);
    while (l->want_whole && !atomic_load(&l->stop))
        pthread_cond_wait(&l->wcv, &l->mu);
}

static void *checkpointer(void *arg)
{
    store_loader *l = arg;
    pthread_mutex_lock(&l->mu);
    for (;;) {
        while (!l->done && !atomic_load(&l->stop) && !ckpt_due(l) &&
               !l->ckpt_last)
            pthread_cond_wait(&l->ccv, &l->mu);
        if (l->done || atomic_load(&l->stop))
            break;
        bool last = l->ckpt_last;
        pthread_mutex_unlock(&l->mu);
        int pages, copied;
        index_checkpoint(l->cix, &pages, &copied);
        pthread_mutex_lock(&l->mu);
        l->ckpt_pages = pages;
        /* one try: a reader's snapshot may hold some pages back */
        l->want_whole = false;
        pthread_cond_signal(&l->wcv);
        if (last)
            break;
    }
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

/* ---- the writer ---- */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool needs_write(const entry *e)
{
    return e->kind == K_FILE && !e->row && e->ok && e->size >= 0;
}

/* A transaction for the writer, and the first that changes the files
 * says the name counts are stale: a run killed before its names are
 * merged leaves none trusted. */
static void begin_change(store_loader *l, bool *in_tx)
{
    if (!*in_tx)
        *in_tx = index_begin(l->wix) == 0;
    if (!l->counts_dirty)
        l->counts_dirty = index_set_counts_clean(l->wix, false) == 0;
}

/* One entry into the index: the article written, the summary kept. */
static void write_entry(store_loader *l, entry *e, bool *in_tx)
{
    if (!l->wix)
        return;
    begin_change(l, in_tx);
    index_print pr = {e->body, e->print, e->printlen};
    e->id = index_put(l->wix, e->path, e->size, e->mtime, &e->a, e->raw,
                      e->rawlen, &pr, &e->fts);
    free(e->print); /* the store reads it back when it needs it */
    e->print = NULL;
    index_fts_text_fini(&e->fts);
    l->changed = true;
    if (e->id >= 0) {
        LEDE_GROW(l->wrote, l->wrotecap, l->nwrote + 1);
        l->wrote[l->nwrote++] = e->id;
    }
    if (e->id < 0)
        return; /* the store keeps it whole */
    article sum;
    article_summary(&sum, &e->a);
    article_fini(&e->a);
    e->a = sum;
}

/* The set's names grow as its articles are written: each raw scan goes
 * into the loader's table at the article's place in the set (walk order,
 * as store_poll numbers them), so that at the end of the load the names
 * job only merges (entity_finish), with nothing read back from the
 * index. A file the index held unchanged has its scan only there: then
 * the job reads every scan, as on any reopen. */
static void merge_entry(store_loader *l, entry *e)
{
    if (!l->merging || e->kind != K_FILE || (!e->row && !e->ok))
        return;
    if (e->row) {
        l->merging = false;
        entity_table_free(l->names);
        l->names = NULL;
        return;
    }
    if (!l->names)
        l->names = store_scan_table(l->s);
    entity_add_raw(l->names, (uint32_t)l->nmerged++, e->raw, e->rawlen,
                   SIZE_MAX);
    free(e->raw); /* in the index now, and in the table */
    e->raw = NULL;
}

static bool ready(const entry *e)
{
    return e->kind != K_FILE || e->row || e->state == E_PARSED;
}

static int cmp_id(const void *a_, const void *b_)
{
    int64_t a = *(const int64_t *)a_, b = *(const int64_t *)b_;
    return (a > b) - (a < b);
}

static bool has_id(const int64_t *v, size_t n, int64_t id)
{
    return n && bsearch(&id, v, n, sizeof *v, cmp_id) != NULL;
}

/* Files the index holds that this walk neither met nor wrote are gone
 * (the walk is over: l->met is the walker's no more). */
static void remove_gone(store_loader *l, bool *in_tx)
{
    int64_t *ids;
    size_t n;
    if (!l->wix || index_ids(l->wix, &ids, &n) != 0)
        return;
    if (l->nmet)
        qsort(l->met, l->nmet, sizeof *l->met, cmp_id);
    if (l->nwrote)
        qsort(l->wrote, l->nwrote, sizeof *l->wrote, cmp_id);
    for (size_t i = 0; i < n; i++) {
        if (has_id(l->met, l->nmet, ids[i]) ||
            has_id(l->wrote, l->nwrote, ids[i]))
            continue;
        begin_change(l, in_tx);
        index_remove(l->wix, ids[i]);
        l->changed = true;
    }
    free(ids);
}

/* A transaction holds at most TX_BATCH entries, and entries that need
 * no write are published BATCH at a time. The first commits come every
 * COMMIT_FIRST seconds, so that the first screen and the list come at
 * once; then each waits twice as long, up to COMMIT_MAX: a commit
 * writes every page it touched to the log again (the last pages of each
 * table, FTS segments), and a first index of 100,000 articles wrote
 * 2.65 GB with a commit every 0.05 s, 2.1 GB with one every 0.5 s. Each
 * commit also makes FTS5 write its pending terms as a new segment,
 * sorted, and merge segments as they pile up: 4,000 articles a
 * transaction (was 2,000) halve those segments, for about 4 MB more of
 * pending terms. Files the index held unchanged are published at the
 * first pace: they cost no commit. */
enum { BATCH = 2000, TX_BATCH = 4000 };
#define COMMIT_FIRST 0.05
#define COMMIT_MAX 1.0

static void wait_a_little(store_loader *l)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += 50 * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&l->wcv, &l->mu, &t);
}

/* The set's names are merged (entity_finish) on a thread of their own
 * while the writer's last commit goes on (the workers are done: a core
 * is free), and the checkpointer then copies the rest of the log into
 * the database, work that the names job's commit would otherwise wait
 * for. */
static void *finish_names(void *arg)
{
    entity_finish(arg);
    return NULL;
}

/* At the end of the writes, before the last commit: true when the
 * names are being merged on their own thread *th. */
static bool start_names(store_loader *l, pthread_t *th)
{
    return !atomic_load(&l->stop) && l->names &&
           pthread_create(th, NULL, finish_names, l->names) == 0;
}

/* Everything is written and committed (l->mu held): the names merged. */
static void merge_names(store_loader *l, bool threaded, pthread_t th)
{
    if (l->cix) {
        l->ckpt_last = true;
        pthread_cond_signal(&l->ccv);
    }
    pthread_mutex_unlock(&l->mu);
    if (threaded)
        pthread_join(th, NULL);
    else
        entity_finish(l->names);
    pthread_mutex_lock(&l->mu);
    l->names_merged = true;
}

static void *writer(void *arg)
{
    store_loader *l = arg;
    bool in_tx = false;
    size_t k = 0, pending = 0;
    double last = now_s(), every = COMMIT_FIRST;
    pthread_t names_th;
    bool names_threaded = false;
    pthread_mutex_lock(&l->mu);
    for (;;) {
        /* the first screenful goes out as soon as it is in, or
         * COMMIT_FIRST after the first article was: not after the time
         * the workers took to start (the entity tables are built first,
         * and a first publish of one article opened the reader on a list
         * of one) */
        size_t batch = !l->published ? STORE_SCREENFUL
                       : in_tx       ? TX_BATCH
                                     : BATCH;
        if (!k && !pending)
            last = now_s();
        while (k < l->n && ready(l->e[k]) && pending < batch) {
            entry *e = l->e[k];
            if (needs_write(e) || (l->merging && e->kind == K_FILE)) {
                pthread_mutex_unlock(&l->mu);
                if (needs_write(e))
                    write_entry(l, e, &in_tx);
                merge_entry(l, e);
                pthread_mutex_lock(&l->mu);
            }
            e->state = E_WRITTEN;
            k++;
            pending++;
            l->written = k;
            if (k % 64 == 0)
                pthread_cond_broadcast(&l->cv);
            if (now_s() - last > (in_tx ? every : COMMIT_FIRST))
                break;
        }
        bool stop = atomic_load(&l->stop);
        bool end = stop || (l->walked && k == l->n);
        double due = in_tx ? every : COMMIT_FIRST;
        if (end || (pending && (pending >= batch || now_s() - last > due))) {
            pthread_mutex_unlock(&l->mu);
            if (end && !stop) {
                names_threaded = start_names(l, &names_th);
                remove_gone(l, &in_tx);
            }
            if (in_tx) {
                index_commit(l->wix);
                every = every * 2 < COMMIT_MAX ? every * 2 : COMMIT_MAX;
            }
            in_tx = false;
            pending = 0;
            last = now_s();
            pthread_mutex_lock(&l->mu);
            if (l->cix)
                l->wal_pages = index_wal_pages(l->wix);
            l->published = k;
            pthread_cond_broadcast(&l->cv);
            pthread_cond_signal(&l->ccv);
            if (!end)
                wait_whole_checkpoint(l);
        }
        if (end)
            break;
        if (!(k < l->n && ready(l->e[k])))
            wait_a_little(l);
    }
    if (names_threaded || (!atomic_load(&l->stop) && l->names))
        merge_names(l, names_threaded, names_th);
    l->done = true;
    pthread_cond_broadcast(&l->cv);
    pthread_cond_signal(&l->ccv);
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

/* ---- the caller's side ---- */

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

void store_load_start(store *s, const char *const *paths, size_t n)
{
    /* the boilerplate list loads on first use: before the threads */
    article_boiler_add("", 0);
    store_loader *l = lede_calloc(1, sizeof *l);
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->cv, NULL);
    pthread_cond_init(&l->wcv, NULL);
    pthread_cond_init(&l->ccv, NULL);
    l->s = s;
    l->paths = lede_calloc(n ? n : 1, sizeof *l->paths);
    for (size_t i = 0; i < n; i++)
        l->paths[i] = lede_strndup(paths[i], strlen(paths[i]));
    l->npaths = n;
    l->wix = index_open_again(s->ix);
    /* a new index holds nothing to look up: every file is read */
    l->rix = index_has_files(s->ix) ? index_open_again(s->ix) : NULL;
    l->cix = l->wix ? index_open_again(s->ix) : NULL;
    l->merging = s->n == 0; /* the table's numbers are the store's */
    l->nworkers = s->jobs > 0 ? s->jobs : cores();
    l->workers = lede_calloc((size_t)l->nworkers, sizeof *l->workers);
    s->ld = l;
    pthread_create(&l->walker, NULL, walker, l);
    for (int i = 0; i < l->nworkers; i++)
        pthread_create(&l->workers[i], NULL, worker, l);
    /* without a checkpointer the writer's commits checkpoint, as usual */
    if (l->cix && pthread_create(&l->ckpter, NULL, checkpointer, l) == 0)
        index_defer_checkpoints(l->wix);
    else {
        index_close(l->cix);
        l->cix = NULL;
    }
    pthread_create(&l->writer, NULL, writer, l);
}

/* Move entry e into the store (the caller's thread). */
static void take(store *s, entry *e)
{
    if (e->msg)
        store_say(s, e->path, e->msg);
    if (e->kind == K_FILE && e->row) {
        dbrow *r = e->row;
        store_push(s, &r->sum, r->id, true, r->nent,
                   r->has_body ? &r->body : NULL);
        free(r);
    } else if (e->kind == K_FILE && e->ok) {
        size_t i = s->n;
        bool indexed = e->id >= 0;
        store_push(s, &e->a, e->id, indexed, 0, &e->body);
        if (!indexed)
            s->rowid[i] = -1;
    }
    free(e->path);
    free(e->msg);
    free(e->raw);
    free(e->print);
    index_fts_text_fini(&e->fts);
    free(e);
}

size_t store_poll(store *s)
{
    store_loader *l = s->ld;
    if (!l)
        return 0;
    size_t before = s->n;
    pthread_mutex_lock(&l->mu);
    size_t from = l->taken, to = l->published;
    bool done = l->done && to == l->n;
    entry **batch = lede_malloc((to - from + 1) * sizeof *batch);
    for (size_t k = from; k < to; k++) {
        batch[k - from] = l->e[k];
        l->e[k] = NULL;
    }
    l->taken = to;
    pthread_cond_broadcast(&l->cv); /* the walker may wait for it */
    pthread_mutex_unlock(&l->mu);
    for (size_t k = from; k < to; k++) {
        entry *e = batch[k - from];
        if (e->kind == K_END && l->last_art <= e->start)
            store_say(s, e->path, "no articles found");
        if (e->kind == K_FILE && (e->row || e->ok))
            l->last_art = k + 1;
        take(s, e);
    }
    free(batch);
    if (done) {
        s->changed |= l->changed;
        if (l->names && l->nmerged == s->n) { /* see merge_entry */
            store_names_merged(s, l->names, l->nmerged, l->names_merged);
            l->names = NULL;
        }
        store_load_free(s);
        s->counts_ok = !s->changed && index_counts_clean(s->ix);
    }
    return s->n - before;
}

bool store_loading(const store *s) { return s->ld != NULL; }

void store_wait(store *s)
{
    while (s->ld) {
        store_loader *l = s->ld;
        pthread_mutex_lock(&l->mu);
        while (l->published == l->taken && !(l->done && l->taken == l->n))
            pthread_cond_wait(&l->cv, &l->mu);
        pthread_mutex_unlock(&l->mu);
        store_poll(s);
    }
}

void store_load_progress(const store *s, size_t *done, size_t *total)
{
    store_loader *l = s->ld;
    *done = s->n;
    *total = 0;
    if (!l)
        return;
    pthread_mutex_lock(&l->mu);
    *total = l->walked ? l->files : 0; /* the walk keeps a bounded lead */
    pthread_mutex_unlock(&l->mu);
}

void store_load_free(store *s)
{
    store_loader *l = s->ld;
    if (!l)
        return;
    atomic_store(&l->stop, true);
    pthread_mutex_lock(&l->mu);
    pthread_cond_broadcast(&l->cv);
    pthread_cond_broadcast(&l->wcv);
    pthread_cond_broadcast(&l->ccv);
    pthread_mutex_unlock(&l->mu);
    pthread_join(l->walker, NULL);
    for (int i = 0; i < l->nworkers; i++)
        pthread_join(l->workers[i], NULL);
    pthread_join(l->writer, NULL);
    if (l->cix)
        pthread_join(l->ckpter, NULL);
    for (size_t k = l->taken; k < l->n; k++) { /* never taken */
        entry *e = l->e[k];
        if (e->kind == K_FILE && !e->row && e->ok)
            article_fini(&e->a);
        if (e->row) {
            article_fini(&e->row->sum);
            free(e->row);
        }
        free(e->path);
        free(e->msg);
        free(e->raw);
        free(e->print);
        index_fts_text_fini(&e->fts);
        free(e);
    }
    free(l->e);
    for (size_t i = 0; i < l->npaths; i++)
        free(l->paths[i]);
    free(l->paths);
    free(l->workers);
    index_close(l->wix);
    index_close(l->rix);
    index_close(l->cix);
    free(l->met);
    free(l->wrote);
    entity_table_free(l->names);
    pthread_mutex_destroy(&l->mu);
    pthread_cond_destroy(&l->cv);
    pthread_cond_destroy(&l->wcv);
    pthread_cond_destroy(&l->ccv);
    free(l);
    s->ld = NULL;
    lede_trim(); /* the entries were freed on this thread, made on others */
}
