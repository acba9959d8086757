/* gazetteer: build the generated gazetteer files in data/ from open
 * sources (see data/SOURCES).
 *
 * usage: gazetteer OPEN_DIR OUT_DIR WORDNET_DIR ISO_639_3_JSON
 *
 * OPEN_DIR holds world-cities.csv (GeoNames, CC BY 4.0), countries.json
 * (ODbL 1.0) and clubs/ (openfootball, CC0); WORDNET_DIR WordNet 3.0's
 * data.noun (Debian wordnet-base: /usr/share/wordnet), ISO_639_3_JSON
 * the ISO 639-3 language names (Debian iso-codes). Writes to OUT_DIR:
 *   gaz_places.tsv     cities and their regions, as places
 *   gaz_countries.tsv  countries with official names and alternative
 *                      spellings (country), demonyms (other)
 *   gaz_clubs.tsv      football clubs with their other names
 *                      (organisation)
 *   gaz_wordnet.tsv    WordNet's capitalised nouns typed by their
 *                      lexicographer file and hypernyms (people,
 *                      places, organisations; peoples, languages,
 *                      faiths, events, works as other) and ISO 639-3
 *                      language names (other); a name with senses of
 *                      two types, or one of no type ("Mercury" the
 *                      element), or named by the other lists or the
 *                      hand-written gazetteer is left out
 * in the format of data/entities.tsv, sorted, so the same sources give
 * the same bytes. A one-word name that the entity finder's own word
 * lists know as an everyday word, a given name or a title ("Reading",
 * "Florence", "Mobile") is left out: there the gazetteer would outvote
 * the text. Links with liblede for those word lists. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "entity.h"
#include "entity_priv.h"

/* --- small helpers --- */

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        perror("gazetteer");
        exit(1);
    }
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *s = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 65536 > cap)
            s = xrealloc(s, cap = (n + 65536) * 2);
        got = fread(s + n, 1, 65536, f);
        n += got;
    } while (got);
    fclose(f);
    s[n] = '\0';
    *len = n;
    return s;
}

typedef struct strs {
    char **v;
    size_t n, cap;
} strs;

static void push(strs *l, char *s)
{
    if (l->n == l->cap)
        l->v = xrealloc(l->v, (l->cap = l->cap ? 2 * l->cap : 256) *
                                  sizeof *l->v);
    l->v[l->n++] = s;
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop duplicates. */
static void uniq(strs *l)
{
    if (!l->n)
        return;
    qsort(l->v, l->n, sizeof *l->v, by_str);
    size_t o = 1;
    for (size_t i = 1; i < l->n; i++) {
        if (strcmp(l->v[i], l->v[o - 1]))
            l->v[o++] = l->v[i];
        else
            free(l->v[i]);
    }
    l->n = o;
}

static bool has(const strs *l, const char *s)
{
    return l->n && bsearch(&s, l->v, l->n, sizeof *l->v, by_str);
}

/* Trim blanks at both ends in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* --- which names may go in --- */

static entity_table *words;

/* Words the finder treats as everyday words, given names or titles. */
#define PLAIN (W_STOP | W_COMMON | W_LEX | W_FIRST | W_TITLE | W_MONTH | \
               W_NONAME | W_SAYS | W_ORGKW | W_PLACEKW | W_PARTICLE |      \
               W_GENERIC | W_EVENT | W_MAY | W_MINOR | W_PREP_IN |         \
               W_PREP_AT | W_PLACEOF | W_PLACEPRE)

/* English words that are also towns, beyond the finder's lists. */
static const char *const also_words[] = {
    "bath", "reading", "nice", "split", "mobile", "orange", "hope",
    "paradise", "liberty", "independence", "commerce", "industry",
    "enterprise", "progress", "providence", "concord", "unity", "victory",
    "eagle", "buffalo", "deal", "wells", "march", "derby", "sale",
    "battle", "street", "wick", "rye", "poole", "ware", "hull", "worms",
    "mold", "goes", "bury", "mandate", "surprise", "opportunity",
    "pride", "hazard", "truth", "speed", "marvel", "plenty", "usa",
    "sur", "san", "santa", "villa", "nueva", "nuevo", "city", "town",
};

