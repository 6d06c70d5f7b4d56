"""``kgbuild export``: a build in the formats of other graph tools."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kgbuild.cli import epilog
from kgbuild.export import FORMATS

EXAMPLES = """\
  kgbuild export --format graphml                  # output/graph.graphml (igraph, Cytoscape)
  kgbuild export --format gexf -o news.gexf        # for Gephi
  kgbuild export graph/ --format neo4j -o neo4j/   # neo4j-admin CSVs and import.cypher
  kgbuild export --format csv                      # output/gephi/nodes.csv, edges.csv
  kgbuild export --format nquads -o - | gzip > graph.nq.gz
  kgbuild export --format jsonl -o - | head -1     # one record per evidence sentence
"""

DESCRIPTION = """\
Write a build (default: output/) in another format. RDF formats re-serialize the build's
RDF: turtle, ntriples and jsonld hold the merged graph, trig and nquads add one named graph
per article and the provenance graph. graphml, gexf, csv (Gephi's nodes.csv/edges.csv),
neo4j (neo4j-admin CSVs and a Cypher script) and jsonl (the 'kgbuild extract' record, one
per evidence sentence) are made from the build's graph.json. Nodes are entities; edges are
the rows of triples.csv that have an object.

Without -o the output goes into the build folder (graph.nq, graph.graphml, neo4j/ ...);
-o - prints a one-file format to standard output."""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write a build for Gephi, Neo4j, igraph, Cytoscape or an RDF store",
        description=DESCRIPTION,
        **epilog(EXAMPLES),
    )
    p.add_argument(
        "build", nargs="?", default="output", metavar="DIR", help="build folder (default: output/)"
    )
    p.add_argument(
        "--format", "-f", required=True, choices=FORMATS, metavar="FORMAT", help=", ".join(FORMATS)
    )
    p.add_argument(
        "-o",
        "--out",
        metavar="PATH",
        help="output file (a folder for csv and neo4j); - for standard output",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.export import export, export_text

    if args.out == "-":
        sys.stdout.write(export_text(args.build, args.format))
        return 0
    for f in export(args.build, args.format, args.out):
        print(f"wrote {f}")
    return 0
