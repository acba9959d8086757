/* entity_doc.c: one article, one decision per name.
 *
 * After the rules (and the tagger, when there is one) have found the
 * article's names one mention at a time, five decisions look at the
 * whole article:
 *
 *  - an ordinal before an organisation or another name ("the 65th Air
 *    Division", "the 2nd Battle of Fredericksburg", "the Eighth Air
 *    Force") is the name's first word: the rules never start a name
 *    with a digit and cut common words off its start, the tagger
 *    rarely puts them back;
 *  - a word that starts a line or sentence before a number every time
 *    the article writes it, twice or more, heads a numbered list
 *    ("Milepost 0: ...", "Milepost 1.2: ..."): no name (a colon after
 *    the number where it could be a score: "Arsenal 3");
 *  - a plain number right after a name is its last word ("Apollo 11",
 *    "Channel 4"), but not a year, a score, a count or a unit, nor after
 *    a person or a team in a sports article. Measured (WikiGold 5-fold
 *    CV, UNER by a model without UNER, CoNLL testa as an aggregate):
 *    untyped F1 +0.0014, +0.0004, +0.0001; typed +0.0005, +0.0005,
 *    -0.0007 (four CoNLL names fewer rightly typed);
 *  - a name of two words or more, or one word of capitals and digits
 *    ("6PR", "MTV2"), found in one place marks its other exact
 *    mentions in the article, where nothing else was found or only
 *    names inside it ("Maine Central Railroad" where another sentence
 *    gave "Maine" and "Central Railroad");
 *  - an acronym the article also writes in the plural ("KO" beside
 *    "KOs", "PC" beside "PCs") is a common noun;
 *
 * and one decision on a name's inside: two full names joined by "&" are
 * two people ("Karl Langdon & Harvey Deegan").
 *
 * Later steps (each at its function): a title the article writes before
 * a full name is no part of the surname after it (titled_surnames), a
 * preposition before a possessive is no place cue (possessive_after_prep),
 * and a name no list knows after "<person> of" is an organisation
 * (org_of_person).
 *
 * Measured on WikiGold (5-fold CV, the shipped combination) before it
 * was written: of 650 missed names, 43 were strings the same article
 * names correctly elsewhere; of 672 false alarms, 42 were strings the
 * article leaves unnamed in most of their mentions, 34 words it also
 * writes in lowercase. Most repeated mistakes are the same mistake each
 * time. Simulated there, these broke even or lost and are not done:
 * single-word propagation (9 right, 9 wrong), dropping names the
 * article leaves unnamed in most mentions (+0.0001 F1), dropping one
 * word it also writes in lowercase (+0.0017, and "Reading" the town
 * lost 9 times), cutting a name to a shorter one the article also
 * names (-0.003 to -0.03: "German Air Force" to "Air Force"). Joining
 * side-by-side names, a place or other name before an organisation or
 * place, won 0.003 there ("Western Australia", "Bangladesh Army") but
 * lost on UNER ("Houston, Texas USA") and glues the modifiers merging
 * keeps apart ("Yukos USA"): not done either. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entity_priv.h"

/* "1st", "22nd", "3rd", "65th", "62d", "93d": digits, then an ordinal
 * suffix in lowercase. */
static bool ordinal_word(const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == 0 || d > 4)
        return false;
    const char *x = s + d;
    size_t k = n - d;
    return (k == 1 && x[0] == 'd') ||
           (k == 2 && (!memcmp(x, "st", 2) || !memcmp(x, "nd", 2) ||
                       !memcmp(x, "rd", 2) || !memcmp(x, "th", 2)));
}

/* "Second", "Fourth", "Sixteenth": an ordinal in words, capitalised
 * (a name's first word: "the Second Battle of Bull Run", "the Eighth Air
 * Force"). */
static bool spelled_ordinal(const char *s, size_t n, uint32_t f)
{
    static const char *const ord[] = {
        "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh",
        "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth",
        "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
        "Nineteenth", "Twentieth"};
    if (!(f & S_CAP) || (f & S_ALLCAPS) || n < 5 || n > 11)
        return false;
    for (size_t i = 0; i < sizeof ord / sizeof *ord; i++) {
        if (strlen(ord[i]) == n && !memcmp(ord[i], s, n))
            return true;
    }
    return false;
}

/* The type the candidate's votes give, or -1 when none voted. */
static int voted_type(const ent_cand *c)
{
    int best = -1;
    for (int k = 0; k < ENT_NTYPES; k++) {
        if (c->votes[k] > 0 && (best < 0 || c->votes[k] > c->votes[best]))
            best = k;
    }
    return best;
}

/* Whether candidate c covers whole words [w0, w1). */
static bool whole_words(const entity_table *t, const ent_cand *c)
{
    return c->len && c->w0 < c->w1 && c->w1 <= t->nw &&
           c->off == t->w[c->w0].off &&
           c->off + c->len == t->w[c->w1 - 1].off + t->w[c->w1 - 1].len;
}

static bool capital(const ent_word *w)
{
    return (w->f & (S_CAP | S_ALLCAPS | S_INIT | S_DIGIT)) != 0;
}

/* "the 65th Air Division", "the Eighth Air Force": an ordinal, in
 * figures or capitalised words, nothing between it and the name,
 * no capitalised word or number before it ("De Trobriand's 55th New
 * York", "Stevenage 1 Tamworth 1"), the name an organisation or other
 * that is not an organisation of the gazetteer. */
static void ordinal_heads(entity_table *t)
{
    const ent_word *w = t->w;
    uint32_t last = 0;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w0 == 0) {
            if (c->len && c->off + c->len > last)
                last = c->off + c->len;
            continue;
        }
        size_t a = c->w0;
        int type = voted_type(c);
        /* no cue typed it: its last word may ("Air Force", "Cup") */
        if (type < 0 && (w[c->w1 - 1].wf & W_ORGKW))
            type = ENT_ORG;
        else if (type < 0 && (w[c->w1 - 1].wf & W_EVENT))
            type = ENT_OTHER;
        const ent_word *o = &w[a - 1];
        /* "the 60th NATO summit": an organisation of the gazetteer is
         * the name; the ordinal counts the occasion */
        long g = ent_gaz_find(t, t->text + c->off, c->len);
        if ((type == ENT_ORG || type == ENT_OTHER) &&
            (g < 0 || t->gaz[g].type != ENT_ORG) &&
            o->off >= last && !(w[a].f & (S_BREAK | S_SENT | S_LINE)) &&
            (((o->f & S_DIGIT) && ordinal_word(t->text + o->off, o->len)) ||
             spelled_ordinal(t->text + o->off, o->len, o->f)) &&
            (a < 2 || (o->f & (S_BREAK | S_SENT | S_LINE)) ||
             !capital(&w[a - 2]))) {
            c->len += c->off - o->off;
            c->off = o->off;
            c->w0 = (uint32_t)(a - 1);
            if (o->f & S_SENT)
                c->rank = c->rank < 1 ? c->rank : 1;
        }
        if (c->off + c->len > last)
            last = c->off + c->len;
    }
}

