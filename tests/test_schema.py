"""The data package's reader (mibook/schema.py) on a package of its own: the defaults a descriptor may leave
out, and the typing of each column."""

import json

import pandas as pd

from mibook import schema


def _package(tmp_path, resource: dict, csv: str) -> schema.Package:
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [resource]}), encoding="utf-8")
    (tmp_path / f"{resource['path']}").write_text(csv, encoding="utf-8")
    return schema.Package(tmp_path)


def test_a_resource_and_field_without_title_type_or_description_take_the_defaults(tmp_path):
    package = _package(tmp_path, {"name": "notes", "path": "notes.csv", "schema": {"fields": [{"name": "text"}]}},
                       "text\nhello\n")
    notes = package.resources["notes"]
    assert (notes.title, notes.description, notes.primary_key, notes.foreign_keys) == ("notes", "", (), ())
    (field,) = notes.fields
    assert (field.name, field.type, field.description, field.constraints) == ("text", "string", "", {})
    assert str(schema.read_frame(package, "notes").text.dtype) == "string"


def test_booleans_read_as_true_false_or_missing(tmp_path):
    resource = {"name": "flags", "path": "flags.csv",
                "schema": {"fields": [{"name": "id"}, {"name": "on", "type": "boolean"}], "primaryKey": "id"}}
    package = _package(tmp_path, resource, "id,on\na,true\nb,false\nc,\n")
    assert package.resources["flags"].primary_key == ("id",)
    flags = schema.read_frame(package, "flags").on
    assert str(flags.dtype) == "boolean"
    assert flags.tolist()[:2] == [True, False] and pd.isna(flags.iloc[2])


def test_a_resource_keeps_the_title_and_description_it_gives(tmp_path):
    resource = {"name": "notes", "path": "notes.csv", "title": "Notes", "description": "What we noted.",
                "schema": {"fields": [{"name": "text", "description": "A note."}]}}
    notes = _package(tmp_path, resource, "text\nhello\n").resources["notes"]
    assert (notes.title, notes.description, notes.fields[0].description) == ("Notes", "What we noted.", "A note.")


def test_a_record_is_numbered_by_the_line_it_starts_on_when_a_cell_spans_lines():
    """A quoted cell holding a line break makes a record two lines long; problems after it must still name the
    line each record starts on, as an editor shows it."""
    header, records = schema.parse_csv('a,b\n1,"x\ny"\n2,z\n')
    assert header == ["a", "b"]
    assert records == [(2, ["1", "x\ny"]), (4, ["2", "z"])]
