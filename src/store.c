/* store.c: the article set (see store.h).
 *
 * Loading 100,000 files must not cost 100,000 buffers: one read buffer
 * and one cleaning scratch are reused across files, and each article
 * keeps only exact-size copies (article_init_with). Articles live in one
 * growable array and are referred to by index everywhere. */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "story.h"
#include "util.h"

struct store {
    store_msg_fn msg;
    void *ctx;
    article *arts;
    size_t n, cap;
    size_t scanned;      /* articles [0, scanned) went through entity_scan */
    bool finished;       /* entity_finish ran after the last scan */
    entity_table *ents;  /* created on first need */
    char *buf;           /* the read buffer, reused for every file */
    size_t bufcap;
    text_buf scratch;    /* the cleaning buffer, reused likewise */
    store_progress_fn progress;
    void *pctx;
    story_print *prints; /* per article, made in store_index */
    size_t nprints, pcap;
};

/* A directory's identity. */
typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

/* One walk of a named directory: the directories on the current path (a
 * symlink back to one of them is a loop, caught before descending), every
 * directory read so far (a hash set, so that one reached again through a
 * symlink is not read twice) and the tree's real path (a symlink out of
 * it is not followed). */
typedef struct walk {
    dir_id *path;
    size_t n, cap;
    dir_id *seen;  /* open addressing; ino 0 with dev 0 marks a free slot */
    bool *used;
    size_t nseen, seencap;
    char *root;    /* realpath of the named directory, or NULL */
} walk;

enum { SNIFF_BYTES = 8192 };

store *store_new(store_msg_fn msg, void *ctx)
{
    store *s = lede_calloc(1, sizeof *s);
    s->msg = msg;
    s->ctx = ctx;
    return s;
}

void store_set_progress(store *s, store_progress_fn fn, void *ctx)
{
    s->progress = fn;
    s->pctx = ctx;
}

void store_free(store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        article_fini(&s->arts[i]);
    for (size_t i = 0; i < s->nprints; i++)
        story_print_fini(&s->prints[i]);
    free(s->prints);
    free(s->arts);
    free(s->buf);
    text_buf_fini(&s->scratch);
    if (s->ents)
        entity_table_free(s->ents);
    free(s);
}

/* One message about a path, its name cleaned so that it cannot reach the
 * terminal raw. */
static void say(store *s, const char *path, const char *msg)
{
    if (!s->msg)
        return;
    char *label = text_clean_label(path, strlen(path));
    s->msg(s->ctx, label, msg);
    free(label);
}

static void say_errno(store *s, const char *path, const char *what, int err)
{
    char m[160];
    snprintf(m, sizeof m, "%s: %s", what, strerror(err));
    say(s, path, m);
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

static void say_too_large(store *s, const char *path, double size, bool more)
{
    char sz[32], lim[32], m[128];
    fmt_size(sz, sizeof sz, size);
    fmt_size(lim, sizeof lim, (double)STORE_MAX_FILE);
    snprintf(m, sizeof m, "too large (%s%s, limit %s), skipped",
             more ? "more than " : "", sz, lim);
    say(s, path, m);
}

size_t store_add_bytes(store *s, const char *path, const char *bytes,
                       size_t len)
{
    LEDE_GROW(s->arts, s->cap, s->n + 1);
    article_init_with(&s->arts[s->n], path, bytes, len, &s->scratch);
    s->finished = false;
    return s->n++;
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
static void buf_reserve(store *s, size_t need)
{
    if (need > STORE_MAX_FILE + 1)
        need = STORE_MAX_FILE + 1;
    if (need <= s->bufcap)
        return;
    s->buf = lede_realloc(s->buf, need);
    s->bufcap = need;
}

typedef enum rd { RD_OK, RD_ERR, RD_BINARY, RD_LARGE } rd;

/* Read fd to its end into s->buf, at most STORE_MAX_FILE bytes (stopping
 * one byte past, so a pipe cannot make us hold more), giving up early on
 * a NUL in the first SNIFF_BYTES. */
static rd read_all(store *s, int fd, size_t hint, size_t *len, int *err)
{
    size_t n = 0;
    bool sniffed = false;
    if (hint > STORE_MAX_FILE)
        hint = STORE_MAX_FILE;
    buf_reserve(s, hint + 1);
    for (;;) {
        if (n == s->bufcap)
            buf_reserve(s, n < 65536 ? 65536 : 2 * n);
        ssize_t r = read(fd, s->buf + n, s->bufcap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *err = errno;
            return RD_ERR;
        }
        n += (size_t)r;
        if (!sniffed && (n >= SNIFF_BYTES || r == 0)) {
            sniffed = true;
            if (memchr(s->buf, '\0', n < SNIFF_BYTES ? n : SNIFF_BYTES))
                return RD_BINARY;
        }
        if (n > STORE_MAX_FILE)
            return RD_LARGE;
        if (r == 0)
            break;
    }
    *len = n;
    return RD_OK;
}

/* Load an open file (or pipe); one message when it is not an article. */
static size_t load_fd(store *s, const char *path, int fd)
{
    struct stat st;
    size_t hint = 0, len = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > STORE_MAX_FILE) {
            say_too_large(s, path, (double)st.st_size, false);
            return 0;
        }
        hint = (size_t)st.st_size;
    }
    int err = 0;
    switch (read_all(s, fd, hint, &len, &err)) {
    case RD_ERR:
        say_errno(s, path, "cannot read", err);
        return 0;
    case RD_BINARY:
        say(s, path, "binary file (NUL bytes), skipped");
        return 0;
    case RD_LARGE:
        say_too_large(s, path, (double)STORE_MAX_FILE, true);
        return 0;
    case RD_OK:
        break;
    }
    if (len == 0) {
        say(s, path, "empty file, skipped");
        return 0;
    }
    if (all_blank(s->buf, len)) {
        say(s, path, "blank file, skipped");
        return 0;
    }
    size_t i = store_add_bytes(s, path, s->buf, len);
    if (s->arts[i].nblocks == 0) { /* nothing but what cleaning removed */
        article_fini(&s->arts[i]);
        s->n--;
        say(s, path, "no readable text, skipped");
        return 0;
    }
    if (s->progress && s->n % STORE_PROGRESS_EVERY == 0)
        s->progress(s->pctx, "reading", s->n, 0);
    return 1;
}

