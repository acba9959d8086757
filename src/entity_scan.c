/* entity_scan.c: finding names in one article.
 *
 * The article is cut into words once (entity_tok.c). Capitalised runs
 * become candidates, cut at titles, gazetteer names and common words, and
 * voted a type from cues around them. Decisions that need the whole
 * article wait for its end: a lone capitalised word that starts a
 * sentence is a name only when the article names it elsewhere, and on a
 * title-case line ("Syria Talks With Lavrov") only names known from the
 * body or the gazetteer count. */
#include <stdlib.h>
#include <string.h>

#include "entity_priv.h"
#include "tagger.h"
#include "util.h"

/* --- candidates --- */

static bool namey(const ent_word *w)
{
    return (w->f & (S_CAP | S_ALLCAPS | S_INIT | S_ALPRE)) &&
           !(w->f & (S_DIGIT | S_HASDIGIT)) && !(w->wf & W_MONTH);
}

/* Word i may be part of a name: namey, or a month or day word that the
 * gazetteer knows as a name and no number follows ("the Sun", not
 * "Sun 12 May"). */
static bool namey_at(const entity_table *t, size_t i)
{
    const ent_word *w = &t->w[i];
    if (namey(w))
        return true;
    return (w->wf & W_MONTH) && (w->wf & W_GAZ1) && (w->f & S_CAP) &&
           !(w->f & (S_DIGIT | S_HASDIGIT | S_ALLCAPS)) &&
           !(i + 1 < t->nw && (t->w[i + 1].f & S_DIGIT));
}

static uint32_t w_end(const ent_word *w)
{
    return w->off + w->len;
}

static ent_cand *new_cand(entity_table *t, size_t a, size_t b)
{
    LEDE_GROW(t->c, t->ccap, t->nc + 1);
    ent_cand *c = &t->c[t->nc++];
    memset(c, 0, sizeof *c);
    c->w0 = (uint32_t)a;
    c->w1 = (uint32_t)b;
    c->off = t->w[a].off;
    c->len = w_end(&t->w[b - 1]) - c->off;
    c->rank = 2;
    return c;
}

static long gaz_range(entity_table *t, const char *s, size_t a, size_t b)
{
    if (!(t->w[a].wf & W_GAZ1))
        return -1;
    return ent_gaz_find(t, s + t->w[a].off, w_end(&t->w[b - 1]) - t->w[a].off);
}

/* "Image: Nick Moreau", "Source: Reuters": an everyday word right before
 * a colon labels what follows; alone it is no name (a gazetteer name
 * still is: "Apple: results"). */
bool ent_label_word(entity_table *t, size_t a)
{
    const ent_word *w = &t->w[a];
    return (w->wf & W_LEX) && t->text[w->off + w->len] == ':' &&
           gaz_range(t, t->text, a, a + 1) < 0;
}

static int gaz_type(entity_table *t, long g)
{
    return g < 0 ? -1 : t->gaz[g].type;
}

/* A score follows word b: a small number, not a date or a ratio. */
/* A score after word b-1: 2 for one digit ("Palace 2"), 1 for up to
 * three ("Leicestershire 22", but also "S. Law 34"), 0 for none, a date
 * or a ratio. */
static int score_after(const entity_table *t, size_t b)
{
    /* "north of Orlando, 60 miles": a score follows a team directly */
    if (b >= t->nw || !(t->w[b].f & S_DIGIT) ||
        (t->w[b].f & (S_LINE | S_BREAK)) || t->w[b].len > 3)
        return 0;
    for (uint32_t i = 0; i < t->w[b].len; i++) {
        char ch = t->text[t->w[b].off + i];
        if (ch < '0' || ch > '9')
            return 0;
    }
    return t->w[b].len == 1 ? 2 : 1;
}

/* "Scorers: Konsa 85, Watkins 90", "Subs used: Sancho 75 (James)": the
 * number after a name is a minute when a comma and another name, or a
 * bracketed name, follow it; a team's score is followed by another team
 * or the line's end. */
static bool minute_after(const entity_table *t, size_t b)
{
    if (!score_after(t, b))
        return false;
    /* "Awoniyi 85 Attendance: 42,076": a label after the minute */
    if (b + 1 < t->nw && (t->w[b + 1].wf & W_NONAME) &&
        (t->w[b + 1].f & S_CAP))
        return true;
    const char *p = t->text + t->w[b].off + t->w[b].len;
    if (*p != ',' && !(*p == ' ' && p[1] == '('))
        return false;
    bool comma = *p == ',';
    p += comma ? 1 : 2;
    while (comma && *p == ' ')
        p++;
    if (!(*p >= 'A' && *p <= 'Z'))
        return false;
    if (comma)
        return true;
    /* "(James)", not "214 (P. Johnson 111)": one word in brackets */
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
           *p == '-' || *p == '\'' || (unsigned char)*p >= 0x80)
        p++;
    return *p == ')';
}

/* "75 (James)": the player a substitute replaced. */
static bool replaced_player(const entity_table *t, size_t a, size_t b)
{
    const ent_word *w = t->w;
    if (a < 2 || !(w[a - 1].f & S_DIGIT) || (w[a - 2].wf & W_MONTH) ||
        (w[a].f & S_ALLCAPS))
        return false; /* "Aug 14 (OPTA)" */
    const char *p = t->text + w[a - 1].off + w[a - 1].len;
    const char *q = t->text + w[b - 1].off + w[b - 1].len;
    return p + 2 == t->text + w[a].off && p[0] == ' ' && p[1] == '(' &&
           *q == ')';
}

/* ", 45," after a name: a person's age. */
static bool age_after(const entity_table *t, size_t b)
{
    const ent_word *w = t->w;
    if (b >= t->nw || !(w[b].f & S_DIGIT) || w[b].len > 2 ||
        !(w[b].f & S_BREAK))
        return false;
    const char *p = t->text + w[b - 1].off + w[b - 1].len;
    while (*p == ' ')
        p++;
    if (*p != ',')
        return false;
    p = t->text + w[b].off + w[b].len;
    while (*p == ' ')
        p++;
    return *p == ',';
}

/* "Alexander, the film", "Catwoman, which starred": a work's title. */
static bool work_after(const entity_table *t, size_t b)
{
    const ent_word *w = t->w;
    if (b + 1 >= t->nw || !(w[b].f & S_BREAK) || !(w[b].f & S_LOWER))
        return false;
    const char *p = t->text + w[b - 1].off + w[b - 1].len;
    while (*p == ' ')
        p++;
    if (*p != ',')
        return false;
    const ent_word *x = &w[b];
    if (x->wf & (W_ARTICLE | W_MINOR))
        x = &w[b + 1]; /* "the", "a" */
    if ((x->wf & W_WORKNEXT) && (x->f & S_LOWER) && !(x->f & S_BREAK))
        return true;
    return x == &w[b] && x->len == 5 &&
           strncmp(t->text + x->off, "which", 5) == 0 &&
           (w[b + 1].f & S_LOWER) &&
           strncmp(t->text + w[b + 1].off, "starr", 5) == 0;
}

