#!/usr/bin/env python3
"""pagemap.py PDF EPUB: checks the print page map. For every page N of the
PDF, the EPUB must hold a marker id="page-N" (and a page-list entry), and the
first words after that marker must be the first words of the body of PDF
page N (pdftotext), after the running head. Prints one line per mismatch and
a summary; exits 1 if any page disagrees."""
import re
import subprocess
import sys
import zipfile
from html import unescape

WORDS = 4  # how many words must agree at each page start


def norm_words(text):
    text = text.replace('\u00ad', '').replace('\u00a0', ' ')
    text = re.sub(r'-\n', '', text)          # words hyphenated at a line end
    return re.findall(r"\w[\w'’.,:;()\-–]*", text)


def epub_texts(path):
    """The spine's XHTML joined in reading order, tags left in."""
    z = zipfile.ZipFile(path)
    opf_name = next(n for n in z.namelist() if n.endswith('.opf'))
    opf = z.read(opf_name).decode()
    base = opf_name.rsplit('/', 1)[0] + '/' if '/' in opf_name else ''
    items = dict(re.findall(r'<item[^>]*id="([^"]+)"[^>]*href="([^"]+)"', opf))
    items.update({i: h for h, i in re.findall(r'<item[^>]*href="([^"]+)"[^>]*id="([^"]+)"', opf)})
    spine = re.findall(r'<itemref[^>]*idref="([^"]+)"', opf)
    return ''.join(z.read(base + items[i]).decode() for i in spine), z.read(base + 'nav.xhtml').decode()


def main():
    pdf, epub = sys.argv[1], sys.argv[2]
    pages = int(re.search(r'Pages:\s+(\d+)', subprocess.run(
        ['pdfinfo', pdf], capture_output=True, text=True).stdout).group(1))
    html, nav = epub_texts(epub)
    bad = 0
    for n in range(1, pages + 1):
        m = re.search(r'<span[^>]*id="page-%d"[^>]*/>' % n, html)
        if not m or ('#page-%d"' % n) not in nav:
            print('page %d: no marker or page-list entry in the EPUB' % n)
            bad += 1
            continue
        after = unescape(re.sub(r'<[^>]+>', ' ', html[m.end():m.end() + 4000]))
        want = norm_words(after)[:WORDS]
        text = subprocess.run(['pdftotext', '-f', str(n), '-l', str(n), pdf, '-'],
                              capture_output=True, text=True).stdout
        lines = [l for l in text.split('\n') if l.strip()]
        head = ' '.join(lines[:4])  # the body starts within the first lines, after the running head
        got = norm_words(head)
        joined = ' '.join(got)
        if ' '.join(want) not in joined:
            print('page %d: EPUB marker is followed by %r; PDF page starts %r' % (n, want, got[:12]))
            bad += 1
    print('pagemap: %d of %d pages agree' % (pages - bad, pages))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