/* Bytes s[0, n) are ASCII digits, one to four, not a year (1000 to
 * 2099): "11", "747", "4"; not "1994", "3.5", "2-1". */
static bool plain_number(const char *s, size_t n)
{
    if (n < 1 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return !(n == 4 && (s[0] == '1' || (s[0] == '2' && s[1] == '0')));
}

/* Word b, a plain number, ends the name before it: one space before
 * it, nothing glued after it but an end of clause, and what follows is
 * no sign of a score ("Arsenal 2 Chelsea 1", "Essex 532 and 210"), a
 * count ("22 points", "10 KOs") or a unit ("2 PM"). */
static bool name_number(const entity_table *t, size_t b)
{
    const ent_word *w = t->w;
    if (b >= t->nw || !(w[b].f & S_DIGIT) ||
        (w[b].f & (S_BREAK | S_SENT | S_LINE)) ||
        w[b].off != w[b - 1].off + w[b - 1].len + 1 ||
        t->text[w[b].off - 1] != ' ' ||
        !plain_number(t->text + w[b].off, w[b].len))
        return false;
    char after = t->text[w[b].off + w[b].len];
    if (!(after == ' ' || after == ',' || after == '.' || after == ')' ||
          after == ';' || after == '\n' || after == '\0' ||
          after == '\''))
        return false;
    /* "Feyenoord 2 (Larsson 30)": a score, its scorers in brackets */
    if (after == ' ' && t->text[w[b].off + w[b].len + 1] == '(')
        return false;
    if (b + 1 >= t->nw || (w[b + 1].f & S_BREAK))
        return true;
    const ent_word *x = &w[b + 1];
    const char *xs = t->text + x->off;
    /* another number ("Arsenal 2 1"), a capitalised word: a score line
     * ("Racing Santander 1 Real Madrid 1"), a unit ("2 PM"), or a name
     * that goes on past the number ("Movimento 5 Stelle", where "5"
     * alone would cut it) */
    if (x->f & (S_DIGIT | S_CAP | S_ALLCAPS | S_INIT))
        return false;
    /* a count: a plural ("22 points"), a conjunction ("532 and 210") */
    return xs[x->len - 1] != 's' && !((x->f & S_LOWER) && (x->wf & W_STOP));
}

/* "Apollo 11", "Channel 4", "Boeing 747", "BBC Radio 1": a plain
 * number right after a name of one to three words is the name's last
 * word, unless the name is a person's ("Smith 45"), a team's in a
 * sports article, a name
 * right after a number ("Arsenal 2 Chelsea 1"), or the number a year
 * ("Euro 1996" stays "Euro"), a score, a count or a unit (name_number). */
static void trailing_numbers(entity_table *t)
{
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || (c->team && t->arts_sports) ||
            c->w1 - c->w0 > 3 ||
            voted_type(c) == ENT_PERSON ||
            (c->w0 > 0 && (w[c->w0 - 1].f & S_DIGIT)) ||
            !name_number(t, c->w1))
            continue;
        /* another name starting at the number: leave both */
        if (i + 1 < t->nc && t->c[i + 1].len &&
            t->c[i + 1].off == w[c->w1].off)
            continue;
        c->w1++;
        c->len = w[c->w1 - 1].off + w[c->w1 - 1].len - c->off;
        c->team = 0;
    }
}

/* Word i starts a line or sentence and a number follows it; with
 * colon, a colon after the number ("Stage 3:", not "Arsenal 3"). */
static bool numbered_head(const entity_table *t, size_t i, bool colon)
{
    if (!(t->w[i].f & (S_SENT | S_LINE)) || i + 1 >= t->nw ||
        !(t->w[i + 1].f & S_DIGIT))
        return false;
    if (!colon)
        return true;
    const char *p = t->text + t->w[i + 1].off + t->w[i + 1].len;
    while (*p == ' ')
        p++;
    return *p == ':';
}

/* "Milepost 0: Bridgton Junction", "Milepost 1.2: Small's": a word the
 * article writes only as the head of numbered lines is no name. */
static void numbered_lists(entity_table *t)
{
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        /* "Arsenal 3" heads a line of results: a number the scanner
         * took for a score needs a colon after it */
        bool colon = c->team != 0;
        if (!whole_words(t, c) || c->w1 != c->w0 + 1 || !t->w[c->w0].hash ||
            !numbered_head(t, c->w0, colon) ||
            ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        uint32_t h = t->w[c->w0].hash;
        size_t seen = 0;
        bool heads = true;
        for (size_t j = 0; j < t->nw && heads; j++) {
            if (t->w[j].hash != h)
                continue;
            seen++;
            heads = numbered_head(t, j, colon);
        }
        if (heads && seen >= 2)
            c->len = 0;
    }
}

/* The key of word w for matching exact mentions: its folded hash, or
 * for a number (which has none) its length and first two bytes (the
 * bytes are compared after). */
static inline uint32_t word_key(const entity_table *t, const ent_word *w)
{
    if (w->hash)
        return w->hash | 1;
    const unsigned char *s = (const unsigned char *)t->text + w->off;
    return (w->len << 16 | (uint32_t)s[0] << 8 | (w->len > 1 ? s[1] : 0)) |
           1;
}

/* "Pan-democrat Lam Cheuk-ting", "Neo-classical", "a NASA T-shirt":
 * the scanner cuts a capitalised word before a hyphen and a lowercase
 * word to the name before it ("Kerry-led", "Ohio-based"); where that is
 * a prefix of English words or one letter ("T-shirt", "X-ray"), it is
 * no name's word. Decided after the tagger: the rules' name is one of
 * its inputs, and the cut keeps "Lam Cheuk-ting" apart from the
 * prefix. */
static bool prefix_cut(const entity_table *t, const ent_word *w)
{
    static const char *const pre[] = {"pan", "neo", "ultra", "mid",
                                      "quasi", "counter", "pseudo"};
    if (!(w->f & S_CUT) || t->text[w->off + w->len] != '-')
        return false;
    if (w->len == 1)
        return true;
    const char *x = t->text + w->off;
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
        size_t n = strlen(pre[i]), k = 0;
        while (k < n && k < w->len && (x[k] | 0x20) == pre[i][k])
            k++;
        if (k == n && n == w->len)
            return true;
    }
    return false;
}

enum { PROP_MAX = 64 }; /* names propagated an article, at most */

/* Words [i, i + k) of the article are the same bytes as candidate p
 * and stand alone: no capitalised word runs on into them (nor a number
 * after them), no name propagated here already (cov & 2). */