/* The word after a name: "X said", "X shares", "X's wife". */
static void next_votes(const entity_table *t, int16_t *v, size_t b)
{
    const ent_word *w = t->w;
    if (age_after(t, b))
        v[ENT_PERSON] += 3;
    if (work_after(t, b))
        v[ENT_OTHER] += 6;
    if (b >= t->nw || (w[b].f & S_BREAK) || !(w[b].f & S_LOWER))
        return;
    if (w[b].wf & W_SAYS)
        v[ENT_PERSON] += 1;
    if (w[b].wf & W_PERNEXT)
        v[ENT_PERSON] += 2;
    if (w[b].wf & W_ORGNEXT)
        v[ENT_ORG] += 2;
    if (w[b].wf & W_PLACENEXT)
        v[ENT_PLACE] += 2;
}

/* The words before a name: "President X", "suburb of X", "in X". */
static void prev_votes(const entity_table *t, int16_t *v, size_t a)
{
    const ent_word *w = t->w;
    if (a == 0)
        return;
    uint32_t pf = w[a - 1].wf;
    if (!(w[a].f & S_BREAK)) {
        /* "the Queen's Speech", "the President's office": no person */
        if ((pf & W_TITLE) && !(w[a - 1].f & S_POSS))
            v[ENT_PERSON] += 3;
        if ((pf & W_OF) && a > 1 && (w[a - 2].wf & W_PLACEOF))
            v[ENT_PLACE] += 3;
        if (pf & W_ARTICLE)
            v[ENT_ORG] += 1;
    }
    if ((w[a - 1].f & S_LOWER) && (pf & W_WORKNEXT) && !(w[a].f & S_BREAK))
        v[ENT_OTHER] += 5; /* "the film Alexander" */
    if ((w[a - 1].f & S_LOWER) && !(w[a].f & S_BREAK) && (pf & W_ORGPREV))
        v[ENT_ORG] += 3; /* "oil firm Yukos" */
    if (a > 1 && (w[a - 1].f & S_LOWER) && (pf & W_PREP_IN) &&
        (w[a - 2].wf & W_ORGPREV) && (w[a - 2].f & S_LOWER)) {
        v[ENT_ORG] += 3; /* "shares in Yukos": no place */
        return;
    }
    if (w[a - 1].f & S_LOWER) {
        if (pf & W_PREP_IN)
            v[ENT_PLACE] += 2;
        if (pf & W_PREP_AT)
            v[ENT_PLACE] += 1;
    }
}

/* The words inside a name: a given name, "de", "Bank of", "&", "Inc". */
static void inner_votes(const entity_table *t, int16_t *v, size_t a,
                        size_t b)
{
    const ent_word *w = t->w;
    size_t n = b - a;
    if (w[a].wf & W_FIRST)
        v[ENT_PERSON] += n > 1 ? 4 : 1;
    if (n > 1 && w[a].len == 1 && (w[a].f & S_CAP) && !(w[a].f & S_INIT))
        v[ENT_PERSON] += 4; /* "S. Jayasuriya", "J. Smith" */
    for (size_t k = a + 1; k < b; k++) {
        if (k + 1 < b && (w[k].f & S_LOWER) && (w[k].wf & W_PARTICLE))
            v[ENT_PERSON] += 2;
        if (k + 1 < b && (w[k].wf & (W_OF | W_FOR)) &&
            (w[k - 1].wf & W_ORGOF) && !(w[k - 1].wf & W_EVENTPRE))
            v[ENT_ORG] += 4; /* not "Battle of Hastings" */
        else if (k + 1 < b && (w[k].wf & W_OF) && (w[k - 1].wf & W_PLACEKW))
            v[ENT_PLACE] += 3;
        if (w[k].f & S_AMP)
            v[ENT_ORG] += 6; /* outvotes a given name: "Douglas & Co" */
    }
    if (w[b - 1].wf & W_ORGKW)
        v[ENT_ORG] += 4;
    if (n > 1 && (w[b - 1].wf & W_EVENT))
        v[ENT_OTHER] += 5;
    /* "Verizon Wireless", "Motorola Mobility": no given name, and an
     * everyday word last, as few surnames are */
    if (n > 1 && w[a].len > 1 && (w[b - 1].wf & W_LEX) &&
        !(w[b - 1].wf & (W_FIRST | W_SURNAME))) {
        size_t k = a;
        while (k < b - 1 && !(w[k].wf & W_FIRST))
            k++;
        if (k == b - 1)
            v[ENT_ORG] += 1;
    }
    if (n > 1 && (w[a].f & S_POSS) && (w[a].wf & W_TITLE))
        v[ENT_OTHER] += 5; /* "the Queen's Speech", "the King's Cup" */
    if (n > 1 && (w[a].wf & W_EVENTPRE))
        v[ENT_OTHER] += 5; /* "Hurricane Milton" */
    if (n > 1 && (w[b - 1].wf & W_PLACEKW))
        v[ENT_PLACE] += 3;
    if (n > 1 && (w[a].wf & W_PLACEPRE))
        v[ENT_PLACE] += 1;
    if (n == 1 && (w[a].f & (S_ALLCAPS | S_INIT)) && w[a].len <= 6)
        v[ENT_ORG] += 2;
    if (n == 1 && (w[a].f & S_LCAMEL))
        v[ENT_OTHER] += 5; /* a product: "iPhone" */
    if (n == 1 && (w[a].f & S_CUT) && t->text[w[a].off + w[a].len + 1] == 'b')
        v[ENT_PLACE] += 3; /* "Cupertino-based" */
}

/* "CUPERTINO, California (Reuters) -", "LONDON 1996-08-30": a line
 * that starts with a name in capitals and a comma, bracket, dash or date
 * starts with a place. */
static bool dateline(const entity_table *t, size_t a, size_t b)
{
    const ent_word *w = t->w;
    if (!(w[a].f & S_LINE) || (w[a].f & S_TITLE))
        return false;
    for (size_t k = a; k < b; k++) {
        if (!(w[k].f & S_ALLCAPS))
            return false;
    }
    const char *p = t->text + w[b - 1].off + w[b - 1].len;
    while (*p == ' ')
        p++;
    return *p == ',' || *p == '(' || *p == '-' ||
           (b < t->nw && (w[b].f & S_DIGIT) && w[b].len >= 8);
}

/* Votes from the words around and inside a candidate [a, b). */
static void cue_votes(entity_table *t, ent_cand *c, size_t a, size_t b)
{
    prev_votes(t, c->votes, a);
    inner_votes(t, c->votes, a, b);
    if (dateline(t, a, b))
        c->votes[ENT_PLACE] += 4;
    next_votes(t, c->votes, b);
    int score = score_after(t, b);
    if (score && minute_after(t, b)) {
        score = 0;
        c->votes[ENT_PERSON] += 3;
    }
    if (replaced_player(t, a, b))
        c->votes[ENT_PERSON] += 3;
    if (b - a == 1 && !(t->w[a].wf & W_FIRST))
        c->team = (uint8_t)score;
    else if (score == 2 && !(t->w[a].wf & W_FIRST))
        c->team = 2; /* "Crystal Palace 2 Leyton Orient 1" */
    if (b - a > 1 && (t->w[a].f & S_ALLCAPS) && t->w[a].len <= 4 &&
        !(t->w[a].f & S_TC))
        c->votes[ENT_ORG] += 3; /* "OFK Beograd", "SC Freiburg" */
}

static size_t gaz_longest(entity_table *t, const char *s, size_t a,
                          size_t b, long *g);

/* A content word starting a sentence stays when the name needs it:
 * "National Bank", "State Department", "Bank of Canada". */
