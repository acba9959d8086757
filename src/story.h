/* story.h: following a story across a set.
 *
 * Pure computations over articles and the entity table, kept as plain
 * arrays so that an index can store them and load them back:
 *
 * - Fingerprints (story_print): per article, a hash of the cleaned body
 *   after boilerplate (equal for duplicates) and, per body paragraph,
 *   hashed word shingles of its normalised text (each word hashed with
 *   lede_hash64, three word hashes mixed into a shingle, of which 32 bits
 *   are kept). Normalising folds case
 *   and accents (text_fold), keeps letters and digits as words (each CJK
 *   ideograph a word of its own) and drops everything else, so spacing
 *   and punctuation never matter.
 * - Read-in lookup (story_seen): a hash map from shingle to the
 *   (article, paragraph) of the read articles where it appeared. A
 *   paragraph counts as already read when at least STORY_READ_PCT percent
 *   of its shingles occur in articles read before it (containment): with
 *   STORY_SHINGLE-word shingles, one changed word in a paragraph of 20
 *   words loses 3 of 18 shingles (83% contained), and a paragraph with a
 *   sentence dropped is still wholly contained in its longer original.
 * - Duplicate groups, entity co-occurrence, set-wide entity summaries and
 *   timeline buckets.
 *
 * Everything is linear in its input (hash maps, counting arrays). Nothing
 * here prints. */
#ifndef LEDE_STORY_H
#define LEDE_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "entity.h"
#include "text.h"

enum {
    STORY_SHINGLE = 3,    /* words per shingle */
    STORY_MIN_WORDS = 4,  /* shorter paragraphs never count as read */
    STORY_READ_PCT = 50,  /* containment that makes a paragraph read */
};

/* One body paragraph: its block and its shingles' range in sh[]. */
typedef struct story_para {
    uint32_t block;       /* index in article.blocks */
    uint32_t first, n;    /* shingles sh[first .. first+n) */
    uint32_t words;       /* normalised words in it */
} story_para;

/* The fingerprints of one article (owned; story_print_fini). */
typedef struct story_print {
    uint64_t body;        /* hash of the normalised body words; 0 when the
                             article has no body text */
    story_para *para;
    uint32_t npara;
    uint32_t *sh;         /* 32 bits of each shingle's hash, never 0 */
    uint32_t nsh;
    uint32_t words;       /* sum of para[].words */
} story_print;

/* Fingerprint article a into *p (zero it first, or reuse one). */
void story_print_article(story_print *p, const article *a);
void story_print_fini(story_print *p);

/* The same print built paragraph by paragraph, for a caller that cuts
 * the words itself (the index's tokenizer does): for each body block in
 * order, its words in order, each either as a hash (story_word_hash of
 * a word in ASCII lowercased: the print's words are runs of letters and
 * digits) or as a stretch of text whose words are appended
 * (story_build_words: a stretch starts and ends at a word boundary),
 * then story_build_para; or story_build_text with the block's text.
 * story_build_end gives what story_print_article gives. The builder's
 * fields are its own. */
typedef struct story_build {
    story_print *p;
    uint64_t *w, body;
    size_t nw, wcap, pcap, shcap;
    text_fold_buf f;
} story_build;
void story_build_begin(story_build *b, story_print *p);
uint64_t story_word_hash(const char *folded, size_t n);
void story_build_word(story_build *b, uint64_t h);
void story_build_words(story_build *b, const char *s, size_t len);
void story_build_para(story_build *b, uint32_t block);
void story_build_text(story_build *b, uint32_t block, const char *s,
                      size_t len);
void story_build_end(story_build *b);

/* The fingerprints packed into one compact buffer, as the index keeps
 * them (little-endian, the same on every machine): the body hash, the
 * paragraph count, then per paragraph its block and word count (its
 * shingle count follows from the words), then the shingles. Malloc'd;
 * *len bytes. */
void *story_print_pack(const story_print *p, size_t *len);
/* Unpack buf[0..len) into *p (zero it first, or reuse one). Returns 0,
 * or -1 (p left empty) when buf is not a well-formed packed print. */
int story_print_unpack(story_print *p, const void *buf, size_t len);

/* Duplicate groups by body hash: rep[i] is the first article (lowest
 * index) with the same body, i itself when unique or bodiless; next[i]
 * is the next member of i's group in index order, wrapping (i itself
 * when alone). Either output may be NULL. */
void story_dup_groups(const uint64_t *body, size_t n, uint32_t *rep,
                      uint32_t *next);

/* The same groups made incrementally, for a set that grows: each call
 * adds articles [from, to) (from = the previous call's to; body[k] is
 * the hash of article from + k), joining
 * them to the groups of the articles added before; only the new entries
 * of rep and next and the old groups' last links change. The result
 * equals story_dup_groups over [0, to). Linear in to - from. */
