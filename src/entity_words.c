/* entity_words.c: the small closed word lists that drive finding and
 * typing names: common words, titles, organisation and place keywords,
 * name particles, months and days, cue verbs and prepositions. Given
 * names come from data/names.txt. Lists are English; all are folded. */
#include <string.h>

#include "data.h"
#include "entity_priv.h"
#include "util.h"

/* Capitalised only because a sentence or headline starts with them. */
static const char stop_words[] =
    "a an the this that these those there here then thus hence also and "
    "or but nor so yet if when while whilst where whereas whether which "
    "who whom whose what why how after before since until till as "
    "because although though unless once during under over above below "
    "between among amid amidst against toward towards into onto upon "
    "within without about across along around behind beyond despite "
    "except inside outside per via with from for by of on in at to up "
    "down off out through throughout i me my mine we us our ours you "
    "your he him his she her hers it its they them their theirs one two "
    "three four five six seven eight nine ten eleven twelve twenty "
    "hundred thousand million billion last next other others another "
    "some any all each every both either neither many much more most few "
    "fewer several such no not only just even still already again "
    "however meanwhile moreover furthermore nevertheless nonetheless "
    "instead otherwise therefore indeed certainly perhaps maybe earlier "
    "later today tomorrow yesterday tonight now recently currently "
    "finally initially previously eventually ultimately overall together "
    "speaking according asked yes oh well okay ok please thank thanks "
    "let do does did done is are was were be been being has have had "
    "having will would can could should might must shall get gets got go "
    "goes went make makes made take takes took read say says sees see "
    "wins win won beat beats loses lose lost hit hits set sets rise "
    "rises fall falls vs v separately elsewhere almost nearly nobody "
    "nothing everyone everybody everything someone somebody something "
    "anyone anything following including like unlike given told added "
    "describing referring responding commenting turning looking noting "
    "citing afterwards subsequently consequently accordingly similarly "
    "likewise additionally besides too very quite rather really actually "
    "basically generally usually often sometimes always never ever twice "
    "further hopefully unfortunately fortunately clearly obviously "
    "apparently reportedly allegedly officially regardless whatever "
    "whoever wherever whenever thereby whereby hereby wednesday dear sir "
    "madam ladies gentlemen welcome hello goodbye ";

/* Content words that start sentences and headlines: no name alone,
 * but they may begin one ("National Bank", "State Department"). */
static const char common_words[] =
    "first second third fourth fifth new old top back full half part "
    "total final results result standings scores score summary note "
    "notes source sources talks separate plan plans deal deals report "
    "reports update updates breaking news live watch video photo photos "
    "share advertisement advertisements related comment comments opinion "
    "analysis editorial exclusive factbox highlights preview review "
    "interview timeline people officials police government analysts "
    "experts witnesses residents troops rebels shares prices stocks "
    "traders dealers investors attack attacks war meeting meetings "
    "crisis election elections vote votes court trial case army forces "
    "peace state states city cities country countries world nation "
    "nations group groups team teams club clubs party parties company "
    "companies market markets bank banks governments minister ministers "
    "president presidents leader leaders chief chiefs officer officers "
    "man men woman women child children boy boys girl girls family year "
    "years month months week weeks day days time times game games match "
    "matches season seasons round rounds race races cup title titles "
    "points point goal goals draw draws record records north south east "
    "west northern southern eastern western central national "
    "international local regional federal public private former current "
    "acting senior junior deputy vice chairman ";