static bool common_kept(const entity_table *t, size_t a, size_t b)
{
    const ent_word *w = t->w;
    return (w[a].wf & W_STOP) == 0 && a + 1 < b &&
           ((w[a + 1].f & S_LOWER) || (w[a].wf & W_PLACEPRE) ||
            (w[b - 1].wf & (W_ORGKW | W_PLACEKW | W_EVENT)));
}

/* "A. Hollioake", "I. Healy": a capital and a full stop before a name
 * is an initial, not the word "a" or "I". */
static bool initial(const entity_table *t, size_t a, size_t b)
{
    const ent_word *w = t->w;
    return a + 1 < b && w[a].len == 1 && (w[a].f & S_CAP) &&
           t->text[w[a].off + 1] == '.';
}

/* Function words that start a run are no part of a name, unless the
 * name is written so ("US", "The Hague"). */
static size_t strip_leading_stop(entity_table *t, size_t a, size_t b)
{
    long g;
    while (a < b && (t->w[a].wf & (W_STOP | W_COMMON)) &&
           !(t->w[a].f & (S_ALLCAPS | S_INIT)) && !initial(t, a, b) &&
           (a == 0 || (t->w[a].f & (S_SENT | S_TC)) ||
            ((t->w[a - 1].f & S_LOWER) && (t->w[a].wf & W_STOP))) &&
           !common_kept(t, a, b) && gaz_longest(t, t->text, a, b, &g) == a)
        a++;
    return a;
}

static bool all_stop(entity_table *t, size_t a, size_t b)
{
    if (b - a > 1 && (t->w[b - 1].wf & (W_ORGKW | W_PLACEKW | W_EVENT)))
        return false; /* "Central Bank", "World Cup" */
    for (size_t k = a; k < b; k++) {
        if (!(t->w[k].wf & (W_STOP | W_TITLE | W_COMMON)))
            return false;
    }
    return true;
}

/* "Blairite", "Gaullist": a capitalised word for a follower. */
static bool ite_word(const entity_table *t, size_t a)
{
    const ent_word *w = &t->w[a];
    const char *e = t->text + w->off + w->len;
    return w->len > 5 && (w->f & S_CAP) && !(w->f & S_ALLCAPS) &&
           !(w->wf & W_FIRST) &&
           (memcmp(e - 3, "ite", 3) == 0 || memcmp(e - 3, "ist", 3) == 0);
}

/* A capitalised word before a given name and a surname, in a run with
 * no organisation, place or event word: it qualifies the person. */
static bool modifier_at(entity_table *t, size_t a, size_t b)
{
    const ent_word *w = t->w;
    if ((w[a].wf & (W_FIRST | W_PARTICLE | W_PLACEPRE | W_EVENTPRE |
                    W_GAZ1)) ||
        !(w[a].f & S_CAP) || (w[a].f & (S_ALLCAPS | S_INIT)) ||
        !(w[a + 1].wf & W_FIRST) || w[a].len < 3 || b - a != 3 ||
        (w[a + 2].wf & W_TITLE) ||
        t->text[w[a].off + w[a].len] == '.')
        return false;
    for (size_t k = a; k < b; k++) {
        if ((w[k].wf & (W_ORGKW | W_PLACEKW | W_EVENT | W_OF | W_FOR)) ||
            (w[k].f & S_AMP))
            return false;
    }
    return true;
}

/* "A RETIRED judge told", "BULLS went into hibernation": an everyday
 * word set in capitals to open a story, then lowercase text. Acronyms
 * ("NATO", "UNICEF") are no everyday words; short ones ("US", "IT")
 * are left alone. */
static bool caps_lead(entity_table *t, size_t a)
{
    const ent_word *w = t->w;
    if (!(w[a].f & S_ALLCAPS) || w[a].len < 5 || (w[a].wf & W_GAZ1) ||
        a + 1 >= t->nw || !(w[a + 1].f & S_LOWER) || (w[a + 1].f & S_BREAK))
        return false;
    if (w[a].wf & (W_LEX | W_COMMON | W_STOP))
        return true;
    /* "BULLS", "RETIRED": an everyday word with an ending */
    const char *p = t->text + w[a].off;
    size_t n = w[a].len;
    uint32_t h;
    for (size_t cut = 1; cut <= 2; cut++) {
        char c = p[n - 1];
        if (cut == 2 && !(p[n - 2] == 'E' && c == 'D'))
            break;
        if (cut == 1 && c != 'S' && c != 'D')
            continue;
        if (ent_word_flags(t, p, n - cut, &h) & W_LEX)
            return true;
    }
    return false;
}

/* "Mike Johnson (R-LA)", "John Thune, R-S.D.": the party letter and
 * state of a member of Congress, after the name. */
bool ent_party_state(const entity_table *t, size_t a)
{
    const ent_word *w = &t->w[a];
    const char *p = t->text + w->off;
    return w->len >= 3 && w->off > 1 &&
           (p[-1] == '(' || (p[-1] == ' ' && p[-2] == ',')) &&
           (p[0] == 'R' || p[0] == 'D' || p[0] == 'I') && p[1] == '-' &&
           p[2] >= 'A' && p[2] <= 'Z';
}

/* "Pro-EU", "Non-NATO": a prefix before an acronym makes an adjective
 * ("Sub-Zero", "Anti-Jacksonian" may be names). */
static bool prefixed_acronym(const entity_table *t, size_t a)
{
    const ent_word *w = &t->w[a];
    if (!(w->f & S_PREFIXED))
        return false;
    const char *p = t->text + w->off, *e = p + w->len;
    const char *h = memchr(p, '-', w->len);
    if (!h || e - h < 3)
        return false;
    for (const char *q = h + 1; q < e; q++) {
        if (*q < 'A' || *q > 'Z')
            return false;
    }
    return true;
}

/* "2 PM", "11:36 AM", "10 KOs", "a 3.21 ERA": a short word in capitals
 * right after a number is a unit, unless a number follows it too (a
 * score: "Arsenal 2 QPR 1") or the gazetteer knows it. */
static bool unit_after_number(entity_table *t, size_t a)
{
    const ent_word *w = t->w;
    if (a == 0 || !(w[a - 1].f & S_DIGIT) || (w[a].f & S_BREAK) ||
        (a + 1 < t->nw && (w[a + 1].f & S_DIGIT)))
        return false;
    const char *s = t->text + w[a].off;
    size_t n = w[a].len;
    if (n > 2 && s[n - 1] == 's')
        n--; /* "KOs" */
    if (n < 2 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    }
    return gaz_range(t, t->text, a, a + 1) < 0;
}

/* A function word that ends a run before "the" is no part of a name:
 * "Ann Chiang of DAB In the Kowloon West constituency", where a caption
 * ran into the text ("James To said" keeps his surname). */
bool ent_trailing_stop(const entity_table *t, size_t a, size_t b)
{
    /* prepositions, articles and conjunctions only: "Elizabeth I",
     * "World War Two", "Peter Such" end in other listed words */
    static const char *const fw[] = {"In", "On", "At", "To", "Of", "For",
                                     "From", "By", "With", "The", "An",
                                     "And", "Or", "But", "As", "Into"};
    const ent_word *w = t->w;
    if (b - a < 2 || b >= t->nw || !(w[b - 1].wf & W_STOP) ||
        !(w[b].f & S_LOWER) || !(w[b].wf & W_ARTICLE) ||
        (w[b].f & S_BREAK) || (w[b - 1].f & S_TC) ||
        t->text[w[b - 1].off + w[b - 1].len] != ' ')
        return false;
    for (size_t i = 0; i < sizeof fw / sizeof *fw; i++) {
        if (strlen(fw[i]) == w[b - 1].len &&
            !memcmp(fw[i], t->text + w[b - 1].off, w[b - 1].len))
            return true;
    }
    return false;
}

