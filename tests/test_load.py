import subprocess
import sys

import pandas as pd
import pytest

from mibook import datafiles, load, paths
from mibook.validate import DataError
from tests.conftest import set_cell


def test_tables_are_typed():
    data = load.tables()
    claims, events, quantities = data["claims"], data["events"], data["quantities"]
    assert isinstance(claims.theme.dtype, pd.CategoricalDtype)
    assert list(claims.theme.cat.categories) == ["bilateral", "afghanistan", "defence", "energy", "trade", "sco-cpec"]
    assert str(claims.paragraph.dtype) == "Int64"
    assert str(quantities.value.dtype) == "Float64"
    assert pd.api.types.is_datetime64_any_dtype(events.date_start)
    assert str(data["relations"].directed.dtype) == "boolean"
    assert claims.claim_id.is_unique


def test_undated_events_stay_undated():
    events = load.events()
    undated = events[events.date_precision == "unstated"]
    assert len(undated) > 0
    assert undated.date_start.isna().all() and undated.date_end.isna().all()


def test_invalid_data_cannot_be_loaded(data_copy):
    set_cell(data_copy, "claims", 0, "paragraph", "99")
    with pytest.raises(DataError) as raised:
        load.tables(data_copy)
    assert "data/claims.csv:2: paragraph:" in str(raised.value)


def test_tables_returns_copies():
    load.claims().drop(columns="quote")
    assert "quote" in load.claims().columns


def _invalid_copy(data_copy):
    set_cell(data_copy, "claims", 0, "paragraph", "99")
    return data_copy


@pytest.fixture
def own_records(tmp_path, monkeypatch):
    """A build folder of the test's own for validation records: two tests that forge a record for the same
    invalid data (one fingerprint, one file) never meet in the shared `_build/validated/` when run at once."""
    monkeypatch.setattr(paths, "build_dir", lambda: tmp_path)
    return tmp_path


def test_a_forged_validation_record_still_sees_the_error(data_copy, own_records):
    """The old marker could be touched into existence; any record but the one a pass writes is ignored."""
    folder = _invalid_copy(data_copy)
    key = load.cache_key(load.fingerprint(folder))
    record = paths.build_dir() / "validated" / key
    record.parent.mkdir(parents=True, exist_ok=True)
    for forged in ("", "valid\n", f"valid {key}\n"):
        record.write_text(forged, encoding="utf-8")
        with pytest.raises(DataError, match="data/claims.csv:2: paragraph:"):
            load.tables(folder)
    record.unlink()


def test_a_record_of_other_data_does_not_vouch_for_these(data_copy, own_records):
    valid_fingerprint = load.fingerprint(data_copy)
    load.tables(data_copy)  # a pass: its record names this fingerprint
    passed = paths.build_dir() / "validated" / load.cache_key(valid_fingerprint)
    assert passed.is_file()
    folder = _invalid_copy(data_copy)
    forged = paths.build_dir() / "validated" / load.cache_key(load.fingerprint(folder))
    forged.write_bytes(passed.read_bytes())
    try:
        with pytest.raises(DataError):
            load.tables(folder)
    finally:
        forged.unlink()


def test_loads_at_once_validate_once(data_copy, monkeypatch):
    """The build and its kernels load the data at the same moment: one validates, the others wait for
    its record instead of repeating the work."""
    import threading
    import time

    validations = []

    def slow_validate(folder):
        validations.append(folder)
        time.sleep(0.3)
        return []

    monkeypatch.setattr(load, "validate", slow_validate)
    monkeypatch.setattr(load, "cache_key", lambda data_fingerprint: "test-loads-at-once")
    record = paths.build_dir() / "validated" / "test-loads-at-once"
    record.unlink(missing_ok=True)
    fingerprint = load.fingerprint(data_copy)
    loads = [threading.Thread(target=load._validate_once, args=(data_copy, fingerprint)) for _ in range(3)]
    try:
        for thread in loads:
            thread.start()
        for thread in loads:
            thread.join()
        assert validations == [data_copy]
    finally:
        record.unlink(missing_ok=True)


