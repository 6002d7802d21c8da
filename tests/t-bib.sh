# t-bib.sh: the BibTeX/BibLaTeX reader (src/resolve/bib_tex*.c, latex.c),
# through `folio bib --dump FILE`, which prints the items as CSL-JSON.
# Golden files: each tests/bib/NAME.bib is dumped and compared with
# tests/bib/NAME.json. To accept a new dump after a deliberate change:
#   build/folio bib --dump tests/bib/NAME.bib > tests/bib/NAME.json

# CSL 1.0.2's item types (the specification's appendix "Types").
CSL_TYPES=" article article-journal article-magazine article-newspaper bill book broadcast
  chapter classic collection dataset document entry entry-dictionary entry-encyclopedia event
  figure graphic hearing interview legal_case legislation manuscript map motion_picture
  musical_score pamphlet paper-conference patent performance periodical
  personal_communication post post-weblog regulation report review review-book software song
  speech standard thesis treaty webpage "

# bib_folio: a wrapper of $FOLIO that gives up after 60 s, so a hang fails
# the test instead of stalling the suite (for expect_error: FOLIO=$(bib_folio)).
bib_folio() {
  printf '#!/bin/sh\nexec timeout 60 "%s" "$@"\n' "$FOLIO" > "$T/folio-timeout"
  chmod +x "$T/folio-timeout"
  echo "$T/folio-timeout"
}

# bib_types FILE.json: the "type" of every item, one a line.
bib_types() { sed -n 's/^    "type" : "\(.*\)",\{0,1\}$/\1/p' "$1"; }

# bib_check_types FILE.json: every item has a CSL 1.0.2 type.
bib_check_types() {
  local t bad=0 types
  types=" $(echo $CSL_TYPES) " # one line, single spaces
  while read -r t; do
    [[ $types == *" $t "* ]] || { echo "not a CSL type: '$t'"; bad=1; }
  done < <(bib_types "$1")
  return $bad
}

