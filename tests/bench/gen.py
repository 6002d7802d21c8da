#!/usr/bin/env python3
"""tests/bench/gen.py: writes a deterministic briefing of about PAGES A4 pages
for the benchmark: prose in sections, 60 footnotes per 40 pages, citations in
pandoc's syntax (keys from manuscripts/references.bib), a table every few
pages. The same input always gives the same bytes (no clock, no randomness
but a fixed-seed generator).

Usage: gen.py PAGES OUT.md [OUT.txt]
OUT.txt, if given, gets the same prose as plain text (paragraphs separated by
blank lines, no markup, notes at the end), for the floor program.
"""
import random
import re
import sys

WORDS_PER_PAGE = 345   # body words per page of folio's house style, with notes and tables
NOTES_PER_PAGE = 60 / 40
PAGES_PER_TABLE = 5
PAGES_PER_SECTION = 2.5

VOCAB = """police enforcement policy harm reduction market markets drug drugs public health
community communities service services treatment evidence programme programmes officers
evaluation strategy strategies violence prevention institutions institutional accountability
international national regional local government governments agency agencies support practice
practices approach approaches research review reform reforms priority priorities resources
investigation investigations offenders offence offences prosecution courts justice criminal
legal legislation regulation framework frameworks partnership partnerships cooperation training
performance indicators measures outcomes effects impact impacts costs benefits risks risk people
users dealers supply demand trafficking organised crime corruption security development aid
assistance donors countries cities neighbourhoods residents families young vulnerable women
rights human dignity proportionality discretion guidance supervision leadership management
information intelligence data analysis assessment monitoring transparency legitimacy confidence
trust safety order protection responsibility responsibilities commitment implementation""".split()
GLUE = """the of and to in a for that is on with as by are this be which can it from or
have has not more than their they but also these when may such its been at should would""".split()


def sentence(rng):
    n = rng.randint(12, 26)
    words = []
    for i in range(n):
        pool = GLUE if rng.random() < 0.42 else VOCAB
        words.append(rng.choice(pool))
    words[0] = words[0].capitalize()
    text = " ".join(words)
    if rng.random() < 0.3:
        cut = text.rfind(" ", 0, len(text) // 2)
        if cut > 0:
            text = text[:cut] + "," + text[cut:]
    return text + "."


def main(argv):
    pages, out_md = int(argv[0]), argv[1]
    out_txt = argv[2] if len(argv) > 2 else None
    rng = random.Random(20240101 + pages)
    bib = open("manuscripts/references.bib", encoding="utf-8").read()
    keys = sorted(set(re.findall(r"^@\w+\{([^,\s]+),", bib, re.M)))
    md, txt, notes, note_txt = [], [], [], []
    md.append("""---
title: "A generated briefing of about %d pages"
subtitle: "Benchmark input for folio"
author:
  - name: Folio Bench
    affiliation: tests/bench/gen.py
date: 2024-01-01
lang: en-GB
series: Modernising Drug Law Enforcement
number: 99
abstract: |
  A deterministic text written by tests/bench/gen.py to measure how fast
  folio and its peers turn a long policy briefing into pages.
bibliography: ../../manuscripts/references.bib
---
""" % pages)
    total_words = pages * WORDS_PER_PAGE
    n_notes = round(pages * NOTES_PER_PAGE)
    words = 0
    section = 0
    next_section = 0
    next_table = PAGES_PER_TABLE * WORDS_PER_PAGE
    note_every = total_words / max(1, n_notes)
    next_note = note_every / 2
    while words < total_words:
        if words >= next_section:
            section += 1
            title = " ".join(rng.choice(VOCAB) for _ in range(rng.randint(2, 5))).capitalize()
            level = "#" if section % 3 == 1 else "##"
            md.append("%s %s\n" % (level, title))
            txt.append(title + "\n")
            next_section += PAGES_PER_SECTION * WORDS_PER_PAGE
        para_md, para_txt = [], []
        for _ in range(rng.randint(3, 8)):
            s = sentence(rng)
            words += len(s.split())
            plain = s
            if rng.random() < 0.12:  # a citation
                k = rng.choice(keys)
                s = s[:-1] + " [@%s, p. %d]." % (k, rng.randint(1, 300))
            if words >= next_note and len(notes) < n_notes:
                label = len(notes) + 1
                body = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
                if rng.random() < 0.3:
                    body += " See @%s." % rng.choice(keys)
                notes.append("[^%d]: %s" % (label, body))
                note_txt.append("%d %s" % (label, body))
                s += "[^%d]" % label
                next_note += note_every
            para_md.append(s)
            para_txt.append(plain)
        md.append(" ".join(para_md) + "\n")
        txt.append(" ".join(para_txt) + "\n")
        if words >= next_table:
            rows = ["| Measure | Indicator | Baseline | Target | Assessment |",
                    "|:--------|:----------|---------:|-------:|:-----------|"]
            for r in range(rng.randint(5, 12)):
                cells = [" ".join(rng.choice(VOCAB) for _ in range(2)).capitalize(),
                         " ".join(rng.choice(VOCAB) for _ in range(3)),
                         str(rng.randint(10, 999)), str(rng.randint(10, 999)),
                         " ".join(rng.choice(VOCAB + GLUE) for _ in range(rng.randint(3, 12)))]
                rows.append("| " + " | ".join(cells) + " |")
                txt.append("  ".join(cells) + "\n")
            md.append("\n".join(rows) + "\n\nTable: %s\n" % sentence(rng)[:-1])
            next_table += PAGES_PER_TABLE * WORDS_PER_PAGE
    md.extend(notes)
    with open(out_md, "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    if out_txt:
        with open(out_txt, "w", encoding="utf-8") as f:
            f.write("\n".join(txt + note_txt) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
