"""The mutation runner's score: equivalent mutants (shown so in `ACCEPTED`) are set aside, other accepted
survivors still count against it."""

import importlib.util

from mibook import paths

_spec = importlib.util.spec_from_file_location("mutation_runner", paths.PROJECT_ROOT / "scripts" / "mutation.py")
mutation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutation)


def test_only_survivors_accepted_as_equivalent_leave_the_score():
    equivalent = {"source": 'EVERYTHING = "*"', "change": "'*' -> 'XX…XX'"}
    wording = {"source": 'SECTION_TITLE = "What the record shows"', "change": "'What the record shows' -> 'XX…XX'"}
    unexplained = {"source": "x = 1", "change": "1 -> 2"}
    assert mutation._equivalents("mibook/datafiles.py", [equivalent, unexplained]) == 1
    assert mutation._equivalents("mibook/context.py", [wording, unexplained]) == 0  # accepted, not equivalent
    assert mutation._equivalents("mibook/paths.py", [equivalent]) == 0  # the reason belongs to another module


def test_the_score_line_counts_killed_against_the_mutants_less_the_equivalent():
    assert mutation._score(9, 12, 2) == "9/10 killed (90.0%; 2 equivalent set aside)"
    assert mutation._score(21, 24) == "21/24 killed (87.5%)"
    assert mutation._score(0, 0) == "0/0 killed (no mutants to score)"
    assert mutation._score(0, 2, 2) == "0/0 killed (no mutants to score)"


def test_the_report_marks_a_result_whose_module_has_changed_since(tmp_path, monkeypatch):
    module = tmp_path / "mibook" / "m.py"
    module.parent.mkdir()
    module.write_text("x = 1\n")
    monkeypatch.setattr(mutation, "ROOT", tmp_path)
    import hashlib

    result = {"total": 2, "killed": 2, "survivors": [], "minutes": 0.1, "commit": "abc1234", "date": "2026-12-07",
              "tests": "tests", "source": hashlib.sha256(b"x = 1\n").hexdigest()}
    row = next(line for line in mutation.report({"mibook/m.py": result}).splitlines() if "`mibook/m.py`" in line)
    assert "| abc1234 |" in row and "changed since" not in row
    module.write_text("x = 2\n")
    row = next(line for line in mutation.report({"mibook/m.py": result}).splitlines() if "`mibook/m.py`" in line)
    assert "| abc1234 (**the module has changed since**) |" in row
