/* entity_priv.h: the inside of the entity table, shared by entity.c (the
 * table, gazetteer, queries), entity_merge.c (entity_finish),
 * entity_tok.c (words of an article), entity_scan.c (finding names in
 * one article) and entity_words.c (the word lists that drive them). */
#ifndef LEDE_ENTITY_PRIV_H
#define LEDE_ENTITY_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "entity.h"
#include "tagger.h"
#include "text.h"
#include "util.h"

typedef struct ent_capture ent_capture;

/* Word-list flags (entity_words.c), looked up by folded word. */
enum {
    W_STOP = 1u << 0,      /* common word: never a name by itself */
    W_TITLE = 1u << 1,     /* Mr, President, envoy: a person follows */
    W_ORGKW = 1u << 2,     /* Ministry, Party, Inc: last word of an org */
    W_ORGOF = 1u << 3,     /* Bank, University: "X of Y" is an org */
    W_PLACEKW = 1u << 4,   /* River, Province: last word of a place */
    W_PARTICLE = 1u << 5,  /* de, van, bin: lowercase inside a name */
    W_MONTH = 1u << 6,     /* month and day names: never entities */
    W_SAYS = 1u << 7,      /* said, told: a person usually precedes */
    W_PREP_IN = 1u << 8,   /* in, near: a place often follows */
    W_PREP_AT = 1u << 9,   /* at, from, to: weaker place cue */
    W_PLACEOF = 1u << 10,  /* suburb, town, city (of): a place follows */
    W_FIRST = 1u << 11,    /* a common given name */
    W_ABBR = 1u << 12,     /* abbreviation whose '.' ends no sentence */
    W_OF = 1u << 13,       /* "of": joins "Bank of England" */
    W_ARTICLE = 1u << 14,  /* "the": an org or place often follows */
    W_FOR = 1u << 15,      /* "for": joins "Department for Transport" */
    W_PLACEPRE = 1u << 16, /* first word of a place: "Mount", "Lake" */
    W_GENERIC = 1u << 17,  /* Government, Army: after a demonym, not a name */
    W_MINOR = 1u << 18,    /* to, of, in: lowercase in title case */
    W_MAY = 1u << 19,      /* "May": a month or a name */
    W_EVENT = 1u << 20,    /* Cup, Open, War: last word of an event */
    W_GAZ1 = 1u << 21,     /* first word of some gazetteer name */
    W_COMMON = 1u << 22,   /* content word: no name alone */
    W_LEX = 1u << 23,      /* an everyday word (data/common.txt) */
    W_PERNEXT = 1u << 24,  /* after a person: "X's wife", "X's lawyer" */
    W_ORGNEXT = 1u << 25,  /* after an organisation: "X shares" */
    W_PLACENEXT = 1u << 26, /* after a place: "X's capital", "X's economy" */
    W_EVENTPRE = 1u << 27, /* first word of an event: "Hurricane" */
    W_SURNAME = 1u << 28,  /* last word of a gazetteer person: "Lavrov" */
    W_NONAME = 1u << 29,   /* never a name alone: I'm, TV, MPs, Autumn */
    W_WORKNEXT = 1u << 30, /* "film", "album": a title of a work is near */
    W_ORGPREV = 1u << 31,  /* "firm X", "shares in X": a company follows */
};

/* Open-addressing hash from a string key (stored in an arena) to a
 * 32-bit value. Keys are folded forms (see ent_key). */
typedef struct ent_slot {
    uint32_t val;        /* value + 1, 0 = empty */
    uint32_t hash;
    uint32_t koff, klen; /* key location in the owner's arena */
} ent_slot;

/* One slot is 16 bytes: a probe touches one cache line. */
typedef struct ent_map {
    ent_slot *slot;
    size_t cap, n;
} ent_map;

typedef struct ent_arena {
    char *s;
    size_t len, cap;
} ent_arena;

typedef struct gaz_entry {
    uint32_t name, name_len; /* canonical name in t->strs */
    uint8_t type;
    bool country;   /* a country: stays a place as a sports team */
} gaz_entry;

