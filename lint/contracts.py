"""An import-linter contract of kgbuild's own: no module imports itself back, through any chain.

import-linter's ``acyclic_siblings`` contract finds cycles between the siblings of a package,
each taken with its descendants, and layers contracts find imports up the layers; neither sees
a cycle between a package's ``__init__`` and one of its own modules. This contract takes every
module on its own and finds any import that a chain of imports leads back from, imports made
inside functions included (import-linter sees those too).
"""

from __future__ import annotations

from typing import Any

from importlinter import Contract, ContractCheck, fields, output


class AcyclicModulesContract(Contract):
    """No cycle of imports among the modules of ``root``, each module on its own."""

    type_name = "acyclic_modules"

    root = fields.StringField()

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        root = str(self.root)
        modules = sorted(m for m in graph.modules if m == root or m.startswith(root + "."))
        cycles = []
        for importer in modules:
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if imported == importer or not imported.startswith(root):
                    continue
                back = graph.find_shortest_chain(importer=imported, imported=importer)
                if back is not None:
                    cycles.append((importer, *back))
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(" -> ".join(cycle), bold=False)
            output.new_line()
