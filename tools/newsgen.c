/* newsgen.c: news-shaped training documents (see newsgen.h).
 *
 * Encyclopaedic and web text lacks the shapes of wire news: datelines,
 * result lines, league tables, market reports. These templates make
 * them from name lists; a name's tokens carry its type. Deterministic:
 * a fixed xorshift seed, lists read in sorted order, and never two rnd()
 * calls in one expression (C leaves their order to the compiler). */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsgen.h"
#include "util.h"

typedef struct pool {
    char **s;
    size_t n, cap;
} pool;

static void pool_add(pool *p, const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    if (!n || n > 60)
        return;
    LEDE_GROW(p->s, p->cap, p->n + 1);
    p->s[p->n++] = lede_strndup(s, n);
}

static void pool_free(pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->s[i]);
    free(p->s);
}

static uint64_t st = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    st ^= st << 13;
    st ^= st >> 7;
    st ^= st << 17;
    return n ? (uint32_t)((st >> 33) % n) : 0;
}

static const char *pick(const pool *p)
{
    return p->n ? p->s[rnd((uint32_t)p->n)] : "Nowhere";
}

/* Surnames common in news, written here. */
static const char *const surnames[] = {
    "Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas",
    "Roberts", "Walker", "Wright", "Hughes", "Green", "Hall", "Wood",
    "Clarke", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris",
    "King", "Baker", "Harris", "Lewis", "Young", "Allen", "Mitchell",
    "Kelly", "Murphy", "Walsh", "Byrne", "Muller", "Schmidt", "Schneider",
    "Fischer", "Weber", "Becker", "Hoffmann", "Dupont", "Martin", "Bernard",
    "Durand", "Lefevre", "Moreau", "Rossi", "Russo", "Ferrari", "Esposito",
    "Bianchi", "Romano", "Garcia", "Fernandez", "Lopez", "Martinez",
    "Sanchez", "Perez", "Gonzalez", "Rodriguez", "Silva", "Santos",
    "Oliveira", "Costa", "Pereira", "Ivanov", "Petrov", "Sidorov",
    "Volkov", "Kuznetsov", "Popov", "Nowak", "Kowalski", "Novak",
    "Horvat", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser",
    "Andersson", "Johansson", "Nielsen", "Hansen", "Larsen", "Berg",
    "Virtanen", "Korhonen", "Papadopoulos", "Yilmaz", "Kaya", "Demir",
    "Cohen", "Levi", "Haddad", "Khalil", "Hassan", "Mansour", "Nasser",
    "Khan", "Ahmed", "Hussain", "Singh", "Sharma", "Patel", "Gupta",
    "Chen", "Wang", "Li", "Zhang", "Liu", "Tanaka", "Suzuki", "Sato",
    "Watanabe", "Kim", "Park", "Lee", "Nguyen", "Tran", "Okafor",
    "Mensah", "Mwangi", "Otieno", "Diallo", "Traore", "Ndiaye", "Zuma",
    "Dlamini", "Sousa", "Ramos", "Torres", "Castillo", "Vargas",
};

typedef struct pools {
    pool given, cities, clubs, countries, orgs, demonyms, people, words;
} pools;

static void read_lines(const char *path, void (*fn)(pools *, char *),
                       pools *ps)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        /* other sentences, so other weights: never silently */
        fprintf(stderr, "newsgen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        fn(ps, line);
    }
    fclose(f);
}

static void given_line(pools *ps, char *l)
{
    if (l[0] && l[0] != '#')
        pool_add(&ps->given, l, strlen(l));
}

static void city_line(pools *ps, char *l)
{
    char *c = strchr(l, ',');
    if (c && strncmp(l, "name,", 5) != 0 && !strchr(l, '"'))
        pool_add(&ps->cities, l, (size_t)(c - l));
}

static void club_line(pools *ps, char *l)
{
    if (!l[0] || strchr("=# |", l[0]))
        return;
    size_t n = strcspn(l, ",#(");
    pool_add(&ps->clubs, l, n);
}

