/* entity_tag.c: the learned tagger's seat in the scanner.
 *
 * The rules run first (entity_scan.c) and leave their candidates; here
 * the words of the article become tagger_tok (shape, word-list bits, the
 * rules' decision with its type, the longest gazetteer name, what the
 * article says about the word elsewhere and the type the rules give it
 * there), the tagger tags them, and its
 * spans replace the rules' candidates. A span the rules also found keeps
 * their surface rank, team and tentative marks; the tagger's type is the
 * span's vote. Merging (entity_finish) is unchanged. */
#include <stdlib.h>
#include <string.h>

#include "entity_priv.h"
#include "util.h"

/* The scanner's shape bits are the tagger's, bit for bit, but the
 * headline mark: one mask per word, checked here at build time. */
#define SAME(a, b) ((unsigned)(a) == (unsigned)(b))
_Static_assert(SAME(S_CAP, TGF_CAP) && SAME(S_ALLCAPS, TGF_ALLCAPS) &&
                   SAME(S_LOWER, TGF_LOWER) && SAME(S_DIGIT, TGF_DIGIT) &&
                   SAME(S_INIT, TGF_INIT) && SAME(S_POSS, TGF_POSS) &&
                   SAME(S_SENT, TGF_SENT) && SAME(S_BREAK, TGF_BREAK) &&
                   SAME(S_LINE, TGF_LINE) && SAME(S_TC, TGF_TC) &&
                   SAME(S_HYPH, TGF_HYPH),
               "entity_priv.h S_* and tagger.h TGF_* bits differ");

static uint32_t tg_flags(const ent_word *w)
{
    uint32_t f = w->f & (TGF_HYPH * 2 - 1);
    if (w->f & S_TITLE)
        f |= TGF_TITLE;
    if (w->wf & W_STOP)
        f |= TGF_COMMON;
    if (w->wf & W_FIRST)
        f |= TGF_GIVEN;
    if (w->f & (S_DIGIT | S_HASDIGIT))
        f |= TGF_NUM;
    return f;
}

static int vote_type(const entity_table *t, const ent_cand *c)
{
    int best = -1;
    for (int k = 0; k < ENT_NTYPES; k++) {
        if (c->votes[k] > 0 && (best < 0 || c->votes[k] > c->votes[best]))
            best = k;
    }
    if (best >= 0)
        return best;
    long g = ent_gaz_find((entity_table *)t, t->text + c->off, c->len);
    return g >= 0 ? t->gaz[g].type : 4;
}

/* The rules' kept candidates, in text order, onto the words. */
static void rule_marks(entity_table *t, tagger_tok *tt)
{
    uint32_t last = 0;
    size_t k = 0;
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (!c->len || c->off < last)
            continue;
        last = c->off + c->len;
        while (k < t->nw && t->w[k].off + t->w[k].len <= c->off)
            k++;
        int type = vote_type(t, c);
        int v = type < ENT_NTYPES ? c->votes[type] : 0;
        uint8_t cue = (uint8_t)(v <= 0 ? 0 : v <= 2 ? 1 : v <= 4 ? 2 : 3);
        for (size_t j = k; j < t->nw && t->w[j].off < last; j++) {
            tt[j].rule = (uint8_t)(TAGGER_RULE(j > k, type) +
                                   (c->tentative ? TAGGER_TENTATIVE : 0));
            tt[j].cue = cue;
        }
    }
}

/* The slot of word j's hash in the open-addressed dr_key table (mask + 1
 * slots), claimed for it when add; a free slot (key 0) when absent. */
static size_t word_slot(entity_table *t, uint32_t j, size_t mask, bool add)
{
    uint32_t h = t->w[j].hash | 1;
    /* the high half of a product: most words probe for an absent key,
     * and short runs of slots keep that to one or two loads */
    size_t s = (size_t)(((uint64_t)h * 0x9e3779b97f4a7c15ull) >> 32) & mask;
    while (t->dr_key[s] && t->dr_key[s] != h)
        s = (s + 1) & mask;
    if (add)
        t->dr_key[s] = h;
    return s;
}

/* A slot of dr_votes: the summed votes of each type, then how many
 * times a rules name holds the word. */
enum { DR_NAMES = ENT_NTYPES, DR_STRIDE = ENT_NTYPES + 1 };

/* TGF_NAMED on each word of a rules name whose folded word is in
 * another rules name of the article too (doc_rule_marks counted them). */
static void named_marks(entity_table *t, tagger_tok *tt, size_t mask)
{
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (!c->len || c->w1 <= c->w0 || c->w1 > t->nw)
            continue;
        for (uint32_t j = c->w0; j < c->w1; j++) {
            size_t s = word_slot(t, j, mask, false);
            if (t->dr_votes[s * DR_STRIDE + DR_NAMES] > 1)
                tt[j].flags |= TGF_NAMED;
        }
    }
}

/* Per word, the type the rules' cues give the same folded word across
 * the article (the summed votes of every kept candidate holding it):
 * "Ottey" at a sentence start after "rival Merlene Ottey said". */
