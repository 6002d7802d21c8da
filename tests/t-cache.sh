# t-cache.sh: the page-map cache (src/build_cache.c) changes how long a build
# takes, never what it makes: the same bytes with a cold cache, a warm one and
# none; an entry is used only while every file it was made from is unchanged.

cache_manuscripts() { # a private copy of the series' manuscripts in $T/m
  mkdir -p "$T/m"
  cp -r "$ROOT"/manuscripts/*.md "$ROOT"/manuscripts/*.bib "$ROOT/manuscripts/img" "$T/m/"
}

# pagebreaks EPUB: how many print-page markers its text carries
pagebreaks() {
  unzip -p "$1" '*.xhtml' | grep -o 'epub:type="pagebreak"' | wc -l
}

test_cache_same_bytes_cold_warm_and_none() {
  cache_manuscripts
  local f m="$T/m" docs=("$T/m/reports-summary.md" "$T/m/police-harm-reduction.md")
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -o "$T/cold" "${docs[@]}" || fail "cold build failed" || return 1
  # the summary's six reports and the two manuscripts built
  [ "$(ls "$T/c" | wc -l)" -ge 7 ] || fail "cache entries: $(ls "$T/c")" || return 1
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -o "$T/warm" "${docs[@]}" || fail "warm build failed" || return 1
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -f epub -o "$T/epub-only" "${docs[@]}" \
    || fail "EPUB-only build failed" || return 1
  FOLIO_CACHE_DIR= "$FOLIO" build -o "$T/none" "${docs[@]}" || fail "uncached build failed" || return 1
  for f in reports-summary police-harm-reduction; do
    cmp "$T/cold/$f.pdf" "$T/warm/$f.pdf" || fail "$f.pdf differs with a warm cache" || return 1
    cmp "$T/cold/$f.epub" "$T/warm/$f.epub" || fail "$f.epub differs with a warm cache" || return 1
    cmp "$T/cold/$f.epub" "$T/epub-only/$f.epub" || fail "EPUB-only $f.epub differs" || return 1
    cmp "$T/cold/$f.pdf" "$T/none/$f.pdf" || fail "$f.pdf differs without a cache" || return 1
  done
  python3 "$ROOT/tests/tools/pagemap.py" "$T/cold/police-harm-reduction.pdf" \
    "$T/epub-only/police-harm-reduction.epub" > "$T/pm" || { cat "$T/pm"; return 1; }
}

test_cache_entry_used_only_while_inputs_unchanged() {
  cache_manuscripts
  local md=$T/m/police-harm-reduction.md n pages
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -f pdf -o "$T/out" "$md" || fail "PDF build failed" || return 1
  pages=$(pdfinfo "$T/out/police-harm-reduction.pdf" | awk '/^Pages:/ {print $2}')
  # an entry whose page map lost all but its first two pages: while its files
  # are unchanged an EPUB-only build takes it as it is (the cache is used) ...
  for f in "$T"/c/*; do
    awk '!/^start / || n++ < 2' "$f" > "$f.new" && mv "$f.new" "$f"
  done
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -f epub -o "$T/out" "$md" || fail "EPUB build failed" || return 1
  n=$(pagebreaks "$T/out/police-harm-reduction.epub")
  [ "$n" = 2 ] || fail "the cached page map was not used: $n page breaks" || return 1
  # ... and once the manuscript is touched, no longer
  touch -d '+1 second' "$md"
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -f epub -o "$T/out" "$md" || fail "EPUB build failed" || return 1
  n=$(pagebreaks "$T/out/police-harm-reduction.epub")
  [ "$n" = "$pages" ] || fail "a stale entry was used: $n page breaks for $pages pages" || return 1
  # an unreadable entry is no entry
  for f in "$T"/c/*; do printf 'folio page map 2\nstart x\n' > "$f"; done
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -f epub -o "$T/out" "$md" 2> "$T/err" \
    || fail "EPUB build failed: $(cat "$T/err")" || return 1
  [ ! -s "$T/err" ] || fail "diagnostics: $(cat "$T/err")" || return 1
  n=$(pagebreaks "$T/out/police-harm-reduction.epub")
  [ "$n" = "$pages" ] || fail "a broken entry was used: $n page breaks for $pages pages"
}

test_cache_follows_an_edited_report() {
  # the summary's page references into a report follow the report's edits
  # although the report's page map was cached before the edit
  cache_manuscripts
  local f all=()
  for f in "$T"/m/*.md; do [ "$(basename "$f")" = README.md ] || all+=("$f"); done
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -f pdf -o "$T/before" "${all[@]}" || fail "build failed" || return 1
  # a page and a half of new text before the report's sections
  python3 - "$T/m/police-harm-reduction.md" <<'EOF'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
new = "\n\n".join("Added paragraph %d moves every later section down the pages of the report, "
                  "so the summary must quote new page numbers." % i for i in range(40))
head, sep, body = text.partition("\n# ")
open(p, "w", encoding="utf-8").write(head + "\n\n" + new + "\n" + sep + body)
EOF
  # the summary first, while the report's cache entry is stale
  FOLIO_CACHE_DIR=$T/c "$FOLIO" build -o "$T/after" "$T/m/reports-summary.md" "${all[@]}" \
    || fail "build after the edit failed" || return 1
  python3 "$ROOT/tests/tools/foreign_pages.py" "$T/m/reports-summary.md" "$T/after" || return 1
  pdftotext "$T/before/reports-summary.pdf" "$T/before.txt"
  pdftotext "$T/after/reports-summary.pdf" "$T/after.txt"
  ! cmp -s "$T/before.txt" "$T/after.txt" || fail "the edit moved no page the summary refers to"
}
