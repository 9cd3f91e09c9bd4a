"""Build-time and page-weight benchmark (`make bench`; not part of `make test`).

Times, on one machine in one run, in a scratch copy of the project: `make book` cold, again with
nothing changed, after an edit to a table one chapter reads (`mou_aims`), and after an edit to one
chapter's prose, each as the README tells an author to run it (set-up check and validation included,
with this venv); a cold build with execution off (the floor, `jupyter-book build` alone) and the PDF
build; and counts the kernels each started. Each measure is the fastest of ROUNDS interleaved runs.
Then it prints the ratios against their targets and the heaviest chart page's weight.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLAGS = ["-n", "-W", "--keep-going"]
TARGETS = {"no-change / cold": 0.15, "cold / execution-off": 2.5, "table-edit / cold": 0.5,
           "prose-edit / execution-off": 1.0}
KERNELS = re.compile(r"^kernels started: (\d+)$", re.M)  # the line `_ext/mibook_execute.py` prints
MYST_NB_KERNEL = "Executing notebook"  # MyST-NB's line when it starts a kernel itself
PAGE_BUDGET = 1.3e6
MEASURES = ("cold", "no-change", "table-edit", "prose-edit", "execution-off", "pdf")
TABLE_EDIT = ("mou_aims.csv", ",joint ventures,aim,", ",joint ventures,purpose,")  # read by the energy chapter only
MADE = ("cold", "no-change", "table-edit", "prose-edit")  # timed as `make book`
# The machine is shared: each measure is the fastest of this many runs (MIBOOK_BENCH_ROUNDS to change).
ROUNDS = int(os.environ.get("MIBOOK_BENCH_ROUNDS", "3"))


def copy_project(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "*cache*", "__pycache__"))
    return target


def timed_build(root: Path, *args: str, flags=FLAGS, make: bool = False) -> tuple[float, int]:
    """(seconds, kernels started) for one `jupyter-book build`, or one `make book` with this venv."""
    env = {**os.environ, "MIBOOK_DATA_DIR": str(root / "data")}
    command = (["make", "--no-print-directory", "book", f"VENV={BIN.parent}"] if make else
               [str(BIN / "jupyter-book"), "build", str(root), *flags, *args])
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 and flags:
        sys.exit(f"build failed in {root}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    kernels = sum(int(n) for n in KERNELS.findall(result.stdout)) + result.stdout.count(MYST_NB_KERNEL)
    return elapsed, kernels


def heaviest_chart_page(html: Path) -> tuple[str, int]:
    """(page, bytes of its HTML plus every local script it loads) for the heaviest page with a chart."""
    weights = {}
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "data-chart-id=" not in text:
            continue
        sources = re.findall(r'<script[^>]+src="([^"]+)"', text)
        scripts = [(page.parent / src.split("?")[0]).resolve() for src in sources]
        script_bytes = sum(s.stat().st_size for s in scripts if s.is_file())
        weights[str(page.relative_to(html))] = len(text.encode()) + script_bytes
    page = max(weights, key=weights.get)
    return page, weights[page]


def main() -> None:
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in MEASURES}
    with tempfile.TemporaryDirectory() as scratch:
        book = copy_project(Path(scratch) / "book")
        floor = copy_project(Path(scratch) / "floor")
        config = floor / "_config.yml"
        config.write_text(config.read_text().replace("execute_notebooks: cache", "execute_notebooks: \"off\""))
        table, chapter = book / "data" / TABLE_EDIT[0], book / "chapters" / "overview.md"
        originals = {path: path.read_text(encoding="utf-8") for path in (table, chapter)}
        assert TABLE_EDIT[1] in originals[table], "the benchmark's table edit no longer applies"
        for number in range(ROUNDS):  # rounds interleave the measures, so a busy spell hits them alike
            for folder in (book, floor):
                shutil.rmtree(folder / "_build", ignore_errors=True)
            for path, text in originals.items():
                path.write_text(text, encoding="utf-8")
            samples["cold"].append(timed_build(book, make=True))
            samples["no-change"].append(timed_build(book, make=True))
            samples["execution-off"].append(timed_build(floor, flags=[]))
            table.write_text(originals[table].replace(*TABLE_EDIT[1:]), encoding="utf-8")
            samples["table-edit"].append(timed_build(book, make=True))
            chapter.write_text(originals[chapter] + f"\nA sentence added by the benchmark, round {number}.\n",
                               encoding="utf-8")
            samples["prose-edit"].append(timed_build(book, make=True))
            samples["pdf"].append(timed_build(book, "--builder", "pdflatex"))
        page, weight = heaviest_chart_page(book / "_build" / "html")

    runs = {name: min(values) for name, values in samples.items()}  # the fastest run of each measure
    times = {name: seconds for name, (seconds, _) in runs.items()}
    ratios = {"no-change / cold": times["no-change"] / times["cold"],
              "cold / execution-off": times["cold"] / times["execution-off"],
              "table-edit / cold": times["table-edit"] / times["cold"],
              "prose-edit / execution-off": times["prose-edit"] / times["execution-off"]}
    print("| measure | seconds | kernels started |\n|---|---|---|")
    for name, (seconds, kernels) in runs.items():
        print(f"| {name} {'make book' if name in MADE else 'build'} | {seconds:.1f} | {kernels} |")
    print("\n| ratio | value | target | met |\n|---|---|---|---|")
    for name, value in ratios.items():
        print(f"| {name} | {value:.2f} | ≤ {TARGETS[name]} | {'yes' if value <= TARGETS[name] else 'NO'} |")
    print(f"| pdf / cold html | {times['pdf'] / times['cold']:.2f} | (information) | |")
    print(f"\n(each measure: the fastest of {ROUNDS} runs)")
    met = weight <= PAGE_BUDGET
    print(f"\nheaviest chart page: {page}, {weight / 1e6:.2f} MB with its JavaScript "
          f"(budget {PAGE_BUDGET / 1e6:.1f} MB: {'met' if met else 'NOT met'})")


if __name__ == "__main__":
    main()
