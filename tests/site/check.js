// check.js: the download page in a real browser (Debian's chromium, driven by
// playwright-core). Usage: node check.js DIR SCREENS EXPECT.json
// DIR holds index.html and what it links; SCREENS receives the screenshots;
// EXPECT.json maps "category:ID" and "language:CODE" filter values to the
// entry ids the filter must show (worked out by t-site.sh from the
// manuscripts' front matter). Prints what failed and exits 1, or exits 0.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const { chromium } = require("playwright-core");

const [dirArg, screens, expectFile] = process.argv.slice(2);
const dir = path.resolve(dirArg);
const expected = JSON.parse(fs.readFileSync(expectFile, "utf8"));
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".png": "image/png", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".pdf": "application/pdf",
  ".epub": "application/epub+zip",
};
const failures = [];
const fail = (msg) => failures.push(msg);

// A static file server for DIR on 127.0.0.1, nothing else.
function serve() {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(dir, rel.endsWith("/") ? rel + "index.html" : rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      "Content-Type": types[path.extname(file)] || "application/octet-stream",
      "Content-Length": body.length,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Watches a page for console errors, script errors and failed or outside requests.
function watch(page, label) {
  page.setDefaultTimeout(5000);
  page.on("console", (m) => { if (m.type() === "error") fail(`${label}: console error: ${m.text()}`); });
  page.on("pageerror", (e) => fail(`${label}: script error: ${e.message}`));
  page.on("requestfailed", (r) => fail(`${label}: request failed: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) fail(`${label}: ${r.status()} for ${r.url()}`); });
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) fail(`${label}: outside resource ${r.url()}`);
  });
}

let base;

async function visibleEntries(page) {
  return page.$$eval("#entries > .entry", (els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => e.id).sort());
}

async function checkDownloads(page) {
  const links = await page.$$eval("a.download", (as) =>
    as.map((a) => ({ href: a.href, type: a.type, bytes: Number(a.dataset.bytes), text: a.textContent })));
  if (links.length === 0) fail("no download links");
  for (const l of links) {
    const r = await page.request.get(l.href);
    const body = await r.body();
    const file = path.join(dir, decodeURIComponent(new URL(l.href).pathname));
    if (r.status() !== 200) fail(`${l.href}: status ${r.status()}`);
    if (r.headers()["content-type"] !== l.type) fail(`${l.href}: served as ${r.headers()["content-type"]}, link says ${l.type}`);
    if (body.length !== l.bytes) fail(`${l.href}: ${body.length} bytes, link says ${l.bytes}`);
    if (fs.statSync(file).size !== l.bytes) fail(`${l.href}: file has ${fs.statSync(file).size} bytes, link says ${l.bytes}`);
  }
  return links.length;
}

async function checkCovers(page) {
  // every cover decodes, whether or not it is on screen yet
  const covers = await page.$$eval("img.cover", (imgs) => Promise.all(imgs.map(async (img) => {
    try { await img.decode(); } catch (e) { /* reported below */ }
    return { src: img.src, w: img.naturalWidth, h: img.naturalHeight, alt: img.alt };
  })));
  for (const c of covers) {
    if (!(c.w > 0 && c.h > c.w)) fail(`${c.src}: does not decode as a portrait page (${c.w}x${c.h})`);
    if (!c.alt) fail(`${c.src}: no alt text`);
  }
  return covers.length;
}

async function checkFilters(page) {
  if (await page.isHidden("#filters")) fail("the filter form stays hidden with the script on");
  const all = await visibleEntries(page);
  for (const [key, want] of Object.entries(expected)) {
    const [which, value] = key.split(":");
    await page.selectOption(`#filter-${which}`, value);
    const got = await visibleEntries(page);
    if (JSON.stringify(got) !== JSON.stringify([...want].sort()))
      fail(`filter ${key}: shows [${got}], want [${[...want].sort()}]`);
    const noMatch = await page.isVisible("#no-match");
    if (noMatch !== (want.length === 0)) fail(`filter ${key}: "no match" note ${noMatch ? "shown" : "hidden"} for ${want.length} entries`);
    const status = await page.textContent("#filter-status");
    if (!status.includes(String(want.length))) fail(`filter ${key}: status says "${status}"`);
    await page.selectOption(`#filter-${which}`, "");
  }
  if ((await visibleEntries(page)).length !== all.length) fail("clearing the filters does not show every entry");
  return all.length;
}

// Headings never skip a level, the page has a language, focus is visible.
async function checkAccessibility(page) {
  const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (hs) => hs.map((h) => Number(h.tagName[1])));
  if (levels[0] !== 1 || levels.filter((l) => l === 1).length !== 1) fail(`headings: not one h1 first: ${levels}`);
  for (let i = 1; i < levels.length; i++)
    if (levels[i] > levels[i - 1] + 1) fail(`headings: h${levels[i - 1]} followed by h${levels[i]}`);
  if (!(await page.getAttribute("html", "lang"))) fail("no lang on <html>");
  const spanish = await page.$$eval('[data-lang="es"] h3', (hs) => hs.map((h) => h.lang));
  if (spanish.some((l) => !l.startsWith("es"))) fail(`a Spanish title has lang ${spanish}`);
  await page.keyboard.press("Tab");
  const focus = await page.evaluate(() => {
    const el = document.activeElement, cs = getComputedStyle(el);
    return { tag: el.tagName, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), top: el.getBoundingClientRect().top };
  });
  if (focus.tag !== "A" || focus.outline === "none" || !(focus.width >= 2) || focus.top < 0)
    fail(`focus not visible on the first Tab: ${JSON.stringify(focus)}`);
}

async function main() {
  fs.mkdirSync(screens, { recursive: true });
  const server = await serve();
  base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    // script on, desktop
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watch(desktop, "desktop");
    await desktop.goto(base, { waitUntil: "load" });
    await desktop.evaluate(() => document.fonts.ready);
    const n = await checkFilters(desktop);
    const links = await checkDownloads(desktop);
    const covers = await checkCovers(desktop);
    if (links !== 2 * n || covers !== n) fail(`${n} entries but ${links} download links and ${covers} covers`);
    await desktop.screenshot({ path: path.join(screens, "site-desktop.png"), fullPage: true, timeout: 60000 });
    await desktop.screenshot({ path: path.join(screens, "site-desktop-top.png"), timeout: 60000 });
    await desktop.selectOption("#filter-language", "es");
    await desktop.screenshot({ path: path.join(screens, "site-desktop-filtered.png"), timeout: 60000 });
    await desktop.selectOption("#filter-language", "");
    await checkAccessibility(desktop);
    const fonts = await desktop.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").length);
    if (fonts < 3) fail(`only ${fonts} web fonts loaded`);

    // script on, phone: no sideways scrolling
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    watch(phone, "phone");
    await phone.goto(base, { waitUntil: "load" });
    await phone.evaluate(() => document.fonts.ready);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) fail(`phone: the page is ${overflow}px wider than the screen`);
    await checkCovers(phone);
    await phone.screenshot({ path: path.join(screens, "site-phone-top.png"), timeout: 60000 });
    await phone.screenshot({ path: path.join(screens, "site-phone.png"), fullPage: true, timeout: 60000 });

    // script off: every entry shown, no filter, the categories as sections
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const plain = await ctx.newPage();
    watch(plain, "no-script");
    await plain.goto(base, { waitUntil: "load" });
    if (!(await plain.isHidden("#filters"))) fail("no-script: the filter form shows though it cannot work");
    if ((await visibleEntries(plain)).length !== n) fail("no-script: not every entry is shown");
    const cats = await plain.$$eval("section.category", (ss) => ss.map((s) =>
      s.querySelectorAll("li a").length + (s.querySelector(".category-empty") ? 0 : 0)));
    if (cats.length !== 18) fail(`no-script: ${cats.length} category sections, want 18`);
    await plain.click(".tags a >> nth=0");
    const target = await plain.evaluate(() => document.querySelector(":target")?.className);
    if (target !== "category") fail(`no-script: a category link lands on "${target}"`);
    await plain.screenshot({ path: path.join(screens, "site-noscript-category.png"), timeout: 60000 });
    await ctx.close();
    console.log(`site: ${n} entries, ${links} downloads, ${covers} covers, ${Object.keys(expected).length} filters checked`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().then(() => {
  if (failures.length) { console.log(failures.join("\n")); process.exit(1); }
}, (e) => {
  console.log([...failures, `site: ${e.stack || e}`].join("\n"));
  process.exit(1);
});
