"""Bad input in the context tables (`sources`, `checks`): one fixture per rule. Each must name file, row
and field, exit 1 from the command line and print no traceback."""

import subprocess
import sys

import pytest

from mibook.validate import url_problem, validate
from tests.conftest import cell, read_rows, row_where, set_cell, write_rows


def _outside(d):
    return row_where(d, "sources", "kind", lambda v: v != "source-article")


def _unknown_claim(d):
    return ("checks.csv", set_cell(d, "checks", 0, "claim_id", "c-trade-99"), "claim_id")


def _unknown_source(d):
    return ("checks.csv", set_cell(d, "checks", 0, "source_ids", "s-nowhere-2019;s-nowhere-2020"), "source_ids")


def _only_the_article(d):
    return ("checks.csv", set_cell(d, "checks", 0, "source_ids", "s-bokhari-2019"), "source_ids")


def _no_record_with_a_source(d):
    i = row_where(d, "checks", "verdict", lambda v: v != "no record found")
    return ("checks.csv", set_cell(d, "checks", i, "verdict", "no record found"), "source_ids")


def _no_source(d):
    return ("checks.csv", set_cell(d, "checks", 0, "source_ids", ""), "source_ids")


def _unused_source(d):
    rows = read_rows(d / "sources.csv")
    rows.append(["s-extra-2019-01-01-unused", "Unused", "Nobody", "2019-01-01", "day", "https://example.org/x",
                 "news", "2026-11-29"])
    write_rows(d / "sources.csv", rows)
    return ("sources.csv", len(rows), "source_id")


def _other_scheme(d):
    return ("sources.csv", set_cell(d, "sources", _outside(d), "url", "ftp://example.org/page"), "url")


def _malformed_url(d):
    return ("sources.csv", set_cell(d, "sources", _outside(d), "url", "https://exa mple/page"), "url")


def _missing_url(d):
    return ("sources.csv", set_cell(d, "sources", _outside(d), "url", ""), "url")


def _impossible_date(d):
    return ("sources.csv", set_cell(d, "sources", _outside(d), "date_published", "2019-02-30"), "date_published")


def _published_after_consulted(d):
    return ("sources.csv", set_cell(d, "sources", _outside(d), "date_published", "2027-01-01"), "date_published")


def _verdict_outside_vocabulary(d):
    return ("checks.csv", set_cell(d, "checks", 0, "verdict", "true"), "verdict")


def _kind_outside_vocabulary(d):
    return ("sources.csv", set_cell(d, "sources", _outside(d), "kind", "blog"), "kind")


def _duplicate_check(d):
    return ("checks.csv", set_cell(d, "checks", 1, "check_id", cell(d, "checks", 0, "check_id")), "check_id")


def _a_claim_checked_twice(d):
    """Counts of checked claims count checks: a second check of one claim would count it twice."""
    return ("checks.csv", set_cell(d, "checks", 1, "claim_id", cell(d, "checks", 0, "claim_id")), "claim_id")


def test_a_claim_checked_twice_is_named_with_the_check_that_has_it(data_copy):
    line = set_cell(data_copy, "checks", 1, "claim_id", cell(data_copy, "checks", 0, "claim_id"))
    first, claim = cell(data_copy, "checks", 0, "check_id"), cell(data_copy, "checks", 0, "claim_id")
    assert (f"data/checks.csv:{line}: claim_id: {claim} is already checked by {first}: one check a claim "
            "(fold this one into it)") in [str(p) for p in validate(data_copy)]


def _check_theme_mismatch(d):
    i = row_where(d, "checks", "claim_id", lambda v: v.startswith("c-trade-"))
    return ("checks.csv", set_cell(d, "checks", i, "check_id", "k-energy-09"), "check_id")


def _not_supported_without_difference(d):
    i = row_where(d, "checks", "verdict", lambda v: v == "not supported by the record")
    return ("checks.csv", set_cell(d, "checks", i, "difference", ""), "difference")


def _inconsistent_without_difference(d):
    i = row_where(d, "checks", "verdict", lambda v: v == "consistent")
    return ("checks.csv", set_cell(d, "checks", i, "verdict", "inconsistent"), "difference")


def _partly_consistent_without_difference(d):
    i = row_where(d, "checks", "verdict", lambda v: v == "partly consistent")
    return ("checks.csv", set_cell(d, "checks", i, "difference", ""), "difference")


def _consistent_with_a_difference(d):
    i = row_where(d, "checks", "verdict", lambda v: v == "consistent")
    return ("checks.csv", set_cell(d, "checks", i, "difference", "shows another month"), "difference")


def _undated_with_a_date(d):
    i = row_where(d, "sources", "date_precision", lambda v: v == "undated")
    return ("sources.csv", set_cell(d, "sources", i, "date_published", "2018-12-28"), "date_published")


def _dated_without_a_date(d):
    i = row_where(d, "sources", "date_precision", lambda v: v == "day")
    return ("sources.csv", set_cell(d, "sources", i, "date_published", ""), "date_published")