static void entity_line(pools *ps, char *l)
{
    if (!l[0] || l[0] == '#')
        return;
    char *tab = strchr(l, '\t');
    if (!tab)
        return;
    *tab = '\0';
    char *type = tab + 1;
    type[strcspn(type, "\t")] = '\0';
    size_t n = strlen(l);
    if (!strcmp(type, "country"))
        pool_add(&ps->countries, l, n);
    else if (!strcmp(type, "organisation"))
        pool_add(&ps->orgs, l, n);
    else if (!strcmp(type, "person"))
        pool_add(&ps->people, l, n);
    else if (!strcmp(type, "other") && n > 3 &&
             (!strcmp(l + n - 2, "an") || !strcmp(l + n - 3, "ese") ||
              !strcmp(l + n - 2, "sh") || !strcmp(l + n - 1, "i")))
        pool_add(&ps->demonyms, l, n);
}

/* Everyday words of three to nine letters (data/lexicon.txt): the
 * words of made-up titles of songs, films and books. */
static void word_line(pools *ps, char *l)
{
    size_t n = strlen(l);
    if (l[0] && l[0] != '#' && n >= 3 && n <= 9)
        pool_add(&ps->words, l, n);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.clubs.txt under dir, in sorted path order. */
static void walk_clubs(const char *dir, pools *ps)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    pool names = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            pool_add(&names, e->d_name, strlen(e->d_name));
    closedir(d);
    qsort(names.s, names.n, sizeof *names.s, cmp_str);
    for (size_t i = 0; i < names.n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names.s[i]);
        size_t l = strlen(names.s[i]);
        if (l > 10 && !strcmp(names.s[i] + l - 10, ".clubs.txt"))
            read_lines(path, club_line, ps);
        else if (!strchr(names.s[i], '.'))
            walk_clubs(path, ps);
    }
    pool_free(&names);
}

/* --- emitting --- */

typedef struct out {
    void *doc;
    newsgen_emit emit;
} out;

/* The words of s, each a token of type (begin on the first). */
static void name(out *o, const char *s, int type)
{
    bool first = true;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (!n)
            break;
        o->emit(o->doc, s, n, type, first);
        first = false;
        s += n;
    }
}

/* Plain words, space-separated; "%" takes the next name from the list. */
static void say(out *o, const char *words)
{
    name(o, words, -1);
}

static void end(out *o)
{
    o->emit(o->doc, NULL, 0, -1, false);
}

static void num(out *o, int lo, int hi)
{
    char b[16];
    snprintf(b, sizeof b, "%d", lo + (int)rnd((uint32_t)(hi - lo + 1)));
    o->emit(o->doc, b, strlen(b), -1, false);
}

static void upper_name(out *o, const char *s, int type)
{
    char b[128];
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof b; i++)
        b[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
    b[i] = '\0';
    name(o, b, type);
}

static void person(out *o, const pools *ps)
{
    char b[160];
    if (rnd(4) == 0) {
        name(o, pick(&ps->people), 0);
        return;
    }
    if (rnd(3) == 0) { /* sports pages: "P. Simmons" */
        /* one rnd() a statement: argument order is unspecified in C */
        int initial = 'A' + (int)rnd(26);
        const char *sur = surnames[rnd(sizeof surnames / sizeof surnames[0])];
        snprintf(b, sizeof b, "%c. %s", initial, sur);
        name(o, b, 0);
        return;
    }
    const char *given = pick(&ps->given);
    const char *sur = surnames[rnd(sizeof surnames / sizeof surnames[0])];
    snprintf(b, sizeof b, "%s %s", given, sur);
    name(o, b, 0);
}

static const char *const months[] = {"Jan", "Feb", "March", "April", "May",
                                     "June", "July", "Aug", "Sept", "Oct",
                                     "Nov", "Dec"};
static const char *const days[] = {"Monday", "Tuesday", "Wednesday",
                                   "Thursday", "Friday", "Saturday",
                                   "Sunday"};

