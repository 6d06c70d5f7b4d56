"""Markdown files → plain text, through markdown-it-py (CommonMark).

Headings, paragraphs, list items and quotations become paragraphs of plain text; emphasis,
links and inline code keep their words; images, code blocks and raw HTML are dropped. A YAML
front matter block (``---`` lines around ``title:``, ``date:``, ``author:``, ``source:``) gives
the title, date, author and source lines of the plain-text layout.

>>> print(markdown_to_text("---\\ntitle: Talks resume\\ndate: 2020-03-03\\n---\\n"
...                        "Envoys *met* in [Geneva](https://example.org).\\n\\n"
...                        "```\\ncode\\n```\\n- They agreed."))
Talks resume
2020-03-03
<BLANKLINE>
Envoys met in Geneva.
<BLANKLINE>
They agreed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kgbuild.dates import parse_explicit_date
from kgbuild.ingest.article import is_author_line, is_source_line

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$", re.M)


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_to_text(text: str) -> str:
    """The prose of a Markdown document: head lines from its front matter, then one paragraph
    per block, separated by blank lines."""
    head, text = _front_matter(text)
    blocks = [
        b
        for tok in _parser().parse(text)
        if tok.type == "inline" and (b := _inline(tok.children or []))
    ]
    return "\n\n".join(x for x in ("\n".join(head), *blocks) if x)


def _inline(children: list[Any]) -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    lines = (" ".join(ln.split()) for ln in "".join(out).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _front_matter(text: str) -> tuple[list[str], str]:
    """The head lines a front matter block gives, and the text after it."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return [], text
    fields = {f["key"].lower(): f["value"].strip("\"'") for f in _FIELD.finditer(m["body"])}
    head = [fields["title"]] if fields.get("title") else []
    date = parse_explicit_date(fields.get("date", "")[:40])
    if date:
        head.append(date)
    author = fields.get("author")
    if author and is_author_line(f"By {author}"):
        head.append(f"By {author}")
    source = fields.get("source") or fields.get("publisher")
    if source and is_source_line(f"Source: {source}"):
        head.append(f"Source: {source}")
    return head, text[m.end() :]
