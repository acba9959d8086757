/* gen_corpus: write N realistic articles into DIR for benchmarks.
 * usage: gen_corpus N DIR [SEED]
 * Articles go in DIR/NNN/ folders of 1000. Each has a headline, sometimes
 * a header block, scraper lines (Share, Advertisement), names of people,
 * organisations and places in varied spellings, accented and CJK text,
 * emoji, about 2.5 KB. As in real scraped sets, some articles are
 * another outlet's copy of an earlier one: one in 20 an exact copy of
 * the body under another headline and source, one in 20 a re-edited copy
 * (a word changed, a paragraph dropped, a paragraph added). Deterministic
 * for a given seed. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

#define PICK(a) (a[rnd(sizeof a / sizeof *a)])

static const char *people[] = {
    "John Kerry", "Sergei Lavrov", "Staffan de Mistura", "Angela Merkel",
    "François Hollande", "Recep Tayyip Erdoğan", "Ban Ki-moon",
    "Khalid bin Mohammad Al-Attiyah", "Federica Mogherini", "Xi Jinping",
    "Shinzō Abe", "Ashton Carter", "Bashar al-Assad", "Hassan Rouhani",
    "Mark Toner", "Maria Zakharova", "Stephen O'Brien", "José Manuel Barroso",
};
static const char *surnames[] = {
    "Kerry", "Lavrov", "de Mistura", "Merkel", "Hollande", "Erdoğan", "Ban",
    "Al-Attiyah", "Mogherini", "Xi", "Abe", "Carter", "Assad", "Rouhani",
    "Toner", "Zakharova", "O'Brien", "Barroso",
};
static const char *places[] = {
    "Geneva", "Aleppo", "Damascus", "Daraya", "Syria", "Moscow", "Doha",
    "Washington", "Ankara", "Tehran", "Beirut", "Vienna", "São Paulo",
    "Zürich", "Kraków", "北京", "Idlib", "Raqqa", "Homs", "Brussels",
};
static const char *orgs[] = {
    "United Nations", "U.N.", "Islamic State", "Pentagon", "White House",
    "Al-Monitor", "European Union", "NATO", "Red Cross", "State Department",
    "Kremlin", "Security Council", "World Health Organization", "Reuters",
};
static const char *verbs[] = {
    "said", "told reporters", "warned", "insisted", "argued", "confirmed",
    "denied", "suggested", "stressed", "noted",
};
static const char *fillers[] = {
    "the talks were expected to resume after a pause of several weeks",
    "a ceasefire would depend on the withdrawal of heavy weapons",
    "humanitarian convoys had been blocked for the third day running",
    "the negotiations remained fragile despite the technical progress",
    "the agreement could collapse if the violations continued",
    "aid agencies described the situation as catastrophic",
    "officials spoke on condition of anonymity to discuss the plan",
    "the proposal was met with scepticism by opposition groups",
    "diplomats cautioned against expecting a breakthrough",
    "the meeting lasted more than twelve hours, longer than planned",
};
static const char *extras[] = {
    "", "", "", "", " 🙂", " (naïve café résumé)", " 「停戦」", " 👍🏽",
    " 🇺🇳", " — «très bien»",
};

static void sentence(FILE *f)
{
    switch (rnd(4)) {
    case 0:
        fprintf(f, "%s %s that %s in %s.", PICK(people), PICK(verbs),
                PICK(fillers), PICK(places));
        break;
    case 1:
        fprintf(f, "Mr %s %s on Friday that %s%s.", PICK(surnames),
                PICK(verbs), PICK(fillers), PICK(extras));
        break;
    case 2:
        fprintf(f, "According to the %s, %s.", PICK(orgs), PICK(fillers));
        break;
    default:
        fprintf(f, "In %s, %s, %s %s.", PICK(places), PICK(fillers),
                PICK(surnames), PICK(verbs));
    }
}

/* The body of the last original article, for the copies. */
static char *last_body;
static size_t last_len;

