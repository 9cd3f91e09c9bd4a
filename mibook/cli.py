"""Command line: `python -m mibook validate [DATA_DIR]`."""

import argparse
import sys
from pathlib import Path

from mibook import load, paths
from mibook.validate import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mibook")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="validate the data folder; exit 1 on any problem")
    check.add_argument("data_dir", nargs="?", type=Path, help="default: $MIBOOK_DATA_DIR or data/")
    args = parser.parse_args(argv)
    return _validate(args.data_dir or paths.data_dir())


def _validate(data_dir: Path) -> int:
    """Validate once, through `load.tables` (which records the pass, so the build that follows and its
    kernels do not validate the same data again)."""
    try:
        data = load.tables(data_dir)
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) in {data_dir}; nothing was built.", file=sys.stderr)
        return 1
    except Exception as err:  # a bug in validation must still not print a traceback at the user
        print(f"{data_dir.name}/: validation crashed: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    rows = sum(len(data[name]) for name in data.frames)
    per_theme = data["claims"].theme.value_counts(sort=False)
    themes = ", ".join(f"{theme} {count}" for theme, count in per_theme.items())
    print(f"valid: {len(data.frames)} tables, {rows} rows, {len(data['claims'])} claims ({themes}); 0 problems")
    return 0
