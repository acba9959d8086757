/* walk.h: the one walk over a PATH argument, shared by every loader.
 *
 * The rules live here, so that loading with or without the index gives
 * the same files and the same messages in the same order:
 *   - a path named by the user that is not a folder is a file to read,
 *     whatever it is (the user asked for it);
 *   - inside a folder: hidden entries (a leading dot) are passed over;
 *     entries are taken in byte order of their names; folders recurse;
 *     regular files are files to read, through symlinks too; anything
 *     else (fifos, sockets, devices) is passed over silently, since
 *     opening it could block or never end;
 *   - a symlink to a folder is followed only when the folder lies inside
 *     the named tree; one leading out is not followed, with one message;
 *   - a symlink to a folder the walk is already in (device and inode of
 *     every folder on the path) is a loop, reported at the symlink before
 *     descending;
 *   - each folder is read once, however many names lead to it;
 *   - a broken symlink is named, and so is anything that cannot be read.
 * The walk never prints: messages go to a callback, paths raw (the
 * caller cleans them for display). Standard input ("-") is the caller's. */
#ifndef LEDE_WALK_H
#define LEDE_WALK_H

#include <stdbool.h>
#include <sys/stat.h>

typedef struct walk_ops {
    /* A file to read; st is its stat (through symlinks). */
    void (*file)(void *ctx, const char *path, const struct stat *st);
    /* One message about path: a short lowercase phrase. */
    void (*msg)(void *ctx, const char *path, const char *msg);
    /* Optional (NULL: never): true to give up the walk early. */
    bool (*stop)(void *ctx);
} walk_ops;

/* What a PATH argument turned out to be. */
typedef enum walk_kind {
    WALK_MISSING, /* could not be opened: one message said so */
    WALK_FILE,    /* not a folder: given to ops->file */
    WALK_DIR      /* a folder: walked */
} walk_kind;

/* Walk one PATH argument, calling ops in the order of the walk. */
walk_kind walk_path(const char *path, const walk_ops *ops, void *ctx);

#endif
