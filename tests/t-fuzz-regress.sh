# t-fuzz-regress.sh: every input the fuzzers (tests/fuzz/) once broke folio
# with, kept in tests/fuzz/regress/ and run through the command line by its
# kind (.md built, .bib/.json dumped, .csl cited with, .yaml used as the
# style): each must end in success or diagnostics, never a crash or a hang.

# regress_run FILE: runs FILE through folio; prints what went wrong.
regress_run() {
  local f=$1 st
  printf '@book{a, title={A}, author={Doe, Jane}, year={2000}}\n' > "$T/one.bib"
  printf -- '---\ntitle: Regress\n---\n\nText [@a].\n' > "$T/cite.md"
  case $f in
    *.md) cp "$f" "$T/input.md"; timeout 120 "$FOLIO" build -q -o "$T/out" "$T/input.md" ;;
    *.bib | *.json) timeout 120 "$FOLIO" bib --dump "$f" > /dev/null ;;
    *.csl | *.xml) timeout 120 "$FOLIO" build -q -o "$T/out" --bibliography "$T/one.bib" --csl "$f" "$T/cite.md" ;;
    *.yaml) timeout 120 "$FOLIO" build -q -o "$T/out" --style "$f" "$T/cite.md" ;;
    *) echo "$f: unknown kind"; return 1 ;;
  esac 2> "$T/err"
  st=$?
  [ $st -le 1 ] || { echo "$f: exit $st"; head -20 "$T/err"; return 1; }
  if grep -Ev '^[^:]+:[0-9]+:[0-9]+: (error|warning): ' "$T/err" | grep -q .; then
    echo "$f: stray output on stderr:"; head -5 "$T/err"; return 1
  fi
}

test_fuzz_regressions() {
  local f n=0 bad=0
  for f in "$ROOT"/tests/fuzz/regress/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    regress_run "$f" || bad=$((bad + 1))
  done
  [ $n -gt 0 ] || fail "no regression inputs in tests/fuzz/regress" || return 1
  [ $bad -eq 0 ]
}
