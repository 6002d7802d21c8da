#!/usr/bin/env python3
"""foreign_pages.py MANUSCRIPT.md DIR: checks the page references a manuscript
makes into other manuscripts (@page:NAME/label) against the PDFs in DIR.

For each reference, the expected number is the page of DIR/NAME.pdf on which
the labelled heading's title starts a line (pdftotext, page by page). The
PDF of the manuscript must show the words written before the reference
followed by that number, and its EPUB the same numbers in the same order.
Prints one line per problem; exits 1 if there is any."""
import re
import subprocess
import sys
import zipfile


def pdf_pages(path):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", path], capture_output=True, text=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), path, "-"],
                           capture_output=True, text=True).stdout for p in range(1, n + 1)]


def heading_title(md_path, label):
    for line in open(md_path, encoding="utf-8"):
        m = re.match(r"#+\s+(.*?)\s*\{#" + re.escape(label) + r"[\s}]", line)
        if m:
            return re.sub(r"[*_`]", "", m.group(1))
    return None


def has_heading(page_text, title):
    """True when the page shows the heading (numbered or not) as a line, or,
    for a heading that wraps, as consecutive lines."""
    lines = [re.sub(r"^[\d.]+\s+", "", l.strip()) for l in page_text.splitlines()]
    for i, line in enumerate(lines):
        if line == title:
            return True
        rest = title[len(line):].strip()
        if len(line) >= 20 and title.startswith(line) and i + 1 < len(lines) and rest \
                and lines[i + 1] and rest.startswith(lines[i + 1]):
            return True
    return False


def normal(text):
    text = text.replace("\u00ad\n", "").replace("-\n", "-")
    return re.sub(r"\s+", " ", text)


def main():
    md, out = sys.argv[1], sys.argv[2]
    name = re.sub(r"\.md$", "", md.split("/")[-1])
    src = open(md, encoding="utf-8").read()
    refs = [(m.group(1), m.group(2), src[:m.start()])
            for m in re.finditer(r"@page:([A-Za-z0-9_-]+)/([A-Za-z0-9_:.-]*[A-Za-z0-9_])", src)]
    if not refs:
        print(f"{md}: no references into other manuscripts")
        return 1
    pdf_text = normal(" ".join(pdf_pages(f"{out}/{name}.pdf")))
    problems, expected = [], []
    cache = {}
    for other, label, before in refs:
        title = heading_title(f"{md.rsplit('/', 1)[0]}/{other}.md", label)
        if other not in cache:
            cache[other] = pdf_pages(f"{out}/{other}.pdf")
        pages = [i + 1 for i, t in enumerate(cache[other])
                 if title and ". . ." not in t  # not the contents' entry for it
                 and has_heading(t, title)]
        if not pages:
            problems.append(f"{other}/{label}: heading '{title}' not found in {other}.pdf")
            continue
        page = pages[0]
        expected.append(page)
        words = " ".join(re.sub(r"[^\w\s(),.-]", " ", before).split()[-3:])
        if f"{words} {page}" not in pdf_text:
            problems.append(f"{other}/{label}: PDF does not read '{words} {page}'")
    with zipfile.ZipFile(f"{out}/{name}.epub") as z:
        xhtml = "".join(z.read(n).decode() for n in sorted(z.namelist())
                        if n.endswith(".xhtml") and "nav" not in n)
    # the EPUB's references into other books are plain spans: the numbers in order
    shown = [int(x) for x in re.findall(r'page\s+<span class="xref">(\d+)</span>', xhtml)]
    if shown != expected:
        problems.append(f"EPUB numbers {shown} differ from the PDFs' pages {expected}")
    for p in problems:
        print(p)
    print(f"{len(refs)} references into other manuscripts, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