test_bib_golden_dumps() {
  local bib want got ok=0
  for bib in "$ROOT"/tests/bib/*.bib; do
    want=${bib%.bib}.json
    got=$T/$(basename "${bib%.bib}").json
    (cd "$ROOT/tests/bib" && "$FOLIO" bib --dump "$(basename "$bib")") > "$got" 2>"$T/err" \
      || { echo "$(basename "$bib"): folio failed: $(cat "$T/err")"; ok=1; continue; }
    [ ! -s "$T/err" ] || { echo "$(basename "$bib") warns: $(cat "$T/err")"; ok=1; }
    if ! diff -u "$want" "$got" > "$T/diff"; then
      echo "$(basename "$bib"): dump differs:"; head -40 "$T/diff"; ok=1
    fi
  done
  return $ok
}

test_bib_biblatex_examples_load() {
  local bib=$CORPUS/bib/biblatex-examples.bib entries items
  [ -f "$bib" ] || fail "missing $bib" || return 1
  "$FOLIO" bib --dump "$bib" > "$T/ex.json" 2>"$T/err" || fail "load failed: $(cat "$T/err")" || return 1
  [ ! -s "$T/err" ] || fail "warnings: $(head "$T/err")" || return 1
  # every @entry except @string, @preamble, @comment (and @xdata, none here) is an item
  entries=$(grep -ciE '^[[:space:]]*@[a-z]+[[:space:]]*[{(]' "$bib")
  entries=$((entries -
    $(grep -ciE '^[[:space:]]*@(string|preamble|comment|xdata)[[:space:]]*[{(]' "$bib")))
  items=$(bib_types "$T/ex.json" | wc -l)
  [ "$items" -eq "$entries" ] || fail "$items items for $entries entries" || return 1
  [ "$items" -ge 90 ] || fail "only $items items" || return 1
  bib_check_types "$T/ex.json" || return 1
  # spot checks on real entries
  grep -q '"family" : "Aksın"' "$T/ex.json" || fail "accents in aksin" || return 1
  grep -q '"publisher-place" : "France, United Kingdom and Germany"' "$T/ex.json" \
    || fail "patent country keys" || return 1
  grep -q '"container-title" : "Space and Beyond: The Frontier Theme in Science Fiction"' \
    "$T/ex.json" || fail "crossref westfahl:space" || return 1
}

test_bib_every_entry_type_maps() {
  local bib=$ROOT/tests/bib/types.bib n_types n_items
  "$FOLIO" bib --dump "$bib" > "$T/types.json" 2>"$T/err" || fail "$(cat "$T/err")" || return 1
  [ ! -s "$T/err" ] || fail "warnings: $(cat "$T/err")" || return 1
  bib_check_types "$T/types.json" || return 1
  # one item per entry, except @xdata
  n_types=$(grep -c '^@' "$bib")
  n_items=$(bib_types "$T/types.json" | wc -l)
  [ "$n_items" -eq $((n_types - 1)) ] || fail "$n_items items for $n_types entries" || return 1
}

test_bib_series_references_load_clean() {
  local bib=$ROOT/manuscripts/references.bib entries items
  "$FOLIO" bib --dump "$bib" > "$T/refs.json" 2>"$T/err" || fail "$(cat "$T/err")" || return 1
  [ ! -s "$T/err" ] || fail "references.bib warns: $(head "$T/err")" || return 1
  entries=$(grep -c '^@' "$bib")
  items=$(bib_types "$T/refs.json" | wc -l)
  [ "$items" -eq "$entries" ] || fail "$items items for $entries entries" || return 1
  bib_check_types "$T/refs.json" || return 1
  grep -q '"literal" : "American Civil Liberties Union"' "$T/refs.json" \
    || fail "corporate author not literal" || return 1
}

test_bib_circular_crossref_is_an_error() {
  printf '@book{a, crossref = {b}, title = {A}}\n@book{b, crossref = {c}}\n@book{c, crossref = {a}}\n' \
    > "$T/cycle.bib"
  EXPECT="^$T/cycle.bib:3:10: error: circular crossref: 'a' -> 'b' -> 'c' -> 'a'" \
    FOLIO=$(bib_folio) expect_error bib --dump "$T/cycle.bib" || return 1
  printf '@inbook{self, crossref = {self}}\n' > "$T/self.bib"
  EXPECT="circular crossref: 'self' -> 'self'" FOLIO=$(bib_folio) \
    expect_error bib --dump "$T/self.bib" || return 1
  printf '@xdata{x, xdata = {y}}\n@xdata{y, xdata = {x}}\n' > "$T/xdata.bib"
  EXPECT="circular xdata" FOLIO=$(bib_folio) expect_error bib --dump "$T/xdata.bib" || return 1
}

test_bib_crossref_chain_limit() {
  local i
  for ((i = 0; i < 100; i++)); do printf '@book{k%d, crossref = {k%d}}\n' $i $((i + 1)); done \
    > "$T/chain.bib"
  printf '@book{k100, title = {end}}\n' >> "$T/chain.bib"
  EXPECT="chain of entry 'k[0-9]+' is longer than 32 entries" FOLIO=$(bib_folio) \
    expect_error bib --dump "$T/chain.bib"
}

test_bib_unclosed_brace_reports_entry_start() {
  printf '@book{ok, title = {fine}}\n\n  @article{bad,\n  title = {Unclosed {brace},\n' > "$T/unclosed.bib"
  printf '  year = 2000,\n}\n' >> "$T/unclosed.bib"
  EXPECT="^$T/unclosed.bib:3:3: error: entry 'bad' is never closed" \
    expect_error bib --dump "$T/unclosed.bib" || return 1
  printf '@book{a,\n  title = {X},\n  year = 2000,\n\n@book{b, title = {Y}}\n' > "$T/noclose.bib"
  EXPECT="^$T/noclose.bib:1:1: error: entry 'a' is never closed.*'year'" \
    expect_error bib --dump "$T/noclose.bib" || return 1
  printf '@book{a, title = "unterminated\n' > "$T/quote.bib"
  EXPECT="^$T/quote.bib:1:1: error: entry 'a' is never closed" \
    expect_error bib --dump "$T/quote.bib" || return 1
}

test_bib_syntax_errors_have_positions() {
  printf '@book{a,\n  title = {X}\n  year = 2000\n}\n' > "$T/comma.bib"
  EXPECT="^$T/comma.bib:3:3: error: expected ',' or '\\}' after the value of field 'title'" \
    expect_error bib --dump "$T/comma.bib" || return 1
  printf '@book{a, title {x}}\n' > "$T/eq.bib"
  EXPECT="^$T/eq.bib:1:16: error: expected '=' after the field name 'title'" \
    expect_error bib --dump "$T/eq.bib" || return 1
  printf '@book{a, title = , year = 1}\n' > "$T/value.bib"
  EXPECT="^$T/value.bib:1:18: error: expected a value for field 'title'" \
    expect_error bib --dump "$T/value.bib" || return 1
  printf '\n@book{, title = {x}}\n' > "$T/key.bib"
  EXPECT="^$T/key.bib:2:7: error: @book entry without a key" \
    expect_error bib --dump "$T/key.bib" || return 1
  printf '@book{a, title = {x}}\n' > "$T/refs.txt"
  EXPECT="unknown bibliography format" expect_error bib --dump "$T/refs.txt" || return 1
  EXPECT="cannot read" expect_error bib --dump "$T/missing.bib" || return 1
  printf '@book{a, title = {caf\xe9}}\n' > "$T/latin1.bib"
  EXPECT="^$T/latin1.bib:1:22: error: invalid UTF-8" expect_error bib --dump "$T/latin1.bib" || return 1
}

test_bib_duplicates_warn_first_wins() {
  local err
  printf '@book{a, title = {First}}\n@book{a, title = {Second}}\n' > "$T/dup.bib"
  printf '@book{b, title = {X}, title = {Y}}\n' >> "$T/dup.bib"
  "$FOLIO" bib --dump "$T/dup.bib" > "$T/dup.json" 2>"$T/err" || fail "exit $?: $(cat "$T/err")" || return 1
  err=$(cat "$T/err")
  grep -q "^$T/dup.bib:2:1: warning: duplicate entry key 'a'" <<<"$err" \
    || fail "no key warning: $err" || return 1
  grep -q "^$T/dup.bib:3:23: warning: field 'title' repeated in entry 'b'" <<<"$err" \
    || fail "no field warning: $err" || return 1
  grep -q '"title" : "First"' "$T/dup.json" || fail "first entry not kept" || return 1
  grep -q '"title" : "X"' "$T/dup.json" || fail "first field not kept" || return 1
  ! grep -q '"Second"\|"Y"' "$T/dup.json" || fail "duplicates kept" || return 1
}

test_bib_hostile_inputs_hit_named_limits() {
  local i s
  # @string doubling: 2^29 copies of 16 bytes if nothing stopped it
  { printf '@string{a0 = {xxxxxxxxxxxxxxxx}}\n'
    for ((i = 1; i < 30; i++)); do printf '@string{a%d = a%d # a%d}\n' $i $((i - 1)) $((i - 1)); done
    printf '@book{k, title = a29}\n'; } > "$T/bomb.bib"
  EXPECT="longer than the 256 KiB limit" FOLIO=$(bib_folio) expect_error bib --dump "$T/bomb.bib" \
    || return 1
  # a million and one expansions of an empty macro
  { printf '@string{e = {}}\n@book{k, title = e'
    s=$(printf ' # e%.0s' {1..1000}); for ((i = 0; i < 1001; i++)); do printf '%s' "$s"; done
    printf '}\n'; } > "$T/count.bib"
  EXPECT="more than 1000000 @string expansions" FOLIO=$(bib_folio) \
    expect_error bib --dump "$T/count.bib" || return 1
  # braces 100 deep
  printf '@book{k, title = %s%s}\n' "$(printf '{%.0s' {1..100})" "$(printf '}%.0s' {1..100})" > "$T/deep.bib"
  EXPECT="^$T/deep.bib:1:82: error: braces nested deeper than 64 levels" \
    expect_error bib --dump "$T/deep.bib" || return 1
}

# Every prefix of a real file (cut at many points, inside entries, values,
# names and accents) loads or fails with one error; never a crash or a hang.
test_bib_truncated_inputs_never_crash() {
  local bib=$CORPUS/bib/biblatex-examples.bib size cut status bad=0
  size=$(wc -c < "$bib")
  for ((cut = 1; cut < size; cut += 397)); do
    head -c "$cut" "$bib" | iconv -f UTF-8 -t UTF-8 -c > "$T/cut.bib"
    timeout 10 "$FOLIO" bib --dump "$T/cut.bib" > /dev/null 2>"$T/err"; status=$?
    if [ "$status" -gt 1 ]; then
      echo "cut at $cut: exit $status"; tail -5 "$T/err"; bad=1
    elif [ "$status" -eq 1 ] && [ "$(grep -c ': error: ' "$T/err")" -ne 1 ]; then
      echo "cut at $cut: not one error:"; cat "$T/err"; bad=1
    fi
  done
  return $bad
}

test_bib_json_by_extension() {
  printf '[{"id": "j", "type": "book", "title": "From JSON"}]\n' > "$T/refs.json"
  "$FOLIO" bib --dump "$T/refs.json" > "$T/out.json" 2>"$T/err" || fail "$(cat "$T/err")" || return 1
  grep -q '"title" : "From JSON"' "$T/out.json" || fail "CSL-JSON not read: $(cat "$T/out.json")"
}
