#!/usr/bin/env python3
"""tests/pdf/check.py: checks a folio PDF against its manuscript, the way a
reader and their tools see it (pdftotext, pdftotext -bbox-layout, qpdf).

Usage: check.py [--style FILE] [--hyphens yes|no|any] MANUSCRIPT.md FILE.pdf

Prints one line per check, "NAME ok ..." or "NAME FAIL ...", and exits 1 if
any failed. The checks:
  words     the manuscript's words appear in the PDF in order (>= 99.5% of
            the word sequence, aligned with difflib)
  notes     every footnote's text is on the page of its first reference (a
            note referenced only from another note: on that note's page)
  headings  no page ends with a heading: the words after each heading are on
            the heading's page
  bbox      every word lies in the text block (+-1pt), except the running head
            and the folio in their bands above and below it; a word ending
            in punctuation or a hyphen may hang a little further right
            (protrusion, PROTRUSION)
  overlap   no two words overlap (notes never run into body text, nor lines
            into each other)
  tables    a table on more than one page repeats its header on each
  outline   the PDF outline has one entry per heading of the manuscript, in
            order and with the same words (section numbers aside), and none
            else but the sections folio adds (the bibliography)
  hyphens   line ends with a soft hyphen (U+00AD, which pdftotext keeps from
            folio's hyphenation) exist (--hyphens yes) or not (no); none
            breaks a URL, code, or a word with a capital (unless the style
            hyphenates capitals, or a table too wide otherwise needs it); never more than 2 hyphenated lines in a row

Words are runs of letters or of digits, lower-cased after NFKC (so
punctuation never disturbs the alignment, and a footnote mark is a word of
its own, which the alignment skips; a soft hyphen at a line end joins the
word again). Citations and cross-references are left out of the
manuscript's words: their printed form is the resolver's business.
"""
import difflib
import json
import re
import subprocess
import sys
import unicodedata

WORDS_MIN = 0.995    # share of the manuscript's word sequence found in order
BBOX_SLACK = 1.0     # points a word may stand outside the text block
# Protrusion: a justified line's last character, when it is punctuation or a
# hyphen, hangs into the right margin by at most 0.2 of the font size
# (src/layout/totalfit.c); pdftotext's word box is 1.36 font sizes tall for
# Noto Serif, so such a word may pass the edge by this share of its height.
PROTRUDING = ".,:;!?-\u2010\u00ad\u2013\u2014\u2019\u201d'\""
PROTRUSION = 0.15
NOTE_PROBE = 8       # words of a note looked for on its page
NOTE_MIN_WORDS = 3   # shorter notes are too ambiguous to look for
HEAD_LOOKAHEAD = 6   # words after a heading tried when the next is unmatched
SHY = "\u00ad"

LETTERS = re.compile(r"[^\W\d_]+")
WORD = re.compile(r"[^\W\d_]+|\d+")


def words(text):
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())


# ---- the style's page geometry ---------------------------------------------------
PAGE_SIZES = {"a4": (595.2756, 841.8898), "a5": (419.5276, 595.2756), "letter": (612, 792),
              "legal": (612, 1008), "b5": (498.8976, 708.6614)}


def length(v):
    m = re.match(r"\s*([\d.]+)\s*(pt|mm|cm|in|px)?\s*$", v)
    unit = {"pt": 1, None: 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72, "px": 0.75}[m.group(2)]
    return float(m.group(1)) * unit


def style_geometry(path):
    g = {"page-width": 595.2756, "page-height": 841.8898, "margin-top": 70.866,
         "margin-bottom": 70.866, "margin-inner": 70.866, "margin-outer": 70.866,
         "furniture-size": 8.0, "two-sided": False, "hyphenate-capitals": False}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^([a-z0-9-]+):\s*(.*?)\s*$", line)
        if not m:
            continue
        k, v = m.group(1), m.group(2).strip('"')
        if k == "page-size" and v.lower() in PAGE_SIZES:
            g["page-width"], g["page-height"] = PAGE_SIZES[v.lower()]
        elif k in ("two-sided", "hyphenate-capitals"):
            g[k] = v in ("true", "yes", "on")
        elif k in g:
            g[k] = length(v)
    return g