size_t ent_votes_clear(entity_table *t, size_t held, size_t per,
                       size_t stride)
{
    size_t cap = 64;
    while (cap < per * held)
        cap *= 2;
    LEDE_GROW(t->dr_key, t->dr_cap, cap);
    LEDE_GROW(t->dr_votes, t->dr_vcap, cap * stride);
    memset(t->dr_key, 0, cap * sizeof *t->dr_key);
    memset(t->dr_votes, 0, cap * stride * sizeof *t->dr_votes);
    return cap - 1;
}

static void doc_rule_marks(entity_table *t, tagger_tok *tt)
{
    /* room for the words of the candidates, at most an eighth full (a
     * table sized by them, not by the article: it is cleared each time) */
    size_t held = 0;
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (c->len && c->w1 > c->w0 && c->w1 <= t->nw)
            held += c->w1 - c->w0;
    }
    size_t mask = ent_votes_clear(t, held, 8, DR_STRIDE);
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (!c->len || c->w1 <= c->w0 || c->w1 > t->nw)
            continue;
        for (uint32_t j = c->w0; j < c->w1; j++) {
            size_t s = word_slot(t, j, mask, true);
            uint32_t *v = &t->dr_votes[s * DR_STRIDE];
            for (int k = 0; k < ENT_NTYPES; k++) {
                if (c->votes[k] > 0)
                    v[k] += (uint32_t)c->votes[k];
            }
            v[DR_NAMES]++;
        }
    }
    for (size_t i = 0; i < t->nw; i++) {
        size_t s = word_slot(t, (uint32_t)i, mask, false);
        if (!t->dr_key[s])
            continue;
        const uint32_t *v = &t->dr_votes[s * DR_STRIDE];
        int best = -1;
        for (int k = 0; k < ENT_NTYPES; k++) {
            if (v[k] && (best < 0 || v[k] > v[best]))
                best = k;
        }
        tt[i].doc = (uint8_t)(best < 0 ? 0 : 1 + best);
    }
    named_marks(t, tt, mask);
}

/* A list's name over words [i, end) of type type: B I.. L, or U for one
 * word, in gaz (the hand-written gazetteer) or wgaz (the generated
 * lists). Returns the name's last word. */
static size_t put_list_marks(tagger_tok *tt, size_t i, size_t end, int type,
                             bool weak)
{
    for (size_t j = i; j < end; j++) {
        uint8_t m = TAGGER_GAZ(end == i + 1 ? 4
                               : j == i     ? 1
                               : j + 1 == end ? 3
                                              : 2,
                               type);
        if (weak)
            tt[j].wgaz = m;
        else
            tt[j].gaz = m;
    }
    return end - 1;
}

/* The longest gazetteer name starting at each word: B I.. L or U. */
static void gaz_marks(entity_table *t, tagger_tok *tt)
{
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nw; i++) {
        if (!(w[i].wf & W_GAZ1) || (w[i].f & S_LOWER) || tt[i].gaz)
            continue;
        size_t best = 0;
        long bg = -1;
        for (size_t j = i + 1; j <= t->nw && j <= i + 6; j++) {
            if (j > i + 1 && ((w[j - 1].f & (S_BREAK | S_DIGIT)) ||
                              ((w[j - 1].f & S_LOWER) &&
                               !(w[j - 1].wf & (W_OF | W_PARTICLE |
                                                W_MINOR | W_ARTICLE)))))
                break;
            long g = ent_gaz_find(t, t->text + w[i].off,
                                  w[j - 1].off + w[j - 1].len - w[i].off);
            if (g >= 0) {
                best = j;
                bg = g;
            }
        }
        if (bg >= 0)
            i = put_list_marks(tt, i, best, t->gaz[bg].type, false);
    }
}

/* The longest name of the generated lists (GeoNames cities and regions,
 * football clubs) starting at each capitalised word: B I.. L or U. Not
 * the WordNet list (gaz_wordnet.tsv), whose types only vote where no
 * cue did (entity_merge.c), so the weights are those trained without
 * it. As marks here, retrained (list without the kinds of people), it
 * measured WikiGold CV 0.6836 against 0.6800 for the same list as
 * votes only (seeds 1..4), but moved the weights off four behaviours
 * the unit tests hold (a title-case headline, "Overseas," starting a
 * sentence, "Claudia Mo of Civic Party", "Hardline pro-Brexit"): branch
 * wn-retrain. */
static void weak_marks(entity_table *t, tagger_tok *tt)
{
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nw; i++) {
        if (!(w[i].f & (S_CAP | S_ALLCAPS)) || (w[i].wf & W_STOP) ||
            !ent_weak_first(t, w[i].hash))
            continue;
        size_t best = 0;
        int32_t bg = -1;
        for (size_t j = i + 1; j <= t->nw && j <= i + 4; j++) {
            if (j > i + 1 && ((w[j - 1].f & (S_BREAK | S_DIGIT)) ||
                              ((w[j - 1].f & S_LOWER) &&
                               !(w[j - 1].wf & (W_OF | W_PARTICLE)))))
                break;
            if (w[j - 1].f & S_LOWER)
                continue;
            uint32_t h;
            size_t k = ent_key_hash(t, t->text + w[i].off,
                                    w[j - 1].off + w[j - 1].len - w[i].off,
                                    &h);
            int32_t g = ent_weak_find(t, t->kbuf, k, h);
            if (g >= (int32_t)t->weak->weak_wn0)
                continue; /* WordNet's names vote at the merge only */
            if (g >= 0) {
                best = j;
                bg = g;
            }
        }
        if (bg >= 0)
            i = put_list_marks(tt, i, best, t->weak->gaz[bg].type, true);
    }
}