static bool repeat_at(const entity_table *t, const ent_cand *p, size_t i,
                      const uint8_t *cov)
{
    size_t k = p->w1 - p->w0;
    const ent_word *w = t->w;
    if (i + k > t->nw || i == p->w0)
        return false;
    uint32_t off = w[i].off, end = w[i + k - 1].off + w[i + k - 1].len;
    if (end - off != p->len || memcmp(t->text + off, t->text + p->off, p->len))
        return false;
    if (i + k < t->nw && capital(&w[i + k]) && !(w[i + k].f & S_BREAK) &&
        !prefix_cut(t, &w[i + k]))
        return false;
    /* a number before it is no part of it ("at 340 Hay Street") */
    if (i > 0 && capital(&w[i - 1]) && !(w[i - 1].f & S_DIGIT) &&
        !(w[i].f & (S_BREAK | S_SENT)))
        return false;
    for (size_t j = i; j < i + k; j++) {
        if (cov[j] & 2)
            return false;
    }
    return true;
}

/* The first of the sorted candidates t->c[0, nc) at or after byte off. */
static size_t first_at(const entity_table *t, size_t nc, uint32_t off)
{
    size_t lo = 0, hi = nc;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->c[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether every candidate of t->c[0, nc) over words [a, b) lies inside
 * them and none is exactly them (that mention was found already); their
 * range in t->c in [*lo, *hi). */
static bool names_inside(const entity_table *t, size_t nc, size_t a,
                         size_t b, size_t *lo, size_t *hi)
{
    uint32_t end = t->w[b - 1].off + t->w[b - 1].len;
    size_t k = first_at(t, nc, t->w[a].off);
    /* one starting before a and running into it ("Air Division" before
     * "Division Road"): the sort keeps such ones just before k */
    for (size_t x = k; x-- > 0 && k - x <= 8;) {
        const ent_cand *c = &t->c[x];
        if (c->len && c->off + c->len > t->w[a].off)
            return false;
    }
    *lo = k;
    for (; k < nc && t->c[k].off < end; k++) {
        const ent_cand *c = &t->c[k];
        if (c->len && (c->w1 > b || (c->w0 == a && c->w1 == b)))
            return false;
    }
    *hi = k;
    return true;
}

/* The article's scratch set of salted hashes (t->dset), made on first
 * use; doc_mark adds h to it. */
static void doc_set_ready(entity_table *t)
{
    if (!t->dset)
        t->dset = lede_calloc(ENT_SETBITS, sizeof *t->dset);
}

static void doc_mark(entity_table *t, uint32_t h)
{
    doc_set_ready(t);
    ent_set_add(t->dset, t->gen, h);
}

/* One word of capitals and digits mixed ("6PR", "MTV2", "EZ2DJ",
 * "A1GP"): a code, not a word of the language, so named once it is a
 * name each time; the rules never name one, the tagger knows it only
 * where its context says so. */
static bool code_word(const entity_table *t, const ent_cand *c)
{
    const ent_word *w = &t->w[c->w0];
    if (c->w1 != c->w0 + 1 || !(w->f & (S_DIGIT | S_HASDIGIT)))
        return false;
    const char *x = t->text + w->off;
    bool upper = false;
    for (size_t k = 0; k < w->len; k++) {
        unsigned char ch = (unsigned char)x[k];
        if (ch >= 'A' && ch <= 'Z')
            upper = true;
        else if (!(ch >= '0' && ch <= '9') && !(ch >= 'a' && ch <= 'z'))
            return false;
    }
    return upper;
}

static void propagate(entity_table *t)
{
    size_t np = 0;
    uint32_t props[PROP_MAX];
    for (size_t i = 0; i < t->nc && np < PROP_MAX; i++) {
        const ent_cand *c = &t->c[i];
        /* not one led by a title ("Doctor Hank"): elsewhere the title
         * is rightly left out ("Doctor Hank" in a headline, "trusting
         * Doctor Hank" in the text) */
        if (whole_words(t, c) && (c->w1 - c->w0 >= 2 || code_word(t, c)) &&
            !c->team &&
            !(t->w[c->w0].wf & W_TITLE))
            props[np++] = (uint32_t)i;
    }
    if (!np)
        return;
    doc_set_ready(t);
    for (size_t k = 0; k < np; k++)
        ent_set_add(t->dset, t->gen, word_key(t, &t->w[t->c[props[k]].w0]));
    LEDE_GROW(t->dcov, t->dcovcap, t->nw + 1);
    uint8_t *cov = t->dcov;
    memset(cov, 0, t->nw + 1);
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (!c->len || c->w0 >= c->w1 || c->w1 > t->nw)
            continue;
        for (uint32_t j = c->w0; j < c->w1; j++)
            cov[j] = 1;
    }
    size_t nc0 = t->nc;
    for (size_t i = 0; i < t->nw; i++) {
        if (!capital(&t->w[i]) ||
            !ent_set_has(t->dset, t->gen, word_key(t, &t->w[i])))
            continue;
        for (size_t k = 0; k < np; k++) {
            /* t->c may move as it grows: index, not pointer */
            const ent_cand *p = &t->c[props[k]];
            size_t n = p->w1 - p->w0;
            if (!repeat_at(t, p, i, cov))
                continue;
            bool open = true;
            for (size_t j = i; j < i + n; j++)
                open &= !(cov[j] & 1);
            size_t lo = 0, hi = 0;
            if (!open && !names_inside(t, nc0, i, i + n, &lo, &hi))
                continue;
            /* names inside it give way */
            for (size_t x = lo; x < hi; x++)
                t->c[x].len = 0;
            LEDE_GROW(t->c, t->ccap, t->nc + 1);
            p = &t->c[props[k]];
            ent_cand *c = &t->c[t->nc++];
            *c = *p;
            c->w0 = (uint32_t)i;
            c->w1 = (uint32_t)(i + n);
            c->off = t->w[i].off;
            c->rank = (t->w[i].f & S_TC) ? 0 : (t->w[i].f & S_SENT) ? 1 : 2;
            c->tentative = 0;
            c->uncertain = 0;
            c->glue = 0;
            for (size_t j = i; j < i + n; j++)
                cov[j] |= 2 | 1;
            i += n - 1;
            break;
        }
    }
    if (t->nc > nc0)
        ent_sort_cands(t->c, t->nc);
}

/* "Jenny Seaton & Gary Carvolth": two names of two words or more
 * joined by "&", one of them starting with a given name, neither ending
 * in a word of organisations, are two people ("Marks & Spencer", "Simon
 * & Schuster" join single words; "Smith Barney & Partners Group" ends
 * in one: one name each). */
static void two_people(entity_table *t)
{
    const ent_word *w = t->w;
    size_t nc0 = t->nc;
    for (size_t i = 0; i < nc0; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 - c->w0 < 4)
            continue;
        size_t m = c->w0 + 2;
        while (m + 2 <= c->w1 && !(w[m].f & S_AMP))
            m++;
        if (m + 2 > c->w1 ||
            !((w[c->w0].wf | w[m].wf) & W_FIRST) ||
            ((w[m - 1].wf | w[c->w1 - 1].wf) & W_ORGKW))
            continue;
        ent_cand right = *c;
        c->w1 = (uint32_t)m;
        c->len = w[m - 1].off + w[m - 1].len - c->off;
        right.w0 = (uint32_t)m;
        right.off = w[m].off;
        right.len = w[right.w1 - 1].off + w[right.w1 - 1].len - right.off;
        right.rank = (w[m].f & S_TC) ? 0 : 2;
        memset(c->votes, 0, sizeof c->votes);
        c->votes[ENT_PERSON] = 2;
        memcpy(right.votes, c->votes, sizeof c->votes);
        LEDE_GROW(t->c, t->ccap, t->nc + 1);
        t->c[t->nc++] = right;
    }
    if (t->nc > nc0)
        ent_sort_cands(t->c, t->nc);
}

