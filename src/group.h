/* group.h: grouping a list of articles by folder or by source.
 *
 * Both front ends use it: --list --group prints a header line before each
 * group, the reader's list shows header rows that fold. Grouping is
 * stable (rows keep their order inside a group) and linear in the rows
 * apart from sorting the group names. */
#ifndef LEDE_GROUP_H
#define LEDE_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef enum group_by {
    GROUP_NONE,
    GROUP_FOLDER, /* the article's folder relative to the set's root */
    GROUP_SOURCE, /* its source metadata, "(no source)" without */
    GROUP_N
} group_by;

typedef struct group_info {
    const char *name; /* display text: cleaned, borrowed from the store
                         or a constant; valid while the store lives */
    size_t len;
    uint32_t first, n; /* its rows are [first, first + n) */
} group_info;

typedef struct group_set {
    group_info *g;    /* in name order, owned */
    size_t ng;
    uint32_t *of;     /* per row: its group, owned */
    size_t cap;
} group_set;

/* Name of a grouping ("none", "folder", "source"). */
const char *group_by_name(group_by by);
/* Grouping named s, or -1 when s names none. */
int group_by_parse(const char *s);

/* Group rows[0..n) (article indexes of s) by `by`, reordering rows and,
 * when aux is not NULL, the parallel aux[0..n) so that each group is
 * contiguous; fills gs (reusing its memory). With GROUP_NONE the rows
 * stay as they are and form no group. Returns the number of groups. */
size_t group_rows(const store *s, group_by by, uint32_t *rows, uint32_t *aux,
                  size_t n, group_set *gs);
/* Free what gs owns. */
void group_set_fini(group_set *gs);

#endif
