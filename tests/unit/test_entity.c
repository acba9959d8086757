/* Unit tests for entity: finding, typing and merging names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "article.h"
#include "entity.h"
#include "entity_priv.h" /* the scanner's memos, asked directly */

/* A hand-built article: every line is a block; the first is the
 * headline, lines "Share" and "Advertisement" are boilerplate. */
static void fake_article(article *a, const char *text)
{
    memset(a, 0, sizeof *a);
    a->len = strlen(text);
    a->text = malloc(a->len + 1);
    memcpy(a->text, text, a->len + 1);
    a->blocks = calloc(a->len + 1, sizeof *a->blocks);
    a->title = -1;
    size_t p = 0;
    while (p < a->len) {
        size_t e = p;
        while (e < a->len && a->text[e] != '\n')
            e++;
        if (e > p) {
            article_block *b = &a->blocks[a->nblocks];
            b->off = (uint32_t)p;
            b->len = (uint32_t)(e - p);
            if ((e - p == 5 && !strncmp(text + p, "Share", 5)) ||
                (e - p == 13 && !strncmp(text + p, "Advertisement", 13))) {
                b->kind = BLOCK_BOILER;
            } else if (a->title < 0) {
                b->kind = BLOCK_TITLE;
                a->title = (int32_t)a->nblocks;
            } else {
                b->kind = BLOCK_BODY;
            }
            a->nblocks++;
        }
        p = e + 1;
    }
}

static void fake_free(article *a)
{
    free(a->text);
    free(a->blocks);
}

/* Scan texts as one set and finish it. */
static entity_table *scan_set(article *as, const char *const *texts, int n)
{
    entity_table *t = entity_table_new();
    for (int i = 0; i < n; i++) {
        fake_article(&as[i], texts[i]);
        entity_scan(t, (uint32_t)i, &as[i]);
    }
    entity_finish(t);
    return t;
}

static long find_entity(const entity_table *t, const char *name)
{
    for (size_t i = 0; i < entity_count(t); i++) {
        if (strcmp(entity_name(t, (uint32_t)i), name) == 0)
            return (long)i;
    }
    return -1;
}

static void assert_entity(const entity_table *t, const char *name,
                          entity_type type)
{
    long id = find_entity(t, name);
    if (id < 0)
        fail_msg("entity '%s' not found", name);
    assert_string_equal(entity_type_name(entity_type_of(t, (uint32_t)id)),
                        entity_type_name(type));
}

static void assert_no_entity(const entity_table *t, const char *name)
{
    if (entity_lookup(t, name, strlen(name)) >= 0)
        fail_msg("'%s' should not be an entity", name);
}

/* Text of each mention of entity id in article a, joined by '|'. */
static void mention_texts(const entity_table *t, const article *a,
                          uint32_t idx, long id, char *out, size_t cap)
{
    size_t n, o = 0;
    const entity_mention *m = entity_mentions(t, idx, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if ((long)m[i].entity != id)
            continue;
        o += (size_t)snprintf(out + o, cap - o, "%s%.*s", o ? "|" : "",
                              (int)m[i].len, a->text + m[i].off);
    }
}

