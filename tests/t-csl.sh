# t-csl.sh: the CSL processor. The CSL test suite's fixtures are read from
# the shared corpus at test time (never copied here); tests/csl-passing.txt
# lists the fixtures that pass, and any of those failing fails the test.
# Off-spec and experimental fixtures are reported, not counted.

CSL_TESTS=$CORPUS/csl-tests
CSL_LOCALES=$CORPUS/csl-locales

test_csl_fixtures() {
  [ -d "$CSL_TESTS" ] || fail "no fixtures at $CSL_TESTS" || return 1
  local out status
  out=$("$FOLIO" cite --fixtures "$CSL_TESTS" --locales "$CSL_LOCALES" 2>"$T/stderr"); status=$?
  [ "$status" -eq 0 ] || fail "folio cite --fixtures exited $status: $(tail -5 "$T/stderr")" || return 1
  printf '%s\n' "$out" > "$T/results"
  local summary total
  summary=$(grep '^csl fixtures: ' "$T/results")
  total=$(find "$CSL_TESTS" -maxdepth 1 -name '*.txt' | wc -l)
  grep -q "/$total pass" <<<"$summary" || fail "expected $total fixtures, got: $summary" || return 1
  echo "$summary"
  local regressed
  regressed=$(grep -v '^#' "$ROOT/tests/csl-passing.txt" | grep . | sort |
              comm -23 - <(awk '$1 == "PASS" {print $2}' "$T/results" | sort))
  [ -z "$regressed" ] || fail "listed as passing but failing now:" $regressed
}

test_csl_offspec_and_experiments() {
  local d out
  for d in off-spec experiments; do
    [ -d "$CSL_TESTS/$d" ] || continue
    out=$("$FOLIO" cite --fixtures "$CSL_TESTS/$d" --locales "$CSL_LOCALES" 2>/dev/null) ||
      fail "folio cite --fixtures $d crashed or failed" || return 1
    echo "$d: $(tail -1 <<<"$out" | sed 's/csl fixtures: //') (not counted)"
  done
}

test_csl_single_fixture_prints_result() {
  local f=$CSL_TESTS/name_WesternSimple.txt want got
  want=$(awk '/>>=+ *RESULT/{p=1;next} /<<=+ *RESULT/{p=0} p' "$f")
  got=$("$FOLIO" cite --fixture "$f" --locales "$CSL_LOCALES") || fail "exit $?" || return 1
  [ "$got" = "$want" ] || fail "got '$got', want '$want'"
}

test_csl_unreadable_fixture() {
  EXPECT='nope\.txt:1:1: error: cannot read file' expect_error cite --fixture "$T/nope.txt"
}

test_csl_recursive_macro() {
  cat > "$T/loop.csl" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <macro name="a">
    <text macro="b"/>
  </macro>
  <macro name="b">
    <group><text macro="a"/></group>
  </macro>
  <citation>
    <layout><text macro="a"/></layout>
  </citation>
</style>
EOF
  printf '[{"id": "x", "type": "book", "title": "T"}]\n' > "$T/one.json"
  EXPECT="loop\\.csl:7:12: error: macro 'a' calls itself" \
    expect_error cite --style "$T/loop.csl" --bib "$T/one.json" --locales "$CSL_LOCALES"
}

test_csl_bad_json_position() {
  printf '[\n  {"id": "a", "type": "book",\n   "title" "oops"}\n]\n' > "$T/bad.json"
  EXPECT='bad\.json:3:[0-9]+: error: invalid JSON' \
    expect_error cite --style apa --bib "$T/bad.json" --locales "$CSL_LOCALES"
}

test_csl_bad_style_xml() {
  printf '<style xmlns="http://purl.org/net/xbiblio/csl">\n  <citation>\n</style>\n' > "$T/bad.csl"
  printf '[]\n' > "$T/empty.json"
  EXPECT='bad\.csl:[0-9]+:[0-9]+: error: invalid XML' \
    expect_error cite --style "$T/bad.csl" --bib "$T/empty.json" --locales "$CSL_LOCALES"
}

