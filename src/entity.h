/* entity.h: names of people, organisations and places.
 *
 * The table is shared by a set: articles are scanned one by one, then
 * entity_finish() merges variants across the set ("Kerry", "Mr Kerry",
 * "John Kerry" -> John Kerry) and fixes entity ids. Typing uses cues in
 * the text and a gazetteer (data/entities.tsv and the generated
 * data/gaz_*.tsv built in; users may add their own). What entity_finish
 * decides depends on the articles scanned, not the order they were
 * scanned in. The table owns all mentions; pointers it returns stay valid
 * until the next entity_scan/entity_finish or entity_table_free. */
#ifndef LEDE_ENTITY_H
#define LEDE_ENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"

typedef enum entity_type {
    ENT_PERSON,
    ENT_ORG,
    ENT_PLACE,
    ENT_OTHER,
    ENT_NTYPES
} entity_type;

/* "person", "organisation", "place", "other". */
const char *entity_type_name(entity_type t);

/* A mention: byte range in the article's text (possessive "'s" not
 * included) and the entity it names. */
typedef struct entity_mention {
    uint32_t off, len;
    uint32_t entity;
} entity_mention;

/* An (id, count) pair: an entity and its mentions in one article, or an
 * article and the mentions of one entity in it. */
typedef struct entity_tally {
    uint32_t id;
    uint32_t count;
} entity_tally;

typedef struct entity_table entity_table;

/* New table with the bundled gazetteer loaded. */
entity_table *entity_table_new(void);
void entity_table_free(entity_table *t);
/* Forget every article scanned (mentions, variants, merged entities),
 * keeping the word lists and the gazetteers loaded: the table is then as
 * new, without the cost of building it (long-lived processes, fuzzing). */
void entity_table_reset(entity_table *t);

/* Add gazetteer lines "name<TAB>type<TAB>alias|alias..." (type: person,
 * organisation/org, place/location, other; '#' comments). Returns the
 * number of entries added, or -1 with a message in err naming the line.
 * Also accepted: "country" (a place that stays one where a sports score
 * follows it, where a city becomes its team) and per/loc/misc. Lines
 * before a bad one are kept. Best called before scanning: names are
 * found with the entries present then; entity_finish types and merges
 * with all of them. */
long entity_gazetteer_add(entity_table *t, const char *tsv, size_t len,
                          char *err, size_t errlen);

/* Find the mentions in article `a`, which is article number `idx` of the
 * set (each index scanned once). Scans every block but boilerplate.
 * Until the next entity_finish the new mentions' entity is UINT32_MAX. */
void entity_scan(entity_table *t, uint32_t idx, const article *a);

/* Merge variants across everything scanned and assign final ids. */
void entity_finish(entity_table *t);

/* The finder's own version: a raw scan kept in an index was made by the
 * code of this version. Bump it whenever the same article, gazetteer
 * and weights would give other names (a rule, a decoding step, the
 * article-wide decisions): an index made before is scanned again (its
 * articles stay), never served stale. 2: entity_doc.c. 3: names with
 * digits ("6PR", "Apollo 11"). 4: a name no cue typed that the tagger
 * leaves out is dropped, capitals that are no name (entity_tag.c). 5: a
 * person "of" a name is two names. 6: digit words by the scanner's
 * classes. 7: the types of WordNet and ISO 639-3 (gaz_wordnet.tsv).
 * 8: org words alone, "for the"/"of the" names, prefixes and
 * letters cut before a hyphen, a surname before a name, names run on
 * over a possessive (entity_doc.c). */
#define ENTITY_FINDER_VERSION 24

/* Scanning in two steps, so that articles can be scanned on several
 * threads and the results merged in order (and kept in the index).
 * entity_scan_raw finds the names in `a` using t (a private table: one
 * per thread, with the same gazetteers as the set's) as scratch, and
 * writes them to *out (malloc'd, replacing what it held; *outlen its
 * size): a self-contained byte string. entity_add_raw adds such a string
 * to the set's table as article idx, exactly as entity_scan would have;
 * text_len is the article's text length (mentions beyond it make the
 * string invalid). Returns 0, or -1 when the string is malformed (then
 * the article is recorded with no mentions). */
void entity_scan_raw(entity_table *t, const article *a, void **out,
                     size_t *outlen);
int entity_add_raw(entity_table *t, uint32_t idx, const void *raw,
                   size_t len, size_t text_len);

size_t entity_count(const entity_table *t);
/* Canonical name (NUL-terminated), type and total mentions in the set. */
const char *entity_name(const entity_table *t, uint32_t id);
entity_type entity_type_of(const entity_table *t, uint32_t id);
uint32_t entity_total(const entity_table *t, uint32_t id);

/* Mentions in article idx, in text order (entity UINT32_MAX before
 * entity_finish). The table keeps them compact and decodes them into a
 * buffer of its own: the array is valid until the next entity_mentions
 * call on the same table (one thread at a time), or a change to it. */
const entity_mention *entity_mentions(const entity_table *t, uint32_t idx,
                                      size_t *n);

/* Entities named in article idx with their counts, most mentioned first
 * (then by name). Returns a malloc'd array the caller frees. */
entity_tally *entity_article_counts(const entity_table *t, uint32_t idx,
                                    size_t *n);

/* Articles naming entity id with mention counts, in article order. */
const entity_tally *entity_articles(const entity_table *t, uint32_t id,
                                    size_t *n);

/* Entity whose canonical name or a variant equals name (case- and
 * accent-insensitive), or -1. Gazetteer aliases of an entity count as
 * variants ("UN" finds United Nations). -1 before entity_finish. */
long entity_lookup(const entity_table *t, const char *name, size_t len);

/* The learned tagger the table scans with (tagger.h): new tables use the
 * built-in model; NULL leaves the rules alone. Set before scanning. */
struct tagger;
void entity_table_set_tagger(entity_table *t, const struct tagger *m);

#endif
