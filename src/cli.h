/* cli.h: the command line, shared by the batch modes and the screen.
 *
 * This is the one part of src/ that prints: it is the batch front end
 * (the core modules it calls never print). It parses argv, loads the set
 * with messages on stderr, and runs --list, --entities, --search and
 * --dump. The interactive reader (ui/) takes the same options. */
#ifndef LEDE_CLI_H
#define LEDE_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "highlight.h"
#include "store.h"

typedef enum cli_mode {
    CLI_UI,       /* the interactive reader */
    CLI_LIST,     /* --list */
    CLI_ENTITIES, /* --entities (with --summary: one line per entity) */
    CLI_SEARCH,   /* --search QUERY */
    CLI_DUMP,     /* --dump */
    CLI_TIMELINE, /* --timeline (of --with NAME's mentions) */
    CLI_WITH,     /* --with NAME: names seen with it; twice: both */
    CLI_DUPLICATES, /* --duplicates */
    CLI_MARK,     /* --mark-read, --star, --tag NAME ...: change state */
} cli_mode;

/* --sort for --entities --summary. */
enum { CLI_NAMES_DEFAULT, CLI_NAMES_COUNT, CLI_NAMES_NAME, CLI_NAMES_FIRST };

typedef enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER }
    cli_color;

typedef struct cli_opts {
    cli_mode mode;
    bool summary;           /* --summary */
    bool json;              /* --json */
    cli_color color;        /* --color=WHEN; NO_COLOR forces never */
    int width;              /* --width N; 0: the terminal's, or 80 */
    const char *query;      /* --search QUERY */
    bool articles;          /* --articles: one line per matching article */
    const char *pattern;    /* -p PATTERN or +/PATTERN: first search */
    unsigned search_flags;  /* SEARCH_REGEX (-E), SEARCH_IGNORE_CASE (-i),
                               SEARCH_MATCH_CASE (-s) */
    bool sort_date;         /* --sort=date */
    bool hide_boiler;       /* --hide-boilerplate */
    const char **paths;     /* PATH... (argv strings, not copied) */
    size_t npaths;
    const char **highlights;      /* --highlight NAME, repeatable */
    size_t nhighlights;
    const char **highlight_files; /* --highlight-file FILE */
    size_t nhighlight_files;
    const char **gazetteers;      /* --gazetteer FILE */
    size_t ngazetteers;
    const char **with;            /* --with NAME, at most twice */
    size_t nwith;
    int name_sort;                /* CLI_NAMES_*: --sort=count|name|first */
    int group;                    /* group_by: --group=folder|source */
    bool group_given;             /* --group on the command line */
    /* state changes for scripts (CLI_MARK): +1 set, -1 clear, 0 keep */
    int mark_read, mark_star;
    const char **tag_add;         /* --tag NAME */
    size_t ntag_add;
    const char **tag_del;         /* --untag NAME */
    size_t ntag_del;
    const char *config_path;      /* --config FILE */
    bool no_config;               /* --no-config */
    bool sort_given;              /* --sort on the command line */
    lede_config *config;          /* the file read (owned; never NULL after
                                     a successful cli_parse) */
    const char *index_file; /* --index FILE */
    bool no_index;          /* --no-index */
    bool reindex;           /* --reindex */
    int jobs;               /* --jobs N; 0: one per core */
} cli_opts;

/* Parse argv into *o. Returns -1 to go on, or an exit status when done
 * (0 after --help/--version, 2 after a usage error, printed to stderr). */
int cli_parse(int argc, char **argv, cli_opts *o);
void cli_opts_fini(cli_opts *o);

/* The bundled sample set: next to the binary in a build tree, else
 * $(PREFIX)/share/lede/articles. Returns a static string. */
const char *cli_default_set(const char *argv0);

/* Load the set named by o (the sample set when there is no path), the
 * user gazetteers and the keywords; messages go to stderr as
 * "lede: PATH: message". Returns 0, or 2 when no article loaded. */
int cli_load(const cli_opts *o, const char *argv0, store **s,
             hl_keywords **kw);

/* Apply the state changes of CLI_MARK to the articles under o's paths
 * (loaded without the entity pass); returns the exit status. */
int cli_mark(const cli_opts *o);

/* Run the batch mode in o over s; returns the exit status. */
int cli_batch(const cli_opts *o, store *s, const hl_keywords *kw);

#endif
