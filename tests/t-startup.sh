# t-startup.sh: what folio does to start faster changes nothing it writes.
# The fonts come from fontconfig's cache under the user's cache directory
# when it is writable (written on the first run, read after) and are scanned
# one by one otherwise; librsvg, gdk-pixbuf and libzip are loaded only when
# a document needs them (src/base/lazy.h).

# A short manuscript with a hyphenated paragraph, in $T/short.md.
startup_doc() {
  printf -- '---\ntitle: Start-up\nlang: en-GB\ndate: 2020-01-01\n---\n\n%s\n' \
    "Internationalisation of representative institutions notwithstanding, the \
administration of extraordinarily complicated responsibilities demonstrates \
considerable incomprehensibility throughout intergovernmental organisations." > "$T/short.md"
}

test_startup_font_cache_same_bytes() {
  startup_doc
  local run err
  # cold: the cache is written; warm: it is read; none: no writable cache
  # directory (a file stands where it would go), the fonts are scanned
  for run in cold warm none; do
    local cache=$T/cache
    [ "$run" = none ] && { cache=$T/not-a-dir; : > "$cache"; }
    err=$(XDG_CACHE_HOME=$cache "$FOLIO" build -o "$T/$run" "$T/short.md" 2>&1) \
      || fail "$run: build failed: $err" || return 1
    [ -z "$err" ] || fail "$run: stderr not empty: $err" || return 1
    if [ "$run" = cold ]; then
      ls "$T"/cache/folio/fontconfig/*/*.cache-* > /dev/null 2>&1 \
        || fail "no fontconfig cache written under $T/cache" || return 1
    fi
  done
  for run in warm none; do
    cmp "$T/cold/short.pdf" "$T/$run/short.pdf" || fail "PDF differs: cold and $run" || return 1
    cmp "$T/cold/short.epub" "$T/$run/short.epub" || fail "EPUB differs: cold and $run" || return 1
  done
  pdftotext "$T/warm/short.pdf" - | tr -d '\n\302\255' | grep -q "Internationalisation" \
    || fail "the paragraph is not in the PDF"
}

test_startup_pdf_loads_no_svg_or_zip_library() {
  startup_doc
  local libs
  libs=$(LD_DEBUG=files "$FOLIO" build -f pdf -o "$T/out" "$T/short.md" 2>&1 | grep -o 'file=[^ ]*')
  grep -q 'libpango' <<<"$libs" || fail "LD_DEBUG listed no libraries: $libs" || return 1
  ! grep -Eq 'librsvg|libzip|libgdk_pixbuf' <<<"$libs" \
    || fail "a PDF without SVG, GIF or WebP loaded: $(grep -E 'rsvg|zip|pixbuf' <<<"$libs" | sort -u)" \
    || return 1
  # the EPUB needs libzip: loaded at its first use, and the container is whole
  "$FOLIO" build -f epub -o "$T/out" "$T/short.md" || return 1
  python3 -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' \
    "$T/out/short.epub" || fail "the EPUB's zip is broken"
}
