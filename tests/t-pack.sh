# t-pack.sh: seminar packs (folio pack) and the print production options
# (--imposition booklet, --nup 2, --marks, --bleed) of pack and build.
# A fixture pack of three short publications keeps these tests cheap.

# pack_fixture: writes $T/ms/{alpha,beta,gamma}.md and $T/ms/packs/fix.yaml.
pack_fixture() {
  mkdir -p "$T/ms/packs"
  local name paras
  for spec in alpha:Alpha:A:24 beta:Beta:B:3 gamma:Gamma:C:12; do
    IFS=: read -r name title letter paras <<<"$spec"
    {
      printf -- '---\ntitle: "%s paper"\nsubtitle: "Fixture report %s"\n' "$title" "$letter"
      printf 'author:\n  - name: Author %s\n  - Second Writer\ndate: 2013-03-01\nlang: en-GB\n---\n\n' "$letter"
      printf '# First part {#sec:first}\n\nThe %s paper opens here and refers to @sec:second.[^1]\n\n' "$title"
      printf '[^1]: A note of the %s paper.\n\n' "$title"
      for i in $(seq 1 "$paras"); do
        printf 'Paragraph %d of the %s paper says enough about drug markets, policing and harm\n' "$i" "$title"
        printf 'reduction to fill several lines of the page, so that the paper runs to the length\n'
        printf 'the test wants and its pages can be counted one by one in the bound pack.\n\n'
      done
      printf '# Second part {#sec:second}\n\nThe %s paper closes here.[^2]\n\n[^2]: Its last note.\n' "$title"
    } > "$T/ms/$name.md"
  done
  cat > "$T/ms/packs/fix.yaml" <<'EOF'
title: "Fixture seminar"
subtitle: "Three papers bound together"
organiser: Test Organiser
host: Test Host
date: 2013-03-21
venue: "A room, London"
introduction: |
  This pack holds three papers for *the seminar*.
agenda:
  - time: "10:00"
    item: "Opening"
    speaker: "The chair"
  - time: "11:00"
    item: "Close"
manuscripts:
  - ../alpha.md
  - ../beta.md
  - ../gamma.md
EOF
}

# folio_of PDF PAGE: the text at the foot of an A4 page (its page number, or nothing).
folio_of() {
  pdftotext -f "$2" -l "$2" -x 0 -y 778 -W 596 -H 64 "$1" - 2>/dev/null | tr -d ' \n\f'
}

