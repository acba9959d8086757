/* entity_tok.c: cutting an article into words for the entity scanner.
 *
 * One pass over the text, no allocation but the table's reused scratch
 * arrays: each word gets its shape (capitalised, all capitals, initialism,
 * possessive cut off, hyphen or camel-case inside), what punctuation came
 * before it (a sentence start, a break no name can span) and its word-list
 * flags. Then lines are marked as headlines when they are title case or
 * all capitals. ASCII, the bulk of news text, takes a fast path. */
#include <string.h>

#include "entity_priv.h"
#include "util.h"

/* --- cutting the text into words --- */

/* A code point and its class: CP_LETTER, CP_UPPER, CP_DIGIT bits in one
 * field, so testing "letter or digit" is one load. */
enum { CP_LETTER = 1, CP_UPPER = 2, CP_DIGIT = 4 };

typedef struct cp_info {
    int32_t cp;
    uint32_t n;
    unsigned cls;
} cp_info;

/* ASCII classes: bit 1 letter, 2 upper, 4 digit. */
static const unsigned char ascii_class[128] = {
    ['0'] = 4, ['1'] = 4, ['2'] = 4, ['3'] = 4, ['4'] = 4, ['5'] = 4,
    ['6'] = 4, ['7'] = 4, ['8'] = 4, ['9'] = 4,
#define U(c) [c] = 3, [c + 32] = 1
    U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'),
    U('J'), U('K'), U('L'), U('M'), U('N'), U('O'), U('P'), U('Q'), U('R'),
    U('S'), U('T'), U('U'), U('V'), U('W'), U('X'), U('Y'), U('Z'),
#undef U
};

static cp_info cp_slow(const char *s, size_t p, size_t end)
{
    cp_info c;
    size_t n;
    c.cp = text_decode(s + p, end - p, &n);
    c.n = (uint32_t)n;
    bool letter = text_is_letter(c.cp) || (c.cp >= 0x300 && c.cp < 0x370);
    c.cls = letter ? CP_LETTER | (text_is_upper(c.cp) ? CP_UPPER : 0) : 0;
    return c;
}

static inline cp_info cp_at(const char *s, size_t p, size_t end)
{
    if (p >= end) {
        cp_info c = {0, 0, 0};
        return c;
    }
    unsigned char b = (unsigned char)s[p];
    if (b >= 0x80)
        return cp_slow(s, p, end);
    cp_info c = {b, 1, ascii_class[b]};
    return c;
}

static bool is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* "al-Qaida", "el-Sisi": an Arabic article keeps the name whole. */
static bool al_prefix(const char *s, size_t n)
{
    static const char *const pre[] = {"al", "el", "ad", "ash", "as", "an",
                                      "ar", "at", "az", "ibn", "bin", "abu"};
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
        if (strlen(pre[i]) == n && strncmp(pre[i], s, n) == 0)
            return true;
    }
    return false;
}

/* Inner offsets are 16-bit: a longer "word" is no name anyway. */
#define WORD_MAX 60000u

typedef struct word_state {
    size_t p, start, end;   /* end: where the name part ends */
    uint32_t f;
    uint16_t split;         /* offset of an inner capital, 0 if none */
    uint16_t hyph;          /* 1 + offset of the first hyphen, 0 if none */
    unsigned letters, uppers;
    bool prev_lower;
} word_state;

/* Joiners inside a word: O'Brien, Al-Attiyah, 1.8; possessive cut. */
static bool word_joiner(word_state *w, const char *s, size_t end, cp_info c)
{
    cp_info nx = cp_at(s, w->p + c.n, end);
    if (is_apos(c.cp) && (nx.cls & CP_LETTER)) {
        cp_info nn = cp_at(s, w->p + c.n + nx.n, end);
        if ((nx.cp == 's' || nx.cp == 'S') && !(nn.cls & CP_LETTER) && !(nn.cls & CP_DIGIT)) {
            w->end = w->p;
            w->p += c.n + nx.n;
            w->f |= S_POSS;
            return false;
        }
        w->p += c.n;
        return true;
    }
    if (c.cp == '-' && ((nx.cls & CP_LETTER) || (nx.cls & CP_DIGIT))) {
        if (!w->hyph && w->p - w->start < WORD_MAX)
            w->hyph = (uint16_t)(w->p - w->start + 1);
        if ((nx.cls & CP_UPPER) && !w->split && w->letters &&
            w->p - w->start < WORD_MAX)
            w->split = (uint16_t)(w->p + 1 - w->start);
        w->p += c.n;
        return true;
    }
    if ((c.cp == '.' || c.cp == ',') && (nx.cls & CP_DIGIT) && (w->f & S_DIGIT)) {
        w->p += c.n;
        return true;
    }
    return false;
}

