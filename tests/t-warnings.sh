# t-warnings.sh: problems that do not stop a build are "file:line:col:
# warning:" lines and the build goes on; --strict makes every one an error
# (exit 1, nothing written, the previous outputs kept); --quiet silences them.

# A manuscript with one of each warning.
warn_md() {
  cp "$ROOT/tests/pdf/img/chart.png" "$T/chart.png"
  printf '@book{known, title={Known}, author={Doe, Jane}, year={2001}}\n' > "$T/w.bib"
  printf -- '---\ntitle: Warnings\nlang: qq-ZZ\nbibliography: w.bib\n---\n\n' > "$T/$1.md"
  printf 'As @known says, and [@nobody] too; see @fig:missing.\n\n' >> "$T/$1.md"
  printf '![](chart.png)\n\nThe kanji \xe6\xbc\xa2 has no glyph here.\n' >> "$T/$1.md"
}

test_warnings_reported_and_build_goes_on() {
  warn_md w
  "$FOLIO" build -o "$T/out" "$T/w.md" 2> "$T/err" || fail "exit $?: $(cat "$T/err")" || return 1
  local want
  for want in "w\\.md:3:7: warning: lang 'qq-ZZ' is not a known language" \
              "w\\.md:7:21: warning: no bibliography entry for 'nobody'" \
              "w\\.md:7:[0-9]+: warning: unresolved reference '@fig:missing'" \
              "w\\.md:9:1: warning: image 'chart\\.png' has no alt text" \
              "w\\.md:11:11: warning: no font has U\\+6F22 CJK IDEOGRAPH"; do
    grep -Eq "$want" "$T/err" || fail "no warning /$want/ in: $(cat "$T/err")" || return 1
  done
  if grep -v ': warning: ' "$T/err" | grep -q .; then fail "not all warnings: $(cat "$T/err")"; return 1; fi
  qpdf --check "$T/out/w.pdf" > /dev/null || fail "w.pdf damaged"
}

test_warnings_glyph_named_with_line() {
  { good_front; printf 'Fine text.\n\nA tick \xe2\x9c\x93 here.\n'; } > "$T/g.md"
  "$FOLIO" build -f pdf -o "$T/out" "$T/g.md" 2> "$T/err" || fail "exit $?" || return 1
  grep -q "g\\.md:7:8: warning: no font has U+2713 CHECK MARK ('✓')" "$T/err" ||
    fail "glyph warning: $(cat "$T/err")"
}

test_warnings_strict_makes_errors() {
  warn_md s
  mkdir -p "$T/out"
  printf 'previous good pdf\n' > "$T/out/s.pdf"
  printf 'previous good epub\n' > "$T/out/s.epub"
  snapshot "$T/out"
  "$FOLIO" build --strict -o "$T/out" "$T/s.md" 2> "$T/err"
  [ $? -eq 1 ] || fail "--strict should exit 1" || return 1
  grep -q ': warning: ' "$T/err" && { fail "--strict left warnings: $(cat "$T/err")"; return 1; }
  grep -Eq "s\\.md:3:7: error: lang 'qq-ZZ'" "$T/err" || fail "no error line: $(cat "$T/err")" || return 1
  unchanged "$T/out" || return 1
  # a warning that only the layout finds (a missing glyph) stops the build too
  { good_front; printf 'A tick \xe2\x9c\x93 here.\n'; } > "$T/t.md"
  "$FOLIO" build --strict -o "$T/out" "$T/t.md" 2> "$T/err2"
  [ $? -eq 1 ] || fail "--strict with a missing glyph should exit 1" || return 1
  grep -q "t\\.md:5:8: error: no font has U+2713" "$T/err2" || fail "glyph error: $(cat "$T/err2")" || return 1
  [ -z "$(ls -A "$T/out" | grep '^\.\|^t\.')" ] || fail "--strict left files: $(ls -A "$T/out")"
}

test_warnings_quiet_silences() {
  warn_md q
  "$FOLIO" build --quiet -o "$T/out" "$T/q.md" 2> "$T/err" || fail "--quiet build failed" || return 1
  [ ! -s "$T/err" ] || fail "--quiet printed: $(cat "$T/err")" || return 1
  # errors still show
  printf 'Caf\xe9\n' > "$T/bad.md"
  "$FOLIO" build --quiet -o "$T/out" "$T/bad.md" 2> "$T/err"
  grep -q "bad\\.md:1:4: error: invalid UTF-8" "$T/err" || fail "--quiet hid an error"
}
