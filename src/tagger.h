/* tagger.h: the learned sequence tagger.
 *
 * A linear model over BIO tags for four types (person, organisation,
 * place, other), decoded with Viterbi over first-order transitions. The
 * features of a word are hashed into a fixed table of int16 weights (one
 * row of TAGGER_NTAGS a bucket); the table comes from a weight file made
 * by tools/train.c (data/tagger.bin, built into the library).
 *
 * The tagger knows words, not sets: its caller (entity_tag.c) hands it a
 * sequence of tagger_tok with the facts it needs (shape, word-list bits,
 * the rules' own decision, gazetteer position, article-level evidence)
 * and gets a tag per word back. */
#ifndef LEDE_TAGGER_H
#define LEDE_TAGGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Tags: 0 = O, 1 + 2*type = B-type, 2 + 2*type = I-type, with type an
 * entity_type (person 0, organisation 1, place 2, other 3). */
enum { TAGGER_NTAGS = 9, TAGGER_NTYPES = 4 };
#define TAGGER_B(type) (1 + 2 * (type))
#define TAGGER_I(type) (2 + 2 * (type))
#define TAGGER_TYPE(tag) (((tag) - 1) / 2)
#define TAGGER_IS_I(tag) ((tag) && !((tag) & 1))

/* Facts about one word (TGF_*). */
enum {
    TGF_CAP = 1u << 0,     /* first letter uppercase */
    TGF_ALLCAPS = 1u << 1, /* two or more letters, all uppercase */
    TGF_LOWER = 1u << 2,   /* first letter lowercase */
    TGF_DIGIT = 1u << 3,   /* starts with a digit */
    TGF_INIT = 1u << 4,    /* initialism with dots: U.N. */
    TGF_POSS = 1u << 5,    /* possessive 's cut off */
    TGF_SENT = 1u << 6,    /* first word of a sentence */
    TGF_BREAK = 1u << 7,   /* punctuation before it */
    TGF_LINE = 1u << 8,    /* first word of a line */
    TGF_TC = 1u << 9,      /* on a title-case or all-caps line */
    TGF_HYPH = 1u << 10,   /* a hyphen between two capitals inside */
    TGF_TITLE = 1u << 11,  /* in the headline block */
    TGF_CAPMID = 1u << 12, /* the article has it capitalised mid-sentence */
    TGF_LOWELSE = 1u << 13, /* the article has it in lowercase */
    TGF_COMMON = 1u << 14,  /* a common word ("The", "He"): at a sentence
                               start its capital wakes no scoring */
    TGF_NAMED = 1u << 15,   /* the rules name this word elsewhere in the
                               article too (no feature: decoding only) */
    TGF_GIVEN = 1u << 16,   /* a common given name (no feature: decoding
                               only) */
    TGF_NUM = 1u << 17,     /* has a digit anywhere ("6PR", "MTV2",
                               "747"): the rules name no such word, so
                               their "no name" there says nothing */
    TGF_NFLAGS = 18
};

/* Gazetteer position of a word in the longest known name it starts or
 * continues: 0 none, else (pos << 2 | type) with pos 1 B, 2 I, 3 L, 4 U. */
#define TAGGER_GAZ(pos, type) ((uint8_t)((pos) << 2 | (type)))

typedef struct tagger_tok {
    const char *s;  /* the word's bytes (NFC UTF-8), not NUL-terminated */
    uint32_t len;
    uint32_t flags; /* TGF_* */
    uint32_t lex;   /* word-list bits of the folded word (caller's lists) */
    uint8_t rule;   /* the rules' decision: 0 O, else 1 + 5*inside + t,
                       t an entity type or 4 for "a name, type unknown" */
    uint8_t gaz;    /* TAGGER_GAZ or 0 */
    uint8_t cue;    /* how strongly the rules' cues back their type: 0 no
                       cue (a default or the gazetteer) .. 3 strong */
    uint8_t doc;    /* the type the rules' cues give the same word across
                       the article: 0 none, else 1 + type */
    uint8_t wgaz;   /* TAGGER_GAZ in the generated lists (cities, regions,
                       clubs: weak evidence) or 0 */
    uint8_t runs;   /* where the article has the same word in runs of
                       capitalised words (TAGGER_RUN_*): "Hitzig" after
                       "Eduard Hitzig" */
    uint8_t quote;  /* where the word stands in a short title-case
                       stretch in quotation marks, a title of a work
                       ("The Fantasy"): TAGGER_QUOTE_* or 0 */
} tagger_tok;

enum {
    TAGGER_QUOTE_FIRST = 1,
    TAGGER_QUOTE_INSIDE = 2,
    TAGGER_QUOTE_LAST = 3,
    TAGGER_QUOTE_ALONE = 4
};

enum {
    TAGGER_RUN_FIRST = 1, /* first word of a run of two or more */
    TAGGER_RUN_LAST = 2,  /* last word of a run of two or more */
    TAGGER_RUN_ALONE = 4  /* alone, mid-sentence */
};

