/* highlight.h: spans of text to mark, by class.
 *
 * Layers (entity mentions, user keywords, search matches) are merged into
 * one sorted list of non-overlapping spans; where layers overlap, search
 * matches win over keywords, keywords over entities. Colours are the
 * front end's business. */
#ifndef LEDE_HIGHLIGHT_H
#define LEDE_HIGHLIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "entity.h"
#include "search.h"

typedef enum hl_class {
    HL_NONE,
    HL_PERSON,
    HL_ORG,
    HL_PLACE,
    HL_OTHER,
    HL_SELECTED,      /* mentions of the entity chosen in the sidebar */
    HL_KEYWORD,       /* --highlight names */
    HL_MATCH,         /* search matches */
    HL_MATCH_CURRENT, /* the current search match */
    HL_NCLASSES
} hl_class;

typedef struct hl_span {
    uint32_t off, len;
    uint8_t cls;
} hl_span;

/* Keywords: case- and accent-insensitive, whole-word, matched in one pass
 * over the folded text however many there are (Aho-Corasick). */
typedef struct hl_keywords hl_keywords;

hl_keywords *hl_keywords_new(void);
void hl_keywords_free(hl_keywords *k);
/* Add one keyword (UTF-8, need not be cleaned); blank ones are ignored. */
void hl_keywords_add(hl_keywords *k, const char *word, size_t len);
/* Add one keyword per line of a file's contents. */
void hl_keywords_add_lines(hl_keywords *k, const char *lines, size_t len);
size_t hl_keywords_count(const hl_keywords *k);

/* Matches of the keywords in s[0..len), in order, non-overlapping
 * (leftmost-longest). *out grown as needed; returns the count. */
size_t hl_keywords_find(const hl_keywords *k, const char *s, size_t len,
                        search_match **out, size_t *cap);

/* What to highlight in one article. Any pointer may be NULL. */
typedef struct hl_layers {
    const entity_table *entities; /* with the article index below */
    uint32_t article;
    long selected_entity;         /* entity id shown as HL_SELECTED, -1 */
    const hl_keywords *keywords;
    const search_match *matches;  /* search matches in text order */
    size_t nmatches;
    long current_match;           /* index into matches or -1 */
    uint32_t from, to;            /* only what touches [from, to) is
                                     needed (the visible text); to == 0:
                                     the whole article */
} hl_layers;

/* Spans for article a, sorted by offset, non-overlapping. *out grown as
 * needed (caller owns it); returns the count. With a range, the cost
 * follows the range, not the article: spans inside it are those of the
 * whole article (entity mentions and keywords are taken to be shorter
 * than 4 KB, as names are); outside it some may be missing. */
size_t hl_spans(const article *a, const hl_layers *layers, hl_span **out,
                size_t *cap);

/* Class for an entity type. */
hl_class hl_class_for(entity_type t);

#endif
