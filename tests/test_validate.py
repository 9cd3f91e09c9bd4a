"""Bad input: every validation rule, one fixture each. Each must name file, row and field (and say what is
wrong), exit 1, print no traceback and leave the data untouched. `make mutation` measures how well these
cases catch a broken validator (benchmarks/mutation.md)."""

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from mibook import load
from mibook.validate import DataError, Problem, format_number, validate
from tests.conftest import cell, read_rows, row_where, set_cell, write_rows

# Each case corrupts a copy of data/ and returns (file, row, field, message): one problem must read exactly
# `data/<file>:<row>: <field>: <message>`.


def _corrupt_quote(d):
    return ("claims.csv", set_cell(d, "claims", 0, "quote", cell(d, "claims", 0, "quote") + " indeed"), "quote",
            "not verbatim in ¶1 (only whitespace and curly quotes may differ)")


def _quote_from_another_paragraph(d):
    return ("claims.csv", set_cell(d, "claims", 0, "paragraph", "2"), "quote", "not verbatim in ¶2 (only "
            "whitespace and curly quotes may differ); it is in ¶1")


def _value_not_in_quote(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "value", "661"), "value",
            "661 does not appear in the quote of c-trade-01")


def _value_is_a_prefix_of_a_quoted_number(d):  # 66 inside "660 million"
    return ("quantities.csv", set_cell(d, "quantities", 0, "value", "66"), "value",
            "66 does not appear in the quote of c-trade-01")


def _value_is_a_suffix_of_a_quoted_number(d):  # 60 inside "660 million"
    return ("quantities.csv", set_cell(d, "quantities", 0, "value", "60"), "value",
            "60 does not appear in the quote of c-trade-01")


def _value_is_the_decimals_of_a_quoted_number(d):  # 8 inside "$0.8bn"
    i = row_where(d, "quantities", "value", lambda v: v == "0.8")
    return ("quantities.csv", set_cell(d, "quantities", i, "value", "8"), "value",
            "8 does not appear in the quote of c-trade-03")


def _value_is_the_integer_part_of_a_quoted_number(d):  # 0 inside "$0.8bn"
    i = row_where(d, "quantities", "value", lambda v: v == "0.8")
    return ("quantities.csv", set_cell(d, "quantities", i, "value", "0"), "value",
            "0 does not appear in the quote of c-trade-03")


def _as_written_not_in_quote(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "as_written", "six hundred"), "as_written",
            "'six hundred' is not in the quote of c-trade-01")


def _period_start_without_end(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "period_end", ""), "period_end",
            "period_start and period_end must both be given or both be empty")


def _period_end_without_start(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "period_start", ""), "period_start",
            "period_start and period_end must both be given or both be empty")


def _period_start_after_end(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "period_start", "2018-11-01"), "period_start",
            "2018-11-01 is after period_end 2018-10-31")


def _period_label_disagrees_with_its_dates(d):
    """Audit 8's #10: the ten-month trade figure's end moved a month earlier, its label unchanged."""
    return ("quantities.csv", set_cell(d, "quantities", 0, "period_end", "2018-09-30"), "period_label",
            "'first 10 months of 2018' runs 2018-01-01 to 2018-10-31, not 2018-01-01 to 2018-09-30")


def _paragraph_out_of_range(d):
    return ("claims.csv", set_cell(d, "claims", 0, "paragraph", "12"), "paragraph",
            "¶12 does not exist (the article has ¶1–¶11)")


def _claim_outside_body(d):
    return ("claims.csv", set_cell(d, "claims", 0, "paragraph", "11"), "paragraph", "¶11 is not body text")


def _paragraph_without_claim(d):
    rows = read_rows(d / "claims.csv")
    for row in rows[1:]:
        if row[1] == "5":
            row[1] = "4"
    write_rows(d / "claims.csv", rows)
    return ("claims.csv", "-", "paragraph", "body paragraph ¶5 has no claim")