test_pack_pdf_pages_contents_and_epub() {
  pack_fixture
  "$FOLIO" pack -o "$T/out" "$T/ms/packs/fix.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
  local pdf=$T/out/fix.pdf n p start listed
  [ -f "$T/out/fix.epub" ] || fail "no EPUB" || return 1
  n=$(pdf_pages "$pdf")
  [ "$n" -ge 10 ] || fail "only $n pages" || return 1
  # page numbers run through the pack; the cover and the blank versos have none
  for p in $(seq 1 "$n"); do
    local f; f=$(folio_of "$pdf" "$p")
    if [ -n "$f" ]; then
      [ "$f" = "$p" ] || fail "page $p is numbered '$f'" || return 1
    elif [ "$p" -gt 1 ]; then
      [ -z "$(pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n\f')" ] \
        || fail "page $p has text but no number" || return 1
    fi
  done
  pdftotext -f 1 -l 1 "$pdf" - | grep -q "Fixture seminar" || fail "no cover" || return 1
  [ -z "$(folio_of "$pdf" 1)" ] || fail "the cover is numbered" || return 1
  pdftotext -f 3 -l 3 -layout "$pdf" - > "$T/front.txt"
  grep -q "Introduction" "$T/front.txt" && grep -q "Agenda" "$T/front.txt" \
    && grep -q "Opening" "$T/front.txt" || fail "no introduction and agenda on page 3" || return 1
  # each publication: its title page (the only page with its subtitle, after
  # the contents) is odd, and the contents names that page with its authors
  for letter in A B C; do
    start=""
    for p in $(seq 4 "$n"); do
      pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "Fixture report $letter" && { start=$p; break; }
    done
    [ -n "$start" ] || fail "no title page for publication $letter" || return 1
    [ $((start % 2)) -eq 1 ] || fail "publication $letter starts on even page $start" || return 1
    [ -z "$(pdftotext -f $((start - 1)) -l $((start - 1)) "$pdf" - | tr -d ' \n\f')" ] \
      || [ "$(folio_of "$pdf" $((start - 1)))" = $((start - 1)) ] \
      || fail "the page before publication $letter is neither blank nor numbered" || return 1
    listed=$(grep -A3 "Author $letter, Second Writer" "$T/front.txt" | head -1 | awk '{print $NF}')
    [ "$listed" = "$start" ] || fail "contents: publication $letter on page '$listed', really $start" || return 1
  done
  # destinations kept apart per publication; the outline nests each one's headings
  grep -aq "(part1/fn1)" "$pdf" && grep -aq "(part3/fn1)" "$pdf" \
    || fail "note destinations are not prefixed per publication" || return 1
  python3 - "$pdf" <<'EOF' || fail "internal links lead nowhere" || return 1
import re, sys
data = open(sys.argv[1], "rb").read()
links = set(re.findall(rb"/Dest \((part\d/[^)]*)\)", data))
names = set(re.findall(rb"\((part\d/[^)]*)\) \[", data))
assert b"part2/sec:second" in links and b"part2/fn2" in links, links
assert links <= names, links - names
EOF
  qpdf --json --json-key=outlines "$pdf" | python3 -c '
import json, sys
o = json.load(sys.stdin)["outlines"]
titles = [e["title"] for e in o]
assert titles[-3:] == ["Alpha paper", "Beta paper", "Gamma paper"], titles
assert [k["title"] for k in o[-1]["kids"]] == ["First part", "Second part"], o[-1]["kids"]
' || fail "outline: $(qpdf --json --json-key=outlines "$pdf" | head -c 300)" || return 1
  qpdf --check "$pdf" > /dev/null || fail "qpdf --check fails" || return 1
  all_fonts_embedded "$pdf" || return 1
  # the EPUB: one book, a part per publication, the pack's pages in its page-list
  unzip -p "$T/out/fix.epub" EPUB/nav.xhtml > "$T/nav.xhtml"
  for t in "Alpha paper" "Beta paper" "Gamma paper" "Introduction" "Agenda"; do
    grep -q "$t" "$T/nav.xhtml" || fail "nav lacks $t" || return 1
  done
  local listed_pages
  listed_pages=$(sed -n '/page-list/,/<\/nav>/p' "$T/nav.xhtml" | grep -c '<li>')
  [ "$listed_pages" = "$n" ] || fail "page-list has $listed_pages pages, the PDF $n" || return 1
  unzip -l "$T/out/fix.epub" | grep -q "EPUB/part3-section-01.xhtml" || fail "no part files" || return 1
  epubcheck_clean "$T/out/fix.epub"
}

# booklet_order N: the page numbers on the sheet sides, left then right.
booklet_order() {
  local n=$1 s
  for ((s = 0; s < n / 2; s++)); do
    if ((s % 2 == 0)); then echo "$((n - s)) $((s + 1))"; else echo "$((s + 1)) $((n - s))"; fi
  done
}

test_pack_booklet_order_and_nup() {
  [ "$(booklet_order 8 | tr '\n' '/')" = "8 1/2 7/6 3/4 5/" ] || fail "booklet order for 8 pages" || return 1
  pack_fixture
  "$FOLIO" pack -o "$T/plain" -f pdf "$T/ms/packs/fix.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
  "$FOLIO" pack -o "$T/book" -f pdf --imposition booklet "$T/ms/packs/fix.yaml" 2> "$T/err" \
    || { cat "$T/err"; return 1; }
  "$FOLIO" pack -o "$T/nup" -f pdf --nup 2 "$T/ms/packs/fix.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
  local n total sides side left right
  n=$(pdf_pages "$T/plain/fix.pdf")
  total=$(((n + 3) / 4 * 4))
  sides=$(pdf_pages "$T/book/fix.pdf")
  [ $((sides * 2)) -eq "$total" ] && [ $((total % 4)) -eq 0 ] \
    || fail "booklet: $sides sides for $n pages" || return 1
  pdfinfo "$T/book/fix.pdf" | grep -q "841.89 x 595.28" || fail "booklet sheets are not A4 landscape" || return 1
  [ "$(pdf_pages "$T/nup/fix.pdf")" -eq $(((n + 1) / 2)) ] || fail "--nup 2: wrong sheet count" || return 1
  # the foot of each half sheet shows the page number the order puts there
  side=0
  while read -r left right; do
    side=$((side + 1))
    local x=0 p
    for p in "$left" "$right"; do
      local want="" got
      [ "$p" -le "$n" ] && want=$(folio_of "$T/plain/fix.pdf" "$p")
      got=$(pdftotext -f $side -l $side -x $x -y 553 -W 420 -H 42 "$T/book/fix.pdf" - | tr -d ' \n\f')
      [ "$got" = "$want" ] || fail "sheet side $side at x=$x: '$got', want page $p ('$want')" || return 1
      x=421
    done
  done < <(booklet_order "$total")
  qpdf --check "$T/book/fix.pdf" > /dev/null || fail "qpdf --check fails on the booklet" || return 1
  all_fonts_embedded "$T/book/fix.pdf"
}

