# t-series.sh: every manuscript of the series builds to a PDF and an EPUB
# that their readers' tools accept: EPUBCheck with no errors and no warnings,
# qpdf --check, every font embedded, real page counts, metadata, outline,
# and byte-identical output when built twice.

series_build() { # builds the whole series once per binary into $WORK/series-<binary>
  local dir=$WORK/series-$(basename "$(dirname "$FOLIO")")
  if [ ! -f "$dir/.done" ]; then
    mkdir -p "$dir"
    local files
    mapfile -t files < <(manuscript_paths)
    (cd "$ROOT" && "$FOLIO" build -o "$dir" "${files[@]}") || return 1
    touch "$dir/.done"
  fi
  SERIES=$dir
}

manuscript_names() {
  local f
  for f in "$ROOT"/manuscripts/*.md; do
    [ "$(basename "$f")" = README.md ] || basename "${f%.md}"
  done
}

# manuscript_paths: manuscripts/NAME.md of each, relative to $ROOT, one a line.
manuscript_paths() {
  local name
  for name in $(manuscript_names); do echo "manuscripts/$name.md"; done
}

test_series_builds_11_pdfs_and_epubs() {
  series_build || fail "the series did not build" || return 1
  local n=0 name
  for name in $(manuscript_names); do
    [ -s "$SERIES/$name.pdf" ] || fail "missing $name.pdf" || return 1
    [ -s "$SERIES/$name.epub" ] || fail "missing $name.epub" || return 1
    n=$((n + 1))
  done
  [ "$n" -ge 11 ] || fail "only $n manuscripts"
  [ -z "$(find "$SERIES" -name '.*.??????')" ] || fail "temporary files left: $(ls -A "$SERIES")"
}

test_series_epubcheck_clean() {
  series_build || return 1
  # two at a time: each check is mostly the JVM starting
  export -f epubcheck_clean; export EPUBCHECK_JAR
  manuscript_names | sed "s|.*|$SERIES/&.epub|" \
    | xargs -P 2 -I{} bash -c 'epubcheck_clean "$1"' _ {}
}

test_series_pdf_structure() {
  series_build || return 1
  local name ok=0 pages total=0 longest=0
  for name in $(manuscript_names); do
    qpdf --check "$SERIES/$name.pdf" > "$T/qpdf" 2>&1 || { echo "qpdf $name:"; tail -5 "$T/qpdf"; ok=1; }
    all_fonts_embedded "$SERIES/$name.pdf" || ok=1
    pages=$(pdf_pages "$SERIES/$name.pdf")
    [ "${pages:-0}" -ge 2 ] || { echo "$name: only ${pages:-0} pages"; ok=1; }
    total=$((total + pages)); [ "$pages" -gt "$longest" ] && longest=$pages
  done
  echo "series: $total pages, longest $longest"
  [ "$total" -ge 100 ] || { echo "the series has only $total pages (want >= 100)"; ok=1; }
  [ "$longest" -ge 20 ] || { echo "the longest has only $longest pages (want >= 20)"; ok=1; }
  return $ok
}

test_series_pdf_metadata_and_outline() {
  series_build || return 1
  local name ok=0 title info
  for name in $(manuscript_names); do
    info=$(pdfinfo "$SERIES/$name.pdf")
    title=$(awk -F': *' '/^title:/ {sub(/^title: */, ""); gsub(/"/, ""); print; exit}' "$ROOT/manuscripts/$name.md")
    grep -q "^Title: *${title:0:30}" <<<"$info" || { echo "$name: PDF title is not '$title'"; ok=1; }
    grep -q "^Author: *." <<<"$info" || { echo "$name: no PDF author"; ok=1; }
    grep -q "^Creator: *folio " <<<"$info" || { echo "$name: creator is not folio"; ok=1; }
    # one outline entry per heading: count /Title entries in the outline objects
    local headings outline
    headings=$(grep -Ec '^#{1,6} ' "$ROOT/manuscripts/$name.md")
    outline=$(qpdf --qdf --object-streams=disable "$SERIES/$name.pdf" - 2>/dev/null | grep -c '/Parent [0-9]* 0 R' || true)
    [ "$outline" -ge "$headings" ] || { echo "$name: $outline outline entries for $headings headings"; ok=1; }
  done
  return $ok
}

test_series_text_in_pdf() {
  series_build || return 1
  local name ok=0
  for name in $(manuscript_names); do
    pdftotext "$SERIES/$name.pdf" "$T/$name.txt" || { ok=1; continue; }
    # the first sentence of the abstract and the first level-1 heading are in the PDF
    local h1
    h1=$(grep -m1 -E '^# ' "$ROOT/manuscripts/$name.md" | sed -E 's/^# //; s/ *\{[^}]*\} *$//')
    grep -qF "$h1" <(tr '\n' ' ' < "$T/$name.txt" | tr -s ' ') || { echo "$name: heading '$h1' not in PDF text"; ok=1; }
  done
  return $ok
}

test_series_reproducible() {
  series_build || return 1
  local name=reports-summary again=$T/again
  mkdir -p "$again"
  (cd "$ROOT" && "$FOLIO" build -o "$again" "manuscripts/$name.md") || return 1
  cmp "$SERIES/$name.pdf" "$again/$name.pdf" || fail "PDF differs between two builds" || return 1
  cmp "$SERIES/$name.epub" "$again/$name.epub" || fail "EPUB differs between two builds"
}

