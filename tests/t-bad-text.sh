# t-bad-text.sh: bad manuscripts and front matter, beyond t-bad.sh: sizes,
# nesting 10,000 deep, encodings, files that are not files. Each case goes
# through bad_case (t-bad.sh): exit 1, one "file:line:col: error:" line, the
# previous outputs untouched and no temporary file left.

test_bad_text_enormous_line() {
  { good_front; python3 -c "print('word ' * 20000)"; } > "$T/longline.md"
  bad_case longline 'longline\.md:5:1: error: line longer than 65536 bytes'
}

test_bad_text_enormous_word() {
  { good_front; printf 'Before.\n\n'; python3 -c "print('x' * 50000)"; } > "$T/longword.md"
  bad_case longword 'longword\.md:7:1: error: a word longer than 4096 characters'
}

test_bad_text_nested_lists_10000() {
  { good_front; python3 -c "print('- ' * 10000 + 'item')"; } > "$T/lists.md"
  bad_case lists 'lists\.md:5:[0-9]+: error: content nested more than 64 levels deep'
}

test_bad_text_nested_quotes_10000() {
  { good_front; python3 -c "print('> ' * 10000 + 'deep')"; } > "$T/quotes.md"
  bad_case quotes 'quotes\.md:5:[0-9]+: error: content nested more than 64 levels deep'
}

test_bad_text_nested_divs_10000() {
  { good_front; python3 -c "
print('::: {.box}\n' * 10000 + 'Deep.\n' + ':::\n' * 10000)"; } > "$T/divs.md"
  bad_case divs 'divs\.md:[0-9]+:1: error: content nested more than 64 levels deep \(fenced divs\)'
}

test_bad_text_utf16() {
  printf '\xff\xfe-\x00-\x00-\x00\n\x00' > "$T/utf16.md"
  bad_case utf16 'utf16\.md:1:1: error: invalid UTF-8 \(byte 0xFF\); save the file as UTF-8'
}

test_bad_text_truncated_utf8() {
  { good_front; printf 'Ends in the middle of a character: \xc3'; } > "$T/cut.md"
  bad_case cut 'cut\.md:5:36: error: invalid UTF-8'
}

test_bad_text_binary_garbage() {
  { printf '\x89PNG\r\n\x1a\n'; head -c 2000 "$ROOT/tests/pdf/img/chart.png" | tail -c 1000; } > "$T/binary.md"
  bad_case binary 'binary\.md:1:1: error: (invalid UTF-8|NUL byte)'
}

test_bad_text_manuscript_is_directory() {
  mkdir -p "$T/folder.md"
  bad_case folder "folder\\.md:1:1: error: '.*folder\\.md' is a directory, not a file"
}

test_bad_text_unreadable_manuscript() {
  { good_front; printf 'Secret.\n'; } > "$T/secret.md"
  chmod 000 "$T/secret.md"
  mkdir -p "$T/out"
  printf 'previous\n' > "$T/out/secret.pdf"
  snapshot "$T/out"
  EXPECT='secret\.md:1:1: error: cannot read file: Permission denied'
  local st
  if [ "$(id -u)" = 0 ]; then
    chmod o+rwx "$T/out"
    expect_error_as_nobody build -o "$T/out" "$T/secret.md"
  else
    expect_error build -o "$T/out" "$T/secret.md"
  fi
  st=$?
  chmod 644 "$T/secret.md"
  [ $st -eq 0 ] && unchanged "$T/out"
}

test_bad_text_front_matter_truncated() {
  printf -- '---\ntitle: "Cut off' > "$T/cutfm.md"
  bad_case cutfm 'cutfm\.md:1:1: error: front matter .*never closed'
}

test_bad_text_front_matter_wrong_type_mapping() {
  printf -- '---\ntitle: X\nnumber: {a: 1}\n---\n\nText.\n' > "$T/num.md"
  bad_case num "num\\.md:3:9: error: front matter field 'number' must be text, not a mapping"
}

test_bad_text_front_matter_missing_bibliography() {
  printf -- '---\ntitle: X\nbibliography: missing.bib\n---\n\nText [@a].\n' > "$T/nobib.md"
  bad_case nobib "nobib\\.md:3:15: error: cannot read '.*missing\\.bib': No such file"
}

test_bad_text_front_matter_unknown_csl() {
  printf '@book{a, title={A}, year={2000}}\n' > "$T/one.bib"
  printf -- '---\ntitle: X\nbibliography: one.bib\ncsl: no-such-style\n---\n\nText [@a].\n' > "$T/csl.md"
  bad_case csl "csl\\.md:4:6: error: cannot read '.*/no-such-style\\.csl': No such file"
}

test_bad_text_front_matter_malformed_lang() {
  printf -- '---\ntitle: X\nlang: "en GB!"\n---\n\nText.\n' > "$T/lang.md"
  bad_case lang "lang\\.md:3:7: error: lang 'en GB!' is not a BCP 47 language tag"
}

# Unusual but fine: these build, with outputs that open.
test_bad_text_unusual_inputs_build() {
  : > "$T/empty.md"
  # a YAML "billion laughs": aliases are shared, never expanded
  { printf -- '---\ntitle: Laughs\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
    local prev=a k
    for k in b c d e f g h i; do
      printf '%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n' $k $k $prev $prev $prev $prev $prev $prev $prev $prev $prev
      prev=$k
    done
    printf -- '---\n\nText.\n'; } > "$T/laughs.md"
  "$FOLIO" build -o "$T/ok" "$T/empty.md" "$T/laughs.md" 2> "$T/err" || fail "unusual inputs failed: $(cat "$T/err")" || return 1
  local f
  for f in empty laughs; do
    qpdf --check "$T/ok/$f.pdf" > /dev/null || fail "$f.pdf is damaged" || return 1
    unzip -tq "$T/ok/$f.epub" > /dev/null || fail "$f.epub is damaged" || return 1
  done
}