/* U.N., U.S., F.B.I.: single capitals each followed by a full stop. */
static void initialism(word_state *w, const char *s, size_t end)
{
    size_t p = w->p;
    if (w->letters != 1 || !w->uppers || p + 2 >= end || s[p] != '.')
        return;
    bool any = false;
    while (p + 2 < end + 1 && s[p] == '.' && p + 1 < end &&
           s[p + 1] >= 'A' && s[p + 1] <= 'Z' &&
           (p + 2 == end || s[p + 2] == '.')) {
        p += 2;
        any = true;
    }
    if (!any)
        return;
    if (p < end && s[p] == '.')
        p++;
    w->p = w->end = p;
    w->f |= S_INIT | S_ALLCAPS;
}

static void word_shape(word_state *w, const char *s)
{
    cp_info c0 = cp_at(s, w->start, w->end);
    if ((c0.cls & CP_DIGIT))
        w->f |= S_DIGIT;
    else if ((c0.cls & CP_UPPER))
        w->f |= S_CAP;
    else
        w->f |= S_LOWER;
    if (w->letters >= 2 && w->uppers == w->letters)
        w->f |= S_ALLCAPS;
    if (!(w->f & S_LOWER) || !w->split)
        return;
    bool hyphen = s[w->start + w->split - 1] == '-';
    uint32_t f = w->f & ~(uint32_t)S_LOWER;
    if (hyphen && al_prefix(s + w->start, w->split - 1u)) {
        w->f = f | S_CAP | S_ALPRE;
    } else if (hyphen) {
        /* "intra-Syrian", "anti-American": the name is after the hyphen;
         * "pro-Brexit Tories": it qualifies what follows, and ends */
        w->start += w->split;
        w->f = f | S_CAP | S_PRECUT;
    } else {
        /* "iPhone", "eBay": a brand in lower camel case, one word */
        w->f = f | S_CAP | S_LCAMEL;
    }
    w->split = 0;
}

/* One letter or digit of class cls, n bytes long, joins the word. */
static inline void word_char(word_state *w, unsigned cls, size_t n)
{
    if (cls & CP_DIGIT)
        w->f |= w->p == w->start ? S_DIGIT : S_HASDIGIT;
    else if ((cls & CP_UPPER) && w->prev_lower && !w->split &&
             w->p - w->start < WORD_MAX)
        w->split = (uint16_t)(w->p - w->start);
    w->letters += (cls & CP_LETTER) != 0;
    w->uppers += (cls & CP_UPPER) != 0;
    w->prev_lower = cls == CP_LETTER;
    w->p += n;
}

/* "Non-governmental", "Anti-Doping": a prefix, not a name, before the
 * hyphen; the word stays whole. */