static const uint32_t run_salt[3] = {0x9e3779b1u, 0x85ebca6bu, 0xc2b2ae35u};

static bool run_word(const ent_word *w)
{
    return (w->f & (S_CAP | S_ALLCAPS)) && !(w->f & S_TC) && w->hash;
}

/* Runs of capitalised words unbroken by punctuation: which words the
 * article has first or last in a run of two or more, or alone
 * mid-sentence (TAGGER_RUN_*), for every use of the same word. */
static void run_marks(entity_table *t, tagger_tok *tt)
{
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nw;) {
        if (!run_word(&w[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < t->nw && run_word(&w[j]) && !(w[j].f & S_BREAK))
            j++;
        if (j - i >= 2) {
            ent_set_add(t->runs, t->gen, w[i].hash ^ run_salt[0]);
            ent_set_add(t->runs, t->gen, w[j - 1].hash ^ run_salt[1]);
        } else if (!(w[i].f & (S_SENT | S_LINE))) {
            ent_set_add(t->runs, t->gen, w[i].hash ^ run_salt[2]);
        }
        i = j;
    }
    for (size_t i = 0; i < t->nw; i++) {
        /* only for a word alone here: in a run, its neighbours speak */
        if (!run_word(&w[i]) ||
            (i > 0 && run_word(&w[i - 1]) && !(w[i].f & S_BREAK)) ||
            (i + 1 < t->nw && run_word(&w[i + 1]) &&
             !(w[i + 1].f & S_BREAK)))
            continue;
        uint8_t r = 0;
        for (int k = 0; k < 3; k++) {
            if (ent_set_has(t->runs, t->gen, w[i].hash ^ run_salt[k]))
                r |= (uint8_t)(1u << k);
        }
        tt[i].runs = r;
    }
}

/* What the article says elsewhere: capitalised mid-sentence (t->capmid,
 * filled by ent_tag_toks), lowercase; runs of capitals (run_marks). */
static void doc_marks(entity_table *t, tagger_tok *tt)
{
    if (!t->runs)
        t->runs = lede_calloc(ENT_SETBITS, sizeof *t->runs);
    run_marks(t, tt);
    for (size_t i = 0; i < t->nw; i++) {
        const ent_word *w = &t->w[i];
        if (!w->hash)
            continue;
        if (ent_set_has(t->capmid, t->gen, w->hash))
            tt[i].flags |= TGF_CAPMID;
        if (ent_set_has(t->lowers, t->gen, w->hash))
            tt[i].flags |= TGF_LOWELSE;
    }
}

/* Whether a word may stand in a quoted title: capitalised, a number,
 * or a small word of title case ("A Song of Love and Death"). */
static bool title_word(const ent_word *w)
{
    return (w->f & (S_CAP | S_ALLCAPS | S_DIGIT | S_INIT)) ||
           (w->wf & (W_MINOR | W_OF | W_ARTICLE));
}

/* Short stretches of title-case words in quotation marks, the titles of
 * songs, films and books (" The Fantasy ", "Taste of Chaos"): at most
 * six words, the first capitalised, no punctuation between them.
 * Straight quotes open and close in turn within a line; curly ones say
 * which they are. Quoted speech ("We will fight," he said) has
 * lowercase words and is left alone. */
static void quote_marks(entity_table *t, tagger_tok *tt)
{
    const ent_word *w = t->w;
    const char *x = t->text;
    bool in = false;
    size_t open = 0;
    uint32_t prev_end = 0;
    for (size_t i = 0; i <= t->nw; i++) {
        /* the text is NUL-terminated: after the last word, a few bytes */
        uint32_t end = i < t->nw ? w[i].off
                                 : prev_end + (uint32_t)strnlen(x + prev_end, 8);
        bool closed = false, opened = false;
        for (uint32_t p = prev_end; p < end; p++) {
            int q = ent_quote_at(x, p);
            if (x[p] == '\n') {
                in = opened = false;
            } else if (q == ENT_QUOTE_STRAIGHT) {
                if (in)
                    closed = true;
                else
                    opened = true;
                in = !in;
            } else if (q && p + 2 < end) {
                bool o = q == ENT_QUOTE_OPEN;
                if (in && !o)
                    closed = true;
                opened = o;
                in = o;
                p += 2;
            }
        }
        if (closed && i > open && i - open <= 6 &&
            (w[open].f & (S_CAP | S_ALLCAPS | S_DIGIT))) {
            bool ok = true;
            for (size_t k = open; k < i && ok; k++)
                ok = title_word(&w[k]) &&
                     (k == open || !(w[k].f & (S_BREAK | S_SENT)));
            for (size_t k = open; ok && k < i; k++)
                tt[k].quote = (uint8_t)(i - open == 1 ? TAGGER_QUOTE_ALONE
                                        : k == open  ? TAGGER_QUOTE_FIRST
                                        : k + 1 == i ? TAGGER_QUOTE_LAST
                                                     : TAGGER_QUOTE_INSIDE);
        }
        if (opened && in)
            open = i;
        if (i < t->nw)
            prev_end = w[i].off + w[i].len;
    }
}

const tagger_tok *ent_tag_toks(entity_table *t, size_t *n)
{
    LEDE_GROW(t->tt, t->ttcap, t->nw + 1);
    if (!t->capmid)
        t->capmid = lede_calloc(ENT_SETBITS, sizeof *t->capmid);
    tagger_tok *tt = t->tt;
    for (size_t i = 0; i < t->nw; i++) {
        const ent_word *w = &t->w[i];
        tt[i] = (tagger_tok){t->text + w->off, w->len, tg_flags(w), w->wf,
                             0, 0, 0, 0, 0, 0, 0};
        if ((w->f & S_CAP) && !(w->f & (S_SENT | S_LINE | S_TC)))
            ent_set_add(t->capmid, t->gen, w->hash);
    }
    rule_marks(t, tt);
    doc_rule_marks(t, tt);
    gaz_marks(t, tt);
    weak_marks(t, tt);
    doc_marks(t, tt);
    quote_marks(t, tt);
    *n = t->nw;
    return tt;
}

/* The rules' candidate for exactly [off, off+len), or NULL. */
static const ent_cand *rule_cand(const entity_table *t, size_t *k,
                                 uint32_t off, uint32_t len)
{
    while (*k < t->nc && t->c[*k].off < off)
        (*k)++;
    for (size_t i = *k; i < t->nc && t->c[i].off == off; i++) {
        if (t->c[i].len == len)
            return &t->c[i];
    }
    return NULL;
}

static void add_span(entity_table *t, size_t a, size_t b, int type,
                     size_t *k)
{
    const ent_word *w = t->w;
    uint32_t off = w[a].off, len = w[b - 1].off + w[b - 1].len - off;
    const ent_cand *rc = rule_cand(t, k, off, len);
    LEDE_GROW(t->c2, t->c2cap, t->nc2 + 1);
    ent_cand *c = &t->c2[t->nc2++];
    if (rc) {
        *c = *rc;
    } else {
        memset(c, 0, sizeof *c);
        c->w0 = (uint32_t)a;
        c->w1 = (uint32_t)b;
        c->off = off;
        c->len = len;
        c->rank = (w[a].f & S_TC) ? 0 : (w[a].f & S_SENT) ? 1 : 2;
        /* as the rules do: the set's lowercase uses decide */
        c->tentative = b == a + 1 && (w[a].f & S_SENT) &&
                       !ent_set_has(t->capmid, t->gen, w[a].hash);
    }
    /* the tagger's type is one more cue beside the rules' own */
    if (!rc)
        memset(c->votes, 0, sizeof c->votes);
    c->votes[type] = (int16_t)(c->votes[type] + 2);
    c->uncertain = 0;
}

/* How much the tagger's best type must beat its second (weight units)
 * to type a name the rules kept but no cue typed. On WikiGold (5-fold
 * CV) every margin helps, 0 most; on CoNLL eng.testa, where the shape
 * default was written, 0 costs 0.013 F1 and 20 costs 0.0035. */
#define KEEP_TYPE_MARGIN 20.0f

/* The tagger's own labelling of words [a, b), before it deferred to
 * the rules there: -1 when it left every word O, the type when it names
 * every word with one type, -2 otherwise. */
static int own_type(const entity_table *t, uint32_t a, uint32_t b)
{
    int type = -1;
    bool gap = false;
    for (uint32_t j = a; j < b; j++) {
        uint8_t g = tagger_own_tag(t->tgs, j);
        if (!g)
            gap = true;
        else if (type == -1)
            type = TAGGER_TYPE(g);
        else if (type != TAGGER_TYPE(g))
            return -2;
    }
    return type >= 0 && gap ? -2 : type;
}

/* Whether anything but the shape of words [a, b) says they are a name:
 * a word of the gazetteer or the generated lists, a word the rules'
 * cues type elsewhere in the article, or one the rules hold in another
 * name of the article too. */
static bool name_evidence(const entity_table *t, uint32_t a, uint32_t b)
{
    for (uint32_t j = a; j < b; j++) {
        const tagger_tok *w = &t->tt[j];
        if (w->gaz || w->wgaz || w->doc || (w->flags & TGF_NAMED))
            return true;
    }
    return false;
}

/* An everyday word: on the common-word list or, in lowercase, in the
 * lexicon ("Overseas", "FREE"). */
bool ent_everyday_word(const entity_table *t, const ent_word *w)
{
    return (w->wf & W_LEX) || tagger_everyday(t->text + w->off, w->len);
}

/* Name c has the shape merging types as other where nothing voted
 * (entity_merge.c default_type): a last word of capitals, no Roman
 * numeral or post ("Kestrel ZX", not "Henry VIII"), or a title before a
 * listed place ("Captain Texas"). The tagger's type for such a name is
 * no vote, whatever its own labelling: its training text has few
 * products and characters, and on made-up names one training order or
 * another typed both organisations (with its vote where its own
 * labelling named them: test_product_shapes failed with the weights of
 * training seeds 1, 2 and 3; without, it passes with all three, and
 * Wikinews "Captain America" is other, no longer an organisation;
 * WikiGold CV 0.6996 -> 0.6993, CoNLL testa unchanged). */
static bool product_shape(entity_table *t, const ent_cand *c)
{
    if (c->w1 < c->w0 + 2 || c->off != t->w[c->w0].off)
        return false;
    const ent_word *l = &t->w[c->w1 - 1], *f = &t->w[c->w0];
    const char *x = t->text + l->off;
    bool roman = true;
    for (size_t k = 0; k < l->len; k++)
        roman &= strchr("IVXLCDM", x[k]) != NULL;
    if ((l->f & S_ALLCAPS) && l->len <= 5 && !roman &&
        !(l->wf & (W_ORGKW | W_TITLE | W_NONAME)))
        return true;
    if (!(f->wf & W_TITLE))
        return false;
    const ent_word *n = &t->w[c->w0 + 1];
    long g = ent_gaz_find(t, t->text + n->off, l->off + l->len - n->off);
    return g >= 0 && t->gaz[g].type == ENT_PLACE;
}

/* A rules name c that no cue typed (merging would fall back on its
 * shape: a lone word an organisation) where the tagger defers to the
 * rules. Where the tagger is sure of a type (its best beats its second
 * by KEEP_TYPE_MARGIN) that type is one vote: a cue of the set outvotes
 * it ("oil firm Yukos"). Where it is not, a name of everyday words
 * ("Overseas", "Fax", "Sundays") that the tagger's own labelling left O
 * and that nothing but its shape makes one (name_evidence) is dropped.
 * Measured (WikiGold 5-fold CV, UNER English-EWT by a model trained
 * without UNER), with caps_no_name: typed F1 0.6685 to 0.6694 and
 * 0.5177 to 0.5215, no name found right lost on either (CoNLL
 * eng.testa, aggregate only: 0.8528 to 0.8537). Not done: dropping
 * such a name of any words (0.6691 and 0.5208, but names lost:
 * "O'Brien", "Aphrodite"); giving it the type of the tagger's own
 * labelling when that is a person or other name (0.6714 and 0.5283,
 * but on Wikinews "Polaroids", "Gawker" and "Wicca" became people and
 * "Holden Chow" another name, for "Safari" and "Satan" right), or any
 * type (0.6719 and 0.5217).
 * Returns false when c is dropped. */
static bool untyped_rule(entity_table *t, ent_cand *c)
{
    for (int k = 0; k < ENT_NTYPES; k++) {
        if (c->votes[k] > 0)
            return true;
    }
    if (c->team || c->w1 <= c->w0 || c->w1 > t->nw ||
        c->off != t->w[c->w0].off)
        return true;
    float margin;
    int type = tagger_span_type(t->tagger, t->tgs, c->w0, c->w1, &margin);
    int own = own_type(t, c->w0, c->w1);
    if (margin >= KEEP_TYPE_MARGIN && !product_shape(t, c)) {
        c->votes[type] = 1;
        return true;
    }
    /* dropped only when made of everyday words: a surname alone
     * ("O'Brien") is a name the article did not type */
    for (uint32_t j = c->w0; j < c->w1; j++) {
        const ent_word *w = &t->w[j];
        if ((w->f & (S_CAP | S_ALLCAPS)) && !ent_everyday_word(t, w))
            return true;
    }
    return own != -1 || name_evidence(t, c->w0, c->w1);
}

/* Where the rules' name c runs a name on into a person's ("PTA
 * Overseer Marta Keplin") and the tagger's own labelling, deferred,
 * made them two names, a person's starting with a given name: the word
 * the person starts at, else 0. */
static size_t person_inside(const entity_table *t, const ent_cand *c)
{
    if (c->w1 < c->w0 + 3 || c->w1 > t->nw || c->off != t->w[c->w0].off ||
        !tagger_own_tag(t->tgs, c->w0))
        return 0;
    size_t p = 0;
    for (size_t j = c->w0 + 1; j < c->w1; j++) {
        uint8_t g = tagger_own_tag(t->tgs, j);
        if (!g)
            return 0;
        if (g == TAGGER_B(ENT_PERSON) && !p)
            p = j;
        else if (p && g != TAGGER_I(ENT_PERSON))
            return 0;
    }
    return p && p + 1 < c->w1 && (t->w[p].wf & W_FIRST) ? p : 0;
}

/* Word i is where the tagger defers: the rules' candidates starting in
 * it stay as the rules made them, but for the type of one no cue typed:
 * see untyped_rule. */
static void keep_rules(entity_table *t, size_t i, size_t *kr)
{
    uint32_t a = t->w[i].off, b = a + t->w[i].len;
    while (*kr < t->nc && t->c[*kr].off < a)
        (*kr)++;
    for (; *kr < t->nc && t->c[*kr].off < b; (*kr)++) {
        if (!t->c[*kr].len)
            continue;
        size_t p = person_inside(t, &t->c[*kr]);
        if (p) {
            size_t k = *kr, w0 = t->c[*kr].w0, w1 = t->c[*kr].w1;
            add_span(t, w0, p, TAGGER_TYPE(tagger_own_tag(t->tgs, w0)), &k);
            add_span(t, p, w1, ENT_PERSON, &k);
            continue;
        }
        LEDE_GROW(t->c2, t->c2cap, t->nc2 + 1);
        ent_cand *c = &t->c2[t->nc2++];
        *c = t->c[*kr];
        if (!untyped_rule(t, c))
            t->nc2--;
    }
}

/* One word the rules cut in two known names ("Kerry-Lavrov"): their two
 * candidates stand. */
static bool split_by_rules(entity_table *t, size_t i, size_t *kr)
{
    if (!t->splits[i])
        return false;
    uint32_t a = t->w[i].off, b = a + t->w[i].len;
    size_t k = *kr, inside = 0;
    while (k < t->nc && t->c[k].off < a)
        k++;
    for (size_t j = k; j < t->nc && t->c[j].off < b; j++)
        inside += t->c[j].len && t->c[j].len < t->w[i].len;
    if (inside < 2)
        return false;
    *kr = k;
    keep_rules(t, i, kr);
    return true;
}

/* The tagger's name [i, j) ends before capitalised words it left O
 * with no break between ("AOL Europe also lost", "Yukos USA"), where
 * the rules found the longer name: it is the rules' name, not a name
 * and lost words. Returns the end to use. */
static size_t rules_tail(const entity_table *t, size_t i, size_t j, size_t kr)
{
    const ent_word *w = t->w;
    if (j >= t->nw || t->tags[j] || !(w[j].f & (S_CAP | S_ALLCAPS)) ||
        (w[j].f & (S_BREAK | S_SENT)))
        return j;
    while (kr < t->nc && t->c[kr].off < w[i].off)
        kr++;
    for (; kr < t->nc && t->c[kr].off == w[i].off; kr++) {
        const ent_cand *c = &t->c[kr];
        if (c->w0 != i || c->w1 <= j ||
            c->off + c->len != w[c->w1 - 1].off + w[c->w1 - 1].len)
            continue;
        size_t e = j;
        while (e < c->w1 && !t->tags[e] && (w[e].f & (S_CAP | S_ALLCAPS)) &&
               !(w[e].f & (S_BREAK | S_SENT)))
            e++;
        if (e == c->w1)
            return e;
    }
    return j;
}

static bool lower_gap(const ent_word *w)
{
    return (w->f & S_LOWER) &&
           !(w->wf & (W_PARTICLE | W_OF | W_MINOR | W_ARTICLE));
}

/* Word j is a score after a team the rules found ("Stevenage 1
 * Tamworth 1"): no name goes on over it. */
static bool score_at(const entity_table *t, size_t j)
{
    if (j == 0 || !(t->w[j].f & S_DIGIT))
        return false;
    uint32_t end = t->w[j - 1].off + t->w[j - 1].len;
    size_t lo = 0, hi = t->nc;
    while (lo < hi) { /* the first candidate starting after word j - 1 */
        size_t mid = (lo + hi) / 2;
        if (t->c[mid].off < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k-- > 0 && lo - k <= 8;) {
        const ent_cand *c = &t->c[k];
        if (c->len && c->off + c->len == end && c->team)
            return true;
    }
    return false;
}

/* A one-word name in capitals that is no name by its shape: a Roman
 * numeral ("Parts I through III", "under VII") or an everyday word of
 * four letters or more written in capitals for emphasis ("FREE
 * download", "PERFORMANCE", "NOTICE"), unless a list names it. */
static bool caps_no_name(const entity_table *t, const tagger_tok *tt,
                         const ent_cand *c)
{
    if (!c->len || c->w1 != c->w0 + 1 || c->w1 > t->nw)
        return false;
    const ent_word *w = &t->w[c->w0];
    if (c->off != w->off || c->len != w->len || !(w->f & S_ALLCAPS) ||
        tt[c->w0].gaz || tt[c->w0].wgaz)
        return false;
    if (w->len >= 4 && ent_everyday_word(t, w))
        return true;
    const char *x = t->text + w->off;
    size_t k = 0;
    while (k < w->len && (x[k] == 'I' || x[k] == 'V' || x[k] == 'X'))
        k++;
    return w->len >= 2 && k == w->len;
}

/* "Honestly I do not know", '"Prompted I think'": an everyday word
 * that starts a sentence or a quotation and the pronoun I are no name
 * (not "Elizabeth I", a given name, nor "World War I", three words). */
static bool pronoun_i(const entity_table *t, const ent_cand *c)
{
    if (!c->len || c->w1 != c->w0 + 2 || c->w1 > t->nw)
        return false;
    const ent_word *a = &t->w[c->w0], *b = &t->w[c->w0 + 1];
    return c->off == a->off && c->off + c->len == b->off + b->len &&
           b->len == 1 && t->text[b->off] == 'I' &&
           ent_opens_clause(t, a) &&
           !(a->wf & (W_FIRST | W_TITLE | W_SURNAME)) &&
           ent_everyday_word(t, a);
}

/* "J.R. Smith", "K.C. Maurer": two initials and a surname are a
 * person's name, as "J. Smith" is (a cue the rules give one initial
 * only), unless the initials ("U.S.", "D.C.") or the word after them
 * ("A.C. Milan") are a listed name, or that word names an organisation
 * or a place ("U.N. Office"). After the tagger: the rules' features, and
 * so the weights, stay as trained. */
static void initials_person(entity_table *t, ent_cand *c)
{
    const ent_word *w = t->w;
    if (c->w1 != c->w0 + 2 || c->w1 > t->nw || c->off != w[c->w0].off)
        return;
    const ent_word *a = &w[c->w0], *b = &w[c->w0 + 1];
    if (!(a->f & S_INIT) || a->len != 4 || !(b->f & S_CAP) ||
        (b->f & (S_ALLCAPS | S_INIT)) ||
        (b->wf & (W_ORGKW | W_PLACEKW | W_EVENT)) ||
        c->off + c->len != b->off + b->len ||
        ent_listed_type(t, t->text + a->off, a->len) >= 0 ||
        ent_listed_type(t, t->text + b->off, b->len) >= 0)
        return;
    c->votes[ENT_PERSON] = (int16_t)(c->votes[ENT_PERSON] + 4);
}

/* "Claudia Mo of Civic Party", "Jane Okafor of Brightwell Labs": a
 * name of words [i, j) that starts with a given name and two or more
 * capitalised words before an "of" is a person and the name after it,
 * not one name (a caption, a byline). Returns the "of" word, or 0.
 * "Bank of England", "Duke of Edinburgh" and "Henry of Navarre" start
 * with no given name or have one word before "of". */
static size_t person_of(const entity_table *t, size_t i, size_t j)
{
    const ent_word *w = t->w;
    if (j < i + 4 || !(w[i].wf & W_FIRST) || !(w[i].f & S_CAP))
        return 0;
    for (size_t k = i + 1; k + 1 < j; k++) {
        if (w[k].wf & W_OF)
            return k >= i + 2 && (w[k + 1].f & S_CAP) ? k : 0;
        if (!(w[k].f & S_CAP))
            return 0;
    }
    return 0;
}

/* "Claudia Mo of Civic Party" on a line of its own (a caption, a
 * byline), where the rules name nothing (a title-case line: only known
 * names) and the tagger, deferring to them, labelled the words one
 * name: a person and the name after "of" (person_of). Returns the end
 * of the tagger's name at word i, else 0. */
static size_t deferred_caption(const entity_table *t, size_t i, size_t kr)
{
    uint8_t g = tagger_own_tag(t->tgs, i);
    if (!(t->w[i].wf & W_FIRST) || !g || TAGGER_IS_I(g))
        return 0; /* the tagger's name begins here */
    size_t j = i + 1;
    uint8_t in = TAGGER_I(TAGGER_TYPE(g));
    while (j < t->nw && t->tags[j] == TAGGER_RULES &&
           tagger_own_tag(t->tgs, j) == in && !(t->w[j].f & S_BREAK))
        j++;
    while (kr < t->nc && t->c[kr].off + t->c[kr].len <= t->w[i].off)
        kr++;
    if (kr < t->nc && t->c[kr].off < t->w[j - 1].off + t->w[j - 1].len)
        return 0; /* the rules named something there */
    return person_of(t, i, j) ? j : 0;
}

/* Names c and d follow each other with only blanks, "and", "of" or
 * "de" between, on one line, and together are a listed place
 * ("Western" and "Australia", "Bosnia" and "Herzegovina"): one place. */
static bool join_place(entity_table *t, ent_cand *c, const ent_cand *d)
{
    uint32_t e = c->off + c->len;
    if (d->off <= e || d->off - e > 5 || c->w1 > d->w0)
        return false;
    const char *g = t->text + e;
    size_t gn = d->off - e;
    if (!(gn == 1 && g[0] == ' ') && !(gn == 5 && !memcmp(g, " and ", 5)) &&
        !(gn == 4 && (!memcmp(g, " of ", 4) || !memcmp(g, " de ", 4))))
        return false;
    if (ent_listed_type(t, t->text + c->off, d->off + d->len - c->off) !=
        ENT_PLACE)
        return false;
    c->len = d->off + d->len - c->off;
    c->w1 = d->w1;
    memset(c->votes, 0, sizeof c->votes);
    c->votes[ENT_PLACE] = 2;
    c->uncertain = c->tentative = c->team = c->glue = 0;
    return true;
}

/* Words [a, b), two or more, fill a quotation in title case
 * (quote_marks: "From Yesterday", "The Last Emperor"): where the names
 * found cover them in part or not at all, and none runs over its marks,
 * the whole quotation is one name, a title: other. A quotation that is
 * one name found stays as found, and one between two capitalised words
 * is a nickname, no title ('Dwayne "The Rock" Johnson').
 * Measured (decoding only): WikiGold 5-fold CV typed 0.6939 -> 0.6963
 * (other names 0.609 -> 0.620), CoNLL eng.testa 0.8666 -> 0.8677; one
 * word alone ("Hero") too: +0.0002 and -0.0001, so not.
 * The names found are t->c2[p, n0), in text order, those before p
 * ending by maxend at the latest; returns whether it added one. */
static bool quoted_work(entity_table *t, size_t a, size_t b, size_t p,
                        size_t n0, uint32_t maxend)
{
    const ent_word *w = t->w;
    uint32_t off = w[a].off, end = w[b - 1].off + w[b - 1].len;
    /* a nickname inside a name: Dwayne "The Rock" Johnson */
    if (maxend > off ||
        (a > 0 && b < t->nw && (w[a - 1].f & S_CAP) && (w[b].f & S_CAP) &&
         w[b].off - end <= 4 && off - (w[a - 1].off + w[a - 1].len) <= 4))
        return false;
    size_t q = p;
    for (; q < n0 && t->c2[q].off < end; q++) {
        const ent_cand *c = &t->c2[q];
        uint32_t ce = c->off + c->len;
        if (c->len && (ce > end || (c->off == off && ce == end)))
            return false;
    }
    for (size_t k = p; k < q; k++)
        t->c2[k].len = 0;
    LEDE_GROW(t->c2, t->c2cap, t->nc2 + 1);
    ent_cand *c = &t->c2[t->nc2++];
    memset(c, 0, sizeof *c);
    c->w0 = (uint32_t)a;
    c->w1 = (uint32_t)b;
    c->off = off;
    c->len = end - off;
    c->rank = 2;
    c->votes[ENT_OTHER] = 3;
    return true;
}

/* quoted_work for each quotation quote_marks marked, in one pass over
 * the quotations and the names found together. */
static void quoted_works(entity_table *t, const tagger_tok *tt)
{
    size_t n0 = t->nc2, p = 0;
    uint32_t maxend = 0;
    bool added = false, sorted = false;
    for (size_t i = 0; i < t->nw; i++) {
        if (tt[i].quote != TAGGER_QUOTE_FIRST)
            continue;
        size_t j = i + 1;
        while (j < t->nw && tt[j].quote == TAGGER_QUOTE_INSIDE)
            j++;
        if (j < t->nw && tt[j].quote == TAGGER_QUOTE_LAST) {
            if (!sorted) /* on the first quotation only */
                ent_sort_cands(t->c2, n0);
            sorted = true;
            for (; p < n0 && t->c2[p].off < t->w[i].off; p++) {
                uint32_t e = t->c2[p].off + t->c2[p].len;
                if (t->c2[p].len && e > maxend)
                    maxend = e;
            }
            added |= quoted_work(t, i, j + 1, p, n0, maxend);
        }
        i = j;
    }
    if (!added)
        return;
    size_t kept = 0;
    for (size_t q = 0; q < t->nc2; q++) {
        if (t->c2[q].len)
            t->c2[kept++] = t->c2[q];
    }
    t->nc2 = kept;
    ent_sort_cands(t->c2, t->nc2);
}

void ent_tag_article(entity_table *t)
{
    size_t n;
    const tagger_tok *tt = ent_tag_toks(t, &n);
    if (!t->tgs)
        t->tgs = tagger_scratch_new();
    LEDE_GROW(t->tags, t->tagcap, n + 1);
    tagger_tag(t->tagger, t->tgs, tt, n, t->tags);
    t->nc2 = 0;
    size_t k = 0, kr = 0;
    for (size_t i = 0; i < n;) {
        uint8_t g = t->tags[i];
        if (g == TAGGER_RULES) {
            size_t j = deferred_caption(t, i, kr);
            if (j) {
                size_t of = person_of(t, i, j);
                add_span(t, i, of, ENT_PERSON, &k);
                add_span(t, of + 1, j, ENT_ORG, &k);
                i = j;
                continue;
            }
            keep_rules(t, i, &kr);
            i++;
            continue;
        }
        if (!g || lower_gap(&t->w[i]) || score_at(t, i) ||
            ent_party_state(t, i)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        /* a name spans no punctuation ("Lavrov, Kerry" is two) and no
         * lowercase word but "of", "de", "and" ("Xi meets Abe" is two) */
        while (j < n && t->tags[j] == TAGGER_I(TAGGER_TYPE(g)) &&
               !(t->w[j].f & S_BREAK) && !lower_gap(&t->w[j]) &&
               !score_at(t, j))
            j++;
        while (j > i + 1 && ((t->w[j - 1].f & S_LOWER) ||
                             ent_trailing_stop(t, i, j)))
            j--;
        j = rules_tail(t, i, j, kr);
        size_t of = person_of(t, i, j);
        if (of) {
            add_span(t, i, of, ENT_PERSON, &k);
            add_span(t, of + 1, j, TAGGER_TYPE(g), &k);
        } else if (j > i + 1 || !split_by_rules(t, i, &kr)) {
            add_span(t, i, j, TAGGER_TYPE(g), &k);
        }
        i = j;
    }
    size_t kept = 0;
    for (size_t q = 0; q < t->nc2; q++) {
        if (caps_no_name(t, tt, &t->c2[q]) || pronoun_i(t, &t->c2[q]))
            continue;
        if (kept && join_place(t, &t->c2[kept - 1], &t->c2[q]))
            continue;
        initials_person(t, &t->c2[q]);
        t->c2[kept++] = t->c2[q];
    }
    t->nc2 = kept;
    quoted_works(t, tt);
    ent_cand *c = t->c;
    size_t cap = t->ccap;
    t->c = t->c2;
    t->ccap = t->c2cap;
    t->nc = t->nc2;
    t->c2 = c;
    t->c2cap = cap;
}

void entity_table_set_tagger(entity_table *t, const tagger *m)
{
    t->tagger = m;
}

void ent_tag_free(entity_table *t)
{
    tagger_scratch_free(t->tgs);
    free(t->tt);
    free(t->tags);
    free(t->c2);
    free(t->dr_key);
    free(t->dr_votes);
    free(t->capmid);
    free(t->runs);
}
