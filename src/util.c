#include "util.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static lede_fatal_fn fatal_hook;

void lede_set_fatal_hook(lede_fatal_fn fn) { fatal_hook = fn; }

_Noreturn void lede_fatal(const char *msg)
{
    if (fatal_hook)
        fatal_hook(msg);
    abort();
}

void *lede_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        lede_fatal("out of memory");
    return p;
}

void *lede_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        lede_fatal("out of memory");
    return p;
}

void *lede_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        lede_fatal("out of memory");
    return q;
}

char *lede_strndup(const char *s, size_t n)
{
    char *d = lede_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void *lede_grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > ((size_t)-1) / 2 / size)
            lede_fatal("allocation too large");
        c *= 2;
    }
    p = lede_realloc(p, c * size);
    *cap = c;
    return p;
}

uint64_t lede_hash64(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = LEDE_HASH64_INIT;
    for (size_t i = 0; i < n; i++)
        h = lede_hash64_byte(h, b[i]);
    return lede_hash64_end(h);
}

struct lede_arena_chunk {
    lede_arena_chunk *next;
    max_align_t data[]; /* the chunk's bytes */
};

enum { ARENA_CHUNK = 64 * 1024 - 64 }; /* a malloc below the mmap limit */

void *lede_arena_alloc(lede_arena *a, size_t n, size_t align)
{
    size_t at = a->head ? (a->used + align - 1) & ~(align - 1) : 0;
    if (!a->head || at > a->cap || a->cap - at < n) {
        /* a record bigger than a quarter chunk gets a chunk of its own,
         * behind the head, which goes on filling */
        if (n > ARENA_CHUNK / 4) {
            lede_arena_chunk *c = lede_malloc(sizeof *c + n);
            if (a->head) {
                c->next = a->head->next;
                a->head->next = c;
            } else {
                c->next = NULL;
                a->head = c;
                a->used = a->cap = n;
            }
            a->bytes += n;
            return c->data;
        }
        lede_arena_chunk *c = lede_malloc(sizeof *c + ARENA_CHUNK);
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->cap = ARENA_CHUNK;
        a->bytes += ARENA_CHUNK;
        at = 0;
    }
    a->used = at + n;
    return (char *)a->head->data + at;
}

void *lede_arena_dup(lede_arena *a, const void *p, size_t n)
{
    void *q = lede_arena_alloc(a, n, 1);
    if (n)
        memcpy(q, p, n);
    return q;
}

void lede_arena_fini(lede_arena *a)
{
    for (lede_arena_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    memset(a, 0, sizeof *a);
}

void lede_trim(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
