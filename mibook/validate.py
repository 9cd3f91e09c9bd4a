"""Validation of the data folder: file structure, then the Frictionless schema, then project rules.

Every problem names the file, the CSV line ("row") and the field. Later stages run only when the
earlier ones pass, since they rely on well-formed, well-typed tables.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from mibook import article
from mibook.datafiles import ARTICLE_PATH, PACKAGE_FILE
from mibook.labels import NUMBER_WORDS
from mibook.schema import Package, escape_reason, parse_csv, read_frame

SOURCE_ARTICLE = "source-article"  # sources.kind of the article itself; every other source is outside
NO_RECORD = "no record found"  # the verdict of a check whose search found no outside source
CONSISTENT = "consistent"  # the record shows the claim's point and no stated detail differs
PARTLY = "partly consistent"  # the record bears out part of the claim: `difference` says which part not
NOT_SUPPORTED = "not supported by the record"  # records of the occasion exist and do not show the claim's point
INCONSISTENT = "inconsistent"  # the record contradicts the claim: `difference` says what it shows instead
UNDATED = "undated"  # sources.date_precision of a stored page that shows no date
NO_ROW = "-"


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.field}: {self.message}"


class DataError(Exception):
    """The data folder failed validation; `problems` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def validate(data_dir: Path) -> list[Problem]:
    """All problems in `data_dir`, in the order a reader would fix them (empty list: valid)."""
    data_dir = Path(data_dir)
    package, problems = _load_package(data_dir)
    if package is None:
        return problems
    paragraphs, problems = _load_article(data_dir)
    if problems:
        return problems
    for stage in (_contained_paths, _structure, _frictionless):
        problems = stage(package)
        if problems:
            return problems
    tables = {name: read_frame(package, name) for name in package.resources}
    return _project_rules(package, tables, paragraphs)


def _load_package(data_dir: Path) -> tuple[Package | None, list[Problem]]:
    where = f"{data_dir.name}/{PACKAGE_FILE}"
    try:
        package = Package(data_dir)
        if package.resources:  # parsed now, so that a malformed resource is reported here
            return package, []
        return None, [Problem(where, NO_ROW, "resources", "the package lists no resources")]
    except FileNotFoundError:
        return None, [Problem(where, NO_ROW, "file", "the schema file is missing")]
    except UnicodeDecodeError as err:
        return None, [Problem(where, NO_ROW, "file", f"not UTF-8 ({err.reason})")]
    except json.JSONDecodeError as err:
        return None, [Problem(where, err.lineno, "json", err.msg)]
    except (KeyError, TypeError) as err:
        return None, [Problem(where, NO_ROW, "resources", f"malformed descriptor ({err})")]


def _load_article(data_dir: Path) -> tuple[list[article.Paragraph], list[Problem]]:
    where = f"{data_dir.name}/{ARTICLE_PATH}"
    try:
        return article.read_paragraphs(data_dir / ARTICLE_PATH), []
    except FileNotFoundError:
        return [], [Problem(where, NO_ROW, "file", "the source article is missing")]
    except UnicodeDecodeError as err:
        return [], [Problem(where, NO_ROW, "file", f"not UTF-8 ({err.reason})")]


# --- stage 1: paths inside the data folder, bytes, encoding and CSV shape -------------------------


def _contained_paths(package: Package) -> list[Problem]:
    """Every path the descriptor names stays inside the data folder: nothing outside it is read or published."""
    where = f"{package.data_dir.name}/{PACKAGE_FILE}"
    lines = (package.data_dir / PACKAGE_FILE).read_text(encoding="utf-8").splitlines()
    problems = []
    for path in package.named_paths:
        reason = escape_reason(package.data_dir, path)
        if reason:
            written = json.dumps(path)
            row = next((n for n, line in enumerate(lines, 1) if written in line), NO_ROW)
            problems.append(Problem(where, row, "path", f"{written} {reason}; every path must stay inside "
                                    f"{package.data_dir.name}/"))
    return problems


def _structure(package: Package) -> list[Problem]:
    problems = []
    for resource in package.resources.values():
        problems += _file_structure(package, resource)
    return problems


