# t-pdf.sh: the PDF as its readers and their tools see it, for the series and
# for stress documents written to break each rule (tests/pdf/*.md: many and
# long notes, notes in notes and in split table rows, long and wide tables,
# every block, images, headings near page ends, Spanish and French text, a
# language without a hyphenation dictionary; a5-two-sided.yaml sets them on
# A5, mirrored, numbered, each section on a new page). tests/pdf/check.py
# checks one PDF against its manuscript; each test reads its own check's lines.

PDF_STRESS="notes tables blocks espanol francais klingon"
PDF_A5="notes blocks"

pdf_build() { # builds the stress documents once per binary into $WORK/pdf-<binary>
  local dir=$WORK/pdf-$(basename "$(dirname "$FOLIO")") d files=() a5=()
  if [ ! -f "$dir/.done" ]; then
    mkdir -p "$dir/a5"
    for d in $PDF_STRESS; do files+=("tests/pdf/$d.md"); done
    for d in $PDF_A5; do a5+=("tests/pdf/$d.md"); done
    (cd "$ROOT" && "$FOLIO" build -f pdf -o "$dir" "${files[@]}") 2> "$dir/stderr" \
      || { cat "$dir/stderr"; return 1; }
    (cd "$ROOT" && "$FOLIO" build -f pdf -o "$dir/a5" --style tests/pdf/a5-two-sided.yaml "${a5[@]}") \
      2> "$dir/a5/stderr" || { cat "$dir/a5/stderr"; return 1; }
    touch "$dir/.done"
  fi
  PDFS=$dir
}

# pdf_checks: runs check.py over the series and the stress documents, once per
# binary, two at a time; CHECKS names the file of lines "DOC CHECK ok|FAIL ...".
pdf_checks() {
  series_build || return 1
  pdf_build || return 1
  CHECKS=$PDFS/checks.txt
  [ -f "$CHECKS" ] && return 0
  local jobs=$PDFS/jobs name hyph
  : > "$jobs"
  for name in $(manuscript_names); do # English and Spanish must hyphenate
    case $name in police-harm-reduction|curso-policia-peru) hyph=yes ;; *) hyph=any ;; esac
    echo "$name manuscripts/$name.md $SERIES/$name.pdf styles/briefing.yaml $hyph" >> "$jobs"
  done
  for name in $PDF_STRESS; do
    [ "$name" = klingon ] && hyph=no || hyph=yes
    echo "$name tests/pdf/$name.md $PDFS/$name.pdf styles/briefing.yaml $hyph" >> "$jobs"
  done
  for name in $PDF_A5; do
    echo "a5/$name tests/pdf/$name.md $PDFS/a5/$name.pdf tests/pdf/a5-two-sided.yaml yes" >> "$jobs"
  done
  # one job a line: NAME MANUSCRIPT PDF STYLE HYPHENS (no spaces in any of them)
  (cd "$ROOT" && xargs -P 2 -n 1 -d '\n' bash -c 'set -- $0
      python3 tests/pdf/check.py --style "$4" --hyphens "$5" "$2" "$3" > "$3.check" 2>&1
      sed "s|^|$1 |" "$3.check"' < "$jobs") > "$CHECKS.tmp"
  mv "$CHECKS.tmp" "$CHECKS"
}

# check_passes NAME [MIN]: every document's NAME check passed (and was run for
# all 19 documents).
check_passes() {
  pdf_checks || return 1
  local n bad
  n=$(grep -c " $1 \(ok\|FAIL\)" "$CHECKS")
  bad=$(grep " $1 FAIL" "$CHECKS")
  [ -z "$bad" ] || fail "$bad" || return 1
  [ "$n" -ge 19 ] || fail "the $1 check ran for only $n documents: $(grep -v " ok " "$CHECKS" | head -5)"
}

test_pdf_footnotes_on_the_page_of_their_reference() {
  check_passes notes || return 1
  # the stress document really has them: nested notes, notes in a split row
  grep -q "^notes notes ok 5[0-9] notes checked" "$CHECKS" || fail "notes.md: $(grep '^notes notes' "$CHECKS")"
}

