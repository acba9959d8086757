/* config.h: the user's configuration file, read into a plain struct.
 *
 * $XDG_CONFIG_HOME/lede/config (default ~/.config/lede/config): one
 * setting a line, '#' starts a comment line, words separated by blanks,
 * "double quotes" around a word with blanks. The module only reads: the
 * front end applies colours and keys, and checks the names it alone
 * knows (colour classes, actions, key names), adding its errors here
 * with config_error. A bad line is recorded as "config:LINE: message"
 * and skipped: the defaults stay for what it would have set. Never
 * prints. The format is documented in man/lede.1 (CONFIGURATION).
 *
 *   color NAME [FG] [on BG] [ATTR...]   a class or role; FG and BG are
 *                        0-255, a colour name, default, or N/NAME (the
 *                        256-colour then the 8-colour form); ATTR: bold,
 *                        underline, reverse, italic, dim, blink, normal
 *   bind ACTION KEY...   the keys of an action (replaces its defaults)
 *   highlight NAME       a name to mark wherever it appears;
 *   highlight "NAME" SPEC   the same in a look of its own (SPEC as color)
 *   highlight /REGEX/ [SPEC]  what a regular expression matches
 *   watch NAME           a watched name: highlighted, marked in the list
 *   sort path|date       the default order of the list
 *   boilerplate LINE     one more scraper line to recognise
 *   gazetteer FILE       one more gazetteer (name<TAB>type<TAB>aliases)
 *   index FILE           where the index of a set is kept */
#ifndef LEDE_CONFIG_H
#define LEDE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

enum {
    CFG_BOLD = 1,
    CFG_UNDERLINE = 2,
    CFG_REVERSE = 4,
    CFG_ITALIC = 8,
    CFG_DIM = 16,
    CFG_BLINK = 32,
};

/* Colour values: 0-255, CFG_DEFAULT for the terminal's own colour,
 * CFG_UNSET to keep lede's choice. */
#define CFG_DEFAULT (-1)
#define CFG_UNSET (-2)

typedef struct cfg_style {
    short fg256, bg256; /* for terminals with 256 colours */
    short fg8, bg8;     /* for terminals with 8 */
    unsigned attrs;     /* CFG_* bits */
    bool has_attrs;     /* attrs replace lede's (also when 0: "normal") */
} cfg_style;

typedef struct cfg_color {
    int line;
    char *name;        /* class or role name, as written */
    cfg_style style;
} cfg_color;

typedef struct cfg_bind {
    int line;
    char *action;      /* action name, as written */
    char *keys;        /* key names, space-separated, as in ui/actions.h */
} cfg_bind;

typedef struct cfg_rule {
    int line;
    char *name;        /* a name, or the pattern of a regex rule */
    bool regex;        /* written /PATTERN/: a regular expression */
    bool has_style;
    cfg_style style;
} cfg_rule;

typedef struct cfg_error {
    int line;          /* 0: the file as a whole */
    char *msg;         /* "config:LINE: message" */
} cfg_error;

typedef enum cfg_sort { CFG_SORT_UNSET, CFG_SORT_PATH, CFG_SORT_DATE } cfg_sort;

typedef struct lede_config {
    char *path;                 /* the file read, or NULL */
    cfg_color *colors;
    size_t ncolors;
    cfg_bind *binds;
    size_t nbinds;
    cfg_rule *rules;            /* highlight NAME */
    size_t nrules;
    char **watch;               /* watch NAME */
    size_t nwatch;
    cfg_sort sort;
    char *boiler;               /* boilerplate lines, '\n'-separated */
    size_t boiler_len;
    char **gazetteers;          /* paths, ~ expanded */
    size_t ngazetteers;
    char *index_path;           /* index FILE (~ expanded), or NULL */
    cfg_error *errors;
    size_t nerrors;
} lede_config;

/* An empty configuration: every default. */
lede_config *config_new(void);
void config_free(lede_config *c);

/* The default path: $XDG_CONFIG_HOME/lede/config, else
 * $HOME/.config/lede/config. Returns 0, or -1 when neither is set. */
int config_default_path(char *buf, size_t n);

/* Read the lines of text[0..len) into c (later lines win). Returns the
 * number of errors added. */
size_t config_parse(lede_config *c, const char *text, size_t len);

/* Read the file at path. A missing file is no error unless `required`
 * (--config FILE); an unreadable one is (line 0). Returns the number of
 * errors added. */
size_t config_load(lede_config *c, const char *path, bool required);

/* Record an error for line `line` (the front end's checks). */
void config_error(lede_config *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parse a colour spec (the words after the name in a color line) into
 * *st; false with a message in err when a word is not understood. */
bool config_style(const char *const *words, size_t n, cfg_style *st,
                  char *err, size_t errn);

#endif