/* An unknown stretch [a, b) of a run becomes a candidate. */
static void unknown_piece(entity_table *t, size_t a, size_t b, int cue)
{
    a = strip_leading_stop(t, a, b);
    while (ent_trailing_stop(t, a, b))
        b--;
    /* "Broker Khurshid Alam": a sentence's first word before a given
     * name is not part of the name */
    if (b - a > 2 && (t->w[a].f & S_SENT) && !(t->w[a].wf & W_FIRST) &&
        (t->w[a + 1].wf & W_FIRST) && (t->w[a].f & S_LOWER) == 0 &&
        gaz_range(t, t->text, a, a + 1) < 0)
        a++;
    /* "Blairite Alan Milburn": a follower's word before a full name is
     * a name of its own, not part of the person's; "the Maverick Tomas
     * Brenner": another word is none */
    if (b - a > 2 && modifier_at(t, a, b)) {
        if (ite_word(t, a))
            new_cand(t, a, a + 1)->votes[ENT_OTHER] += 5;
        a++;
    }
    /* "Referee: Ian Moss Attendance: 20,000": a label is no part */
    while (b - a > 1 && (t->w[b - 1].wf & W_NONAME) &&
           t->text[t->w[b - 1].off + t->w[b - 1].len] == ':')
        b--;
    if (a >= b || all_stop(t, a, b) || (b - a == 1 && t->w[a].len == 1) ||
        b - a > 10)
        return; /* a run of eleven capitalised words is a heading */
    if (b - a == 1 && (t->w[a].wf & W_NONAME))
        return; /* "I'm", "TV", "MPs", "Autumn": no name alone */
    if (b - a == 1 && ent_party_state(t, a))
        return; /* "(R-LA)", "(D-N.Y.)": a member's party and state */
    if (b - a == 1 && prefixed_acronym(t, a))
        return; /* "Pro-EU campaigners", "Anti-NATO protests" */
    if (b - a == 1 && caps_lead(t, a))
        return; /* "RETIRED judge", "BULLS went": a lead-in in capitals */
    if (b - a == 1 && unit_after_number(t, a))
        return;
    ent_cand *c = new_cand(t, a, b);
    cue_votes(t, c, a, b);
    if (cue >= 0)
        c->votes[cue] += 3;
    if (b - a == 1 && (t->w[a].f & S_SENT))
        c->uncertain = 1;
}

static void gaz_piece(entity_table *t, size_t a, size_t b, int cue)
{
    ent_cand *c = new_cand(t, a, b);
    cue_votes(t, c, a, b);
    if (cue >= 0)
        c->votes[cue] += 3;
}

/* Title words inside a run ("Qatari Foreign Minister Khalid...") split
 * it, and what follows them is a person. "Foreign Ministry" stays. */
static bool is_title_at(entity_table *t, size_t k, size_t b)
{
    const ent_word *w = t->w;
    /* all-caps only for the acronym of a post: "CEO", "MP", "QC" */
    if (!(w[k].wf & W_TITLE) ||
        ((w[k].f & S_ALLCAPS) && !(w[k].wf & W_NONAME)))
        return false;
    /* "Department of Trade", "Department for Transport" */
    if (k > 1 && (w[k - 1].f & S_LOWER) && (w[k - 1].wf & (W_OF | W_FOR)) &&
        (w[k - 2].f & S_CAP) && (w[k - 2].wf & W_ORGOF))
        return false;
    /* "the Queen's Speech", "Prime Minister's Questions": a name */
    if ((w[k].f & S_POSS) && k + 1 < b)
        return false;
    size_t j = k + 1;
    for (; j < b; j++) {
        if (w[j].wf & W_ORGKW)
            return false;
        if (!(w[j].wf & W_TITLE))
            break;
        if ((w[j].f & S_POSS) && j + 1 < b)
            return false;
    }
    /* "John Major", "Billie Jean King": a title word ending the run
     * after a given name is a surname */
    if (j == b && k > 0 && (w[k - 1].wf & W_FIRST) && !(w[k].f & S_BREAK))
        return false;
    /* "Captain America": a known place that is no given name makes no
     * person after a title; the title word is the name's (segment joins
     * them; "Queen Victoria", "King Jordan" stay titles: given names) */
    if (j == k + 1 && j < b && !(w[j].wf & W_FIRST) &&
        gaz_type(t, gaz_range(t, t->text, j, b)) == ENT_PLACE)
        return false;
    /* "Labour will...": a known name that no title word or name
     * follows is the name, not a title ("Labour Secretary" stays one) */
    return !(j == b && j == k + 1 && (w[k].wf & W_GAZ1) &&
             gaz_range(t, t->text, k, k + 1) >= 0);
}

static void segment(entity_table *t, const char *s, size_t a, size_t b,
                    int cue);

/* Split a run [a, b) at title words. */
static void split_titles(entity_table *t, const char *s, size_t a, size_t b,
                         int cue)
{
    size_t k = a;
    while (k < b) {
        size_t e = k;
        while (e < b && !is_title_at(t, e, b))
            e++;
        if (e > k)
            segment(t, s, k, e, cue);
        if (e >= b)
            break;
        while (e < b && is_title_at(t, e, b))
            e++;
        cue = ENT_PERSON;
        k = e;
    }
}

/* Longest gazetteer name starting at a within [a, b): its end, or a. */
static size_t gaz_longest(entity_table *t, const char *s, size_t a,
                          size_t b, long *g)
{
    size_t lim = b - a > 6 ? a + 6 : b;
    for (size_t e = lim; e > a; e--) {
        *g = gaz_range(t, s, a, e);
        if (*g >= 0)
            return e;
    }
    return a;
}

/* Unknown words [a, b) beside gazetteer name g make one name with it
 * ("Bayern Munich", "Chicago White Sox", "Tokyo Stock Exchange"), not
 * when they look like a person ("Syria Staffan de Mistura"). */
static bool joins(entity_table *t, long g, size_t a, size_t b)
{
    const ent_word *w = t->w;
    int gt = gaz_type(t, g);
    if (gt == ENT_PERSON || (w[a].wf & W_FIRST))
        return false;
    if ((w[b - 1].wf & (W_ORGKW | W_EVENT)) && !(w[b - 1].wf & W_GENERIC))
        return true; /* "Swiss Bank", "Italian Grand Prix" */
    if (b - a > (gt == ENT_OTHER ? 1u : 2u))
        return false;
    for (size_t k = a; k < b; k++) {
        if ((w[k].wf & (W_FIRST | W_GENERIC | W_TITLE)) ||
            (w[k].f & S_LOWER) ||
            ((w[k].wf & (W_STOP | W_COMMON)) &&
             !(w[k].wf & (W_PLACEKW | W_ORGKW | W_EVENT))))
            return false;
    }
    return true;
}

