# t-cli.sh: the command line: help, version, usage errors (exit 2).

test_cli_help() {
  "$FOLIO" --help | grep -q "usage: folio build" || fail "--help lacks usage"
}

test_cli_version() {
  "$FOLIO" --version | grep -Eq '^folio [0-9]+\.[0-9]+\.[0-9]+$' || fail "bad --version"
}

test_cli_usage_errors_exit_2() {
  local args
  for args in "" "frobnicate" "build" "build --bogus x.md" "build -f docx x.md" "build -o"; do
    # shellcheck disable=SC2086
    "$FOLIO" $args >/dev/null 2>&1
    [ $? -eq 2 ] || fail "'folio $args' should exit 2" || return 1
  done
}