static void dateline(out *o, const pools *ps)
{
    const char *city = pick(&ps->cities);
    if (rnd(2))
        upper_name(o, city, 2);
    else
        name(o, city, 2);
    if (rnd(2)) {
        char b[16];
        int y = 1990 + (int)rnd(30);
        int mo = 1 + (int)rnd(12);
        int d = 1 + (int)rnd(28);
        snprintf(b, sizeof b, "%d-%02d-%02d", y, mo, d);
        o->emit(o->doc, b, strlen(b), -1, false);
    } else {
        say(o, months[rnd(12)]);
        num(o, 1, 28);
    }
    end(o);
}

static void result_line(out *o, const pools *ps)
{
    name(o, pick(&ps->clubs), 1);
    num(o, 0, 4);
    name(o, pick(&ps->clubs), 1);
    num(o, 0, 4);
    end(o);
}

static void standing_line(out *o, const pools *ps)
{
    name(o, pick(&ps->clubs), 1);
    for (int i = 0; i < 7; i++)
        num(o, 0, 30);
    end(o);
}

static void sports_story(out *o, const pools *ps)
{
    upper_name(o, "soccer", -1);
    say(o, "-");
    if (rnd(2))
        upper_name(o, pick(&ps->demonyms), 3);
    upper_name(o, rnd(2) ? "league results" : "league standings", -1);
    say(o, ".");
    end(o);
    int n = 3 + (int)rnd(6);
    for (int i = 0; i < n; i++)
        (rnd(2) ? result_line : standing_line)(o, ps);
    person(o, ps);
    say(o, rnd(2) ? "scored twice as" : "headed the winner as");
    name(o, pick(&ps->clubs), 1);
    say(o, "beat");
    name(o, pick(&ps->clubs), 1);
    say(o, "in");
    name(o, pick(&ps->cities), 2);
    say(o, "on");
    say(o, days[rnd(7)]);
    say(o, ".");
    end(o);
}

/* Scores by team and by player: "Derbyshire 302 and 120-3", "P. Simmons
 * 45 not out", standings headed by an all-caps league name. */
static void scores_story(out *o, const pools *ps)
{
    static const char *const leagues[] = {
        "AMERICAN LEAGUE", "NATIONAL LEAGUE", "PREMIER LEAGUE",
        "WORLD CUP", "DAVIS CUP", "TOUR DE FRANCE", "OLYMPIC GAMES"};
    name(o, leagues[rnd(sizeof leagues / sizeof leagues[0])], 3);
    upper_name(o, rnd(2) ? "results" : "standings", -1);
    end(o);
    for (int i = 0, n = 2 + (int)rnd(4); i < n; i++) {
        const char *team = rnd(2) ? pick(&ps->clubs) : pick(&ps->cities);
        if (rnd(4) == 0)
            upper_name(o, team, 1);
        else
            name(o, team, 1);
        num(o, 100, 450);
        say(o, rnd(2) ? "and" : "(");
        num(o, 50, 300);
        end(o);
        person(o, ps);
        num(o, 0, 120);
        say(o, rnd(2) ? "not out" : ",");
        person(o, ps);
        num(o, 1, 6);
        say(o, "for");
        num(o, 10, 90);
        end(o);
    }
    say(o, "The");
    name(o, pick(&ps->demonyms), 3);
    say(o, rnd(2) ? "team won in" : "champion lost in");
    name(o, pick(&ps->cities), 2);
    say(o, ".");
    end(o);
}

static void market_story(out *o, const pools *ps)
{
    say(o, "Shares in");
    name(o, pick(&ps->orgs), 1);
    say(o, rnd(2) ? "rose" : "fell");
    num(o, 1, 9);
    say(o, "percent in");
    name(o, pick(&ps->cities), 2);
    say(o, "on");
    say(o, days[rnd(5)]);
    say(o, "after the company said profits would");
    say(o, rnd(2) ? "rise ." : "fall .");
    end(o);
    say(o, "\"");
    say(o, rnd(2) ? "The market was nervous ,\"" : "We expect more ,\"");
    say(o, "said");
    person(o, ps);
    say(o, ", an analyst at");
    name(o, pick(&ps->orgs), 1);
    say(o, ".");
    end(o);
    name(o, pick(&ps->countries), 2);
    say(o, "'s");
    say(o, rnd(2) ? "central bank held rates at" : "inflation rose to");
    num(o, 1, 9);
    say(o, "percent .");
    end(o);
}

