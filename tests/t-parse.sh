# t-parse.sh: the parser's golden files. Each tests/parse/NAME.md is dumped
# with --dump=doc and compared with tests/parse/NAME.dump. To accept a new
# dump after a deliberate change: build/folio build --dump=doc F.md > F.dump

test_parse_golden_dumps() {
  local md want got ok=0
  for md in "$ROOT"/tests/parse/*.md; do
    want=${md%.md}.dump
    got=$T/$(basename "${md%.md}").dump
    (cd "$ROOT/tests/parse" && "$FOLIO" build --dump=doc "$(basename "$md")") > "$got" 2>"$T/err" \
      || { echo "$(basename "$md"): folio failed: $(cat "$T/err")"; ok=1; continue; }
    if ! diff -u "$want" "$got" > "$T/diff"; then
      echo "$(basename "$md"): dump differs:"; head -40 "$T/diff"; ok=1
    fi
  done
  return $ok
}

test_parse_every_manuscript() {
  local md ok=0
  for md in "$ROOT"/manuscripts/*.md; do
    [ "$(basename "$md")" = README.md ] && continue
    "$FOLIO" build --dump=doc "$md" > /dev/null 2>"$T/err" || { cat "$T/err"; ok=1; }
    [ ! -s "$T/err" ] || { echo "$(basename "$md") warns:"; cat "$T/err"; ok=1; }
  done
  return $ok
}