static void test_people_places_orgs(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Share\n"
        "Envoy to Meet Lavrov in Geneva – UN Source\n"
        "U.N. Special Envoy for Syria Staffan de Mistura met U.S. Secretary "
        "of State John Kerry and Sergei Lavrov in Geneva on Friday.\n"
        "Advertisement\n"
        "Meanwhile, Mr Kerry said the White House and the Pentagon agreed. "
        "However, Kerry's aides flew to Doha.\n"
        "Speaking in Moscow, de Mistura said Aleppo and Daraya suffered.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "John Kerry", ENT_PERSON);
    assert_entity(t, "Sergei Lavrov", ENT_PERSON);
    assert_entity(t, "Staffan de Mistura", ENT_PERSON);
    assert_entity(t, "Geneva", ENT_PLACE);
    assert_entity(t, "Moscow", ENT_PLACE);
    assert_entity(t, "Doha", ENT_PLACE);
    assert_entity(t, "Aleppo", ENT_PLACE);
    assert_entity(t, "Daraya", ENT_PLACE);
    assert_entity(t, "Syria", ENT_PLACE);
    assert_entity(t, "United Nations", ENT_ORG);
    assert_entity(t, "White House", ENT_ORG);
    assert_entity(t, "Pentagon", ENT_ORG);
    const char *no[] = {"Share", "Advertisement", "Meanwhile", "However",
                        "Speaking", "Friday", "Envoy", "Meet", "Source",
                        "Secretary", "State", "Mr Kerry", "Kerry's"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_no_entity(t, no[i]);
    char buf[256];
    mention_texts(t, &a[0], 0, find_entity(t, "John Kerry"), buf, sizeof buf);
    assert_string_equal(buf, "John Kerry|Kerry|Kerry");
    mention_texts(t, &a[0], 0, find_entity(t, "Sergei Lavrov"), buf,
                  sizeof buf);
    assert_string_equal(buf, "Lavrov|Sergei Lavrov");
    mention_texts(t, &a[0], 0, find_entity(t, "Staffan de Mistura"), buf,
                  sizeof buf);
    assert_string_equal(buf, "Staffan de Mistura|de Mistura");
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Names not in the gazetteer merge by the rules alone. */
static void test_short_forms_merge(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "News\n"
        "Talks were led by Ingrid van Hoorne and Mr Tobiassen.\n"
        "Van Hoorne said Ragnar Tobiassen would return. Tobiassen agreed.\n"
        "Ingrid smiled.\n",
        "More news\n"
        "Later, Tobiassen spoke to reporters about van Hoorne.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    assert_entity(t, "Ingrid van Hoorne", ENT_PERSON);
    assert_entity(t, "Ragnar Tobiassen", ENT_PERSON);
    long id = find_entity(t, "Ragnar Tobiassen");
    assert_int_equal(entity_total(t, (uint32_t)id), 4);
    assert_int_equal(entity_lookup(t, "tobiassen", 9), id);
    assert_int_equal(entity_lookup(t, "VAN HOORNE", 10),
                     find_entity(t, "Ingrid van Hoorne"));
    assert_int_equal(entity_lookup(t, "Ingrid", 6),
                     find_entity(t, "Ingrid van Hoorne"));
    assert_int_equal(entity_total(t, (uint32_t)find_entity(
                                         t, "Ingrid van Hoorne")), 4);
    size_t n;
    const entity_tally *arts = entity_articles(t, (uint32_t)id, &n);
    assert_int_equal(n, 2);
    assert_int_equal(arts[0].id, 0);
    assert_int_equal(arts[0].count, 3);
    assert_int_equal(arts[1].id, 1);
    assert_int_equal(arts[1].count, 1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* "Berg" ends two different names: each article's Berg follows its own
 * long name; a Berg with no long name in its article stays apart. */
static void test_ambiguous_short_form(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "One\nThe report by Annika Berg was read. Later Berg left.\n",
        "Two\nThe report by Olaf Berg was read. Later Berg left.\n",
        "Three\nThe report was read. Later Mr Berg left.\n"};
    article a[3];
    entity_table *t = scan_set(a, texts, 3);
    long anna = find_entity(t, "Annika Berg"), olaf = find_entity(t, "Olaf Berg");
    long berg = find_entity(t, "Berg");
    assert_true(anna >= 0 && olaf >= 0 && berg >= 0);
    assert_int_equal(entity_total(t, (uint32_t)anna), 2);
    assert_int_equal(entity_total(t, (uint32_t)olaf), 2);
    assert_int_equal(entity_total(t, (uint32_t)berg), 1);
    assert_string_equal(entity_type_name(entity_type_of(t, (uint32_t)berg)),
                        "person");
    entity_table_free(t);
    for (int i = 0; i < 3; i++)
        fake_free(&a[i]);
}

/* A surname that ends two full names of one article ("Mohamed" after
 * "Ahmed Mohamed" and, later, "his father Mohamed El-Hassan Mohamed")
 * follows the one written before its own first mention: the article's
 * subject, named in full first. Before, it stayed apart. */
static void test_short_form_named_first(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Student builds a radio\n"
        "Tomasz Wilk, a student from Leeds, built a radio. Wilk said it "
        "took a month. The teachers called Wilk in. His father Jerzy Wilk "
        "said he was proud. Wilk smiled.\n",
        "Radio fair\nThe fair was opened by Marta Wilk on Monday.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    long tomasz = find_entity(t, "Tomasz Wilk"), jerzy = find_entity(t, "Jerzy Wilk");
    assert_true(tomasz >= 0 && jerzy >= 0);
    assert_int_equal(entity_total(t, (uint32_t)tomasz), 4);
    assert_int_equal(entity_total(t, (uint32_t)jerzy), 1);
    assert_int_equal(find_entity(t, "Wilk"), -1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* A name of several words ending in a word of organisations, where the
 * set writes it on with "for" or "of" ("Andy Warhol Foundation" beside
 * "Andy Warhol Foundation for the Visual Arts"), joins that longer name
 * when it is the only one; the person the foundation is named for, and
 * a short form with two longer names to choose from, stay apart.
 * Before, only a one-word first form could join. */
static void test_org_prefix_short_form(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Prints given away\n"
        "The painter Harlan Voss left thousands of prints. The Harlan "
        "Voss Foundation for the Performing Arts gave some to Corby "
        "College in May. Voss died in 1990.\n",
        "College show opens\n"
        "A spokesman for the Harlan Voss Foundation said more colleges "
        "will follow. The Harlan Voss Foundation for the Performing Arts "
        "chose forty of them.\n",
        "Grants announced\n"
        "The Kestrel Trust for the Arts and the Kestrel Trust of Wales "
        "gave grants. The Kestrel Trust did not comment.\n"};
    article a[3];
    entity_table *t = scan_set(a, texts, 3);
    long f = find_entity(t, "Harlan Voss Foundation for the Performing Arts");
    long p = find_entity(t, "Harlan Voss");
    assert_true(f >= 0 && p >= 0 && f != p);
    assert_int_equal(entity_total(t, (uint32_t)f), 3);
    assert_entity(t, "Harlan Voss", ENT_PERSON);
    assert_int_equal(find_entity(t, "Harlan Voss Foundation"), -1);
    assert_true(find_entity(t, "Kestrel Trust") >= 0);
    entity_table_free(t);
    for (int i = 0; i < 3; i++)
        fake_free(&a[i]);
}

/* An organisation's name run on into a person's, as in a caption
 * ("Chemistry student at Harlow College of Art Tamsin Oduya ..."), is
 * two names where the article writes the surname alone as a person's
 * ("Oduya said"); before, it was one organisation and "Oduya" joined it.
 * A name of the form "House of" a person stays one. */
static void test_org_person_run_on(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Students rally for classmate\n"
        "Chemistry student at Harlow College of Art Tamsin Oduya heard "
        "the news on Monday and started a petition.\n"
        "Oduya said the school had acted too fast.\n",
        "Shop history\n"
        "The shop was renamed the House of Pedro Malvar after Malvar died "
        "in 1950, and Malvar said nothing of it before.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    assert_entity(t, "Tamsin Oduya", ENT_PERSON);
    assert_entity(t, "Harlow College of Art", ENT_ORG);
    long p = find_entity(t, "Tamsin Oduya");
    assert_int_equal(entity_total(t, (uint32_t)p), 2);
    assert_int_equal(find_entity(t, "Pedro Malvar"), -1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* Names of three words that differ in their last word only, three or
 * more, are of one kind: a member no cue typed takes the type most of
 * the family's mentions have ("Sea Glider Orion" had the tagger's one
 * vote for a place beside "Sea Glider Vega" and "Sea Glider Lyra"). */
static void test_family_types(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Museums receive retired craft\n"
        "The agency said on Tuesday that four museums will receive the "
        "retired craft of the Sea Glider fleet.\n"
        "Sea Glider Vega will go to a museum in Ohio, and Sea Glider Lyra "
        "will stay at the test site in Florida.\n"
        "The prototype, Sea Glider Orion, never dived; it will move to a "
        "hall in Denver.\n"
        "Sea Glider Vega made 39 dives. Sea Glider Lyra made 33, and Sea "
        "Glider Orion none.\n"
        "The Sea Glider carried crews for thirty years.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Sea Glider Vega", ENT_OTHER);
    assert_entity(t, "Sea Glider Lyra", ENT_OTHER);
    assert_entity(t, "Sea Glider Orion", ENT_OTHER);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A one-word name after "during (the)", "on board (the)" or "the" and a
 * year names an occasion or a craft: other ("the Vansara", a festival;
 * "the Merrowind", a ship). Before, with no cue, an organisation. */
static void test_occasion_cues(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Crowds gather for festival\n"
        "Police expect two million visitors during the Vansara, the "
        "yearly festival on the river.\n"
        "Last year a bridge collapsed during the Vansara. During the 1998 "
        "Vansara, forty people died.\n"
        "A former crew member said she spent six years on board the "
        "Merrowind, a cruise ship, and that the Merrowind never docked "
        "for long.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Vansara", ENT_OTHER);
    assert_entity(t, "Merrowind", ENT_OTHER);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A listed place and a point of the compass after it is a place (a
 * constituency, a district): the tagger had made these organisations. */
static void test_compass_places(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Results of the council vote\n"
        "The Kowloon West seat went to a newcomer, and Kowloon East "
        "returned its member.\n"
        "Turnout in the New Territories East race was the lowest.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Kowloon West", ENT_PLACE);
    assert_entity(t, "Kowloon East", ENT_PLACE);
    assert_entity(t, "New Territories East", ENT_PLACE);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A last word of organisations is no short form of the names it ends:
 * "University" starting a sentence in an article naming "Marlow
 * University" is the common noun; it was kept as a known name and
 * joined to the university. */
static void test_org_word_no_short_form(void **state)
{
    (void)state;
    static const char *const text =
        "Prints go on show\n"
        "The prints came to Marlow University in 2009 from a private "
        "donor. University exhibits can draw large crowds, the curator "
        "said.\n"
        "University collections in Ohio also hold prints, and Harwick "
        "University showed some last year.\n";
    article a;
    fake_article(&a, text);
    entity_table *t = entity_table_new();
    entity_scan(t, 0, &a);
    entity_finish(t);
    long marlow = find_entity(t, "Marlow University");
    assert_true(marlow >= 0);
    assert_int_equal(entity_total(t, (uint32_t)marlow), 1);
    assert_entity(t, "Harwick University", ENT_ORG);
    assert_int_equal(find_entity(t, "University"), -1);
    entity_table_free(t);
    fake_free(&a);
}

/* Names no cue typed and no list knows, typed by shape: one ending in
 * an acronym is a product, not a person ("Windows XP"), but for a
 * Roman numeral ("Henry VIII"); a title before a place is a character
 * ("Captain America"). Both were people. */
static void test_product_shapes(void **state)
{
    (void)state;
    static const char *const text =
        "Game fair opens\n"
        "Crowds queued on Friday.\n"
        "Captain Texas\n"
        "The fair ran until Sunday. Visitors tried Kestrel ZX, the new "
        "console, and Henry VIII was played by a local actor.\n";
    article a;
    fake_article(&a, text);
    entity_table *t = entity_table_new();
    entity_scan(t, 0, &a);
    entity_finish(t);
    assert_entity(t, "Kestrel ZX", ENT_OTHER);
    assert_entity(t, "Captain Texas", ENT_OTHER);
    assert_entity(t, "Henry VIII", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a);
}

/* Two initials and a surname are a person ("J.R. Smith", "K.C. Maurer"
 * were organisations); "A.C. Milan" (a listed place after them) and
 * "U.S. Steel" (listed initials) stay organisations. */
static void test_two_initials(void **state)
{
    (void)state;
    static const char *const text =
        "People\n"
        "K.C. Maurer, chief financial officer at the foundation, said so.\n"
        "J.R. Smith scored 20 points. A.C. Milan won. U.S. Steel fell.\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_entity(t, "K.C. Maurer", ENT_PERSON);
    assert_entity(t, "J.R. Smith", ENT_PERSON);
    assert_entity(t, "A.C. Milan", ENT_ORG);
    assert_entity(t, "U.S. Steel", ENT_ORG);
    entity_table_free(t);
    fake_free(&a);
}

/* An article without a word, scanned first into a new table, names
 * nothing (the tagger was asked to label no words before it had ever
 * allocated its scratch: memset of a null pointer, found by
 * make fuzz-entity), and the next article is read as usual. */
static void test_wordless_first(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "...\n-- !\n",
        "Talks resume\nKerry met Lavrov in Geneva.\n",
    };
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    size_t n;
    entity_mentions(t, 0, &n);
    assert_int_equal(n, 0);
    assert_entity(t, "Geneva", ENT_PLACE);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* A prefix and a hyphen before a listed name qualify what follows:
 * "the Pro-Beijing camp" names Beijing ("Pro-Beijing" was an
 * organisation); "Anti-Doping Agency" has no listed name after the
 * hyphen and stays whole. */
static void test_prefixed_names(void **state)
{
    (void)state;
    static const char *const text =
        "Election results\n"
        "For the Pro-Beijing camp, Elizabeth Quat of DAB was elected.\n"
        "Officials of the Anti-Doping Agency said so.\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_no_entity(t, "Pro-Beijing");
    assert_entity(t, "Beijing", ENT_PLACE);
    assert_entity(t, "DAB", ENT_ORG);
    assert_entity(t, "Anti-Doping Agency", ENT_ORG);
    entity_table_free(t);
    fake_free(&a);
}

/* Where the tagger and the rules disagree on names side by side, each
 * is judged on its own: the tagger's refusal of the rules' "Pro-Beijing
 * DAB's" cut their "Starry Lee" to "Lee" (then joined to Lee
 * Cheuk-yan). */
static void test_disagreements_apart(void **state)
{
    (void)state;
    static const char *const text =
        "Election results\n"
        "Lee Cheuk-yan lost his seat.\n"
        "Pro-Beijing DAB's Starry Lee and Holden Chow were elected in "
        "Kowloon West.\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_entity(t, "Starry Lee", ENT_PERSON);
    assert_entity(t, "Lee Cheuk-yan", ENT_PERSON);
    assert_entity(t, "Holden Chow", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a);
}

/* An everyday word that starts a sentence or a quotation and the
 * pronoun I are no name ("Honestly I" was another name); "Elizabeth I"
 * and "World War I" stay names. */
static void test_pronoun_i(void **state)
{
    (void)state;
    static const char *const text =
        "Quotes of the day\n"
        "\"Yesterday I met the minister,\" she said. \"Honestly I do not "
        "know,\" he said.\n"
        "Queen Elizabeth I ruled England. After World War I the map "
        "changed.\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_no_entity(t, "Honestly I");
    assert_no_entity(t, "Yesterday I");
    assert_entity(t, "Elizabeth I", ENT_PERSON);
    assert_entity(t, "England", ENT_PLACE);
    entity_table_free(t);
    fake_free(&a);
}

/* Spoken English: "the U.S government" (no last full stop) is the
 * United States, not a person; "'Hey John'" addresses John; "in Air
 * Force ROTC I was" ends the name before the pronoun; "the 60th NATO
 * summit" is NATO. "King Zog I was", "World War I" and "the 65th Air
 * Division" stay whole. */
static void test_spoken_names(void **state)
{
    (void)state;
    static const char *const text =
        "Interview with a veteran\n"
        "There was a deal with the U.S government then.\n"
        "They say, 'Hey John, my name is Frank,' and I laugh.\n"
        "When I was in Air Force ROTC I was chosen to fly.\n"
        "We protested at the 60th NATO summit in Riga.\n"
        "King Zog I was crowned in Tirana. World War I was long. The 65th "
        "Air Division flew on.\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_entity(t, "United States", ENT_PLACE);
    assert_no_entity(t, "Hey John");
    assert_entity(t, "John", ENT_PERSON);
    assert_no_entity(t, "Air Force ROTC I");
    assert_entity(t, "Air Force ROTC", ENT_ORG);
    assert_no_entity(t, "60th NATO");
    assert_entity(t, "NATO", ENT_ORG);
    assert_entity(t, "Zog I", ENT_PERSON);
    assert_entity(t, "World War One", ENT_OTHER);
    assert_entity(t, "65th Air Division", ENT_ORG);
    entity_table_free(t);
    fake_free(&a);
}

/* A quotation in title case that the names found cover in part or not
 * at all is one title: other ("Murder" was a person, "Buddha" and
 * "Thunder" organisations, "Mary" a person and "Salt" a place); a
 * quotation that is one name stays as found, and a nickname inside a
 * name is no title. */
static void test_quoted_works(void **state)
{
    (void)state;
    static const char *const text =
        "Band plays Leeds\n"
        "The band lost to the rival act's \"Miss Murder\". The demo of "
        "\"Buddha for Mary\" was also released.\n"
        "Her new novel, \"Salt and Thunder\", sold well.\n"
        "Fans chanted \"Kerry\" as Dwayne \"The Rock\" Johnson arrived.\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_entity(t, "Miss Murder", ENT_OTHER);
    assert_entity(t, "Buddha for Mary", ENT_OTHER);
    assert_entity(t, "Salt and Thunder", ENT_OTHER);
    assert_no_entity(t, "Murder");
    assert_no_entity(t, "Thunder");
    assert_entity(t, "Kerry", ENT_PERSON);
    assert_no_entity(t, "The Rock");
    entity_table_free(t);
    fake_free(&a);
}

/* On a headline the rules take only names they know: the surname of a
 * person of the gazetteer is one ("Kerry", "Lavrov" were no names when
 * the body did not name them again), not one that is an everyday word
 * ("May") or heads a place ("Clinton County": no person). */
static void test_headline_surnames(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Kerry and Lavrov Meet in Geneva\n"
        "The two spoke for twelve hours on Friday.\n",
        "Clinton County Fair Opens in May\n"
        "The fair runs for a week.\n",
    };
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    assert_entity(t, "Kerry", ENT_PERSON);
    assert_entity(t, "Lavrov", ENT_PERSON);
    assert_entity(t, "Geneva", ENT_PLACE);
    assert_no_entity(t, "May");
    long clinton = find_entity(t, "Clinton"); /* a place at most */
    if (clinton >= 0)
        assert_int_not_equal(entity_type_of(t, (uint32_t)clinton),
                             ENT_PERSON);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* Names next to each other that together are a listed place are that
 * place: "Western" was another name and "Australia" a place; a
 * demonym before a country that is no listed place stays two names. */
static void test_listed_place_joined(void **state)
{
    (void)state;
    static const char *const text =
        "Miner moves west\n"
        "The company moved its head office to Western Australia in 2019, "
        "and its Italian Brazil unit stayed in Sao Paulo.\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_entity(t, "Western Australia", ENT_PLACE);
    assert_no_entity(t, "Western");
    assert_entity(t, "Italian", ENT_OTHER);
    assert_entity(t, "Brazil", ENT_PLACE);
    entity_table_free(t);
    fake_free(&a);
}

/* A name ending in a word of "X of Y" organisations or an everyday
 * plural, "for the" or "of the", and a name are one organisation; the
 * name after "the" stood alone. */
static void test_of_the_names(void **state)
{
    (void)state;
    static const char *const text =
        "Prints given\n"
        "The Brenmoor Foundation for the Visual Crafts gave 40 prints to "
        "the city on Monday, a spokesman said.\n"
        "The prints will hang in the hall of the Daughters of the Coastal "
        "Frontier from June.\n";
    article a;
    fake_article(&a, text);
    entity_table *t = entity_table_new();
    entity_scan(t, 0, &a);
    entity_finish(t);
    assert_entity(t, "Brenmoor Foundation for the Visual Crafts", ENT_ORG);
    assert_int_equal(find_entity(t, "Visual Crafts"), -1);
    assert_entity(t, "Daughters of the Coastal Frontier", ENT_ORG);
    assert_int_equal(find_entity(t, "Daughters"), -1);
    entity_table_free(t);
    fake_free(&a);
}

/* A prefix of English words before a hyphen ("Pan-democrat") is no
 * name alone, nor one letter ("T-shirt") a name's last word; the
 * scanner cut them like "Kerry-led" and they were names' words. */
static void test_prefix_cut(void **state)
{
    (void)state;
    static const char *const text =
        "Council results\n"
        "Pan-democrat Lau Siu-lai from the Civic Union won her seat.\n"
        "The vote was close. Photos of her in a Civic Union T-shirt were "
        "shared.\n";
    article a;
    fake_article(&a, text);
    entity_table *t = entity_table_new();
    entity_scan(t, 0, &a);
    entity_finish(t);
    assert_entity(t, "Lau Siu-lai", ENT_PERSON);
    assert_int_equal(find_entity(t, "Pan"), -1);
    long cu = find_entity(t, "Civic Union");
    assert_true(cu >= 0);
    assert_int_equal(entity_total(t, (uint32_t)cu), 2);
    assert_int_equal(find_entity(t, "Civic Union T"), -1);
    entity_table_free(t);
    fake_free(&a);
}

/* A person's surname before a name the article writes alone ("Warhol
 * Polaroids" beside "Andy Warhol" and "Polaroids") is the person and
 * that name; it was one organisation. A one-word name in the plural
 * where the set names the singular too is things of that name: other,
 * whatever the cues ("the Polaroids" voted an organisation). */
static void test_surname_and_plural(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Gallery shows prints\n"
        "The gallery shows prints by Maria Kessly from this week. Kessly "
        "Zentrograms fill one room, and the Zentrograms were lent by a "
        "collector. Kessly's Zentrograms sold well.\n",
        "Print sale\nThe artist made one Zentrogram a day in 1970.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    long maria = find_entity(t, "Maria Kessly");
    assert_true(maria >= 0);
    assert_int_equal(entity_total(t, (uint32_t)maria), 3);
    assert_entity(t, "Zentrograms", ENT_OTHER);
    assert_int_equal(find_entity(t, "Kessly Zentrograms"), -1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* A capitalised word the lists do not know as a title, written before
 * a person's full name ("Overseer Marta Keplin"), is a title before the
 * surname alone too: "Overseer Keplin" is the person, not a name of its
 * own. */
static void test_titled_surname(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Port plans announced\n"
        "PTA Overseer Marta Keplin named the new docks on Monday. "
        "The plans were late, and even Overseer Keplin said as much.\n",
        "Docks\nThe docks open next year.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    long marta = find_entity(t, "Marta Keplin");
    assert_true(marta >= 0);
    assert_int_equal(entity_total(t, (uint32_t)marta), 2);
    assert_int_equal(find_entity(t, "Overseer Keplin"), -1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* "from X's cross": the preposition's object is the cross, so "from"
 * is no place cue for the name in the possessive; it typed a player
 * whose first name is a listed place a place. */
static void test_possessive_after_prep(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Cup final\n"
        "The striker scored in the 70th minute from Eden Morvath's cross, "
        "and the home side won.\n",
        "Docks\nThe docks open next year.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    assert_entity(t, "Eden Morvath", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* A name no list knows right after a person and "of" ("Marta Keplin
 * of Harbour Voice") is what the person belongs to: an organisation,
 * not the place the tagger made it. */
static void test_org_of_person(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Council seats\n"
        "The seats went to Marta Keplin of Harbour Voice and to two "
        "others.\n",
        "Docks\nThe docks open next year.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    assert_entity(t, "Marta Keplin", ENT_PERSON);
    assert_entity(t, "Harbour Voice", ENT_ORG);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* A surname that ends two full names both written before it ("Kristin
 * Wilkins" once, a misspelling, then "Kristen Wilkins" twice) follows
 * the one the article writes most; with a tie it stays apart. */
static void test_short_form_most_named(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Curator speaks\n"
        "The talk was given by Kristin Welland on Monday. Curator "
        "Kristen Welland said the prints were rare, and Kristen Welland "
        "showed some. Later Welland left.\n",
        "Two brothers\n"
        "Tomas Hadry met Petr Hadry in Prague on Monday. Later Hadry "
        "left.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    long kristen = find_entity(t, "Kristen Welland");
    assert_true(kristen >= 0);
    assert_int_equal(entity_total(t, (uint32_t)kristen), 3);
    assert_int_equal(find_entity(t, "Welland"), -1);
    long hadry = find_entity(t, "Hadry");
    assert_true(hadry >= 0);
    assert_int_equal(entity_total(t, (uint32_t)hadry), 1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* The text of the live candidates of t, "|" after each. */
static void cand_texts(const entity_table *t, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->nc; i++) {
        const ent_cand *c = &t->c[i];
        if (c->len && o + c->len + 2 < cap) {
            memcpy(out + o, t->text + c->off, c->len);
            o += c->len;
            out[o++] = '|';
            out[o] = '\0';
        }
    }
}

/* A name run on over a possessive (the tagger's "Mecca's Grand Mosque"
 * on Wikinews) is two names when the words before the "'s" are a name
 * of their own or a given name follows. The run-on span is made here
 * by hand from the rules' two names. */
static void test_possessive_names(void **state)
{
    (void)state;
    static const char *const text =
        "Arcade reopens\n"
        "Crowds filled Lisbon's Grand Arcade on Sunday. Velora's Tomas "
        "Lenko spoke.\n";
    article a;
    fake_article(&a, text);
    entity_table *t = entity_table_new();
    ent_scan_rules(t, &a);
    /* join each name ending in a possessive with the name after it */
    for (size_t i = 0; i + 1 < t->nc; i++) {
        ent_cand *c = &t->c[i], *d = &t->c[i + 1];
        if (c->len && d->len && (t->w[c->w1 - 1].f & S_POSS) &&
            d->w0 == c->w1) {
            c->w1 = d->w1;
            c->len = d->off + d->len - c->off;
            d->len = 0;
        }
    }
    char got[512];
    cand_texts(t, got, sizeof got);
    assert_non_null(strstr(got, "Lisbon's Grand Arcade|"));
    ent_doc_consistency(t);
    cand_texts(t, got, sizeof got);
    assert_non_null(strstr(got, "|Lisbon|Grand Arcade|"));
    assert_non_null(strstr(got, "Velora|Tomas Lenko|"));
    entity_table_free(t);
    fake_free(&a);
}

/* A surname that also begins a company's name in the same article
 * ("Warhol" in "Andy Warhol" and "Warhol Polaroids") follows the person
 * it ends; before, it stayed apart (here typed as the company). */
static void test_surname_beside_company(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Gallery shows prints\n"
        "The museum bought prints by Peter Kolvig from the Kolvig "
        "Foundation last year. Kolvig made them in 1971, and the Kolvig "
        "Foundation kept the plates.\n",
        "Auction\nA print by Peter Kolvig was sold in London.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    long person = find_entity(t, "Peter Kolvig");
    assert_true(person >= 0);
    assert_int_equal(entity_total(t, (uint32_t)person), 3);
    assert_int_equal(find_entity(t, "Kolvig"), -1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* Captions credit a picture after a label ("Image: Dana Whitlock"): the
 * label is no name and no part of the name before it. Before, this gave
 * "Ballet Company Image", and "Image" alone after the full stop. */
static void test_caption_labels(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Expo opens\n"
        "Cosplayers filled the hall on Saturday. Image: Dana Whitlock.\n"
        "A dancer from the Ballet Company Image: Dana Whitlock.\n"
        "The queue reached the river Source: Omar Haddad.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_int_equal(find_entity(t, "Image"), -1);
    assert_int_equal(find_entity(t, "Ballet Company Image"), -1);
    assert_int_equal(find_entity(t, "Source"), -1);
    assert_entity(t, "Ballet Company", ENT_ORG);
    long p = find_entity(t, "Dana Whitlock");
    assert_true(p >= 0);
    assert_int_equal(entity_total(t, (uint32_t)p), 2);
    assert_entity(t, "Omar Haddad", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Romanised given names of two syllables keep their lowercase second
 * syllable ("Kim Jong-un" was "Kim Jong"); a name before an English word
 * still ends at the hyphen ("Hamas-run", "Kerry-led", "Obama-era"). */
static void test_syllable_names(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Summit\n"
        "Kim Jong-un met Leung Kwok-hung. The Hamas-run ministry, the "
        "Kerry-led talks and Obama-era rules were discussed.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Kim Jong-un", ENT_PERSON);
    assert_entity(t, "Leung Kwok-hung", ENT_PERSON);
    assert_int_equal(find_entity(t, "Kim Jong"), -1);
    assert_true(find_entity(t, "Hamas") >= 0);
    assert_true(find_entity(t, "Kerry") >= 0);
    assert_true(find_entity(t, "Barack Obama") >= 0); /* the gazetteer's name */
    assert_int_equal(find_entity(t, "Hamas-run"), -1);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A second syllable of five or six letters that is no English word
 * is the name's too ("Tong Siu-keung" was "Tong Siu"); "Paris-based",
 * "Leeds-style" still end at the hyphen. */
static void test_long_syllable_names(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Council results\n"
        "Veteran legislator Tong Siu-keung kept his seat, and Mak "
        "Yin-ching won hers.\n"
        "A Paris-based charity and a Leeds-style market opened on "
        "Monday.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Tong Siu-keung", ENT_PERSON);
    assert_entity(t, "Mak Yin-ching", ENT_PERSON);
    assert_int_equal(find_entity(t, "Tong Siu"), -1);
    assert_entity(t, "Paris", ENT_PLACE);
    assert_entity(t, "Leeds", ENT_PLACE);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A name after a lowercase prefix and a hyphen ends there, where the
 * tagger ran on: "pro-Taipei New Harbour Party" is the place and the
 * party, no "Taipei New Harbour Party". */
static void test_prefixed_name_ends(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Seats decided\n"
        "In the island district, pro-Taipei New Harbour Party candidate "
        "Lam Wing won with 40,000 votes.\n"
        "The pro-Taipei New Harbour Party now holds four seats.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "New Harbour Party", ENT_ORG);
    assert_entity(t, "Taipei", ENT_PLACE);
    assert_int_equal(find_entity(t, "Taipei New Harbour Party"), -1);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* One everyday word at a line's or sentence's start that the article
 * never writes capitalised mid-sentence is the common word, whatever
 * the tagger made of it ("Summit" in a list of stops was an
 * organisation). */
static void test_everyday_openers(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Old railway walk\n"
        "The walk follows the old Hartley Valley line from Colby.\n"
        "Stop 3: Summit - the top of the long climb.\n"
        "Stop 5: Crossing - a road once met the line here.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_int_equal(find_entity(t, "Summit"), -1);
    assert_entity(t, "Colby", ENT_PLACE);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Possessives are mentions of the name; the "'s" is not in the span.
 * Initialisms, hyphenated and apostrophe names are whole. */
static void test_spans(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Headline\n"
        "Syria\xe2\x80\x99s envoy met O\xe2\x80\x99" "Brien and Al-Attiyah "
        "near the U.N. office, said Kerry's aide.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    size_t n;
    const entity_mention *m = entity_mentions(t, 0, &n);
    const char *want[] = {"Syria", ("O\xe2\x80\x99" "Brien"), "Al-Attiyah",
                          "U.N.", "Kerry"};
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(m[i].len, strlen(want[i]));
        assert_memory_equal(a[0].text + m[i].off, want[i], m[i].len);
    }
    assert_int_equal(m[0].off, 9);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* On a title-case headline only names the body or gazetteer knows. */
static void test_title_case_headline(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Brakstad Says Northern Talks With Norway Will Resume\n"
        "Finance minister Lise Brakstad said on Monday that talks would "
        "resume.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    size_t n;
    const entity_mention *m = entity_mentions(t, 0, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(a[0].text + m[0].off, "Brakstad", 8);
    assert_memory_equal(a[0].text + m[1].off, "Norway", 6);
    assert_memory_equal(a[0].text + m[2].off, "Lise Brakstad", 13);
    assert_int_equal(m[0].entity, m[2].entity);
    assert_entity(t, "Lise Brakstad", ENT_PERSON);
    assert_no_entity(t, "Northern Talks");
    assert_no_entity(t, "Monday");
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Full names in their awkward shapes stay whole. */
static void test_person_shapes(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Head\n"
        "The flanker Joost van der Westhuizen scored.\n"
        "A. Hollioake took two wickets.\n"
        "Later John Major met Billie Jean King and Anthony Washington.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Joost van der Westhuizen", ENT_PERSON);
    assert_entity(t, "A. Hollioake", ENT_PERSON);
    assert_entity(t, "John Major", ENT_PERSON);
    assert_entity(t, "Billie Jean King", ENT_PERSON);
    assert_entity(t, "Anthony Washington", ENT_PERSON);
    assert_no_entity(t, "Washington");
    entity_table_free(t);
    fake_free(&a[0]);
}

static void test_type_cues(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Report\n"
        "The Vellmar Foundation and Ostrava Steel Corp signed a deal with "
        "Dr Pell Ranko in the town of Kivarro. The Bank of Tessaly agreed.\n"
        "The Hague hosted them. They met Lavrov there.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Vellmar Foundation", ENT_ORG);
    assert_entity(t, "Ostrava Steel Corp", ENT_ORG);
    assert_entity(t, "Pell Ranko", ENT_PERSON);
    assert_entity(t, "Kivarro", ENT_PLACE);
    assert_entity(t, "Bank of Tessaly", ENT_ORG);
    assert_entity(t, "The Hague", ENT_PLACE);
    /* alone, but the last name of a gazetteer person */
    assert_entity(t, "Lavrov", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Newswire prose: a dateline, a company with and without its suffix,
 * a title before a name, an X-based place, a product in lower camel. */
static void test_newswire(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Head\n"
        "VELMORA, Tessaly (Reuters) - Orvane Corp reported a profit on "
        "Thursday. Chief Executive Lena Marsh said the Velmora-based "
        "company sold more zPhones. Orvane shares rose 4%.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    long velmora = find_entity(t, "Velmora"); /* not the dateline's caps */
    assert_true(velmora >= 0);
    assert_int_equal(entity_type_of(t, (uint32_t)velmora), ENT_PLACE);
    assert_int_equal(entity_total(t, (uint32_t)velmora), 2);
    assert_entity(t, "Orvane Corp", ENT_ORG);
    assert_int_equal(entity_total(t, (uint32_t)find_entity(t, "Orvane Corp")),
                     2);
    assert_entity(t, "Lena Marsh", ENT_PERSON);
    assert_entity(t, "zPhones", ENT_OTHER);
    assert_no_entity(t, "Chief Executive Lena Marsh");
    assert_no_entity(t, "Thursday");
    entity_table_free(t);
    fake_free(&a[0]);
}

static void test_gazetteer_add(void **state)
{
    (void)state;
    entity_table *t = entity_table_new();
    const char tsv[] = "# mine\nZorbania\tplace\tZorbanian Republic|ZR\n"
                       "Kelp Union\torg\n";
    char err[128] = "";
    assert_int_equal(entity_gazetteer_add(t, tsv, strlen(tsv), err,
                                          sizeof err), 2);
    const char bad[] = "Fine\tplace\nBroken line\n";
    assert_int_equal(entity_gazetteer_add(t, bad, strlen(bad), err,
                                          sizeof err), -1);
    assert_non_null(strstr(err, "line 2"));
    article a;
    fake_article(&a, "Head\nThe ZR and the Kelp Union met in Zorbania.\n");
    entity_scan(t, 0, &a);
    entity_finish(t);
    assert_entity(t, "Zorbania", ENT_PLACE);
    assert_entity(t, "Kelp Union", ENT_ORG);
    assert_int_equal(entity_total(t, (uint32_t)find_entity(t, "Zorbania")),
                     2);
    assert_int_equal(entity_lookup(t, "zorbanian republic", 18),
                     find_entity(t, "Zorbania"));
    /* added after the scan: the next finish types by it */
    assert_int_equal(entity_type_of(t, (uint32_t)find_entity(t, "Kelp Union")),
                     ENT_ORG);
    const char late[] = "Kelp Union\tplace\n";
    entity_gazetteer_add(t, late, strlen(late), err, sizeof err);
    entity_finish(t);
    assert_entity(t, "Kelp Union", ENT_PLACE);
    entity_table_free(t);
    fake_free(&a);
}

static void test_article_counts(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Head\nGeneva hosted talks. Later Geneva and Paris and Paris and "
        "Geneva again, and Berlin.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    size_t n;
    entity_tally *c = entity_article_counts(t, 0, &n);
    assert_int_equal(n, 3);
    assert_string_equal(entity_name(t, c[0].id), "Geneva");
    assert_int_equal(c[0].count, 3);
    assert_string_equal(entity_name(t, c[1].id), "Paris");
    assert_int_equal(c[1].count, 2);
    assert_string_equal(entity_name(t, c[2].id), "Berlin");
    assert_int_equal(entity_lookup(t, "GENEVA", 6), (long)c[0].id);
    free(c);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A number after a comma is no score: "Orlando, 60 miles" and
 * "Frankfurt, 12 May" are places (they were teams, organisations);
 * "Leeds 2 Hull 1" still names two teams. */
static void test_comma_numbers(void **state)
{
    (void)state;
    static const char *const text =
        "Prison profile\n"
        "It lies north of Orlando, 60 miles from the coast.\n"
        "He was born in Frankfurt, 12 May 1793.\n"
        "Leeds 2 Hull 1\n";
    article a;
    entity_table *t = scan_set(&a, &text, 1);
    assert_entity(t, "Orlando", ENT_PLACE);
    assert_entity(t, "Frankfurt", ENT_PLACE);
    size_t n;
    const entity_mention *m = entity_mentions(t, 0, &n);
    assert_int_equal(n, 4);
    assert_int_equal(entity_type_of(t, m[2].entity), ENT_ORG);
    assert_int_equal(entity_type_of(t, m[3].entity), ENT_ORG);
    entity_table_free(t);
    fake_free(&a);
}

/* A listed name used as the surname of a person the article names in
 * full is that person where a person's cue follows ("Jordan said" was
 * the country); "to Jordan" stays the country, and another article's
 * "Jordan" too, whatever the order the articles come in. */
static void test_listed_surnames(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Bulls win\nMichael Jordan scored 30 points. Jordan said he was "
        "tired. The team flies to Jordan next week.\n",
        "Royal talks\nThe king of Jordan met envoys.\n"};
    for (int order = 0; order < 2; order++) {
        const char *const in[2] = {texts[order], texts[1 - order]};
        article a[2];
        entity_table *t = scan_set(a, in, 2);
        size_t n;
        entity_mention m[3];
        const entity_mention *p = entity_mentions(t, (size_t)order, &n);
        assert_int_equal(n, 3);
        memcpy(m, p, sizeof m);
        assert_int_equal(m[1].entity, m[0].entity);
        assert_int_equal(entity_type_of(t, m[0].entity), ENT_PERSON);
        assert_string_equal(entity_name(t, m[1].entity), "Michael Jordan");
        assert_true(m[2].entity != m[0].entity);
        assert_int_equal(entity_type_of(t, m[2].entity), ENT_PLACE);
        p = entity_mentions(t, (size_t)(1 - order), &n);
        assert_int_equal(n, 1);
        assert_int_equal(p[0].entity, m[2].entity);
        entity_table_free(t);
        fake_free(&a[0]);
        fake_free(&a[1]);
    }
}

/* A city followed by scores names its team there, an organisation;
 * the same city elsewhere stays a place. Countries stay places. */
static void test_city_teams(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Results\nChicago 4 Boston 2\nBoston 3 Chicago 1\n"
        "Germany 2 Italy 0\n",
        "Travel\nShe flew from Boston to Chicago and on to Italy.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    size_t n;
    /* each answer is valid until the next call: copies */
    entity_mention m0[6], m1[3];
    const entity_mention *m = entity_mentions(t, 0, &n);
    assert_int_equal(n, 6);
    memcpy(m0, m, sizeof m0);
    m = entity_mentions(t, 1, &n);
    assert_int_equal(n, 3);
    memcpy(m1, m, sizeof m1);
    uint32_t team = m0[0].entity, city = m1[1].entity;
    assert_string_equal(entity_name(t, team), "Chicago");
    assert_string_equal(entity_name(t, city), "Chicago");
    assert_true(team != city);
    assert_int_equal(entity_type_of(t, team), ENT_ORG);
    assert_int_equal(entity_type_of(t, city), ENT_PLACE);
    assert_int_equal(entity_type_of(t, m0[4].entity), ENT_PLACE);
    assert_int_equal(m0[5].entity, m1[2].entity); /* Italy, both */
    assert_int_equal(entity_lookup(t, "chicago", 7), (long)city);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* Every mention's text and entity in article idx, joined by '|'. */
static void all_mentions(const entity_table *t, const article *a,
                         uint32_t idx, char *out, size_t cap)
{
    size_t n, o = 0;
    const entity_mention *m = entity_mentions(t, idx, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n && o < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%.*s=%s", o ? "|" : "",
                              (int)m[i].len, a->text + m[i].off,
                              entity_name(t, m[i].entity));
}

/* A word only ever seen starting a sentence and written in lowercase
 * elsewhere in the set is no name: its mention goes, and the mentions
 * after it keep their places. Alone, the article drops it too: an
 * everyday word that no cue types and the tagger leaves out
 * (test_shape_only_names). A second finish gives the same. */
static void test_dropped_word(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Markets rally\nPrices rose in Geneva. Overseas, London traders "
        "followed as Sergei Lavrov spoke in Geneva.\n",
        "Funds\nInvestors from overseas kept buying in Geneva.\n"};
    article a[2];
    char got[512];
    entity_table *t = scan_set(a, texts, 1);
    all_mentions(t, &a[0], 0, got, sizeof got);
    assert_string_equal(got, "Geneva=Geneva|London=London|"
                             "Sergei Lavrov=Sergei Lavrov|Geneva=Geneva");
    entity_table_free(t);
    fake_free(&a[0]);
    t = scan_set(a, texts, 2);
    for (int pass = 0; pass < 2; pass++) {
        all_mentions(t, &a[0], 0, got, sizeof got);
        assert_string_equal(got, "Geneva=Geneva|London=London|"
                                 "Sergei Lavrov=Sergei Lavrov|Geneva=Geneva");
        all_mentions(t, &a[1], 1, got, sizeof got);
        assert_string_equal(got, "Geneva=Geneva");
        entity_finish(t);
    }
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

static void test_accents_lookup(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Head\nThey flew to S\xc3\xa3o Paulo and met Jos\xc3\xa9 Ferreira.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    long sp = find_entity(t, "S\xc3\xa3o Paulo");
    assert_true(sp >= 0);
    assert_int_equal(entity_lookup(t, "sao paulo", 9), sp);
    assert_int_equal(entity_lookup(t, "S\xc3\xa3o Paulo", 10), sp);
    assert_true(entity_lookup(t, "jose ferreira", 13) >= 0);
    entity_table_free(t);
    fake_free(&a[0]);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    return buf;
}

/* The tagger is told which words stand in a short title-case stretch in
 * quotation marks (a title of a work: straight or curly quotes); quoted
 * speech and a quote broken by punctuation are left alone. */
static uint8_t quote_of(const tagger_tok *tt, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++) {
        if (tt[i].len == strlen(w) && !memcmp(tt[i].s, w, tt[i].len))
            return tt[i].quote;
    }
    fail_msg("no word %s", w);
    return 0;
}

static void test_quoted_titles(void **state)
{
    (void)state;
    const char *text =
        "Band news\n\n"
        "The band played \"Sisters of Heresy\" and \xe2\x80\x9c"
        "Big Week\xe2\x80\x9d" " in Leeds. \"We will fight on,\" Wilson said. "
        "Then came \"Rock, Out\" and \"Savior\".\n";
    article a;
    article_init(&a, "quotes.txt", text, strlen(text));
    entity_table *t = entity_table_new();
    ent_scan_rules(t, &a);
    size_t n;
    const tagger_tok *tt = ent_tag_toks(t, &n);
    assert_int_equal(quote_of(tt, n, "Sisters"), TAGGER_QUOTE_FIRST);
    assert_int_equal(quote_of(tt, n, "of"), TAGGER_QUOTE_INSIDE);
    assert_int_equal(quote_of(tt, n, "Heresy"), TAGGER_QUOTE_LAST);
    assert_int_equal(quote_of(tt, n, "Big"), TAGGER_QUOTE_FIRST);
    assert_int_equal(quote_of(tt, n, "Week"), TAGGER_QUOTE_LAST);
    assert_int_equal(quote_of(tt, n, "Savior"), TAGGER_QUOTE_ALONE);
    assert_int_equal(quote_of(tt, n, "played"), 0);
    assert_int_equal(quote_of(tt, n, "Leeds"), 0);
    assert_int_equal(quote_of(tt, n, "We"), 0);
    assert_int_equal(quote_of(tt, n, "Wilson"), 0);
    assert_int_equal(quote_of(tt, n, "Rock"), 0);
    assert_int_equal(quote_of(tt, n, "Out"), 0);
    entity_table_free(t);
    article_fini(&a);
}

/* The bundled sample set through article_init, as the reader loads it. */
static void test_sample_set(void **state)
{
    (void)state;
    static const char *const paths[] = {
        "data/articles/000_83fae2bbef3ffe03.txt",
        "data/articles/003_a8c0e5b4325b14d0.txt"};
    article a[2];
    entity_table *t = entity_table_new();
    for (uint32_t i = 0; i < 2; i++) {
        size_t len;
        char *raw = slurp(paths[i], &len);
        article_init(&a[i], paths[i], raw, len);
        free(raw);
        entity_scan(t, i, &a[i]);
    }
    entity_finish(t);
    static const struct { const char *name; entity_type type; } want[] = {
        {"John Kerry", ENT_PERSON},      {"Sergei Lavrov", ENT_PERSON},
        {"Staffan de Mistura", ENT_PERSON}, {"Geneva", ENT_PLACE},
        {"Aleppo", ENT_PLACE},          {"Damascus", ENT_PLACE},
        {"Daraya", ENT_PLACE},          {"Syria", ENT_PLACE},
        {"Moscow", ENT_PLACE},          {"Doha", ENT_PLACE},
        {"United Nations", ENT_ORG},    {"Islamic State", ENT_ORG},
        {"Pentagon", ENT_ORG},          {"White House", ENT_ORG},
        {"Al-Monitor", ENT_ORG},         {"United States", ENT_PLACE},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_entity(t, want[i].name, want[i].type);
    assert_int_equal(entity_lookup(t, "U.N.", 4),
                     find_entity(t, "United Nations"));
    /* U.S., US, USA and United States, 14 mentions in all */
    long us = find_entity(t, "United States");
    assert_int_equal(entity_total(t, (uint32_t)us), 14);
    assert_int_equal(entity_lookup(t, "US", 2), us);
    assert_int_equal(entity_lookup(t, "De Mistura", 10),
                     find_entity(t, "Staffan de Mistura"));
    const char *no[] = {"Share", "Advertisement", "Meanwhile", "However",
                        "Speaking", "During", "Under", "While", "Earlier",
                        "Friday", "Monday", "August", "Mr Kerry"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_no_entity(t, no[i]);
    /* Kerry: named 5 times in the first article (headline included),
     * 7 in the second ("Kerry-Lavrov" too); the first mention is the
     * headline's. */
    long kerry = find_entity(t, "John Kerry");
    assert_int_equal(entity_total(t, (uint32_t)kerry), 12);
    size_t n;
    const entity_tally *arts = entity_articles(t, (uint32_t)kerry, &n);
    assert_int_equal(n, 2);
    assert_int_equal(arts[0].count, 5);
    assert_int_equal(arts[1].count, 7);
    char buf[512];
    mention_texts(t, &a[0], 0, kerry, buf, sizeof buf);
    assert_string_equal(buf, "Kerry|John Kerry|Kerry|Kerry|Kerry");
    mention_texts(t, &a[1], 1, kerry, buf, sizeof buf);
    assert_string_equal(buf, "Kerry|John Kerry|John Kerry|Kerry|John Kerry|"
                             "Kerry|Kerry");
    const entity_mention *m = entity_mentions(t, 0, &n);
    size_t k = 0;
    while (k < n && (long)m[k].entity != kerry)
        k++;
    const char *head = strstr(a[0].text, "Lavrov, Kerry");
    assert_non_null(head);
    assert_int_equal(m[k].off, (uint32_t)(head - a[0].text) + 8);
    assert_int_equal(m[k].len, 5);
    entity_table_free(t);
    article_fini(&a[0]);
    article_fini(&a[1]);
}

/* Fragments of awkward text, glued at random (a fixed seed): every
 * mention lies inside a scanned block, on character boundaries, and
 * names an entity. Long words and odd bytes must not upset the scan. */
static void test_random_text(void **state)
{
    (void)state;
    static const char *const frag[] = {
        "Kerry", " ", "U.N.", "de", "Mistura", "'s", "\xe2\x80\x99s", "-",
        "al-", "Qaida", ".", "\n", "AleppoLavrov", "O'", "Brien",
        "\xc3\xa9", "\xc3\x89mile", "&", "of", "Bank", "May", "12",
        "1996-08-30", "THE", "Mr", "\"", "\xe2\x80\x9c", ":", "Al-Attiyah",
        "iPhone", "\xf0\x9f\x98\x80", "Zz", "---", "'", "Share\n"};
    size_t nf = sizeof frag / sizeof frag[0];
    char *buf = malloc(1 << 17);
    article a[60];
    entity_table *t = entity_table_new();
    uint32_t seed = 12345;
    for (uint32_t i = 0; i < 60; i++) {
        size_t len = 0, n = 50 + i * 7;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *f = frag[(seed >> 16) % nf];
            memcpy(buf + len, f, strlen(f));
            len += strlen(f);
        }
        if (i == 7) { /* one word of 70,000 letters with a capital late */
            memset(buf + len, 'a', 70000);
            len += 70000;
            memcpy(buf + len, "Lavrov-Kerry", 12);
            len += 12;
        }
        article_init(&a[i], "random", buf, len);
        entity_scan(t, i, &a[i]);
    }
    entity_finish(t);
    for (uint32_t i = 0; i < 60; i++) {
        size_t n;
        const entity_mention *m = entity_mentions(t, i, &n);
        for (size_t k = 0; k < n; k++) {
            long b = article_block_at(&a[i], m[k].off);
            assert_true(b >= 0);
            const article_block *bl = &a[i].blocks[b];
            assert_int_not_equal(bl->kind, BLOCK_BOILER);
            assert_true(m[k].off + m[k].len <= bl->off + bl->len);
            assert_true(m[k].len > 0);
            assert_int_not_equal((unsigned char)a[i].text[m[k].off] & 0xC0,
                                 0x80);
            assert_int_not_equal(
                (unsigned char)a[i].text[m[k].off + m[k].len] & 0xC0, 0x80);
            assert_true(m[k].entity < entity_count(t));
        }
        article_fini(&a[i]);
    }
    entity_table_free(t);
    free(buf);
}


/* --- issue 7: set-level classes --- */

static long total_of(const entity_table *t, const char *name)
{
    long id = find_entity(t, name);
    return id < 0 ? -1 : (long)entity_total(t, (uint32_t)id);
}

/* Contractions, everyday acronyms, title words, seasons and adjectives
 * are no names alone; Labour, on the everyday-word and title lists, is
 * found wherever it stands, as the gazetteer names it. */
static void test_junk_and_labour(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Budget day\n"
        "Labour is a party of government, the Chancellor said.\n"
        "\"I'm sure, and I've said it before,\" he told MPs. \"We're ready.\"\n"
        "The Shadow Chancellor replied on TV that the Trade and Industry "
        "Secretary had no plan for PCs, DVDs or the CEO pay rise.\n"
        "In the Autumn the Parliamentary timetable and the Presidential "
        "style of Labour will be tested.\n"
        "Apple shares fell. The paper, the Sun, said so on Sun 12 May.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    static const char *const junk[] = {
        "I'm", "I've", "We're", "MPs", "TV", "Shadow", "Industry", "PCs",
        "DVDs", "CEO", "Autumn", "Parliamentary", "Presidential"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_no_entity(t, junk[i]);
    assert_entity(t, "Labour", ENT_ORG);
    assert_int_equal(total_of(t, "Labour"), 2);
    /* "sun" is also a day's abbreviation, "apple" an everyday word */
    assert_entity(t, "Apple", ENT_ORG);
    assert_entity(t, "The Sun", ENT_ORG);
    assert_int_equal(total_of(t, "The Sun"), 1);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* "Name (ACR)" in one article and "ACR, the Name" in another: the
 * acronym is the name everywhere in the set, even where it is not
 * spelled out. */
static void test_acronyms(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Ferry strike\n"
        "The Zantic Ferry Workers Union (ZFWU) called a strike on Monday.\n"
        "The ZFWU said talks had failed.\n",
        "Ports\n"
        "KPA, the Kelmar Ports Authority, closed two docks.\n"
        "Later the ZFWU and the KPA met.\n",
        "More\nThe Kelmar Ports Authority reopened the docks.\n"};
    article a[3];
    entity_table *t = scan_set(a, texts, 3);
    long zf = find_entity(t, "Zantic Ferry Workers Union");
    long kp = find_entity(t, "Kelmar Ports Authority");
    assert_true(zf >= 0 && kp >= 0);
    assert_int_equal(entity_lookup(t, "ZFWU", 4), zf);
    assert_int_equal(entity_lookup(t, "KPA", 3), kp);
    assert_int_equal(entity_total(t, (uint32_t)zf), 4);
    assert_int_equal(entity_total(t, (uint32_t)kp), 4);
    assert_entity(t, "Zantic Ferry Workers Union", ENT_ORG);
    entity_table_free(t);
    for (int i = 0; i < 3; i++)
        fake_free(&a[i]);
}

/* A word glued before a full name does not become the name; a name
 * with a place after it is a subsidiary, not the parent's long form. */
static void test_modifiers_and_subsidiaries(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Reform row\n"
        "On Monday the Maverick Tomas Brenner spoke first.\n"
        "Brenner said the plan was dead. Brenner left early.\n",
        ("Oil\n"
         "The oil firm Zolvex said its unit Zolvex USA would be sold.\n"
         "Shares in Zolvex fell, and Zolvex said it would appeal.\n"),
        ("Web\nThe web firm Quellnet said Quellnet Europe lost users.\n"
         "Quellnet shares rose.\n")};
    article a[3];
    entity_table *t = scan_set(a, texts, 3);
    assert_int_equal(find_entity(t, "Maverick Tomas Brenner"), -1);
    assert_entity(t, "Tomas Brenner", ENT_PERSON);
    assert_int_equal(total_of(t, "Tomas Brenner"), 3);
    assert_entity(t, "Zolvex", ENT_ORG);
    assert_int_equal(total_of(t, "Zolvex"), 3);
    assert_int_equal(total_of(t, "Zolvex USA"), 1);
    assert_int_equal(total_of(t, "Quellnet"), 2);
    assert_int_equal(total_of(t, "Quellnet Europe"), 1);
    entity_table_free(t);
    for (int i = 0; i < 3; i++)
        fake_free(&a[i]);
}

/* Names with "of", "for" and "and" inside are one name; a film's title
 * and a product are other, neither a person nor a place. */
static void test_inner_words_and_works(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Groups\n"
        "The British Chambers of Commerce and the Coalition of "
        "Non-governmental Organizations met the Department of Trade and "
        "Industry and the Department for Transport.\n"
        "Critics liked the film Alexander. Catwoman, which starred a pop "
        "singer, did not do well. Phones with Bluetooth sold.\n"
        "He wrote on the Battle of Hastings and joined the Hall of Fame.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "British Chambers of Commerce", ENT_ORG);
    assert_entity(t, "Coalition of Non-governmental Organizations", ENT_ORG);
    assert_entity(t, "Department of Trade and Industry", ENT_ORG);
    assert_entity(t, "Department for Transport", ENT_ORG);
    assert_no_entity(t, "Commerce");
    assert_no_entity(t, "British Chambers");
    assert_entity(t, "Alexander", ENT_OTHER);
    assert_entity(t, "Catwoman", ENT_OTHER);
    assert_entity(t, "Bluetooth", ENT_OTHER);
    assert_entity(t, "Battle of Hastings", ENT_OTHER);
    assert_true(find_entity(t, "Hall of Fame") >= 0);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Lib Dems, Lib Dem, Liberal Democrat and Liberal Democrats are one
 * party. */
static void test_party_variants(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Party\nThe Lib Dems met. A Liberal Democrat spokesman said the "
        "Liberal Democrats would win, and one Lib Dem agreed.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Liberal Democrats", ENT_ORG);
    assert_int_equal(total_of(t, "Liberal Democrats"), 4);
    assert_int_equal(entity_count(t), 1);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* What each article's mentions are named and typed, as one string. */
static void describe(const entity_table *t, const article *a, int n,
                     char *out, size_t cap)
{
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        size_t nm;
        const entity_mention *m = entity_mentions(t, (uint32_t)i, &nm);
        for (size_t k = 0; k < nm && o < cap; k++)
            o += (size_t)snprintf(
                out + o, cap - o, "%d:%u+%u=%s/%s ", i, m[k].off, m[k].len,
                entity_name(t, m[k].entity),
                entity_type_name(entity_type_of(t, m[k].entity)));
        (void)a;
    }
}

/* The same articles scanned in every order name and type every mention
 * the same: spellings ("O’Brien", "O'Brien"), short forms, acronyms and
 * gazetteer aliases. */
static void test_order_independence(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "One\nThe economist Sean O’Brien said the Kelmar Ports Authority "
        "(KPA) would grow. Lib Dems agreed.\n",
        "Two\nSean O'Brien, a banker, said the KPA and Zolvex would merge. "
        "O'Brien said Berg agreed.\n",
        "Three\nZolvex USA hired Annika Berg. Berg said Liberal Democrat "
        "voters liked it.\n",
        "Four\nOlaf Berg and Annika Berg met Sean O’Brien in Geneva. "
        "Zolvex shares rose.\n"};
    enum { N = 4 };
    article a[N];
    for (int i = 0; i < N; i++)
        fake_article(&a[i], texts[i]);
    static char first[8192], other[8192];
    int perm[N] = {0, 1, 2, 3}, runs = 0;
    /* every permutation, by Heap's algorithm */
    int c[N] = {0};
    for (int k = 0; k < N;) {
        entity_table *t = entity_table_new();
        for (int i = 0; i < N; i++)
            entity_scan(t, (uint32_t)perm[i], &a[perm[i]]);
        entity_finish(t);
        describe(t, a, N, runs ? other : first, sizeof first);
        if (runs)
            assert_string_equal(other, first);
        runs++;
        entity_table_free(t);
        while (k < N && c[k] >= k) {
            c[k] = 0;
            k++;
        }
        if (k >= N)
            break;
        int j = k % 2 ? c[k] : 0, tmp = perm[j];
        perm[j] = perm[k];
        perm[k] = tmp;
        c[k]++;
        k = 1;
    }
    assert_int_equal(runs, 24);
    assert_non_null(strstr(first, "=Sean O'Brien/person"));
    assert_non_null(strstr(first, "=Kelmar Ports Authority/organisation"));
    for (int i = 0; i < N; i++)
        fake_free(&a[i]);
}


/* Towns known only from the generated lists (data/gaz_places.tsv): a
 * place where no cue says otherwise, their team where scores follow,
 * named as the town. */
static void test_generated_towns(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Results\nStevenage 2 Tamworth 1. Stevenage 0 Tamworth 3. "
        "Stevenage 1 Tamworth 1.\n",
        "Floods\nFloods hit homes near Stevenage and in Tamworth.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    int place = 0, team = 0;
    for (uint32_t i = 0; i < entity_count(t); i++) {
        if (strcmp(entity_name(t, i), "Stevenage"))
            continue;
        if (entity_type_of(t, i) == ENT_PLACE) {
            place++;
            assert_int_equal(entity_total(t, i), 1);
        } else if (entity_type_of(t, i) == ENT_ORG) {
            team++;
            assert_int_equal(entity_total(t, i), 3);
        }
    }
    assert_int_equal(place, 1);
    assert_int_equal(team, 1);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* The type of the entity named name in t, or -1. */
static int type_named(const entity_table *t, const char *name)
{
    for (uint32_t i = 0; i < entity_count(t); i++) {
        if (!strcmp(entity_name(t, i), name))
            return entity_type_of(t, i);
    }
    return -1;
}

/* Names typed only by the WordNet list (data/gaz_wordnet.tsv), where no
 * cue votes: a faith as other, a site, a desert and a building as places
 * (without it: organisations and a person). */
static void test_generated_wordnet(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Notes\nVisitors came to see Machu Picchu and the Gobi. The "
        "museum shows books on Catholicism. The Hagia Sophia hosted a "
        "meeting.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_int_equal(type_named(t, "Catholicism"), ENT_OTHER);
    assert_int_equal(type_named(t, "Machu Picchu"), ENT_PLACE);
    assert_int_equal(type_named(t, "Gobi"), ENT_PLACE);
    assert_int_equal(type_named(t, "Hagia Sophia"), ENT_PLACE);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Where the text's cues only tie the generated lists' type, the list
 * decides: "Hmong", a people by WordNet, had the tagger's organisation
 * vote and, the tie falling to the first type, was an organisation. */
static void test_weak_type_breaks_tie(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Families reach the camp\n"
        "Aid workers met Laotians and Hmong who had walked for a week.\n"
        "Officials say the Hmong are among the poorest groups in the "
        "hills.\n"
        "One Hmong farmer, Vang Pao, said soldiers turned them back "
        "twice.\n"
        "Donors sent tents for the Hmong before the rains.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_entity(t, "Hmong", ENT_OTHER);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A plural the WordNet list makes of its own names ("Corinthian",
 * "Crusader", other) takes no name of the lists before it: "Corinthians"
 * and "Crusaders" stay the football clubs. */
static void test_wordnet_plural_yields(void **state)
{
    (void)state;
    entity_table *t = entity_table_new();
    static const char *const names[] = {"Corinthians", "Crusaders"};
    for (size_t i = 0; i < 2; i++) {
        uint32_t h;
        size_t k = ent_key_hash(t, names[i], strlen(names[i]), &h);
        int32_t g = ent_weak_find(t, t->kbuf, k, h);
        assert_true(g >= 0);
        assert_true((size_t)g < t->weak->weak_wn0);
        assert_int_equal(t->weak->gaz[g].type, ENT_ORG);
    }
    uint32_t h;
    size_t k = ent_key_hash(t, "Corinthian", 10, &h);
    int32_t g = ent_weak_find(t, t->kbuf, k, h);
    assert_true(g >= 0 && (size_t)g >= t->weak->weak_wn0);
    assert_int_equal(t->weak->gaz[g].type, ENT_OTHER);
    entity_table_free(t);
}

/* Everything a table says about article 0, as text. */
static void describe0(const entity_table *t, char *buf, size_t cap)
{
    size_t n, k = 0;
    const entity_mention *m = entity_mentions(t, 0, &n);
    buf[0] = '\0';
    for (size_t i = 0; i < n && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, "%u+%u %s %s;", m[i].off,
                              m[i].len, entity_name(t, m[i].entity),
                              entity_type_name(entity_type_of(t, m[i].entity)));
    if (k < cap)
        snprintf(buf + k, cap - k, "n=%zu", entity_count(t));
}

/* entity_table_reset (built once per fuzzing process) leaves a table
 * that answers like a new one, user gazetteer entries kept. */
static void test_table_reset(void **state)
{
    (void)state;
    const char gaz[] = "Zorbania\tplace\tZR\n";
    const char *one = "Kerry in Geneva\nJohn Kerry met the ZR envoy and "
                      "Sergei Lavrov in Geneva.\nMr Kerry said so.\n";
    const char *other = "Storm\nThe Bank of England and Angela Merkel "
                        "spoke in Berlin.\n";
    char fresh[2048], again[2048];

    entity_table *t = entity_table_new();
    entity_gazetteer_add(t, gaz, strlen(gaz), NULL, 0);
    article a, b;
    fake_article(&a, one);
    fake_article(&b, other);
    entity_scan(t, 0, &a);
    entity_finish(t);
    describe0(t, fresh, sizeof fresh);
    assert_non_null(strstr(fresh, "Zorbania place"));

    entity_table_reset(t);
    assert_int_equal(entity_count(t), 0);
    entity_scan(t, 0, &b);
    entity_scan(t, 1, &a);
    entity_finish(t);
    assert_entity(t, "Angela Merkel", ENT_PERSON);
    for (int round = 0; round < 3; round++) {
        entity_table_reset(t);
        entity_scan(t, 0, &a);
        entity_finish(t);
        describe0(t, again, sizeof again);
        assert_string_equal(again, fresh);
        assert_int_equal(entity_lookup(t, "Merkel", 6), -1);
    }
    /* a gazetteer added after a scan survives a reset too */
    const char late[] = "Kelp Union\torg\n";
    entity_gazetteer_add(t, late, strlen(late), NULL, 0);
    entity_table_reset(t);
    fake_free(&b);
    fake_article(&b, "Head\nThe Kelp Union met.\n");
    entity_scan(t, 0, &b);
    entity_finish(t);
    assert_entity(t, "Kelp Union", ENT_ORG);
    fake_free(&a);
    fake_free(&b);
    entity_table_free(t);
}

/* The scanner remembers each word's list flags and each gazetteer
 * look-up from article to article (memos): the same words scanned again
 * find the same names, and a gazetteer added after a scan is seen at
 * once, as by a new table. */
static void test_word_memo(void **state)
{
    (void)state;
    /* repeated words, short and long, ASCII and not, capitalised and not */
    const char *text = "Quelmor talks\n"
                       "Officials said the talks in Quelmor Vantis would "
                       "go on. The officials said Zoë Varga and Zoë Varga's "
                       "counterpart met in Quelmor Vantis; the talks, the "
                       "officials said, went well for Varga and for the "
                       "internationalisation of the talks. In New Quelmor "
                       "the New Quelmor council met.\n";
    /* "New" starts names the scanner knows: "New Quelmor" is looked up
     * (and remembered) before the gazetteer names it */
    const char gaz[] = "Quelmor Vantis\tother\nNew Quelmor\tother\n";
    char fresh[2048], first[2048], second[2048], late[2048];
    article a;
    fake_article(&a, text);

    /* a new table, the gazetteer before any scan */
    entity_table *t = entity_table_new();
    entity_gazetteer_add(t, gaz, strlen(gaz), NULL, 0);
    entity_scan(t, 0, &a);
    entity_finish(t);
    describe0(t, fresh, sizeof fresh);
    assert_entity(t, "Quelmor Vantis", ENT_OTHER);
    assert_entity(t, "New Quelmor", ENT_OTHER);
    entity_table_free(t);

    /* one table, the same article twice: the second from the memo */
    t = entity_table_new();
    entity_scan(t, 0, &a);
    entity_finish(t);
    describe0(t, first, sizeof first);
    entity_table_reset(t);
    entity_scan(t, 0, &a);
    entity_finish(t);
    describe0(t, second, sizeof second);
    assert_string_equal(second, first);
    /* without the gazetteer, no "other": the rules' guess */
    assert_non_null(strstr(first, "Quelmor Vantis"));
    assert_null(strstr(first, "Quelmor Vantis other"));
    assert_null(strstr(first, "New Quelmor other"));

    /* the gazetteer comes after the words were remembered */
    entity_gazetteer_add(t, gaz, strlen(gaz), NULL, 0);
    entity_table_reset(t);
    entity_scan(t, 0, &a);
    entity_finish(t);
    describe0(t, late, sizeof late);
    assert_string_equal(late, fresh);
    entity_table_free(t);
    fake_free(&a);
}

/* The memos answer as the maps they stand for: asked twice, before and
 * after the gazetteer and the word lists change, in any case and with
 * accents. */
static void test_memo_lookups(void **state)
{
    (void)state;
    entity_table *t = entity_table_new();
    static const char *const texts[] = {"New Quelmor", "NEW QUELMOR",
                                        "Zoë Quelmor", "Quelmor", "Geneva",
                                        "Zoe  Quelmor"};
    long before[6];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 6; i++) {
            long g = ent_gaz_find(t, texts[i], strlen(texts[i]));
            if (round)
                assert_int_equal(g, before[i]);
            before[i] = g;
        }
    }
    assert_true(before[4] >= 0); /* Geneva: the bundled gazetteer */
    for (int i = 0; i < 4; i++)
        assert_int_equal(before[i], -1);
    uint32_t h1, h2;
    assert_int_equal(ent_word_flags(t, "Quelmor", 7, &h1) & W_GAZ1, 0);
    assert_int_equal(ent_word_flags(t, "Vexlor", 6, &h2) & W_GAZ1, 0);
    const char gaz[] = "New Quelmor\tother\nZoe Quelmor\tperson\n"
                       "Vexlor Quelmor\tplace\n";
    assert_int_equal(entity_gazetteer_add(t, gaz, strlen(gaz), NULL, 0), 3);
    long g = ent_gaz_find(t, "New Quelmor", 11);
    assert_true(g >= 0);
    assert_int_equal(ent_gaz_find(t, "NEW QUELMOR", 11), g);
    long z = ent_gaz_find(t, "Zoë Quelmor", strlen("Zoë Quelmor"));
    assert_true(z >= 0 && z != g);
    assert_int_equal(ent_gaz_find(t, "Zoe  Quelmor", 12), z);
    assert_int_equal(ent_gaz_find(t, "Quelmor", 7), -1);
    assert_int_equal(ent_gaz_find(t, "Geneva", 6), before[4]);
    /* "Quelmor" has not changed, "Vexlor" now starts a name */
    assert_int_equal(ent_word_flags(t, "Quelmor", 7, &h2) & W_GAZ1, 0);
    assert_int_equal(h1, h2);
    assert_true(ent_word_flags(t, "Vexlor", 6, &h2) & W_GAZ1);
    assert_true(ent_word_flags(t, "VEXLOR", 6, &h1) & W_GAZ1);
    assert_int_equal(h1, h2);
    entity_table_free(t);
}

/* Real news glues posts to names and opens stories with labels and
 * words in capitals: none of that is a name or part of one. */
static void test_posts_and_labels(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Widget maker reports\n"
        "A RETIRED teacher bought shares. Acme Widgets CEO Ruth Okafor "
        "said sales rose. Okafor added that costs fell.\n"
        "Backbench MP Daniel Ashworth and Harold Finch QC, for the "
        "defence, spoke after the Queen's Speech. House Speaker Tom "
        "Bradley and Senate Majority Leader Carl Wendt agreed.\n",
        "Summaries\n"
        "Rivertown (1) 2 Scorers: K. Varga 12, P. Lindqvist 80 Yellow "
        "card: Kerrigan 33 Referee: Ian Moss Attendance: 20,000\n"
        "Lakeport (0) 1 Scorers: Osei 44, Brandvold 71 Subs used: "
        "Tamberlo 60 (Quenneville)\n",
        ("Grid deal\n"
         "Quorvex Power announced a deal. Quorvex Power will build it.\n")};
    article a[3];
    entity_table *t = scan_set(a, texts, 3);
    static const char *const junk[] = {
        "CEO Ruth Okafor", "MP Daniel Ashworth", "Harold Finch QC",
        "House Speaker Tom Bradley", "Senate Majority", "Speech",
        "RETIRED", "Scorers", "Yellow", "Referee", "Attendance"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_no_entity(t, junk[i]);
    assert_entity(t, "Ruth Okafor", ENT_PERSON);
    assert_int_equal(total_of(t, "Ruth Okafor"), 2); /* and "Okafor" */
    assert_entity(t, "Daniel Ashworth", ENT_PERSON);
    assert_entity(t, "Harold Finch", ENT_PERSON);
    assert_entity(t, "Tom Bradley", ENT_PERSON);
    assert_entity(t, "Carl Wendt", ENT_PERSON);
    assert_entity(t, "Ian Moss", ENT_PERSON);
    /* a minute after a player's name is no team's score */
    assert_entity(t, "Rivertown", ENT_ORG);
    assert_entity(t, "Lakeport", ENT_ORG);
    static const char *const players[] = {"Osei", "Brandvold", "Tamberlo",
                                          "Quenneville"};
    for (size_t i = 0; i < sizeof players / sizeof players[0]; i++)
        assert_entity(t, players[i], ENT_PERSON);
    /* no given name and an everyday word last: a company */
    assert_entity(t, "Quorvex Power", ENT_ORG);
    entity_table_free(t);
    for (int i = 0; i < 3; i++)
        fake_free(&a[i]);
}

/* Modifiers before and after a name stay out of it: a prefixed word
 * ends a name, a prefixed acronym is an adjective, a member's party and
 * state is no organisation, and an acronym after a name makes another
 * name, not a longer form of the first. */
static void test_glued_modifiers(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Vote tonight\n"
        "Hardline pro-Brexit Tories and Pro-EU campaigners argued. The "
        "Tories won.\n"
        "The House met. Speaker Jo Harlan (R-LA) and House GOP leaders "
        "agreed, said Pat Druce, R-S.D., and the House adjourned.\n",
        "Late sitting\n"
        "The House of Commons sat late, and so did the House of Lords.\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    assert_no_entity(t, "Brexit Tories");
    assert_no_entity(t, "Pro-EU");
    assert_no_entity(t, "R-LA");
    assert_no_entity(t, "R-S");
    assert_int_equal(total_of(t, "Conservative Party"), 2);
    /* "House" is ambiguous in the set (Commons, Lords); in its article
     * it still follows no "House GOP" */
    assert_entity(t, "House", ENT_ORG);
    assert_int_equal(total_of(t, "House"), 2);
    assert_int_equal(total_of(t, "House GOP"), 1);
    assert_no_entity(t, "Hardline pro-Brexit");
    assert_entity(t, "House GOP", ENT_ORG);
    assert_entity(t, "Jo Harlan", ENT_PERSON);
    assert_entity(t, "Pat Druce", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* A place the rules joined with the words after it ("Ambassador to the
 * United States Teodor Valkan") is two names when the article writes
 * those words as a person's name alone; a team stays whole. */
static void test_place_glued_to_person(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Envoy visits\n"
        "The Norwegian Ambassador to the United States Teodor Valkan "
        "met officials on Monday. Ambassador Teodor Valkan said the talks "
        "went well, and Valkan flew home.\n",
        "Envoy speaks\n"
        "According to Norwegian Ambassador to the United States Teodor "
        "Valkan, the visit shows progress. Citing privacy rules, officials "
        "said nothing, but Norwegian Ambassador Teodor Valkan says there "
        "were concerns. \"It was hard,\" said Ambassador Valkan.\n",
        "Baseball\n"
        "The Chicago White Sox beat the Detroit Tigers 4-2. The White Sox "
        "lead the division.\n"};
    article a[3];
    entity_table *t = scan_set(a, texts, 3);
    assert_no_entity(t, "United States Teodor Valkan");
    assert_entity(t, "United States", ENT_PLACE);
    assert_entity(t, "Teodor Valkan", ENT_PERSON);
    assert_int_equal(total_of(t, "Teodor Valkan"), 6);
    assert_entity(t, "Chicago White Sox", ENT_ORG);
    entity_table_free(t);
    for (int i = 0; i < 3; i++)
        fake_free(&a[i]);
}

/* A short word in capitals right after a number is a unit or a time of
 * day, not a name; a score after it keeps a team's. */
static void test_units_after_numbers(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Fight night\n"
        "The doors open at 7 PM and the card ends by 11:30 PM. Dario "
        "Menkel has won 14 KOs in 20 fights, and the early bout was at "
        "10 AM.\n"
        "Results: Arsenal 2 QPR 1.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_no_entity(t, "PM");
    assert_no_entity(t, "AM");
    assert_no_entity(t, "KOs");
    assert_entity(t, "Dario Menkel", ENT_PERSON);
    assert_entity(t, "QPR", ENT_ORG);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A caption that runs into the text leaves no function word on a name
 * ("Lena Voss of DPA In the north ..."); "Elizabeth I" keeps its
 * numeral, "Martin To said" his surname. */
static void test_trailing_function_word(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Poll results\n"
        "Lena Voss of DPA In the north, turnout rose. The DPA said Queen "
        "Elizabeth I was the subject of the quiz. Lawmaker Martin To "
        "said he agreed.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_no_entity(t, "DPA In");
    assert_int_equal(total_of(t, "DPA"), 2);
    assert_entity(t, "Elizabeth I", ENT_PERSON);
    assert_entity(t, "Martin To", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* After a title word, a known place that is no given name is no person
 * and no place: "Captain America" is a name of its own, not the United
 * States; "Queen Victoria" keeps her title apart. */
static void test_title_before_place(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Comic fair\n"
        "Fans dressed as Black Widow and Captain America filled the hall. "
        "Visitors came from the United States and Canada.\n"
        "Black Widow and Captain America Image: Ines Tarrow.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_int_equal(total_of(t, "Captain America"), 2);
    assert_int_equal(total_of(t, "United States"), 1);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A word the article writes in lowercase far more often is no name
 * alone ("Iodine released ..." beside "iodine" four times); a surname
 * that ends a longer name stays ("Brown" after "Gordon Brown"). */
static void test_lowercase_majority(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Salt study\n"
        "Iodine levels fell in the survey. Doctors say iodine matters, "
        "that iodine in bread helps and that iodine is cheap. Experts "
        "say Iodine intake must rise. Iodine is added to salt, and iodine "
        "tablets are sold. Gordon Brown backed the plan; Brown wore a "
        "brown coat, a brown hat and brown shoes.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_no_entity(t, "Iodine");
    assert_int_equal(total_of(t, "Gordon Brown"), 2);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A name of several words that nothing types is a person's by its shape,
 * unless its first word is an everyday word and no given name: then a
 * craft, a product or an event (rules alone: the shape decides). */
static void test_everyday_first_word(void **state)
{
    (void)state;
    static const char *const text =
        "Museum visit\n"
        "Visitors saw Space Shuttle Atlantis at the museum, and Marta "
        "Lindqvist saw Orvel Danmark there.\n";
    article a;
    fake_article(&a, text);
    entity_table *t = entity_table_new();
    entity_table_set_tagger(t, NULL);
    entity_scan(t, 0, &a);
    entity_finish(t);
    assert_entity(t, "Space Shuttle Atlantis", ENT_OTHER);
    assert_entity(t, "Marta Lindqvist", ENT_PERSON);
    assert_entity(t, "Orvel Danmark", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a);
}

/* A Roman numeral in capitals alone is no name ("Parts I through
 * III", once an organisation by its shape); the names around it stay.
 * A capitalised everyday word that no cue types, that the tagger leaves
 * out and that nothing but its shape makes a name is none ("Overseas":
 * test_dropped_word), but a surname no cue typed stays a name
 * ("O'Brien": test_spans). */
static void test_shape_only_names(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Budget talks resume in Ottawa\n"
        "Ministers met in Ottawa on Tuesday to resume talks on the budget. "
        "The finance minister said the plan would fund libraries and "
        "other youth programmes next year. Justice Stevens wrote the "
        "opinion of the Court with respect to Parts I through III and "
        "VII, in which Justice Souter joined.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_no_entity(t, "III");
    assert_no_entity(t, "VII");
    assert_entity(t, "Ottawa", ENT_PLACE);
    assert_entity(t, "Stevens", ENT_PERSON);
    assert_entity(t, "Souter", ENT_PERSON);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* A word that is a sentence by itself is an interjection; a name the
 * article uses elsewhere stays one even alone. */
static void test_interjection(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Head\n"
        "Rivals said the plan would fail. Balderdash! The plan worked, "
        "said Vexley. Nonsense. Vexley. That is the name to watch.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_no_entity(t, "Balderdash");
    assert_no_entity(t, "Nonsense");
    assert_int_equal(total_of(t, "Vexley"), 2);
    entity_table_free(t);
    fake_free(&a[0]);
}

/* One decision a name over the whole article (entity_doc.c): an
 * ordinal heads a name, a word heading numbered lines is none, a name
 * found whole in one place is whole in its other exact mentions, an
 * acronym the article counts ("KOs") is none; a score after a team's
 * name at a line's start is no numbered list. */
static void test_article_consistency(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Air wing history\n"
        "The 65th Air Division was formed in 1950 at Keflavik. Pilots of "
        "the 65th Air Division flew from Iceland, and the 2nd Battle of "
        "Reykholt followed.\n"
        "Milepost 0: Brandvik Junction, the yard.\n"
        "Milepost 4: Tollerup, a siding.\n"
        "Milepost 9: Harnesk, the end of the line.\n"
        "The band released the album \"A Quiet Harbour\" in 2005. Critics "
        "said A Quiet Harbour sold well, and A Quiet Harbour went gold.\n"
        "The Maine Central Railroad bought the line. Maine Central "
        "Railroad trains ran daily; in Maine Central Railroad hands the "
        "line grew.\n"
        "Darvel Omsk won his first fight by KO in Lagos. Three more KOs "
        "followed, and the last KO came in Accra.\n",
        "Results\n"
        "Arsenal 3 Chelsea 1\n"
        "Arsenal 2 Fulham 2\n"};
    article a[2];
    entity_table *t = scan_set(a, texts, 2);
    char buf[512];
    long id = find_entity(t, "65th Air Division");
    if (id < 0)
        fail_msg("'65th Air Division' not found");
    assert_string_equal(entity_type_name(entity_type_of(t, (uint32_t)id)),
                        entity_type_name(ENT_ORG));
    mention_texts(t, &a[0], 0, id, buf, sizeof buf);
    assert_string_equal(buf, "65th Air Division|65th Air Division");
    assert_no_entity(t, "Air Division");
    assert_entity(t, "2nd Battle of Reykholt", ENT_OTHER);
    assert_no_entity(t, "Battle of Reykholt");
    assert_no_entity(t, "Milepost");
    assert_no_entity(t, "KO");
    assert_entity(t, "Lagos", ENT_PLACE);
    assert_true(find_entity(t, "Brandvik Junction") >= 0);
    id = find_entity(t, "A Quiet Harbour");
    if (id < 0)
        fail_msg("'A Quiet Harbour' not found");
    mention_texts(t, &a[0], 0, id, buf, sizeof buf);
    assert_string_equal(buf, "A Quiet Harbour|A Quiet Harbour|A Quiet Harbour");
    id = find_entity(t, "Maine Central Railroad");
    if (id < 0)
        fail_msg("'Maine Central Railroad' not found");
    mention_texts(t, &a[0], 0, id, buf, sizeof buf);
    assert_string_equal(buf, "Maine Central Railroad|Maine Central Railroad|"
                             "Maine Central Railroad");
    assert_true(total_of(t, "Arsenal") == 2);
    entity_table_free(t);
    fake_free(&a[0]);
    fake_free(&a[1]);
}

/* Names with digits: a name's number ("Apollo 11", "Channel 4") is its
 * last word, a code of capitals and digits ("6PR") a name each time it
 * is written; a year before a name, a score, a count and a unit stay
 * out. */
static void test_names_with_digits(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Moon shots and radio\n"
        "The Apollo 11 crew landed on the Moon, NASA said. The Apollo 11 "
        "flight was watched by millions, and Channel 4 showed it again.\n"
        "Listeners in Perth tuned to 6PR for the news; 6PR had the first "
        "report.\n"
        "The 1994 World Cup was held in the United States.\n"
        "Results: Arsenal 2 Chelsea 1.\n"
        "The doors open at 7 PM. Dario Menkel has won 14 KOs in 20 "
        "fights.\n"};
    article a[1];
    entity_table *t = scan_set(a, texts, 1);
    assert_true(total_of(t, "Apollo 11") == 2);
    assert_no_entity(t, "Apollo");
    assert_true(find_entity(t, "Channel 4") >= 0);
    assert_no_entity(t, "Channel");
    assert_true(total_of(t, "6PR") == 2);
    assert_entity(t, "World Cup", ENT_OTHER);
    assert_no_entity(t, "1994 World Cup");
    assert_true(find_entity(t, "Arsenal") >= 0);
    assert_true(find_entity(t, "Chelsea") >= 0);
    assert_no_entity(t, "Arsenal 2");
    assert_no_entity(t, "Chelsea 1");
    assert_no_entity(t, "PM");
    assert_no_entity(t, "KOs");
    assert_entity(t, "Dario Menkel", ENT_PERSON);
    assert_no_entity(t, "Dario Menkel 14");
    entity_table_free(t);
    fake_free(&a[0]);
}

/* Two full names joined by "&" are two people, by the rules or the
 * tagger; single words joined by it stay one name. */
static void test_two_people(void **state)
{
    (void)state;
    static const char *const text =
        "Breakfast show\n"
        "The hosts were Karl Langdon & Harvey Deegan until June, then "
        "the station hired Jenny Seaton & Gary Carvolth. Shoppers went "
        "to Marks & Spencer.\n";
    for (int rules = 0; rules < 2; rules++) {
        article a;
        fake_article(&a, text);
        entity_table *t = entity_table_new();
        if (rules)
            entity_table_set_tagger(t, NULL);
        entity_scan(t, 0, &a);
        entity_finish(t);
        assert_entity(t, "Karl Langdon", ENT_PERSON);
        assert_entity(t, "Harvey Deegan", ENT_PERSON);
        assert_entity(t, "Jenny Seaton", ENT_PERSON);
        assert_entity(t, "Gary Carvolth", ENT_PERSON);
        assert_true(find_entity(t, "Marks & Spencer") >= 0);
        entity_table_free(t);
        fake_free(&a);
    }
}

/* A caption "Person of Party": a person and the party, not one name
 * (the tagger had read such a line as one organisation). */
static void test_person_of_org(void **state)
{
    (void)state;
    static const char *const text =
        "Council election results\n"
        "\n"
        "Claudia Mo of Civic Party\n"
        "\n"
        "The Bank of England kept its rate. Maria Chen of Brightwell Labs "
        "said the results were late.\n";
    article a;
    fake_article(&a, text);
    entity_table *t = entity_table_new();
    entity_scan(t, 0, &a);
    entity_finish(t);
    assert_entity(t, "Claudia Mo", ENT_PERSON);
    assert_entity(t, "Civic Party", ENT_ORG);
    assert_entity(t, "Bank of England", ENT_ORG);
    assert_entity(t, "Maria Chen", ENT_PERSON);
    assert_true(find_entity(t, "Claudia Mo of Civic Party") < 0);
    entity_table_free(t);
    fake_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_set),
        cmocka_unit_test(test_names_with_digits),
        cmocka_unit_test(test_people_places_orgs),
        cmocka_unit_test(test_short_forms_merge),
        cmocka_unit_test(test_ambiguous_short_form),
        cmocka_unit_test(test_surname_beside_company),
        cmocka_unit_test(test_short_form_named_first),
        cmocka_unit_test(test_org_prefix_short_form),
        cmocka_unit_test(test_org_person_run_on),
        cmocka_unit_test(test_family_types),
        cmocka_unit_test(test_occasion_cues),
        cmocka_unit_test(test_compass_places),
        cmocka_unit_test(test_short_form_most_named),
        cmocka_unit_test(test_org_word_no_short_form),
        cmocka_unit_test(test_product_shapes),
        cmocka_unit_test(test_listed_place_joined),
        cmocka_unit_test(test_headline_surnames),
        cmocka_unit_test(test_quoted_works),
        cmocka_unit_test(test_pronoun_i),
        cmocka_unit_test(test_spoken_names),
        cmocka_unit_test(test_disagreements_apart),
        cmocka_unit_test(test_prefixed_names),
        cmocka_unit_test(test_wordless_first),
        cmocka_unit_test(test_two_initials),
        cmocka_unit_test(test_of_the_names),
        cmocka_unit_test(test_prefix_cut),
        cmocka_unit_test(test_surname_and_plural),
        cmocka_unit_test(test_titled_surname),
        cmocka_unit_test(test_possessive_after_prep),
        cmocka_unit_test(test_org_of_person),
        cmocka_unit_test(test_possessive_names),
        cmocka_unit_test(test_caption_labels),
        cmocka_unit_test(test_syllable_names),
        cmocka_unit_test(test_long_syllable_names),
        cmocka_unit_test(test_prefixed_name_ends),
        cmocka_unit_test(test_everyday_openers),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_title_case_headline),
        cmocka_unit_test(test_person_shapes),
        cmocka_unit_test(test_type_cues),
        cmocka_unit_test(test_newswire),
        cmocka_unit_test(test_gazetteer_add),
        cmocka_unit_test(test_table_reset),
        cmocka_unit_test(test_article_counts),
        cmocka_unit_test(test_city_teams),
        cmocka_unit_test(test_comma_numbers),
        cmocka_unit_test(test_listed_surnames),
        cmocka_unit_test(test_dropped_word),
        cmocka_unit_test(test_accents_lookup),
        cmocka_unit_test(test_quoted_titles),
        cmocka_unit_test(test_random_text),
        cmocka_unit_test(test_junk_and_labour),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_modifiers_and_subsidiaries),
        cmocka_unit_test(test_inner_words_and_works),
        cmocka_unit_test(test_party_variants),
        cmocka_unit_test(test_order_independence),
        cmocka_unit_test(test_generated_towns),
        cmocka_unit_test(test_generated_wordnet),
        cmocka_unit_test(test_wordnet_plural_yields),
        cmocka_unit_test(test_weak_type_breaks_tie),
        cmocka_unit_test(test_word_memo),
        cmocka_unit_test(test_memo_lookups),
        cmocka_unit_test(test_posts_and_labels),
        cmocka_unit_test(test_glued_modifiers),
        cmocka_unit_test(test_place_glued_to_person),
        cmocka_unit_test(test_units_after_numbers),
        cmocka_unit_test(test_trailing_function_word),
        cmocka_unit_test(test_title_before_place),
        cmocka_unit_test(test_lowercase_majority),
        cmocka_unit_test(test_everyday_first_word),
        cmocka_unit_test(test_shape_only_names),
        cmocka_unit_test(test_interjection),
        cmocka_unit_test(test_article_consistency),
        cmocka_unit_test(test_two_people),
        cmocka_unit_test(test_person_of_org),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
