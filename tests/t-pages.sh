# t-pages.sh: page references (@page:x) and the relayout loop. The number is
# the print page where the labelled element starts, the same in the PDF and
# the EPUB (where it links to that page's marker); an unknown label warns
# once, after the last layout, and shows "??".

pages_doc() { # writes $T/pr.md: a reference forwards (to page 4) and back
  {
    printf -- '---\ntitle: Page references\nauthor: Test Author\nlang: en\n---\n\n'
    printf '# Introduction {#sec:intro}\n\n'
    printf 'The results are on page @page:sec:results, the table on page @page:tbl:t,\n'
    printf 'and a missing one on page @page:sec:nowhere.\n\n'
    for i in $(seq 1 60); do
      printf 'Filler paragraph %d with enough words to take some room on the page so that the document runs over several pages and the results land later than the first page.\n\n' "$i"
    done
    printf '# Results {#sec:results}\n\nSee the introduction on page @page:sec:intro.\n\n'
    printf '| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: A table {#tbl:t}\n'
  } > "$T/pr.md"
}

test_page_refs_match_pdf_pages_and_epub() {
  pages_doc
  "$FOLIO" build -o "$T/out" "$T/pr.md" 2> "$T/err" || { cat "$T/err"; return 1; }
  local results page
  # the page on which the heading "Results" stands (the body line, not the running head)
  for page in $(seq 1 "$(pdf_pages "$T/out/pr.pdf")"); do
    pdftotext -f "$page" -l "$page" "$T/out/pr.pdf" - | grep -q '^See the introduction' && results=$page
  done
  [ -n "${results:-}" ] && [ "$results" -gt 1 ] || fail "results not found after page 1" || return 1
  pdftotext "$T/out/pr.pdf" - | tr '\n' ' ' > "$T/pdf.txt"
  grep -q "results are on page $results, the table on page $results," "$T/pdf.txt" \
    || fail "PDF: $(grep -o 'results are on page [^,]*, the table on page [^,]*' "$T/pdf.txt")" || return 1
  grep -q "missing one on page ??" "$T/pdf.txt" || fail "PDF: no ?? for the missing label" || return 1
  grep -q "introduction on page 1\." "$T/pdf.txt" || fail "PDF: back reference is not page 1" || return 1
  unzip -p "$T/out/pr.epub" '*.xhtml' > "$T/epub.txt"
  grep -q "results are on page <a class=\"xref\" href=\"[^\"]*#page-$results\">$results</a>" "$T/epub.txt" \
    || fail "EPUB: $(grep -o 'results are on page <[^>]*>[^<]*' "$T/epub.txt")" || return 1
  grep -q 'introduction on page <a class="xref" href="[^"]*#page-1">1</a>' "$T/epub.txt" \
    || fail "EPUB: back reference is not linked to page 1" || return 1
  grep -q 'page <span class="xref">??</span>' "$T/epub.txt" || fail "EPUB: no ?? for the missing label" || return 1
  # exactly one warning, for the missing label, in file:line:col form
  [ "$(grep -c . "$T/err")" -eq 1 ] || fail "expected one warning, got: $(cat "$T/err")" || return 1
  grep -Eq "^[^:]+:[0-9]+:[0-9]+: warning: .*@page:sec:nowhere" "$T/err" || fail "warning: $(cat "$T/err")" || return 1
  python3 "$ROOT/tests/tools/pagemap.py" "$T/out/pr.pdf" "$T/out/pr.epub" > "$T/pm" || { cat "$T/pm"; return 1; }
  epubcheck_clean "$T/out/pr.epub"
}

test_page_refs_epub_only_same_numbers() {
  pages_doc
  "$FOLIO" build -o "$T/a" "$T/pr.md" 2>/dev/null || return 1
  "$FOLIO" build -f epub -o "$T/b" "$T/pr.md" 2>/dev/null || return 1
  cmp -s <(unzip -p "$T/a/pr.epub" '*.xhtml') <(unzip -p "$T/b/pr.epub" '*.xhtml') \
    || fail "an EPUB-only build gives other page numbers or markers"
}

test_toc_pages_match_headings() {
  # toc: true puts the contents after the title block: every heading down to
  # toc-depth (default 2) with dot leaders and the page it starts on
  pages_doc
  { sed -n '1,4p' "$T/pr.md"; echo 'toc: true'; sed -n '5,$p' "$T/pr.md"
    printf '\n## A subsection {#sec:sub}\n\nText.\n\n### Too deep {#sec:deep}\n\nMore.\n'; } > "$T/toc.md"
  "$FOLIO" build -o "$T/out" "$T/toc.md" 2>/dev/null || return 1
  pdftotext -layout -f 1 -l 1 "$T/out/toc.pdf" - > "$T/p1"
  grep -q '^ *Contents *$' "$T/p1" || fail "no Contents heading on page 1" || return 1
  local title page want n
  for title in Introduction Results 'A subsection'; do
    page=$(grep -E "^ *$title( \.)+ +[0-9]+ *$" "$T/p1" | grep -Eo '[0-9]+ *$' | tr -d ' ')
    [ -n "$page" ] || fail "no contents line with leaders for '$title': $(cat "$T/p1")" || return 1
    want=
    for n in $(seq 1 "$(pdf_pages "$T/out/toc.pdf")"); do
      pdftotext -f "$n" -l "$n" "$T/out/toc.pdf" - | sed 1,2d | grep -qx "$title" && { want=$n; break; }
    done
    [ "$page" = "$want" ] || fail "contents say '$title' is on page $page, it is on page ${want:-none}" || return 1
  done
  ! grep -q 'Too deep' "$T/p1" || fail "a level-3 heading is listed at the default depth"
}

