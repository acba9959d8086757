/* util.h: allocation with a fatal hook, growable arrays.
 *
 * The core never prints or exits. Running out of memory is the one fatal
 * path: it calls the hook the front end registered (which restores the
 * terminal and exits), or abort()s when none is registered. */
#ifndef LEDE_UTIL_H
#define LEDE_UTIL_H

#include <stddef.h>
#include <stdint.h>

typedef void (*lede_fatal_fn)(const char *msg);

/* Register the function called on a fatal error; it must not return. */
void lede_set_fatal_hook(lede_fatal_fn fn);

/* Report a fatal error through the hook; never returns. */
_Noreturn void lede_fatal(const char *msg);

/* malloc/calloc/realloc/strndup that never return NULL (fatal instead). */
void *lede_malloc(size_t n);
void *lede_calloc(size_t n, size_t size);
void *lede_realloc(void *p, size_t n);
char *lede_strndup(const char *s, size_t n);

/* Make room for `need` elements of `size` bytes in *p (capacity *cap),
 * growing geometrically. Returns *p. */
void *lede_grow(void *p_, size_t *cap, size_t need, size_t size);

/* Give the pages of freed memory back to the system, in every malloc
 * arena (glibc: threads allocate from arenas of their own, and what a
 * finished phase freed there would stay resident). */
void lede_trim(void);

/* A 64-bit hash of n bytes (FNV-1a, then a final mix): stable across
 * runs and machines, so it can key stored data (content hashes, paragraph
 * fingerprints). Not cryptographic. */
uint64_t lede_hash64(const void *p, size_t n);
/* The same a byte at a time, for a caller that makes the bytes in a loop
 * of its own: h = LEDE_HASH64_INIT, h = lede_hash64_byte(h, b) for each,
 * then lede_hash64_end(h) is lede_hash64 of those bytes. */
#define LEDE_HASH64_INIT 14695981039346656037ULL
static inline uint64_t lede_hash64_byte(uint64_t h, unsigned char b)
{
    return (h ^ b) * 1099511628211ULL;
}
static inline uint64_t lede_hash64_end(uint64_t h)
{
    /* fold the high bits down so the low bits are usable as a bucket */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* Room for need elements at ptr (cap: its size_t capacity): the check is
 * inline, the call only when it must grow. */
#define LEDE_GROW(ptr, cap, need)                                         \
    ((ptr) = (need) <= (cap) ? (ptr)                                      \
                             : lede_grow((ptr), &(cap), (need), sizeof *(ptr)))

/* A bump allocator for many small records freed together: memory comes
 * in chunks (no per-record malloc header, no copy when it grows, and
 * what is handed out never moves). Zero-initialise it. */
typedef struct lede_arena_chunk lede_arena_chunk;
typedef struct lede_arena {
    lede_arena_chunk *head; /* the chunk being filled; older ones follow */
    size_t used, cap;       /* in the head chunk */
    size_t bytes;           /* all chunks, for figures */
} lede_arena;

/* n bytes aligned to align (a power of two, at most that of
 * max_align_t: 1 for bytes), valid until lede_arena_fini; n == 0 gives
 * a valid pointer to nothing. */
void *lede_arena_alloc(lede_arena *a, size_t n, size_t align);
/* A copy of p[0..n) in the arena (byte aligned). */
void *lede_arena_dup(lede_arena *a, const void *p, size_t n);
/* Free every chunk; the arena is empty again. */
void lede_arena_fini(lede_arena *a);

#endif