/* A name the gazetteer may hold: a capital first, not a lone everyday
 * word, no digits or brackets. */
static bool name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 60 || !((*s >= 'A' && *s <= 'Z') ||
                             (unsigned char)*s >= 0xC3))
        return false;
    for (size_t i = 0; i < n; i++) {
        if ((s[i] >= '0' && s[i] <= '9') || strchr("()[]{}\t|#\"/", s[i]))
            return false;
    }
    if (strchr(s, ' '))
        return true;
    uint32_t h;
    if (ent_word_flags(words, s, n, &h) & PLAIN)
        return false;
    size_t k = ent_key(words, s, n);
    for (size_t i = 0; i < sizeof also_words / sizeof also_words[0]; i++) {
        if (strlen(also_words[i]) == k &&
            memcmp(also_words[i], words->kbuf, k) == 0)
            return false;
    }
    return true;
}

/* --- places: world-cities.csv --- */

/* CSV field at *p (quotes allowed); advances past the comma. */
static char *csv_field(char **p)
{
    char *s = *p, *o = s, *start = s;
    bool q = *s == '"';
    if (q)
        s++;
    while (*s && (q || (*s != ',' && *s != '\n'))) {
        if (q && *s == '"') {
            if (s[1] == '"') {
                *o++ = '"';
                s += 2;
                continue;
            }
            q = false;
            s++;
            continue;
        }
        *o++ = *s++;
    }
    char end = *s;
    *o = '\0';
    *p = end ? s + 1 : s;
    if (end == '\n')
        *p = s; /* the caller sees the line end */
    return start;
}

static void places(const char *dir, strs *out, strs *cities)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/world-cities.csv", dir);
    size_t len;
    char *s = slurp(path, &len), *p = strchr(s, '\n');
    while (p && *p) {
        p++;
        if (!*p)
            break;
        char *name = csv_field(&p), *country = csv_field(&p);
        char *region = csv_field(&p);
        (void)country;
        char *nl = strchr(p, '\n');
        p = nl;
        name = trim(name);
        region = trim(region);
        push(cities, xstrndup(name, strlen(name)));
        if (name_ok(name))
            push(out, xstrndup(name, strlen(name)));
        /* "Tarija Department": the region's own name is the name */
        if (name_ok(region) && !strstr(region, " Department") &&
            !strstr(region, " Province") && !strstr(region, " Region"))
            push(out, xstrndup(region, strlen(region)));
    }
    free(s);
    uniq(out);
    uniq(cities);
}

/* --- countries.json: a small JSON reader --- */

typedef enum { J_NULL, J_STR, J_NUM, J_BOOL, J_ARR, J_OBJ } jtype;

typedef struct jval {
    jtype t;
    char *s;             /* J_STR */
    struct jval *kid;    /* J_ARR / J_OBJ: children */
    char **key;          /* J_OBJ: keys */
    size_t n;
} jval;

static const char *jp, *jfile = "countries.json";

static void jfail(const char *what)
{
    fprintf(stderr, "gazetteer: %s: %s near '%.20s'\n", jfile, what, jp);
    exit(1);
}

static void jws(void)
{
    while (*jp == ' ' || *jp == '\n' || *jp == '\r' || *jp == '\t')
        jp++;
}

static void put_utf8(char **o, unsigned c)
{
    char *d = *o;
    if (c < 0x80) {
        *d++ = (char)c;
    } else if (c < 0x800) {
        *d++ = (char)(0xC0 | c >> 6);
        *d++ = (char)(0x80 | (c & 63));
    } else {
        *d++ = (char)(0xE0 | c >> 12);
        *d++ = (char)(0x80 | ((c >> 6) & 63));
        *d++ = (char)(0x80 | (c & 63));
    }
    *o = d;
}

