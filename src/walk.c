/* walk.c: the one walk over a PATH argument (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { WALK_MSG_MAX = 200 };

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
typedef struct walker {
    const walk_ops *ops;
    void *ctx;
    dir_id *path;
    size_t n, cap;
    dir_id *seen;  /* open addressing, slots marked by used[] */
    bool *used;
    size_t nseen, seencap;
    char *root;    /* realpath of the named directory, or NULL */
} walker;

static void say_errno(const walker *w, const char *path, const char *what,
                      int err)
{
    char m[WALK_MSG_MAX];
    snprintf(m, sizeof m, "%s: %s", what, strerror(err));
    w->ops->msg(w->ctx, path, m);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible entry names of a directory, sorted; NULL on error, with
 * errno in *err. */
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
    while ((e = readdir(d)) != NULL) {
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

static bool on_path(const walker *w, dir_id d)
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
static bool first_visit(walker *w, dir_id d)
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
static bool inside(const walker *w, const char *path)
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

static void walk_dir(walker *w, const char *path, const struct stat *st);

/* One entry met inside a folder (see walk.h for the rules). */
static void walk_entry(walker *w, const char *path)
{
    struct stat st, lst;
    if (stat(path, &st) != 0) {
        int err = errno;
        say_errno(w, path, lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)
                               ? "broken symlink" : "cannot open", err);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (S_ISREG(st.st_mode))
            w->ops->file(w->ctx, path, &st);
        return;
    }
    dir_id d = {st.st_dev, st.st_ino};
    bool link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
    if (link && on_path(w, d)) {
        w->ops->msg(w->ctx, path,
                    "symlink loop (to a folder above it), not followed");
        return;
    }
    if (link && !inside(w, path)) {
        w->ops->msg(w->ctx, path,
                    "symlink to a folder outside the tree, not followed");
        return;
    }
    walk_dir(w, path, &st);
}

static void walk_dir(walker *w, const char *path, const struct stat *st)
{
    dir_id d = {st->st_dev, st->st_ino};
    if (!first_visit(w, d))
        return; /* read already, through another name */
    size_t n = 0;
    int err = 0;
    char **names = list_dir(path, &n, &err);
    if (!names) {
        say_errno(w, path, "cannot open", err);
        return;
    }
    LEDE_GROW(w->path, w->cap, w->n + 1);
    w->path[w->n++] = d;
    for (size_t i = 0; i < n; i++) {
        if (!w->ops->stop || !w->ops->stop(w->ctx)) {
            char *p = join_path(path, names[i]);
            walk_entry(w, p);
            free(p);
        }
        free(names[i]);
    }
    free(names);
    w->n--;
}

walk_kind walk_path(const char *path, const walk_ops *ops, void *ctx)
{
    walker w = {.ops = ops, .ctx = ctx};
    struct stat st;
    if (stat(path, &st) != 0) {
        say_errno(&w, path, "cannot open", errno);
        return WALK_MISSING;
    }
    if (!S_ISDIR(st.st_mode)) { /* named explicitly: read whatever it is */
        ops->file(ctx, path, &st);
        return WALK_FILE;
    }
    w.root = realpath(path, NULL);
    walk_dir(&w, path, &st);
    free(w.path);
    free(w.seen);
    free(w.used);
    free(w.root);
    return WALK_DIR;
}
