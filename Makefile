# folio: one hand-written Makefile.
#   make        install missing Debian packages, build build/folio, render dist/
#   make test   every test, normal build and ASan+UBSan build; last line "N passed, N failed"
#   make bench  speed against peers (separate, not part of test)
#   make fuzz   libFuzzer targets (separate, not part of test)

SHELL := /bin/bash
.SUFFIXES:

# ---- Debian packages: what folio needs, and why --------------------------------
# Each entry is package:reason. `make` installs whichever are missing.
DEBS := \
  build-essential:compiler \
  pkg-config:finding-libraries \
  libcairo2-dev:PDF-drawing \
  libpango1.0-dev:text-shaping-and-layout \
  libharfbuzz-dev:font-subsetting-for-EPUB \
  libglib2.0-dev:containers-strings-Unicode \
  libfontconfig-dev:pinning-fonts-to-fonts/ \
  libcmark-gfm-dev:Markdown \
  libcmark-gfm-extensions-dev:Markdown-tables-footnotes \
  libyaml-dev:front-matter-and-styles \
  libxml2-dev:XHTML-OPF-and-CSL \
  libjson-glib-dev:CSL-JSON \
  libzip-dev:EPUB-container \
  libhyphen-dev:hyphenation \
  hyphen-en-us:English-hyphenation \
  hyphen-es:Spanish-hyphenation \
  hyphen-fr:French-hyphenation \
  librsvg2-dev:SVG-images \
  libgdk-pixbuf-2.0-dev:GIF-and-WebP-images \
  webp-pixbuf-loader:WebP-images \
  citation-style-language-styles:CSL-styles \
  citation-style-language-locales:CSL-locales \
  fonts-noto-core:Noto-Serif-and-Noto-Sans \
  fonts-noto-mono:Noto-Sans-Mono \
  default-jre-headless:running-EPUBCheck \
  epubcheck:EPUB-validation-in-tests \
  poppler-utils:PDF-text-checks-in-tests \
  qpdf:PDF-structure-checks-in-tests \
  valgrind:leak-checks-in-tests \
  python3:test-scripts \
  tidy:HTML-validation-of-the-download-page \
  nodejs:running-the-download-page-browser-test \
  chromium:the-browser-the-download-page-is-tested-in \
  clang:libFuzzer-for-make-fuzz \
  libunistring-dev:Unicode-character-names-in-warnings \
  iso-codes:known-language-codes

PKGCONFIG := cairo cairo-pdf pangocairo pangoft2 fontconfig harfbuzz harfbuzz-subset glib-2.0 \
  libcmark-gfm yaml-0.1 libxml-2.0 libzip json-glib-1.0 librsvg-2.0 gdk-pixbuf-2.0

# Loaded at their first use (src/base/lazy.h), not linked: most builds need none of them.
LAZY_PKGS := librsvg-2.0 gdk-pixbuf-2.0 libzip

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-missing-field-initializers
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LIBS_EXTRA := -lcmark-gfm-extensions -lhyphen -lunistring -lm

SRCS ?= $(shell find src -name '*.c' | sort)
OBJS := $(SRCS:src/%.c=build/obj/%.o)
SAN_OBJS := $(SRCS:src/%.c=build/sanitize/obj/%.o)