test_toc_lists_generated_references_heading() {
  # the bibliography's heading is made by resolve after numbering: listed
  # under its own title, with its page, and no number of its own
  local name=focused-deterrence
  cp "$ROOT/manuscripts/references.bib" "$T/"
  awk 'NR > 1 && /^---$/ && !done { print "toc: true"; done = 1 } { print }' \
    "$ROOT/manuscripts/$name.md" > "$T/$name.md"
  "$FOLIO" build -o "$T/out" "$T/$name.md" 2>/dev/null || return 1
  pdftotext -layout -f 1 -l 3 "$T/out/$name.pdf" - > "$T/toc"
  grep -Eq '^ *References( \.)+ +[0-9]+ *$' "$T/toc" || fail "no contents line for References: $(grep References "$T/toc")"
}

test_toc_depth_from_style_and_front_matter() {
  # the style's toc-depth sets the contents' depth, the front matter's
  # toc-depth wins over it, and the EPUB nav lists the same headings
  pages_doc
  { sed -n '1,4p' "$T/pr.md"; echo 'toc: true'; sed -n '5,$p' "$T/pr.md"
    printf '\n## A subsection {#sec:sub}\n\nText.\n\n### Deeper {#sec:deep}\n\nMore.\n'; } > "$T/toc.md"
  { cat "$ROOT/styles/briefing.yaml"; echo 'toc-depth: 3'; } > "$T/deep.yaml"
  "$FOLIO" build -o "$T/out" --style "$T/deep.yaml" "$T/toc.md" 2> "$T/err" || { cat "$T/err"; return 1; }
  pdftotext -layout -f 1 -l 1 "$T/out/toc.pdf" - | grep -Eq '^ *Deeper( \.)+ +[0-9]+ *$' \
    || fail "style toc-depth 3: no contents line for the level-3 heading" || return 1
  unzip -p "$T/out/toc.epub" EPUB/nav.xhtml | grep -q '>Deeper</a>' \
    || fail "style toc-depth 3: the EPUB nav lacks the level-3 heading" || return 1
  sed -i 's/^toc: true$/toc: true\ntoc-depth: 1/' "$T/toc.md"
  "$FOLIO" build -o "$T/out" --style "$T/deep.yaml" "$T/toc.md" 2> "$T/err" || { cat "$T/err"; return 1; }
  pdftotext -layout -f 1 -l 1 "$T/out/toc.pdf" - > "$T/p1"
  ! grep -q 'A subsection' "$T/p1" || fail "front matter toc-depth 1 still lists a level-2 heading" || return 1
  grep -Eq '^ *Results( \.)+ +[0-9]+ *$' "$T/p1" || fail "toc-depth 1 lost a level-1 heading" || return 1
  ! unzip -p "$T/out/toc.epub" EPUB/nav.xhtml | grep -q '>A subsection</a>' \
    || fail "front matter toc-depth 1: the EPUB nav still lists a level-2 heading"
}

test_page_refs_into_other_manuscripts() {
  # the summary paper gives the pages of sections of the six reports
  # (@page:NAME/label): each number is the page of that heading in NAME.pdf,
  # the same in the summary's PDF and EPUB; the PDF links to the label in
  # NAME.pdf beside it
  series_build || return 1
  python3 "$ROOT/tests/tools/foreign_pages.py" "$ROOT/manuscripts/reports-summary.md" "$SERIES" \
    || return 1
  grep -aq 'URI (police-harm-reduction.pdf#nameddest=sec:syringes)' "$SERIES/reports-summary.pdf" \
    || fail "no link to sec:syringes in police-harm-reduction.pdf" || return 1
  # a reference to a manuscript or label that does not exist warns and shows ??
  cp "$ROOT/manuscripts/police-harm-reduction.md" "$ROOT/manuscripts/references.bib" "$T/"
  printf -- '---\ntitle: X\n---\n\nSee page @page:nowhere/sec:a and @page:police-harm-reduction/sec:none.\n' \
    > "$T/probe.md"
  "$FOLIO" build -f pdf -o "$T/out" "$T/probe.md" 2> "$T/err" || fail "exit $?: $(cat "$T/err")" || return 1
  [ "$(grep -c 'warning: unresolved page reference' "$T/err")" = 2 ] || fail "warnings: $(cat "$T/err")" || return 1
  [ "$(wc -l < "$T/err")" = 2 ] || fail "the other manuscript's own diagnostics leaked: $(cat "$T/err")" || return 1
  pdftotext "$T/out/probe.pdf" - | tr '\n' ' ' | grep -q 'See page ?? and ??' || fail "no ?? shown"
}
