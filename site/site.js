// site.js: filtering the download page by category and language without
// reloading. The page works without it: the filter form stays hidden and
// the categories are plain sections linked from every publication.
"use strict";

(function () {
  const form = document.getElementById("filters");
  const category = document.getElementById("filter-category");
  const language = document.getElementById("filter-language");
  const status = document.getElementById("filter-status");
  const none = document.getElementById("no-match");
  const entries = Array.from(document.querySelectorAll("#entries > .entry"));
  if (!form || !category || !language || !status || !none) return;

  // Shows the entries that match both selects and says how many.
  function apply() {
    const cat = category.value;
    const lang = language.value;
    let shown = 0;
    for (const entry of entries) {
      const cats = (entry.dataset.categories || "").split(" ");
      const match = (!cat || cats.includes(cat)) && (!lang || entry.dataset.lang === lang);
      entry.hidden = !match;
      if (match) shown++;
    }
    none.hidden = shown > 0;
    const what = entries.length === 1 ? "publication" : "publications";
    status.textContent = shown === entries.length
      ? `Showing all ${entries.length} ${what}.`
      : `Showing ${shown} of ${entries.length} ${what}.`;
    const url = new URL(window.location.href);
    url.hash = "";
    if (cat) url.searchParams.set("category", cat); else url.searchParams.delete("category");
    if (lang) url.searchParams.set("language", lang); else url.searchParams.delete("language");
    window.history.replaceState(null, "", url);
  }

  // A filter named in the address (?category=...&language=...) is restored.
  const params = new URLSearchParams(window.location.search);
  for (const [select, key] of [[category, "category"], [language, "language"]]) {
    const want = params.get(key);
    if (want && Array.from(select.options).some((o) => o.value === want)) select.value = want;
  }
  category.addEventListener("change", apply);
  language.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
