#!/usr/bin/env python3
"""contents.py PDF: checks a PDF's contents page(s) against its pages. Every
contents line ("Title . . . . 12", indented by level) must name a page on
whose body the heading stands (pdftotext). Prints one line per problem and a
summary; exits 1 on any problem or when there is no contents."""
import re
import sys

from pdfpages import has_heading, page_texts

ENTRY = re.compile(r"^\s*(\S.*?)\s*(?:\.\s){3,}\.?\s*(\d+)\s*$")


def main():
    pdf = sys.argv[1]
    pages = page_texts(pdf)
    laid = page_texts(pdf, layout=True)
    entries, last = [], 0
    for i, text in enumerate(laid):
        found = [(m.group(1), int(m.group(2))) for m in map(ENTRY.match, text.splitlines()) if m]
        if found:
            entries += found
            last = i + 1
        elif entries:
            break
    if not entries:
        print(f"{pdf}: no contents")
        return 1
    bad = 0
    for title, page in entries:
        if page < last or page > len(pages) or not has_heading(pages[page - 1], title):
            where = [i + 1 for i in range(last - 1, len(pages)) if has_heading(pages[i], title)]
            print(f"'{title}': contents say page {page}, the heading is on {where or 'no page'}")
            bad += 1
    print(f"contents: {len(entries) - bad} of {len(entries)} entries on their pages")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
