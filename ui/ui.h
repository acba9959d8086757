/* ui.h: the interactive reader (ncurses). The only code that includes
 * curses.h lives in ui/. */
#ifndef LEDE_UI_H
#define LEDE_UI_H

#include "cli.h"
#include "highlight.h"
#include "store.h"

/* Run the reader on a loaded set until the user quits; returns the exit
 * status. The terminal is restored on every way out. */
int ui_run(store *s, const hl_keywords *kw, const cli_opts *o);

#endif
