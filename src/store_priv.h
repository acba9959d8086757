/* store_priv.h: the inside of the store, shared by store.c (the set,
 * reading files, the index) and store_load.c (loading on threads). */
#ifndef LEDE_STORE_PRIV_H
#define LEDE_STORE_PRIV_H

#include <stdbool.h>
#include <sys/stat.h>

#include <pthread.h>

#include "store.h"
#include "story.h"
#include "text.h"
#include "util.h"

/* A read buffer and a cleaning scratch, reused from file to file: one
 * per thread that reads. */
typedef struct store_reader {
    char *buf;
    size_t bufcap;
    text_buf scratch;
} store_reader;

typedef struct store_loader store_loader;
typedef struct names_job names_job;

/* An indexed article as the list needs it, in s->sums (store.c): its
 * headline and metadata blocks, path and label in one record. */
typedef struct store_sum store_sum;

/* Article i: whole (held in memory: no index, or not indexed) or only
 * its summary (s->summ[i]). */
typedef union store_art {
    article *whole;       /* malloc'd, owned */
    const store_sum *sum; /* in s->sums */
} store_art;

struct store {
    store_msg_fn msg;
    void *ctx;
    store_art *arts;
    size_t n, cap;
    lede_arena sums;      /* the summaries */
    struct {              /* store_summary's answers, the last ones */
        size_t idx;
        article a;
        article_block blocks[5];
        uint32_t line0;
    } sring[STORE_SUM_RING];
    size_t nsring, snext;
    size_t scanned;      /* articles [0, scanned) went through entity_scan */
    bool finished;       /* entity_finish ran after the last scan */
    entity_table *ents;  /* created on first need */
    pthread_t ents_th;   /* store_warm_names: making ents' first table */
    bool ents_pending;   /* ents_th runs: store_table joins it */
    store_reader rd;     /* for loading on this thread */
    store_progress_fn progress;
    void *pctx;
    /* with an index (see store_use_index) */
    lede_index *ix;
    int64_t *rowid;      /* per article */
    uint32_t *nent;      /* per article: distinct entities, when counted */
    int64_t *date;       /* per article: date_key (a dense copy, for
                            after: and before: over a big set) */
    bool *summ;          /* per article: arts[i] is only its summary */
    size_t metacap;
    bool counts_ok;      /* nent[] holds the set's current counts */
    bool changed;        /* a file was added, changed or removed */
    char *gaz;           /* the user's gazetteer lines, for the tables
                            made on other threads */
    size_t gazlen, gazcap;
    struct { size_t idx; article a; } cache[STORE_CACHE_N];
    size_t ncache, cnext;
    int64_t *byrow;      /* (rowid, index) pairs sorted, for find_rowid */
    size_t nbyrow;
    uint32_t *rowmap;    /* or index + 1 by rowid, when the row ids are
                            dense (0: none); nrowmap entries */
    size_t nrowmap;
    store_loader *ld;    /* a load running on other threads, or NULL */
    int jobs;            /* worker threads for it (0: one per core) */
    names_job *names;    /* the set's names being made on a thread */
    entity_table *merged; /* the raw scans of articles [0, nmerged),
                             added while they loaded: the next names job
                             starts from it (store_names_merged) */
    size_t nmerged;
    bool merged_done;     /* entity_finish ran on it */
    unsigned names_version; /* bumped when a new entity table is in */
    /* story fingerprints (store_print, store_body) */
    uint64_t *body;      /* per article: the body hash, when PF_BODY */
    uint8_t *pflag;      /* per article: PF_* */
    story_print *prints; /* per article in memory whole: made when first
                            asked for (PF_MADE), kept */
    size_t nprints, pcap;
    struct { size_t idx; story_print p; } pring[STORE_PRINT_CACHE];
    size_t npring, pnext; /* indexed articles' prints, read from the
                             index: the last ones asked for */
};

enum { PF_BODY = 1, PF_MADE = 2 };


enum { STORE_MSG_MAX = 200 };

/* Read and parse one file into *a; false with a message (a short phrase
 * for msg) when it is not an article. *st is the file's stat. */
bool store_read_file(store_reader *r, const char *path, article *a,
                     char *msg, size_t mn, struct stat *st);
void store_reader_fini(store_reader *r);

/* Append article *a (moved in: the store owns it now). rowid < 0 and
 * !summary: not in an index. body: its body hash (story_print.body), or
 * NULL when not known yet. */
void store_push(store *s, article *a, int64_t rowid, bool summary,
                uint32_t nent, const uint64_t *body);

/* A message about path, its name cleaned for display. */
void store_say(store *s, const char *path, const char *msg);

/* The set's entity table (created on first use) and the private one raw
 * scans use on this thread (with the same gazetteers). */
entity_table *store_table(store *s);
entity_table *store_scan_table(const store *s);

/* Hand the names job a table that holds the raw scans of articles
 * [0, n) already (moved in); finished: entity_finish ran on it since. */
void store_names_merged(store *s, entity_table *t, size_t n, bool finished);

/* store_load.c */
void store_load_start(store *s, const char *const *paths, size_t n);
void store_load_free(store *s);
void store_load_apply_raw(store *s);

#endif