test_pdf_no_page_ends_with_a_heading() { check_passes headings; }

test_pdf_no_line_overflows_the_text_block() { check_passes bbox; }

test_pdf_no_words_overlap() { check_passes overlap; }

test_pdf_long_tables_repeat_their_header() {
  check_passes tables || return 1
  grep -q "^tables tables ok [1-9][0-9]* tables span pages" "$CHECKS" \
    || fail "the long table of tables.md spans no pages: $(grep '^tables tables' "$CHECKS")"
}

test_pdf_outline_has_one_entry_per_heading() { check_passes outline; }

test_pdf_words_of_the_manuscript_in_order() { check_passes words; }

test_pdf_hyphenation_rules() { check_passes hyphens; }

test_pdf_hyphenation_by_language() {
  pdf_checks || return 1
  local d count
  for d in police-harm-reduction curso-policia-peru notes espanol francais a5/blocks; do
    count=$(grep "^$d hyphens" "$CHECKS" | awk '{print $4}')
    [ "${count:-0}" -gt 0 ] || fail "$d: no hyphenated line ends" || return 1
  done
  grep -q "^klingon hyphens ok 0 " "$CHECKS" || fail "klingon.md: $(grep '^klingon hyphens' "$CHECKS")" || return 1
  [ "$(grep -c "no hyphenation dictionary" "$PDFS/stderr")" -eq 1 ] \
    || fail "expected one warning, got: $(cat "$PDFS/stderr")" || return 1
  grep -qx "tests/pdf/klingon.md:1:1: warning: no hyphenation dictionary for 'tlh'" "$PDFS/stderr" \
    || fail "warning: $(cat "$PDFS/stderr")"
}

test_pdf_no_hyphens_in_code_or_urls() {
  pdf_checks || return 1
  ! grep -E "hyphens FAIL.*(URL or code|code hyphenated)" "$CHECKS" || return 1
  local t
  # the long identifiers and addresses of the stress documents are whole
  t=$(pdftotext -raw "$PDFS/blocks.pdf" - | tr -d '\n')
  grep -qF "maximum_retention_period_days" <<<"$t" || fail "blocks.md: the code span is broken" || return 1
  grep -qF "tiempo_maximo_de_retencion_en_dias" <(pdftotext -raw "$PDFS/espanol.pdf" - | tr -d '\n') \
    || fail "espanol.md: the code span is broken"
}

