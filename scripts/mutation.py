"""Mutation testing: do the tests notice when the code is wrong?

    python scripts/mutation.py [--tests "PYTEST ARGS"] PATH...   (a PATH may be a folder: its *.py files)

Each mutant changes ONE node of one module (operators below, the common subset of mutmut's), only inside
function bodies and never in docstrings, as mutmut 3 does. Every mutant is written into a copy of the
project under `_build/mutation/` (the working tree is never touched) and the tests run there with
`pytest -x`, in a forked child (`_in_child`). Only the tests that run the mutated statement run, quickest
first (one recording run finds them; no other test can notice the change); a mutant is *killed* when they
fail or time out, else it *survived* (also when no test runs its statement). Survivors are listed with file, line and
change; the last line is `mutation score: K/N killed (P%)`.

Why not mutmut itself: mutmut 3 runs the tests in its own `mutants/` copy, which an editable install
and the tests' `python -m mibook` subprocesses bypass (boxed/mutmut#486), so its survivors are unreliable.
"""

import argparse
import ast
import copy
import importlib
import json
import os
import shlex
import shutil
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "_build" / "mutation" / "project"
PRELOADED = ("pytest", "numpy", "pandas", "frictionless", "altair", "_pytest.pytester")
COPIED = ("mibook", "tests", "data", "pyproject.toml", "_config.yml", "_toc.yml")

COMPARE_SWAPS = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
                 ast.GtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}


@dataclass(frozen=True)
class Mutant:
    path: Path
    index: int
    line: int
    change: str
    statement: int  # first line of the statement it changes: only tests that run that line can kill it


class _Mutator(ast.NodeTransformer):
    """Walks one module in a fixed order, numbering every mutation it could make; applies number `target`
    (or none, when `target` is -1, to list them all in `found`)."""

    def __init__(self, target: int = -1):
        self.target = target
        self.found: list[tuple[int, str, int]] = []
        self.in_function = 0
        self.statements: list[int] = []

    def visit(self, node):
        if not isinstance(node, ast.stmt):
            return super().visit(node)
        self.statements.append(node.lineno)
        try:
            return super().visit(node)
        finally:
            self.statements.pop()

    def _offer(self, node, change: str, mutate):
        if not self.in_function:
            return node
        self.found.append((node.lineno, change, self.statements[-1]))
        return mutate() if len(self.found) - 1 == self.target else node

    def visit_FunctionDef(self, node):
        self.in_function += 1
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            node.body = body[1:]  # the docstring is not code
            self.generic_visit(node)
            node.body = [body[0], *node.body]
        else:
            self.generic_visit(node)
        self.in_function -= 1
        return node

    def visit_JoinedStr(self, node):
        return node  # f-string literal parts are messages; their expressions are simple names

    def visit_Compare(self, node):
        self.generic_visit(node)
        original = node
        for i, op in enumerate(original.ops):
            new = COMPARE_SWAPS[type(op)]
            node = self._offer(node, f"{type(op).__name__} -> {new.__name__}",
                               lambda i=i, new=new: _replace_op(original, i, new()))
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        return self._offer(node, f"{type(node.op).__name__} -> {new.__name__}",
                           lambda: ast.BoolOp(op=new(), values=node.values))

    def visit_BinOp(self, node):
        self.generic_visit(node)
        new = BINOP_SWAPS.get(type(node.op))
        if new is None:
            return node
        return self._offer(node, f"{type(node.op).__name__} -> {new.__name__}",
                           lambda: ast.BinOp(left=node.left, op=new(), right=node.right))

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if not isinstance(node.op, ast.Not):
            return node
        return self._offer(node, "drop `not`", lambda: node.operand)

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, bool):
            return self._offer(node, f"{value} -> {not value}", lambda: ast.Constant(not value))
        if isinstance(value, int):
            return self._offer(node, f"{value} -> {value + 1}", lambda: ast.Constant(value + 1))
        if isinstance(value, str):
            return self._offer(node, f"{value[:30]!r} -> 'XX…XX'", lambda: ast.Constant(f"XX{value}XX"))
        return node

    def _statement(self, node, change: str):
        self.generic_visit(node)
        return self._offer(node, change, lambda: ast.Pass())

    def visit_Expr(self, node):
        return self._statement(node, "delete the call statement")

    def visit_AugAssign(self, node):
        return self._statement(node, "delete the augmented assignment")

    def visit_Return(self, node):
        self.generic_visit(node)
        if node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None):
            return node
        return self._offer(node, "return None", lambda: ast.Return(ast.Constant(None)))

    def visit_Continue(self, node):
        return self._offer(node, "continue -> break", lambda: ast.Break())

    def visit_Break(self, node):
        return self._offer(node, "break -> continue", lambda: ast.Continue())


def _replace_op(node: ast.Compare, i: int, op) -> ast.Compare:
    ops = list(node.ops)
    ops[i] = op
    return ast.copy_location(ast.Compare(left=node.left, ops=ops, comparators=node.comparators), node)