/* One distinct folded surface form seen in the text. */
typedef struct ent_variant {
    uint32_t key, key_len;     /* folded key in t->strs */
    uint32_t surf, surf_len;   /* best surface form in t->strs */
    uint32_t count;
    int32_t gaz;               /* gazetteer entry or -1 */
    int32_t wgaz;              /* entry of the generated lists or -1 */
    uint16_t votes[ENT_NTYPES];
    uint16_t team;             /* mentions followed by a score */
    uint32_t tentative;        /* mentions kept for want of evidence */
    uint8_t ntok;
    uint8_t surf_rank;         /* how trustworthy the surface's case is */
    uint8_t flags;             /* V_* */
} ent_variant;

enum { V_HASOF = 4 };  /* "Bank of England": an organisation by shape */

/* An article's mentions are kept as two byte streams (entity_mentions
 * decodes them): per mention, its scan (varints: the offset's change
 * from the previous mention's, zigzag; len << 1 | team; the variant) in
 * t->mscan, and after entity_finish its entity id (a varint) in
 * t->ments_ent. About 5 bytes a mention, not 17. */
typedef struct ent_article {
    const uint8_t *scan; /* in t->mscan, or NULL when n == 0 */
    const uint8_t *ent;  /* in t->ments_ent, or NULL: not finished */
    uint32_t n;          /* mentions */
    bool scanned;
    bool sports;        /* sports words throughout: teams named as towns */
} ent_article;

/* One mention as the merge sees it. */
typedef struct ent_ment {
    uint32_t off, len;
    uint32_t var;        /* variant */
    uint8_t team;        /* a score follows */
    uint8_t surname;     /* ent_cand.surname */
} ent_ment;

static inline uint8_t *ent_put_varint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

/* Streams are made by this process, never read from a file: no bounds. */
static inline const uint8_t *ent_get_varint(const uint8_t *p, uint64_t *v)
{
    uint64_t r = 0;
    for (int s = 0;; s += 7) {
        uint8_t b = *p++;
        r |= (uint64_t)(b & 0x7f) << s;
        if (!(b & 0x80))
            break;
    }
    *v = r;
    return p;
}

/* The next mention of a scan stream; *prev is the previous one's offset
 * (0 before the first). */
static inline const uint8_t *ent_ment_next(const uint8_t *p, uint32_t *prev,
                                           ent_ment *m)
{
    uint64_t d, lt, v;
    p = ent_get_varint(p, &d);
    p = ent_get_varint(p, &lt);
    p = ent_get_varint(p, &v);
    int64_t delta = (int64_t)(d >> 1) ^ -(int64_t)(d & 1);
    m->off = (uint32_t)((int64_t)*prev + delta);
    m->len = (uint32_t)(lt >> 2);
    m->team = (uint8_t)(lt & 1);
    m->surname = (uint8_t)(lt >> 1 & 1);
    m->var = (uint32_t)v;
    *prev = m->off;
    return p;
}

/* Append mention m to a scan stream at p (room for 25 bytes). */
static inline uint8_t *ent_ment_put(uint8_t *p, uint32_t *prev,
                                    const ent_ment *m)
{
    int64_t delta = (int64_t)m->off - (int64_t)*prev;
    p = ent_put_varint(p, ((uint64_t)delta << 1) ^ (uint64_t)(delta >> 63));
    p = ent_put_varint(p, (uint64_t)m->len << 2 |
                              (uint64_t)(m->surname != 0) << 1 |
                              (m->team != 0));
    p = ent_put_varint(p, m->var);
    *prev = m->off;
    return p;
}

enum { ENT_MENT_MAX = 25 }; /* bytes of one encoded mention, at most */

/* A word of the article being scanned. */
typedef struct ent_word {
    uint32_t off, len;  /* in the article text; possessive 's cut off */
    uint32_t wf;        /* W_* of the folded word */
    uint32_t hash;      /* hash of the folded word */
    uint32_t f;         /* S_* shape flags */
} ent_word;