static void join_votes(entity_table *t, ent_cand *c, long g, size_t last)
{
    uint32_t wf = t->w[last].wf;
    if (wf & W_EVENT)
        c->votes[ENT_OTHER] += 5;
    else if (wf & W_ORGKW)
        c->votes[ENT_ORG] += 4;
    else if (wf & W_PLACEKW)
        c->votes[ENT_PLACE] += 3;
    else if (gaz_type(t, g) == ENT_OTHER)
        c->votes[ENT_OTHER] += 3;
    else
        c->votes[ENT_ORG] += 3;
}

static bool has_of(const entity_table *t, size_t a, size_t b)
{
    for (size_t k = a + 1; k + 1 < b; k++) {
        if ((t->w[k].wf & (W_OF | W_FOR)) && (t->w[k].f & S_LOWER))
            return true;
    }
    return false;
}

typedef struct piece {
    size_t a, b;
    long g; /* gazetteer entry or -1 */
} piece;

/* Cut [a, b) into gazetteer names and unknown stretches. */
static size_t pieces(entity_table *t, const char *s, size_t a, size_t b,
                     piece *out, size_t cap)
{
    size_t n = 0, k = a, u = a;
    while (k < b && n + 2 < cap) {
        long g = -1;
        size_t e = gaz_longest(t, s, k, b, &g);
        if (e == k) {
            k++;
            continue;
        }
        if (k > u)
            out[n++] = (piece){u, k, -1};
        out[n++] = (piece){k, e, g};
        k = u = e;
    }
    if (u < b)
        out[n++] = (piece){u, b, -1};
    return n;
}

/* Pieces that end as an organisation make one: the last word is an
 * organisation keyword or the last piece a known organisation, and no
 * piece is a known person. */
static bool org_tail(entity_table *t, const piece *p, size_t n, size_t b)
{
    uint32_t wf = t->w[b - 1].wf;
    if (n < 2 || n > 4)
        return false;
    if (!((wf & W_ORGKW) && !(wf & (W_GENERIC | W_TITLE))) &&
        gaz_type(t, p[n - 1].g) != ENT_ORG)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (gaz_type(t, p[i].g) == ENT_PERSON ||
            (p[i].g < 0 && (t->w[p[i].a].wf & W_FIRST)))
            return false;
    }
    return true;
}

/* One unknown word, then one known word that is a person's last name
 * or (after a given name) a place: a person's full name. */
static bool given_and_known(entity_table *t, const piece *p, size_t n)
{
    if (n != 2 || p[0].g >= 0 || p[1].g < 0 || p[0].b != p[0].a + 1 ||
        p[1].b != p[1].a + 1)
        return false;
    uint32_t wf = t->w[p[0].a].wf;
    if (wf & (W_STOP | W_COMMON | W_TITLE | W_LEX))
        return false;
    int gt = gaz_type(t, p[1].g);
    return gt == ENT_PERSON ||
           ((wf & W_FIRST) && (gt == ENT_PLACE || gt == ENT_OTHER));
}

/* A run [a, b) without titles becomes candidates. */
static void segment(entity_table *t, const char *s, size_t a, size_t b,
                    int cue)
{
    piece p[16];
    a = strip_leading_stop(t, a, b); /* "The California Avocado ..." */
    if (a >= b)
        return;
    size_t n = pieces(t, s, a, b, p, 16);
    if (n == 1 || has_of(t, a, b)) {
        if (p[0].g >= 0 && n == 1)
            gaz_piece(t, a, b, cue);
        else
            unknown_piece(t, a, b, cue);
        return;
    }
    if (org_tail(t, p, n, b)) {
        /* "Kurdistan Democratic Party", "Central Jakarta District Court" */
        ent_cand *c = new_cand(t, a, b);
        cue_votes(t, c, a, b);
        c->votes[ENT_ORG] += 4;
        return;
    }
    if (given_and_known(t, p, n)) {
        /* "Naina Yeltsin", "Anthony Washington" */
        ent_cand *c = new_cand(t, a, b);
        cue_votes(t, c, a, b);
        c->votes[ENT_PERSON] += 4;
        return;
    }
    if (n == 2 && gaz_type(t, p[0].g) == ENT_OTHER &&
        gaz_type(t, p[1].g) == ENT_OTHER) {
        /* "Bosnian Serb", "Iraqi Kurdish": one name */
        new_cand(t, a, b)->votes[ENT_OTHER] += 5;
        return;
    }
    if (n == 2 && p[0].g < 0 && p[0].b == p[0].a + 1 &&
        (t->w[p[0].a].wf & W_TITLE) && !(t->w[p[1].a].wf & W_FIRST) &&
        gaz_type(t, p[1].g) == ENT_PLACE) {
        /* "Captain America": see is_title_at */
        ent_cand *c = new_cand(t, a, b);
        cue_votes(t, c, a, b);
        return;
    }
    if (n == 2 && (p[0].g >= 0) != (p[1].g >= 0)) {
        const piece *g = p[0].g >= 0 ? &p[0] : &p[1];
        const piece *u = p[0].g >= 0 ? &p[1] : &p[0];
        if (joins(t, g->g, u->a, u->b)) {
            ent_cand *c = new_cand(t, a, b);
            cue_votes(t, c, a, b);
            join_votes(t, c, g->g, b - 1);
            if (g == &p[0] && gaz_type(t, g->g) == ENT_PLACE)
                c->glue = (uint8_t)(g->b - g->a);
            return;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i].g < 0) {
            /* "Syrian Government": the generic noun is no name */
            bool generic = i > 0 && p[i - 1].g >= 0 &&
                           gaz_type(t, p[i - 1].g) == ENT_OTHER &&
                           (t->w[p[i].a].wf & W_GENERIC);
            unknown_piece(t, p[i].a + generic, p[i].b, cue);
        } else {
            gaz_piece(t, p[i].a, p[i].b, cue);
        }
    }
}

/* "de Mistura", "van der Westhuizen": particles, then a capital. */
static bool particle_link(const ent_word *w, size_t j, size_t nw)
{
    size_t k = j;
    while (k < nw && k < j + 2 && (w[k].f & S_LOWER) &&
           (w[k].wf & W_PARTICLE) && (k == j || !(w[k].f & S_BREAK)))
        k++;
    return k > j && k < nw && !(w[k].f & S_BREAK) && namey(&w[k]);
}

/* Words a particle link spans: the particles and the capital after. */
static size_t particle_span(const ent_word *w, size_t j)
{
    size_t k = j;
    while ((w[k].f & S_LOWER) && (w[k].wf & W_PARTICLE))
        k++;
    return k + 1 - j;
}

static bool of_link(const ent_word *w, size_t j, size_t nw)
{
    return (w[j].f & S_LOWER) &&
           (((w[j].wf & W_OF) && (w[j - 1].wf & (W_ORGOF | W_PLACEKW))) ||
            ((w[j].wf & W_FOR) && (w[j - 1].wf & W_ORGOF))) &&
           j + 1 < nw && !(w[j + 1].f & S_BREAK) && namey(&w[j + 1]);
}

/* "Department of Trade and Industry": after an "of" link, "and" joins
 * two unknown words; "Bank of England and Barclays" stays two names. */
