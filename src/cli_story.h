/* cli_story.h: the batch forms of following a story (cli_story.c),
 * called by cli_batch. Each prints to stdout and returns the exit status
 * (1 when there is nothing to show, as grep does). */
#ifndef LEDE_CLI_STORY_H
#define LEDE_CLI_STORY_H

#include "cli.h"

int cli_story_timeline(const cli_opts *o, const store *s);
int cli_story_with(const cli_opts *o, const store *s);
int cli_story_duplicates(const cli_opts *o, const store *s);
int cli_story_summary(const cli_opts *o, const store *s);

#endif