static void politics_story(out *o, const pools *ps)
{
    person(o, ps);
    say(o, ", the");
    name(o, pick(&ps->demonyms), 3);
    say(o, rnd(2) ? "foreign minister ," : "prime minister ,");
    say(o, "met");
    person(o, ps);
    say(o, "in");
    name(o, pick(&ps->cities), 2);
    say(o, "on");
    say(o, days[rnd(7)]);
    say(o, ".");
    end(o);
    say(o, "Talks between");
    name(o, pick(&ps->countries), 2);
    say(o, "and");
    name(o, pick(&ps->countries), 2);
    say(o, "will resume in");
    name(o, pick(&ps->cities), 2);
    say(o, ", a spokesman for");
    name(o, pick(&ps->orgs), 1);
    say(o, "said .");
    end(o);
}

/* A surname, or now and then a given name standing as one ("Thomas"). */
static const char *surname(const pools *ps)
{
    if (rnd(5) == 0)
        return pick(&ps->given);
    return surnames[rnd(sizeof surnames / sizeof surnames[0])];
}

/* A person in full, as results lines give them: "Gail Smith". */
static void full_person(out *o, const pools *ps)
{
    char b[160];
    const char *given = pick(&ps->given);
    const char *sur = surname(ps);
    snprintf(b, sizeof b, "%s %s", given, sur);
    name(o, b, 0);
}

/* A made-up company from a surname or a town and a company word:
 * "Walker Holdings", "Lyon Motors Corp". */
static void company(out *o, const pools *ps)
{
    static const char *const mid[] = {"", "", "", "International ",
                                      "National ", "General ", "United ",
                                      "First ", "Global "};
    static const char *const tail[] = {
        "Holdings", "Group", "Bank", "Corp", "Inc", "Ltd", "Plc",
        "Motors", "Airlines", "Energy", "Securities", "Partners",
        "Insurance", "Steel", "Telecom", "Capital", "Industries", "AG",
        "SA", "NV", "Co", "Mining", "Petroleum", "Electric", "Foods",
        "Pharmaceuticals", "Investments", "Systems", "Resources"};
    char b[200];
    const char *base = rnd(2) ? surname(ps) : pick(&ps->cities);
    const char *m = mid[rnd(sizeof mid / sizeof mid[0])];
    const char *t = tail[rnd(sizeof tail / sizeof tail[0])];
    snprintf(b, sizeof b, "%s %s%s", base, m, t);
    if (rnd(4) == 0) {
        const char *t2 = tail[rnd(sizeof tail / sizeof tail[0])];
        snprintf(b, sizeof b, "%s %s%s %s", base, m, t, t2);
    }
    name(o, b, 1);
}

/* An organisation: a listed one, a made-up company, a party, a ministry. */
static void any_org(out *o, const pools *ps)
{
    static const char *const party[] = {
        "Socialist", "Conservative", "Liberal", "Democratic", "Green",
        "Labour", "National", "Progressive", "Republican", "Workers",
        "Communist", "Christian Democratic", "Social Democratic"};
    static const char *const ministry[] = {
        "Finance", "Foreign", "Defence", "Interior", "Health",
        "Trade", "Agriculture", "Justice", "Energy", "Economy"};
    char b[160];
    switch (rnd(5)) {
    case 0:
        name(o, pick(&ps->orgs), 1);
        break;
    case 1:
        snprintf(b, sizeof b, "%s Party", party[rnd(13)]);
        name(o, b, 1);
        break;
    case 2:
        snprintf(b, sizeof b, "%s Ministry", ministry[rnd(10)]);
        name(o, b, 1);
        break;
    default:
        company(o, ps);
        break;
    }
}

/* "( Kenya )" after a name on results lines. */
static void paren_country(out *o, const pools *ps)
{
    say(o, "(");
    name(o, pick(&ps->countries), 2);
    say(o, ")");
}