def _start_after_end(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "year")
    set_cell(d, "events", i, "date_end", "2000-12-31")
    return ("events.csv", i + 2, "date_start", "2016-01-01 is after date_end 2000-12-31")


def _undated_with_dates(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "unstated")
    set_cell(d, "events", i, "date_start", "2019-01-01")
    return ("events.csv", set_cell(d, "events", i, "date_end", "2019-01-31"), "date_precision",
            "'unstated' but dates are given")


def _undated_with_one_date(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "unstated")
    return ("events.csv", set_cell(d, "events", i, "date_end", "2019-01-31"), "date_precision",
            "'unstated' but dates are given")


def _dated_without_dates(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "year")
    set_cell(d, "events", i, "date_start", "")
    return ("events.csv", set_cell(d, "events", i, "date_end", ""), "date_start",
            "precision is 'year' but no dates are given")


def _event_end_without_start(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "month")
    return ("events.csv", set_cell(d, "events", i, "date_start", ""), "date_start",
            "date_start and date_end must both be given or both be empty")


def _impossible_date(d):
    i = row_where(d, "events", "date_precision", lambda v: v == "month")
    return ("events.csv", set_cell(d, "events", i, "date_start", "2019-02-30"), "date_start",
            'type error: type is "date/default" (value \'2019-02-30\')')


def _value_outside_enum(d):
    return ("claims.csv", set_cell(d, "claims", 1, "theme", "economy"), "theme",
            'constraint error: constraint "enum" is "[\'bilateral\', \'afghanistan\', \'defence\', \'energy\', '
            '\'trade\', \'sco-cpec\']" (value \'economy\')')


def _duplicate_key(d):
    return ("claims.csv", set_cell(d, "claims", 1, "claim_id", cell(d, "claims", 0, "claim_id")), "claim_id",
            "unique error: the same as in the row at position 2 (value 'c-bilateral-01')")


def _duplicate_primary_key(d):
    set_cell(d, "claims", 1, "claim_id", cell(d, "claims", 0, "claim_id"))
    return ("claims.csv", 3, "-", "primarykey error: the same as in the row at position 2")