# ---- the manuscript ----------------------------------------------------------------
CITE_BRACKET = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")
CITE_BARE = re.compile(r"(?<![\w.])-?@[\w:.#$%&+?<>~/-]*\w")
NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)(\{[^}]*\})?")
LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)(\{[^}]*\})?")
AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
ATTRS = re.compile(r"\{[#.][^}]*\}")
HTML = re.compile(r"<[^>]+>")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")


class Manuscript:
    def __init__(self, path):
        text = open(path, encoding="utf-8").read()
        body = text
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            body = text[end + 5:] if end >= 0 else text
        self.stream = []      # the body's words
        self.headings = []    # (first, end) word ranges of headings
        self.refs = []        # (label, index of the word before the reference, parent note)
        self.after_cite = set()  # labels of references right after a citation
        self.notes = {}       # label -> note text
        self.tables = []      # {"header": [words], "rows": [first word index of each row]}
        self.technical = set()  # words of code and URLs
        self.prose = set()      # words of everything else
        self.table_words = set()  # words in tables (too wide a table may hyphenate capitals)
        self.n_headings = 0
        self.parse(body.split("\n"))
        for label, text in self.notes.items():  # notes referenced from notes
            for m in NOTE_REF.finditer(text):
                self.refs.append((m.group(1), -1, label))

    def inline(self, text, note=None):
        """Adds a run of inline Markdown to the stream (or, for a note, returns its words)."""
        for m in CODE_SPAN.finditer(text):
            self.technical.update(words(m.group(2)))
        for m in URL.finditer(text):
            self.technical.update(words(m.group(0)))
        for m in AUTOLINK.finditer(text):
            self.technical.update(words(m.group(1)))
        self.prose.update(words(AUTOLINK.sub(" ", URL.sub(" ", CODE_SPAN.sub(" ", text)))))
        text = CODE_SPAN.sub(lambda m: m.group(2), text)
        text = IMAGE.sub(lambda m: "", text)  # inline images show no text
        text = LINK.sub(lambda m: m.group(1), text)
        text = AUTOLINK.sub(lambda m: m.group(1), text)
        text = CITE_BRACKET.sub(" \x01 ", text)  # \x01: a citation stood here
        text = CITE_BARE.sub(" \x01 ", text)
        text = ATTRS.sub(" ", text)
        text = HTML.sub(" ", text)
        out = [] if note is not None else self.stream
        pos = 0
        for m in NOTE_REF.finditer(text):
            out.extend(words(text[pos:m.start()]))
            if note is None:
                self.refs.append((m.group(1), len(out) - 1, None))
                if re.search(r"\x01\W*$", text[pos:m.start()]):
                    self.after_cite.add(m.group(1))
            pos = m.end()
        out.extend(words(text[pos:]))
        return out

    def note_probe(self, label):
        """The first words of a note that are the author's own (not a citation,
        whose printed form the resolver decides): at most NOTE_PROBE of them."""
        text = CITE_BRACKET.sub("\x00", self.notes[label])
        text = CITE_BARE.sub("\x00", text)
        for piece in text.split("\x00"):
            w = self.inline(piece, note=label)
            if len(w) >= NOTE_MIN_WORDS:
                return w[:NOTE_PROBE]
        return []

    def parse(self, lines):
        i, n = 0, len(lines)
        para = []

        def flush():
            if para:
                joined = " ".join(para)
                m = re.fullmatch(r"\s*!\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?\s*", joined)
                if m:  # a figure: its description is its caption
                    self.inline(m.group(1))
                else:
                    self.inline(joined)
                para.clear()

        while i < n:
            line = lines[i]
            fence = re.match(r"^\s*(```+|~~~+)", line)
            if fence:
                flush()
                code = []
                i += 1
                while i < n and not lines[i].strip().startswith(fence.group(1)):
                    code.append(lines[i])
                    i += 1
                i += 1
                w = words("\n".join(code))
                self.technical.update(w)
                self.stream.extend(w)
                continue
            note = re.match(r"^\[\^([^\]]+)\]:\s?(.*)$", line)
            if note:
                flush()
                label, body = note.group(1), [note.group(2)]
                i += 1
                while i < n and (lines[i].startswith("    ") or lines[i].startswith("\t") or
                                 (not lines[i].strip() and i + 1 < n and
                                  (lines[i + 1].startswith("    ") or lines[i + 1].startswith("\t")))):
                    body.append(lines[i].strip())
                    i += 1
                self.notes[label] = " ".join(body)
                continue
            head = re.match(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$", line)
            if head:
                flush()
                self.n_headings += 1
                first = len(self.stream)
                self.inline(head.group(2))
                self.headings.append((first, len(self.stream)))
                i += 1
                continue
            if line.lstrip().startswith("|"):
                flush()
                rows = []
                while i < n and lines[i].lstrip().startswith("|"):
                    rows.append(lines[i].strip())
                    i += 1
                # the caption ("Table: ..." after it) is printed above the table
                k = i
                while k < n and not lines[k].strip():
                    k += 1
                cap = re.match(r"^Table:\s*(.*)$", lines[k]) if k < n else None
                if cap:
                    self.inline(cap.group(1))
                    i = k + 1
                header = None
                table = {"header": [], "rows": []}
                for k, r in enumerate(rows):
                    if re.fullmatch(r"\|?[\s:|-]+\|?", r):
                        continue
                    cells = [c.strip() for c in r.strip("|").split("|")]
                    start = len(self.stream)
                    for c in cells:
                        self.inline(c)
                    self.table_words.update(self.stream[start:])
                    if header is None and k + 1 < len(rows) and re.fullmatch(r"\|?[\s:|-]+\|?", rows[k + 1]):
                        header = self.stream[start:]
                        table["header"] = header
                    else:
                        table["rows"].append(start)
                self.tables.append(table)
                continue
            if re.match(r"^\s*:::", line) or re.match(r"^\s*([-*_]\s*){3,}$", line):
                flush()
                i += 1
                continue
            if not line.strip():
                flush()
                i += 1
                continue
            cap = re.match(r"^Table:\s*(.*)$", line)
            if cap:
                flush()
                self.inline(cap.group(1))
                i += 1
                continue
            item = re.match(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$", line)
            if item:
                flush()
                para.append(item.group(1))
            else:
                para.append(re.sub(r"^\s*(>\s*)+", "", line))
            i += 1
        flush()


# ---- the PDF -------------------------------------------------------------------------
def html_text(t):
    return t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def run(args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8", "replace")


class Pdf:
    def __init__(self, path):
        self.path = path
        self.bbox = self.bbox_pages()
        raw = run(["pdftotext", "-raw", path, "-"])
        self.raw_pages = raw.split("\f")
        if self.raw_pages and not self.raw_pages[-1].strip():
            self.raw_pages.pop()
        self.tokens, self.token_page, self.page_tokens = [], [], []
        for p, text in enumerate(self.raw_pages, 1):
            text = text.replace(SHY + "\n", "").replace(SHY, "")
            w = words(text)
            self.page_tokens.append(w)
            self.tokens.extend(w)
            self.token_page.extend([p] * len(w))

    def bbox_pages(self):
        """Per page: width, height, words (x0, y0, x1, y1, text) and blocks (lists of
        lines, each a list of word texts): pdftotext's blocks are folio's paragraphs."""
        xml = run(["pdftotext", "-bbox-layout", self.path, "-"])
        pages = []
        word = r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>'
        for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
            ws = [(float(a), float(b), float(c), float(d), html_text(t)) for a, b, c, d, t in
                  re.findall(word, m.group(3))]
            blocks = [[[html_text(t) for t in re.findall(r">([^<]*)</word>", line)]
                       for line in re.findall(r"<line.*?</line>", block, re.S)]
                      for block in re.findall(r"<block.*?</block>", m.group(3), re.S)]
            pages.append((float(m.group(1)), float(m.group(2)), ws, blocks))
        return pages

    def outline_titles(self):
        """The outline's entries, depth first (the reading order)."""
        data = json.loads(run(["qpdf", "--json=2", "--json-key=outlines", self.path]))
        out = []

        def walk(items):
            for o in items:
                out.append(o.get("title", ""))
                walk(o.get("kids", []))
        walk(data.get("outlines", []))
        return out


# ---- the checks -------------------------------------------------------------------------
def align(ms, pdf):
    """Maps each manuscript word index to a PDF word index (or None)."""
    where = [None] * len(ms.stream)
    sm = difflib.SequenceMatcher(None, ms.stream, pdf.tokens, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            where[a + k] = b + k
    return where


def page_of(pdf, where, idx, back=True):
    """The page of manuscript word idx, or of the nearest matched word before it."""
    step = -1 if back else 1
    k = idx
    while 0 <= k < len(where) and abs(k - idx) <= HEAD_LOOKAHEAD * 4:
        if where[k] is not None:
            return pdf.token_page[where[k]]
        k += step
    return None


def contains(hay, needle):
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1)) if n else True


def check_words(ms, pdf, where, out):
    found = sum(1 for w in where if w is not None)
    share = found / max(1, len(ms.stream))
    ok = share >= WORDS_MIN
    missing = []
    if not ok:
        run_start = None
        for i, w in enumerate(where + [0]):
            if w is None and run_start is None:
                run_start = i
            elif w is not None and run_start is not None:
                if i - run_start >= 3:
                    missing.append(" ".join(ms.stream[run_start:i][:12]))
                run_start = None
    out.append(("words", ok, "%d of %d words in order (%.2f%%)%s" % (
        found, len(ms.stream), 100 * share, ("; missing: " + " | ".join(missing[:5])) if missing else "")))


def check_notes(ms, pdf, where, out):
    bad, checked = [], 0
    note_page = {}
    for label, idx, parent in ms.refs:
        if label in note_page or label not in ms.notes:
            continue
        probe = ms.note_probe(label)
        if parent is None:
            page = page_of(pdf, where, idx) if idx >= 0 else None
            # a citation between the word and the reference may start the next page:
            # the page of the word after the reference then holds the reference
            if label in ms.after_cite and page is not None and idx + 1 < len(where):
                after = page_of(pdf, where, idx + 1)
                if after is not None and after != page and contains(pdf.page_tokens[after - 1], probe):
                    page = after
        else:
            page = note_page.get(parent)
        if page is None or len(probe) < NOTE_MIN_WORDS:
            note_page[label] = page
            continue
        checked += 1
        if contains(pdf.page_tokens[page - 1], probe):
            note_page[label] = page
            continue
        elsewhere = [p for p in range(1, len(pdf.page_tokens) + 1) if contains(pdf.page_tokens[p - 1], probe)]
        note_page[label] = elsewhere[0] if elsewhere else None
        bad.append("note [^%s] referenced on page %d, printed on %s" % (
            label, page, ",".join(map(str, elsewhere)) or "no page"))
    out.append(("notes", not bad, "%d notes checked%s" % (checked, ("; " + "; ".join(bad[:6])) if bad else "")))


def check_headings(ms, pdf, where, out):
    bad = []
    for first, end in ms.headings:
        if end <= first or end >= len(ms.stream):
            continue
        p = page_of(pdf, where, end - 1)
        q = None
        for k in range(end, min(end + HEAD_LOOKAHEAD, len(where))):
            if where[k] is not None:
                q = pdf.token_page[where[k]]
                break
        if p is not None and q is not None and q != p:
            bad.append("'%s' ends page %d (next words on page %d)" % (" ".join(ms.stream[first:end]), p, q))
    out.append(("headings", not bad, "%d headings%s" % (len(ms.headings), ("; " + "; ".join(bad[:6])) if bad else "")))


def check_bbox(pdf, geo, out):
    bad = []
    fs = geo["furniture-size"]
    for number, (w, h, ws, _) in enumerate(pdf.bbox, 1):
        even = geo["two-sided"] and number % 2 == 0
        left = geo["margin-outer"] if even else geo["margin-inner"]
        right = w - (geo["margin-inner"] if even else geo["margin-outer"])
        top, bottom = geo["margin-top"], h - geo["margin-bottom"]
        # the running head sits 2.6 furniture sizes above the text block, the folio 3.2 below
        head = (top - 2.6 * fs - 2 * fs, top - 2.6 * fs + fs)
        foot = (bottom + 3.2 * fs - 2 * fs, bottom + 3.2 * fs + fs)
        for x0, y0, x1, y1, t in ws:
            if (head[0] <= y0 and y1 <= head[1]) or (foot[0] <= y0 and y1 <= foot[1]):
                if left - BBOX_SLACK <= x0 and x1 <= right + BBOX_SLACK:
                    continue
            hang = PROTRUSION * (y1 - y0) if t and t[-1] in PROTRUDING else 0
            if not (left - BBOX_SLACK <= x0 and x1 <= right + BBOX_SLACK + hang and
                    top - BBOX_SLACK <= y0 and y1 <= bottom + BBOX_SLACK):
                bad.append("page %d: '%s' at x %.1f-%.1f y %.1f-%.1f (text block x %.1f-%.1f y %.1f-%.1f)" % (
                    number, t, x0, x1, y0, y1, left, right, top, bottom))
    out.append(("bbox", not bad, "%d words outside the text block%s" % (len(bad), ("; " + "; ".join(bad[:5])) if bad else "")))


OVERLAP_SLACK = 1.0  # points two word boxes may share
# pdftotext's word box spans the font's whole ascent and descent, which tight
# leading (titles, headings) overlaps; the letters themselves fill the part from
# the baseline up to the cap height: the box's middle, without these shares.
CORE_TOP, CORE_BOTTOM = 0.27, 0.215


def check_overlap(pdf, out):
    bad = []
    for number, (_, _, ws, _) in enumerate(pdf.bbox, 1):
        boxes = sorted(((x0, y0 + CORE_TOP * (y1 - y0), x1, y1 - CORE_BOTTOM * (y1 - y0), t)
                        for x0, y0, x1, y1, t in ws), key=lambda w: w[1])
        active = []
        for b in boxes:
            active = [a for a in active if a[3] - OVERLAP_SLACK > b[1]]
            for a in active:
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > OVERLAP_SLACK and dy > OVERLAP_SLACK:
                    bad.append("page %d: '%s' overlaps '%s'" % (number, a[4], b[4]))
            active.append(b)
    out.append(("overlap", not bad, "%d overlapping words%s" % (len(bad), ("; " + "; ".join(bad[:5])) if bad else "")))


def check_tables(ms, pdf, where, out):
    bad, spanning = [], 0
    for t in ms.tables:
        if not t["header"] or not t["rows"]:
            continue
        pages = sorted({p for p in (page_of(pdf, where, r, back=False) for r in t["rows"]) if p})
        if len(pages) < 2:
            continue
        spanning += 1
        for p in pages[1:]:
            if not contains(pdf.page_tokens[p - 1], t["header"]):
                bad.append("header '%s' not repeated on page %d" % (" ".join(t["header"]), p))
    out.append(("tables", not bad, "%d tables span pages%s" % (spanning, ("; " + "; ".join(bad[:5])) if bad else "")))


# sections folio adds after the manuscript's own (the bibliography), by title
GENERATED = {"references", "bibliography", "referencias", "bibliografía", "références", "bibliographie"}


def check_outline(ms, pdf, out):
    titles = pdf.outline_titles()
    mine = [" ".join(ms.stream[a:b]) for a, b in ms.headings]
    # without the section numbers a style may add ("2.1 Title")
    got = [" ".join(words(re.sub(r"^\d+(\.\d+)*\s+", "", t))) for t in titles]
    extra = [t for t in titles[len(mine):] if t.strip().lower() not in GENERATED]
    ok = got[:len(mine)] == mine and not extra
    bad = [("'%s' for '%s'" % (g, m)) for g, m in zip(got, mine) if g != m][:3]
    out.append(("outline", ok, "%d outline entries for %d headings%s%s" % (
        len(titles), len(mine), ("; " + "; ".join(bad)) if bad else "",
        ("; unexpected: " + ", ".join(extra[:3])) if extra else "")))


TECHNICAL = re.compile(r"[/\\@_=<>{}|~#%&+*^$]|://|\.[^\W\d_]")


def check_hyphens(ms, pdf, geo, want, out):
    bad, count = [], 0
    # in drawing order (pdftotext -raw) a soft hyphen only ever ends a line, and the
    # next line of its paragraph follows it
    for number, text in enumerate(pdf.raw_pages, 1):
        lines = [l.rstrip(" ") for l in text.split("\n")]
        for k, line in enumerate(lines):
            if SHY in line[:-1]:
                bad.append("page %d: soft hyphen inside a line: '%s'" % (
                    number, line[max(0, line.index(SHY) - 20):line.index(SHY) + 10]))
            if not line.endswith(SHY):
                continue
            count += 1
            head = line.split()[-1][:-1]
            tail = lines[k + 1].split()[0] if k + 1 < len(lines) and lines[k + 1].split() else ""
            if not tail[:1].islower():  # the page ends there: notes or the folio follow
                tail = ""
            joined = head + tail
            runs = LETTERS.findall(head)
            broken = runs[-1] if runs else ""
            if TECHNICAL.search(joined.rstrip(".,;:)")):
                bad.append("page %d: URL or code hyphenated: '%s'" % (number, joined))
            elif any(w in ms.technical and w not in ms.prose for w in words(joined)):
                bad.append("page %d: code hyphenated: '%s'" % (number, joined))
            elif not geo["hyphenate-capitals"] and any(c.isupper() for c in broken) and \
                    broken.lower() not in {w[:len(broken)] for w in ms.table_words}:
                bad.append("page %d: a word with a capital hyphenated: '%s'" % (number, joined))
    # runs of hyphenated lines, within a paragraph (pdftotext's blocks)
    for number, (_, _, _, blocks) in enumerate(pdf.bbox, 1):
        for block in blocks:
            run_len = 0
            for line in block:
                last = line[-1] if line else ""
                soft = last.endswith(SHY)
                run_len = run_len + 1 if soft or last.endswith("-") or last.endswith("\u2010") else 0
                if soft and run_len > 2:
                    bad.append("page %d: %d hyphenated lines in a row (at '%s')" % (number, run_len, last))
    if want == "yes" and count == 0:
        bad.append("no line ends with a hyphen")
    if want == "no" and count:
        bad.append("%d lines end with a hyphen, none expected" % count)
    out.append(("hyphens", not bad, "%d hyphenated line ends%s" % (count, ("; " + "; ".join(bad[:5])) if bad else "")))


def main(argv):
    style, want = "styles/briefing.yaml", "any"
    args = []
    it = iter(argv)
    for a in it:
        if a == "--style":
            style = next(it)
        elif a == "--hyphens":
            want = next(it)
        else:
            args.append(a)
    ms, pdf = Manuscript(args[0]), Pdf(args[1])
    geo = style_geometry(style)
    where = align(ms, pdf)
    out = []
    check_words(ms, pdf, where, out)
    check_notes(ms, pdf, where, out)
    check_headings(ms, pdf, where, out)
    check_bbox(pdf, geo, out)
    check_overlap(pdf, out)
    check_tables(ms, pdf, where, out)
    check_outline(ms, pdf, out)
    check_hyphens(ms, pdf, geo, want, out)
    for name, ok, msg in out:
        print("%s %s %s" % (name, "ok" if ok else "FAIL", msg))
    return 0 if all(ok for _, ok, _ in out) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
