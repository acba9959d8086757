/* testutil.h: helpers shared by the unit tests (include after cmocka.h). */
#ifndef LEDE_TESTUTIL_H
#define LEDE_TESTUTIL_H

#include <stdint.h>
#include <string.h>

#include "store.h"

/* The article of the store whose path ends with `name`; fails the test
 * when there is none. */
static inline const article *tu_by_name(const store *s, const char *name)
{
    for (size_t i = 0; i < store_count(s); i++) {
        const char *p = store_get(s, i)->path;
        size_t pl = strlen(p), nl = strlen(name);
        if (pl >= nl && strcmp(p + pl - nl, name) == 0)
            return store_get(s, i);
    }
    fail_msg("%s not loaded", name);
    return NULL;
}

/* A small deterministic generator, so a failing random test repeats. */
static inline uint32_t tu_rnd(uint32_t *state, uint32_t n)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) % n;
}

#endif