/* Bytes s[0, n) are two or more capitals A-Z and nothing else. */
enum { PLURAL_SALT = 0x5bd1e995u, ORGEND_SALT = 0x27d4eb2fu };

/* "KO" where the article also writes "KOs", "PC" beside "PCs": an
 * acronym the article counts is a common noun, no name (unless listed:
 * the gazetteer's names stay). */
static void counted_acronyms(entity_table *t)
{
    const ent_word *w = t->w;
    bool any = false;
    for (size_t i = 0; i < t->nw; i++) {
        const char *x = t->text + w[i].off;
        if (w[i].len >= 3 && x[w[i].len - 1] == 's' &&
            ent_acronym_shape(x, w[i].len - 1)) {
            doc_mark(t, ent_hash(x, w[i].len - 1) ^ PLURAL_SALT);
            any = true;
        }
    }
    if (!any)
        return;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 != c->w0 + 1 ||
            !ent_acronym_shape(t->text + c->off, c->len) ||
            !ent_set_has(t->dset, t->gen,
                         ent_hash(t->text + c->off, c->len) ^ PLURAL_SALT) ||
            ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        c->len = 0;
    }
}

/* "University exhibits draw crowds" in an article naming "Marlow
 * University": a last word of organisations alone where capitals say
 * nothing (a sentence's or line's first word, a title-case line) is the
 * common noun when the article ends a longer name with it, unless
 * listed. The rules keep it as a known ending of that name; it is no
 * short form of it. Decided after the tagger, which sees the rules'
 * name as they made it. */
static void org_word_alone(entity_table *t)
{
    const ent_word *w = t->w;
    bool any = false;
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (whole_words(t, c) && c->w1 >= c->w0 + 2 &&
            (w[c->w1 - 1].wf & W_ORGKW)) {
            doc_mark(t, w[c->w1 - 1].hash ^ ORGEND_SALT);
            any = true;
        }
    }
    for (size_t i = 0; any && i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 != c->w0 + 1 ||
            !(w[c->w0].wf & W_ORGKW) ||
            !(w[c->w0].f & (S_SENT | S_LINE | S_TC)) ||
            !ent_set_has(t->dset, t->gen, w[c->w0].hash ^ ORGEND_SALT) ||
            ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        c->len = 0;
    }
}

/* Words [a, a + 2) are a lowercase "for the" or "of the" with nothing
 * between them but blanks. */
static bool of_the(const entity_table *t, size_t a)
{
    const ent_word *w = t->w;
    return a + 2 < t->nw && (w[a].f & S_LOWER) && (w[a].wf & (W_OF | W_FOR)) &&
           (w[a + 1].f & S_LOWER) && (w[a + 1].wf & W_ARTICLE) &&
           !(w[a].f & S_BREAK) && !(w[a + 1].f & S_BREAK) &&
           !(w[a + 2].f & S_BREAK);
}

/* "Daughters", "Friends": one everyday word in the plural, no list's
 * name, that the name after "of the" makes one ("the Daughters of the
 * American Revolution", "Friends of the Earth"). */
static bool plural_head(const entity_table *t, const ent_cand *c)
{
    const ent_word *w = &t->w[c->w0];
    const char *x = t->text + w->off;
    return c->w1 == c->w0 + 1 && w->len > 3 && (w->f & S_CAP) &&
           !(w->f & S_ALLCAPS) && x[w->len - 1] == 's' &&
           x[w->len - 2] != 's' && !(w->wf & W_FIRST) &&
           tagger_everyday(x, w->len) &&
           ent_gaz_find((entity_table *)t, x, w->len) < 0;
}

/* "the Andy Warhol Foundation for the Visual Arts", "the Museum of the
 * Moving Image", "the Daughters of the American Revolution": a name
 * ending in a word of "X of Y" organisations, or an everyday plural
 * (plural_head), "for the" or "of the", and a name right after it are
 * one organisation. The rules join "of" and "for" to a capitalised word
 * only ("Department for Transport"), so the name after "the" stood
 * alone ("Visual Arts" an organisation of its own). Not a place or
 * person after it ("the Bank of the United States" is one, but "the
 * Council for the Smiths" two): their own names. */
static void of_the_names(entity_table *t)
{
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        /* the tagger made such a name whole itself: the same vote */
        for (uint32_t k = c->w0 + 1; whole_words(t, c) && k + 2 < c->w1; k++) {
            ent_cand head = *c;
            head.w1 = k;
            if (of_the(t, k) && ((w[k - 1].wf & W_ORGOF) ||
                                 plural_head(t, &head))) {
                c->votes[ENT_ORG] += 2;
                break;
            }
        }
    }
    for (size_t i = 0; i + 1 < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || (w[c->w1 - 1].f & S_POSS) ||
            !of_the(t, c->w1) ||
            !((w[c->w1 - 1].wf & W_ORGOF) || plural_head(t, c)))
            continue;
        size_t j = i + 1;
        while (j < t->nc && !t->c[j].len)
            j++;
        if (j == t->nc || t->c[j].w0 != c->w1 + 2) {
            /* the tagger may have left the name after "the" out
             * ("Foundation for the Visual Crafts"): its capitalised
             * words, up to a break, are that name */
            size_t e = c->w1 + 2;
            while (e < t->nw && (w[e].f & S_CAP) && !(w[e].f & S_POSS) &&
                   (e == c->w1 + 2 || !(w[e].f & S_BREAK)))
                e++;
            if (e == c->w1 + 2 || (e < t->nw && (w[e].f & S_CAP)) ||
                (j < t->nc && t->c[j].off < w[e - 1].off + w[e - 1].len))
                continue;
            c->len = w[e - 1].off + w[e - 1].len - c->off;
            c->w1 = (uint32_t)e;
            c->votes[ENT_ORG] += 2;
            continue;
        }
        ent_cand *d = &t->c[j];
        int dt = voted_type(d);
        if (!whole_words(t, d) || d->w0 != c->w1 + 2 ||
            !(w[d->w0].f & S_CAP) || dt == ENT_PERSON ||
            (dt == ENT_PLACE && !(w[d->w1 - 1].wf & W_ORGKW)))
            continue;
        long g = ent_gaz_find(t, t->text + d->off, d->len);
        if (g >= 0 && t->gaz[g].type != ENT_ORG && t->gaz[g].type != ENT_OTHER)
            continue;
        c->w1 = d->w1;
        c->len = d->off + d->len - c->off;
        c->team = d->team;
        c->votes[ENT_ORG] += 2;
        d->len = 0;
        i = j;
    }
}