static void decimal(out *o, int lo, int hi)
{
    char b[24];
    int whole = lo + (int)rnd((uint32_t)(hi - lo + 1));
    int frac = (int)rnd(100);
    snprintf(b, sizeof b, "%d.%02d", whole, frac);
    o->emit(o->doc, b, strlen(b), -1, false);
}

/* Athletics, tennis and golf: results lines of people and countries. */
static void results_story(out *o, const pools *ps)
{
    static const char *const sport[] = {"ATHLETICS", "TENNIS", "GOLF",
                                        "CYCLING", "SKIING", "SWIMMING"};
    int sp = (int)rnd(6);
    upper_name(o, sport[sp], -1);
    say(o, "-");
    char b[160];
    const char *city = pick(&ps->cities);
    switch (rnd(3)) {
    case 0:
        snprintf(b, sizeof b, "%s GRAND PRIX", city);
        upper_name(o, b, 3);
        break;
    case 1:
        snprintf(b, sizeof b, "%s OPEN", city);
        upper_name(o, b, 3);
        break;
    default:
        upper_name(o, city, 2);
        break;
    }
    upper_name(o, rnd(2) ? "results" : "leading scores", -1);
    say(o, ".");
    end(o);
    for (int i = 0, n = 3 + (int)rnd(6); i < n; i++) {
        if (sp == 1) {
            full_person(o, ps);
            paren_country(o, ps);
            say(o, "beat");
            full_person(o, ps);
            paren_country(o, ps);
            say(o, rnd(2) ? "6-3 6-4" : "7-6 4-6 6-2");
        } else if (sp == 2) {
            num(o, 64, 75);
            full_person(o, ps);
            if (rnd(2))
                paren_country(o, ps);
        } else {
            num(o, 1, 9);
            say(o, ".");
            full_person(o, ps);
            paren_country(o, ps);
            decimal(o, 9, 59);
        }
        end(o);
    }
    full_person(o, ps);
    say(o, rnd(2) ? ", who won in" : "was second in");
    name(o, pick(&ps->cities), 2);
    say(o, "last year , said :");
    say(o, rnd(2) ? "\" I felt good . \"" : "\" It was hard . \"");
    end(o);
}

/* Company news: many organisations, a few people and places. */
static void company_story(out *o, const pools *ps)
{
    company(o, ps);
    say(o, "said on");
    say(o, days[rnd(5)]);
    say(o, rnd(2) ? "its net profit rose" : "its net profit fell");
    num(o, 2, 60);
    say(o, "percent to");
    num(o, 10, 900);
    say(o, "million dollars .");
    end(o);
    company(o, ps);
    say(o, ", the");
    name(o, pick(&ps->demonyms), 3);
    say(o, rnd(2) ? "carmaker ," : "bank ,");
    say(o, "agreed to buy");
    company(o, ps);
    say(o, "for");
    num(o, 1, 9);
    say(o, "billion dollars , chief executive");
    full_person(o, ps);
    say(o, "told");
    name(o, pick(&ps->orgs), 1);
    say(o, ".");
    end(o);
    say(o, "Shares of");
    company(o, ps);
    say(o, "closed at");
    decimal(o, 2, 90);
    say(o, "in");
    name(o, pick(&ps->cities), 2);
    say(o, ", while");
    any_org(o, ps);
    say(o, "said it would");
    say(o, rnd(2) ? "review the deal ." : "not comment .");
    end(o);
}

/* Soccer reports: clubs, their players, scorers lists. */
static void match_story(out *o, const pools *ps)
{
    name(o, pick(&ps->clubs), 1);
    say(o, rnd(2) ? "striker" : "coach");
    full_person(o, ps);
    say(o, "scored in the");
    num(o, 2, 89);
    say(o, "th minute as");
    name(o, pick(&ps->clubs), 1);
    say(o, rnd(2) ? "lost at home to" : "drew with");
    name(o, pick(&ps->clubs), 1);
    say(o, ".");
    end(o);
    upper_name(o, "leading scorers", -1);
    say(o, ":");
    for (int i = 0, n = 2 + (int)rnd(4); i < n; i++) {
        if (i)
            say(o, ";");
        num(o, 5, 25);
        say(o, "-");
        full_person(o, ps);
        say(o, "(");
        name(o, pick(&ps->clubs), 1);
        say(o, ")");
    }
    end(o);
    say(o, "The");
    any_org(o, ps);
    say(o, "fined");
    name(o, pick(&ps->clubs), 1);
    num(o, 5000, 90000);
    say(o, "dollars after fans of the");
    name(o, pick(&ps->countries), 2);
    say(o, "side clashed with police in");
    name(o, pick(&ps->cities), 2);
    say(o, ".");
    end(o);
}

