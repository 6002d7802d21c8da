# t-site.sh: the readers' download page (folio site): every publication
# listed with the page count and sizes of its built files and a cover drawn
# from page 1, the 18 categories, valid HTML, byte-identical when rebuilt,
# and the page in a real browser (tests/site/check.js: Debian's chromium
# driven by playwright-core): links, covers, filters, no console errors,
# screenshots kept in build/test-screens/ for a person to look at.

PLAYWRIGHT_MODULES=$ROOT/build/site-node/node_modules

site_build() { # the series' PDFs and EPUBs plus the page, once per binary: $SITE
  local dir=$WORK/site-$(basename "$(dirname "$FOLIO")")
  if [ ! -f "$dir/.done" ]; then
    series_build || return 1
    mkdir -p "$dir"
    cp "$SERIES"/*.pdf "$SERIES"/*.epub "$dir"/
    local files
    mapfile -t files < <(manuscript_paths)
    (cd "$ROOT" && "$FOLIO" site -o "$dir" "${files[@]}") || return 1
    touch "$dir/.done"
  fi
  SITE=$dir
}

# front_categories NAME: the categories in NAME.md's front matter, one a line.
front_categories() {
  awk '/^---$/ {n++; next} n == 1 && /^categories:/ {on = 1; next}
       n == 1 && on && /^  - / {sub(/^  - /, ""); print; next} on {on = 0}' \
    "$ROOT/manuscripts/$1.md"
}

test_site_lists_every_publication_with_its_files() {
  site_build || fail "folio site failed" || return 1
  local page=$SITE/index.html name pages bytes ok=0
  [ -s "$page" ] || fail "no index.html" || return 1
  for name in $(manuscript_names); do
    grep -q "id=\"pub-$name\"" "$page" || { echo "$name: no entry"; ok=1; continue; }
    pages=$(pdf_pages "$SITE/$name.pdf")
    grep -q "href=\"$name.pdf\" type=\"application/pdf\" data-bytes=\"$(stat -c %s "$SITE/$name.pdf")\"><span class=\"format\">Download PDF</span><span class=\"detail\">$pages.\{1,2\}pages ·" "$page" \
      || { echo "$name: PDF link without its size or its $pages pages"; ok=1; }
    grep -q "href=\"$name.epub\" type=\"application/epub+zip\" data-bytes=\"$(stat -c %s "$SITE/$name.epub")\">" "$page" \
      || { echo "$name: EPUB link without its size"; ok=1; }
    # the cover: a PNG 320 pixels wide, portrait like an A4 page
    read -r w h < <(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print(*struct.unpack(">II", d[16:24]))' "$SITE/covers/$name.png") \
      || { echo "$name: the cover is not a PNG"; ok=1; continue; }
    [ "$w" = 320 ] && [ "$h" -gt 440 ] && [ "$h" -lt 460 ] || { echo "$name: cover is ${w}x$h"; ok=1; }
  done
  # the title of the first page is on the cover: its pixels are not all white
  python3 - "$SITE/covers/focused-deterrence.png" <<'PY' || ok=1
import sys, zlib, struct
d = open(sys.argv[1], "rb").read()
pos, idat = 8, b""
while pos < len(d):
    n, kind = struct.unpack(">I4s", d[pos:pos + 8])
    if kind == b"IDAT":
        idat += d[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
dark = sum(1 for b in raw if b < 128)
if dark < 2000:
    sys.exit(f"cover nearly blank: {dark} dark bytes")
PY
  return $ok
}

test_site_categories_and_valid_html() {
  site_build || return 1
  local page=$SITE/index.html ok=0 out
  out=$(tidy -q -e "$page" 2>&1) || { echo "tidy: $out"; ok=1; }
  [ -z "$out" ] || { echo "tidy: $out"; ok=1; }
  [ "$(grep -c '<section class="category"' "$page")" = 18 ] || { echo "not 18 categories"; ok=1; }
  # an empty category says so; a tagged one lists its publications
  local names=$(for n in $(manuscript_names); do front_categories "$n"; done | sort | uniq -c)
  grep -q ' Crop eradication$' <<<"$names" && { echo "Crop eradication is tagged now: pick another empty one"; ok=1; }
  sed -n '/id="cat-crop-eradication"/,/<\/section>/p' "$page" | grep -q 'No publication in this category yet' \
    || { echo "empty category does not say so"; ok=1; }
  local want got
  want=$(for n in $(manuscript_names); do front_categories "$n" | grep -qx Corruption && echo "$n"; done | sort)
  got=$(sed -n '/id="cat-corruption"/,/<\/section>/p' "$page" | grep -o 'href="#pub-[^"]*"' | sed 's/href="#pub-//; s/"//' | sort)
  [ -n "$want" ] && [ "$want" = "$got" ] || { echo "Corruption lists [$got], want [$want]"; ok=1; }
  # no outside resources: every src and href is relative
  grep -Eo '(src|href)="[a-z]+:[^"]*"' "$page" && { echo "outside resources above"; ok=1; }
  return $ok
}

test_site_rebuilds_byte_identical() {
  site_build || return 1
  mkdir -p "$T/again"
  cp "$SITE"/*.pdf "$SITE"/*.epub "$T/again"/
  (cd "$ROOT" && "$FOLIO" site -o "$T/again" manuscripts/focused-deterrence.md manuscripts/curso-policia-peru.md) || return 1
  cmp "$SITE/covers/focused-deterrence.png" "$T/again/covers/focused-deterrence.png" || return 1
  cmp "$SITE/assets/site.css" "$T/again/assets/site.css" || return 1
  [ -z "$(find "$T/again" -name '.*.??????')" ] || fail "temporary files left"
}

test_site_errors() {
  mkdir -p "$T/empty"
  EXPECT='focused-deterrence\.pdf.*build it first' expect_error site -o "$T/empty" "$ROOT/manuscripts/focused-deterrence.md" || return 1
  [ ! -e "$T/empty/index.html" ] || fail "index.html written after an error" || return 1
  # a pack manifest is read as folio pack reads it: its errors are the same
  printf 'title: x\n' > "$T/p.yaml"
  EXPECT='p\.yaml:.*manuscripts' expect_error site -o "$T/empty" "$T/p.yaml" || return 1
  local status
  "$FOLIO" site > /dev/null 2>&1; status=$?
  [ "$status" = 2 ] || fail "no files: exit $status, want 2" || return 1
  "$FOLIO" site --bogus x.md > /dev/null 2>&1; status=$?
  [ "$status" = 2 ] || fail "unknown option: exit $status, want 2"
}

test_site_in_a_browser() {
  site_build || return 1
  # the sanitizer build's page: the same bytes as the one the browser checked
  case "$FOLIO" in */sanitize/*)
    local plain=$WORK/site-build
    [ -f "$plain/.done" ] || return 0
    cmp "$plain/index.html" "$SITE/index.html" && cmp "$plain/covers/curso-policia-peru.png" "$SITE/covers/curso-policia-peru.png"
    return ;;
  esac
  [ -d "$PLAYWRIGHT_MODULES/playwright-core" ] || fail "playwright-core is not installed: run make test" || return 1
  # what each filter must show, from the front matter
  local expect=$T/expect.json name cat ids lang
  {
    echo "{"
    while read -r cat; do
      ids=$(for name in $(manuscript_names); do front_categories "$name" | grep -qxF "$cat" && printf '"pub-%s",' "$name"; done)
      printf '"category:cat-%s": [%s],\n' "$(tr 'A-Z' 'a-z' <<<"$cat" | sed 's/[^a-z0-9]\{1,\}/-/g')" "${ids%,}"
    done < <(sed -n 's/^[0-9]*\. //p' "$ROOT/manuscripts/README.md")
    for lang in en es; do
      ids=$(for name in $(manuscript_names); do grep -q "^lang: $lang" "$ROOT/manuscripts/$name.md" && printf '"pub-%s",' "$name"; done)
      printf '"language:%s": [%s]%s\n' "$lang" "${ids%,}" "$([ $lang = en ] && echo ,)"
    done
    echo "}"
  } > "$expect"
  [ "$(grep -c '^"category:' "$expect")" = 18 ] || fail "not 18 categories in manuscripts/README.md" || return 1
  NODE_PATH=$PLAYWRIGHT_MODULES node "$ROOT/tests/site/check.js" "$SITE" "$ROOT/build/test-screens" "$expect"
}


test_site_lists_packs() {
  # a seminar pack is an entry like a publication: its cover drawn from the
  # pack's first page, its page count that of the pack PDF, its sizes, the
  # categories of the publications it binds, "Seminar pack" in place of a series
  pack_fixture
  "$FOLIO" pack -o "$T/out" "$T/ms/packs/fix.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
  "$FOLIO" site -o "$T/out" "$T/ms/packs/fix.yaml" 2> "$T/err" || { cat "$T/err"; return 1; }
  local page=$T/out/index.html pages
  grep -q 'id="pack-fix"' "$page" || fail "no entry for the pack" || return 1
  pages=$(pdf_pages "$T/out/fix.pdf")
  grep -q "href=\"fix.pdf\" type=\"application/pdf\" data-bytes=\"$(stat -c %s "$T/out/fix.pdf")\"><span class=\"format\">Download PDF</span><span class=\"detail\">$pages.\{1,2\}pages ·" "$page" \
    || fail "the pack's PDF link lacks its size or its $pages pages" || return 1
  grep -q 'Seminar pack' "$page" || fail "not marked as a seminar pack" || return 1
  grep -q 'Fixture seminar' "$page" || fail "no pack title" || return 1
  [ -s "$T/out/covers/fix.png" ] || fail "no cover for the pack"
}