/* Before a name: a person follows ("President Assad", "envoy X"). */
static const char title_words[] =
    "mr mrs ms miss mister madame monsieur dr doctor prof professor sir "
    "dame lord lady president vice prime minister secretary chancellor "
    "premier governor senator sen rep representative congressman "
    "congresswoman mayor ambassador envoy spokesman spokeswoman "
    "spokesperson chairman chairwoman chairperson director judge justice "
    "shadow "
    "general gen col colonel lt lieutenant sgt sergeant capt captain "
    "major maj commander cmdr admiral adm marshal king queen prince "
    "princess emperor empress pope cardinal bishop archbishop rabbi imam "
    "sheikh sheik ayatollah reverend rev father coach manager striker "
    "midfielder defender goalkeeper deputy acting foreign defence defense "
    "finance interior special former chief leader secretary-general "
    "vice-president attorney commissioner superintendent inspector "
    "detective officer agent pastor cleric dictator chairman ceo "
    "president-elect sultan emir king-elect economy trade health "
    "energy education labour labor transport justice agriculture "
    "counterpart colleague minister-president premier-elect opposition "
    "candidate nominee challenger champion rider driver pitcher batsman "
    "bowler captain skipper forward winger playmaker veteran rookie "
    "actor actress singer writer author novelist poet artist composer "
    "director producer journalist reporter correspondent columnist "
    "editor analyst economist lawyer attorney barrister solicitor "
    "businessman businesswoman tycoon billionaire millionaire investor "
    "banker founder cofounder co-founder owner chairman president "
    "major-general lieutenant-general brigadier brigadier-general "
    "lieutenant-colonel broker trader dealer ex-president ex-minister "
    "executive speaker majority minority whip referee umpire "
    /* acronyms of a post: "CEO Tom Glocer", "Gerald Butler QC" */
    "mp mps mep meps msp msps qc qcs ceo cfo coo cto";

/* Last word of an organisation name. */
static const char org_words[] =
    "ministry department council committee commission foundation "
    "institute institution agency authority bureau office board party "
    "bank corporation corp inc ltd llc plc co company companies group "
    "holdings industries airlines airline airways motors university "
    "college school academy association federation union league club "
    "fc cf afc sc ac bc rovers wanderers athletic athletico albion "
    "hotspur army navy police force forces guard guards court parliament "
    "assembly congress senate government administration organisation "
    "organization society church times post journal herald tribune "
    "telegraph guardian press network channel tv radio television "
    "exchange fund trust service services systems technologies "
    "communications petroleum brigade brigades front movement alliance "
    "coalition cabinet secretariat reserve command corps committee "
    "federation confederation consortium cooperative partnership "
    "enterprises international limited incorporated gmbh ag sa spa nv "
    "bv ab oyj asa kk pte pty bhd tbk group bancorp bancshares "
    "securities capital partners ventures investments insurance "
    "assurance financial pharmaceuticals pharma laboratories labs "
    "electronics electric chemicals steel mining resources energy oil "
    "gas foods brewery breweries stores mart markets media studios "
    "pictures records publishing publications newspapers magazine "
    "daily weekly gazette chronicle observer monitor review courier "
    "center centre centers centres "
    "mail express standard independent agency tass xinhua interfax "
    "ministries councils unions leagues parties banks universities "
    "hospital clinic museum library orchestra ballet opera theatre "
    "theater band choir commandos militia regiment battalion division "
    "fleet squadron police taliban mujahideen bros";

/* First word of an organisation that takes "of": "Bank of England". */
static const char org_of_words[] =
    "bank university ministry department council house institute "
    "college church museum board chamber court commission federation "
    "league association academy school society union office bureau "
    "agency party organisation organization committee parliament "
    "assembly congress senate cabinet federation confederation "
    "corporation company fund conference order chambers chamber "
    "coalition alliance councils commissioners campaign centre center "
    "institution foundation trust network movement front department "
    "departments ministries federations associations societies union "
    "unions school schools faculty battle siege treaty hall";

/* Last word of a place name. */
static const char place_words[] =
    "river mountains mountain mount lake lakes sea ocean gulf bay island "
    "islands isles peninsula valley desert province region county "
    "district city town village street avenue road square park airport "
    "bridge canal strait straits coast heights hills hill plain plains "
    "plateau forest falls harbour harbor port beach cape highlands "
    "lowlands delta basin territory territories oblast krai prefecture "
    "governorate emirate republic kingdom principality sultanate "
    "canton municipality borough parish oasis glacier volcano reef "
    "archipelago channel sound";

/* First word of a place: "Mount Everest", "Lake Geneva". */
static const char place_pre_words[] =
    "mount mt lake cape port fort point saint st san santa sao las los "
    "el la le new north south east west upper lower greater old great "
    "northern southern eastern western";

/* Never a name by themselves, whatever their case or place: contractions,
 * everyday acronyms and their plurals, title words that only qualify the
 * next word ("Shadow Chancellor", "Trade and Industry Secretary"),
 * seasons and adjectives. A gazetteer name outranks this list. */