enum {
    S_CAP = 1,        /* first letter uppercase */
    S_ALLCAPS = 2,    /* two or more letters, all uppercase */
    S_LOWER = 4,      /* first letter lowercase */
    S_DIGIT = 8,      /* starts with a digit */
    S_INIT = 16,      /* initialism with dots: U.N. */
    S_POSS = 32,      /* possessive 's removed; ends a name */
    S_SENT = 64,      /* first word of a sentence */
    S_BREAK = 128,    /* punctuation before it: a name cannot span it */
    S_LINE = 256,     /* first word of a line */
    S_TC = 512,       /* on a title-case or all-caps line */
    S_HYPH = 1024,    /* contains a hyphen between two capitals */
    S_PRECUT = 2048,  /* "pro-Brexit" cut to "Brexit": ends a name */
    S_ALPRE = 4096,   /* al-Qaida: lowercase Arabic article prefix */
    S_TITLE = 8192,   /* first word of the headline block */
    S_AMP = 16384,    /* after " & ": Standard & Poor's */
    S_CUT = 32768,    /* "Ohio-based" cut to "Ohio": ends a name */
    S_HASDIGIT = 65536, /* "M2", "C-4": no name */
    S_LCAMEL = 131072,  /* "iPhone": lowercase first, a capital inside */
    S_PREFIXED = 262144, /* "Pro-EU", "Anti-Doping": a prefix and hyphen */
};

/* A slot of a per-article hash set (ent_set_add). */
typedef struct ent_hslot {
    uint32_t gen, h;
} ent_hslot;

/* A name found in the article being scanned. */
typedef struct ent_cand {
    uint32_t off, len;
    uint32_t w0, w1;     /* word range (sub-word for splits: w1 = w0+1) */
    int16_t votes[ENT_NTYPES];
    uint8_t rank;        /* surface rank: 0 title-case line .. 2 normal */
    uint8_t uncertain;   /* sentence-initial single word: decide later */
    uint8_t team;        /* a score follows: "Watford 2": a sports team */
    uint8_t tentative;   /* kept for want of evidence either way */
    uint8_t surname;     /* a listed name that is the surname of a person
                            the article names in full ("Jordan said" after
                            "Michael Jordan"): the person's mention */
    uint8_t glue;        /* words of a known place the rules joined with
                            the unknown words after it ("United States"
                            in "United States Hamdullah Mohib"), or 0 */
} ent_cand;