static bool and_link(const entity_table *t, size_t j, bool linked)
{
    const ent_word *w = t->w;
    return linked && j + 1 < t->nw && (w[j].f & S_LOWER) && w[j].len == 3 &&
           strncmp(t->text + w[j].off, "and", 3) == 0 &&
           !(w[j + 1].f & S_BREAK) && (w[j + 1].f & S_CAP) &&
           namey(&w[j + 1]) && !(w[j - 1].wf & (W_GAZ1 | W_FIRST)) &&
           !(w[j + 1].wf & (W_GAZ1 | W_FIRST | W_TITLE)) &&
           !(w[j + 1].f & S_ALLCAPS);
}

/* "Queen's Speech", "Prime Minister's Questions": a run of title words
 * ending in a possessive goes on into the capitalised word after it. */
static bool poss_title(const entity_table *t, size_t i, size_t j)
{
    const ent_word *w = t->w;
    if (!(w[j - 1].f & S_POSS) || !(w[j].f & S_CAP) ||
        (w[j].wf & (W_TITLE | W_FIRST)) || (w[j].f & S_ALLCAPS))
        return false; /* "Labour's Tom Watson" is two names */
    for (size_t k = i; k < j; k++) {
        if (!(w[k].wf & W_TITLE) || (w[k].wf & W_GAZ1) || !(w[k].f & S_CAP) ||
            ((w[k].f & S_POSS) && k + 1 < j))
            return false;
    }
    return true;
}

/* End of the capitalised run starting at i. */
static size_t run_end(entity_table *t, size_t i)
{
    const ent_word *w = t->w;
    size_t j = i + 1;
    bool linked = false;
    while (j < t->nw && !(w[j].f & (S_BREAK | S_PRECUT)) &&
           !(w[j - 1].f & S_PRECUT) &&
           (!(w[j - 1].f & (S_POSS | S_CUT)) || poss_title(t, i, j)) &&
           ((w[j].f & S_TC) == (w[i].f & S_TC))) {
        if (namey_at(t, j) && (!(w[j].f & S_AMP) || !(w[j - 1].f & S_TC)))
            j++;
        else if (particle_link(w, j, t->nw))
            j += particle_span(w, j);
        else if (of_link(w, j, t->nw))
            j += 2, linked = true;
        else if (and_link(t, j, linked))
            j += 2;
        else
            break;
    }
    return j;
}

/* "Secretary of State John Kerry": State belongs to the title. */
static size_t title_of(entity_table *t, size_t i, size_t j, int *cue)
{
    const ent_word *w = t->w;
    if (i >= 2 && j - i >= 2 && !(w[i].f & S_BREAK) && (w[i - 1].wf & W_OF) &&
        (w[i - 2].wf & W_TITLE)) {
        *cue = ENT_PERSON;
        return i + 1;
    }
    return i;
}

static void find_runs(entity_table *t, const char *s)
{
    size_t i = 0;
    while (i < t->nw) {
        const ent_word *w = &t->w[i];
        bool start = namey_at(t, i) || (particle_link(t->w, i, t->nw) &&
                                  !(w->f & S_SENT));
        if (!start || (w->f & S_TC)) {
            i++;
            continue;
        }
        size_t j = run_end(t, i), e = j;
        /* "Captain America Image: Nick Moreau": a caption's label is no
         * part of the name before it */
        while (e > i + 1 && ent_label_word(t, e - 1))
            e--;
        int cue = -1;
        size_t a = title_of(t, i, e, &cue);
        split_titles(t, s, a, e, cue);
        i = j;
    }
}

/* --- whole-article decisions --- */

/* A name and its endings are known: "Staffan de Mistura" makes "de
 * Mistura" and "Mistura" known, not "Staffan" or "De". */
static void note_known_raw(entity_table *t, const char *s, size_t len,
                           uint32_t *out, size_t *n, size_t cap)
{
    size_t k = ent_key(t, s, len);
    *n = 0;
    for (size_t i = 0; i < k; i++) {
        if (i == 0 || t->kbuf[i - 1] == ' ') {
            uint32_t h = ent_hash(t->kbuf + i, k - i);
            ent_set_add(t->known, t->gen, h);
            if (*n < cap)
                out[*n] = h;
            ++*n;
        }
    }
}

/* The hashes note_known adds for a text as written (a name found once
 * is found again): the folding and hashing of each ending spared.
 * Direct-mapped, pure (the key of a text depends on nothing else). */
enum { KMEMO = 1024, KMEMO_LEN = 40, KMEMO_HASHES = 6 };
typedef struct ent_kmemo {
    uint64_t h;   /* ent_text_hash of the text */
    uint32_t len; /* 0: empty */
    uint32_t n;   /* hashes */
    uint32_t hash[KMEMO_HASHES];
    char s[KMEMO_LEN];
} ent_kmemo;

static void note_known(entity_table *t, const char *s, const ent_cand *c)
{
    uint32_t tmp[KMEMO_HASHES];
    size_t n;
    const char *p = s + c->off;
    if (!c->len || c->len > KMEMO_LEN) {
        note_known_raw(t, p, c->len, tmp, &n, 0);
        return;
    }
    if (!t->kmemo)
        t->kmemo = lede_calloc(KMEMO, sizeof *t->kmemo);
    uint64_t h = ent_text_hash(p, c->len);
    ent_kmemo *e = &t->kmemo[(h * 0x9e3779b97f4a7c15ull) >> 54 & (KMEMO - 1)];
    if (e->len == c->len && e->h == h && memcmp(e->s, p, c->len) == 0) {
        for (uint32_t i = 0; i < e->n; i++)
            ent_set_add(t->known, t->gen, e->hash[i]);
        return;
    }
    note_known_raw(t, p, c->len, tmp, &n, KMEMO_HASHES);
    if (n > KMEMO_HASHES)
        return;
    e->h = h;
    e->len = c->len;
    e->n = (uint32_t)n;
    memcpy(e->hash, tmp, n * sizeof *tmp);
    memcpy(e->s, p, c->len);
}

static bool known_text(entity_table *t, const char *s, size_t len)
{
    uint32_t h;
    ent_key_hash(t, s, len, &h);
    return ent_set_has(t->known, t->gen, h);
}

static bool common_suffix(const char *s, size_t n)
{
    static const char *const suf[] = {
        "ing", "ly", "ness", "ment", "tion", "ies", "ful", "ous", "ive",
        "able", "ers", "ors", "ings", "ments", "ions", "ists", "ants",
        "ents", "ed", "ism", "ity", "ance", "ence", "als"};
    for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++) {
        size_t m = strlen(suf[i]);
        if (n > m + 2 && strncmp(s + n - m, suf[i], m) == 0)
            return true;
    }
    return false;
}

/* A lone capitalised word starting a sentence: a name when the article
 * or the gazetteer knows it (2), no name when it looks common (0), else
 * a tentative name (1) that entity_finish drops when the set writes it
 * in lowercase somewhere. */
static int keep_uncertain(entity_table *t, const char *s, const ent_cand *c)
{
    const ent_word *w = &t->w[c->w0];
    if (gaz_range(t, s, c->w0, c->w1) >= 0 ||
        ent_set_has(t->known, t->gen, w->hash))
        return 2;
    if (w->wf & (W_STOP | W_COMMON | W_TITLE | W_SAYS))
        return 0;
    if (ent_set_has(t->lowers, t->gen, w->hash))
        return 0;
    if (w->wf & W_FIRST || (w->f & (S_ALLCAPS | S_INIT)))
        return 2;
    if (w->wf & W_LEX)
        return 0;
    /* "Rubbish.", "Nonsense!": a word that is a whole sentence is an
     * interjection, not a name the article introduces */
    const char *e = s + w->off + w->len;
    if ((w->f & S_SENT) && (*e == '.' || *e == '!' || *e == '?') &&
        (c->w0 + 1 >= t->nw || (t->w[c->w0 + 1].f & S_CAP)))
        return 0;
    return common_suffix(s + w->off, w->len) ? 0 : 1;
}

