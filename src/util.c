#include "util.h"

#include <stdlib.h>
#include <string.h>

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
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    /* fold the high bits down so the low bits are usable as a bucket */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}