test_pack_marks_and_bleed() {
  pack_fixture
  "$FOLIO" pack -o "$T/out" -f pdf --marks --bleed 3mm "$T/ms/packs/fix.yaml" 2> "$T/err" \
    || { cat "$T/err"; return 1; }
  # the page: A4 trim, 3mm bleed, then 18pt for the marks on every side
  pdfinfo "$T/out/fix.pdf" | grep -q "Page size: *648.28[0-9]* x 894.89[0-9]* pts" \
    || fail "page size: $(pdfinfo "$T/out/fix.pdf" | grep 'Page size')" || return 1
  # the boxes a printer reads: the trim 3mm + 18pt in, the bleed 3mm round it
  pdfinfo -box -f 1 -l 1 "$T/out/fix.pdf" > "$T/boxes"
  grep -Eq "TrimBox: +26.50 +26.50 +621.78 +868.39" "$T/boxes" \
    && grep -Eq "BleedBox: +18.00 +18.00 +630.28 +876.90" "$T/boxes" || fail "boxes: $(cat "$T/boxes")" || return 1
  pdftoppm -r 72 -f 1 -l 1 "$T/out/fix.pdf" "$T/cover"
  python3 - "$T"/cover*.ppm "$T/boxes" <<'EOF' || fail "crop marks or bleed wrong on the cover" || return 1
import os, sys
sys.path.insert(0, os.path.join(os.environ["ROOT"], "tests", "tools"))
from ppm import Image
boxes = {l.split()[2].rstrip(":"): [float(v) for v in l.split()[3:]] for l in open(sys.argv[2]) if "Box" in l}
img = Image(sys.argv[1])
w, h, px, dark = img.w, img.h, img.px, img.dark
trim, bleedbox = boxes["TrimBox"], boxes["BleedBox"]
bleed = round(trim[0] - bleedbox[0])
# PDF y runs up, pixels down: the page is symmetric, so the top inset is the bottom one
left, top, right, bottom = round(trim[0]), round(h - trim[3]), round(trim[2]), round(h - trim[1])
# marks: on the trim lines, outside the bleed, at every corner
for (x, y, dx) in ((left, top, -1), (right, top, 1), (left, bottom, -1), (right, bottom, 1)):
    assert any(dark(x + dx * k, y) or dark(x + dx * k, y - 1) for k in range(bleed + 4, bleed + 14)), ("no mark", x, y)
    assert not any(dark(x + dx * k, y) for k in range(0, bleed + 1)), ("mark inside the bleed", x, y)
# the cover's band runs into the bleed at the foot, and no further
assert px(left - bleed // 2, bottom + bleed // 2) != (255, 255, 255), "band not extended into the bleed"
assert px(left - bleed - 2, bottom - 20) == (255, 255, 255), "band beyond the bleed"
# inside the trim nothing but the page: the corner outside both is blank
assert px(3, 3) == (255, 255, 255)
EOF
  qpdf --check "$T/out/fix.pdf" > /dev/null || fail "qpdf --check fails" || return 1
  all_fonts_embedded "$T/out/fix.pdf"
}

test_pack_build_print_options() {
  pack_fixture
  "$FOLIO" build -o "$T/plain" -f pdf "$T/ms/alpha.md" 2> "$T/err" || { cat "$T/err"; return 1; }
  "$FOLIO" build -o "$T/book" -f pdf --imposition booklet --marks "$T/ms/alpha.md" 2> "$T/err" \
    || { cat "$T/err"; return 1; }
  local n sides
  n=$(pdf_pages "$T/plain/alpha.pdf")
  sides=$(pdf_pages "$T/book/alpha.pdf")
  [ $((sides * 2)) -eq $(((n + 3) / 4 * 4)) ] || fail "build booklet: $sides sides for $n pages" || return 1
  # the first side: the last page of the booklet (blank or not) left, page 1 right
  pdftotext -f 1 -l 1 -x 421 -y 0 -W 420 -H 595 "$T/book/alpha.pdf" - | grep -q "Alpha paper" \
    || fail "page 1 is not on the right of the first side" || return 1
  "$FOLIO" build -o "$T/x" --imposition folded "$T/ms/alpha.md" 2> /dev/null
  [ $? -eq 2 ] || fail "a bad --imposition is not a usage error" || return 1
  "$FOLIO" pack -o "$T/x" --bleed 3 "$T/ms/packs/fix.yaml" 2> /dev/null
  [ $? -eq 2 ] || fail "a bleed without its unit is not a usage error" || return 1
}

test_pack_bad_manifests() {
  pack_fixture
  local m=$T/ms/packs/bad.yaml
  sed 's|../beta.md|../missing.md|' "$T/ms/packs/fix.yaml" > "$m"
  EXPECT="bad.yaml:17:5: error: manuscript '../missing.md' not found" expect_error pack -o "$T/x" "$m" || return 1
  sed 's|^title: .*|title: [a, list]|' "$T/ms/packs/fix.yaml" > "$m"
  EXPECT="bad.yaml:1:8: error: 'title' must be a single value" expect_error pack -o "$T/x" "$m" || return 1
  sed 's|^host:|hots:|' "$T/ms/packs/fix.yaml" > "$m"
  EXPECT="bad.yaml:4:1: error: unknown key 'hots'" expect_error pack -o "$T/x" "$m" || return 1
  sed 's|^venue: .*|venue: "unclosed|' "$T/ms/packs/fix.yaml" > "$m"
  EXPECT="bad.yaml:[0-9]+:[0-9]+: error: invalid YAML" expect_error pack -o "$T/x" "$m" || return 1
  sed 's|^agenda:|agenda: 12|' "$T/ms/packs/fix.yaml" | sed '/^  - time/,/^manuscripts/{/^manuscripts/!d}' > "$m"
  EXPECT="bad.yaml:9:9: error: 'agenda' must be a list" expect_error pack -o "$T/x" "$m" || return 1
  sed 's|^date: .*|date: 21 March|' "$T/ms/packs/fix.yaml" > "$m"
  EXPECT="bad.yaml:5:7: error: date '21 March' is not YYYY-MM-DD" expect_error pack -o "$T/x" "$m" || return 1
  [ ! -e "$T/x/bad.pdf" ] && [ ! -e "$T/x/bad.epub" ] || fail "a bad manifest left output" || return 1
}

test_pack_page_map() {
  # the pack's EPUB carries the pack's print pages: for every page, the words
  # after marker N are the first words of PDF page N; a blank verso's marker
  # stands directly before the next page's
  pack_fixture
  "$FOLIO" pack -o "$T/out" "$T/ms/packs/fix.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
  python3 "$ROOT/tests/tools/pagemap.py" "$T/out/fix.pdf" "$T/out/fix.epub"
}

test_pack_shipped_packs() {
  # the two seminar packs make ships: EPUBCheck clean, qpdf clean, every
  # font embedded, every publication on an odd page, the page map agreeing
  local p
  for p in seminar-2013-03-iiss-pack seminar-2013-09-chatham-house-pack; do
    "$FOLIO" pack -o "$T/out" "$ROOT/manuscripts/packs/$p.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
    [ ! -s "$T/err" ] || fail "$p: diagnostics: $(cat "$T/err")" || return 1
    epubcheck_clean "$T/out/$p.epub" || return 1
    qpdf --check "$T/out/$p.pdf" > /dev/null || fail "$p: qpdf --check fails" || return 1
    all_fonts_embedded "$T/out/$p.pdf" || return 1
    python3 "$ROOT/tests/tools/pagemap.py" "$T/out/$p.pdf" "$T/out/$p.epub" > "$T/map" \
      || { cat "$T/map"; return 1; }
  done
}

test_pack_pdf_is_tagged() {
  # the reading PDF keeps its publications' tagged structure: headings,
  # paragraphs, tables, figures with their alternative text, the pack's
  # language; a screen reader follows a pack as it does a single report
  local p=seminar-2013-03-iiss-pack
  "$FOLIO" pack -o "$T/out" "$ROOT/manuscripts/packs/$p.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
  pdfinfo "$T/out/$p.pdf" | grep -q '^Tagged: *yes' || fail "$p.pdf is not tagged" || return 1
  pdfinfo -struct "$T/out/$p.pdf" > "$T/struct"
  local role
  for role in Document Div H1 H2 P Table TH TD Figure L LI; do
    grep -q "^ *$role\b" "$T/struct" || fail "$p.pdf: no $role element" || return 1
  done
  # one H1 per publication title at least, as in the publications' own PDFs
  [ "$(grep -c '^ *H1\b' "$T/struct")" -ge 3 ] || fail "$p.pdf: H1 elements: $(grep -c '^ *H1' "$T/struct")" \
    || return 1
  qpdf --qdf --object-streams=disable "$T/out/$p.pdf" "$T/qdf.pdf"
  grep -a -q "/Lang (en-GB)" "$T/qdf.pdf" || fail "$p.pdf: no /Lang" || return 1
  python3 - "$T/qdf.pdf" <<'PY' || fail "$p.pdf: the risk-environment figure has no /Alt" || return 1
import re, sys
alts = [bytes.fromhex(h.decode()).decode("utf-16")
        for h in re.findall(rb"/Alt <([0-9a-f]+)>", open(sys.argv[1], "rb").read())]
sys.exit(0 if any("risk environment of injecting drug use" in a for a in alts) else 1)
PY
  pdftotext "$T/out/$p.pdf" - | grep -q . || fail "$p.pdf: no text"
}

test_pack_booklet_is_a_spread() {
  # a booklet's two pages meet at the fold: one trim for the spread (the
  # sheet's TrimBox), crop marks at its outer corners, fold marks above and
  # below the spine, and nothing between the pages
  pack_fixture
  "$FOLIO" pack -o "$T/book" -f pdf --imposition booklet --marks --bleed 3mm "$T/ms/packs/fix.yaml" \
    2> "$T/err" || { cat "$T/err"; return 1; }
  pdfinfo -box -f 1 -l 1 "$T/book/fix.pdf" > "$T/boxes"
  pdftoppm -r 72 -f 1 -l 1 "$T/book/fix.pdf" "$T/side"
  python3 - "$T"/side*.ppm "$T/boxes" <<'PY' || fail "the booklet is not one spread: $(cat "$T/boxes")"
import os, sys
boxes = {l.split()[2].rstrip(":"): [float(v) for v in l.split()[3:]] for l in open(sys.argv[2]) if "Box" in l}
trim, bleedbox, media = boxes["TrimBox"], boxes["BleedBox"], boxes["MediaBox"]
w_pt, h_pt = trim[2] - trim[0], trim[3] - trim[1]
assert abs((trim[0] + trim[2]) / 2 - media[2] / 2) < 0.5, "spread not centred"
assert abs(w_pt / h_pt - 2 * 595.28 / 841.89) < 0.01, ("not two A4 pages side by side", w_pt, h_pt)
sys.path.insert(0, os.path.join(os.environ["ROOT"], "tests", "tools"))
from ppm import Image
img = Image(sys.argv[1])
w, h, dark = img.w, img.h, img.dark
bleed = round(trim[0] - bleedbox[0])
cx, top, bottom = round(media[2] / 2), round(h - trim[3]), round(h - trim[1])
left, right = round(trim[0]), round(trim[2])
# fold marks: above and below the spine, outside the bleed
assert any(dark(cx, top - k) for k in range(bleed + 4, bleed + 14)), "no fold mark at the top"
assert any(dark(cx, bottom + k) for k in range(bleed + 4, bleed + 14)), "no fold mark at the foot"
# crop marks at the outer corners only
assert any(dark(left - k, top) for k in range(bleed + 4, bleed + 14)), "no crop mark top left"
assert any(dark(right + k, bottom) for k in range(bleed + 4, bleed + 14)), "no crop mark foot right"
assert not any(dark(x, top - 1) or dark(x, top - bleed - 6) for x in range(cx - 40, cx + 41) if abs(x - cx) > 1), \
    "marks between the pages"
PY
}