MANUSCRIPTS := $(filter-out manuscripts/README.md,$(wildcard manuscripts/*.md))
NAMES := $(notdir $(MANUSCRIPTS:.md=))
OUTPUTS := $(foreach n,$(NAMES),dist/$(n).pdf dist/$(n).epub)
# seminar packs: manuscripts/packs/NAME.yaml -> dist/NAME.pdf, dist/NAME.epub
PACKS := $(wildcard manuscripts/packs/*.yaml)
PACK_NAMES := $(notdir $(PACKS:.yaml=))
PACK_OUTPUTS := $(foreach n,$(PACK_NAMES),dist/$(n).pdf dist/$(n).epub)

NOTO := /usr/share/fonts/truetype/noto
FONTS := NotoSerif-Regular NotoSerif-Bold NotoSerif-Italic NotoSerif-BoldItalic \
  NotoSans-Regular NotoSans-Bold NotoSans-Italic NotoSans-BoldItalic \
  NotoSansMono-Regular NotoSansMono-Bold
FONT_FILES := $(FONTS:%=fonts/%.ttf)

SITE_ASSETS := $(wildcard site/*)
# playwright-core (npm, version pinned in tests/site/package-lock.json) drives chromium in tests
PLAYWRIGHT := build/site-node/node_modules/playwright-core/package.json

.PHONY: all test bench fuzz clean packages
all: build/folio $(FONT_FILES) $(OUTPUTS) $(PACK_OUTPUTS) dist/index.html

# ---- packages --------------------------------------------------------------------
# The stamp is remade when this Makefile changes; it installs only what is missing.
build/packages.stamp: Makefile
	@mkdir -p build
	@missing=""; why=""; \
	for entry in $(DEBS); do \
	  pkg=$${entry%%:*}; reason=$${entry#*:}; \
	  if ! dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q 'install ok installed'; then \
	    missing="$$missing $$pkg"; why="$$why\n  $$pkg (for $${reason//-/ })"; \
	  fi; \
	done; \
	if [ -n "$$missing" ]; then \
	  printf "folio: installing missing Debian packages:$$why\n"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing \
	    || { echo "folio: apt-get install failed" >&2; exit 1; }; \
	fi
	@pkg-config --cflags $(PKGCONFIG) > build/pkg.cflags
	@pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGCONFIG)) > build/pkg.libs
	@touch $@

packages: build/packages.stamp

# ---- the program -----------------------------------------------------------------
build/obj/%.o: src/%.c | build/packages.stamp
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $$(cat build/pkg.cflags) -MMD -MP -c $< -o $@

build/folio: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $$(cat build/pkg.libs) $(LIBS_EXTRA)

build/sanitize/obj/%.o: src/%.c | build/packages.stamp
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SANFLAGS) $$(cat build/pkg.cflags) -MMD -MP -c $< -o $@

build/sanitize/folio: $(SAN_OBJS)
	$(CC) $(SANFLAGS) -o $@ $(SAN_OBJS) $$(cat build/pkg.libs) $(LIBS_EXTRA)

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d)

# ---- fonts: copied from Debian's Noto packages, never committed ------------------
fonts/%.ttf: | build/packages.stamp
	cp $(NOTO)/$*.ttf $@

# ---- the series ------------------------------------------------------------------
# folio writes build/deps/NAME.d naming every input it read (manuscript,
# bibliography, images, style, fonts), so only what changed is rebuilt.
dist/%.pdf dist/%.epub: manuscripts/%.md build/folio styles/briefing.yaml | $(FONT_FILES)
	@mkdir -p dist build/deps
	build/folio build -o dist --deps build/deps/$*.d $<

-include $(wildcard build/deps/*.d)

# A pack is rebuilt when its manifest, the program, the style or any manuscript changes.
define pack_rule
dist/$(1).pdf dist/$(1).epub &: manuscripts/packs/$(1).yaml build/folio styles/briefing.yaml \
  $(MANUSCRIPTS) manuscripts/references.bib | $(FONT_FILES)
	@mkdir -p dist
	build/folio pack -o dist $$<
endef
$(foreach n,$(PACK_NAMES),$(eval $(call pack_rule,$(n))))

# The readers' download page: covers drawn from each PDF's first page, sizes
# read from the built files, so it comes after every PDF and EPUB.
dist/index.html: $(OUTPUTS) $(PACK_OUTPUTS) $(MANUSCRIPTS) $(PACKS) $(SITE_ASSETS) build/folio \
  styles/briefing.yaml | $(FONT_FILES)
	build/folio site -o dist $(MANUSCRIPTS) $(PACKS)

# ---- tests -----------------------------------------------------------------------
test: all build/sanitize/folio $(PLAYWRIGHT)
	@tests/run build/folio build/sanitize/folio

# npm comes with Node.js from some sources and as Debian's npm package otherwise.
$(PLAYWRIGHT): tests/site/package.json tests/site/package-lock.json | build/packages.stamp
	@command -v npm >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends npm; }
	@mkdir -p build/site-node
	cp tests/site/package.json tests/site/package-lock.json build/site-node/
	cd build/site-node && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: all
	@tests/bench/run

# libFuzzer targets: tests/fuzz/fuzz_NAME.c linked against every object but
# main.o, all built by clang with the fuzzer, ASan and UBSan instrumentation.
FUZZ_CC := clang
FUZZ_SAN := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_OBJS := $(filter-out build/fuzz/obj/main.o,$(SRCS:src/%.c=build/fuzz/obj/%.o))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

build/fuzz/obj/%.o: src/%.c | build/packages.stamp
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $$(cat build/pkg.cflags) -MMD -MP -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer $$(cat build/pkg.cflags) -o $@ $< $(FUZZ_OBJS) \
	  $$(cat build/pkg.libs) $(LIBS_EXTRA)

.SECONDARY: $(FUZZ_OBJS)
-include $(FUZZ_OBJS:.o=.d)

# Each target runs FUZZ_SECONDS (default 300) from seeds in manuscripts/ and ../shared/corpus.
fuzz: $(FUZZ_BINS) $(FONT_FILES)
	@tests/fuzz/run $(FUZZ_BINS)

clean:
	rm -rf build dist