/* A made-up title of a work in quotation marks, of everyday words in
 * title case: " Broken Harbour ", " The Long Winter ", " Songs of
 * Iron ". */
static void title(out *o, const pools *ps)
{
    char b[160], w1[16], w2[16];
    snprintf(w1, sizeof w1, "%s", pick(&ps->words));
    snprintf(w2, sizeof w2, "%s", pick(&ps->words));
    w1[0] = (char)(w1[0] - 32);
    w2[0] = (char)(w2[0] - 32);
    switch (rnd(5)) {
    case 0:
        snprintf(b, sizeof b, "%s", w1);
        break;
    case 1:
        snprintf(b, sizeof b, "The %s", w1);
        break;
    case 2:
        snprintf(b, sizeof b, "%s of the %s", w1, w2);
        break;
    default:
        snprintf(b, sizeof b, "%s %s", w1, w2);
        break;
    }
    say(o, "\"");
    name(o, b, 3);
    say(o, "\"");
}

/* Arts pages: albums, films and books by their titles in quotes. */
static void culture_story(out *o, const pools *ps)
{
    static const char *const kind[] = {"album", "single", "film", "novel",
                                       "play", "song"};
    full_person(o, ps);
    say(o, "'s new");
    say(o, kind[rnd(6)]);
    title(o, ps);
    say(o, rnd(2) ? "went to number one in" : "opened in");
    name(o, pick(&ps->countries), 2);
    say(o, "on");
    say(o, days[rnd(7)]);
    say(o, ".");
    end(o);
    say(o, "The");
    name(o, pick(&ps->demonyms), 3);
    say(o, "director");
    full_person(o, ps);
    say(o, "said");
    title(o, ps);
    say(o, "and");
    title(o, ps);
    say(o, "would be shown in");
    name(o, pick(&ps->cities), 2);
    say(o, ".");
    end(o);
}

void newsgen(const char *datadir, const char *lededata, int ndocs,
             newsgen_doc newdoc, newsgen_emit emit, void *ctx)
{
    pools ps = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/names.txt", lededata);
    read_lines(path, given_line, &ps);
    snprintf(path, sizeof path, "%s/entities.tsv", lededata);
    read_lines(path, entity_line, &ps);
    snprintf(path, sizeof path, "%s/lexicon.txt", lededata);
    read_lines(path, word_line, &ps);
    snprintf(path, sizeof path, "%s/world-cities.csv", datadir);
    read_lines(path, city_line, &ps);
    snprintf(path, sizeof path, "%s/clubs", datadir);
    walk_clubs(path, &ps);
    for (int i = 0; i < ndocs; i++) {
        out o = {newdoc(ctx), emit};
        dateline(&o, &ps);
        switch (rnd(8)) {
        case 4:
            results_story(&o, &ps);
            break;
        case 5:
            company_story(&o, &ps);
            break;
        case 6:
            match_story(&o, &ps);
            break;
        case 7:
            if (rnd(2))
                results_story(&o, &ps);
            else
                company_story(&o, &ps);
            break;
        case 3:
            scores_story(&o, &ps);
            break;
        case 0:
            sports_story(&o, &ps);
            break;
        case 1:
            market_story(&o, &ps);
            break;
        default:
            if (rnd(3) == 0)
                culture_story(&o, &ps);
            else
                politics_story(&o, &ps);
            break;
        }
    }
    pool_free(&ps.given);
    pool_free(&ps.cities);
    pool_free(&ps.clubs);
    pool_free(&ps.countries);
    pool_free(&ps.orgs);
    pool_free(&ps.demonyms);
    pool_free(&ps.people);
    pool_free(&ps.words);
}
