/* lede: entry point. Batch modes go to cli.c, the screen to ui.c. */
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "ui.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    cli_opts o;
    int rc = cli_parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    if (o.mode == CLI_MARK) {
        rc = cli_mark(&o);
        cli_opts_fini(&o);
        return rc;
    }
    store *s = NULL;
    hl_keywords *kw = NULL;
    rc = cli_load(&o, argv[0], &s, &kw);
    if (rc == 0) {
        /* Like less: with no terminal to draw on, print the articles. */
        if (o.mode == CLI_UI && !isatty(STDOUT_FILENO))
            o.mode = CLI_DUMP;
        rc = o.mode == CLI_UI ? ui_run(s, kw, &o) : cli_batch(&o, s, kw);
    }
    hl_keywords_free(kw);
    store_free(s);
    cli_opts_fini(&o);
    return rc;
}