/* Candidate c is two whole words, unbroken, the first no given name:
 * "Warhol Polaroids", "Administrator Bolden". */
static bool unnamed_pair(const entity_table *t, const ent_cand *c)
{
    return whole_words(t, c) && c->w1 == c->w0 + 2 &&
           !(t->w[c->w0].wf & W_FIRST) && !(t->w[c->w0 + 1].f & S_BREAK);
}

enum { SURNAME_SALT = 0x165667b1u, ALONE_SALT = 0xd3a2646cu };

/* "Warhol Polaroids", "Warhol's Polaroids" in an article naming "Andy
 * Warhol" and writing "Polaroids" alone: two words, the first the
 * surname of a full name of the article (no given name itself), the
 * second a name the article writes alone, no everyday word ("Cesaroni
 * Design", a firm named for William Cesaroni, stays) and no word of
 * organisations, places or events ("Warhol Museum"), are the person and
 * that name: his Polaroids, not a name of their own. */
static void surname_and_name(entity_table *t)
{
    const ent_word *w = t->w;
    size_t nc0 = t->nc;
    bool any = false;
    for (size_t i = 0; i < nc0; i++) {
        const ent_cand *c = &t->c[i];
        if (!whole_words(t, c))
            continue;
        int ty = voted_type(c);
        if (c->w1 - c->w0 >= 2 && (w[c->w0].wf & W_FIRST) &&
            (ty < 0 || ty == ENT_PERSON)) {
            doc_mark(t, w[c->w1 - 1].hash ^ SURNAME_SALT);
            any = true;
        } else if (c->w1 == c->w0 + 1 && w[c->w0].hash) {
            doc_mark(t, w[c->w0].hash ^ ALONE_SALT);
        }
    }
    for (size_t i = 0; any && i < nc0; i++) {
        ent_cand *c = &t->c[i];
        if (!unnamed_pair(t, c))
            continue;
        const ent_word *a = &w[c->w0], *b = &w[c->w0 + 1];
        if ((b->wf & (W_ORGKW | W_PLACEKW | W_EVENT | W_FIRST | W_LEX)) ||
            !ent_set_has(t->dset, t->gen, a->hash ^ SURNAME_SALT) ||
            !ent_set_has(t->dset, t->gen, b->hash ^ ALONE_SALT) ||
            tagger_everyday(t->text + b->off, b->len) ||
            ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        ent_cand right = *c;
        right.w0 = c->w0 + 1;
        right.off = b->off;
        right.len = b->len;
        right.votes[ENT_PERSON] = 0;
        c->w1 = c->w0 + 1;
        c->len = a->len;
        memset(c->votes, 0, sizeof c->votes);
        c->votes[ENT_PERSON] = 2;
        c->team = 0;
        LEDE_GROW(t->c, t->ccap, t->nc + 1);
        t->c[t->nc++] = right;
    }
    if (t->nc > nc0)
        ent_sort_cands(t->c, t->nc);
}

enum { TITLED_SALT = 0x7f4a7c15u };

/* "Administrator Bolden" in an article that writes "NASA Administrator
 * Charles Bolden": a capitalised word, no given name, that the article
 * writes right before a person's full name is a title there, and before
 * that name's surname alone it is the title too, not the name's first
 * word; the surname is the person's. Title words the lists know ("Mr",
 * "President") the scanner keeps out of names already; this finds the
 * others in the article itself. */
static void titled_surnames(entity_table *t)
{
    const ent_word *w = t->w;
    size_t nc0 = t->nc;
    bool any = false, cut = false;
    for (size_t i = 0; i < nc0; i++) {
        const ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 - c->w0 < 2 || !c->w0)
            continue;
        int ty = voted_type(c);
        const ent_word *x = &w[c->w0 - 1];
        if (!(w[c->w0].wf & W_FIRST) || (ty >= 0 && ty != ENT_PERSON) ||
            (w[c->w0].f & S_BREAK) || !(x->f & S_CAP) ||
            (x->f & (S_ALLCAPS | S_POSS)) || (x->wf & W_FIRST) || !x->hash)
            continue;
        doc_mark(t, (x->hash * 0x9e3779b1u) ^ w[c->w1 - 1].hash ^ TITLED_SALT);
        any = true;
    }
    for (size_t i = 0; any && i < nc0; i++) {
        ent_cand *c = &t->c[i];
        if (!unnamed_pair(t, c))
            continue;
        const ent_word *a = &w[c->w0], *b = &w[c->w0 + 1];
        if (!ent_set_has(t->dset, t->gen,
                         (a->hash * 0x9e3779b1u) ^ b->hash ^ TITLED_SALT))
            continue;
        c->w0++;
        c->off = b->off;
        c->len = b->len;
        memset(c->votes, 0, sizeof c->votes);
        c->votes[ENT_PERSON] = 2;
        c->team = 0;
        cut = true;
    }
    if (cut)
        ent_sort_cands(t->c, t->nc);
}

/* "from Eden Hazard's assist", "to Google's offices": the object of a
 * preposition of place ("from", "to", "at") before a name in the
 * possessive is the thing after the "'s", so the name has no place cue
 * from it: the scanner's vote is taken back. Decided after the tagger:
 * it learned with the rules' votes as an input. */
static void possessive_after_prep(entity_table *t)
{
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || !c->w0 || c->votes[ENT_PLACE] <= 0 ||
            !(w[c->w1 - 1].f & S_POSS))
            continue;
        const ent_word *p = &w[c->w0 - 1];
        if ((p->f & S_LOWER) && (p->wf & W_PREP_AT) &&
            !(p->wf & W_PREP_IN))
            c->votes[ENT_PLACE]--;
    }
}

/* "Raymond Chan of People Power", "Cheng Chung-tai of Civic Passion": a
 * name right after a person's name and "of" that no list knows (a
 * listed place stays one: "Smith of Boston") is what the person belongs
 * to, an organisation. Decided after the tagger: the person is the
 * tagger's too. */
