"""Bad input in the drivers table: one case per rule, each naming file, row, field and cause."""

import pytest

from mibook.validate import validate
from tests.conftest import row_where, set_cell


def _driver(d, driver_id: str) -> int:
    return row_where(d, "drivers", "driver_id", lambda v: v == driver_id)


def _words_not_in_quote(d):
    line = set_cell(d, "drivers", _driver(d, "d-us-tilt"), "words", "the US is making India a regional policeman")
    return line, "words", "not a verbatim part of the quote of c-defence-04"


def _unknown_also_claim(d):
    unknown = "c-bilateral-04;c-bilateral-98;c-bilateral-99"
    line = set_cell(d, "drivers", _driver(d, "d-us-tilt"), "also_claims", unknown)
    return line, "also_claims", "no such claim: c-bilateral-98, c-bilateral-99"


def _unknown_check(d):
    line = set_cell(d, "drivers", _driver(d, "d-afghan-endgame"), "check_ids", "k-afghanistan-08;k-afghanistan-09")
    return line, "check_ids", "no such check: k-afghanistan-08, k-afghanistan-09"


def _not_checked_but_a_check_is_cited(d):
    line = set_cell(d, "drivers", _driver(d, "d-afghan-endgame"), "record_support", "not checked")
    return line, "record_support", "'not checked' if and only if no check is cited"


def _checked_without_a_check(d):
    set_cell(d, "drivers", _driver(d, "d-us-tilt"), "record_note", "")
    line = set_cell(d, "drivers", _driver(d, "d-us-tilt"), "check_ids", "")
    return line, "record_support", "'not checked' if and only if no check is cited"


def _support_the_checks_do_not_give(d):
    line = set_cell(d, "drivers", _driver(d, "d-china-cpec"), "record_support", "bears it out")
    return line, "record_support", ("'bears it out' does not fit the checks (k-sco-cpec-04 is 'not supported by "
                                    "the record'): they give 'does not show it'")


def _support_two_checks_do_not_give(d):
    line = set_cell(d, "drivers", _driver(d, "d-us-tilt"), "record_support", "bears it out")
    return line, "record_support", ("'bears it out' does not fit the checks (k-defence-04 is 'partly consistent', "
                                    "k-sco-cpec-05 is 'partly consistent'): they give 'partly'")


def _support_weaker_than_the_checks(d):
    """One-sided before: 'partly' was accepted over checks that are all consistent."""
    line = set_cell(d, "drivers", _driver(d, "d-russia-india"), "record_support", "partly")
    return line, "record_support", ("'partly' does not fit the checks (k-defence-05 is 'consistent'): "
                                    "they give 'bears it out'")


def _a_note_without_a_check(d):
    set_cell(d, "drivers", _driver(d, "d-us-tilt"), "record_support", "not checked")
    line = set_cell(d, "drivers", _driver(d, "d-us-tilt"), "check_ids", "")
    return line, "record_note", "a note if and only if a check is cited"


def _unknown_pull(d):
    line = set_cell(d, "drivers", _driver(d, "d-us-tilt"), "pull", "pushes away")
    enum = "['pulls closer', 'pulls closer, weakly', 'offered India alike', 'not shown', 'holds apart']"
    return line, "pull", f"constraint error: constraint \"enum\" is \"{enum}\" (value 'pushes away')"


CASES = [_words_not_in_quote, _unknown_also_claim, _unknown_check, _not_checked_but_a_check_is_cited,
         _checked_without_a_check, _support_the_checks_do_not_give, _support_two_checks_do_not_give,
         _support_weaker_than_the_checks,
         _a_note_without_a_check, _unknown_pull]


@pytest.mark.parametrize("corrupt", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_a_bad_driver_names_file_row_field_and_cause(data_copy, corrupt):
    line, field, words = corrupt(data_copy)
    messages = [str(p) for p in validate(data_copy)]
    assert f"data/drivers.csv:{line}: {field}: {words}" in messages, messages


@pytest.mark.parametrize(("verdicts", "support"), [
    ({"consistent"}, "bears it out"),
    ({"consistent", "no record found"}, "partly"),
    ({"partly consistent"}, "partly"),
    ({"not supported by the record", "no record found"}, "does not show it"),
    ({"inconsistent"}, "does not show it"),
    ({"not supported by the record", "inconsistent", "no record found"}, "does not show it"),  # every kind against
    ({"no record found"}, "no record found"),
    ({"consistent", "not supported by the record"}, "partly"),
])
def test_a_drivers_support_follows_from_its_checks_verdicts(verdicts, support):
    from mibook.validate import support_of

    assert support_of(verdicts) == support
