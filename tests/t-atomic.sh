# t-atomic.sh: nothing is ever lost. Two builds writing the same outputs at
# once always leave whole, valid files; a build interrupted while writing
# (SIGINT, SIGTERM, SIGKILL) leaves the previous outputs as they were, and
# no temporary file (after SIGKILL the next build removes the one left).

# The outputs in DIR are whole: the PDF passes qpdf, the EPUB's zip tests.
outputs_whole() {
  qpdf --check "$1/$2.pdf" > /dev/null 2>&1 || fail "$1/$2.pdf is damaged" || return 1
  unzip -tq "$1/$2.epub" > /dev/null 2>&1 || fail "$1/$2.epub is damaged"
}

no_temporaries() {
  local left
  left=$(ls -A "$1" | grep '^\.')
  [ -z "$left" ] || fail "temporary files left in $1: $left"
}

test_atomic_concurrent_builds() {
  local rounds=6 r a b
  case "$FOLIO" in */sanitize/*) rounds=3 ;; esac
  cp "$ROOT/tests/pdf/img/chart.png" "$T/chart.png"
  { printf -- '---\ntitle: Together\n---\n\n# Two writers\n\n'
    for r in $(seq 1 30); do printf 'Paragraph %d of a text two builds write at once.\n\n' "$r"; done
    printf '![A chart](chart.png)\n'; } > "$T/same.md"
  for r in $(seq 1 $rounds); do
    "$FOLIO" build -o "$T/out" "$T/same.md" 2> "$T/err.a" & a=$!
    "$FOLIO" build -o "$T/out" "$T/same.md" 2> "$T/err.b" & b=$!
    wait $a || fail "round $r: first build failed: $(cat "$T/err.a")" || return 1
    wait $b || fail "round $r: second build failed: $(cat "$T/err.b")" || return 1
    outputs_whole "$T/out" same || return 1
    no_temporaries "$T/out" || return 1
  done
  case "$FOLIO" in */sanitize/*) return 0 ;; esac
  epubcheck_clean "$T/out/same.epub"
}

# interrupt SIG: starts a build over previous outputs, sends SIG once its
# PDF is being written, and checks what is left.
interrupt() {
  local sig=$1 name=police-harm-reduction pid st i
  mkdir -p "$T/out"
  printf 'previous good pdf\n' > "$T/out/$name.pdf"
  printf 'previous good epub\n' > "$T/out/$name.epub"
  snapshot "$T/out"
  (cd "$ROOT" && exec "$FOLIO" build -q -o "$T/out" "manuscripts/$name.md") & pid=$!
  for i in $(seq 1 3000); do # until the temporary PDF exists (or the build ends)
    ls -A "$T/out" | grep -q "^\.$name\.pdf\." && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.01
  done
  kill -"$sig" $pid 2>/dev/null || { wait $pid; fail "the build ended before $sig could reach it"; return 1; }
  wait $pid; st=$?
  [ $st -gt 128 ] || fail "$sig: the build exited $st, not by the signal" || return 1
  if [ "$sig" = KILL ]; then
    ls -A "$T/out" | grep -q '^\.' || fail "SIGKILL left no temporary (was it writing?)" || return 1
    [ "$(cd "$T/out" && find . -type f ! -name '.*' | sort | xargs -r sha256sum)" = "$(cat "$T/.snapshot")" ] ||
      fail "SIGKILL changed the previous outputs" || return 1
    # the next build removes the killed one's temporary file
    (cd "$ROOT" && "$FOLIO" build -q -o "$T/out" "manuscripts/$name.md") || fail "next build failed" || return 1
    outputs_whole "$T/out" "$name" && no_temporaries "$T/out"
  else
    unchanged "$T/out"
  fi
}

test_atomic_interrupt_sigint() { interrupt INT; }
test_atomic_interrupt_sigterm() { interrupt TERM; }
test_atomic_interrupt_sigkill() { interrupt KILL; }