def _dangling_composite_foreign_key(d):
    descriptor = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
    poles = next(r for r in descriptor["resources"] if r["name"] == "poles")
    poles["schema"]["foreignKeys"] = [{"fields": ["claim_id", "actor_id"],
                                       "reference": {"resource": "positions", "fields": ["claim_id", "actor_id"]}}]
    (d / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    return ("poles.csv", 2, "claim_id, actor_id", 'foreignkey error: for "claim_id, actor_id": values '
            '"c-sco-cpec-03, russia" not found in the lookup table "positions" as "claim_id, actor_id"')


def _package_level_error(d):
    descriptor = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["contributors"] = "nobody"
    (d / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    return ("datapackage.json", "-", "-",
            "The data package has an error: 'nobody' is not of type 'array' at property 'contributors'")


def _dangling_foreign_key(d):
    return ("relations.csv", set_cell(d, "relations", 0, "source", "narnia"), "source",
            'foreignkey error: for "source": values "narnia" not found in the lookup table "actors" as "actor_id"')


def _missing_required(d):
    return ("claims.csv", set_cell(d, "claims", 2, "summary", ""), "summary",
            'constraint error: constraint "required" is "True"')


def _malformed_id(d):
    return ("claims.csv", set_cell(d, "claims", 0, "claim_id", "C-Bilateral-1"), "claim_id",
            'constraint error: constraint "pattern" is "c-(bilateral|afghanistan|defence|energy|trade|sco-cpec)-'
            '[0-9]{2}" (value \'C-Bilateral-1\')')


def _id_theme_mismatch(d):
    i = row_where(d, "claims", "theme", lambda v: v == "bilateral")
    return ("claims.csv", set_cell(d, "claims", i, "theme", "trade"), "claim_id",
            "id names theme 'bilateral' but theme is 'trade'")


def _proposal_not_in_quote(d):
    return ("proposals.csv", set_cell(d, "proposals", 0, "text", "abolish all tariffs"), "text",
            "not a verbatim part of the quote of c-trade-05")


def _process_not_in_quote(d):
    return ("processes.csv", set_cell(d, "processes", 0, "text", "weekly summits"), "text",
            "not a verbatim part of the quote of c-bilateral-10")


def _mou_aim_not_in_quote(d):
    return ("mou_aims.csv", set_cell(d, "mou_aims", 0, "text", "mutual admiration"), "text",
            "not a verbatim part of the quote of c-energy-02")


def _self_relation(d):
    return ("relations.csv", set_cell(d, "relations", 0, "target", cell(d, "relations", 0, "source")), "target",
            "a relation needs two different actors")


def _actor_first_paragraph_missing(d):
    return ("actors.csv", set_cell(d, "actors", 0, "first_paragraph", "12"), "first_paragraph",
            "¶12 does not exist")


def _not_a_number(d):
    return ("quantities.csv", set_cell(d, "quantities", 0, "value", "lots"), "value",
            'type error: type is "number/default" (value \'lots\')')


def _missing_column(d):
    write_rows(d / "events.csv", [r[:-1] for r in read_rows(d / "events.csv")])
    return ("events.csv", 1, "note", "column is missing from the header")


def _renamed_column(d):
    rows = read_rows(d / "actors.csv")
    rows[0][1] = "label"
    write_rows(d / "actors.csv", rows)
    return ("actors.csv", 1, "label", "column is not in the schema")


def _blank_column_name(d):
    rows = read_rows(d / "actors.csv")
    rows[0][1] = ""
    write_rows(d / "actors.csv", rows)
    return ("actors.csv", 1, "(blank)", "column is not in the schema")


def _columns_out_of_order(d):
    rows = read_rows(d / "poles.csv")
    write_rows(d / "poles.csv", [[r[1], r[0], *r[2:]] for r in rows])
    return ("poles.csv", 1, "header", "columns out of order; expected: pole, claim_id, actor_id")


def _blank_row(d):
    rows = read_rows(d / "poles.csv")
    write_rows(d / "poles.csv", [*rows[:2], [], *rows[2:]])
    return ("poles.csv", 3, "-", "blank row")


def _short_row(d):
    rows = read_rows(d / "relations.csv")
    rows[3] = rows[3][:4]
    write_rows(d / "relations.csv", rows)
    return ("relations.csv", 4, "kind", "short row: 4 cells, expected 9 (missing kind, directed, status, theme, label)")


def _long_row(d):
    rows = read_rows(d / "relations.csv")
    rows[2] = rows[2] + ["surplus"]
    write_rows(d / "relations.csv", rows)
    return ("relations.csv", 3, "label", "long row: 10 cells, expected 9 (an unquoted comma?)")


def _not_utf8(d):
    path = d / "actors.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",\xff\xfe", 1)
    path.write_bytes(b"\n".join(lines))
    return ("actors.csv", 3, "name", "bytes that are not UTF-8 (b'\\xff')")


def _not_utf8_in_the_header(d):
    path = d / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"name", b"n\xffme", 1))
    return ("actors.csv", 1, "-", "bytes that are not UTF-8 (b'\\xff')")


def _not_utf8_in_a_short_row(d):
    path = d / "actors.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = b"russia,R\xffssia"
    path.write_bytes(b"\n".join(lines))
    return ("actors.csv", 3, "name", "bytes that are not UTF-8 (b'\\xff')")


def _byte_order_mark(d):
    path = d / "poles.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return ("poles.csv", 1, "header", "the file starts with a byte-order mark; save it as UTF-8 without BOM")


def _empty_file(d):
    (d / "processes.csv").write_bytes(b"  \n")
    return ("processes.csv", 1, "header", "the file is empty (expected a header row)")