static const char noname_words[] =
    "i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll "
    "they're they've they'd they'll he'd he'll she'd she'll it'll that's "
    "there's here's what's who's let's don't doesn't didn't can't "
    "couldn't won't wouldn't shouldn't isn't aren't wasn't weren't "
    "haven't hasn't hadn't mustn't ain't "
    "tv tvs mp mps msp msps mep meps pc pcs dvd dvds cd cds cd-rom "
    "ceo ceos cfo coo cto md gdp gnp vat ngo ngos ipo ipos sms pda pdas "
    "gps dna atm atms suv suvs lcd hd hdtv vip vips ufo ufos diy dj djs "
    "mba phd pr hr qc qcs gp gps mph kph ok "
    /* the labels of a sports report: "Scorers:", "Subs used:" */
    "scorers scorer subs substitutes referee attendance yellow "
    "summaries commentary "
    "shadow industry spring summer autumn winter parliamentary "
    "presidential ministerial governmental constitutional electoral "
    "legislative judicial political economic financial";

/* A title of a film, book or song is near: "the film Alexander",
 * "Alexander, the film". */
static const char work_words[] =
    "film films movie movies album albums song songs single singles "
    "novel novels book books play musical opera documentary sitcom "
    "series show blockbuster biopic sequel thriller comedy game";

/* Before a company's name: "oil firm Yukos", "shares in Yukos". */
static const char org_prev_words[] =
    "firm firms company companies giant maker makers carrier retailer "
    "insurer lender rival conglomerate operator manufacturer supplier "
    "broadcaster publisher shares stake stakes";

/* Lowercase inside a name: "Staffan de Mistura", "bin Mohammad". */
static const char particle_words[] =
    "de del della dei der den di da das dos du la le van von bin ibn "
    "bint al el ter ten zu";

static const char month_words[] =
    "january february march april june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday mon tue "
    "tues wed thu thur thurs fri sat sun";

/* After a name: a person usually did this. */
static const char says_words[] =
    "said says told added stated declared announced explained warned "
    "noted wrote asked replied insisted argued admitted acknowledged "
    "denied claimed urged recalled complained conceded confirmed "
    "believes thinks thought hopes hoped wants wanted tells adds";

/* Last word of an event, a competition or a war: "World Cup". */
static const char event_words[] =
    "cup open championship championships games olympics olympiad series "
    "war wars day award awards prize trophy tournament classic prix "
    "marathon rally festival masters invitational grand-prix derby "
    "crisis revolution summit conference treaty accord accords agreement "
    "plan act bill doctrine";

/* The word after a name that tells its type. */
static const char per_next_words[] =
    "wife husband son sons daughter daughters father mother brother "
    "sister widow family lawyer lawyers attorney attorneys career death "
    "funeral biography memoirs girlfriend boyfriend nephew niece uncle "
    "aunt grandson granddaughter bodyguard bodyguards aide aides";
static const char org_next_words[] =
    "shares stock stocks stake shareholders stockholders subsidiary "
    "subsidiaries unit units spokesman spokeswoman spokesperson chairman "
    "chairwoman executives employees workers board management profit "
    "profits earnings revenue revenues turnover fans squad coach manager "
    "players headquarters";
static const char place_next_words[] =
    "capital economy population citizens residents coast coastline "
    "border borders territory countryside province provinces region "
    "regions inhabitants";

static const char prep_in_words[] = "in near across throughout inside";
static const char prep_at_words[] = "at from to into toward towards outside via";
static const char place_of_words[] =
    "suburb suburbs town city village province region capital district "
    "state county outskirts centre center streets north south east west "
    "part parts area areas port island coast border borders";

/* Abbreviations whose full stop does not end a sentence. */
static const char abbr_words[] =
    "mr mrs ms dr prof sen rep gen col lt sgt capt maj cmdr adm gov "
    "st mt ft jr sr rev no vs inc corp co ltd jan feb mar apr jun jul aug "
    "sep sept oct nov dec";

/* After a demonym, a common noun that does not make a name:
 * "Syrian Government", "Russian Army". */
static const char generic_words[] =
    "government army forces troops police navy officials authorities "
    "president minister leader people state";

static void add_word(entity_table *t, const char *p, size_t n, uint32_t flag)
{
    uint32_t h = ent_hash(p, n);
    long id = ent_map_get(&t->words, &t->strs, p, n, h);
    if (id < 0) {
        LEDE_GROW(t->wflags, t->wfcap, t->nwflags + 1);
        id = (long)t->nwflags;
        t->wflags[t->nwflags++] = 0;
        ent_map_put(&t->words, &t->strs, p, n, h, (uint32_t)id);
    }
    t->wflags[id] |= flag;
    t->words_ver++; /* ent_word_flags' memo is stale */
}