struct entity_table {
    ent_arena strs;
    /* word lists */
    ent_map words;
    uint32_t *wflags;
    size_t nwflags, wfcap;
    uint32_t words_ver;  /* bumped whenever a word's flags change */
    struct ent_wmemo *wmemo; /* ent_word_flags' memo (entity_words.c) */
    uint32_t wmemo_ver;  /* the words_ver the memo holds */
    uint32_t gaz_ver;    /* bumped whenever gazmap changes */
    struct ent_rmemo *gmemo; /* ent_gaz_find's memo (entity.c) */
    uint32_t gmemo_ver;  /* the gaz_ver the memo holds */
    uint32_t var_ver;    /* bumped whenever the variants are dropped */
    struct ent_rmemo *vmemo; /* intern's memo (entity.c) */
    uint32_t vmemo_ver;  /* the var_ver the memo holds */
    struct ent_kmemo *kmemo; /* note_known's memo (entity_scan.c) */
    /* gazetteer */
    gaz_entry *gaz;
    size_t ngaz, gazcap;
    ent_map gazmap;      /* folded name or alias -> gazetteer entry */
    /* The generated lists (data/gaz_places.tsv, gaz_clubs.tsv,
     * gaz_wordnet.tsv): many names, some of them also surnames or
     * words, so they only vote a type and merge aliases; they cut no
     * runs and name nothing. Built once a process into a table of their
     * own (its gaz and weakmap), shared read-only by every table:
     * vars[].wgaz index weak->gaz. */
    const struct entity_table *weak;
    ent_map weakmap;
    uint64_t *weak_first; /* bits by the hash of a name's first folded
                             word (ENT_WEAKBITS): a quick "no" */
    bool loading_weak;
    size_t weak_wn0; /* the weak table's first entry of gaz_wordnet.tsv:
                        they vote a type, they mark no words */
    uint32_t sport_h[256]; /* hashes of the words of sports reports */
    bool arts_sports;      /* the article just scanned is a sports report */
    /* variants and mentions */
    ent_variant *vars;
    size_t nvars, varcap;
    ent_map varmap;      /* folded key -> variant */
    lede_arena mscan;    /* the articles' scan streams */
    lede_arena ments_ent; /* their entity streams (entity_finish) */
    size_t nments;       /* mentions in all */
    uint8_t *pend;       /* the article being added: its scan stream */
    size_t npend, pendcap;
    uint32_t pend_n, pend_prev;
    entity_mention *mout; /* entity_mentions' answer */
    size_t moutcap;
    ent_article *arts;
    size_t narts, artcap;
    /* "Full Name (ACR)", "ACR, the Full Name": four words a pair, the
     * folded acronym's and the full name's offset and length in strs */
    uint32_t *acro;
    size_t nacro, acrocap;
    /* after entity_finish */
    bool finished;
    uint32_t *var_ent;   /* variant -> entity id or UINT32_MAX */
    size_t nents;
    uint32_t *ent_name, *ent_name_len; /* canonical name in t->strs */
    uint8_t *ent_type;
    uint32_t *ent_total;
    uint32_t *ea_start;  /* entity -> range in ea */
    entity_tally *ea;
    ent_map lookmap;     /* folded variant or canonical name -> entity */
    /* scan scratch, reused from article to article */
    const char *text;    /* of the article being scanned */
    ent_word *w;
    size_t nw, wcap;
    uint16_t *splits;    /* per word: offset of an inner capital or 0 */
    size_t splitcap;
    ent_cand *c;
    size_t nc, ccap;
    uint32_t *lowall;    /* hashes of every lowercase word of the set */
    size_t lowcap, nlow;
    ent_hslot *known, *lowers; /* hash sets of this article's evidence */
    uint32_t gen;
    char *kbuf;
    size_t kcap;
    text_fold_buf fold;
    /* What the word lists and gazetteers hold when the first article is
     * scanned: entity_table_reset keeps that much of strs. */
    size_t strs_keep, ngaz_keep;
    bool keep_set;
    /* the learned tagger (entity_tag.c); NULL: the rules decide alone */
    const tagger *tagger;
    tagger_scratch *tgs;
    tagger_tok *tt;
    size_t ttcap;
    uint8_t *tags;
    size_t tagcap;
    ent_cand *c2;        /* the tagger's candidates, swapped with c */
    size_t nc2, c2cap;
    uint32_t *dr_key, *dr_votes; /* per folded word: votes (ent_votes_clear) */
    size_t dr_cap, dr_vcap;
    ent_hslot *capmid;   /* words capitalised mid-sentence */
    ent_hslot *runs;     /* salted word hashes: where in a run of
                            capitalised words the article has it */
    ent_capture *cap;    /* set by entity_scan_raw while it scans */
    /* entity_doc.c: first words of the names it propagates, and per
     * word whether a name holds it */
    ent_hslot *dset;
    uint8_t *dcov;
    size_t dcovcap;
};

#define ENT_SETBITS 4096
#define ENT_WEAKBITS (1u << 20)

/* Whether some name of the generated lists may start with the word of
 * folded hash h (no: none does; yes: look it up). */
bool ent_weak_first(const entity_table *t, uint32_t h);

/* entity.c helpers used by the scanner */
uint32_t ent_hash(const char *s, size_t len);
/* Fold s[0..len) into t->kbuf: case and accents folded, ’ -> ', every
 * run of blanks one space. Returns the key length. */
size_t ent_key(entity_table *t, const char *s, size_t len);
/* A 64-bit hash of s[0..len), len > 0, for the scanner's memos: eight
 * bytes a step, the last step overlapping (the length mixed in first). */
