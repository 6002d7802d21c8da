# t-bad-inputs.sh: bad bibliographies, styles, CSL styles and images. Each
# case goes through bad_case (t-bad.sh): exit 1, one "file:line:col: error:"
# line, the previous outputs untouched and no temporary file left.

# cite_md NAME: a manuscript citing @a, with no bibliography of its own.
cite_md() { printf -- '---\ntitle: Cites\n---\n\nText [@a].\n' > "$T/$1.md"; }

# bib_case NAME FILE CONTENT EXPECT: NAME.md cites @a from the bibliography
# $T/FILE holding CONTENT (a printf format: escapes for bad bytes), and the
# build fails with EXPECT (bad_case).
bib_case() {
  cite_md "$1"
  printf -- "$3" > "$T/$2"
  bad_case "$1" "$4" build -o "$T/out" --bibliography "$T/$2" "$T/$1.md"
}

test_bad_bib_truncated_bibtex() {
  bib_case trbib cut.bib '@book{a, title={Open' \
    "cut\\.bib:1:1: error: entry 'a' is never closed"
}

test_bad_bib_circular_crossref() {
  bib_case circ circ.bib '@book{a, crossref={b}, title={A}}\n@book{b, crossref={c}, title={B}}\n@book{c, crossref={a}, title={C}}\n' \
    "circ\\.bib:[0-9]+:[0-9]+: error: circular crossref: 'a' -> 'b' -> 'c' -> 'a'"
}

test_bad_bib_invalid_utf8() {
  bib_case latin latin.bib '@book{a, title={Caf\xe9}}\n' \
    'latin\.bib:1:20: error: invalid UTF-8 \(byte 0xE9\)'
}

test_bad_bib_nul_byte() {
  bib_case nulbib nul.bib '@book{a, title={A\0B}}\n' \
    'nul\.bib:1:18: error: NUL byte'
}

test_bad_bib_truncated_json() {
  bib_case trjson cut.json '[{"id": "a", "title": "x"' \
    'cut\.json:1:[0-9]+: error: invalid JSON'
}

test_bad_bib_json_wrong_types() {
  bib_case wtjson nums.json '[1, 2]\n' \
    'nums\.json:1:1: error: bibliography entry 1 is not a JSON object'
}

test_bad_bib_unknown_format() {
  bib_case fmt refs.txt 'a: b\n' \
    'refs\.txt:1:1: error: unknown bibliography format'
}

test_bad_bib_missing_file() {
  cite_md nobibfile
  bad_case nobibfile 'absent\.bib:1:1: error: cannot read file: No such file' \
    build -o "$T/out" --bibliography "$T/absent.bib" "$T/nobibfile.md"
}

# 100,000 entries, generated here: read in well under a minute, and cited.
test_bad_bib_100000_entries() {
  python3 -c "
for i in range(100000):
    print('@book{k%d, author={Author %d and Other, Person}, title={Title number %d}, year={%d}, publisher={Press}}' % (i, i, i, 1900 + i % 100))
" > "$T/big.bib"
  printf -- '---\ntitle: Big\nbibliography: big.bib\n---\n\nText [@k5; @k99999].\n' > "$T/big.md"
  "$FOLIO" build -f pdf -o "$T/out" "$T/big.md" 2> "$T/err" || fail "big bibliography: $(cat "$T/err")" || return 1
  pdftotext "$T/out/big.pdf" - | grep -q "Title Number 99999" || fail "entry k99999 missing from the PDF"
}

test_bad_style_not_mapping() {
  style_case st1 list.yaml '- page-size: A4\n' 'list\.yaml:1:1: error: a style file must be a mapping'
}

test_bad_style_truncated() {
  style_case st2 cut.yaml 'page-size: "A4\nbody-size: 1' \
    'cut\.yaml:[0-9]+:[0-9]+: error: invalid YAML'
}

test_bad_style_missing_file() {
  { good_front; printf 'Text.\n'; } > "$T/st3.md"
  bad_case st3 'nostyle\.yaml:1:1: error: cannot read file: No such file' \
    build -o "$T/out" --style "$T/nostyle.yaml" "$T/st3.md"
}

test_bad_style_wrong_type() {
  style_case st4 seq.yaml 'body-size:\n  - 10pt\n  - 11pt\n' \
    "seq\\.yaml:2:3: error: style setting 'body-size' must be a single value, not a list"
}

