/* newsgen.h: news-shaped training documents for the tagger, made from
 * name lists by fixed templates (datelines, sports results and
 * standings, results lines of people, match reports, market reports,
 * company news, diplomacy, arts pages with titles of works in quotes)
 * with a fixed seed. */
#ifndef LEDE_NEWSGEN_H
#define LEDE_NEWSGEN_H

#include <stdbool.h>
#include <stddef.h>

/* A new document; then its tokens: type -1 (O) or an entity type,
 * begin: the token starts a name. A NULL token ends a sentence. */
typedef void *(*newsgen_doc)(void *ctx);
typedef void (*newsgen_emit)(void *doc, const char *tok, size_t n, int type,
                             bool begin);

/* ndocs documents from the lists in datadir (GeoNames cities, openfootball
 * clubs) and lede's own data/ lists (names.txt, entities.tsv). */
void newsgen(const char *datadir, const char *lededata, int ndocs,
             newsgen_doc newdoc, newsgen_emit emit, void *ctx);

#endif