enum { KEEP_BUFFER = 32u << 20 };

/* After an unusually big file, give its buffers back rather than hold
 * them for the rest of the run. */
static void release_big(store *s)
{
    if (s->bufcap > KEEP_BUFFER) {
        free(s->buf);
        s->buf = NULL;
        s->bufcap = 0;
    }
    if (s->scratch.cap > KEEP_BUFFER)
        text_buf_fini(&s->scratch);
}

/* Opened non-blocking, so that a file that never ends a read (such as
 * /proc/kmsg) is reported instead of hanging; a pipe or device named
 * explicitly is then read normally, as the user asked for it. */
static size_t load_file(store *s, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        say_errno(s, path, "cannot open", errno);
        return 0;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    size_t n = load_fd(s, path, fd);
    close(fd);
    release_big(s);
    return n;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible entry names of a directory, sorted; NULL on error. */
static char **list_dir(const char *path, size_t *n, int *err)
{
    DIR *d = opendir(path);
    if (!d) {
        *err = errno;
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    while ((errno = 0, e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') /* hidden, and "." ".." */
            continue;
        LEDE_GROW(names, cap, *n + 1);
        names[(*n)++] = lede_strndup(e->d_name, strlen(e->d_name));
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_name);
    return names ? names : lede_calloc(1, sizeof *names);
}

static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl && dir[dl - 1] == '/';
    char *p = lede_malloc(dl + nl + 2);
    memcpy(p, dir, dl);
    if (!slash)
        p[dl++] = '/';
    memcpy(p + dl, name, nl + 1);
    return p;
}

static bool same_dir(dir_id a, dir_id b)
{
    return a.dev == b.dev && a.ino == b.ino;
}

static bool walk_on_path(const walk *w, dir_id d)
{
    for (size_t i = 0; i < w->n; i++)
        if (same_dir(w->path[i], d))
            return true;
    return false;
}

static size_t dir_hash(dir_id d, size_t cap)
{
    uint64_t h = ((uint64_t)d.dev * 0x9E3779B97F4A7C15u) ^ (uint64_t)d.ino;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    return (size_t)(h ^ (h >> 32)) & (cap - 1);
}

/* Add d to the directories read; false when it was there already. */
static bool walk_first_visit(walk *w, dir_id d)
{
    if (2 * (w->nseen + 1) > w->seencap) {
        size_t ncap = w->seencap ? 2 * w->seencap : 64;
        dir_id *ns = lede_calloc(ncap, sizeof *ns);
        bool *nu = lede_calloc(ncap, sizeof *nu);
        for (size_t i = 0; i < w->seencap; i++) {
            if (!w->used[i])
                continue;
            size_t j = dir_hash(w->seen[i], ncap);
            while (nu[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = w->seen[i];
            nu[j] = true;
        }
        free(w->seen);
        free(w->used);
        w->seen = ns;
        w->used = nu;
        w->seencap = ncap;
    }
    size_t j = dir_hash(d, w->seencap);
    for (; w->used[j]; j = (j + 1) & (w->seencap - 1))
        if (same_dir(w->seen[j], d))
            return false;
    w->seen[j] = d;
    w->used[j] = true;
    w->nseen++;
    return true;
}

/* True when the directory a symlink at path leads to lies inside the
 * named tree. */
static bool walk_inside(const walk *w, const char *path)
{
    if (!w->root)
        return true;
    char *real = realpath(path, NULL);
    if (!real)
        return false;
    size_t rl = strlen(w->root);
    bool in = strncmp(real, w->root, rl) == 0 &&
              (real[rl] == '/' || real[rl] == '\0' ||
               (rl == 1 && w->root[0] == '/'));
    free(real);
    return in;
}

static size_t add_dir(store *s, const char *path, const struct stat *st,
                      walk *w);

/* One entry met while walking: directories recurse, regular files load
 * (through symlinks too), anything else (fifos, sockets, devices) is
 * passed over silently, since opening it could block or never end. A
 * symlink to a directory is followed only when the directory lies inside
 * the named tree and is not one the walk is already in (a loop). */
static size_t add_entry(store *s, const char *path, walk *w)
{
    struct stat st, lst;
    if (stat(path, &st) != 0) {
        say_errno(s, path, lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)
                               ? "broken symlink" : "cannot open", errno);
        return 0;
    }
    if (!S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? load_file(s, path) : 0;
    dir_id d = {st.st_dev, st.st_ino};
    bool link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
    if (link && walk_on_path(w, d)) {
        say(s, path, "symlink loop (to a folder above it), not followed");
        return 0;
    }
    if (link && !walk_inside(w, path)) {
        say(s, path, "symlink to a folder outside the tree, not followed");
        return 0;
    }
    return add_dir(s, path, &st, w);
}

static size_t add_dir(store *s, const char *path, const struct stat *st,
                      walk *w)
{
    dir_id d = {st->st_dev, st->st_ino};
    if (!walk_first_visit(w, d))
        return 0; /* read already, through another name */
    size_t n = 0, added = 0;
    int err = 0;
    char **names = list_dir(path, &n, &err);
    if (!names) {
        say_errno(s, path, "cannot open", err);
        return 0;
    }
    LEDE_GROW(w->path, w->cap, w->n + 1);
    w->path[w->n++] = d;
    for (size_t i = 0; i < n; i++) {
        char *p = join_path(path, names[i]);
        added += add_entry(s, p, w);
        free(p);
        free(names[i]);
    }
    free(names);
    w->n--;
    return added;
}

/* Walk the directory named by the user. */
static size_t walk_tree(store *s, const char *path, const struct stat *st)
{
    walk w = {0};
    w.root = realpath(path, NULL);
    size_t n = add_dir(s, path, st, &w);
    free(w.path);
    free(w.seen);
    free(w.used);
    free(w.root);
    return n;
}

static size_t add_stdin(store *s)
{
    size_t before = s->n;
    load_fd(s, "-", STDIN_FILENO);
    release_big(s);
    return s->n - before;
}

size_t store_add_path(store *s, const char *path)
{
    if (strcmp(path, "-") == 0)
        return add_stdin(s);
    struct stat st;
    if (stat(path, &st) != 0) {
        say_errno(s, path, "cannot open", errno);
        return 0;
    }
    if (!S_ISDIR(st.st_mode))
        return load_file(s, path);
    size_t n = walk_tree(s, path, &st);
    if (n == 0)
        say(s, path, "no articles found");
    return n;
}

static entity_table *table(store *s)
{
    if (!s->ents)
        s->ents = entity_table_new();
    return s->ents;
}

void store_index(store *s)
{
    entity_table *t = table(s);
    if (s->scanned == s->n && s->finished)
        return;
    for (; s->scanned < s->n; s->scanned++) {
        entity_scan(t, (uint32_t)s->scanned, &s->arts[s->scanned]);
        if (s->progress && s->scanned % STORE_PROGRESS_EVERY == 0)
            s->progress(s->pctx, "indexing", s->scanned, s->n);
    }
    entity_finish(t);
    s->finished = true;
    LEDE_GROW(s->prints, s->pcap, s->n);
    for (; s->nprints < s->n; s->nprints++) {
        memset(&s->prints[s->nprints], 0, sizeof *s->prints);
        story_print_article(&s->prints[s->nprints], &s->arts[s->nprints]);
    }
}

const story_print *store_print(const store *s, size_t i)
{
    return i < s->nprints ? &s->prints[i] : NULL;
}

size_t store_count(const store *s) { return s->n; }

const article *store_get(const store *s, size_t i)
{
    return i < s->n ? &s->arts[i] : NULL;
}

const entity_table *store_entities(const store *s) { return s->ents; }

entity_table *store_entities_mut(store *s)
{
    s->finished = false; /* a new gazetteer may change the names found */
    return table(s);
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
        d[i] = (dated){s->arts[i].date_key, (uint32_t)i};
    qsort(d, s->n, sizeof *d, cmp_date);
    for (size_t i = 0; i < s->n; i++)
        order[i] = d[i].idx;
    free(d);
}