def _missing_file(d):
    (d / "positions.csv").unlink()
    return ("positions.csv", "-", "file", "the file is missing")


def _broken_schema(d):
    path = d / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:-20], encoding="utf-8")
    return ("datapackage.json", text[:-20].count("\n") + 1, "json", "Expecting ',' delimiter")


def _missing_schema(d):
    (d / "datapackage.json").unlink()
    return ("datapackage.json", "-", "file", "the schema file is missing")


def _schema_not_utf8(d):
    path = d / "datapackage.json"
    path.write_bytes(path.read_bytes().replace("–".encode(), b"\x96", 1))
    return ("datapackage.json", "-", "file", "not UTF-8 (invalid start byte)")


def _resource_without_schema(d):
    descriptor = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
    del descriptor["resources"][3]["schema"]
    (d / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return ("datapackage.json", "-", "resources", "malformed descriptor ('schema')")


def _no_resources(d):
    (d / "datapackage.json").write_text('{"name": "empty", "resources": []}', encoding="utf-8")
    return ("datapackage.json", "-", "resources", "the package lists no resources")


def _missing_article(d):
    (d / "source" / "article.txt").unlink()
    return ("source/article.txt", "-", "file", "the source article is missing")


def _article_not_utf8(d):
    path = d / "source" / "article.txt"
    path.write_bytes(b"\xff" + path.read_bytes())
    return ("source/article.txt", "-", "file", "not UTF-8 (invalid start byte)")


def _set_path(d, resource: str, path, key: str = "resources") -> int | str:
    """Point a resource (or, with key="sources", the source) at `path`; returns the JSON line naming it."""
    descriptor = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
    entry = next(e for e in descriptor[key] if e.get("name", "source") == resource)
    entry["path"] = path
    text = json.dumps(descriptor, indent=2, ensure_ascii=False)
    (d / "datapackage.json").write_text(text, encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if json.dumps(path) in line]
    return lines[0] if lines else "-"


def _absolute_path(d):
    row = _set_path(d, "poles", "/etc/passwd")
    return ("datapackage.json", row, "path", '"/etc/passwd" is an absolute path; every path must stay inside data/')


def _parent_path(d):
    (d.parent / "poles.csv").write_bytes((d / "poles.csv").read_bytes())
    return ("datapackage.json", _set_path(d, "poles", "../poles.csv"), "path",
            '"../poles.csv" climbs out of the data folder with \'..\'; every path must stay inside data/')


def _symlink_out(d):
    (d.parent / "outside.csv").write_bytes((d / "poles.csv").read_bytes())
    (d / "poles.csv").unlink()
    (d / "poles.csv").symlink_to(d.parent / "outside.csv")
    return ("datapackage.json", _set_path(d, "poles", "poles.csv"), "path",
            '"poles.csv" leads out of the data folder through a symbolic link; every path must stay inside data/')


def _url_path(d):
    return ("datapackage.json", _set_path(d, "poles", "https://example.org/poles.csv"), "path",
            '"https://example.org/poles.csv" is a URL, not a file in the data folder; every path must stay inside '
            'data/')


def _source_path_out(d):
    return ("datapackage.json", _set_path(d, "source", "../../article.txt", key="sources"), "path",
            '"../../article.txt" climbs out of the data folder with \'..\'; every path must stay inside data/')


def _windows_parent_path(d):
    """A Windows-style `..\\` climbs out as surely as `../`: the data folder is also opened on Windows."""
    return ("datapackage.json", _set_path(d, "poles", "..\\poles.csv"), "path",
            '"..\\\\poles.csv" climbs out of the data folder with \'..\'; every path must stay inside data/')


def _list_path(d):
    _set_path(d, "poles", ["poles.csv", "poles.csv"])
    return ("datapackage.json", "-", "path",
            '["poles.csv", "poles.csv"] is not a single file path; every path must stay inside data/')


CASES = [
    _corrupt_quote, _quote_from_another_paragraph, _value_not_in_quote, _value_is_a_prefix_of_a_quoted_number,
    _value_is_a_suffix_of_a_quoted_number, _value_is_the_decimals_of_a_quoted_number,
    _value_is_the_integer_part_of_a_quoted_number, _as_written_not_in_quote, _period_start_without_end,
    _period_end_without_start, _period_start_after_end, _period_label_disagrees_with_its_dates,
    _paragraph_out_of_range, _claim_outside_body,
    _paragraph_without_claim, _start_after_end, _undated_with_dates, _undated_with_one_date, _dated_without_dates,
    _event_end_without_start, _impossible_date, _value_outside_enum, _duplicate_key, _dangling_foreign_key,
    _duplicate_primary_key, _dangling_composite_foreign_key, _package_level_error, _missing_required,
    _malformed_id, _id_theme_mismatch, _proposal_not_in_quote, _process_not_in_quote, _mou_aim_not_in_quote,
    _self_relation, _actor_first_paragraph_missing, _not_a_number, _missing_column, _renamed_column,
    _blank_column_name, _columns_out_of_order, _blank_row, _short_row, _long_row, _not_utf8,
    _not_utf8_in_the_header, _not_utf8_in_a_short_row, _byte_order_mark, _empty_file, _missing_file,
    _broken_schema, _missing_schema, _schema_not_utf8, _resource_without_schema, _no_resources, _missing_article,
    _article_not_utf8, _absolute_path, _parent_path, _symlink_out, _url_path, _source_path_out, _list_path,
    _windows_parent_path,
]
CASE_IDS = [case.__name__.strip("_") for case in CASES]


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _expected(file: str, row, field: str) -> str:
    return f"data/{file}:{row}: {field}: "


def test_real_data_is_valid():
    assert validate(Path(__file__).parent.parent / "data") == []


@pytest.mark.parametrize("corrupt", CASES, ids=CASE_IDS)
def test_bad_input_names_file_row_field_and_cause(data_copy, corrupt):
    file, row, field, words = corrupt(data_copy)
    before = _fingerprint(data_copy)
    messages = [str(p) for p in validate(data_copy)]
    prefix = _expected(file, row, field)
    assert prefix + words in messages, messages
    assert _fingerprint(data_copy) == before, "validation must not modify the data"


@pytest.mark.cli
@pytest.mark.parametrize("corrupt", CASES, ids=CASE_IDS)
def test_cli_and_load_refuse_bad_input(data_copy, corrupt):
    file, row, field, _ = corrupt(data_copy)
    with pytest.raises(DataError):  # what every chapter's first cell calls: the build stops here
        load.tables(data_copy)
    result = subprocess.run([sys.executable, "-m", "mibook", "validate", str(data_copy)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert any(line.startswith(_expected(file, row, field)) for line in result.stderr.splitlines()), result.stderr
    assert result.stderr.strip().endswith(f"problem(s) in {data_copy}; nothing was built.")


def test_all_problems_are_reported_not_just_the_first(data_copy):
    set_cell(data_copy, "claims", 0, "paragraph", "42")
    set_cell(data_copy, "quantities", 0, "value", "661")
    set_cell(data_copy, "relations", 0, "target", cell(data_copy, "relations", 0, "source"))
    messages = "\n".join(str(p) for p in validate(data_copy))
    for prefix in ("data/claims.csv:2: paragraph:", "data/quantities.csv:2: value:", "data/relations.csv:2: target:"):
        assert prefix in messages


def test_every_structure_problem_of_a_file_is_reported(data_copy):
    rows = read_rows(data_copy / "relations.csv")
    rows[2] = rows[2][:4]
    rows[5] = rows[5] + ["surplus"]
    write_rows(data_copy / "relations.csv", rows)
    (data_copy / "poles.csv").write_bytes(b"")
    messages = [str(p) for p in validate(data_copy)]
    assert [m.split(": ")[0] for m in messages] == ["data/relations.csv:3", "data/relations.csv:6", "data/poles.csv:1"]


def test_a_renamed_column_is_reported_as_missing_and_unexpected(data_copy):
    _renamed_column(data_copy)
    assert [str(p) for p in validate(data_copy)] == [
        "data/actors.csv:1: name: column is missing from the header",
        "data/actors.csv:1: label: column is not in the schema",
    ]


def test_a_structure_problem_stops_before_the_schema_checks(data_copy):
    (data_copy / "poles.csv").write_bytes(b"")
    set_cell(data_copy, "claims", 1, "theme", "economy")  # a Frictionless error, not reached
    set_cell(data_copy, "quantities", 0, "value", "661")  # a project-rule error, not reached
    assert [str(p) for p in validate(data_copy)] == [
        "data/poles.csv:1: header: the file is empty (expected a header row)"]


def test_a_path_problem_stops_before_any_file_is_read(data_copy):
    _set_path(data_copy, "poles", "/etc/passwd")
    (data_copy / "claims.csv").write_bytes(b"")
    assert [p.field for p in validate(data_copy)] == ["path"]


def test_the_data_zip_refuses_a_path_outside_the_data_folder(data_copy, tmp_path):
    from mibook import appendix

    _symlink_out(data_copy)
    with pytest.raises(DataError, match="through a symbolic link"):
        appendix.write_data_zip(tmp_path / "data.zip", data_copy)
    assert not (tmp_path / "data.zip").exists()


def test_a_period_label_in_words_agrees_with_its_dates(data_copy):
    """"first ten months of 2018" reads as the label in digits does: 1 January to 31 October."""
    set_cell(data_copy, "quantities", 0, "period_label", "first ten months of 2018")
    assert not [p for p in validate(data_copy) if p.field == "period_label"]
    set_cell(data_copy, "quantities", 0, "period_end", "2018-09-30")
    assert [p.field for p in validate(data_copy)].count("period_label") == 1


def test_a_period_of_one_day_is_valid(data_copy):
    set_cell(data_copy, "quantities", 0, "period_start", "2018-10-31")
    set_cell(data_copy, "quantities", 0, "period_label", "31 October 2018")
    assert validate(data_copy) == []


def test_a_valid_row_that_quotes_a_number_at_a_sentence_end_passes(data_copy):
    quote = "In terms of bilateral trade, the two countries saw 660 million dollar trade in 2018."
    set_cell(data_copy, "claims", row_where(data_copy, "claims", "claim_id", lambda v: v == "c-trade-01"),
             "quote", quote)
    set_cell(data_copy, "quantities", 0, "value", "2018")
    set_cell(data_copy, "quantities", 0, "as_written", "2018")
    messages = [str(p) for p in validate(data_copy)]
    assert not any(m.startswith("data/quantities.csv:") for m in messages), messages


def test_a_cell_the_csv_module_cannot_read_is_a_csv_problem(data_copy):
    set_cell(data_copy, "poles", 0, "claim_id", "x" * 20_000)
    limit = csv.field_size_limit(10_000)  # the limit is process-wide; Frictionless raises it on import
    try:
        messages = [str(p) for p in validate(data_copy)]
    finally:
        csv.field_size_limit(limit)
    assert messages == ["data/poles.csv:-: csv: malformed CSV (field larger than field limit (10000))"]


def test_numbers_are_written_as_the_article_writes_them():
    assert [format_number(v) for v in (660.0, 0.8, 14, 1.25)] == ["660", "0.8", "14", "1.25"]


@pytest.mark.cli
def test_validation_writes_nothing_to_home_or_the_temp_folder(data_copy, tmp_path):
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "XDG_CACHE_HOME": str(home / ".cache")}
    result = subprocess.run([sys.executable, "-m", "mibook", "validate", str(data_copy)], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []


def test_schema_file_is_valid_json_with_keys():
    descriptor = json.loads((Path(__file__).parent.parent / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert resource["schema"]["primaryKey"], resource["name"]


def test_a_data_error_lists_one_problem_per_line():
    problems = [Problem("data/a.csv", 2, "x", "bad"), Problem("data/b.csv", "-", "y", "worse")]
    error = DataError(problems)
    assert error.problems == problems
    assert str(error) == "data/a.csv:2: x: bad\ndata/b.csv:-: y: worse"


def test_the_data_zip_holds_only_files_inside_the_data_folder(data_copy, tmp_path):
    import zipfile

    from mibook import appendix

    (tmp_path / "secret.md").write_text("not part of the data", encoding="utf-8")
    (data_copy / "README.md").unlink()
    (data_copy / "README.md").symlink_to(tmp_path / "secret.md")
    with zipfile.ZipFile(appendix.write_data_zip(tmp_path / "data.zip", data_copy)) as archive:
        names = [name.split("/", 1)[1] for name in archive.namelist()]
    assert names and "README.md" not in names and "datapackage.json" in names and "source/article.txt" in names
    assert all((data_copy / name).resolve().is_relative_to(data_copy.resolve()) for name in names)


def test_the_validate_command_validates_once_and_records_the_pass(data_copy, monkeypatch, capsys):
    """`make validate` (`python -m mibook validate`): one validation, whose record the build then reads."""
    from mibook import cli, load

    calls = []

    def counted(folder):
        calls.append(folder)
        return validate(folder)

    set_cell(data_copy, "claims", 0, "summary", f"A summary only this run writes {uuid.uuid4()}")  # no pass recorded
    monkeypatch.setattr(load, "validate", counted)
    monkeypatch.setattr(cli, "validate", counted, raising=False)
    assert cli.main(["validate", str(data_copy)]) == 0
    assert calls == [data_copy] and capsys.readouterr().out.startswith("valid: ")
    load.tables(data_copy)
    assert calls == [data_copy], "the build's load read the record the command left"


def test_a_crash_in_validation_is_one_line_and_exit_2(data_copy, monkeypatch, capsys):
    from mibook import cli, load

    def crash(folder):
        raise KeyError("boom")

    set_cell(data_copy, "claims", 0, "summary", f"A summary no record has seen {uuid.uuid4()}")  # no recorded pass
    monkeypatch.setattr(load, "validate", crash)
    monkeypatch.setattr(cli, "validate", crash, raising=False)
    assert cli.main(["validate", str(data_copy)]) == 2
    assert capsys.readouterr().err == "data/: validation crashed: KeyError: 'boom'\n"


def test_the_validate_command_says_what_it_read_in_the_books_order(capsys):
    """The one line a valid folder gets: tables, rows and claims, the claims counted per theme in the book's
    chapter order (not by size)."""
    from mibook import cli, labels, load

    assert cli.main(["validate"]) == 0
    data = load.tables()
    counts = data["claims"].theme.astype(str).value_counts()
    themes = ", ".join(f"{t} {counts[t]}" for t in labels.THEME_LABELS if t in counts)
    rows = sum(len(data[name]) for name in data.frames)
    assert capsys.readouterr().out == (f"valid: {len(data.frames)} tables, {rows} rows, {len(data['claims'])} "
                                       f"claims ({themes}); 0 problems\n")


def test_the_command_line_asks_for_a_command_and_explains_itself(capsys):
    from mibook import cli

    with pytest.raises(SystemExit) as stopped:
        cli.main([])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith("usage: python -m mibook [-h] {validate}")
    with pytest.raises(SystemExit):
        cli.main(["validate", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert re.search(r"data_dir default: \$MIBOOK_DATA_DIR or data/( |$)", shown), shown
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert re.search(r"validate validate the data folder; exit 1 on any problem( |$)", shown), shown
