/* query.h: the set query language, parsed into a tree (no SQL here).
 *
 *   lavrov kerry          both words (whole words, smart case, accents
 *                         folded as in search.h) in the headline or the
 *                         body (not metadata or boilerplate)
 *   "exact phrase"        the words in this order
 *   a OR b                either (AND binds tighter than OR)
 *   -word, NOT word       articles without it
 *   ( ... )               grouping
 *   title:word, title:"a phrase"   in the headline
 *   entity:"Tony Blair"   articles naming the merged entity (any variant)
 *   source:reuters        in the Source: line
 *   path:2016/            the path contains this text
 *   after:2016-08-01      dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)
 *   before:2016-08-31     dated on or before (the whole day, month, year)
 *
 * The tree is run over the store's articles in memory here
 * (query_run_mem) or against the index (index_query.h); both give the
 * same set of articles. */
#ifndef LEDE_QUERY_H
#define LEDE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "search.h"

struct store;

typedef enum query_kind {
    QUERY_TEXT,   /* a word or phrase; title_only for title: */
    QUERY_ENTITY, /* entity:NAME */
    QUERY_SOURCE, /* source:WORD */
    QUERY_PATH,   /* path:TEXT */
    QUERY_DATE,   /* after:/before: as a range lo <= date_key < hi */
    QUERY_AND,
    QUERY_OR,
    QUERY_NOT,    /* kid[0] only */
} query_kind;

typedef struct query_node {
    query_kind kind;
    bool phrase;         /* TEXT: was quoted */
    bool title_only;     /* TEXT: title: field */
    bool positive;       /* a leaf not under an odd number of NOTs: its
                            matches are marked and counted */
    uint32_t leaf;       /* leaves: number, 0.. in text order */
    char *text;          /* leaves: the value, cleaned, NUL-terminated */
    size_t len;
    int64_t lo, hi;      /* DATE: yyyymmddhhmmss bounds */
    search_query *sq;    /* TEXT, SOURCE: the exact matcher */
    struct query_node *kid[2];
} query_node;

typedef struct query query;

/* Parse text. flags: SEARCH_IGNORE_CASE or SEARCH_MATCH_CASE (never
 * SEARCH_REGEX). Returns NULL with a one-line message in err ("missing
 * closing quote", "NOT needs a term after it", "after: wants a date like
 * 2016-08-01, not '2016-13'") when the query is bad. */
query *query_parse(const char *text, unsigned flags, char *err, size_t errlen);
void query_free(query *q);

/* The root of the tree (owned by q) and its leaves in text order. */
const query_node *query_root(const query *q);
size_t query_nleaves(const query *q);
const query_node *query_leaf(const query *q, size_t i);

/* The search flags q was parsed with (SEARCH_IGNORE_CASE...). */
unsigned query_flags(const query *q);

/* The tree as a string, for tests and messages: (AND a (NOT b)). */
void query_show(const query *q, char *buf, size_t n);

/* Run q over every article of s. Returns the matching articles best
 * first (malloc'd, caller frees; *n set): ranked by matches of the
 * positive words (headline matches count more), or with no word by
 * mentions of the entities asked for; ties in article order. count is
 * the matches of the positive words plus the mentions of positive
 * entities. */
search_hit *query_run_mem(const query *q, const struct store *s, size_t *n);

/* Does leaf `node` hold in article i of s? Adds its matches to *count
 * and those in the headline to *in_title when they are not NULL (TEXT
 * and ENTITY leaves count). Resolves entity names on each call:
 * use for a few articles, query_run_mem for the set. */
bool query_leaf_match(const query_node *node, const struct store *s,
                      size_t i, uint32_t *count, uint32_t *in_title);

/* Matches to mark in article i of s: those of the positive word, phrase
 * and source: leaves and the mentions of positive entity: leaves, merged
 * in text order (overlaps joined). *out grows as needed (caller frees).
 * Returns their number. */
size_t query_marks(const query *q, const struct store *s, size_t i,
                   search_match **out, size_t *cap);

/* True when q has a positive word or phrase (something to mark). */
bool query_has_words(const query *q);
/* True when q has an entity: field (the set's entity table must be
 * ready: store_index). */
bool query_has_entities(const query *q);

#endif