static bool word_prefix(const char *s, size_t n)
{
    static const char *const pre[] = {"non", "anti", "pro", "co", "multi",
                                      "inter", "post", "pre", "self",
                                      "cross", "trans", "sub", "semi"};
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
        if (strlen(pre[i]) != n)
            continue;
        size_t k = 0;
        while (k < n && (s[k] | 0x20) == pre[i][k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

/* "Jong-un", "Kwok-hung", "Jae-in", "Che-cheung": a romanised given
 * name of two short syllables (the second of up to six letters), the second in lowercase, is one name; "Hamas-run",
 * "Obama-era", "US-made" are a name and an English word (a short head,
 * a short tail, and the tail no word that follows names). The word is
 * still cut for the rules and the tagger (their features stay those the
 * weights were trained on); a name that ends in it takes the tail back
 * (ent_syllable_tail). */
static bool syllable_name(const char *s, size_t head, size_t tail)
{
    static const char *const words[] = {
        "led", "run", "era", "made", "born", "like", "free", "wide", "only",
        "type", "size", "held", "hit", "old", "new", "bred", "ally", "loving",
        "fan", "fans", "mad", "rich", "poor", "side", "area", "zone", "day",
        "week", "year", "time", "base", "bid", "deal", "talk",
        "war", "wars", "link", "ties", "tied", "less", "ish", "esque"};
    if (head < 2 || head > 5 || tail < 2 || tail > 6)
        return false;
    const char *t = s + head + 1;
    for (size_t k = 0; k < tail; k++)
        if (t[k] < 'a' || t[k] > 'z')
            return false;
    /* "Che-cheung", "Wai-keung": a longer syllable is no English word
     * ("-based", "-style", "-bound") */
    if (tail > 4 && tagger_everyday(t, tail))
        return false;
    if (tail >= 3 && t[tail - 2] == 'e' && t[tail - 1] == 'd')
        return false; /* "-led", "-owned" */
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == tail && !memcmp(words[i], t, tail))
            return false;
    return true;
}

size_t ent_syllable_tail(const char *text, const ent_word *w)
{
    if (!(w->f & S_CUT) || text[w->off + w->len] != '-')
        return 0;
    const char *t = text + w->off + w->len + 1;
    size_t tail = 0;
    while (tail < 7 && t[tail] >= 'a' && t[tail] <= 'z')
        tail++;
    if ((t[tail] >= 'a' && t[tail] <= 'z') || (t[tail] >= 'A' && t[tail] <= 'Z') ||
        (unsigned char)t[tail] >= 0x80 || t[tail] == '-' ||
        (t[tail] >= '0' && t[tail] <= '9'))
        return 0; /* more word than a syllable */
    return syllable_name(text + w->off, w->len, tail) ? tail + 1 : 0;
}

/* "Russian-backed", "Kerry-led": the name is before the hyphen. */
static void cut_lower_tail(word_state *w, const char *s, size_t p0,
                           size_t end)
{
    if (!w->hyph || w->split || (w->f & (S_ALPRE | S_DIGIT)) ||
        !(w->f & S_CAP))
        return;
    size_t hy = p0 + w->hyph - 1;
    if (hy < w->start || hy >= w->end || word_prefix(s + w->start,
                                                     hy - w->start))
        return;
    if (!(cp_at(s, hy + 1, end).cls & CP_UPPER)) {
        w->end = hy;
        w->f |= S_CUT;
    }
}

/* Read the word at p; its inner capital's offset goes to *split. */
static void read_word(const char *s, size_t p, size_t end, ent_word *out,
                      uint16_t *split, size_t *next)
{
    word_state w = {.p = p, .start = p, .end = 0};
    for (;;) {
        /* ASCII letters and digits, the bulk of the text, go fast */
        unsigned char b = w.p < end ? (unsigned char)s[w.p] : 0;
        unsigned k = b < 0x80 ? ascii_class[b] : 0;
        if (k) {
            word_char(&w, k, 1);
            /* then a run of lowercase ASCII letters: only counted (no
             * digit, no capital, so no shape flag or split changes) */
            size_t q = w.p;
            while (q < end && s[q] >= 'a' && s[q] <= 'z')
                q++;
            if (q > w.p) {
                w.letters += (unsigned)(q - w.p);
                w.prev_lower = true;
                w.p = q;
            }
            continue;
        }
        cp_info c = cp_at(s, w.p, end);
        if (c.cls & (CP_LETTER | CP_DIGIT))
            word_char(&w, c.cls, c.n);
        else if (c.n && word_joiner(&w, s, end, c))
            w.prev_lower = false;
        else
            break;
    }
    if (!w.end)
        w.end = w.p;
    initialism(&w, s, end);
    if (w.split && (w.f & S_DIGIT))
        w.split = 0;
    word_shape(&w, s);
    cut_lower_tail(&w, s, p, end);
    if (w.hyph && (w.f & S_CAP) && p + w.hyph - 1 > w.start &&
        p + w.hyph - 1 < w.end &&
        word_prefix(s + w.start, p + w.hyph - 1 - w.start))
        w.f |= S_PREFIXED; /* "Pro-EU", "Anti-Doping" */
    if (w.split && s[w.start + w.split - 1] == '-')
        w.f |= S_HYPH; /* else the inner capital is camel case */
    out->off = (uint32_t)w.start;
    out->len = (uint32_t)(w.end - w.start);
    out->f = w.f;
    *split = w.split;
    *next = w.p;
}

/* Separator flags for punctuation c followed by nx. */
static uint32_t sep_flags(int32_t c, cp_info nx, const ent_word *prev)
{
    switch (c) {
    case ' ':
    case '\t':
        return 0;
    case '\n':
        return S_LINE | S_SENT | S_BREAK;
    case '.':
        if (prev && (prev->wf & W_ABBR))
            return 0;
        if (prev && prev->len == 1 && (prev->f & S_CAP))
            return 0;
        return S_SENT | S_BREAK;
    case '!': case '?': case ':': case ';': case 0x2026:
        return S_SENT | S_BREAK;
    case '&':
        return S_AMP;
    case '"': case 0x201C:
        return (nx.cls & CP_LETTER) ? S_SENT | S_BREAK : S_BREAK;
    default:
        return S_BREAK;
    }
}

static void push_word(entity_table *t, const char *s, ent_word *w,
                      uint16_t split)
{
    if (w->f & S_DIGIT) {
        w->wf = 0;
        w->hash = 0;
    } else {
        w->wf = ent_word_flags(t, s + w->off, w->len, &w->hash);
    }
    /* the set-wide record of lowercase words takes each word once an
     * article: the first time the article's own set takes it */
    if ((w->f & S_LOWER) && !(w->wf & W_PARTICLE) &&
        ent_set_add(t->lowers, t->gen, w->hash)) {
        if (t->cap)
            ent_capture_low(t, w->hash);
        else
            ent_lower_add(t, w->hash);
    }
    LEDE_GROW(t->w, t->wcap, t->nw + 1);
    t->w[t->nw] = *w;
    LEDE_GROW(t->splits, t->splitcap, t->nw + 1);
    t->splits[t->nw++] = split;
}

/* The bulk of news text: a word of ASCII letters, all lowercase or
 * one capital then lowercase, that ends where no joiner can continue it
 * (not at an apostrophe, a hyphen or a non-ASCII letter). Its end, or p
 * when the word at p is not one. Such a word's shape is S_LOWER or
 * S_CAP alone (*f): no split, no cut, no initialism. */
static size_t plain_word(const char *s, size_t p, size_t end, uint32_t *f)
{
    size_t q = p;
    *f = S_LOWER;
    if (s[q] >= 'A' && s[q] <= 'Z') {
        *f = S_CAP;
        q++;
    }
    size_t low = q;
    while (q < end && s[q] >= 'a' && s[q] <= 'z')
        q++;
    if (q == low)
        return p;
    if (q == end)
        return q;
    unsigned char b = (unsigned char)s[q];
    return b < 0x80 && !ascii_class[b] && b != '\'' && b != '-' ? q : p;
}

void ent_tokenize(entity_table *t, const char *s, size_t p, size_t end,
                  bool title)
{
    uint32_t pend = S_LINE | S_SENT | S_BREAK | (title ? S_TITLE : 0);
    while (p < end) {
        if (s[p] == ' ') {
            p++;
            continue;
        }
        uint32_t f;
        size_t q = plain_word(s, p, end, &f);
        if (q > p) { /* read_word's result, without its work */
            ent_word w = {(uint32_t)p, (uint32_t)(q - p), 0, 0, f | pend};
            pend = 0;
            push_word(t, s, &w, 0);
            p = q;
            continue;
        }
        cp_info c = cp_at(s, p, end);
        if ((c.cls & CP_LETTER) || (c.cls & CP_DIGIT)) {
            ent_word w;
            uint16_t split;
            read_word(s, p, end, &w, &split, &p);
            w.f |= pend;
            pend = 0;
            if (w.len)
                push_word(t, s, &w, split);
            continue;
        }
        cp_info nx = cp_at(s, p + c.n, end);
        pend |= sep_flags(c.cp, nx, t->nw ? &t->w[t->nw - 1] : NULL);
        p += c.n ? c.n : 1;
    }
}

/* --- title-case lines --- */

/* A line is a headline when nearly every word but the small ones is
 * capitalised and some of them are common words: there capitals say
 * nothing about names. The headline block is always one. */
/* "May" is a month unless a given name or title precedes it. */
static void mark_may(entity_table *t)
{
    for (size_t i = 0; i < t->nw; i++) {
        ent_word *w = &t->w[i];
        if (!(w->wf & W_MAY))
            continue;
        if (i == 0 || (w->f & S_BREAK) || (w->f & S_LOWER) ||
            !(t->w[i - 1].wf & (W_FIRST | W_TITLE)))
            w->wf |= W_MONTH;
    }
}

static void mark_title_lines(entity_table *t)
{
    size_t i = 0;
    while (i < t->nw) {
        size_t j = i + 1;
        while (j < t->nw && !(t->w[j].f & S_LINE))
            j++;
        bool title = t->w[i].f & S_TITLE;
        unsigned alpha = 0, caps = 0, allcaps = 0, common = 0;
        for (size_t k = i; k < j; k++) {
            const ent_word *w = &t->w[k];
            if ((w->f & S_DIGIT) || ((w->f & S_LOWER) && (w->wf & W_MINOR)))
                continue;
            alpha++;
            caps += !(w->f & S_LOWER);
            allcaps += (w->f & S_ALLCAPS) != 0;
            if (!(w->f & (S_LOWER | S_SENT)) &&
                ((w->wf & (W_STOP | W_COMMON)) ||
                 ent_set_has(t->lowers, t->gen, w->hash)))
                common++;
        }
        bool tc = title ||
                  (alpha >= 3 && (alpha - caps) * 10 <= alpha && common) ||
                  (allcaps >= 2 && allcaps * 10 >= alpha * 8);
        for (size_t k = i; tc && k < j; k++)
            t->w[k].f |= S_TC;
        i = j;
    }
}

/* After every block is cut: months and headline lines. */
void ent_mark_lines(entity_table *t)
{
    mark_may(t);
    mark_title_lines(t);
}
