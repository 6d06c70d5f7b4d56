"""The command line: help with examples everywhere, exit codes, one line per problem, no traceback."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from kgbuild.cli import COMMANDS, main, parser


def _subparsers(p: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _subparsers(sub, (*prefix, name))


ALL_COMMANDS = [path for path, _ in _subparsers(parser())]


def test_every_command_is_registered():
    assert {path[0] for path in ALL_COMMANDS} == set(COMMANDS)


def test_top_level_help_lists_examples(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=" ".join)
def test_help_of_every_command_lists_examples(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    examples = out.split("examples:", 1)[1]
    assert f"kgbuild {' '.join(command)}" in examples


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["nonsense"], ["build", "--no-such-option"], ["build", "-j", "many"]]
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def _one_error_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("kgbuild: error: "), err
    return lines[0]


def test_build_missing_path(tmp_path, capsys):
    code = main(["build", str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "-q"])
    line = _one_error_line(capsys.readouterr().err)
    assert code == 1
    assert line == f"kgbuild: error: {tmp_path / 'missing'}: no such file or folder"


def test_build_into_a_file(tmp_path, capsys):
    target = tmp_path / "out"
    target.write_text("not a folder")
    code = main(["build", str(tmp_path), "--out", str(target), "-q"])
    line = _one_error_line(capsys.readouterr().err)
    assert code == 1
    assert str(target) in line and "cannot write output folder" in line


def test_build_nothing_to_build(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    code = main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines() == [
        f"warning: {tmp_path / 'empty.txt'}: empty file",
        f"kgbuild: error: no article could be read from {tmp_path} (1 file skipped: 1 empty file)",
    ]


def test_build_strict_stops_at_the_first_warning(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text("Talks\n\nEnvoys met.")
    out = tmp_path / "out"
    code = main(["build", str(tmp_path), "--out", str(out), "-q", "--strict"])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        err.splitlines()[-1] == f"kgbuild: error: {tmp_path / 'empty.txt'}: empty file (--strict)"
    )
    assert not any(out.glob("graph.*"))


def test_build_bad_model_name(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Talks\n\nEnvoys met.")
    code = main(
        [
            "build",
            str(tmp_path),
            "--out",
            str(tmp_path / "out"),
            "-q",
            "--model",
            "no_such_model_xyz",
        ]
    )
    line = _one_error_line(capsys.readouterr().err)
    assert code == 1
    assert "cannot load spaCy model 'no_such_model_xyz'" in line


def test_os_errors_become_one_line(monkeypatch, capsys):
    from kgbuild.cli import build_cmd

    def boom(args):
        raise OSError(28, "No space left on device", "/full/disk/graph.ttl")

    monkeypatch.setattr(build_cmd, "run", boom)
    assert main(["build"]) == 1
    assert _one_error_line(capsys.readouterr().err) == (
        "kgbuild: error: /full/disk/graph.ttl: No space left on device"
    )


def test_interrupt_exits_130(monkeypatch, capsys):
    from kgbuild.cli import build_cmd

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_cmd, "run", interrupted)
    assert main(["build"]) == 130
    assert "interrupted" in _one_error_line(capsys.readouterr().err)


def test_unexpected_error_is_one_line_unless_debugging(monkeypatch, capsys):
    from kgbuild.cli import build_cmd

    def bug(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(build_cmd, "run", bug)
    monkeypatch.delenv("KGBUILD_DEBUG", raising=False)
    assert main(["build"]) == 1
    assert "unexpected ZeroDivisionError" in _one_error_line(capsys.readouterr().err)
    monkeypatch.setenv("KGBUILD_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["build"])


# User mistakes with every command, run as a user runs them: a separate process, no traceback.
MISTAKES = [
    (["build", "{tmp}/missing"], "no such file or folder"),
    (["build", "{tmp}", "--out", "{tmp}/file"], "cannot write output folder"),
    (["extract", "{tmp}/missing.txt"], "missing.txt"),
    (["extract", "{tmp}/binary.txt"], "binary file"),
    (["extract", "{tmp}/cut.pdf"], "damaged PDF"),
    (["query", "SELECT * WHERE { ?s ?p ?o }", "--data", "{tmp}/missing"], "missing"),
    (["query", "SELEKT nonsense", "--data", "{tmp}"], ""),
    (["query", "{tmp}/missing.rq"], "missing.rq"),
    (["export", "{tmp}/missing", "--format", "graphml"], "missing"),
    (["eval", "carb", "{tmp}/missing"], "missing"),
]


@pytest.mark.parametrize(
    ("argv", "mention"), MISTAKES, ids=lambda v: " ".join(v) if isinstance(v, list) else v
)
def test_user_mistakes_never_show_a_traceback(tmp_path, argv, mention):
    (tmp_path / "file").write_text("x")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01")
    (tmp_path / "cut.pdf").write_bytes(b"%PDF-1.4\x00\x01")
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    env = {**os.environ, "KGBUILD_DEBUG": ""}
    run = subprocess.run(
        [sys.executable, "-m", "kgbuild", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr, run.stderr
    line = _one_error_line(run.stderr)
    assert "unexpected" not in line, line
    assert mention in line