test_series_epub_layout() {
  series_build || return 1
  local z=$SERIES/police-harm-reduction.epub
  unzip -Z1 "$z" | head -1 | grep -qx mimetype || fail "mimetype is not the first entry" || return 1
  unzip -Zv "$z" mimetype | grep -q "compression method: *none (stored)" || fail "mimetype is compressed" || return 1
  local chapters h1
  chapters=$(unzip -Z1 "$z" | grep -c '\.xhtml$')
  h1=$(grep -c '^# ' "$ROOT/manuscripts/police-harm-reduction.md")
  [ "$chapters" -ge "$h1" ] || fail "$chapters XHTML files for $h1 level-1 sections" || return 1
  unzip -p "$z" '*.opf' | grep -q 'schema:accessibilitySummary' || fail "no accessibility summary"
  unzip -p "$z" '*.opf' | grep -q 'belongs-to-collection' || fail "no series collection"
  unzip -Z1 "$z" | grep -Eq '\.(ttf|otf)$' || fail "no embedded fonts"
  unzip -p "$z" '*.xhtml' | grep -q 'epub:type="footnote"' || fail "no EPUB footnotes"
}

test_series_dependency_file() {
  local d=$T/deps.d
  (cd "$ROOT" && "$FOLIO" build -o "$T" --deps "$d" manuscripts/reports-summary.md) || return 1
  grep -q "^$T/reports-summary.pdf $T/reports-summary.epub:.*manuscripts/reports-summary.md" "$d" \
    || fail "deps file lacks the manuscript: $(head -c 300 "$d")" || return 1
  grep -q "references.bib" "$d" || fail "deps file lacks the bibliography" || return 1
  grep -q "briefing.yaml" "$d" || fail "deps file lacks the style" || return 1
  grep -q "NotoSerif-Regular.ttf" "$d" || fail "deps file lacks the fonts"
}

test_series_pagemap_every_manuscript() {
  series_build || return 1
  local name ok=0
  for name in $(manuscript_names); do
    python3 "$ROOT/tests/tools/pagemap.py" "$SERIES/$name.pdf" "$SERIES/$name.epub" > "$T/pm" 2>&1 \
      || { echo "$name:"; grep -v '^pagemap:' "$T/pm" | head -5; ok=1; }
  done
  return $ok
}

test_series_pagemap_can_fail() {
  # the check must notice a map that points at the wrong pages: one
  # manuscript's PDF against another's EPUB
  series_build || return 1
  local names=($(manuscript_names))
  if python3 "$ROOT/tests/tools/pagemap.py" "$SERIES/${names[0]}.pdf" "$SERIES/${names[1]}.epub" > "$T/pm" 2>&1; then
    fail "pagemap.py accepted ${names[1]}.epub as the page map of ${names[0]}.pdf"
  fi
}

test_series_epub_only_has_page_list() {
  # -f epub alone still lays out the pages for the print page map, and gives
  # the same map as a build of both
  series_build || return 1
  local name=focused-deterrence
  (cd "$ROOT" && "$FOLIO" build -f epub -o "$T/out" "manuscripts/$name.md") || return 1
  [ ! -e "$T/out/$name.pdf" ] || fail "-f epub wrote a PDF" || return 1
  unzip -p "$T/out/$name.epub" '*.xhtml' | grep -o 'id="page-[0-9]*"' | sort > "$T/only"
  unzip -p "$SERIES/$name.epub" '*.xhtml' | grep -o 'id="page-[0-9]*"' | sort > "$T/both"
  [ -s "$T/only" ] || fail "no page markers in the EPUB" || return 1
  cmp -s "$T/only" "$T/both" || fail "page markers differ from the full build"
}

test_series_caption_numbers_same_in_pdf_and_epub() {
  # the PDF's "Table N:" and "Figure N:" come from the same numbering as the EPUB's
  series_build || return 1
  local name ok=0 pdf epub
  for name in $(manuscript_names); do
    pdf=$(pdftotext "$SERIES/$name.pdf" - | grep -Eo '^(Table|Tabla|Tableau|Figure|Figura).[0-9.]+:' | grep -Eo '[[:alpha:]]+|[0-9.]+' | tr '\n' ' ')
    epub=$(unzip -p "$SERIES/$name.epub" '*.xhtml' | grep -Eo 'caption-label">[^<]*' | sed 's/.*">//' | grep -Eo '[[:alpha:]]+|[0-9.]+' | tr '\n' ' ')
    [ "$pdf" = "$epub" ] || { echo "$name: PDF '$pdf' EPUB '$epub'"; ok=1; }
  done
  return $ok
}

test_series_contents_pages_match() {
  # every manuscript with a contents page: each entry's page number is the
  # page its heading stands on (tests/tools/contents.py); one at least
  series_build || return 1
  local name n=0
  for name in $(manuscript_names); do
    grep -q '^toc: true' "$ROOT/manuscripts/$name.md" || continue
    n=$((n + 1))
    python3 "$ROOT/tests/tools/contents.py" "$SERIES/$name.pdf" > "$T/out" || { echo "$name:"; cat "$T/out"; return 1; }
  done
  [ "$n" -gt 0 ] || fail "no manuscript has a contents page"
}