uint64_t ent_text_hash(const char *s, size_t len);
/* ent_key, and ent_hash of the key in *h. */
size_t ent_key_hash(entity_table *t, const char *s, size_t len, uint32_t *h);
long ent_map_get(const ent_map *m, const ent_arena *a, const char *k,
                 size_t len, uint32_t h);
void ent_map_put(ent_map *m, ent_arena *a, const char *k, size_t len,
                 uint32_t h, uint32_t val);
void ent_map_fini(ent_map *m);
uint32_t ent_arena_add(ent_arena *a, const char *s, size_t len);
/* Entry of the generated lists (in t->weak->gaz) for folded key k. */
int32_t ent_weak_find(const entity_table *t, const char *k, size_t n,
                      uint32_t h);
/* Gazetteer entry for s[0..len) (any case), or -1. */
long ent_gaz_find(entity_table *t, const char *s, size_t len);
/* The type of s[0..n) in the gazetteer or the generated lists but
 * WordNet's (places, clubs), or -1. */
int ent_listed_type(entity_table *t, const char *s, size_t n);
/* Intern a mention c of the current article; surf is its text (c->len
 * bytes). */
void ent_add_mention(entity_table *t, const ent_cand *c, const char *surf);
/* The mentions added between the two calls are article idx's (its slot
 * exists): kept in t->mscan. */
void ent_ments_begin(entity_table *t);
void ent_ments_commit(entity_table *t, uint32_t idx);

/* entity_raw.c: while t->cap is set, a scan records what it finds there
 * (entity_scan_raw) instead of adding it to the table. */
void ent_capture_acro(entity_table *t, const char *a, size_t an,
                      const char *s, size_t n);
void ent_capture_cand(entity_table *t, const ent_cand *c, const char *text);
void ent_capture_low(entity_table *t, uint32_t h);
void ent_capture_free(ent_capture *k);

/* Note that the text s[0..n) spells out the acronym a[0..an) when its
 * initials match (entity_merge.c unites them across the set). */
void ent_acro_note(entity_table *t, const char *a, size_t an, const char *s,
                   size_t n);

/* Drop everything entity_finish built. */
void ent_finish_reset(entity_table *t);
/* An empty open-addressed table of votes, dr_key and dr_votes (stride
 * counters a slot), for at least per * held entries; returns its mask. */
size_t ent_votes_clear(entity_table *t, size_t held, size_t per,
                       size_t stride);

/* The quotation mark starting at byte p of the NUL-terminated text x:
 * ENT_QUOTE_STRAIGHT ('"', one byte), ENT_QUOTE_OPEN or ENT_QUOTE_CLOSE
 * (curly, three bytes), or 0. */
enum { ENT_QUOTE_STRAIGHT = 1, ENT_QUOTE_OPEN, ENT_QUOTE_CLOSE };
static inline int ent_quote_at(const char *x, size_t p)
{
    const unsigned char *u = (const unsigned char *)x + p;
    if (u[0] == '"')
        return ENT_QUOTE_STRAIGHT;
    if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x9c || u[2] == 0x9d))
        return u[2] == 0x9c ? ENT_QUOTE_OPEN : ENT_QUOTE_CLOSE;
    return 0;
}

/* Whether an opening quotation mark (or a straight one) ends right
 * before byte off of the text x. */
static inline bool ent_quote_before(const char *x, size_t off)
{
    return (off >= 1 && ent_quote_at(x, off - 1) == ENT_QUOTE_STRAIGHT) ||
           (off >= 3 && ent_quote_at(x, off - 3) == ENT_QUOTE_OPEN);
}

/* entity_tag.c: word w is an everyday word, of the common words or the
 * lexicon's. */
bool ent_everyday_word(const entity_table *t, const ent_word *w);
/* entity_doc.c: word w starts a sentence, a line or a quotation (double
 * or single quotation marks). */
bool ent_opens_clause(const entity_table *t, const ent_word *w);

