"""pdfpages.py: what the test tools read from a PDF, page by page (pdftotext)."""
import re
import subprocess


def page_texts(path, layout=False):
    """The text of every page, in order."""
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", path], capture_output=True, text=True).stdout).group(1))
    opts = ["-layout"] if layout else []
    return [subprocess.run(["pdftotext", *opts, "-f", str(p), "-l", str(p), path, "-"],
                           capture_output=True, text=True).stdout for p in range(1, n + 1)]


def has_heading(page_text, title):
    """True when the page's body (below its running head) shows the heading,
    numbered or not, as a line, or, for a heading that wraps, as
    consecutive lines."""
    lines = [re.sub(r"^[\d.]+\s+", "", l.strip()) for l in page_text.splitlines()][1:]
    for i, line in enumerate(lines):
        if line == title:
            return True
        rest = title[len(line):].strip()
        if len(line) >= 20 and title.startswith(line) and i + 1 < len(lines) and rest \
                and lines[i + 1] and rest.startswith(lines[i + 1]):
            return True
    return False