/* Rule code of a word: see tagger_tok.rule. */
#define TAGGER_RULE(inside, type) ((uint8_t)(1 + 5 * (inside) + (type)))
/* Added to the rule code of a name the rules keep only tentatively (a
 * lone word starting a sentence: the set's lowercase uses decide). */
#define TAGGER_TENTATIVE 10

typedef struct tagger tagger;

/* A model from the bytes of a weight file (copied; buf may go). NULL
 * with a message in err when the file is short, corrupt or of another
 * version. */
tagger *tagger_load(const void *buf, size_t len, char *err, size_t errlen);
void tagger_free(tagger *m);

/* The model built into the library (data/tagger.bin), loaded once on
 * first use and never freed; NULL when it is missing or damaged. */
const tagger *tagger_builtin(void);

/* The margin (in the trainer's weight units) by which the tagger must
 * beat the rules' labelling of a stretch to override it (three fifths
 * of it to drop a name the rules found); 0: the tagger always decides.
 * Models start with TAGGER_DEFER_DEFAULT: the mean of several models
 * (train --bag) has smaller margins where they disagree, so it needs a
 * smaller one than a single model's 50 (see tools/train.c). */
#define TAGGER_DEFER_DEFAULT 40.0f
void tagger_set_defer(tagger *m, float margin);

/* Whether the model was trained with the rules' decisions as features
 * (otherwise tagger_tok.rule is ignored). */
bool tagger_uses_rules(const tagger *m);

/* A cache of per-word-type partial scores and the decoder's scratch:
 * one per thread (entity tables own one). */
typedef struct tagger_scratch tagger_scratch;
tagger_scratch *tagger_scratch_new(void);
void tagger_scratch_free(tagger_scratch *s);

/* Tag the n words of tok into tags[n]. Linear in n: a word with no
 * capitalised word beside it is O without scoring. With a model trained
 * with the rules, a stretch of words where the tagger's best labelling
 * does not beat the rules' own by the defer margin comes back as
 * TAGGER_RULES on every word: the caller keeps the rules' decision. */
#define TAGGER_RULES 255
void tagger_tag(const tagger *m, tagger_scratch *s, const tagger_tok *tok,
                size_t n, uint8_t *tags);

/* After tagger_tag with s: the type the model scores highest for words
 * [a, b) as one name (B then I emissions), and by how much (in weight
 * units, over the runner-up) in *margin. a < b, b <= n of that call,
 * all of them scored. */
/* Whether the word s (n bytes) is an everyday English word in
 * lowercase (data/lexicon.txt): "Applause", "FREE". */
bool tagger_everyday(const char *s, size_t n);
/* The word class of the word s (n bytes, ASCII case folded) at level 0,
 * 1 or 2 (of 64, 256 and 1,024 classes: data/clusters.tsv), as the
 * tagger's features see it; -1 for a word not in the list. */
int tagger_word_class(const char *s, size_t n, int level);
/* The tag word i had on the tagger's own path, before tagger_tag
 * deferred to the rules there (0: O). */
uint8_t tagger_own_tag(const tagger_scratch *s, size_t i);
int tagger_span_type(const tagger *m, const tagger_scratch *s, size_t a,
                     size_t b, float *margin);

/* --- for the trainer (tools/train.c): the same features, unhashed --- */

/* Whether word i is scored at all (a capitalised word within one word,
 * or a rule or gazetteer mark on it); the rest are O. */
bool tagger_active(const tagger_tok *tok, size_t n, size_t i);
/* Whether a segment for Viterbi starts at word i (after an inactive word
 * or at a sentence start). */
bool tagger_seg_start(const tagger_tok *tok, size_t n, size_t i);

enum { TAGGER_MAXFEATS = 112 };
/* Feature hashes of word i (at most TAGGER_MAXFEATS): its own, its
 * neighbours' and its context's. rules: include the rule features. */
size_t tagger_features(const tagger_tok *tok, size_t n, size_t i,
                       bool rules, uint32_t *out);

/* The hash of the feature "the rules said rule" (tagger_tok.rule): the
 * trainer starts its weights where the rules' own decision wins. */
uint32_t tagger_rule_feature(uint8_t rule);

/* The weight file: header, transitions, table, checksum. The trainer
 * writes it with this layout; see tagger.c. */
typedef struct tagger_params {
    uint32_t nbits;   /* table of 1 << nbits buckets */
    bool rules;       /* trained with rule features */
    const float *trans; /* (TAGGER_NTAGS + 1) * TAGGER_NTAGS: row
                           TAGGER_NTAGS is the start */
    const float *w;     /* (1 << nbits) * TAGGER_NTAGS */
} tagger_params;

/* Quantise p into a weight file: a malloc'd buffer of *len bytes. */
unsigned char *tagger_serialise(const tagger_params *p, size_t *len);

#endif
