# t-lists.sh: lists of figures and tables (lof: true, lot: true) after the
# contents: every numbered caption with leaders and the page it stands on in
# the PDF, and loi/lot navs in the EPUB; a contents that runs over two pages
# still passes the page map check.

lists_doc() { # writes $T/lists.md: two figures and a table over several pages
  cp "$ROOT/tests/pdf/img/chart.png" "$T/"
  {
    printf -- '---\ntitle: Lists\nauthor: Test Author\nlang: en\ntoc: true\nlof: true\nlot: true\n---\n\n'
    printf '# Introduction {#sec:intro}\n\n![First chart](chart.png){#fig:one}\n\n'
    for i in $(seq 1 40); do
      printf 'Filler paragraph %d with enough words to take some room on the page so that the document runs over several pages.\n\n' "$i"
    done
    printf '# Later\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: Second table {#tbl:two}\n\n'
    printf '![Unlabelled chart](chart.png)\n'
  } > "$T/lists.md"
}

# the page of the PDF whose text holds a line matching the ERE $2
page_with() {
  local n
  for n in $(seq 1 "$(pdf_pages "$1")"); do
    pdftotext -f "$n" -l "$n" "$1" - | grep -Eqx "$2" && { echo "$n"; return; }
  done
}

test_lists_pages_match_captions() {
  lists_doc
  "$FOLIO" build -o "$T/out" "$T/lists.md" 2> "$T/err" || { cat "$T/err"; return 1; }
  local pdf="$T/out/lists.pdf"
  pdftotext -layout -f 1 -l 1 "$pdf" - > "$T/p1"
  grep -q '^ *List of figures *$' "$T/p1" || fail "no List of figures heading on page 1" || return 1
  grep -q '^ *List of tables *$' "$T/p1" || fail "no List of tables heading on page 1" || return 1
  local entry caption listed want
  for entry in 'Figure 1:First chart' 'Figure 2:Unlabelled chart' 'Table 1:Second table'; do
    caption=${entry#*:}
    listed=$(grep -E "^ *${entry%%:*} +$caption *(\. ?)+ +[0-9]+ *$" "$T/p1" | grep -Eo '[0-9]+ *$' | tr -d ' ')
    [ -n "$listed" ] || fail "no list line with leaders for '$entry': $(grep "${entry%%:*}" "$T/p1")" || return 1
    want=$(page_with "$pdf" "${entry%%:*}: $caption")
    [ "$listed" = "$want" ] || fail "list says '$entry' is on page $listed, it is on page ${want:-none}" || return 1
  done
  [ "$(page_with "$pdf" 'Table 1: Second table')" -gt 1 ] || fail "the table should be after page 1" || return 1
  epubcheck_clean "$T/out/lists.epub"
}

test_lists_in_epub_nav() {
  lists_doc
  "$FOLIO" build -o "$T/out" "$T/lists.md" 2>/dev/null || return 1
  unzip -p "$T/out/lists.epub" EPUB/nav.xhtml > "$T/nav"
  grep -q '<nav id="loi" epub:type="loi">' "$T/nav" || fail "no loi nav" || return 1
  grep -q '<nav id="lot" epub:type="lot">' "$T/nav" || fail "no lot nav" || return 1
  grep -q '<a href="section-[0-9]*\.xhtml#fig:one">Figure 1: First chart</a>' "$T/nav" \
    || fail "loi: $(grep -A4 'epub:type="loi"' "$T/nav")" || return 1
  grep -q '<a href="section-[0-9]*\.xhtml[^"]*">Figure 2: Unlabelled chart</a>' "$T/nav" \
    || fail "loi lacks the unlabelled figure" || return 1
  grep -q '<a href="section-[0-9]*\.xhtml#tbl:two">Table 1: Second table</a>' "$T/nav" \
    || fail "lot: $(grep -A4 'epub:type="lot"' "$T/nav")" || return 1
  python3 "$ROOT/tests/tools/pagemap.py" "$T/out/lists.pdf" "$T/out/lists.epub" > "$T/pm" || { cat "$T/pm"; return 1; }
}

test_lists_absent_without_request() {
  lists_doc
  grep -v '^lo[ft]:' "$T/lists.md" > "$T/plain.md"
  "$FOLIO" build -o "$T/out" "$T/plain.md" 2>/dev/null || return 1
  ! pdftotext "$T/out/plain.pdf" - | grep -q 'List of' || fail "lists without lof/lot in the PDF" || return 1
  ! unzip -p "$T/out/plain.epub" EPUB/nav.xhtml | grep -q 'epub:type="lo[it]"' || fail "lists without lof/lot in the EPUB"
}

test_long_contents_page_map() {
  # a contents of two pages: the second begins with contents lines, which
  # the page map places at the start of the nav document
  {
    printf -- '---\ntitle: Long contents\nauthor: Test Author\nlang: en\ntoc: true\n---\n\n'
    for i in $(seq 1 70); do printf '# Heading number %d\n\nBody text of section %d with a few words.\n\n' "$i" "$i"; done
  } > "$T/long.md"
  "$FOLIO" build -o "$T/out" "$T/long.md" 2>/dev/null || return 1
  pdftotext -f 2 -l 2 "$T/out/long.pdf" - | grep -qx 'Heading number 3[0-9]' || fail "page 2 should go on with the contents" || return 1
  unzip -p "$T/out/long.epub" EPUB/nav.xhtml | grep -q 'id="page-2"' || fail "no page-2 marker in the nav document" || return 1
  python3 "$ROOT/tests/tools/pagemap.py" "$T/out/long.pdf" "$T/out/long.epub" > "$T/pm" || { cat "$T/pm"; return 1; }
  epubcheck_clean "$T/out/long.epub"
}

test_pagemap_still_fails_on_a_wrong_marker() {
  # move marker 3 to the start of the nav document: page 3 is body text, not
  # contents entries, so the check must fail
  {
    printf -- '---\ntitle: Long contents\nauthor: Test Author\nlang: en\ntoc: true\n---\n\n'
    for i in $(seq 1 70); do printf '# Heading number %d\n\nBody text of section %d with a few words.\n\n' "$i" "$i"; done
  } > "$T/long.md"
  "$FOLIO" build -o "$T/out" "$T/long.md" 2>/dev/null || return 1
  python3 - "$T/out/long.epub" "$T/bad.epub" <<'PY' || return 1
import re, sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w')
mark = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-3" aria-label="3"/>'
moved = False
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename.endswith('.xhtml') and not info.filename.endswith('nav.xhtml') and b'id="page-3"' in data:
        data = re.sub(rb'<span[^>]*id="page-3"[^>]*/>', b'', data)
        moved = True
    if info.filename.endswith('nav.xhtml'):
        data = data.replace(b'id="page-2" aria-label="2"/>', b'id="page-2" aria-label="2"/>' + mark.encode(), 1)
    dst.writestr(info, data)
dst.close()
sys.exit(0 if moved else 1)
PY
  ! python3 "$ROOT/tests/tools/pagemap.py" "$T/out/long.pdf" "$T/bad.epub" > "$T/pm" \
    || fail "pagemap accepted a body page marked in the nav document: $(cat "$T/pm")"
}

test_lists_without_contents() {
  # lof and lot without toc: the PDF has no contents, so the EPUB's reading
  # order shows no contents either (its toc nav stays, hidden, for the
  # reader's menu); the page map still agrees, and the unlabelled figure is
  # linked from the list of figures by an id of its own
  lists_doc
  grep -v '^toc:' "$T/lists.md" > "$T/nocontents.md"
  "$FOLIO" build -o "$T/out" "$T/nocontents.md" 2>/dev/null || return 1
  ! pdftotext -f 1 -l 1 "$T/out/nocontents.pdf" - | grep -qx 'Contents' || fail "a contents page in the PDF" || return 1
  unzip -p "$T/out/nocontents.epub" EPUB/nav.xhtml > "$T/nav"
  grep -q '<nav[^>]*epub:type="toc"[^>]*hidden="hidden"' "$T/nav" || fail "the toc nav is shown" || return 1
  grep -q 'href="[^"#]*#figure-1">Figure 2: Unlabelled chart' "$T/nav" \
    || fail "unlabelled figure not linked to itself: $(grep -o '<a[^>]*>Figure 2[^<]*' "$T/nav")" || return 1
  unzip -p "$T/out/nocontents.epub" '*.xhtml' | grep -q '<figure id="figure-1"' || fail "no id on the figure" || return 1
  python3 "$ROOT/tests/tools/pagemap.py" "$T/out/nocontents.pdf" "$T/out/nocontents.epub"
}