static char *jstr(void)
{
    if (*jp != '"')
        jfail("string expected");
    const char *s = ++jp;
    while (*jp && *jp != '"')
        jp += *jp == '\\' && jp[1] ? 2 : 1;
    if (!*jp)
        jfail("unterminated string");
    char *out = xrealloc(NULL, (size_t)(jp - s) + 1), *o = out;
    for (const char *q = s; q < jp; q++) {
        if (*q != '\\') {
            *o++ = *q;
            continue;
        }
        q++;
        if (*q == 'u' && q + 4 < jp) {
            char hex[5] = {q[1], q[2], q[3], q[4], '\0'};
            unsigned c = (unsigned)strtoul(hex, NULL, 16);
            put_utf8(&o, c >= 0xD800 && c < 0xE000 ? 0xFFFD : c);
            q += 4;
        } else {
            *o++ = *q == 'n' ? ' ' : *q == 't' ? ' ' : *q;
        }
    }
    *o = '\0';
    jp++;
    return out;
}

static void jvalue(jval *v, int depth)
{
    if (depth > 64)
        jfail("nested too deep");
    memset(v, 0, sizeof *v);
    jws();
    if (*jp == '"') {
        v->t = J_STR;
        v->s = jstr();
    } else if (*jp == '[' || *jp == '{') {
        bool obj = *jp++ == '{';
        v->t = obj ? J_OBJ : J_ARR;
        size_t cap = 0;
        for (;;) {
            jws();
            if (*jp == (obj ? '}' : ']')) {
                jp++;
                break;
            }
            if (v->n == cap) {
                cap = cap ? 2 * cap : 4;
                v->kid = xrealloc(v->kid, cap * sizeof *v->kid);
                v->key = xrealloc(v->key, cap * sizeof *v->key);
            }
            v->key[v->n] = NULL;
            if (obj) {
                v->key[v->n] = jstr();
                jws();
                if (*jp++ != ':')
                    jfail("':' expected");
            }
            jvalue(&v->kid[v->n++], depth + 1);
            jws();
            if (*jp == ',')
                jp++;
        }
    } else if (*jp == 't' || *jp == 'f' || *jp == 'n') {
        v->t = *jp == 'n' ? J_NULL : J_BOOL;
        while (*jp >= 'a' && *jp <= 'z')
            jp++;
    } else if (*jp == '-' || (*jp >= '0' && *jp <= '9')) {
        v->t = J_NUM;
        while (*jp && strchr("+-.eE0123456789", *jp))
            jp++;
    } else {
        jfail("value expected");
    }
}

static const jval *jget(const jval *v, const char *key)
{
    if (!v || v->t != J_OBJ)
        return NULL;
    for (size_t i = 0; i < v->n; i++) {
        if (strcmp(v->key[i], key) == 0)
            return &v->kid[i];
    }
    return NULL;
}

static const char *jtext(const jval *v)
{
    return v && v->t == J_STR ? v->s : NULL;
}

/* Alternative spellings worth keeping: English letters, three or more
 * characters, not the two-letter codes. One word only when an acronym
 * ("UAE", "DRC"): the one-word spellings are native names, demonyms or
 * other things ("Emirates", "Portuguesa", "Togolese"). */
static bool alt_ok(const char *s)
{
    size_t n = strlen(s);
    bool caps = true;
    if (n < 3 || !(*s >= 'A' && *s <= 'Z'))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == '\'' || c == ',')
            return false;
        caps &= c >= 'A' && c <= 'Z';
    }
    return strchr(s, ' ') ? name_ok(s) : caps;
}

/* Append alias a to the gazetteer line unless it is there already. */
static void add_alias(char *line, size_t cap, const char **seen,
                      size_t *nseen, const char *a)
{
    for (size_t i = 0; i < *nseen; i++) {
        if (strcmp(seen[i], a) == 0)
            return;
    }
    size_t n = strlen(line);
    if (n + strlen(a) + 2 >= cap || *nseen >= 64)
        return;
    snprintf(line + n, cap - n, "%s%s", *nseen > 1 ? "|" : "\t", a);
    seen[(*nseen)++] = a;
}