static void org_of_person(entity_table *t)
{
    const ent_word *w = t->w;
    for (size_t i = 1; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        const ent_cand *p = &t->c[i - 1];
        if (!whole_words(t, c) || !whole_words(t, p) || c->w0 < 2 ||
            p->w1 + 1 != c->w0 || !(w[p->w1].wf & W_OF) ||
            !(w[p->w1].f & S_LOWER) || (w[c->w0].f & S_BREAK) ||
            voted_type(p) != ENT_PERSON || voted_type(c) == ENT_ORG)
            continue;
        if (ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        uint32_t h;
        size_t n = ent_key_hash(t, t->text + c->off, c->len, &h);
        if (ent_weak_find(t, t->kbuf, n, h) >= 0)
            continue;
        int16_t top = 0;
        for (int k = 0; k < ENT_NTYPES; k++)
            top = c->votes[k] > top ? c->votes[k] : top;
        c->votes[ENT_ORG] = (int16_t)(top + 1);
    }
}

enum { PERSON_SALT = 0x2545f491u };

/* Words [a, b) of an organisation's name: one of them a word of
 * organisations ("Council", "University"). */
static bool org_words(const entity_table *t, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (t->w[k].wf & (W_ORGKW | W_ORGOF))
            return true;
    return false;
}

/* "Psychology major at University of Texas Arlington Amneh Jafari":
 * an organisation's name run on into a person's (a caption, a byline,
 * a role before a name) is two names when the last word is a surname
 * the article writes alone as a person's ("Jafari said"): the last two
 * words, a capitalised word that is no everyday word nor a word of
 * organisations, places or events and the surname, are the person;
 * not after "of" ("House of Luiz Caloi" is named for him). */
static void org_person_run_on(entity_table *t)
{
    const ent_word *w = t->w;
    size_t nc0 = t->nc;
    bool any = false;
    for (size_t i = 0; i < nc0 && !any; i++) {
        const ent_cand *c = &t->c[i];
        any = whole_words(t, c) && c->w1 >= c->w0 + 4 &&
              org_words(t, c->w0, c->w1 - 2);
    }
    if (!any)
        return;
    doc_set_ready(t);
    for (size_t i = 0; i < nc0; i++) {
        const ent_cand *c = &t->c[i];
        if (whole_words(t, c) && c->w1 == c->w0 + 1 && w[c->w0].hash &&
            voted_type(c) == ENT_PERSON)
            ent_set_add(t->dset, t->gen, w[c->w0].hash ^ PERSON_SALT);
    }
    for (size_t i = 0; i < nc0; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 < c->w0 + 4 ||
            !org_words(t, c->w0, c->w1 - 2))
            continue;
        const ent_word *a = &w[c->w1 - 2], *b = &w[c->w1 - 1];
        /* "House of Luiz Caloi" is named for the person */
        if (!capital(&w[c->w1 - 3]) ||
            (w[c->w1 - 3].wf & (W_OF | W_FOR | W_MINOR | W_ARTICLE)))
            continue;
        if (!(a->f & S_CAP) || (a->f & S_BREAK) || (b->f & S_BREAK) ||
            (a->wf & (W_ORGKW | W_ORGOF | W_PLACEKW | W_EVENT | W_LEX |
                      W_STOP | W_TITLE | W_MINOR | W_PARTICLE)) ||
            !ent_set_has(t->dset, t->gen, b->hash ^ PERSON_SALT) ||
            tagger_everyday(t->text + a->off, a->len))
            continue;
        ent_cand right = *c;
        right.w0 = c->w1 - 2;
        right.off = a->off;
        right.len = b->off + b->len - a->off;
        right.rank = (a->f & S_TC) ? 0 : 2;
        memset(right.votes, 0, sizeof right.votes);
        right.votes[ENT_PERSON] = 2;
        right.team = 0;
        c->w1 -= 2;
        c->len = w[c->w1 - 1].off + w[c->w1 - 1].len - c->off;
        LEDE_GROW(t->c, t->ccap, t->nc + 1);
        t->c[t->nc++] = right;
    }
    if (t->nc > nc0)
        ent_sort_cands(t->c, t->nc);
}

static bool word_is(const entity_table *t, const ent_word *w, const char *s)
{
    size_t n = strlen(s);
    return w->len == n && !strncasecmp(t->text + w->off, s, n);
}

/* A year in figures: "1991". */
static bool year_word(const entity_table *t, const ent_word *w)
{
    const char *s = t->text + w->off;
    if (w->len != 4 || (s[0] != '1' && s[0] != '2'))
        return false;
    for (int i = 1; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* "during the Hajj", "the 1991 Hajj", "on board the Freewinds": a
 * one-word name after "during", "aboard" or "on board" (and "the"), or
 * after "the" and a year, names an occasion or a craft, a cue for
 * other beside the rules' and the tagger's; not where a lowercase word
 * follows, as a modifier ("the 1883 McGill hockey team"). */
static void occasion_cues(entity_table *t)
{
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 != c->w0 + 1 || c->w0 < 2 ||
            (w[c->w0].f & S_BREAK))
            continue;
        uint32_t j = c->w0 - 1;
        bool cue = false;
        if (year_word(t, &w[j]) && !(w[j].f & S_BREAK)) {
            cue = word_is(t, &w[j - 1], "the");
        } else {
            if (word_is(t, &w[j], "the") && !(w[j].f & S_BREAK))
                j--;
            cue = word_is(t, &w[j], "during") || word_is(t, &w[j], "aboard") ||
                  (j > 0 && word_is(t, &w[j], "board") &&
                   word_is(t, &w[j - 1], "on"));
        }
        /* "the 1883 McGill hockey team": a modifier */
        const ent_word *nx = c->w1 < t->nw ? &w[c->w1] : NULL;
        if (nx && (nx->f & S_LOWER) && !(nx->f & S_BREAK) &&
            !(nx->wf & (W_MINOR | W_ARTICLE | W_OF | W_FOR)))
            cue = false;
        if (cue)
            c->votes[ENT_OTHER] += 3;
    }
}

/* A listed place and a point of the compass after it ("Kowloon West",
 * "New Territories East": constituencies, districts) name a place: a
 * cue beside the rules' and the tagger's. */
static void compass_places(entity_table *t)
{
    static const char *const pts[] = {"north", "south", "east", "west",
                                      "northeast", "northwest",
                                      "southeast", "southwest"};
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 < c->w0 + 2)
            continue;
        const ent_word *e = &w[c->w1 - 1];
        bool pt = false;
        for (size_t k = 0; k < sizeof pts / sizeof *pts && !pt; k++)
            pt = word_is(t, e, pts[k]);
        if (!pt || !(e->f & S_CAP) || c->votes[ENT_PERSON] > 0)
            continue; /* "Kanye West" */
        const ent_word *l = &w[c->w1 - 2];
        size_t n = l->off + l->len - c->off;
        long g = ent_gaz_find(t, t->text + c->off, n);
        int ty = g >= 0 ? t->gaz[g].type : -1;
        if (g < 0) {
            uint32_t h;
            size_t k = ent_key_hash(t, t->text + c->off, n, &h);
            int32_t wg = ent_weak_find(t, t->kbuf, k, h);
            ty = wg >= 0 ? t->weak->gaz[wg].type : -1;
        }
        if (ty == ENT_PLACE)
            c->votes[ENT_PLACE] += 3;
    }
}

/* The first word of candidate c but its last with flag f (S_*), or
 * c->w1 when none has it (or c is not whole words). */