def _published_in_the_future(d):
    i = _outside(d)
    set_cell(d, "sources", i, "date_consulted", "2999-01-02")
    return ("sources.csv", set_cell(d, "sources", i, "date_published", "2999-01-01"), "date_published")


def _consulted_in_the_future(d):
    return ("sources.csv", set_cell(d, "sources", _outside(d), "date_consulted", "2999-01-01"), "date_consulted")


def _event_unknown_source(d):
    return ("record_events.csv", set_cell(d, "record_events", 0, "source_ids", "s-nowhere-2019"), "source_ids")


def _event_cites_the_article(d):
    return ("record_events.csv", set_cell(d, "record_events", 0, "source_ids", "s-bokhari-2019"), "source_ids")


def _event_without_source(d):
    return ("record_events.csv", set_cell(d, "record_events", 0, "source_ids", ""), "source_ids")


def _event_unreal_date(d):
    return ("record_events.csv", set_cell(d, "record_events", 0, "date_start", "2019-02-30"), "date_start")


def _event_backwards(d):
    return ("record_events.csv", set_cell(d, "record_events", 0, "date_end", "2014-01-01"), "date_start")


def _event_after_its_source(d):
    """The Ufa decision moved to four days after Dawn, its one (dated) source, reported it."""
    i = row_where(d, "record_events", "record_event_id", lambda v: v == "rec-2015-07-ufa-decision")
    set_cell(d, "record_events", i, "date_end", "2015-07-14")
    return ("record_events.csv", set_cell(d, "record_events", i, "date_start", "2015-07-14"), "date_start")


def _event_month_not_whole(d):
    i = row_where(d, "record_events", "date_precision", lambda v: v == "month")
    return ("record_events.csv", set_cell(d, "record_events", i, "date_end", cell(d, "record_events", i, "date_start")),
            "date_end")


def _event_year_not_whole(d):
    return ("record_events.csv", set_cell(d, "record_events", 0, "date_precision", "year"), "date_end")


def _event_duplicate_id(d):
    return ("record_events.csv", set_cell(d, "record_events", 1, "record_event_id",
                                          cell(d, "record_events", 0, "record_event_id")), "record_event_id")


def _event_unknown_claim(d):
    return ("record_events.csv", set_cell(d, "record_events", 0, "claim_id", "c-trade-99"), "claim_id")


CASES = [_not_supported_without_difference, _inconsistent_without_difference, _partly_consistent_without_difference,
         _consistent_with_a_difference,
         _undated_with_a_date, _dated_without_a_date, _published_in_the_future,
         _consulted_in_the_future, _event_unknown_source, _event_cites_the_article, _event_without_source,
         _event_unreal_date, _event_backwards, _event_after_its_source, _event_month_not_whole,
         _event_year_not_whole, _event_duplicate_id,
         _event_unknown_claim,
         _unknown_claim, _unknown_source, _only_the_article, _no_record_with_a_source, _no_source, _unused_source,
         _other_scheme, _malformed_url, _missing_url, _impossible_date, _published_after_consulted,
         _verdict_outside_vocabulary, _kind_outside_vocabulary, _duplicate_check, _check_theme_mismatch,
         _a_claim_checked_twice]