static void countries(const char *dir, strs *out, strs *dem)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/countries.json", dir);
    size_t len;
    char *s = slurp(path, &len);
    jp = s;
    jval root;
    jvalue(&root, 0);
    if (root.t != J_ARR)
        jfail("an array of countries expected");
    for (size_t i = 0; i < root.n; i++) {
        const jval *c = &root.kid[i], *nm = jget(c, "name");
        const char *common = jtext(jget(nm, "common"));
        if (!common || !name_ok(common))
            continue;
        char line[4096];
        const char *seen[64] = {common};
        size_t nseen = 1;
        snprintf(line, sizeof line, "%s\tcountry", common);
        const char *off = jtext(jget(nm, "official"));
        if (off && alt_ok(off))
            add_alias(line, sizeof line, seen, &nseen, off);
        const jval *alts = jget(c, "altSpellings");
        for (size_t k = 0; alts && alts->t == J_ARR && k < alts->n; k++) {
            const char *a = jtext(&alts->kid[k]);
            if (a && alt_ok(a))
                add_alias(line, sizeof line, seen, &nseen, a);
        }
        push(out, xstrndup(line, strlen(line)));
        const jval *eng = jget(jget(c, "demonyms"), "eng");
        const char *m = jtext(jget(eng, "m")), *f = jtext(jget(eng, "f"));
        /* "Antiguan, Barbudan", "Kittitian or Nevisian": two words for
         * two peoples, no name */
        if (m && name_ok(m) && !strchr(m, ',') && !strstr(m, " or ")) {
            snprintf(line, sizeof line, "%s\tother", m);
            if (f && strcmp(f, m) && name_ok(f) && !strchr(f, ','))
                snprintf(line + strlen(line), sizeof line - strlen(line),
                         "\t%s", f);
            push(dem, xstrndup(line, strlen(line)));
        }
    }
    free(s); /* the tree leaks: the program ends soon */
    uniq(out);
    uniq(dem);
}

/* --- clubs: openfootball text files --- */

typedef struct club {
    char *name;
    strs alias;
} club;

typedef struct clubs {
    club *v;
    size_t n, cap;
} clubs;

/* Cut a "#" comment and what follows a club's first comma. */
static char *club_field(char *s, bool first)
{
    char *h = strchr(s, '#');
    if (h)
        *h = '\0';
    if (first) {
        char *c = strchr(s, ',');
        if (c)
            *c = '\0';
    }
    return trim(s);
}

/* An alias is kept when it names the club alone: not a town ("Arsenal"
 * yes, "Liverpool" no), no abbreviation with a full stop. */
static bool alias_ok(const char *a, const strs *cities, const strs *places)
{
    return name_ok(a) && !strchr(a, '.') && !has(cities, a) &&
           !has(places, a);
}

static void club_file(const char *path, clubs *out, const strs *cities,
                      const strs *places)
{
    size_t len;
    char *s = slurp(path, &len), *p = s;
    club *cur = NULL;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        bool indent = *p == ' ' || *p == '\t';
        char *t = trim(p);
        if (*t == '|' && cur) {
            char *q = t;
            while (q) {
                char *bar = strchr(q + 1, '|');
                if (bar)
                    *bar = '\0';
                char *a = club_field(q + (*q == '|'), false);
                if (alias_ok(a, cities, places))
                    push(&cur->alias, xstrndup(a, strlen(a)));
                q = bar;
            }
        } else if (!indent && *t && *t != '=' && *t != '#') {
            char *name = club_field(t, true);
            cur = NULL;
            if (name_ok(name) && !has(cities, name) && !has(places, name)) {
                if (out->n == out->cap)
                    out->v = xrealloc(out->v, (out->cap = out->cap * 2 + 64) *
                                                  sizeof *out->v);
                cur = &out->v[out->n++];
                memset(cur, 0, sizeof *cur);
                cur->name = xstrndup(name, strlen(name));
            }
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    free(s);
}

static void club_dir(const char *dir, clubs *out, const strs *cities,
                     const strs *places)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        exit(1);
    }
    strs names = {0};
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.')
            push(&names, xstrndup(e->d_name, strlen(e->d_name)));
    }
    closedir(d);
    uniq(&names); /* a fixed order: the output must not depend on readdir */
    for (size_t i = 0; i < names.n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t n = strlen(names.v[i]);
        if (S_ISDIR(st.st_mode))
            club_dir(path, out, cities, places);
        else if (n > 10 && strcmp(names.v[i] + n - 10, ".clubs.txt") == 0)
            club_file(path, out, cities, places);
        free(names.v[i]);
    }
    free(names.v);
}