void ent_words_add(entity_table *t, const char *w, size_t n, uint32_t flag)
{
    add_word(t, w, n, flag);
}

/* Mark the first word of a folded gazetteer key, so only runs starting
 * with such a word are looked up ("st." is also read as "st"). */
void ent_words_gaz_first(entity_table *t, const char *key, size_t n)
{
    const char *sp = memchr(key, ' ', n);
    size_t k = sp ? (size_t)(sp - key) : n;
    char buf[64];
    if (k == 0 || k >= sizeof buf)
        return;
    memcpy(buf, key, k);
    add_word(t, buf, k, W_GAZ1);
    while (k > 1 && buf[k - 1] == '.')
        k--;
    add_word(t, buf, k, W_GAZ1);
}

static void add_list(entity_table *t, const char *list, uint32_t flag)
{
    const char *p = list;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p)
            add_word(t, p, (size_t)(e - p), flag);
        p = e;
    }
}

static void add_names(entity_table *t, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le > p && *p != '#') {
            size_t n = ent_key(t, p, (size_t)(le - p));
            char tmp[64];
            if (n && n < sizeof tmp) {
                memcpy(tmp, t->kbuf, n);
                tmp[n] = '\0';
                add_list(t, tmp, W_FIRST);
            }
        }
        p = le + 1;
    }
}

/* Lines of space-separated lowercase words, '#' comments. */
static void add_text(entity_table *t, const char *s, size_t len,
                     uint32_t flag)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *q = p;
        while (q < le && *p != '#') {
            while (q < le && *q == ' ')
                q++;
            const char *e = q;
            while (e < le && *e != ' ')
                e++;
            if (e > q)
                add_word(t, q, (size_t)(e - q), flag);
            q = e;
        }
        p = le + 1;
    }
}

/* Words of sports reports: three in an article make it one. */
static const char sport_words[] =
    "match matches wicket wickets innings batsman batsmen bowler bowlers "
    "all-rounder striker strikers midfielder goalkeeper defender "
    "half-time penalty penalties unbeaten semi-final quarter-final "
    "seeded birdie bogey laps championship league goals scorer squad "
    "fixture fixtures relegation tournament overs beat";

static void sport_load(entity_table *t)
{
    const char *p = sport_words;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p) {
            uint32_t h = ent_hash(p, (size_t)(e - p));
            h = h ? h : 1;
            size_t j = h & 255;
            while (t->sport_h[j])
                j = (j + 1) & 255;
            t->sport_h[j] = h;
        }
        p = e;
    }
}

bool ent_sport_word(const entity_table *t, uint32_t h)
{
    h = h ? h : 1;
    for (size_t j = h & 255; t->sport_h[j]; j = (j + 1) & 255) {
        if (t->sport_h[j] == h)
            return true;
    }
    return false;
}

void ent_words_load(entity_table *t)
{
    sport_load(t);
    add_list(t, stop_words, W_STOP);
    add_list(t, common_words, W_COMMON);
    add_list(t, title_words, W_TITLE);
    add_list(t, org_words, W_ORGKW);
    add_list(t, org_of_words, W_ORGOF);
    add_list(t, place_words, W_PLACEKW);
    add_list(t, place_pre_words, W_PLACEPRE);
    add_list(t, particle_words, W_PARTICLE);
    add_list(t, month_words, W_MONTH);
    add_list(t, says_words, W_SAYS);
    add_list(t, prep_in_words, W_PREP_IN);
    add_list(t, prep_at_words, W_PREP_AT);
    add_list(t, place_of_words, W_PLACEOF);
    add_list(t, abbr_words, W_ABBR);
    add_list(t, "of", W_OF);
    add_list(t, "for", W_FOR);
    add_list(t, noname_words, W_NONAME);
    add_list(t, work_words, W_WORKNEXT);
    add_list(t, org_prev_words, W_ORGPREV);
    add_list(t, "the", W_ARTICLE);
    add_list(t, generic_words, W_GENERIC);
    add_list(t, "may", W_MAY);
    add_list(t, per_next_words, W_PERNEXT);
    add_list(t, org_next_words, W_ORGNEXT);
    add_list(t, place_next_words, W_PLACENEXT);
    add_list(t, event_words, W_EVENT);
    add_list(t, "hurricane typhoon cyclone storm tropical operation "
                "battle siege treaty",
             W_EVENTPRE);
    add_list(t, "a an the and or but nor for of to in on at by with from as "
                "vs via up off per into onto upon over",
             W_MINOR);
    add_names(t, lede_data_names, lede_data_names_len);
    add_text(t, lede_data_common, lede_data_common_len, W_LEX);
}