def mutants(path: Path) -> list[Mutant]:
    mutator = _Mutator()
    mutator.visit(ast.parse(path.read_text(encoding="utf-8")))
    return [Mutant(path, i, line, change, statement) for i, (line, change, statement) in enumerate(mutator.found)]


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse(mutant.path.read_text(encoding="utf-8"))
    tree = _Mutator(mutant.index).visit(copy.deepcopy(tree))
    return ast.unparse(ast.fix_missing_locations(tree))


def _copy_project() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "_build")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, WORK / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, WORK / name)


class _LineRecorder:
    """A pytest plugin: which lines of the mutated files each test runs, and how long each test takes."""

    def __init__(self, files: list[str]):
        self.files = set(files)
        self.calls: dict[str, list] = {}
        self.seconds: dict[str, float] = {}

    def _trace(self, ran: set):
        def lines(frame, event, arg):
            if event == "line":
                ran.add((frame.f_code.co_filename, frame.f_lineno))
            return lines

        def calls(frame, event, arg):  # trace line by line only inside the mutated files
            return lines if frame.f_code.co_filename in self.files else None

        return calls

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        called: set = set()
        started = time.monotonic()
        sys.settrace(self._trace(called))
        try:
            return (yield)
        finally:
            sys.settrace(None)
            self.calls[item.nodeid] = sorted(called)
            self.seconds[item.nodeid] = time.monotonic() - started


def _in_child(run, timeout: float) -> int | None:
    """Run `run()` (it returns an exit code) in a forked child that imports the project from the copy;
    the child's exit code, or None on timeout. This process has already imported the heavy third-party
    libraries (never the project's modules), so each run costs only the tests themselves."""
    pid = os.fork()
    if pid == 0:
        os.chdir(WORK)
        sys.path.insert(0, str(WORK))
        os.environ.update(PYTHONPATH=str(WORK), PYTHONDONTWRITEBYTECODE="1")
        os.environ.pop("MIBOOK_DATA_DIR", None)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        os._exit(int(run()))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def _record_lines(test_args: list[str], files: list[Path]) -> dict | None:
    """Run the tests once on the unmutated copy; {'calls': test -> [file, line] run, 'seconds': test ->
    duration}, or None if they fail."""
    output = WORK.parent / "calls.json"

    def run():
        recorder = _LineRecorder([str(f) for f in files])
        code = pytest.main(["-q", "-p", "no:cacheprovider", *test_args], plugins=[recorder])
        output.write_text(json.dumps({"calls": recorder.calls, "seconds": recorder.seconds}))
        return code

    return json.loads(output.read_text()) if _in_child(run, timeout=3600) == 0 else None


def _run_tests(node_ids: list[str], timeout: float) -> str:
    """'passed', 'failed' or 'timeout' for these tests (in this order, stopping at the first failure)."""
    def run():
        return pytest.main(["-x", "-q", "-p", "no:cacheprovider", *node_ids])

    code = _in_child(run, timeout)
    return "timeout" if code is None else "passed" if code == 0 else "failed"


def _preload() -> None:
    """Import what the tests import from outside the project, once, before any fork."""
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _name(mutant: Mutant) -> str:
    return f"{mutant.path.relative_to(WORK)}:{mutant.line}: #{mutant.index} {mutant.change}"


def _targets(paths: list[str]) -> list[Path]:
    """The modules to mutate, in the project copy."""
    files = []
    for name in paths:
        path = WORK / Path(name).resolve().relative_to(ROOT)
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if f.name != "__init__.py" or f.stat().st_size]


def _covering_tests(mutant: Mutant, record: dict) -> list[str]:
    """The tests that run the mutant's statement, quickest first."""
    key = [str(mutant.path), mutant.statement]
    tests = [test for test, calls in record["calls"].items() if key in calls]
    return sorted(tests, key=record["seconds"].__getitem__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="modules or folders to mutate, relative to the project")
    parser.add_argument("--tests", default="tests", help="pytest arguments (quoted), run from the project copy")
    parser.add_argument("--only", help="comma-separated mutant numbers to run (e.g. to re-check survivors)")
    args = parser.parse_args(argv)
    _copy_project()
    _preload()
    targets = _targets(args.paths)
    record = _record_lines(shlex.split(args.tests), targets)
    if record is None:
        print("the tests fail on the unmutated code; fix that first", file=sys.stderr)
        return 2
    timeout = 3 * sum(record["seconds"].values()) + 30
    only = {int(n) for n in args.only.split(",")} if args.only else None
    survivors, total = [], 0
    for target in targets:  # the copy's files: later edits to the working tree change nothing
        original = target.read_text(encoding="utf-8")
        for mutant in mutants(target):
            if only is not None and mutant.index not in only:
                continue
            total += 1
            tests = _covering_tests(mutant, record)
            target.write_text(mutated_source(mutant), encoding="utf-8")
            outcome = _run_tests(tests, timeout) if tests else "passed"
            target.write_text(original, encoding="utf-8")
            verdict = "survived" if outcome == "passed" else outcome
            print(f"{_name(mutant)}: {verdict} ({len(tests)} tests run it)", flush=True)
            if outcome == "passed":
                survivors.append(mutant)
    print(f"\n{len(survivors)} survivor(s):")
    for mutant in survivors:
        print(f"  {_name(mutant)}")
    killed = total - len(survivors)
    print(f"mutation score: {killed}/{total} killed ({100 * killed / max(total, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