typedef struct story_dups story_dups;
story_dups *story_dups_new(void);
void story_dups_free(story_dups *d);
void story_dups_add(story_dups *d, const uint64_t *body, size_t from,
                    size_t to, uint32_t *rep, uint32_t *next);

/* ---- read-in lookup ---------------------------------------------------- */

typedef struct story_seen story_seen;

story_seen *story_seen_new(void);
void story_seen_free(story_seen *m);

/* Record article art (with fingerprints p) as read. The order of calls
 * is the reading order; adding an article twice is a no-op. */
void story_seen_add(story_seen *m, uint32_t art, const story_print *p);
/* True when art was added. */
bool story_seen_has(const story_seen *m, uint32_t art);
/* Count of story_seen_add calls that added something (a generation
 * number: cached shares are stale when it changed). */
uint32_t story_seen_count(const story_seen *m);

/* Where a paragraph was read before: src_art -1 when it is new. */
typedef struct story_hit {
    int32_t src_art;
    uint32_t src_para;    /* paragraph index in the source's print */
    uint8_t pct;          /* containment, 0-100 */
} story_hit;

/* For each paragraph of article art (fingerprints p), where it was read
 * earlier: in any other article added before art (all added ones when
 * art itself is unread). hits has room for p->npara. Returns the share of
 * new words, 0-100 (100 for an article without body words). Linear in
 * p->nsh. */
int story_seen_match(const story_seen *m, uint32_t art, const story_print *p,
                     story_hit *hits);

/* ---- who appears with whom --------------------------------------------- */

/* Entities named in the same articles as entity id, with the number of
 * such articles, most first (ties by id). Only articles with in[a] true
 * count when in is not NULL. Returns a malloc'd array (*n entries) the
 * caller frees; NULL when none. */
entity_tally *story_cooc(const entity_table *t, uint32_t id, const bool *in,
                         size_t *n);

/* Articles naming both a and b, in article order, with the sum of both
 * mention counts. Malloc'd; NULL when none. */
entity_tally *story_both(const entity_table *t, uint32_t a, uint32_t b,
                         size_t *n);

/* One entity of a (sub)set. */
typedef struct story_name {
    uint32_t id;
    uint32_t mentions;    /* in the articles counted */
    uint32_t articles;
    int64_t first;        /* earliest date_key of those articles, -1 */
    uint32_t first_art;   /* article of the first appearance (earliest
                             date, else lowest index) */
} story_name;

typedef enum story_sort {
    STORY_SORT_COUNT,     /* mentions, most first */
    STORY_SORT_NAME,      /* canonical name, byte order */
    STORY_SORT_FIRST,     /* first appearance, earliest first; undated last */
} story_sort;

/* Every entity named in arts[0..narts) (all n_all articles of the set
 * when arts is NULL); date_key[a] gives each article's date (-1 none).
 * Malloc'd, sorted by `by`; *n entries. */
story_name *story_names(const entity_table *t, const uint32_t *arts,
                        size_t narts, size_t n_all, const int64_t *date_key,
                        story_sort by, size_t *n);
/* Re-sort a names array. */
void story_names_sort(story_name *v, size_t n, const entity_table *t,
                      story_sort by);

/* ---- timeline ------------------------------------------------------------ */

typedef enum story_unit { STORY_DAY, STORY_WEEK, STORY_MONTH } story_unit;

/* Counts per bucket from the first dated bucket to the last, with the
 * empty ones in between. */
typedef struct story_timeline {
    story_unit unit;
    int32_t start;        /* first bucket: days since 1970-01-01 of its
                             first day (weeks start on Monday) */
    uint32_t *count;      /* nbuckets counts (owned) */
    size_t nbuckets;
    uint64_t total;       /* sum of counts */
    uint64_t undated;     /* weight of articles without a date */
    uint32_t max;         /* largest bucket */
} story_timeline;

/* Buckets the dates of keys[0..n) (date_key values, -1 undated), each
 * weighted by weight[i] (1 each when NULL). The unit follows the span:
 * days up to 62 days, weeks up to two years, months beyond. */
void story_timeline_build(story_timeline *tl, const int64_t *keys,
                          const uint32_t *weight, size_t n);
void story_timeline_fini(story_timeline *tl);
/* Bucket index of a date_key, or -1 (undated or outside). */
long story_timeline_bucket(const story_timeline *tl, int64_t key);
/* Label of bucket b: "2016-08-26" (day, week: its Monday) or "2016-08". */
void story_timeline_label(const story_timeline *tl, size_t b, char *out,
                          size_t outlen);
/* "day", "week" or "month". */
const char *story_unit_name(story_unit u);

/* Days since 1970-01-01 of a date_key's date (proleptic Gregorian). */
int32_t story_days(int64_t date_key);

#endif
