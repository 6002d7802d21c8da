#!/usr/bin/env python3
"""tests/tools/gaps.py: how loose justified text is, measured on the PDF.

Usage: gaps.py [--check] FILE.pdf...

Reads the word boxes of every page (pdftotext -bbox-layout). A justified
line is one that reaches the text block's right edge (the edge most lines
of the page end at, within RIGHT_SLACK points: punctuation and hyphens hang
a little past it) with at least two words, and is not the last line of its
block (a paragraph's last line is set at its natural spacing). For each,
the mean gap between its words is divided by the line's font height (the
median height of its word boxes, which pdftotext takes from the font's
ascent and descent). Prints, per file and for all files together, the
number of lines, the median and the 95th percentile of that ratio ("em"),
and the share of lines over LOOSE em.

--check exits 1 unless, in every file, the 95th percentile is at most
P95_MAX and no line is over LOOSE (issue 9's target).
"""
import re
import statistics
import subprocess
import sys

RIGHT_SLACK = 2.5  # points a justified line's end may stand from the right edge
LOOSE = 0.5        # a line with gaps over this many em is loose
P95_MAX = 0.27     # the target for the 95th percentile

NUM = r'"([-\d.]+)"'
LINE = re.compile(r"<line xMin=%s yMin=%s xMax=%s yMax=%s>(.*?)</line>" % (NUM, NUM, NUM, NUM), re.S)
WORD = re.compile(r"<word xMin=%s yMin=%s xMax=%s yMax=%s>(.*?)</word>" % (NUM, NUM, NUM, NUM), re.S)
BLOCK = re.compile(r"<block [^>]*>(.*?)</block>", re.S)
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)


def page_lines(page):
    """(lines, last) per block: each line as a list of word boxes."""
    for block in BLOCK.findall(page):
        lines = []
        for m in LINE.finditer(block):
            words = [tuple(map(float, w[:4])) + (w[4],) for w in WORD.findall(m.group(5))]
            if words:
                lines.append(words)
        yield lines


def ratios(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for page in PAGE.findall(xml):
        blocks = list(page_lines(page))
        ends = [round(max(w[2] for w in ln)) for b in blocks for ln in b]
        if not ends:
            continue
        right = statistics.mode(ends)
        for b in blocks:
            for ln in b[:-1]:  # a block's last line is not justified
                if len(ln) < 2 or abs(max(w[2] for w in ln) - right) > RIGHT_SLACK:
                    continue
                ws = sorted(ln)
                gaps = [ws[i + 1][0] - ws[i][2] for i in range(len(ws) - 1)]
                height = statistics.median(w[3] - w[1] for w in ws)
                if height > 0:
                    out.append(statistics.mean(gaps) / height)
    return out


def summary(rs):
    if not rs:
        return 0, 0.0, 0.0, 0.0, 0.0
    rs = sorted(rs)
    p95 = rs[min(len(rs) - 1, int(round(0.95 * (len(rs) - 1))))]
    loose = sum(1 for r in rs if r > LOOSE)
    return len(rs), statistics.median(rs), p95, 100.0 * loose / len(rs), rs[-1]


def main(argv):
    check = "--check" in argv
    files = [a for a in argv if a != "--check"]
    if not files:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    bad = []
    every = []
    print("%-40s %6s %7s %7s %8s %7s" % ("file", "lines", "median", "p95", "> %.1f" % LOOSE, "worst"))
    for f in files:
        rs = ratios(f)
        every += rs
        n, med, p95, share, worst = summary(rs)
        print("%-40s %6d %7.3f %7.3f %7.1f%% %7.3f" % (f.split("/")[-1], n, med, p95, share, worst))
        if p95 > P95_MAX or worst > LOOSE:
            bad.append(f)
    n, med, p95, share, worst = summary(every)
    print("%-40s %6d %7.3f %7.3f %7.1f%% %7.3f" % ("all", n, med, p95, share, worst))
    if check and bad:
        print("over the target (p95 <= %.2f em, none over %.1f em): %s" % (P95_MAX, LOOSE, " ".join(bad)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
