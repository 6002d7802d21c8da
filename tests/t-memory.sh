# t-memory.sh: the whole series under valgrind memcheck, no errors and no
# leaks (the ASan+UBSan run covers every other test). valgrind cannot run
# the sanitizer build, so this runs for build/folio only.

test_memory_series_under_valgrind() {
  case "$FOLIO" in */sanitize/*) return 0 ;; esac
  local files
  mapfile -t files < <(manuscript_paths)
  (cd "$ROOT" && valgrind -q --num-callers=60 --leak-check=full --errors-for-leak-kinds=definite,indirect \
     --suppressions=tests/valgrind.supp --error-exitcode=9 \
     "$FOLIO" build -o "$T" "${files[@]}" tests/resolve/crossrefs.md) > "$T/vg.log" 2>&1
  local st=$?
  [ $st -eq 0 ] || { grep -v "warning: \(unresolved\|no bibliography\)" "$T/vg.log" | head -40; return 1; }
}
