# t-bad.sh: bad input. Each case must give exit 1, exactly one line
# "file:line:col: error: ..." that says what to fix, and leave the previous
# outputs byte for byte as they were, with no temporary files beside them.

# style_case NAME FILE CONTENT EXPECT: a plain NAME.md built with the style
# $T/FILE holding CONTENT (a printf format) fails with EXPECT (bad_case).
style_case() {
  { good_front; printf 'Text.\n'; } > "$T/$1.md"
  printf -- "$3" > "$T/$2"
  bad_case "$1" "$4" build -o "$T/out" --style "$T/$2" "$T/$1.md"
}

# bad_case NAME EXPECT [folio args...]: runs a build of $T/NAME.md (or the
# given args) into $T/out, which already holds good outputs for NAME.
bad_case() {
  local name=$1; EXPECT=$2; shift 2
  mkdir -p "$T/out"
  printf 'previous good pdf\n' > "$T/out/$name.pdf"
  printf 'previous good epub\n' > "$T/out/$name.epub"
  snapshot "$T/out"
  if [ $# -eq 0 ]; then set -- build -o "$T/out" "$T/$name.md"; fi
  expect_error "$@" || return 1
  unchanged "$T/out"
}

good_front() { printf -- '---\ntitle: Fine\n---\n\n'; }

test_bad_unterminated_front_matter() {
  printf -- '---\ntitle: Never closed\n\n# Heading\n' > "$T/unterminated.md"
  bad_case unterminated 'unterminated\.md:1:1: error: front matter .*never closed'
}

test_bad_invalid_yaml() {
  printf -- '---\ntitle: "open quote\nauthor: [a, b\n---\n\nText.\n' > "$T/yaml.md"
  bad_case yaml 'yaml\.md:[0-9]+:[0-9]+: error: invalid YAML'
}

test_bad_front_matter_not_mapping() {
  printf -- '---\n- just\n- a list\n---\n\nText.\n' > "$T/list.md"
  bad_case list 'list\.md:2:1: error: front matter must be a mapping'
}

test_bad_front_matter_wrong_type() {
  printf -- '---\ntitle:\n  - one\n  - two\n---\n\nText.\n' > "$T/type.md"
  bad_case type "type\\.md:3:3: error: front matter field 'title' must be text, not a list"
}

test_bad_author_without_name() {
  printf -- '---\ntitle: X\nauthor:\n  - affiliation: Somewhere\n---\n\nText.\n' > "$T/author.md"
  bad_case author "author\\.md:4:5: error: an author given as a mapping needs a 'name'"
}

test_bad_date() {
  printf -- '---\ntitle: X\ndate: 13 March\n---\n\nText.\n' > "$T/date.md"
  bad_case date "date\\.md:3:7: error: date '13 March' is not YYYY-MM-DD"
}

test_bad_category() {
  printf -- '---\ntitle: X\ncategories: [Policing]\n---\n\nText.\n' > "$T/cat.md"
  bad_case cat "cat\\.md:3:13: error: unknown category 'Policing'"
}

test_bad_invalid_utf8() {
  { good_front; printf 'Caf\xe9 au lait\n'; } > "$T/latin1.md"
  bad_case latin1 'latin1\.md:5:4: error: invalid UTF-8'
}

test_bad_nul_byte() {
  { good_front; printf 'one\n\ntwo\0three\n'; } > "$T/nul.md"
  bad_case nul 'nul\.md:7:4: error: NUL byte'
}

test_bad_missing_image() {
  { good_front; printf 'Text.\n\n![A chart](no-such-chart.png)\n'; } > "$T/noimg.md"
  bad_case noimg "noimg\\.md:7:1: error: image 'no-such-chart.png' not found"
}

test_bad_not_an_image() {
  printf 'this is plain text, not a PNG\n' > "$T/fake.png"
  { good_front; printf 'Text.\n\n![A chart](fake.png)\n'; } > "$T/fakeimg.md"
  bad_case fakeimg "fakeimg\\.md:7:1: error: 'fake.png' is not an image"
}

test_bad_missing_input() {
  bad_case absent 'absent\.md:1:1: error: cannot read file: No such file' \
    build -o "$T/out" "$T/absent.md"
}

test_bad_unwritable_output_dir() {
  [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null || true
  { good_front; printf 'Text.\n'; } > "$T/ro.md"
  mkdir -p "$T/out"
  printf 'previous good pdf\n' > "$T/out/ro.pdf"
  snapshot "$T/out"
  chmod 555 "$T/out"
  EXPECT='ro\.pdf:1:1: error: cannot write output'
  if [ "$(id -u)" = 0 ]; then
    # root ignores directory permissions: drop to nobody for this run
    chmod o+r "$T/ro.md"
    expect_error_as_nobody build -o "$T/out" "$T/ro.md"
  else
    expect_error build -o "$T/out" "$T/ro.md"
  fi
  local st=$?
  chmod 755 "$T/out"
  [ $st -eq 0 ] && unchanged "$T/out"
}

test_bad_unknown_style_key() {
  style_case styled style.yaml 'page-size: A4\nbody-size: 11pt\nfont-colour: "#000000"\n' \
    "style\\.yaml:3:1: error: unknown style key 'font-colour'"
}

test_bad_style_value() {
  style_case styled2 style2.yaml 'body-size: large\n' \
    "style2\\.yaml:1:12: error: style setting 'body-size' must be a length"
}

test_bad_deep_nesting() {
  { good_front; for i in $(seq 1 200); do printf '>'; done; printf ' deep\n'; } > "$T/deep.md"
  bad_case deep 'deep\.md:5:[0-9]+: error: content nested more than [0-9]+ levels deep'
}

test_bad_invalid_div_attributes() {
  { good_front; printf '::: {#a "broken}\nText.\n:::\n'; } > "$T/div.md"
  bad_case div 'div\.md:5:1: error: invalid attributes on fenced div'
}
