# t-resolve.sh: cross-references and citations, resolved once for both
# outputs: the same words in the PDF text and the EPUB's XHTML.

# resolve_build NAME [args]: builds tests/resolve/NAME.md into $T, keeping stderr.
resolve_build() {
  local name=$1; shift
  (cd "$ROOT/tests/resolve" && "$FOLIO" build -o "$T" "$@" "$name.md") 2> "$T/$name.err"
}

pdf_text() { pdftotext -layout "$T/$1.pdf" - | tr -s ' \n' ' '; }
epub_text() { unzip -p "$T/$1.epub" '*.xhtml' | sed 's/<[^>]*>//g; s/\xc2\xa0/ /g' | tr -s ' \n' ' '; }

test_resolve_xrefs_same_in_pdf_and_epub() {
  resolve_build crossrefs || { cat "$T/crossrefs.err"; return 1; }
  local pdf epub want
  pdf=$(pdf_text crossrefs); epub=$(epub_text crossrefs)
  for want in "See Table 1 and Tables 1 and 2" "Figure 1" "“Method”" "Table 1: Costs" \
              "Table 2: Other costs"; do
    grep -qF "$want" <<<"$pdf" || fail "PDF lacks '$want'" || return 1
    grep -qF "$want" <<<"$epub" || fail "EPUB lacks '$want'" || return 1
  done
  grep -q "crossrefs.md:11:16: warning: unresolved reference '@fig:nowhere'" "$T/crossrefs.err" \
    || fail "no warning for @fig:nowhere: $(cat "$T/crossrefs.err")" || return 1
  grep -qF "A missing one: ??" <<<"$pdf" || fail "unresolved reference not shown as ??"
}

test_resolve_duplicate_label_is_an_error() {
  EXPECT="duplicate\\.md:9:1: error: label 'sec:a' is already used at line 5, column 1"
  (cd "$ROOT/tests/resolve" && expect_error build -o "$T" duplicate.md) || return 1
  [ ! -e "$T/duplicate.pdf" ] || fail "output written despite the error"
}

test_resolve_citations_author_date() {
  resolve_build crossrefs || { cat "$T/crossrefs.err"; return 1; }
  local pdf epub want
  pdf=$(pdf_text crossrefs); epub=$(epub_text crossrefs)
  for want in "(Kennedy 2009, 12)" "(see Kennedy 2009, chap. 2)" "Hughes and Stevens (2010, 1001)" "??nobody2020" "References" \
              "Kennedy, David M. 2009. Deterrence and Crime Prevention"; do
    grep -qF "$want" <<<"$pdf" || fail "PDF lacks '$want'" || return 1
    grep -qF "$want" <<<"$epub" || fail "EPUB lacks '$want'" || return 1
  done
  grep -q "warning: no bibliography entry for 'nobody2020'" "$T/crossrefs.err" \
    || fail "no warning for the unknown key"
}

test_resolve_citations_strict() {
  EXPECT="unknown-key\\.md:6:9: error: no bibliography entry for 'nobody2020'"
  (cd "$ROOT/tests/resolve" && expect_error build -o "$T" --strict unknown-key.md) || return 1
  [ ! -e "$T/unknown-key.pdf" ] || fail "output written despite the error"
}

test_resolve_note_style_makes_footnotes() {
  resolve_build crossrefs --csl chicago-fullnote-bibliography || { cat "$T/crossrefs.err"; return 1; }
  # the citation is now a numbered note at the page foot, in both outputs
  pdftotext -f 1 -l 1 "$T/crossrefs.pdf" - | grep -Eq "^1 ?David M\. Kennedy, Deterrence and Crime Prevention" \
    || fail "no footnote with the Kennedy citation on page 1: $(pdftotext -f 1 -l 1 "$T/crossrefs.pdf" - | tail -8)" || return 1
  unzip -p "$T/crossrefs.epub" '*.xhtml' | grep -q 'epub:type="footnote".*Kennedy' \
    || unzip -p "$T/crossrefs.epub" '*.xhtml' | tr '\n' ' ' | grep -q 'epub:type="footnote"[^§]*David M. Kennedy' \
    || fail "no EPUB footnote with the citation"
}

