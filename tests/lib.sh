# tests/lib.sh: helpers shared by the tests (sourced by tests/run).
# A test is a function test_NAME that returns 0 on success; it prints what
# went wrong and returns non-zero otherwise. $FOLIO is the binary under test,
# $T a fresh scratch directory, $ROOT the repository.

EPUBCHECK_JAR=/usr/share/java/epubcheck.jar
CORPUS=$ROOT/../shared/corpus

fail() { echo "$*"; return 1; }

# epubcheck FILE: passes only with 0 errors and 0 warnings.
epubcheck_clean() {
  local out
  # C1-only JIT and the serial collector halve the JVM's start-up cost here
  out=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$EPUBCHECK_JAR" "$1" 2>&1)
  if ! grep -q "No errors or warnings detected" <<<"$out"; then
    echo "epubcheck $1:"; echo "$out" | grep -E "ERROR|WARNING|FATAL|Messages" | head -20
    return 1
  fi
}

# pdf_pages FILE: the page count.
pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# all_fonts_embedded FILE
all_fonts_embedded() {
  local bad
  bad=$(pdffonts "$1" | awk 'NR > 2 && $(NF-4) != "yes" {print}')
  [ -z "$bad" ] || fail "fonts not embedded in $1: $bad"
}

# expect_error CMD...: runs folio with args; expects exit 1 and exactly one
# stderr line "file:line:col: error: ..." matching $EXPECT (an ERE).
expect_error() {
  local err status runner=()
  [ -n "${AS_NOBODY:-}" ] \
    && runner=(setpriv --reuid=nobody --regid=nogroup --clear-groups env FOLIO_HOME="$ROOT")
  err=$("${runner[@]}" "$FOLIO" "$@" 2>&1 >/dev/null); status=$?
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status; stderr: $err" || return 1
  [ "$(printf '%s\n' "$err" | grep -c .)" -eq 1 ] || fail "expected one line on stderr, got: $err" || return 1
  grep -Eq '^[^:]+:[0-9]+:[0-9]+: error: ' <<<"$err" || fail "not file:line:col: error: $err" || return 1
  grep -Eq -- "$EXPECT" <<<"$err" || fail "stderr '$err' does not match /$EXPECT/" || return 1
}

# snapshot DIR / unchanged DIR: the previous outputs must survive a failed
# build byte for byte, with no temporary files left beside them.
snapshot() { (cd "$1" && find . -type f | sort | xargs -r sha256sum) > "$T/.snapshot"; }
unchanged() {
  local now
  now=$(cd "$1" && find . -type f | sort | xargs -r sha256sum)
  [ "$now" = "$(cat "$T/.snapshot")" ] || fail "outputs in $1 changed or temporaries left: $(ls -A "$1")"
}

# expect_error_as_nobody ARGS: expect_error, but folio runs as the user nobody
# (root reads and writes anything, so permission cases need another user);
# the scratch directories are opened to it, the files stay as they are.
expect_error_as_nobody() {
  chmod o+rx "$T" "$WORK" "$(dirname "$T")" "$(dirname "$(dirname "$T")")" 2>/dev/null
  AS_NOBODY=1 expect_error "$@"
}