/* One line a club; a name given by two files is one line. */
static void club_lines(clubs *c, strs *out)
{
    strs seen = {0};
    for (size_t i = 0; i < c->n; i++)
        push(&seen, xstrndup(c->v[i].name, strlen(c->v[i].name)));
    uniq(&seen);
    for (size_t i = 0; i < c->n; i++) {
        club *k = &c->v[i];
        uniq(&k->alias);
        char line[4096];
        snprintf(line, sizeof line, "%s\torganisation", k->name);
        int na = 0;
        for (size_t j = 0; j < k->alias.n; j++) {
            const char *a = k->alias.v[j];
            /* another club's own name is no alias of this one */
            if (!strcmp(a, k->name) || has(&seen, a))
                continue;
            size_t n = strlen(line);
            if (n + strlen(a) + 2 >= sizeof line)
                break;
            snprintf(line + n, sizeof line - n, "%s%s", na++ ? "|" : "\t", a);
        }
        push(out, xstrndup(line, strlen(line)));
    }
    free(seen.v);
    uniq(out);
}

/* --- typed proper nouns: WordNet 3.0 and ISO 639-3 --- */

/* A noun synset of WordNet's data.noun: its lexicographer file, whether
 * it is an instance ("Einstein" of physicist), its hypernyms. */
typedef struct wn_syn {
    uint32_t off;
    uint8_t lex;
    bool inst;
    uint32_t hyp0, nhyp; /* into wn_hyp: hypernyms' offsets */
} wn_syn;

static wn_syn *wn_s;
static size_t wn_n;
static uint32_t *wn_hyp;

/* Synsets the types hang from (WordNet 3.0 offsets, checked on load). */
enum {
    WN_ORGANIZATION = 8008335,  /* organization, organisation */
    WN_RELIGION_ORG = 8081668,  /* religion, faith, organized religion */
    WN_TAXON = 7992450,         /* taxonomic group */
    WN_ETHNIC = 7967382,        /* ethnic group, ethnos */
    WN_PEOPLE = 7942152,        /* people */
    WN_NATION = 8166552,        /* nation, land, country (a people) */
    WN_LANGUAGE = 6282651,      /* language, linguistic communication */
    WN_SACRED_TEXT = 6429590,   /* sacred text */
    WN_RELIGION = 5946687,      /* religion, faith, religious belief */
    WN_HOLIDAY = 15183428,      /* holiday */
    WN_CELESTIAL = 9239740,     /* celestial body */
    WN_LEGISLATURE = 8163273,   /* legislature */
    WN_UNIVERSITY = 4511002,    /* university (the buildings) */
};

static const struct {
    uint32_t off;
    const char *lemma;
} wn_anchor[] = {
    {WN_ORGANIZATION, "organization"}, {WN_RELIGION_ORG, "organized_religion"},
    {WN_TAXON, "taxonomic_group"},     {WN_ETHNIC, "ethnic_group"},
    {WN_PEOPLE, "people"},             {WN_NATION, "nation"},
    {WN_LANGUAGE, "language"},         {WN_SACRED_TEXT, "sacred_text"},
    {WN_RELIGION, "religion"},         {WN_HOLIDAY, "holiday"},
    {WN_CELESTIAL, "celestial_body"}, {WN_LEGISLATURE, "legislature"},
    {WN_UNIVERSITY, "university"},
};

