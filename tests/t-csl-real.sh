# t-csl-real.sh: the CSL processor against real styles. The series' own
# references (tests/csl-real/refs.bib, copied from manuscripts/references.bib)
# are cited and listed in the styles folio ships (Debian's
# citation-style-language-styles, with its locales), and the output is
# compared with expectations written by hand from each style's guide (APA 7,
# Chicago 17 author-date and notes, IEEE, MLA 9, OSCOLA 4, Cite Them Right):
# tests/csl-real/STYLE.txt. Where a CSL style knowingly departs from its
# guide, the expectation follows the style (a CSL processor must) and the
# golden file says so next to the case.
#
# Golden file format (one directive per line, '#' comments):
#   style NAME UPDATED    the style, and its <updated> stamp the expectations
#                         were derived from (a newer style fails the test: re-
#                         derive the expectations from the guide)
#   cite JSON             one citation: an array of cites (see csl_try.c);
#                         citations are numbered in order, each in a footnote
#                         of its own in a note style
#   want TEXT             what that citation renders as; in a note style
#                         "Author^[rest]" is pandoc's @key: the author in the
#                         text, the rest in the note
#   bib TEXT              the bibliography entries, in the style's order
# TEXT is plain text with <i>...</i> (and <b>, <sup>, small caps as
# <span style="font-variant:small-caps;">) as the processor's html output has
# them; & < > are written as themselves.

CSL_REAL=$ROOT/tests/csl-real
CSL_SYSTEM_STYLES=/usr/share/citation-style-language/styles

# csl_real_html_to_text: one rendered citation or entry (html renderer) as
# golden-file text: entities decoded, a flush-aligned number ("[1]") joined
# to its entry by a space.
csl_real_html_to_text() {
  sed -e 's|^ *||' -e 's| *</div> *$||' \
      -e 's|^<div class="csl-left-margin">\([^<]*\)</div><div class="csl-right-inline">\(.*\)</div>$|\1 \2|' \
      -e 's|&#60;|<|g' -e 's|&#62;|>|g' -e 's|&#38;|\&|g'
}

# csl_real_check STYLE: renders tests/csl-real/STYLE.txt's citations and the
# bibliography they make, and compares them with its expectations.
csl_real_check() {
  local golden=$CSL_REAL/$1.txt name updated file now
  [ -f "$golden" ] || fail "no $golden" || return 1
  read -r _ name updated < <(grep -m1 '^style ' "$golden")
  file=$CSL_SYSTEM_STYLES/$name.csl
  [ -f "$file" ] || fail "style $name is not installed ($file)" || return 1
  now=$(grep -m1 -o '<updated>[^<]*' "$file" | sed 's/<updated>//')
  [ "$now" = "$updated" ] ||
    fail "$file was updated ($now, expectations are for $updated): re-derive $golden from the style guide" ||
    return 1

  # the citations, as one JSON array; the expectations, numbered
  local n=0 kind rest line
  {
    echo '['
    grep '^cite ' "$golden" | sed -e 's/^cite //' -e '$!s/$/,/'
    echo ']'
  } > "$T/cites.json"
  : > "$T/want"
  while IFS= read -r line; do
    kind=${line%% *}; rest=${line#* }
    case $kind in
      want) n=$((n + 1)); printf 'citation %d: %s\n' "$n" "$rest" >> "$T/want" ;;
      bib) printf 'entry: %s\n' "$rest" >> "$T/want" ;;
    esac
  done < <(grep -E '^(want|bib) ' "$golden")
  [ "$n" -eq "$(grep -c '^cite ' "$golden")" ] ||
    fail "$golden: every 'cite' needs one 'want'" || return 1

  "$FOLIO" cite --style "$name" --bib "$CSL_REAL/refs.bib" --cites "$T/cites.json" \
    > "$T/html" 2> "$T/err" || fail "folio cite --style $name exited $?: $(head -5 "$T/err")" ||
    return 1
  [ ! -s "$T/err" ] || fail "diagnostics: $(head -5 "$T/err")" || return 1
  # citations: one a line before the bibliography; entries: split at their
  # opening div (an entry with display blocks spans several lines)
  sed '/^<div class="csl-bib-body">$/,$d' "$T/html" | csl_real_html_to_text |
    awk '{printf "citation %d: %s\n", NR, $0}' > "$T/got"
  { sed -n '/^<div class="csl-bib-body">$/,$p' "$T/html" | sed '1d;$d' | tr -d '\n'; echo; } |
    sed 's|<div class="csl-entry">|\n|g' | sed '1d' | csl_real_html_to_text |
    sed 's/^/entry: /' >> "$T/got"
  diff -u --label "expected ($golden)" --label "folio cite --style $name" "$T/want" "$T/got" ||
    fail "$name: output differs from the expectations (- expected, + folio)"
}

test_csl_real_apa() { csl_real_check apa; }
test_csl_real_chicago_author_date() { csl_real_check chicago-author-date; }
test_csl_real_chicago_fullnote() { csl_real_check chicago-fullnote-bibliography; }
test_csl_real_ieee() { csl_real_check ieee; }
test_csl_real_mla() { csl_real_check modern-language-association; }
test_csl_real_oscola() { csl_real_check oscola; }
test_csl_real_harvard() { csl_real_check harvard-cite-them-right; }

# The test entries are the series' own, byte for byte.
test_csl_real_refs_in_sync() {
  local key entry orig bad=
  for key in $(grep -o '^@[a-z]*{[^,]*' "$CSL_REAL/refs.bib" | sed 's/.*{//'); do
    entry=$(awk -v k="$key" '$0 ~ "^@[a-z]*\\{" k "," {p=1} p {print} p && /^}/ {exit}' \
            "$CSL_REAL/refs.bib")
    orig=$(awk -v k="$key" '$0 ~ "^@[a-z]*\\{" k "," {p=1} p {print} p && /^}/ {exit}' \
           "$ROOT/manuscripts/references.bib")
    [ "$entry" = "$orig" ] || bad="$bad $key"
  done
  [ -z "$bad" ] || fail "tests/csl-real/refs.bib differs from manuscripts/references.bib for:$bad"
}

# folio cite --cites: errors at their position, unknown keys as warnings.
test_csl_real_cites_file_errors() {
  printf '[\n  [{"id": "gcdp2011war"}],\n  [{"id" "x"}]\n]\n' > "$T/bad.json"
  EXPECT='bad\.json:3:[0-9]+: error: invalid JSON' \
    expect_error cite --style apa --bib "$CSL_REAL/refs.bib" --cites "$T/bad.json" || return 1
  printf '[[{"locator": "2"}]]\n' > "$T/noid.json"
  EXPECT='noid\.json:1:1: error: citation 1: cite 1 has no "id"' \
    expect_error cite --style apa --bib "$CSL_REAL/refs.bib" --cites "$T/noid.json" || return 1
  printf '[[{"id": "nope"}], {"note": 3, "cites": [{"id": "gcdp2011war"}]}]\n' > "$T/unknown.json"
  local out
  out=$("$FOLIO" cite --style apa --bib "$CSL_REAL/refs.bib" --cites "$T/unknown.json" 2>"$T/err") ||
    fail "exit $?: $(cat "$T/err")" || return 1
  grep -q "unknown\.json:1:1: warning: no bibliography entry for 'nope'" "$T/err" ||
    fail "no warning: $(cat "$T/err")" || return 1
  [ "$(sed -n 2p <<<"$out")" = "(Global Commission on Drug Policy, 2011)" ] ||
    fail "object form: $out"
}