def _file_structure(package: Package, resource) -> list[Problem]:
    where = package.display_path(resource)
    path = package.data_dir / resource.path
    if not path.is_file():
        return [Problem(where, NO_ROW, "file", "the file is missing")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(where, 1, "header", "the file is empty (expected a header row)")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return [Problem(where, 1, "header", "the file starts with a byte-order mark; save it as UTF-8 without BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return [_decode_problem(where, raw, err)]
    try:
        header, records = parse_csv(text)
    except Exception as err:  # csv.Error: e.g. NUL bytes or an unterminated quote
        return [Problem(where, NO_ROW, "csv", f"malformed CSV ({err})")]
    expected = resource.field_names
    if header != expected:
        return _header_problems(where, header, expected)
    problems = []
    for line, cells in records:
        if cells == []:
            problems.append(Problem(where, line, "-", "blank row"))
        elif len(cells) < len(expected):
            missing = ", ".join(expected[len(cells) :])
            problems.append(
                Problem(where, line, expected[len(cells)], f"short row: {len(cells)} cells, expected "
                        f"{len(expected)} (missing {missing})")
            )
        elif len(cells) > len(expected):
            problems.append(
                Problem(where, line, expected[-1], f"long row: {len(cells)} cells, expected {len(expected)}"
                        " (an unquoted comma?)")
            )
    return problems


def _decode_problem(where: str, raw: bytes, err: UnicodeDecodeError) -> Problem:
    line = raw[: err.start].count(b"\n") + 1
    text = raw.decode("utf-8", errors="replace")
    header, records = parse_csv(text)
    field = "-"
    for start, cells in records:
        if start <= line:
            for name, cell in zip(header, cells, strict=False):
                if "\ufffd" in cell:
                    field = name
    return Problem(where, line, field, f"bytes that are not UTF-8 ({raw[err.start:err.end]!r})")


def _header_problems(where: str, header: list[str], expected: list[str]) -> list[Problem]:
    missing = [name for name in expected if name not in header]
    unexpected = [name for name in header if name not in expected]
    problems = [Problem(where, 1, name, "column is missing from the header") for name in missing]
    problems += [Problem(where, 1, name or "(blank)", "column is not in the schema") for name in unexpected]
    if not problems:
        problems.append(Problem(where, 1, "header", f"columns out of order; expected: {', '.join(expected)}"))
    return problems


# --- stage 2: Frictionless schema (types, constraints, keys) -------------------------------------


def _frictionless(package: Package) -> list[Problem]:
    import frictionless

    report = frictionless.validate(str(package.data_dir / PACKAGE_FILE))
    problems = []
    for task in report.tasks:
        where = package.display_path(task.place) if task.place else package.display_path(task.name)
        for error in task.errors:
            problems.append(_frictionless_problem(where, error))
    problems += [
        Problem(f"{package.data_dir.name}/{PACKAGE_FILE}", NO_ROW, "-", e.message) for e in report.errors
    ]
    return problems


def _frictionless_problem(where: str, error) -> Problem:
    info = error.to_dict()
    row = info.get("rowNumber", NO_ROW)
    field = info.get("fieldName") or ", ".join(info.get("fieldNames") or []) or "-"
    cell = info.get("cell")
    note = info.get("note") or error.title
    detail = f"{error.title.lower()}: {note}"
    if cell not in (None, ""):
        detail += f" (value {cell!r})"
    return Problem(where, row, field, detail)


# --- stage 3: project rules ---------------------------------------------------------------------


def _project_rules(package: Package, tables: dict[str, pd.DataFrame], paragraphs) -> list[Problem]:
    where = package.display_path
    res = package.resources
    by_number = {p.number: p for p in paragraphs}
    normalised = {p.number: article.normalise(p.text) for p in paragraphs}
    problems: list[Problem] = []

    claims = tables["claims"]
    for line, claim in claims.iterrows():
        number = int(claim.paragraph)
        if number not in by_number:
            problems.append(Problem(where(res["claims"]), line, "paragraph",
                                    f"¶{number} does not exist (the article has ¶1–¶{len(paragraphs)})"))
        elif by_number[number].kind != "body":
            problems.append(Problem(where(res["claims"]), line, "paragraph", f"¶{number} is not body text"))
        elif article.normalise(claim.quote) not in normalised[number]:
            elsewhere = [n for n, text in normalised.items() if article.normalise(claim.quote) in text]
            hint = f"; it is in ¶{elsewhere[0]}" if elsewhere else ""
            problems.append(Problem(where(res["claims"]), line, "quote",
                                    f"not verbatim in ¶{number} (only whitespace and curly quotes may differ){hint}"))
        theme_in_id = re.fullmatch(r"c-(.+)-\d{2}", claim.claim_id)
        if theme_in_id and theme_in_id.group(1) != claim.theme:
            problems.append(Problem(where(res["claims"]), line, "claim_id",
                                    f"id names theme {theme_in_id.group(1)!r} but theme is {claim.theme!r}"))
    covered = set(claims.paragraph.dropna().astype(int))
    for paragraph in paragraphs:
        if paragraph.kind == "body" and paragraph.number not in covered:
            problems.append(Problem(where(res["claims"]), NO_ROW, "paragraph",
                                    f"body paragraph ¶{paragraph.number} has no claim"))

    quote_of = dict(zip(claims.claim_id, claims.quote.map(article.normalise), strict=True))
    problems += _quantity_rules(where(res["quantities"]), tables["quantities"], quote_of)
    problems += _event_rules(where(res["events"]), tables["events"])
    for name, column in (("proposals", "text"), ("processes", "text"), ("mou_aims", "text"), ("drivers", "words")):
        for line, row in tables[name].iterrows():
            if article.normalise(row[column]) not in quote_of[row.claim_id]:
                problems.append(Problem(where(res[name]), line, column,
                                        f"not a verbatim part of the quote of {row.claim_id}"))
    for line, row in tables["relations"].iterrows():
        if row.source == row.target:
            problems.append(Problem(where(res["relations"]), line, "target", "a relation needs two different actors"))
    for line, row in tables["actors"].iterrows():
        if int(row.first_paragraph) not in by_number:
            problems.append(Problem(where(res["actors"]), line, "first_paragraph",
                                    f"¶{int(row.first_paragraph)} does not exist"))
    problems += _context_rules(where(res["sources"]), tables["sources"], where(res["checks"]), tables["checks"], claims)
    problems += _record_event_rules(where(res["record_events"]), tables["record_events"], tables["sources"])
    problems += _sources_used(where(res["sources"]), tables["sources"], tables["checks"], tables["record_events"])
    problems += _driver_rules(where(res["drivers"]), tables["drivers"], set(claims.claim_id), tables["checks"])
    return problems


AGAINST = {NOT_SUPPORTED, INCONSISTENT}  # verdicts where the record cuts against the claim


def support_of(verdicts: set[str]) -> str:
    """How far the record bears a driver out, from the verdicts of the checks it cites: every check consistent,
    it bears it out; none found, no record; only records against it (or none), it does not show it; any other
    mix, in part. The driver's `record_support` must say exactly this: no verdict is chosen by hand."""
    if verdicts == {"consistent"}:
        return "bears it out"
    if verdicts == {NO_RECORD}:
        return "no record found"
    if verdicts <= AGAINST | {NO_RECORD}:
        return "does not show it"
    return "partly"


def _driver_rules(where: str, drivers: pd.DataFrame, claim_ids: set[str], checks: pd.DataFrame) -> list[Problem]:
    """Drivers cite existing claims and checks, and their record support agrees with those checks' verdicts."""
    problems = []
    verdict_of = dict(zip(checks.check_id, checks.verdict.astype(str), strict=True))
    for line, row in drivers.iterrows():
        also = [] if pd.isna(row.also_claims) else row.also_claims.split(";")
        unknown = [c for c in also if c not in claim_ids]
        if unknown:
            problems.append(Problem(where, line, "also_claims", f"no such claim: {', '.join(unknown)}"))
        cited = [] if pd.isna(row.check_ids) else row.check_ids.split(";")
        missing = [c for c in cited if c not in verdict_of]
        support = str(row.record_support)
        if missing:
            problems.append(Problem(where, line, "check_ids", f"no such check: {', '.join(missing)}"))
        elif (support == "not checked") != (not cited):
            problems.append(Problem(where, line, "record_support", "'not checked' if and only if no check is cited"))
        elif cited and support != (derived := support_of({verdict_of[c] for c in cited})):
            verdicts = ", ".join(f"{c} is {verdict_of[c]!r}" for c in cited)
            problems.append(Problem(where, line, "record_support",
                                    f"{support!r} does not fit the checks ({verdicts}): they give {derived!r}"))
        if (support == "not checked") != pd.isna(row.record_note):
            problems.append(Problem(where, line, "record_note", "a note if and only if a check is cited"))
    return problems


def _context_rules(sources_at: str, sources: pd.DataFrame, checks_at: str, checks: pd.DataFrame,
                   claims: pd.DataFrame) -> list[Problem]:
    """Outside facts: each check rests on existing outside sources; each outside source has a web address and
    a date as precise as its precision says, neither published nor read in the future nor read before published."""
    problems = []
    outside = set(sources.source_id[sources.kind != SOURCE_ARTICLE])
    theme_of = dict(zip(claims.claim_id, claims.theme.astype(str), strict=True))
    first_check = checks.drop_duplicates("claim_id").set_index("claim_id").check_id  # each claim's first check
    for line, row in checks.iterrows():
        ids = row.source_ids.split(";")
        unknown = [i for i in ids if i not in set(sources.source_id)]
        if unknown:
            problems.append(Problem(checks_at, line, "source_ids", f"no such source: {', '.join(unknown)}"))
        elif str(row.verdict) == NO_RECORD and outside.intersection(ids):
            problems.append(Problem(checks_at, line, "source_ids", f"a {NO_RECORD!r} check cites no outside "
                                    "source: name the article only, and say in the note what was searched"))
        elif str(row.verdict) != NO_RECORD and not outside.intersection(ids):
            problems.append(Problem(checks_at, line, "source_ids", "names no outside source (the article cannot "
                                    "check itself)"))
        if str(row.verdict) == NOT_SUPPORTED and pd.isna(row.difference):
            problems.append(Problem(checks_at, line, "difference", f"a {NOT_SUPPORTED!r} check says what the "
                                    "records do not show"))
        if str(row.verdict) == INCONSISTENT and pd.isna(row.difference):
            problems.append(Problem(checks_at, line, "difference", f"an {INCONSISTENT!r} check says what the "
                                    "records show instead"))
        if str(row.verdict) == CONSISTENT and not pd.isna(row.difference):
            problems.append(Problem(checks_at, line, "difference", f"a {CONSISTENT!r} check states no difference "
                                    f"(one that differs is {PARTLY!r})"))
        if str(row.verdict) == PARTLY and pd.isna(row.difference):
            problems.append(Problem(checks_at, line, "difference", f"a {PARTLY!r} check says which part the "
                                    "record does not bear out"))
        theme_in_id = re.fullmatch(r"k-(.+)-\d{2}", row.check_id)
        if theme_in_id and row.claim_id in theme_of and theme_in_id.group(1) != theme_of[row.claim_id]:
            problems.append(Problem(checks_at, line, "check_id", f"id names theme {theme_in_id.group(1)!r} but "
                                    f"{row.claim_id} is {theme_of[row.claim_id]!r}"))
        first = first_check[row.claim_id]
        if first != row.check_id:  # every count of checked claims counts checks: one check a claim
            problems.append(Problem(checks_at, line, "claim_id", f"{row.claim_id} is already checked by {first}: "
                                    "one check a claim (fold this one into it)"))
    today = pd.Timestamp.today().normalize()
    for line, row in sources.iterrows():
        if row.source_id in outside or not pd.isna(row.url):
            problem = url_problem(row.url)
            if problem:
                problems.append(Problem(sources_at, line, "url", problem))
        if pd.isna(row.date_published) != (row.date_precision == UNDATED):
            problems.append(Problem(sources_at, line, "date_published", f"must be empty exactly when "
                                    f"date_precision is {UNDATED!r}"))
        for field in ("date_published", "date_consulted"):
            if row[field] > today:
                problems.append(Problem(sources_at, line, field, f"{row[field].date()} is in the future"))
        if row.date_published > row.date_consulted:
            problems.append(Problem(sources_at, line, "date_published", f"{row.date_published.date()} is after "
                                    f"date_consulted {row.date_consulted.date()}"))
    return problems


def _sources_used(sources_at: str, sources: pd.DataFrame, checks: pd.DataFrame, events: pd.DataFrame) -> list[Problem]:
    """Every outside source is cited by a check or a record event."""
    used = {i for ids in [*checks.source_ids, *events.source_ids] for i in ids.split(";")}
    return [Problem(sources_at, line, "source_id", "no check or record event uses this source")
            for line, row in sources.iterrows() if row.kind != SOURCE_ARTICLE and row.source_id not in used]


def _record_event_rules(where: str, events: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """The record's timeline: each event cites existing outside sources, it begins no later than the last of
    them was published (when all are dated), and its dates run forwards and span exactly what its precision
    says (a whole month, a whole year)."""
    problems = []
    outside = set(sources.source_id[sources.kind != SOURCE_ARTICLE])
    published = sources.set_index("source_id").date_published
    for line, row in events.iterrows():
        not_outside = [i for i in row.source_ids.split(";") if i not in outside]
        if not_outside:
            problems.append(Problem(where, line, "source_ids", f"no such outside source: {', '.join(not_outside)}"))
        dates = published.reindex(row.source_ids.split(";"))
        if not not_outside and dates.notna().all() and not pd.isna(row.date_start) and row.date_start > dates.max():
            problems.append(Problem(where, line, "date_start", f"{row.date_start.date()} is after its last source "
                                    f"was published ({dates.max().date()})"))
        order = _date_pair(where, line, row.date_start, row.date_end, "date_start", "date_end")
        problems += order
        period = {"month": "M", "year": "Y"}.get(row.date_precision)
        if period and not order:
            whole = pd.Period(row.date_start, period)
            if (row.date_start, row.date_end) != (whole.start_time.normalize(), whole.end_time.normalize()):
                problems.append(Problem(where, line, "date_end", f"precision {row.date_precision!r} needs the whole "
                                        f"{row.date_precision}: {whole.start_time.date()} to {whole.end_time.date()}"))
    return problems


def url_problem(url) -> str | None:
    """Why `url` is not a well-formed http(s) address, or None when it is."""
    if pd.isna(url) or not str(url).strip():
        return "an outside source needs its web address"
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https"):
        return f"{url!r} is not an http or https address"
    if not parts.hostname or "." not in parts.hostname or re.search(r"\s", str(url)):
        return f"{url!r} is not a well-formed address"
    return None


def _quantity_rules(where: str, quantities: pd.DataFrame, quote_of: dict[str, str]) -> list[Problem]:
    problems = []
    for line, row in quantities.iterrows():
        quote = quote_of[row.claim_id]
        value = format_number(row.value)
        if not re.search(rf"(?<![\d.]){re.escape(value)}(?![\d]|\.\d)", quote):
            problems.append(Problem(where, line, "value",
                                    f"{value} does not appear in the quote of {row.claim_id}"))
        if article.normalise(row.as_written) not in quote:
            problems.append(Problem(where, line, "as_written",
                                    f"{row.as_written!r} is not in the quote of {row.claim_id}"))
        problems += _date_pair(where, line, row.period_start, row.period_end, "period_start", "period_end")
        problems += _period_label_rule(where, line, row)
    return problems


_FIRST_MONTHS = re.compile(rf"first (\d{{1,2}}|{'|'.join(NUMBER_WORDS)}) months of (\d{{4}})")


def _period_label_rule(where: str, line: int, row) -> list[Problem]:
    """A label "first 10 months of 2018" (or "first ten months…") agrees with its dates: 1 January to the last day
    of the tenth month."""
    found = _FIRST_MONTHS.fullmatch(str(row.period_label))
    if not found or pd.isna(row.period_start) or pd.isna(row.period_end):
        return []
    months = int(found[1]) if found[1].isdigit() else NUMBER_WORDS.index(found[1]) + 1
    year = int(found[2])
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, months, 1) + pd.offsets.MonthEnd(0)
    if (pd.Timestamp(row.period_start), pd.Timestamp(row.period_end)) == (start, end):
        return []
    return [Problem(where, line, "period_label", f"{row.period_label!r} runs {start:%Y-%m-%d} to {end:%Y-%m-%d}, "
                    f"not {pd.Timestamp(row.period_start):%Y-%m-%d} to {pd.Timestamp(row.period_end):%Y-%m-%d}")]


def _event_rules(where: str, events: pd.DataFrame) -> list[Problem]:
    problems = []
    for line, row in events.iterrows():
        undated = pd.isna(row.date_start) and pd.isna(row.date_end)
        if row.date_precision == "unstated" and not undated:
            problems.append(Problem(where, line, "date_precision", "'unstated' but dates are given"))
        elif row.date_precision != "unstated" and undated:
            problems.append(Problem(where, line, "date_start",
                                    f"precision is {row.date_precision!r} but no dates are given"))
        problems += _date_pair(where, line, row.date_start, row.date_end, "date_start", "date_end")
    return problems


def _date_pair(where: str, line: int, start, end, start_name: str, end_name: str) -> list[Problem]:
    if pd.isna(start) != pd.isna(end):
        missing = start_name if pd.isna(start) else end_name
        return [Problem(where, line, missing, f"{start_name} and {end_name} must both be given or both be empty")]
    if not pd.isna(start) and start > end:
        return [Problem(where, line, start_name, f"{start.date()} is after {end_name} {end.date()}")]
    return []


def format_number(value: float) -> str:
    """A number as an article would write it: 660.0 -> '660', 0.8 -> '0.8'."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