test_resolve_every_manuscript_cites_cleanly() {
  series_build || return 1
  local name ok=0 txt
  for name in $(manuscript_names); do
    txt=$(pdftotext "$SERIES/$name.pdf" - | tr '\n' ' ')
    if grep -Eq '\[@|\[-@|@[a-z]+[0-9]{4}|@(fig|tbl|sec|box):' <<<"$txt"; then
      echo "$name: unrendered citation or reference: $(grep -Eo '.{20}(\[-?@|@[a-z]+[0-9]{4}|@(fig|tbl|sec|box):).{20}' <<<"$txt" | head -2)"; ok=1
    fi
    grep -Eq "References|Referencias" <<<"$txt" || { echo "$name: no bibliography"; ok=1; }
    txt=$(unzip -p "$SERIES/$name.epub" '*.xhtml' | sed 's/<[^>]*>//g' | tr '\n' ' ')
    if grep -Eq '\[@|\[-@|@[a-z]+[0-9]{4}|@(fig|tbl|sec|box):' <<<"$txt"; then
      echo "$name: unrendered citation or reference in the EPUB"; ok=1
    fi
    grep -q 'class="csl-entry"' <(unzip -p "$SERIES/$name.epub" '*.xhtml') \
      || { echo "$name: no bibliography entries in the EPUB"; ok=1; }
  done
  return $ok
}

test_resolve_front_matter_references() {
  resolve_build yaml-references || { cat "$T/yaml-references.err"; return 1; }
  local pdf
  pdf=$(pdf_text yaml-references)
  grep -qF "(Global Commission on Drug Policy 2011, 2)" <<<"$pdf" || fail "citation not rendered: $pdf" || return 1
  grep -qF "Rio de Janeiro: Global Commission on Drug Policy" <<<"$pdf" || fail "entry not rendered"
}

test_resolve_link_citations() {
  resolve_build link-citations || { cat "$T/link-citations.err"; return 1; }
  unzip -p "$T/link-citations.epub" '*.xhtml' | grep -q '<a href="[^"]*#ref-kennedy2009deterrence"' \
    || fail "EPUB citation is not linked to its entry" || return 1
  unzip -p "$T/link-citations.epub" '*.xhtml' | grep -q '<p id="ref-kennedy2009deterrence" class="csl-entry"' \
    || fail "EPUB entry has no id" || return 1
  [ "$(qpdf --qdf --object-streams=disable "$T/link-citations.pdf" - 2>/dev/null | grep -ac 'ref-kennedy2009deterrence')" -ge 2 ] \
    || fail "PDF has no link and destination for the entry"
}

test_resolve_xref_words_by_language() {
  resolve_build espanol || { cat "$T/espanol.err"; return 1; }
  local pdf
  pdf=$(pdf_text espanol)
  grep -qF "Véase la tabla 1. Tabla 1 resume" <<<"$pdf" || fail "Spanish references wrong: $pdf" || return 1
  grep -qF "Tabla 1: Costes" <<<"$pdf" || fail "Spanish caption wrong: $pdf"
}

test_resolve_xref_ranges() {
  # [@fig:a-@fig:c] names a range; three or more numbers in sequence collapse
  # into one; two stay "1 and 2"; @Fig: capitalises; a prefix is kept
  resolve_build ranges || { cat "$T/ranges.err"; return 1; }
  local pdf epub want
  pdf=$(pdf_text ranges); epub=$(epub_text ranges)
  for want in "The charts Figures 1–3 come first; Figures 1–3 and 5 repeat" \
              "Figures 1 and 2 start a sentence; see Figures 4–5 too." \
              "Sections “Figures” and “More” are sections"; do
    grep -qF "$want" <<<"$pdf" || fail "PDF lacks '$want': $pdf" || return 1
    grep -qF "$want" <<<"$epub" || fail "EPUB lacks '$want': $epub" || return 1
  done
  [ ! -s "$T/ranges.err" ] || fail "unexpected diagnostics: $(cat "$T/ranges.err")" || return 1
  # each end of a range is a link to its figure
  unzip -p "$T/ranges.epub" '*.xhtml' | grep -q 'href="[^"]*#fig:a"[^>]*>1</a>–<a[^>]*href="[^"]*#fig:c"[^>]*>3</a>' \
    || fail "EPUB range ends are not links to fig:a and fig:c"
}

test_resolve_label_words_from_style() {
  # the house style's label words replace the language's, in references,
  # captions and the list of figures alike
  { cat "$ROOT/styles/briefing.yaml"; printf 'label-figure: Fig.\nlabel-figures: Figs.\nlabel-section: Part\nheading-numbers: true\n'; } > "$T/style.yaml"
  resolve_build ranges --style "$T/style.yaml" || { cat "$T/ranges.err"; return 1; }
  local pdf epub want
  pdf=$(pdf_text ranges); epub=$(epub_text ranges)
  for want in "The charts Figs. 1–3 come first" "Fig. 1: First"; do
    grep -qF "$want" <<<"$pdf" || fail "PDF lacks '$want': $pdf" || return 1
    grep -qF "$want" <<<"$epub" || fail "EPUB lacks '$want': $epub" || return 1
  done
  grep -qF "Sections 1 and 2 are" <<<"$pdf" || fail "label-sections unset should keep 'Sections': $pdf"
}
