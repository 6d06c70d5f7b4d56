"""RDF: the ontology as code (:mod:`~kgbuild.rdf.namespace`), stable IRIs
(:mod:`~kgbuild.rdf.iri`), terms and their N-Triples form (:mod:`~kgbuild.rdf.terms`), the RDF
model of a graph (:mod:`~kgbuild.rdf.model`), rdflib views of it (:mod:`~kgbuild.rdf.graph`),
the ontology's files (:mod:`~kgbuild.rdf.ontology`) and entailment (:mod:`~kgbuild.rdf.infer`).
"""