test_pdf_qpdf_check_and_fonts_embedded() {
  series_build && pdf_build || return 1
  local f ok=0
  for f in "$SERIES"/*.pdf "$PDFS"/*.pdf "$PDFS"/a5/*.pdf; do
    qpdf --check "$f" > "$T/qpdf" 2>&1 || { echo "qpdf $f:"; tail -3 "$T/qpdf"; ok=1; }
    all_fonts_embedded "$f" || ok=1
    [ -z "$(pdffonts "$f" | awk 'NR > 2 && $(NF-3) != "yes"')" ] || { echo "$f: a font is not subset"; ok=1; }
  done
  return $ok
}

test_pdf_tagged_structure() {
  pdf_build || return 1
  local s role
  s=$(pdfinfo -struct "$PDFS/blocks.pdf" 2>&1)
  for role in Document Div H1 H2 H3 P L LI Lbl LBody BlockQuote Code Figure Caption; do
    grep -q "^ *$role\b" <<<"$s" || fail "blocks.pdf: no $role element" || return 1
  done
  s=$(pdfinfo -struct "$PDFS/tables.pdf" 2>&1)
  for role in Table TR TH TD Caption Link; do
    grep -q "^ *$role\b" <<<"$s" || fail "tables.pdf: no $role element" || return 1
  done
  grep -q "^ *Note\b" <(pdfinfo -struct "$PDFS/notes.pdf" 2>&1) || fail "notes.pdf: no Note element" || return 1
  # alternative text on the three figures and the two inline images, the language
  qpdf --qdf --object-streams=disable "$PDFS/blocks.pdf" "$T/qdf.pdf" || return 1
  [ "$(grep -a -c '/Alt ' "$T/qdf.pdf")" -ge 5 ] || fail "blocks.pdf: $(grep -a -c '/Alt ' "$T/qdf.pdf") /Alt entries, want 5" || return 1
  grep -a -q "/Lang (en-GB)" "$T/qdf.pdf" || fail "blocks.pdf: no /Lang"
}

test_pdf_images_png_jpeg_svg_and_inline() {
  pdf_build || return 1
  local list
  list=$(pdfimages -list "$PDFS/blocks.pdf")
  grep -q " jpeg " <<<"$list" || fail "the JPEG is not embedded as JPEG: $list" || return 1
  [ "$(grep -c " image " <<<"$list")" -ge 3 ] || fail "want the chart and two inline icons: $list" || return 1
  # the inline images' descriptions are alternative text, not printed text
  ! pdftotext "$PDFS/blocks.pdf" - | grep -q "a red dot" || fail "an inline image printed its description"
}

test_pdf_running_head_shows_title_and_section() {
  pdf_build || return 1
  local p3
  p3=$(pdftotext -f 3 -l 3 -layout "$PDFS/notes.pdf" - | head -3)
  grep -q "Stress test: footnotes" <<<"$p3" || fail "no short title in the head: $p3" || return 1
  grep -q "Many short notes" <<<"$p3" || fail "no section in the head: $p3" || return 1
  # the title page has none
  ! pdftotext -f 1 -l 1 -layout "$PDFS/notes.pdf" - | head -2 | grep -q "Many short notes" \
    || fail "the title page has a running head"
}

test_pdf_h1_new_page_and_two_sided() {
  pdf_build || return 1
  local pdf=$PDFS/a5/blocks.pdf first p n pages h
  # page 1 holds the title block and the first section, not the title alone
  first=$(pdftotext -f 1 -l 1 "$pdf" -)
  grep -q "Stress test: blocks" <<<"$first" && grep -q "^1 Lists" <<<"$first" \
    || fail "page 1: $(head -c 300 <<<"$first")" || return 1
  # every other level-1 section opens a page
  pages=$(pdf_pages "$pdf")
  for h in "2 Quotes and code" "3 Figures" "4 Images in running text"; do
    n=0
    for p in $(seq 2 "$pages"); do
      [ "$(pdftotext -raw -f "$p" -l "$p" "$pdf" - | head -1)" = "$h" ] && n=$p
    done
    [ "$n" -gt 0 ] || fail "'$h' opens no page" || return 1
  done
  # mirrored margins: text starts further right on odd pages (inner 20mm, outer 13mm)
  local odd even
  odd=$(pdftotext -bbox -f 3 -l 3 "$pdf" - | grep -o 'xMin="[0-9.]*"' | tr -dc '0-9.\n' | sort -n | head -1)
  even=$(pdftotext -bbox -f 2 -l 2 "$pdf" - | grep -o 'xMin="[0-9.]*"' | tr -dc '0-9.\n' | sort -n | head -1)
  awk -v o="$odd" -v e="$even" 'BEGIN { exit !(o - e > 19 && o - e < 21) }' \
    || fail "left text edge: odd page $odd, even page $even (want 7mm apart)"
}

test_pdf_wide_table_is_set_smaller() {
  pdf_build || return 1
  # pdftotext's word boxes are as tall as the font: the wide table's words are
  # smaller than the long table's (the table size), and none is clipped
  python3 - "$PDFS/tables.pdf" <<'EOF' || return 1
import re, subprocess, sys
xml = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True).stdout
h = {}
for y0, y1, t in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', xml):
    h.setdefault(t, float(y1) - float(y0))
wide, normal = h.get("Voluntary"), h.get("Monitored")
if not wide or not normal or wide > 0.8 * normal:
    sys.exit("wide table words %s pt tall, long table words %s pt" % (wide, normal))
EOF
}

test_pdf_reproducible() {
  pdf_build || return 1
  (cd "$ROOT" && "$FOLIO" build -f pdf -o "$T" tests/pdf/notes.md tests/pdf/blocks.md) || return 1
  cmp "$PDFS/notes.pdf" "$T/notes.pdf" && cmp "$PDFS/blocks.pdf" "$T/blocks.pdf"
}