static uint32_t inner_with(const entity_table *t, const ent_cand *c,
                           uint32_t f)
{
    if (!whole_words(t, c))
        return c->w1;
    for (uint32_t k = c->w0; k + 1 < c->w1; k++)
        if (t->w[k].f & f)
            return k;
    return c->w1;
}

/* Candidate i becomes two at word k: its words up to k, without the
 * votes (the cues were the whole name's), and the words after k, a name
 * of their own with the cues, appended (the caller sorts). */
static void split_after(entity_table *t, size_t i, uint32_t k)
{
    const ent_word *w = t->w;
    ent_cand *c = &t->c[i];
    ent_cand right = *c;
    right.w0 = k + 1;
    right.off = w[k + 1].off;
    right.len = c->off + c->len - right.off;
    right.rank = (w[k + 1].f & S_TC) ? 0 : 2;
    c->w1 = k + 1;
    c->len = w[k].off + w[k].len - c->off;
    c->team = 0;
    memset(c->votes, 0, sizeof c->votes);
    LEDE_GROW(t->c, t->ccap, t->nc + 1);
    t->c[t->nc++] = right;
}

/* "pro-Beijing New People Party": a name after a lowercase prefix and
 * a hyphen qualifies what follows and ends there, as the rules have it
 * (S_PRECUT); the tagger may run on over it. The words after it are a
 * name of their own, with the cues; the prefixed name stands alone. */
static void precut_run_on(entity_table *t)
{
    size_t nc0 = t->nc;
    for (size_t i = 0; i < nc0; i++) {
        uint32_t k = inner_with(t, &t->c[i], S_PRECUT);
        if (k < t->c[i].w1)
            split_after(t, i, k);
    }
    if (t->nc > nc0)
        ent_sort_cands(t->c, t->nc);
}

/* "Pro-Beijing DAB's Starry Lee", "the Pro-Beijing camp": a prefix
 * and a hyphen before a listed name, at a sentence's start or as a
 * name alone, qualify what follows, as "pro-Beijing" does: the name is
 * the listed one after the hyphen, and the words after it a name of
 * their own ("Pro-Beijing DAB" had become the name of every "DAB").
 * "World Anti-Doping Agency" (mid-sentence, more words) and
 * "Anti-Doping Agency" (no listed name after the hyphen) stay whole. */
static void prefixed_openers(entity_table *t)
{
    size_t nc0 = t->nc;
    for (size_t i = 0; i < nc0; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c))
            continue;
        const ent_word *w = &t->w[c->w0];
        if (!(w->f & S_PREFIXED) ||
            (!(w->f & (S_SENT | S_LINE)) && c->w1 > c->w0 + 1))
            continue;
        const char *x = t->text + w->off;
        const char *h = memchr(x, '-', w->len);
        if (!h || x + w->len - (h + 1) < 2 || h[1] < 'A' || h[1] > 'Z' ||
            ent_listed_type(t, h + 1, (size_t)(x + w->len - (h + 1))) < 0)
            continue;
        if (c->w1 > c->w0 + 1)
            split_after(t, i, c->w0);
        c = &t->c[i];
        c->off = (uint32_t)(h + 1 - t->text);
        c->len = (uint32_t)(x + w->len - (h + 1));
        memset(c->votes, 0, sizeof c->votes);
    }
    if (t->nc > nc0)
        ent_sort_cands(t->c, t->nc);
}

/* "Volunteer organization X collected", "Gameplay was delayed", a
 * caption "Superheroes": one everyday word (the lexicon's, no given
 * name, no list's name) at a sentence's or line's start that the article
 * never writes capitalised mid-sentence is the common word, whatever
 * the tagger made of it. Only with the tagger (its memo of the words
 * written capitalised mid-sentence). */
static void everyday_openers(entity_table *t)
{
    if (!t->tagger || !t->capmid)
        return;
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 != c->w0 + 1)
            continue;
        const ent_word *x = &w[c->w0];
        if (!(x->f & (S_SENT | S_LINE)) || !(x->f & S_CAP) ||
            (x->f & (S_ALLCAPS | S_HYPH | S_PREFIXED | S_LCAMEL)) ||
            (x->wf & (W_FIRST | W_GAZ1)) ||
            !tagger_everyday(t->text + x->off, x->len) ||
            ent_set_has(t->capmid, t->gen, x->hash) ||
            ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        uint32_t h;
        size_t k = ent_key_hash(t, t->text + c->off, c->len, &h);
        int32_t g = ent_weak_find(t, t->kbuf, k, h);
        if (g >= 0 && t->weak->gaz[g].type != ENT_OTHER)
            continue;
        c->len = 0;
    }
}

enum { TEXT_SALT = 0x61c88647u };

/* "Mecca's Grand Mosque", "Demosisto's Nathan Law": a name with a
 * possessive inside is two names when the words before the "'s" are a
 * name of their own (listed, or found alone in the article) or the
 * words after it start with a given name; "Korean People's Army"
 * stays one. The rules end a name at a possessive; the tagger may run
 * on over it. */
static void possessive_names(entity_table *t)
{
    const ent_word *w = t->w;
    size_t nc0 = t->nc;
    bool any = false;
    for (size_t i = 0; i < nc0 && !any; i++)
        any = inner_with(t, &t->c[i], S_POSS) < t->c[i].w1;
    if (!any)
        return;
    doc_set_ready(t);
    for (size_t i = 0; i < nc0; i++) {
        const ent_cand *c = &t->c[i];
        if (c->len)
            ent_set_add(t->dset, t->gen,
                        ent_hash(t->text + c->off, c->len) ^ TEXT_SALT);
    }
    for (size_t i = 0; i < nc0; i++) {
        const ent_cand *c = &t->c[i];
        uint32_t k = inner_with(t, c, S_POSS);
        if (k >= c->w1)
            continue;
        uint32_t left = w[k].off + w[k].len - c->off;
        if (!(w[k + 1].wf & W_FIRST) &&
            !ent_set_has(t->dset, t->gen,
                         ent_hash(t->text + c->off, left) ^ TEXT_SALT) &&
            ent_gaz_find(t, t->text + c->off, left) < 0)
            continue;
        split_after(t, i, k);
    }
    if (t->nc > nc0)
        ent_sort_cands(t->c, t->nc);
}

/* A quotation mark ends right before byte off of the text. */
/* "the album \"A Quiet Harbour\"": a name that fills a quotation but
 * for a capitalised article before it ("A", "An", "The") is the whole
 * quoted title; the rules leave the article out, and propagation then
 * gives the title's other mentions the same words. */
static void quoted_titles(entity_table *t)
{
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w0 == 0)
            continue;
        const ent_word *a = &t->w[c->w0 - 1];
        bool art = (a->wf & W_ARTICLE) || word_is(t, a, "A") ||
                   word_is(t, a, "An");
        if (!art || !(a->f & S_CAP) || a->off + a->len + 1 != c->off ||
            !ent_quote_before(t->text, a->off))
            continue;
        int q = ent_quote_at(t->text, c->off + c->len);
        if (q != ENT_QUOTE_STRAIGHT && q != ENT_QUOTE_CLOSE)
            continue;
        c->len += c->off - a->off;
        c->off = a->off;
        c->w0--;
    }
}

