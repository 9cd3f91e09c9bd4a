"""The schema of record (`data/datapackage.json`) and typed reading of its CSV tables.

Reading never validates; `mibook.validate` decides whether the data may be used and
`mibook.load` refuses to hand out tables that fail it.
"""

import csv
import io
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from mibook.datafiles import PACKAGE_FILE


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    constraints: dict

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def enum(self) -> list[str] | None:
        return self.constraints.get("enum")


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


class Package:
    """The parsed `datapackage.json` of one data folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.descriptor = json.loads((self.data_dir / PACKAGE_FILE).read_text(encoding="utf-8"))

    @cached_property
    def resources(self) -> dict[str, Resource]:
        out = {}
        for res in self.descriptor["resources"]:
            schema = res["schema"]
            fields = tuple(
                Field(f["name"], f.get("type", "string"), f.get("description", ""), f.get("constraints", {}))
                for f in schema["fields"]
            )
            out[res["name"]] = Resource(
                name=res["name"],
                path=res["path"],
                title=res.get("title", res["name"]),
                description=res.get("description", ""),
                fields=fields,
                primary_key=tuple(_as_list(schema.get("primaryKey", []))),
                foreign_keys=tuple(schema.get("foreignKeys", [])),
            )
        return out

    @property
    def named_paths(self) -> list:
        """Every path the descriptor names, as written: each resource's, then each source's."""
        sources = [s["path"] for s in self.descriptor.get("sources", []) if "path" in s]
        return [r["path"] for r in self.descriptor["resources"]] + sources

    def display_path(self, resource: Resource | str) -> str:
        """How messages name a file: `<data folder name>/<file>`, e.g. `data/claims.csv`."""
        path = resource.path if isinstance(resource, Resource) else resource
        return f"{self.data_dir.name}/{path}"


def escape_reason(data_dir: Path, path) -> str | None:
    """Why `path` (as a descriptor writes it) would reach outside `data_dir`, or None if it stays inside."""
    if not isinstance(path, str) or not path.strip():
        return "is not a single file path"
    if "://" in path:
        return "is a URL, not a file in the data folder"
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute() or PureWindowsPath(path).drive:
        return "is an absolute path"
    if ".." in PureWindowsPath(path).parts:
        return "climbs out of the data folder with '..'"
    root = Path(data_dir).resolve()
    if not (root / path).resolve().is_relative_to(root):
        return "leads out of the data folder through a symbolic link"
    return None


def parse_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Split CSV text into its header and (line number, cells) records; line numbers are 1-based."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    records: list[tuple[int, list[str]]] = []
    previous_end = 0
    for cells in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if not header and not records:
            header = cells
        else:
            records.append((start, cells))
    return header, records


def read_frame(package: Package, name: str) -> pd.DataFrame:
    """One table as a typed DataFrame indexed by the CSV line each row starts on.

    Enums become categoricals (in schema order), integers nullable Int64, numbers Float64,
    dates datetime64, booleans nullable boolean, everything else nullable strings.
    """
    resource = package.resources[name]
    text = (package.data_dir / resource.path).read_text(encoding="utf-8")
    header, records = parse_csv(text)
    frame = pd.DataFrame([cells for _, cells in records], columns=header, dtype="object")
    frame.index = pd.Index([line for line, _ in records], name="line")
    for field in resource.fields:
        frame[field.name] = _typed(frame[field.name].replace("", None), field)
    return frame


def _typed(column: pd.Series, field: Field) -> pd.Series:
    if field.enum:
        return column.astype(pd.CategoricalDtype(field.enum))
    if field.type == "integer":
        return pd.to_numeric(column).astype("Int64")
    if field.type == "number":
        return pd.to_numeric(column).astype("Float64")
    if field.type == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    if field.type == "boolean":
        return column.map({"true": True, "false": False, None: None}).astype("boolean")
    return column.astype("string")


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]
