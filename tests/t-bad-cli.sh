# t-bad-cli.sh: bad command lines and places to write: usage errors exit 2
# and write nothing; an output directory that cannot be made or filled is an
# error that leaves the previous outputs as they were.

test_bad_cli_usage_names_problem() {
  { good_front; printf 'Text.\n'; } > "$T/u.md"
  local args err
  for args in "--bogus" "-f docx" "--dump=pages" "--csl="; do
    # shellcheck disable=SC2086
    err=$(cd "$T" && "$FOLIO" build -o "$T/out" $args u.md 2>&1 >/dev/null)
    [ $? -eq 2 ] || fail "'build $args' should exit 2" || return 1
    grep -Eq "^folio: (unknown option|-f takes|--dump takes|option .* needs a value)" <<<"$err" ||
      fail "'build $args' does not name the problem: $err" || return 1
  done
  err=$("$FOLIO" build -o "$T/out" 2>&1 >/dev/null)
  [ $? -eq 2 ] && grep -q "^folio: no manuscript given" <<<"$err" || fail "no manuscript: $err" || return 1
  [ ! -e "$T/out" ] || fail "a usage error wrote $(ls -A "$T/out")"
}

test_bad_cli_output_dir_is_a_file() {
  { good_front; printf 'Text.\n'; } > "$T/f.md"
  printf 'not a directory\n' > "$T/plain"
  EXPECT='plain/out:1:1: error: cannot create output directory: Not a directory'
  expect_error build -o "$T/plain/out" "$T/f.md" || return 1
  [ "$(cat "$T/plain")" = "not a directory" ] || fail "the file in the way was changed"
}

test_bad_cli_unknown_csl_name() {
  printf '@book{a, title={A}, year={2000}}\n' > "$T/one.bib"
  printf -- '---\ntitle: X\n---\n\nText [@a].\n' > "$T/csl.md"
  bad_case csl "/no-such-style\\.csl:1:1: error: cannot read file: No such file" \
    build -o "$T/out" --bibliography "$T/one.bib" --csl no-such-style "$T/csl.md"
}

# A full disk: the outputs go to a 16 KiB tmpfs that holds the previous ones.
test_bad_cli_full_disk() {
  { good_front; printf 'Text that makes a PDF larger than the space left.\n'; } > "$T/full.md"
  mkdir -p "$T/disk"
  if ! mount -t tmpfs -o size=16k tmpfs "$T/disk" 2>/dev/null; then
    echo "skipped: cannot mount a small tmpfs here (needs root)" >&2
    return 0
  fi
  printf 'previous good pdf\n' > "$T/disk/full.pdf"
  printf 'previous good epub\n' > "$T/disk/full.epub"
  snapshot "$T/disk"
  EXPECT="full\\.(pdf|epub):1:1: error: cannot write .*No space left on device"
  expect_error build -o "$T/disk" "$T/full.md"
  local st=$?
  [ $st -eq 0 ] && unchanged "$T/disk"
  st=$((st | $?))
  umount "$T/disk"
  return $st
}