@pytest.mark.parametrize("corrupt", CASES, ids=lambda f: f.__name__.strip("_"))
def test_bad_context_names_file_row_and_field(data_copy, corrupt):
    file, row, field = corrupt(data_copy)
    prefix = f"data/{file}:{row}: {field}: "
    messages = [str(p) for p in validate(data_copy)]
    assert any(m.startswith(prefix) for m in messages), messages
    result = subprocess.run([sys.executable, "-m", "mibook", "validate", str(data_copy)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert any(line.startswith(prefix) for line in result.stderr.splitlines()), result.stderr


@pytest.mark.parametrize("url", ["javascript:alert(1)", "mailto:x@example.org", "file:///etc/passwd",
                                 "https://", "http://localhost/x", "https://a b.org/"])
def test_url_problem_rejects(url):
    assert url_problem(url)


@pytest.mark.parametrize("url", ["https://www.dawn.com/news/1472338", "http://tass.com/defense/1026117"])
def test_url_problem_accepts(url):
    assert url_problem(url) is None


def test_a_no_record_check_names_the_article_only(data):
    checks = data["checks"]
    no_record = checks[checks.verdict.astype(str) == "no record found"]
    assert len(no_record) >= 1
    assert set(no_record.source_ids) == {"s-bokhari-2019"}


def test_the_article_may_have_no_address(data_copy):
    i = row_where(data_copy, "sources", "kind", lambda v: v == "source-article")
    assert cell(data_copy, "sources", i, "url").startswith("https://")
    set_cell(data_copy, "sources", i, "url", "")
    assert validate(data_copy) == []


def test_a_page_may_be_read_the_day_it_was_published(data_copy):
    i = _outside(data_copy)
    set_cell(data_copy, "sources", i, "date_published", cell(data_copy, "sources", i, "date_consulted"))
    assert validate(data_copy) == []


def test_every_outside_source_is_cited_by_a_check_or_a_record_event(data):
    cited = set(";".join([*data["checks"].source_ids, *data["record_events"].source_ids]).split(";"))
    sources = data["sources"]
    assert set(sources.source_id[sources.kind != "source-article"]) <= cited
    assert len(data["record_events"]) >= 12


def _article_url_malformed(d):
    """The article row needs no address, but one it gives must be well formed."""
    i = row_where(d, "sources", "kind", lambda v: v == "source-article")
    return ("sources.csv", set_cell(d, "sources", i, "url", "https://exa mple/article"), "url")


def _published_a_day_after_consulted(d):
    set_cell(d, "sources", _outside(d), "date_consulted", "2026-11-29")
    return ("sources.csv", set_cell(d, "sources", _outside(d), "date_published", "2026-11-30"), "date_published")


# Each case's whole message (after `data/<file>:<row>: <field>: `): a prefix check passes a wrong message.
MESSAGES = {
    "unknown_claim": 'foreignkey error: for "claim_id": values "c-trade-99" not found in the lookup table "claims" '
                     'as "claim_id"',
    "unknown_source": "no such source: s-nowhere-2019, s-nowhere-2020",
    "only_the_article": "names no outside source (the article cannot check itself)",
    "no_record_with_a_source": "a 'no record found' check cites no outside source: name the article only, and say "
                               "in the note what was searched",
    "no_source": 'constraint error: constraint "required" is "True"',
    "unused_source": "no check or record event uses this source",
    "other_scheme": "'ftp://example.org/page' is not an http or https address",
    "malformed_url": "'https://exa mple/page' is not a well-formed address",
    "missing_url": "an outside source needs its web address",
    "impossible_date": "type error: type is \"date/default\" (value '2019-02-30')",
    "published_after_consulted": "2027-01-01 is in the future",
    "verdict_outside_vocabulary": "constraint error: constraint \"enum\" is \"['consistent', 'partly consistent', "
                                  "'inconsistent', 'not supported by the record', 'no record found']\" (value 'true')",
    "kind_outside_vocabulary": "constraint error: constraint \"enum\" is \"['source-article', 'official', 'company', "
                               "'news', 'research']\" (value 'blog')",
    "duplicate_check": "unique error: the same as in the row at position 2 (value 'k-sco-cpec-01')",
    "check_theme_mismatch": "id names theme 'energy' but c-trade-01 is 'trade'",
    "a_claim_checked_twice": ("c-sco-cpec-03 is already checked by k-sco-cpec-01: one check a claim "
                              "(fold this one into it)"),
    "not_supported_without_difference": "a 'not supported by the record' check says what the records do not show",
    "inconsistent_without_difference": "an 'inconsistent' check says what the records show instead",
    "partly_consistent_without_difference": "a 'partly consistent' check says which part the record does not bear out",
    "event_after_its_source": "2015-07-14 is after its last source was published (2015-07-11)",
    "consistent_with_a_difference":
        "a 'consistent' check states no difference (one that differs is 'partly consistent')",
    "undated_with_a_date": "must be empty exactly when date_precision is 'undated'",
    "dated_without_a_date": "must be empty exactly when date_precision is 'undated'",
    "published_in_the_future": "2999-01-01 is in the future",
    "consulted_in_the_future": "2999-01-01 is in the future",
    "event_unknown_source": "no such outside source: s-nowhere-2019",
    "event_cites_the_article": "no such outside source: s-bokhari-2019",
    "event_without_source": 'constraint error: constraint "required" is "True"',
    "event_unreal_date": "type error: type is \"date/default\" (value '2019-02-30')",
    "event_backwards": "2014-11-20 is after date_end 2014-01-01",
    "event_month_not_whole": "precision 'month' needs the whole month: 2015-08-01 to 2015-08-31",
    "event_year_not_whole": "precision 'year' needs the whole year: 2014-01-01 to 2014-12-31",
    "event_duplicate_id": "unique error: the same as in the row at position 2 (value 'rec-2014-11-defence-agreement')",
    "event_unknown_claim": 'foreignkey error: for "claim_id": values "c-trade-99" not found in the lookup table '
                           '"claims" as "claim_id"',
    "article_url_malformed": "'https://exa mple/article' is not a well-formed address",
    "published_a_day_after_consulted": "2026-11-30 is after date_consulted 2026-11-29",
}


@pytest.mark.parametrize("corrupt", CASES + [_article_url_malformed, _published_a_day_after_consulted],
                         ids=lambda f: f.__name__.strip("_"))
def test_bad_context_gives_its_whole_message(data_copy, corrupt):
    file, row, field = corrupt(data_copy)
    expected = f"data/{file}:{row}: {field}: {MESSAGES[corrupt.__name__.strip('_')]}"
    assert expected in [str(p) for p in validate(data_copy)]


def test_a_page_read_or_published_today_is_not_in_the_future(data_copy):
    """"In the future" means after today: a source read today (as every new source is) and published today
    is valid on any day the tests run, not only on the day the data were last consulted."""
    today = __import__("datetime").date.today().isoformat()
    i = _outside(data_copy)
    set_cell(data_copy, "sources", i, "date_consulted", today)
    set_cell(data_copy, "sources", i, "date_published", today)
    assert validate(data_copy) == []