/* entity_scan.c: whether word b - 1 of name [a, b) is a function word
 * ending a run before lowercase text ("of DAB In the Kowloon"). */
bool ent_trailing_stop(const entity_table *t, size_t a, size_t b);
/* Word a is a member of Congress's party and state after a name
 * ("(R-LA)", ", R-S.D."): no name, whoever found it. */
bool ent_party_state(const entity_table *t, size_t a);

/* entity_words.c */
void ent_words_load(entity_table *t);
void ent_words_gaz_first(entity_table *t, const char *key, size_t n);
/* Add flag to the folded word w (added to the lists if new). */
void ent_words_add(entity_table *t, const char *w, size_t n, uint32_t flag);
uint32_t ent_word_flags(entity_table *t, const char *s, size_t len,
                        uint32_t *hash);
/* True when the folded word of hash h is a word of sports reports
 * ("wickets", "striker", "half-time"). */
bool ent_sport_word(const entity_table *t, uint32_t h);

/* entity_tok.c: append the words of text[p, end) to t->w (title: the
 * headline block); then mark months and headline lines. */
void ent_tokenize(entity_table *t, const char *s, size_t p, size_t end,
                  bool title);
void ent_mark_lines(entity_table *t);

/* entity_scan.c */
void ent_scan_article(entity_table *t, const article *a);

/* The rules' pass over one article: words cut, candidates found and
 * sorted in t->c, nothing added to the table yet. */
void ent_scan_rules(entity_table *t, const article *a);
/* Bytes after word w that a name ending in it takes back: "-un" after
 * the cut "Jong" of "Kim Jong-un" (entity_tok.c); 0 for "Hamas-run". */
size_t ent_syllable_tail(const char *text, const ent_word *w);
/* Word a of the scanned article labels a caption ("Image: ..."). */
bool ent_label_word(entity_table *t, size_t a);

/* Sort candidates into text order, a longer one first at one offset. */
void ent_sort_cands(ent_cand *c, size_t n);
/* Two to eight ASCII capitals: the shape of an acronym ("CBI", "KO"). */
bool ent_acronym_shape(const char *s, size_t n);

/* entity_doc.c: decisions over the whole article on its candidates
 * (t->c, sorted; some may come back with len 0, some are added):
 * ordinals that head names, numbered-list heads, exact repeats of
 * names of two words or more. */
void ent_doc_consistency(entity_table *t);

/* entity_tag.c: the words of the article scanned by ent_scan_rules as
 * the tagger sees them (valid until the next scan); the tagger's spans
 * in place of the rules' candidates; the tagger's scratch freed. */
const tagger_tok *ent_tag_toks(entity_table *t, size_t *n);
void ent_tag_article(entity_table *t);
void ent_tag_free(entity_table *t);

/* The set-wide hash set of lowercase words. */
void ent_lower_add(entity_table *t, uint32_t h);
bool ent_lower_has(const entity_table *t, uint32_t h);

/* Hash sets of 32-bit hashes (ENT_SETBITS slots), cleared per article
 * by a generation: cur, the article's. A probe reads one slot, its
 * generation and hash side by side; the sets are asked about every word,
 * so the calls are inline. ent_set_add: false when h was there already
 * (true when added, or when the set was too crowded to keep it). */
static inline bool ent_set_add(ent_hslot *set, uint32_t cur, uint32_t h)
{
    for (uint32_t i = 0; i < 64; i++) {
        ent_hslot *e = &set[(h + i) & (ENT_SETBITS - 1)];
        if (e->gen != cur) {
            e->gen = cur;
            e->h = h;
            return true;
        }
        if (e->h == h)
            return false;
    }
    return true;
}

static inline bool ent_set_has(const ent_hslot *set, uint32_t cur,
                               uint32_t h)
{
    for (uint32_t i = 0; i < 64; i++) {
        const ent_hslot *e = &set[(h + i) & (ENT_SETBITS - 1)];
        if (e->gen != cur)
            return false;
        if (e->h == h)
            return true;
    }
    return false;
}

#endif