/* "Kerry-Lavrov", "AleppoLavrov": two known names written as one word. */
static bool split_word(entity_table *t, const char *s, ent_cand *c)
{
    size_t k = c->w0;
    uint16_t sp = t->splits[k];
    if (c->w1 != k + 1 || !sp || gaz_range(t, s, k, k + 1) >= 0)
        return false;
    uint32_t off = t->w[k].off, len = t->w[k].len;
    uint32_t l1 = (t->w[k].f & S_HYPH) ? sp - 1u : sp;
    bool k1 = ent_gaz_find(t, s + off, l1) >= 0 || known_text(t, s + off, l1);
    bool k2 = ent_gaz_find(t, s + off + sp, len - sp) >= 0 ||
              known_text(t, s + off + sp, len - sp);
    if (!k1 || !k2)
        return false;
    ent_cand second = *c;
    c->len = l1;
    second.off = off + sp;
    second.len = len - sp;
    LEDE_GROW(t->c, t->ccap, t->nc + 1);
    t->c[t->nc++] = second;
    return true;
}

/* Word k of a title-case line, in the capitalised run ending at j, is
 * the surname of a person of the gazetteer that is no everyday word and
 * heads no place or organisation ("Kerry and Lavrov Meet in Geneva",
 * not "May" or "Clinton County"): a known name, as it is in the text. */
static bool title_surname(entity_table *t, size_t k, size_t j)
{
    const ent_word *w = t->w;
    if (!(w[k].wf & W_SURNAME) || (w[k].wf & W_FIRST) ||
        tagger_everyday(t->text + w[k].off, w[k].len))
        return false;
    return k + 1 >= j || !(w[k + 1].wf & (W_PLACEKW | W_ORGKW | W_EVENT));
}

/* On a title-case line only known names count: longest first. */
static void title_line_names(entity_table *t, const char *s)
{
    size_t i = 0;
    while (i < t->nw) {
        if (!(t->w[i].f & S_TC) || !namey(&t->w[i])) {
            i++;
            continue;
        }
        size_t j = run_end(t, i), k = i;
        while (k < j) {
            size_t e = j;
            for (; e > k; e--) {
                uint32_t off = t->w[k].off, len = w_end(&t->w[e - 1]) - off;
                if (ent_gaz_find(t, s + off, len) >= 0 ||
                    known_text(t, s + off, len) ||
                    (e == k + 1 && title_surname(t, k, j)))
                    break;
            }
            if (e == k) {
                ent_cand *c = new_cand(t, k, k + 1);
                if (!split_word(t, s, c))
                    t->nc--;
                k++;
                continue;
            }
            ent_cand *c = new_cand(t, k, e);
            c->rank = 0;
            c->team = score_after(t, e);
            k = e;
        }
        i = j;
    }
}

static bool cand_before(const ent_cand *a, const ent_cand *b)
{
    return a->off != b->off ? a->off < b->off : a->len > b->len;
}

static int cand_cmp(const void *a, const void *b)
{
    return cand_before(a, b) ? -1 : cand_before(b, a) ? 1 : 0;
}

/* Candidates come nearly in text order (the headline's last): an
 * insertion sort is linear on a usual article and allocates nothing; a
 * long text with many headline-like lines takes qsort, not n squared. */
