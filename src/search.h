/* search.h: matches within an article and queries across the set.
 *
 * Literal patterns use smart case (all lowercase: full Unicode case
 * folding; any uppercase: case-sensitive) and are accent-insensitive
 * unless the pattern has accents. Regular expressions use PCRE2 in UTF
 * mode with the same smart case. Matches are byte ranges of the article's
 * text, inside its blocks, in order; they never span two blocks. */
#ifndef LEDE_SEARCH_H
#define LEDE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h"

struct store;

enum {
    SEARCH_REGEX = 1,       /* pattern is a PCRE2 regular expression */
    SEARCH_IGNORE_CASE = 2, /* fold case even with uppercase in it */
    SEARCH_MATCH_CASE = 4,  /* never fold case */
    SEARCH_WORD = 8,        /* whole words only */
};

typedef struct search_query search_query;

typedef struct search_match {
    uint32_t off, len;
} search_match;

/* Compile a pattern. Returns NULL with a one-line message in err (e.g. a
 * regex syntax error with its position in characters: "missing closing
 * parenthesis at 4"; an empty pattern is "empty pattern") when it cannot.
 * A query keeps scratch buffers: use it from one thread at a time. */
search_query *search_compile(const char *pattern, unsigned flags, char *err,
                             size_t errlen);
void search_free(search_query *q);

/* All matches of q in a's blocks (headline, metadata and boilerplate
 * included), in text order. *out is grown as needed (caller owns it,
 * reuse across calls, free()). Returns the number of matches. */
size_t search_article(const search_query *q, const article *a,
                      search_match **out, size_t *cap);

/* Matches of q in a plain cleaned string (one block). */
size_t search_text(const search_query *q, const char *s, size_t len,
                   search_match **out, size_t *cap);

typedef struct search_hit {
    uint32_t article;
    uint32_t count;     /* matches in the article */
    uint32_t in_title;  /* of which in the headline */
    double score;
} search_hit;

/* Articles of the set that match, best first (a headline match counts
 * more than a body match; ties in article order). Returns a malloc'd
 * array the caller frees. */
search_hit *search_corpus(const search_query *q, const struct store *s,
                          size_t *n);

/* The folding q applies to the text (TEXT_FOLD_CASE, TEXT_FOLD_ACCENTS
 * of text.h): what smart case and the flags chose. */
unsigned search_folding(const search_query *q);

/* Why the last search_article/search_text/search_corpus with q stopped
 * early (a regex hit its backtracking limit), or NULL when it did not. */
const char *search_error(const search_query *q);

/* True when s[off..off+mlen) is not part of a longer word: an end that is
 * a letter, digit or mark has no letter, digit or mark next to it
 * outside ("Kerry" in "Kerry's", not in "Kerryville"); ideographs and
 * kana count as words on their own ("東京" in "東京都"). */
bool search_is_word(const char *s, size_t len, size_t off, size_t mlen);

#endif