bool ent_opens_clause(const entity_table *t, const ent_word *w)
{
    if ((w->f & (S_SENT | S_LINE)) || ent_quote_before(t->text, w->off))
        return true;
    /* a single quotation mark: ' or U+2018 after a blank */
    const unsigned char *x = (const unsigned char *)t->text;
    size_t o = w->off;
    if (o >= 1 && x[o - 1] == '\'')
        o -= 1;
    else if (o >= 3 && x[o - 3] == 0xE2 && x[o - 2] == 0x80 &&
             x[o - 1] == 0x98)
        o -= 3;
    else
        return false;
    return o == 0 || x[o - 1] == ' ' || x[o - 1] == '\n';
}

/* "'Hey John, my name is Frank'", "Dear Anna": an interjection that
 * opens a sentence or a quotation addresses the name after it and is no
 * part of it. Not "Oh", a surname too ("Oh Se-hoon said"). */
static void vocatives(entity_table *t)
{
    static const char *const hail[] = {
        "Hey", "Hi", "Hello", "Dear", "Thanks",
        "Well", "Okay", "OK", "Sorry", "Bye", "Goodbye", "Congratulations",
        "Ah", "Wow", "Yeah", "Cheers"};
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 < c->w0 + 2 ||
            !ent_opens_clause(t, &w[c->w0]) || (w[c->w0 + 1].f & S_BREAK) ||
            !(w[c->w0 + 1].f & S_CAP))
            continue;
        size_t k = 0, n = sizeof hail / sizeof hail[0];
        while (k < n && !word_is(t, &w[c->w0], hail[k]))
            k++;
        if (k == n || ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        c->w0++;
        c->len -= w[c->w0].off - c->off;
        c->off = w[c->w0].off;
        c->rank = (w[c->w0].f & S_TC) ? 0 : 2;
    }
}

/* "When I was in Air Force ROTC I was chosen", "In Dark Matters I
 * think": a name's last word "I" is the pronoun when a verb of the
 * first person follows and the word before it is an acronym or an
 * everyday word: not a name that takes a numeral ("Baudouin I was",
 * "Elizabeth I"), an event ("World War I"), a title, or a word that
 * numbers parts ("Part I", "Phase I"). */
static void pronoun_tails(entity_table *t)
{
    static const char *const numbered[] = {
        "Part", "Phase", "Chapter", "Act", "Type", "Class", "Stage", "Title",
        "Episode", "Volume", "Book", "Schedule", "Article", "Section",
        "Division", "Level", "Grade", "Tier", "Mark", "League", "Series"};
    static const char *const verbs[] = {
        "think", "thought", "mean", "guess", "believe", "know", "knew",
        "feel", "felt", "hope", "wish", "am", "was", "have", "had", "do",
        "did", "can", "could", "would", "will", "should", "must", "just",
        "really", "also", "never", "always", "want", "wanted", "said",
        "say", "got", "get", "went", "saw", "realised", "realized"};
    const ent_word *w = t->w;
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c) || c->w1 < c->w0 + 2 || c->w1 >= t->nw)
            continue;
        const ent_word *p = &w[c->w1 - 2], *x = &w[c->w1 - 1];
        if (x->len != 1 || t->text[x->off] != 'I' ||
            !(w[c->w1].f & S_LOWER) ||
            (p->wf & (W_FIRST | W_EVENT | W_TITLE)) ||
            !((p->f & S_ALLCAPS) || ent_everyday_word(t, p)))
            continue;
        size_t k = 0, n = sizeof numbered / sizeof numbered[0];
        while (k < n && !word_is(t, p, numbered[k]))
            k++;
        size_t v = 0, nv = sizeof verbs / sizeof verbs[0];
        while (v < nv && !word_is(t, &w[c->w1], verbs[v]))
            v++;
        if (k < n || v == nv ||
            ent_gaz_find(t, t->text + c->off, c->len) >= 0)
            continue;
        c->w1--;
        c->len = p->off + p->len - c->off;
    }
}

/* "Michael Jordan scored 30 points. Jordan said he was tired": a name
 * of the gazetteer (a country, a town, a company) written alone after
 * a person the article names in full with it as the surname, where a
 * person's cue follows it ("said", "'s wife", "who") or the rules typed
 * it a person there, is that person's mention (entity_merge.c
 * surname_mentions); "in Jordan", "to Paris" stay the place. */
enum { FULLNAME_SALT = 0x9e3779b1u };

static void listed_surnames(entity_table *t)
{
    const ent_word *w = t->w;
    bool any = false; /* a full name seen: the set holds its last word */
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c))
            continue;
        if (c->w1 >= c->w0 + 2) {
            if (((w[c->w0].wf & W_FIRST) || voted_type(c) == ENT_PERSON) &&
                ent_gaz_find(t, t->text + c->off, c->len) < 0) {
                doc_mark(t, w[c->w1 - 1].hash ^ FULLNAME_SALT);
                any = true;
            }
            continue;
        }
        const ent_word *x = &w[c->w0];
        if (!any || c->team ||
            !ent_set_has(t->dset, t->gen, x->hash ^ FULLNAME_SALT))
            continue;
        long g = ent_gaz_find(t, t->text + c->off, c->len);
        if (g < 0 || t->gaz[g].type == ENT_PERSON)
            continue;
        const ent_word *nx = c->w1 < t->nw ? &w[c->w1] : NULL;
        c->surname = (nx && !(nx->f & S_BREAK) &&
                      ((nx->wf & W_SAYS) || word_is(t, nx, "who"))) ||
                     (nx && (x->f & S_POSS) && (nx->wf & W_PERNEXT)) ||
                     voted_type(c) == ENT_PERSON;
    }
}

void ent_doc_consistency(entity_table *t)
{
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!whole_words(t, c))
            continue;
        while (c->w1 > c->w0 && prefix_cut(t, &t->w[c->w1 - 1]))
            c->w1--;
        c->len = c->w1 > c->w0 ? t->w[c->w1 - 1].off + t->w[c->w1 - 1].len -
                                     c->off
                               : 0;
    }
    vocatives(t);
    pronoun_tails(t);
    org_word_alone(t);
    of_the_names(t);
    possessive_names(t);
    precut_run_on(t);
    prefixed_openers(t);
    everyday_openers(t);
    surname_and_name(t);
    titled_surnames(t);
    possessive_after_prep(t);
    org_of_person(t);
    org_person_run_on(t);
    occasion_cues(t);
    compass_places(t);
    counted_acronyms(t);
    two_people(t);
    ordinal_heads(t);
    numbered_lists(t);
    trailing_numbers(t);
    quoted_titles(t);
    propagate(t);
    listed_surnames(t);
}