void ent_sort_cands(ent_cand *c, size_t n)
{
    if (n > 256) {
        qsort(c, n, sizeof *c, cand_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        ent_cand x = c[i];
        size_t j = i;
        for (; j > 0 && cand_before(&x, &c[j - 1]); j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

/* "Time Warner owns AOL": a common word that starts a sentence was cut
 * from the name; where the article names "Time Warner" elsewhere, the
 * word is the name's. */
static void regain_first(entity_table *t, const char *s, ent_cand *c)
{
    size_t k = c->w0;
    if (k == 0 || c->uncertain || c->off != t->w[k].off ||
        (t->w[k].f & S_BREAK))
        return;
    const ent_word *p = &t->w[k - 1];
    if (!(p->f & S_CAP) || !(p->f & (S_SENT | S_LINE)) ||
        !(p->wf & (W_STOP | W_COMMON)) || (p->wf & W_TITLE))
        return;
    uint32_t end = c->off + c->len;
    if (!known_text(t, s + p->off, end - p->off))
        return;
    c->w0 = (uint32_t)(k - 1);
    c->off = p->off;
    c->len = end - p->off;
}

/* Candidate i's words [a, b) are written as a person's name of their
 * own elsewhere in the article: a candidate of exactly those words or
 * of their last word, that a person's cue types ("Ambassador Mohib";
 * not "the White Sox" after "the Chicago White Sox"). */
static bool named_alone(entity_table *t, const char *s, size_t i, size_t a,
                        size_t b)
{
    uint32_t h, h1;
    ent_key_hash(t, s + t->w[a].off, w_end(&t->w[b - 1]) - t->w[a].off, &h);
    ent_key_hash(t, s + t->w[b - 1].off, t->w[b - 1].len, &h1);
    for (size_t k = 0; k < t->nc; k++) {
        const ent_cand *c = &t->c[k];
        if (k == i || !c->len || c->glue || c->w1 <= c->w0)
            continue;
        uint32_t hc;
        ent_key_hash(t, s + c->off, c->len, &hc);
        bool person = c->votes[ENT_PERSON] > 0;
        for (int ty = 0; ty < ENT_NTYPES; ty++)
            person &= ty == ENT_PERSON || c->votes[ty] < c->votes[ENT_PERSON];
        if ((hc == h || hc == h1) && person)
            return true;
    }
    return false;
}

/* "Ambassador to the United States Hamdullah Mohib": a place the rules
 * joined with the unknown words after it is two names when the article
 * writes those words as a name alone ("Ambassador Hamdullah Mohib"). */
static void unglue(entity_table *t, const char *s, size_t i)
{
    ent_cand *c = &t->c[i];
    size_t a = c->w0, m = a + c->glue, b = c->w1;
    if (!c->len || c->off != t->w[a].off || m >= b ||
        !named_alone(t, s, i, m, b))
        return;
    uint8_t rank = c->rank;
    c = new_cand(t, m, b);
    cue_votes(t, c, m, b);
    c->rank = rank;
    c = &t->c[i];
    c->w1 = (uint32_t)m;
    c->len = w_end(&t->w[m - 1]) - c->off;
    c->glue = 0;
    memset(c->votes, 0, sizeof c->votes);
    cue_votes(t, c, a, m);
}

/* A lone word the candidates hold ("Iodine") and the article writes
 * in lowercase more often: dr_key slots with three counts each. */
enum { LC_LOW, LC_CAP, LC_LAST, LC_N };

static size_t lc_slot(entity_table *t, uint32_t h, size_t mask, bool add)
{
    h |= 1;
    size_t k = (size_t)(((uint64_t)h * 0x9e3779b97f4a7c15ull) >> 32) & mask;
    while (t->dr_key[k] && t->dr_key[k] != h)
        k = (k + 1) & mask;
    if (add)
        t->dr_key[k] = h;
    return k;
}

/* Candidate c is one word that the article also writes in lowercase. */
static bool lone_word(const entity_table *t, const ent_cand *c)
{
    const ent_word *w = &t->w[c->w0];
    return c->len && c->w1 == c->w0 + 1 && c->off == w->off &&
           c->len == w->len && !(w->f & (S_ALLCAPS | S_INIT)) &&
           !(w->wf & (W_FIRST | W_GAZ1)) &&
           ent_set_has(t->lowers, t->gen, w->hash);
}

/* "Iodine released from these chemicals", "WHO say Iodine deficiency"
 * in an article that writes "iodine" 24 times: a word the article
 * writes in lowercase three times or more, and three times as often as
 * capitalised mid-sentence, is no name alone, unless it ends a longer
 * name of the article ("Brown" after "Gordon Brown") or is a listed
 * name. Decided on the final names, the tagger's or the rules' (the
 * tagger's training data sees the rules as they are: decided before
 * it, this cost 0.001 to 0.005 F1 once retrained). */
static void drop_lowercase_words(entity_table *t)
{
    size_t held = 0;
    for (size_t i = 0; i < t->nc; i++)
        held += lone_word(t, &t->c[i]);
    if (!held)
        return;
    size_t mask = ent_votes_clear(t, held, 4, LC_N);
    for (size_t i = 0; i < t->nc; i++) {
        if (lone_word(t, &t->c[i]))
            lc_slot(t, t->w[t->c[i].w0].hash, mask, true);
    }
    for (size_t i = 0; i < t->nw; i++) {
        const ent_word *w = &t->w[i];
        size_t k = lc_slot(t, w->hash, mask, false);
        if (!t->dr_key[k] || !w->hash)
            continue;
        if (w->f & S_LOWER)
            t->dr_votes[k * LC_N + LC_LOW]++;
        else if (!(w->f & (S_SENT | S_LINE | S_TC)))
            t->dr_votes[k * LC_N + LC_CAP]++;
    }
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (!c->len || c->w1 <= c->w0 + 1 || c->w1 > t->nw)
            continue;
        size_t k = lc_slot(t, t->w[c->w1 - 1].hash, mask, false);
        if (t->dr_key[k])
            t->dr_votes[k * LC_N + LC_LAST]++;
    }
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        if (!lone_word(t, c))
            continue;
        const uint32_t *v =
            &t->dr_votes[lc_slot(t, t->w[c->w0].hash, mask, false) * LC_N];
        if (v[LC_LOW] >= 3 && v[LC_LOW] >= 3 * v[LC_CAP] && !v[LC_LAST])
            c->len = 0;
    }
}

static void decide(entity_table *t, const char *s)
{
    for (size_t i = 0, n0 = t->nc; i < n0; i++) {
        if (t->c[i].glue)
            unglue(t, s, i);
    }
    size_t n = t->nc;
    for (size_t i = 0; i < n; i++) {
        if (!t->c[i].uncertain)
            note_known(t, s, &t->c[i]);
    }
    for (size_t i = 0; i < n; i++)
        regain_first(t, s, &t->c[i]);
    for (size_t i = 0; i < n; i++) {
        ent_cand *c = &t->c[i];
        int keep = c->uncertain ? keep_uncertain(t, s, c) : 2;
        if (!keep)
            c->len = 0;
        else if (c->uncertain)
            c->rank = 1;
        c->tentative = keep == 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (t->c[i].len)
            split_word(t, s, &t->c[i]);
    }
}

/* Two to eight capitals: a possible acronym (entity_priv.h). */
bool ent_acronym_shape(const char *s, size_t n)
{
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    }
    return true;
}

/* Bytes s[p, q) are exactly sep, blanks aside. */
static bool between(const char *s, uint32_t p, uint32_t q, const char *sep)
{
    for (; p < q; p++) {
        if (s[p] == ' ')
            continue;
        if (*sep == ' ')
            sep++;
        if (s[p] != *sep)
            return false;
        sep++;
    }
    while (*sep == ' ')
        sep++;
    return *sep == '\0';
}

/* "Confederation of British Industry (CBI)", "CBI, the Confederation
 * of British Industry": the acronym and the name are one entity. */
static void acronym_pair(entity_table *t, const char *s, const ent_cand *p,
                         const ent_cand *c)
{
    uint32_t pe = p->off + p->len;
    if (ent_acronym_shape(s + c->off, c->len) && s[c->off + c->len] == ')' &&
        between(s, pe, c->off, " ("))
        ent_acro_note(t, s + c->off, c->len, s + p->off, p->len);
    else if (ent_acronym_shape(s + p->off, p->len) && between(s, pe, c->off, ", the "))
        ent_acro_note(t, s + p->off, p->len, s + c->off, c->len);
}

void ent_scan_rules(entity_table *t, const article *a)
{
    t->gen++;
    t->nw = t->nc = 0;
    t->text = a->text;
    for (size_t b = 0; b < a->nblocks; b++) {
        const article_block *bl = &a->blocks[b];
        if (bl->kind != BLOCK_BOILER && bl->off + bl->len <= a->len)
            ent_tokenize(t, a->text, bl->off, (size_t)bl->off + bl->len,
                         bl->kind == BLOCK_TITLE);
    }
    ent_mark_lines(t);
    size_t sport = 0;
    for (size_t i = 0; i < t->nw && sport < 3; i++)
        sport += (t->w[i].f & S_LOWER) && ent_sport_word(t, t->w[i].hash);
    t->arts_sports = sport >= 3;
    find_runs(t, a->text);
    decide(t, a->text);
    title_line_names(t, a->text);
    ent_sort_cands(t->c, t->nc);
}

void ent_scan_article(entity_table *t, const article *a)
{
    ent_scan_rules(t, a);
    /* The learned tagger's hook (entity_tag.c): with a model, its spans
     * and types replace the rules' candidates, which it used as features. */
    if (t->tagger)
        ent_tag_article(t);
    /* one decision a name over the whole article (entity_doc.c) */
    ent_doc_consistency(t);
    drop_lowercase_words(t);
    /* "Captain America Image: Nick Moreau": a caption's label ends no
     * name, by the rules or the tagger; "Kim Jong-un" ends after "-un" */
    for (size_t i = 0; i < t->nc; i++) {
        ent_cand *c = &t->c[i];
        size_t w1 = c->w1;
        while (w1 > c->w0 && ent_label_word(t, w1 - 1))
            w1--;
        if (w1 == c->w1) {
            /* "Kim Jong-un": the syllable after the hyphen is the name's */
            if (c->len && w1 > c->w0 &&
                c->off + c->len == t->w[w1 - 1].off + t->w[w1 - 1].len)
                c->len += (uint32_t)ent_syllable_tail(t->text, &t->w[w1 - 1]);
            continue;
        }
        c->w1 = (uint32_t)w1;
        c->len = w1 > c->w0 ? t->w[w1 - 1].off + t->w[w1 - 1].len - c->off
                            : 0;
    }
    uint32_t last = 0;
    const ent_cand *prev = NULL;
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (!c->len || c->off < last)
            continue;
        if (t->cap)
            ent_capture_cand(t, c, a->text);
        else
            ent_add_mention(t, c, a->text + c->off);
        if (prev)
            acronym_pair(t, a->text, prev, c);
        prev = c;
        last = c->off + c->len;
    }
}
