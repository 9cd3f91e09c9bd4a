"""Bad input: every validation rule, one fixture each. Each must name file, row and field, exit 1,
print no traceback and leave the data untouched."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mibook import load
from mibook.validate import DataError, validate
from tests.conftest import cell, read_rows, row_where, set_cell, write_rows


def _corrupt_quote(d):
    return ("claims.csv", set_cell(d, "claims", 0, "quote", cell(d, "claims", 0, "quote") + " indeed"), "quote")


def _value_not_in_quote(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "value", "661"), "value")


def _as_written_not_in_quote(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "as_written", "six hundred"), "as_written")


def _paragraph_out_of_range(d):
    return ("claims.csv", set_cell(d, "claims", 0, "paragraph", "42"), "paragraph")


def _claim_outside_body(d):
    return ("claims.csv", set_cell(d, "claims", 0, "paragraph", "11"), "paragraph")


def _paragraph_without_claim(d):
    rows = read_rows(d / "claims.csv")
    for row in rows[1:]:
        if row[1] == "5":
            row[1] = "4"
    write_rows(d / "claims.csv", rows)
    return ("claims.csv", "-", "paragraph")


def _start_after_end(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "year")
    set_cell(d, "events", i, "date_end", "2000-12-31")
    return ("events.csv", i + 2, "date_start")


def _undated_with_dates(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "unstated")
    set_cell(d, "events", i, "date_start", "2019-01-01")
    return ("events.csv", set_cell(d, "events", i, "date_end", "2019-01-31"), "date_precision")


def _impossible_date(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "month")
    return ("events.csv", set_cell(d, "events", i, "date_start", "2019-02-30"), "date_start")


def _value_outside_enum(d):
    return ("claims.csv", set_cell(d, "claims", 1, "theme", "economy"), "theme")


def _duplicate_key(d):
    return ("claims.csv", set_cell(d, "claims", 1, "claim_id", cell(d, "claims", 0, "claim_id")), "claim_id")


def _dangling_foreign_key(d):
    return ("relations.csv", set_cell(d, "relations", 0, "source", "narnia"), "source")


def _missing_required(d):
    return ("claims.csv", set_cell(d, "claims", 2, "summary", ""), "summary")


def _malformed_id(d):
    return ("claims.csv", set_cell(d, "claims", 0, "claim_id", "C-Bilateral-1"), "claim_id")


def _id_theme_mismatch(d):
    i = row_where(d, "claims", "theme", lambda v: v == "bilateral")
    return ("claims.csv", set_cell(d, "claims", i, "theme", "trade"), "claim_id")


def _proposal_not_in_quote(d):
    return ("proposals.csv", set_cell(d, "proposals", 0, "text", "abolish all tariffs"), "text")


def _self_relation(d):
    return ("relations.csv", set_cell(d, "relations", 0, "target", cell(d, "relations", 0, "source")), "target")


def _not_a_number(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "value", "lots"), "value")


def _missing_column(d):
    rows = [r[:-1] for r in read_rows(d / "events.csv")]
    write_rows(d / "events.csv", rows)
    return ("events.csv", 1, "note")


def _renamed_column(d):
    rows = read_rows(d / "actors.csv")
    rows[0][1] = "label"
    write_rows(d / "actors.csv", rows)
    return ("actors.csv", 1, "name")


def _short_row(d):
    rows = read_rows(d / "relations.csv")
    rows[3] = rows[3][:4]
    write_rows(d / "relations.csv", rows)
    return ("relations.csv", 4, "kind")


def _long_row(d):
    rows = read_rows(d / "relations.csv")
    rows[2] = rows[2] + ["surplus"]
    write_rows(d / "relations.csv", rows)
    return ("relations.csv", 3, "label")


def _not_utf8(d):
    path = d / "actors.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",\xff\xfe", 1)
    path.write_bytes(b"\n".join(lines))
    return ("actors.csv", 3, "name")


def _byte_order_mark(d):
    path = d / "poles.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return ("poles.csv", 1, "header")


def _empty_file(d):
    (d / "processes.csv").write_bytes(b"")
    return ("processes.csv", 1, "header")


def _missing_file(d):
    (d / "positions.csv").unlink()
    return ("positions.csv", "-", "file")


def _broken_schema(d):
    path = d / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    return ("datapackage.json", None, "json")


CASES = [
    _corrupt_quote, _value_not_in_quote, _as_written_not_in_quote, _paragraph_out_of_range, _claim_outside_body,
    _paragraph_without_claim, _start_after_end, _undated_with_dates, _impossible_date, _value_outside_enum,
    _duplicate_key, _dangling_foreign_key, _missing_required, _malformed_id, _id_theme_mismatch,
    _proposal_not_in_quote, _self_relation, _not_a_number, _missing_column, _renamed_column, _short_row, _long_row,
    _not_utf8, _byte_order_mark, _empty_file, _missing_file, _broken_schema,
]


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_real_data_is_valid():
    assert validate(Path(__file__).parent.parent / "data") == []


@pytest.mark.parametrize("corrupt", CASES, ids=lambda f: f.__name__.strip("_"))
def test_bad_input_names_file_row_and_field(data_copy, corrupt):
    file, row, field = corrupt(data_copy)
    before = _fingerprint(data_copy)
    messages = [str(p) for p in validate(data_copy)]
    prefix = f"data/{file}:{row}: {field}: " if row is not None else f"data/{file}:"
    assert any(m.startswith(prefix) for m in messages), messages
    if row is None:
        assert any(f": {field}: " in m for m in messages), messages

    with pytest.raises(DataError):  # what every chapter's first cell calls: the build stops here
        load.tables(data_copy)

    result = subprocess.run([sys.executable, "-m", "mibook", "validate", str(data_copy)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert any(line.startswith(prefix) for line in result.stderr.splitlines()), result.stderr
    assert _fingerprint(data_copy) == before, "validation must not modify the data"


def test_all_problems_are_reported_not_just_the_first(data_copy):
    set_cell(data_copy, "claims", 0, "paragraph", "42")
    set_cell(data_copy, "quantities", 0, "value", "661")
    messages = "\n".join(str(p) for p in validate(data_copy))
    assert "data/claims.csv:2: paragraph:" in messages and "data/quantities.csv:2: value:" in messages


def test_schema_file_is_valid_json_with_keys():
    descriptor = json.loads((Path(__file__).parent.parent / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert resource["schema"]["primaryKey"], resource["name"]
