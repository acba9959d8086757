/* data.h: files from data/ built into the library (see tools/embed.c). */
#ifndef LEDE_DATA_H
#define LEDE_DATA_H

#include <stddef.h>

extern const char lede_data_boilerplate[]; /* data/boilerplate.txt */
extern const size_t lede_data_boilerplate_len;
extern const char lede_data_entities[];    /* data/entities.tsv */
extern const size_t lede_data_entities_len;
extern const char lede_data_names[];       /* data/names.txt */
extern const size_t lede_data_names_len;
extern const char lede_data_common[];      /* data/common.txt */
extern const size_t lede_data_common_len;
extern const char lede_data_tagger[];      /* data/tagger.bin */
extern const size_t lede_data_tagger_len;

#endif