static long wn_find(uint32_t off)
{
    size_t lo = 0, hi = wn_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (wn_s[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < wn_n && wn_s[lo].off == off ? (long)lo : -1;
}

/* Whether synset i is anc or lies below it (hypernyms and instance
 * hypernyms). */
static bool wn_under(size_t i, uint32_t anc, int depth)
{
    if (wn_s[i].off == anc)
        return true;
    if (depth > 30)
        return false;
    for (uint32_t k = 0; k < wn_s[i].nhyp; k++) {
        long j = wn_find(wn_hyp[wn_s[i].hyp0 + k]);
        if (j >= 0 && wn_under((size_t)j, anc, depth + 1))
            return true;
    }
    return false;
}

/* The type of a capitalised lemma of synset i, or NULL: not a name of a
 * kind the finder types ("January", "Rosaceae", "Democrat"). */
static const char *wn_type(size_t i)
{
    const wn_syn *y = &wn_s[i];
    switch (y->lex) {
    case 15: /* noun.location */
        return "place";
    case 17: /* noun.object: rivers, mountains, islands */
        return y->inst && !wn_under(i, WN_CELESTIAL, 0) ? "place" : NULL;
    case 18: /* noun.person: people by name; the capitalised kinds of
              * people are members of a nation, people, faith or party
              * ("Dane", "Onondaga", "Democrat"), as other */
        return y->inst ? "person" : "other";
    case 14: /* noun.group */
        if (wn_under(i, WN_RELIGION_ORG, 0))
            return "other";
        if (wn_under(i, WN_TAXON, 0) || wn_under(i, WN_NATION, 0))
            return NULL;
        if (wn_under(i, WN_ORGANIZATION, 0) ||
            wn_under(i, WN_LEGISLATURE, 0))
            return "organisation";
        if (wn_under(i, WN_ETHNIC, 0) || wn_under(i, WN_PEOPLE, 0))
            return "other";
        /* named groups: "Irish Republican Army", not "Ming" */
        return y->inst ? "organisation" : NULL;
    case 10: /* noun.communication: languages, scriptures, works */
        return y->inst || wn_under(i, WN_LANGUAGE, 0) ||
                       wn_under(i, WN_SACRED_TEXT, 0)
                   ? "other"
                   : NULL;
    case 6: /* noun.artifact: universities; buildings, bridges and other
             * structures by name as places ("Hagia Sophia") */
        return wn_under(i, WN_UNIVERSITY, 0) ? "organisation"
               : y->inst                     ? "place"
                                             : NULL;
    case 9: /* noun.cognition: religions */
        return wn_under(i, WN_RELIGION, 0) ? "other" : NULL;
    case 4:  /* noun.act: wars, battles, crusades */
    case 11: /* noun.event */
        return y->inst ? "other" : NULL;
    case 28: /* noun.time: holidays and eras, not months or days */
        return y->inst || wn_under(i, WN_HOLIDAY, 0) ? "other" : NULL;
    default:
        return NULL;
    }
}

/* One candidate: "key\tname\ttype", key the finder's folded form. */
static void cand_add(strs *c, const char *name, const char *type)
{
    if (!name_ok(name))
        return;

    size_t k = ent_key(words, name, strlen(name));
    size_t n = k + strlen(name) + strlen(type) + 3;
    char *s = xrealloc(NULL, n);
    snprintf(s, n, "%.*s\t%s\t%s", (int)k, words->kbuf, name, type);
    push(c, s);
}

static uint32_t hex2(const char *p)
{
    return (uint32_t)strtoul(p, NULL, 16);
}

static void wordnet(const char *dir, strs *cand)
{
    char path[4096];
    size_t len;
    snprintf(path, sizeof path, "%s/data.noun", dir);
    char *s = slurp(path, &len);
    size_t cap = 0, hcap = 0, nh = 0;
    /* first pass: synsets and hypernyms; lines stay for the second */
    strs lines = {0};
    for (char *p = s, *e; *p; p = e + 1) {
        e = strchr(p, '\n');
        if (!e)
            break;
        *e = '\0';
        if (*p == ' ' || e - p < 20)
            continue; /* the licence header */
        push(&lines, p);
        if (wn_n == cap)
            wn_s = xrealloc(wn_s, (cap = cap ? 2 * cap : 1024) * sizeof *wn_s);
        wn_syn *y = &wn_s[wn_n++];
        memset(y, 0, sizeof *y);
        char *q;
        y->off = (uint32_t)strtoul(p, &q, 10);
        y->lex = (uint8_t)strtoul(q, &q, 10);
        q += 3; /* " n " */
        uint32_t nw = hex2(q);
        q = strchr(q, ' ') + 1;
        for (uint32_t w = 0; w < nw; w++) { /* word lex_id */
            q = strchr(q, ' ') + 1;
            q = strchr(q, ' ') + 1;
        }
        unsigned long np = strtoul(q, &q, 10);
        y->hyp0 = (uint32_t)nh;
        for (unsigned long k = 0; k < np; k++) { /* sym off pos st */
            char sym[4] = {0};
            q++;
            size_t sl = strcspn(q, " ");
            memcpy(sym, q, sl < 3 ? sl : 3);
            q += sl;
            uint32_t off = (uint32_t)strtoul(q, &q, 10);
            q += 2; /* " n" or other pos */
            q = strchr(q, ' '); /* before source/target */
            q += 5;
            if (strcmp(sym, "@") && strcmp(sym, "@i"))
                continue;
            if (!strcmp(sym, "@i"))
                y->inst = true;
            if (nh == hcap)
                wn_hyp = xrealloc(wn_hyp, (hcap = hcap ? 2 * hcap : 4096) *
                                              sizeof *wn_hyp);
            wn_hyp[nh++] = off;
            y->nhyp++;
        }
    }
    for (size_t a = 0; a < sizeof wn_anchor / sizeof wn_anchor[0]; a++) {
        long i = wn_find(wn_anchor[a].off);
        if (i < 0 || !strstr(lines.v[i], wn_anchor[a].lemma)) {
            fprintf(stderr, "gazetteer: %s: synset %08u is not %s: not "
                            "WordNet 3.0?\n", path, (unsigned)wn_anchor[a].off,
                    wn_anchor[a].lemma);
            exit(1);
        }
    }
    /* second pass: the capitalised lemmas of typed synsets */
    for (size_t i = 0; i < wn_n; i++) {
        char *q = lines.v[i];
        for (int f = 0; f < 3; f++)
            q = strchr(q, ' ') + 1;
        uint32_t nw = hex2(q);
        q = strchr(q, ' ') + 1;
        const char *type = NULL;
        bool typed = false;
        for (uint32_t w = 0; w < nw; w++) {
            char *sp = strchr(q, ' ');
            *sp = '\0';
            if (*q >= 'A' && *q <= 'Z') {
                if (!typed) {
                    type = wn_type(i);
                    typed = true;
                }
                for (char *u = q; *u; u++) {
                    if (*u == '_')
                        *u = ' ';
                }
                /* untyped senses count too: "Democrat" the person
                 * keeps "Democrat" the party out */
                cand_add(cand, q, type ? type : "-");
            }
            q = strchr(sp + 1, ' ') + 1;
        }
    }
    free(lines.v);
    /* s stays: the names were copied, the rest leaks until exit */
    free(s);
}

/* Language names of ISO 639-3 (living, extinct, ancient, historical,
 * constructed), as other; "Konkani (macrolanguage)" as "Konkani". */
static void languages(const char *path, strs *cand)
{
    size_t len;
    char *s = slurp(path, &len);
    jp = s;
    jfile = path;
    jval root;
    jvalue(&root, 0);
    const jval *l = jget(&root, "639-3");
    if (!l || l->t != J_ARR)
        jfail("\"639-3\": an array of languages expected");
    for (size_t i = 0; i < l->n; i++) {
        const char *nm = jtext(jget(&l->kid[i], "name"));
        const char *ty = jtext(jget(&l->kid[i], "type"));
        if (!nm || !ty || !strchr("LEAHC", *ty) || strchr(nm, ','))
            continue;
        const char *par = strstr(nm, " (");
        char *n = xstrndup(nm, par ? (size_t)(par - nm) : strlen(nm));
        if (!strchr(n, '('))
            cand_add(cand, n, "other");
        free(n);
    }
    free(s);
}

/* Keys of the names in generated lines "name\ttype[\talias|...]", and of
 * plain names: what the other lists name already. */
static void keys_of(strs *keys, const strs *l, bool lines)
{
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->v[i];
        for (;;) {
            size_t n = strcspn(s, lines ? "\t|" : "");
            size_t k = ent_key(words, s, n);
            push(keys, xstrndup(words->kbuf, k));
            if (!lines || !s[n])
                break;
            s += n + 1;
            if (s[-1] == '\t') { /* the type, then aliases or the end */
                s += strcspn(s, "\t");
                if (!*s)
                    break;
                s++;
            }
        }
    }
}

/* One name a key: the candidates agreeing on a type, not named by the
 * other lists or the hand-written gazetteer, none untyped. */
static void typed_names(strs *cand, const strs *taken, strs *out)
{
    uniq(cand);
    for (size_t i = 0; i < cand->n;) {
        const char *c = cand->v[i];
        size_t kl = strcspn(c, "\t"), j = i + 1;
        const char *type = strrchr(c, '\t') + 1;
        bool one = strcmp(type, "-") != 0;
        for (; j < cand->n && !strncmp(cand->v[j], c, kl + 1); j++)
            one &= !strcmp(strrchr(cand->v[j], '\t') + 1, type);
        char *key = xstrndup(c, kl);
        const char *name = c + kl + 1;
        size_t nl = strcspn(name, "\t");
        if (one && !has(taken, key) && ent_gaz_find(words, name, nl) < 0) {
            char line[512];
            snprintf(line, sizeof line, "%.*s\t%s", (int)nl, name, type);
            push(out, xstrndup(line, strlen(line)));
        }
        free(key);
        i = j;
    }
    uniq(out);
}

static void write_file(const char *dir, const char *name, const char *head,
                       const strs *a, const char *type, const strs *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(head, f);
    for (size_t i = 0; i < a->n; i++)
        fprintf(f, "%s%s%s\n", a->v[i], type ? "\t" : "", type ? type : "");
    for (size_t i = 0; b && i < b->n; i++)
        fprintf(f, "%s\n", b->v[i]);
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: gazetteer OPEN_DIR OUT_DIR WORDNET_DIR "
                        "ISO_639_3_JSON\n");
        return 2;
    }
    words = entity_table_new();
    strs pl = {0}, cities = {0}, co = {0}, dem = {0}, cl = {0};
    places(argv[1], &pl, &cities);
    countries(argv[1], &co, &dem);
    char path[4096];
    snprintf(path, sizeof path, "%s/clubs", argv[1]);
    clubs c = {0};
    club_dir(path, &c, &cities, &pl);
    club_lines(&c, &cl);
    strs cand = {0}, taken = {0}, wn = {0};
    wordnet(argv[3], &cand);
    languages(argv[4], &cand);
    keys_of(&taken, &pl, false);
    keys_of(&taken, &cl, true);
    keys_of(&taken, &co, true);
    keys_of(&taken, &dem, true);
    uniq(&taken);
    typed_names(&cand, &taken, &wn);
    write_file(argv[2], "gaz_places.tsv",
               "# Generated by tools/gazetteer from world-cities.csv\n"
               "# (GeoNames, CC BY 4.0): cities and regions. See SOURCES.\n",
               &pl, "place", NULL);
    write_file(argv[2], "gaz_countries.tsv",
               "# Generated by tools/gazetteer from countries.json\n"
               "# (ODbL 1.0): countries, demonyms. See SOURCES.\n",
               &co, NULL, &dem);
    write_file(argv[2], "gaz_clubs.tsv",
               "# Generated by tools/gazetteer from openfootball clubs\n"
               "# (CC0 1.0): football clubs. See SOURCES.\n",
               &cl, NULL, NULL);
    write_file(argv[2], "gaz_wordnet.tsv",
               "# Generated by tools/gazetteer from WordNet 3.0 (Copyright\n"
               "# 2006 by Princeton University; WordNet licence) and ISO\n"
               "# 639-3 language names (iso-codes, LGPL-2.1+): typed proper\n"
               "# names. See SOURCES.\n",
               &wn, NULL, NULL);
    entity_table_free(words);
    printf("%zu places, %zu countries, %zu demonyms, %zu clubs, %zu "
           "wordnet\n", pl.n, co.n, dem.n, cl.n, wn.n);
    return 0;
}