# Every real style renders the real Zotero export (legacy field names,
# string years, literal names...) without errors, warnings or crashes.
test_csl_real_styles_real_data() {
  local bib=$CORPUS/bib/latin-greek-scientific-terminology.json s out
  for s in "$CORPUS"/csl-styles/*.csl apa chicago-author-date; do
    out=$("$FOLIO" cite --style "$s" --bib "$bib" --locales "$CSL_LOCALES" 2>"$T/err") ||
      fail "$s: exit $?: $(head -3 "$T/err")" || return 1
    [ ! -s "$T/err" ] || fail "$s: diagnostics: $(head -3 "$T/err")" || return 1
    [ "$(grep -c . <<<"$out")" -ge 210 ] || fail "$s: too little output" || return 1
    grep -q 'CSL STYLE ERROR' <<<"$out" && { fail "$s: an item rendered nothing"; return 1; }
  done
  # a shortTitle (Zotero's legacy name) serves as the short title
  out=$("$FOLIO" cite --style "$CORPUS/csl-styles/modern-language-association.csl" --bib "$bib" \
        --locales "$CSL_LOCALES") || return 1
  grep -q 'Dictionary of Word Roots and Combining Forms' <<<"$out" ||
    fail "MLA did not use shortTitle"
}

# A dependent style renders with its independent parent.
test_csl_dependent_style() {
  local dep
  dep=$(grep -l 'independent-parent' /usr/share/citation-style-language/styles/*.csl 2>/dev/null |
        head -1)
  [ -n "$dep" ] || return 0
  printf '[{"id": "a", "type": "book", "title": "A Book", "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [["2001"]]}}]\n' > "$T/a.json"
  "$FOLIO" cite --style "$dep" --bib "$T/a.json" > "$T/out" 2>"$T/err" ||
    fail "$dep: exit $?: $(cat "$T/err")" || return 1
  grep -q 'Doe' "$T/out" || fail "$dep: no author in $(cat "$T/out")"
}

# The processor's own cite options, through a fixture written here:
# suppress-author, author-only, folio's author-in-text, an unknown id.
test_csl_cite_modes() {
  cat > "$T/modes.txt" <<'EOF2'
>>===== MODE =====>>
citation
<<===== MODE =====<<
>>===== CITATION-ITEMS =====>>
[
  [{"id": "a", "locator": "12"}],
  [{"id": "a", "suppress-author": true}],
  [{"id": "b", "author-only": true}],
  [{"id": "b", "author-in-text": true, "locator": "3"}],
  [{"id": "nope"}]
]
<<===== CITATION-ITEMS =====<<
>>===== CSL =====>>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=", ">
        <names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
        <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
      </group>
    </layout>
  </citation>
</style>
<<===== CSL =====<<
>>===== INPUT =====>>
[{"id": "a", "type": "book", "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2001]]}},
 {"id": "b", "type": "book", "author": [{"family": "Roe", "given": "Rob"}], "issued": {"date-parts": [[1999]]}}]
<<===== INPUT =====<<
EOF2
  local got want
  got=$("$FOLIO" cite --fixture "$T/modes.txt" --locales "$CSL_LOCALES" 2>"$T/err") || fail "exit $?" || return 1
  want=$(printf '(Doe, 2001, p. 12)\n(2001)\nRoe\nRoe (1999, p. 3)\n(<b>nope?</b>)')
  [ "$got" = "$want" ] || fail "got: $got" || return 1
  grep -q "warning: no bibliography entry for 'nope'" "$T/err" || fail "no warning: $(cat "$T/err")"
}

# Hostile styles end in bounded time: macros that call the next one twice,
# thirty deep (2^30 calls), and elements nested far too deep.
test_csl_hostile_styles() {
  {
    echo '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
    for i in $(seq 0 29); do
      echo "<macro name=\"m$i\"><group><text macro=\"m$((i + 1))\"/><text macro=\"m$((i + 1))\"/></group></macro>"
    done
    echo '<macro name="m30"><text variable="title"/></macro>'
    echo '<citation><layout><text macro="m0"/></layout></citation></style>'
  } > "$T/wide.csl"
  printf '[{"id": "x", "type": "book", "title": "T"}]\n' > "$T/one.json"
  timeout 60 "$FOLIO" cite --style "$T/wide.csl" --bib "$T/one.json" --locales "$CSL_LOCALES" \
    >/dev/null 2>"$T/err" || fail "wide macros: exit $?" || return 1
  grep -q 'warning: .*steps to render' "$T/err" || fail "no step-limit warning: $(cat "$T/err")" || return 1
  {
    echo '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout>'
    for i in $(seq 1 150); do printf '<group>'; done
    printf '<text variable="title"/>'
    for i in $(seq 1 150); do printf '</group>'; done
    echo '</layout></citation></style>'
  } > "$T/deep.csl"
  EXPECT='deep\.csl:[0-9]+:[0-9]+: error: style elements nested more than [0-9]+ levels deep' \
    expect_error cite --style "$T/deep.csl" --bib "$T/one.json" --locales "$CSL_LOCALES"
}

# Rich text reaches the document model: italics, quotes, links.
test_csl_doc_inlines() {
  printf '[{"id": "a", "type": "article-journal", "title": "The <i>Homo sapiens</i> story", "container-title": "Nature", "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2001]]}, "URL": "http://x.org/a"}]\n' > "$T/d.json"
  "$FOLIO" cite --style "$CORPUS/csl-styles/apa.csl" --bib "$T/d.json" --locales "$CSL_LOCALES" \
    --dump=doc > "$T/out" || fail "exit $?" || return 1
  grep -q 'emph' "$T/out" && grep -q 'text "Homo sapiens"' "$T/out" &&
    grep -q 'link "http://x.org/a"' "$T/out" || fail "unexpected dump: $(cat "$T/out")"
}