/* W_* flags of a word (any case); *hash gets the folded word's hash. */
/* Word flags by the word as written: an article's words were nearly all
 * seen in the articles before it, and the memo spares both the folding
 * and the probe of the word lists (a slot, then its key: two cache
 * misses). Direct-mapped; words longer than WMEMO_LEN bytes skip it. */
enum { WMEMO = 4096, WMEMO_LEN = 16 };
typedef struct ent_wmemo {
    uint64_t c0, c1; /* the word's bytes, see wmemo_pack */
    uint32_t hash;   /* of the folded word */
    uint32_t wf;
    uint32_t len;    /* 0: empty */
} ent_wmemo;

static uint64_t load64(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

static uint32_t load32(const char *s)
{
    uint32_t x;
    memcpy(&x, s, 4);
    return x;
}

/* s[0..len), 0 < len <= 16, as two words that, with len, determine it:
 * overlapping loads, no byte loop and no read past the word. */
static void wmemo_pack(const char *s, size_t len, uint64_t *c0,
                       uint64_t *c1)
{
    if (len >= 8) {
        *c0 = load64(s);
        *c1 = load64(s + len - 8);
    } else if (len >= 4) {
        *c0 = (uint64_t)load32(s) << 32 | load32(s + len - 4);
        *c1 = 0;
    } else {
        *c0 = (uint64_t)(unsigned char)s[0] << 16 |
              (uint64_t)(unsigned char)s[len / 2] << 8 |
              (unsigned char)s[len - 1];
        *c1 = 0;
    }
}

/* The flags and folded hash of s[0..len), from the word lists. */
static uint32_t word_flags_raw(entity_table *t, const char *s, size_t len,
                               uint32_t *hash)
{
    /* Most words are short ASCII: fold and hash them in one pass. */
    char buf[32];
    if (len <= sizeof buf) {
        uint32_t h = 2166136261u;
        size_t i = 0;
        for (; i < len && (unsigned char)s[i] < 0x80; i++) {
            char c = s[i];
            buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            h = (h ^ (unsigned char)buf[i]) * 16777619u;
        }
        if (i == len) {
            *hash = h;
            long id = ent_map_get(&t->words, &t->strs, buf, len, h);
            return id < 0 ? 0 : t->wflags[id];
        }
    }
    uint32_t h;
    size_t n = ent_key_hash(t, s, len, &h);
    *hash = h;
    long id = ent_map_get(&t->words, &t->strs, t->kbuf, n, h);
    return id < 0 ? 0 : t->wflags[id];
}

uint32_t ent_word_flags(entity_table *t, const char *s, size_t len,
                        uint32_t *hash)
{
    if (!len || len > WMEMO_LEN)
        return word_flags_raw(t, s, len, hash);
    if (!t->wmemo || t->wmemo_ver != t->words_ver) {
        if (!t->wmemo)
            t->wmemo = lede_malloc(WMEMO * sizeof *t->wmemo);
        memset(t->wmemo, 0, WMEMO * sizeof *t->wmemo);
        t->wmemo_ver = t->words_ver;
    }
    uint64_t c0, c1;
    wmemo_pack(s, len, &c0, &c1);
    uint64_t h = (c0 ^ (c1 + len) * 0x9e3779b97f4a7c15ull) *
                 0xff51afd7ed558ccdull;
    ent_wmemo *e = &t->wmemo[(h >> 40) & (WMEMO - 1)];
    if (e->len == len && e->c0 == c0 && e->c1 == c1) {
        *hash = e->hash;
        return e->wf;
    }
    e->wf = word_flags_raw(t, s, len, &e->hash);
    e->len = (uint32_t)len;
    e->c0 = c0;
    e->c1 = c1;
    *hash = e->hash;
    return e->wf;
}