# csl_case NAME EXPECT: the manuscript cites @a from a one-entry bibliography
# with the style $T/NAME.csl.
csl_case() {
  printf '@book{a, title={A}, author={Doe, Jane}, year={2000}}\n' > "$T/one.bib"
  cite_md "$1"
  bad_case "$1" "$2" build -o "$T/out" --bibliography "$T/one.bib" --csl "$T/$1.csl" "$T/$1.md"
}

csl_head='<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>T</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>'

test_bad_csl_recursive_macros() {
  printf '%s\n  <macro name="a"><text macro="b"/></macro>\n  <macro name="b"><group><text macro="a"/></group></macro>\n  <citation><layout><text macro="a"/></layout></citation>\n</style>\n' \
    "$csl_head" > "$T/loop.csl"
  csl_case loop "loop\\.csl:[0-9]+:[0-9]+: error: macro '[ab]' calls itself"
}

test_bad_csl_truncated() {
  printf '%s\n  <citation><layout><text variable="ti' "$csl_head" > "$T/cutcsl.csl"
  csl_case cutcsl 'cutcsl\.csl:[0-9]+:[0-9]+: error: invalid XML'
}

test_bad_csl_locale_given_as_style() {
  cp /usr/share/citation-style-language/locales/locales-en-US.xml "$T/notstyle.csl"
  csl_case notstyle 'notstyle\.csl:[0-9]+:1: error: not a CSL style \(the root element must be <style>\)'
}

test_bad_csl_unknown_macro() {
  printf '%s\n  <citation><layout><text macro="nowhere"/></layout></citation>\n</style>\n' "$csl_head" > "$T/nomacro.csl"
  csl_case nomacro "nomacro\\.csl:4:[0-9]+: error: unknown macro 'nowhere'"
}

# img_case NAME FILE EXPECT: a manuscript showing the image FILE (in $T).
img_case() {
  { good_front; printf 'Text.\n\n![An image](%s)\n' "$2"; } > "$T/$1.md"
  bad_case "$1" "$3"
}

test_bad_image_huge_png_header() {
  python3 - "$T/huge.png" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
ihdr = struct.pack('>IIBBBBB', 100000, 100000, 8, 2, 0, 0, 0)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) +
    chunk(b'IDAT', zlib.compress(b'\0' * 100)) + chunk(b'IEND', b''))
PY
  img_case hugepng huge.png "hugepng\\.md:7:1: error: image 'huge\\.png' is 100000 x 100000 pixels; the limit is 50 million"
}

test_bad_image_svg_use_bomb() {
  python3 - "$T/bomb.svg" <<'PY'
import sys
s = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"><defs><rect id="a0" width="1" height="1"/>']
for i in range(1, 40):
    s.append('<g id="a%d"><use xlink:href="#a%d"/><use href="#a%d"/></g>' % (i, i - 1, i - 1))
s.append('</defs><use xlink:href="#a39"/></svg>')
open(sys.argv[1], 'w').write('\n'.join(s))
PY
  img_case svgbomb bomb.svg "svgbomb\\.md:7:1: error: SVG image 'bomb\\.svg' expands to more than 100000 elements"
}

test_bad_image_svg_use_cycle() {
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>\n' > "$T/cycle.svg"
  img_case svgcycle cycle.svg "svgcycle\\.md:7:1: error: SVG image 'cycle\\.svg' expands to more than"
}

test_bad_image_truncated_png() {
  head -c 100 "$ROOT/tests/pdf/img/chart.png" > "$T/cut.png"
  img_case cutpng cut.png "cutpng\\.md:7:1: error: cannot use image .*cut\\.png.: the PNG is truncated or damaged"
}

test_bad_image_huge_jpeg_header() {
  # a real photo whose start-of-frame header is changed to claim 60000 x 60000 pixels
  python3 - "$ROOT/tests/pdf/img/photo.jpg" "$T/huge.jpg" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
i = 2
while i + 9 < len(d):
    m, seg = d[i + 1], (d[i + 2] << 8) | d[i + 3]
    if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
        d[i + 5:i + 9] = (60000).to_bytes(2, 'big') * 2
        break
    i += 2 + seg
open(sys.argv[2], 'wb').write(d)
PY
  img_case hugejpg huge.jpg "hugejpg\\.md:7:1: error: image 'huge\\.jpg' is 60000 x 60000 pixels"
}

test_bad_image_empty_file() {
  : > "$T/empty.png"
  img_case emptyimg empty.png "emptyimg\\.md:7:1: error: 'empty\\.png' is not an image"
}

test_bad_image_is_directory() {
  mkdir -p "$T/folder.png"
  img_case dirimg folder.png "dirimg\\.md:7:1: error: 'folder\\.png' is not an image"
}
