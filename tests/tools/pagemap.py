#!/usr/bin/env python3
"""pagemap.py PDF EPUB: checks the print page map. For every page N of the
PDF, the EPUB must hold a marker id="page-N" (and a page-list entry), and the
first words after that marker must be the first words of the body of PDF
page N (pdftotext), after the running head. Prints one line per mismatch and
a summary; exits 1 if any page disagrees.

A page that begins inside generated front matter (the contents, the lists
of figures and tables, which have no text in the manuscript) has its marker
at the start of the navigation document: such a page agrees when its first
words are a run of the navigation document's entries."""
import re
import subprocess
import sys
import zipfile
from html import unescape

WORDS = 4  # how many words must agree at each page start


def norm_words(text):
    """Runs of letters and digits, case-folded: punctuation, letter case
    (small capitals, uppercased running heads) and where tags split the text
    (a note number, a citation's link) do not matter; the words do."""
    text = text.replace('\u00ad\n', '').replace('\u00ad', '').replace('\u00a0', ' ')
    text = re.sub(r'(?<=\w)-\n(?=\w)', '', text)  # words hyphenated at a line end
    return [w.casefold() for w in re.findall(r"\w+", text)]


def contains(seq, sub):
    return any(seq[i:i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))


def epub_texts(path):
    """The spine's XHTML joined in reading order, tags left in."""
    z = zipfile.ZipFile(path)
    opf_name = next(n for n in z.namelist() if n.endswith('.opf'))
    opf = z.read(opf_name).decode()
    base = opf_name.rsplit('/', 1)[0] + '/' if '/' in opf_name else ''
    items = dict(re.findall(r'<item[^>]*id="([^"]+)"[^>]*href="([^"]+)"', opf))
    items.update({i: h for h, i in re.findall(r'<item[^>]*href="([^"]+)"[^>]*id="([^"]+)"', opf)})
    spine = re.findall(r'<itemref[^>]*idref="([^"]+)"', opf)
    html, nav_at = '', None
    for i in spine:
        if items[i].endswith('nav.xhtml'):
            nav_at = len(html)
        html += re.sub(r'<head>.*?</head>', '', z.read(base + items[i]).decode(), flags=re.S)
    nav = re.sub(r'<head>.*?</head>', '', z.read(base + 'nav.xhtml').decode(), flags=re.S)
    # what a reading system does not show is not in the reading order
    hidden = re.compile(r'<nav[^>]*hidden="hidden"[^>]*>.*?</nav>', re.S)
    if nav_at is not None:
        shown_nav = hidden.sub('', nav)
        html = html[:nav_at] + shown_nav + html[nav_at + len(nav):]
        return html, nav, (nav_at, nav_at + len(shown_nav))
    return html, nav, (nav_at, nav_at + len(nav)) if nav_at is not None else (-1, -1)


def generated_page_agrees(nav, got):
    """A page of the contents or the lists: 2 * WORDS of its first words
    (after the running head) follow one another in the nav's entries, more
    than a running head and a heading could match by chance."""
    words = norm_words(unescape(re.sub(r'<[^>]+>', ' ', nav)))
    k = 2 * WORDS
    return any(contains(words, got[i:i + k]) for i in range(max(len(got) - k + 1, 0)))


def without_repeated_head(html, at, words, n):
    """The first n words of a PDF page's words with the header row of the
    EPUB table holding position at taken out (where a table continues on a
    new page, the PDF repeats its header above the page's first row)."""
    t = html.rfind('<table', 0, at)
    if t < 0 or html.rfind('</table>', 0, at) > t:
        return words[:n]
    head = re.search(r'<thead.*?</thead>', html[t:at], re.S)
    if not head:
        return words[:n]
    hw = norm_words(unescape(re.sub(r'<[^>]+>', ' ', head.group(0))))
    for i in range(min(len(words), 40)):
        if hw and words[i:i + len(hw)] == hw:
            return (words[:i] + words[i + len(hw):])[:n + len(hw)]
    # pdftotext may read the running head's right part between the header's
    # cells: take the header's words out in order wherever they fall
    start = words.index(hw[0]) if hw and hw[0] in words[:40] else -1
    if start >= 0:
        rest, j = words[:start], 0
        for w in words[start:start + 40 + len(hw)]:
            if j < len(hw) and w == hw[j]:
                j += 1
            else:
                rest.append(w)
        if j == len(hw):
            return rest[:n + len(hw)]
    return words[:n]


def main():
    pdf, epub = sys.argv[1], sys.argv[2]
    pages = int(re.search(r'Pages:\s+(\d+)', subprocess.run(
        ['pdfinfo', pdf], capture_output=True, text=True).stdout).group(1))
    html, nav, nav_span = epub_texts(epub)
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
        if not got:  # a blank page (a pack's verso): its marker stands right before the next
            nxt = re.search(r'<span[^>]*id="page-%d"[^>]*/>' % (n + 1), html)
            between = html[m.end():nxt.start()] if nxt and nxt.start() >= m.end() else None
            if between is None or norm_words(unescape(re.sub(r'<[^>]+>', ' ', between))):
                print('page %d: blank in the PDF, but its EPUB marker is followed by %r'
                      % (n, want))
                bad += 1
            continue
        if nav_span[0] <= m.start() < nav_span[1]:  # generated front matter
            if not generated_page_agrees(nav, norm_words(' '.join(lines[:8]))):
                print('page %d: marker opens the navigation document, but PDF page starts %r, '
                      'not contents entries' % (n, got[:12]))
                bad += 1
            continue
        if want and not contains(got, want):
            # a table that goes on from the page before repeats its header
            # row above the marker's row: the marker is right to skip it
            got = without_repeated_head(html, m.start(), norm_words(text), len(got))
        if not want or not contains(got, want):
            print('page %d: EPUB marker is followed by %r; PDF page starts %r' % (n, want, got[:12]))
            bad += 1
    print('pagemap: %d of %d pages agree' % (pages - bad, pages))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
