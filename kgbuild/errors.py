"""The one exception module. Library code raises these; only the CLI turns them into messages."""

from __future__ import annotations


class KgbuildError(Exception):
    """Base class of every error kgbuild raises on purpose."""

    exit_code = 1


class InputError(KgbuildError):
    """An input file or folder cannot be used (missing, unreadable, not text)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NothingToBuildError(KgbuildError):
    """No article could be read from the inputs."""


class ModelError(KgbuildError):
    """The spaCy pipeline named by ``--model`` cannot be loaded."""


class OutputError(KgbuildError):
    """An output folder cannot be written, or holds no build where one is expected."""


class LockError(OutputError):
    """Another build holds the output folder."""


class QueryError(KgbuildError):
    """A SPARQL query is malformed or cannot run."""


class RefusedQueryError(QueryError):
    """A SPARQL query asks for what a build never does: a request to another server, a change."""


class ValidationError(KgbuildError):
    """A build does not conform to the shapes of the ontology."""


class StrictModeError(KgbuildError):
    """A warning was raised while ``--strict`` was on."""


class EvalDataError(KgbuildError):
    """An evaluation folder does not hold what its scorer expects."""


class EngineError(KgbuildError):
    """A build engine cannot run: unknown engine, Dask missing, scheduler unreachable."""


class RemoteError(KgbuildError):
    """A remote SPARQL or Graph Store Protocol server refused a request or cannot be reached."""