def test_the_cache_key_covers_data_package_and_dependencies(monkeypatch):
    key = load.cache_key("data-a")
    assert load.cache_key("data-b") != key
    assert any(name.startswith(("pandas-", "frictionless-")) for name in load.installed_distributions())
    monkeypatch.setattr(load, "installed_distributions", lambda: ["frictionless-0.0.1.dist-info"])
    assert load.cache_key("data-a") != key
    monkeypatch.undo()
    monkeypatch.setattr(load, "fingerprint", lambda folder: "edited package source")
    assert load.cache_key("data-a") != key


def test_the_validation_cache_lives_in_the_project_build_folder():
    assert paths.build_dir() == paths.PROJECT_ROOT / "_build"
    load.tables()
    assert any((paths.build_dir() / "validated").iterdir())


@pytest.mark.cli
def test_loading_does_not_import_frictionless_once_validated():
    code = ("import sys; from mibook import load; load.tables(); "
            "print('frictionless' in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # validates, records the pass
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert result.stdout.strip() == "False"


def test_a_table_fingerprint_covers_its_entry_in_the_package(data_copy):
    """A table's schema can change without its CSV (a field's type, an enum, a description): what a reader
    of that table gets changes, so its fingerprint must; the other tables' fingerprints stay."""
    import json

    from mibook.datafiles import PACKAGE_FILE

    before = datafiles.input_fingerprints(data_copy)
    path = data_copy / PACKAGE_FILE
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    entry = next(r for r in descriptor["resources"] if r["name"] == "mou_aims")
    entry["description"] += " Edited."
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    after = datafiles.input_fingerprints(data_copy)
    assert after["mou_aims"] != before["mou_aims"]
    assert {k: v for k, v in after.items() if k not in ("mou_aims", datafiles.EVERYTHING)} == {
        k: v for k, v in before.items() if k not in ("mou_aims", datafiles.EVERYTHING)}


def test_a_folder_fingerprint_ignores_bytecode_caches_and_sees_every_edit(tmp_path):
    """The package's fingerprint decides whether every notebook runs again (`mibook.cacheguard`): Python
    writing `__pycache__/*.pyc` on import must not change it; an edit to a source file must."""
    folder = tmp_path / "pkg"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.py").write_text("A = 1\n", encoding="utf-8")
    (folder / "sub" / "b.py").write_text("B = 2\n", encoding="utf-8")
    before = paths.fingerprint(folder)
    for cache in (folder / "__pycache__", folder / "sub" / "__pycache__"):
        cache.mkdir()
        (cache / "a.cpython-311.pyc").write_bytes(b"\x00bytecode")
    assert paths.fingerprint(folder) == before
    (folder / "sub" / "b.py").write_text("B = 3\n", encoding="utf-8")
    assert paths.fingerprint(folder) != before


def test_fingerprints_do_not_depend_on_the_order_of_keys_in_the_package(data_copy):
    """Rewriting datapackage.json with its keys in another order (an editor or a tool reformatting it) is
    no edit: no page's reads change, so nothing re-executes."""
    import json

    from mibook.datafiles import PACKAGE_FILE

    before = datafiles.input_fingerprints(data_copy)
    path = data_copy / PACKAGE_FILE
    descriptor = json.loads(path.read_text(encoding="utf-8"))

    def reversed_keys(value):
        if isinstance(value, dict):
            return {k: reversed_keys(value[k]) for k in reversed(list(value))}
        return [reversed_keys(v) for v in value] if isinstance(value, list) else value

    path.write_text(json.dumps(reversed_keys(descriptor), indent=1, ensure_ascii=False), encoding="utf-8")
    after = datafiles.input_fingerprints(data_copy)
    assert {k: v for k, v in after.items() if k != datafiles.EVERYTHING} == {
        k: v for k, v in before.items() if k != datafiles.EVERYTHING}


def test_noted_files_are_the_package_the_article_and_every_table(data_copy):
    """The files whose reads `Tables` notes; an edit to any other file of the folder clears every result
    (`mibook.cacheguard`)."""
    import json

    from mibook.datafiles import ARTICLE_PATH, PACKAGE_FILE

    tables = [r["path"] for r in json.loads((data_copy / PACKAGE_FILE).read_text(encoding="utf-8"))["resources"]]
    noted = datafiles.noted_files(data_copy)
    assert noted == [PACKAGE_FILE, ARTICLE_PATH, *tables] and "claims.csv" in noted
    assert all((data_copy / name).is_file() for name in noted)


def test_asking_for_a_missing_table_notes_the_list_of_names():
    """A page that asks for a table the data lack depends on which tables exist: its read is noted as `NAMES`,
    so adding that table later re-runs the page."""
    load.forget_reads()
    with pytest.raises(KeyError):
        load.tables()["no-such-table"]
    assert datafiles.NAMES in load.reads()


def test_a_caller_that_edits_a_table_in_place_changes_no_later_load():
    tables = load.tables()
    claims = tables["claims"]
    claims.loc[claims.index[0], "quote"] = "edited in place"
    claims.loc[:, "paragraph"] = 0
    again = load.tables()["claims"]
    assert "edited in place" not in set(again.quote) and (again.paragraph > 0).all()
    assert tables["claims"] is not tables["claims"]  # each read is the caller's own copy


def test_every_theme_and_speaker_the_data_allow_has_a_reader_label():
    """A page shows ids as words: each theme and speaker id the schema allows has its label (in the data's
    order for themes, which is the book's chapter order) and each speaker a surname for tight charts."""
    import json

    from mibook import labels

    package = json.loads((paths.PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    enums = {(r["name"], f["name"]): f["constraints"]["enum"] for r in package["resources"]
             for f in r["schema"]["fields"] if f["name"] in ("theme", "speaker") and "constraints" in f}
    themes = {table: tuple(v) for (table, field), v in enums.items() if field == "theme"}
    for table in ("record_events", "events"):  # one row more in the timeline: around the two
        assert themes.pop(table) == tuple(labels.RECORD_THEME_LABELS), table
    assert set(themes.values()) == {tuple(labels.THEME_LABELS)}
    speakers = enums[("claims", "speaker")]
    assert set(labels.SPEAKER_NAMES) == set(labels.SURNAMES) == set(speakers)
    assert all(labels.speaker_name(s) != s for s in speakers) and labels.speaker_name("nobody") == "nobody"


def test_reader_labels_agree_with_the_chapters_and_the_article():
    """A theme's label names its chapter as the chapter's title does (up to its colon); a speaker is named as
    the article names them, and the short name the tight charts use is the surname in that name."""
    import re

    from mibook import labels

    titles = {}
    for page in (paths.PROJECT_ROOT / "chapters").glob("*.md"):
        heading = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M).group(1)
        titles[page.stem] = heading.split(":")[0]
    for theme, label in labels.THEME_LABELS.items():
        if theme in titles:
            assert label == titles[theme], theme
    assert len(set(labels.THEME_LABELS) & set(titles)) == len(labels.THEME_LABELS) - 1  # "bilateral": no chapter
    article = " ".join((paths.data_dir() / "source" / "article.txt").read_text(encoding="utf-8").split())
    for speaker, name in labels.SPEAKER_NAMES.items():
        person = re.split(r",| \(", name)[0]
        assert person in article, speaker
        assert labels.SURNAMES[speaker] == person.split()[-1], speaker


def test_the_fingerprint_sees_a_renamed_file(tmp_path):
    (tmp_path / "claims.csv").write_text("a,b\n", encoding="utf-8")
    before = paths.fingerprint(tmp_path)
    (tmp_path / "claims.csv").rename(tmp_path / "checks.csv")  # same bytes, another name
    assert paths.fingerprint(tmp_path) != before


def test_installed_distributions_are_wheels_and_eggs_on_the_import_path(tmp_path, monkeypatch):
    for name in ("pandas-2.2.3.dist-info", "legacy-1.0.egg-info", "notes.txt", "pandas"):
        (tmp_path / name).mkdir()
    monkeypatch.setattr("sys.path", [str(tmp_path), "", str(tmp_path / "missing")])
    assert paths.installed_distributions() == ["legacy-1.0.egg-info", "pandas-2.2.3.dist-info"]


def test_a_field_of_the_package_itself_changes_every_tables_fingerprint(data_copy):
    """The package's own fields (its title, licences, sources) reach every reader of every table, so an edit
    there changes every table's fingerprint and the notebooks that read them run again."""
    import json

    from mibook.datafiles import PACKAGE_FILE

    before = datafiles.input_fingerprints(data_copy)
    path = data_copy / PACKAGE_FILE
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["title"] = str(descriptor.get("title", "")) + " (edited)"
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    after = datafiles.input_fingerprints(data_copy)
    tables = [r["name"] for r in descriptor["resources"]]
    assert tables and all(after[name] != before[name] for name in tables)
