"""Command line: `python -m mibook validate [DATA_DIR]` and `python -m mibook cache-guard BUILD_DIR`."""

import argparse
import shutil
import sys
from pathlib import Path

from mibook import load, paths
from mibook.validate import validate

# The execution cache, and Sphinx's record of which pages are up to date (else unchanged pages
# would not be re-read, and so not re-executed).
STALE_ON_INPUT_CHANGE = (".jupyter_cache", ".doctrees", "jupyter_execute")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mibook")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="validate the data folder; exit 1 on any problem")
    check.add_argument("data_dir", nargs="?", type=Path, help="default: $MIBOOK_DATA_DIR or data/")
    guard = commands.add_parser("cache-guard", help="clear the execution cache when data or package changed")
    guard.add_argument("build_dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.data_dir or paths.data_dir())
    return _cache_guard(args.build_dir)


def _validate(data_dir: Path) -> int:
    try:
        problems = validate(data_dir)
    except Exception as err:  # a bug in validation must still not print a traceback at the user
        print(f"{data_dir.name}/: validation crashed: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {data_dir}; nothing was built.", file=sys.stderr)
        return 1
    data = load.tables(data_dir)
    rows = sum(len(data[name]) for name in data.frames)
    per_theme = data["claims"].theme.value_counts(sort=False)
    themes = ", ".join(f"{theme} {count}" for theme, count in per_theme.items())
    print(f"valid: {len(data.frames)} tables, {rows} rows, {len(data['claims'])} claims ({themes}); 0 problems")
    return 0


def _cache_guard(build_dir: Path) -> int:
    """Execution caching keys on code cells only; drop the cache when inputs the code reads change."""
    stamp = build_dir / ".inputs-fingerprint"
    current = load.fingerprint(paths.data_dir()) + load.fingerprint(paths.PROJECT_ROOT / "mibook")
    if stamp.is_file() and stamp.read_text() == current:
        return 0
    for name in STALE_ON_INPUT_CHANGE:
        if (build_dir / name).exists():
            shutil.rmtree(build_dir / name)
            print(f"data or package changed: cleared {build_dir / name}")
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return 0
