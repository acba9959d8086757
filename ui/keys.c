/* keys.c: the key map, built from the key names in actions.h. */
#include <string.h>

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

static void bind_name(const char *name, size_t n, ui_action a)
{
    if (n == 1) {
        bind(0, (unsigned char)name[0], a);
        return;
    }
    if (n == 2 && name[0] == '^') {
        bind(0, (wint_t)(name[1] & 0x1f), a);
        return;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == n && !memcmp(named[i].name, name, n)) {
            bind(named[i].is_key, named[i].ch, a);
            if (named[i].ch == '\r')
                bind(0, '\n', a);
            if (named[i].ch == '\r')
                bind(1, KEY_ENTER, a);
        }
}

void keys_init(void)
{
    nbinds = 0;
    for (int a = 1; a < ACT_COUNT; a++) {
        const char *k = act_keys[a];
        while (*k) {
            size_t n = strcspn(k, " ");
            if (n)
                bind_name(k, n, (ui_action)a);
            k += n;
            k += strspn(k, " ");
        }
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
    return a > 0 && a < ACT_COUNT ? act_keys[a] : "";
}

const char *keys_help(ui_action a)
{
    return a > 0 && a < ACT_COUNT ? act_help[a] : "";
}
