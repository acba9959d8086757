/* testutil.h: helpers shared by the unit tests (include after cmocka.h). */
#ifndef LEDE_TESTUTIL_H
#define LEDE_TESTUTIL_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "search.h"
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

/* Matches as "off+len off+len ..." in a static buffer (for asserts). */
static inline const char *tu_matches(const search_match *m, size_t n)
{
    static char buf[4096];
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%u+%u", i ? " " : "", m[i].off,
                 m[i].len);
    }
    return buf;
}

#endif