static void article_body(FILE *f)
{
    int paras = 7 + rnd(5);
    for (int p = 0; p < paras; p++) {
        int n = 2 + rnd(2);
        for (int s = 0; s < n; s++) {
            if (s)
                putc(' ', f);
            sentence(f);
        }
        fputs("\n\n", f);
        if (rnd(5) == 0)
            fputs("Advertisement\n\n", f);
    }
}

/* A copy of last_body: exact, or re-edited (the first "the" of the
 * second paragraph becomes "a", the third paragraph dropped, a new one
 * added at the end). */
static void copy_body(FILE *f, bool edit)
{
    if (!edit) {
        fwrite(last_body, 1, last_len, f);
        return;
    }
    const char *p = last_body, *end = last_body + last_len;
    int para = 0;
    bool changed = false;
    while (p < end) {
        const char *q = strstr(p, "\n\n");
        q = q ? q + 2 : end;
        if (para == 1 && !changed) {
            const char *w = strstr(p, " the ");
            if (w && w < q) {
                fwrite(p, 1, (size_t)(w - p), f);
                fputs(" a ", f);
                fwrite(w + 5, 1, (size_t)(q - w - 5), f);
                changed = true;
            } else {
                fwrite(p, 1, (size_t)(q - p), f);
            }
        } else if (para != 2) {
            fwrite(p, 1, (size_t)(q - p), f);
        }
        para++;
        p = q;
    }
    sentence(f);
    fputs("\n\n", f);
}

static void article(FILE *f, unsigned i)
{
    bool copy = last_body && (i % 20 == 7 || i % 20 == 13);
    if (copy) {
        fprintf(f, "Title: %s %s\nDate: 2016-%02u-%02u\nSource: Copy Wire %u\n\n",
                i % 20 == 7 ? "Copied:" : "Updated:", PICK(places),
                1 + rnd(12), 1 + rnd(28), i % 13);
        copy_body(f, i % 20 == 13);
        return;
    }
    if (rnd(3) == 0)
        fprintf(f, "Title: %s meets %s in %s\nDate: 2016-%02u-%02u\n"
                   "Source: Wire %u\n\n",
                PICK(surnames), PICK(surnames), PICK(places), 1 + rnd(12),
                1 + rnd(28), i % 17);
    else {
        if (rnd(2))
            fputs("Share\n\n", f);
        fprintf(f, "%s and %s to hold talks on %s%s\n\n", PICK(surnames),
                PICK(surnames), PICK(places), PICK(extras));
    }
    /* the body goes to memory first, kept for the copies */
    free(last_body);
    last_body = NULL;
    FILE *m = open_memstream(&last_body, &last_len);
    if (m) {
        article_body(m);
        fclose(m);
        fwrite(last_body, 1, last_len, f);
    } else {
        article_body(f);
    }
    fprintf(f, "Related: %s backs aid plan for %s", PICK(orgs), PICK(places));
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_corpus N DIR [SEED]\n");
        return 2;
    }
    unsigned long n = strtoul(argv[1], NULL, 10);
    if (argc > 3)
        rng ^= strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL;
    char path[4096];
    if (mkdir(argv[2], 0777) && errno != EEXIST) {
        perror(argv[2]);
        return 1;
    }
    for (unsigned long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%03lu", argv[2], i / 1000);
        if (i % 1000 == 0 && mkdir(path, 0777) && errno != EEXIST) {
            perror(path);
            return 1;
        }
        snprintf(path, sizeof path, "%s/%03lu/%06lu.txt", argv[2], i / 1000,
                 i);
        FILE *f = fopen(path, "w");
        if (!f) {
            perror(path);
            return 1;
        }
        article(f, (unsigned)i);
        if (fclose(f)) {
            perror(path);
            return 1;
        }
    }
    free(last_body);
    return 0;
}
