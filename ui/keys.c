/* keys.c: the key map, built from the key names in actions.h. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "private.h"

typedef struct key_bind {
    int is_key;      /* a curses KEY_ code rather than a character */
    wint_t ch;
    ui_action act;
} key_bind;

#define KEYS_MAX 128
static key_bind binds[KEYS_MAX];
static size_t nbinds;

#define UI_ACTION_KEYS(id, keys, name, help) [ACT_##id] = keys,
static const char *const act_keys[ACT_COUNT] = {UI_ACTIONS(UI_ACTION_KEYS)};
#define UI_ACTION_HELP(id, keys, name, help) [ACT_##id] = help,
static const char *const act_help[ACT_COUNT] = {UI_ACTIONS(UI_ACTION_HELP)};
#define UI_ACTION_NAME(id, keys, name, help) [ACT_##id] = name,
static const char *const act_name[ACT_COUNT] = {UI_ACTIONS(UI_ACTION_NAME)};
/* Keys the configuration bound (replacing the table's), or NULL. */
static char *bound[ACT_COUNT];

static const struct {
    const char *name;
    int is_key;
    wint_t ch;
} named[] = {
    {"Up", 1, KEY_UP},         {"Down", 1, KEY_DOWN},
    {"Left", 1, KEY_LEFT},     {"Right", 1, KEY_RIGHT},
    {"PgUp", 1, KEY_PPAGE},    {"PgDn", 1, KEY_NPAGE},
    {"Home", 1, KEY_HOME},     {"End", 1, KEY_END},
    {"BackTab", 1, KEY_BTAB},  {"F1", 1, KEY_F(1)},
    {"Backspace", 1, KEY_BACKSPACE},
    {"Enter", 0, '\r'},        {"Tab", 0, '\t'},
    {"Esc", 0, 27},            {"Space", 0, ' '},
};

static void bind(int is_key, wint_t ch, ui_action a)
{
    if (nbinds < KEYS_MAX)
        binds[nbinds++] = (key_bind){is_key, ch, a};
}

/* Bind one key name (a == ACT_NONE: only check it); false when the name
 * is not one we know. A single character may be any printable one. */
static bool bind_name(const char *name, size_t n, ui_action a)
{
    if (n == 1 && (unsigned char)name[0] > ' ' && name[0] != 0x7f) {
        if (a)
            bind(0, (unsigned char)name[0], a);
        return true;
    }
    if (n == 2 && name[0] == '^' && name[1] >= '@' && name[1] <= '_') {
        if (a)
            bind(0, (wint_t)(name[1] & 0x1f), a);
        return true;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == n && !memcmp(named[i].name, name, n)) {
            if (!a)
                return true;
            bind(named[i].is_key, named[i].ch, a);
            if (named[i].ch == '\r')
                bind(0, '\n', a);
            if (named[i].ch == '\r')
                bind(1, KEY_ENTER, a);
            return true;
        }
    /* a multibyte character typed as itself */
    if (n > 1 && (unsigned char)name[0] >= 0xc0 && n <= 4) {
        wchar_t wc;
        mbstate_t ms;
        memset(&ms, 0, sizeof ms);
        if (mbrtowc(&wc, name, n, &ms) != n)
            return false;
        if (a)
            bind(0, (wint_t)wc, a);
        return true;
    }
    return false;
}

/* Bind every name in a space-separated list; the first bad one in *bad. */
static bool bind_names(const char *k, ui_action a, const char **bad,
                       size_t *badn)
{
    while (*k) {
        size_t n = strcspn(k, " ");
        if (n && !bind_name(k, n, a)) {
            *bad = k;
            *badn = n;
            return false;
        }
        k += n;
        k += strspn(k, " ");
    }
    return true;
}

static ui_action action_named(const char *name)
{
    for (int a = 1; a < ACT_COUNT; a++)
        if (!strcmp(act_name[a], name))
            return (ui_action)a;
    return ACT_NONE;
}

void keys_check(lede_config *c)
{
    for (size_t i = 0; c && i < c->nbinds; i++) {
        const cfg_bind *b = &c->binds[i];
        const char *bad = NULL;
        size_t badn = 0;
        if (!action_named(b->action))
            config_error(c, b->line, "no action is called '%.40s' (the "
                         "names are in the help, h)", b->action);
        else if (!bind_names(b->keys, ACT_NONE, &bad, &badn))
            config_error(c, b->line, "'%.*s' is not a key name", (int)
                         (badn > 20 ? 20 : badn), bad);
    }
}

void keys_init(const lede_config *c)
{
    const char *bad;
    size_t badn;
    nbinds = 0;
    for (int a = 0; a < ACT_COUNT; a++) {
        free(bound[a]);
        bound[a] = NULL;
    }
    /* the configuration's keys first: they win over the table's */
    for (size_t i = 0; c && i < c->nbinds; i++) {
        ui_action a = action_named(c->binds[i].action);
        if (!a || !bind_names(c->binds[i].keys, ACT_NONE, &bad, &badn))
            continue;
        free(bound[a]);
        bound[a] = strdup(c->binds[i].keys);
    }
    for (int a = 1; a < ACT_COUNT; a++)
        if (bound[a])
            bind_names(bound[a], (ui_action)a, &bad, &badn);
    for (int a = 1; a < ACT_COUNT; a++)
        if (!bound[a])
            bind_names(act_keys[a], (ui_action)a, &bad, &badn);
}

void keys_fini(void)
{
    for (int a = 0; a < ACT_COUNT; a++) {
        free(bound[a]);
        bound[a] = NULL;
    }
}

ui_action keys_action(int is_key, wint_t ch)
{
    for (size_t i = 0; i < nbinds; i++)
        if (binds[i].is_key == is_key && binds[i].ch == ch)
            return binds[i].act;
    return ACT_NONE;
}

const char *keys_names(ui_action a)
{
    if (a > 0 && a < ACT_COUNT && bound[a])
        return bound[a];
    return a > 0 && a < ACT_COUNT ? act_keys[a] : "";
}

const char *keys_help(ui_action a)
{
    return a > 0 && a < ACT_COUNT ? act_help[a] : "";
}
