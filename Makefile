# lede: a terminal news reader. See README.md.
#
#   make run      build and open the sample set (installs missing Debian
#                 build dependencies with apt-get when run as root)
#   make test     build and run every test
#   make check    the unit and CLI tests under ASan and UBSan
#   make bench    load-time, memory and screen-update figures
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
           $(B)/gen/data_common.o
UI_SRC = $(wildcard ui/*.c)
UI_OBJ = $(UI_SRC:%.c=$(B)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(B)/tests/%)

.PHONY: all run test check bench deps install uninstall clean lint fuzz FORCE \
        build-all build-tests

all: deps
	@$(MAKE) --no-print-directory $(B)/lede

run: all
	./$(B)/lede

test: deps
	@$(MAKE) --no-print-directory build-tests
	@LEDE=$(B)/lede B=$(B) sh tests/run.sh

check: deps
	@$(MAKE) --no-print-directory B=build-san \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer' \
	    CFLAGS='-O1 -g' build-tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	 LEDE=build-san/lede B=build-san LEDE_SLOW=10 LEDE_SUITES='unit cli' \
	 sh tests/run.sh

bench: all
	@$(MAKE) --no-print-directory build-tests
	@B=$(B) sh tests/bench/run.sh

deps:
	@PKG_CONFIG='$(PKG_CONFIG)' sh tools/deps.sh

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
$(B)/gen/config.h: FORCE
	@mkdir -p $(@D)
	@echo '#define LEDE_DATADIR "$(DATADIR)"' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(B)/src/cli.o: $(B)/gen/config.h

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

# A build tool: runs here, so no sanitizer and no user CFLAGS surprises.
$(B)/embed: tools/embed.c
	@mkdir -p $(B)/gen
	$(CC) -O1 -o $@ $<

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/articles \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/lede $(DESTDIR)$(BINDIR)/lede
	install -m 644 data/articles/* $(DESTDIR)$(DATADIR)/articles/
	install -m 644 data/entities.tsv data/boilerplate.txt \
	    $(DESTDIR)$(DATADIR)/
	install -m 644 man/lede.1 $(DESTDIR)$(MANDIR)/man1/lede.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lede $(DESTDIR)$(MANDIR)/man1/lede.1
	rm -rf $(DESTDIR)$(DATADIR)

lint:
	mandoc -Tlint -Wwarning man/lede.1

clean:
	rm -rf build build-san build-fuzz

# Coverage-guided fuzzing of the text gate and everything behind it
# (clang's libFuzzer). FUZZ_SECONDS=60 make fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang \
	    SAN='-fsanitize=fuzzer-no-link,address,undefined' CFLAGS='-O1 -g' \
	    build-fuzz/liblede.a
	clang $(WARN) -Isrc -O1 -g -fsanitize=fuzzer,address,undefined \
	    -o build-fuzz/fuzz_article tests/fuzz/fuzz_article.c \
	    build-fuzz/liblede.a $(CORE_LIBS)
	@mkdir -p build-fuzz/corpus
	cp data/articles/* tests/fixtures/* build-fuzz/corpus/ 2>/dev/null || true
	build-fuzz/fuzz_article -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 build-fuzz/corpus
