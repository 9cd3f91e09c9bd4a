"""Citation: CITATION.cff is valid CFF 1.2 and is the one source of the book's name; every page ends with
a "Cite this" box and carries Highwire meta tags; the landing page has schema.org JSON-LD; the copy
button works offline; `repository.url` turns the repository links on, and unset leaves none."""

import copy
import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml
from pybtex.database import parse_string
from pypdf import PdfWriter

from mibook import appendix, kit, metadata, paths
from tests.book import BUILD, build_or_fail, jupyter_book, same_bytes
from tests.browser import PageRecorder, serve

SCHEMA = Path(__file__).parent / "vendor" / "cff" / "schema-1.2.0.json"
CONFIG = paths.PROJECT_ROOT / "_config.yml"
CHAPTER = "chapters/trade"
REPOSITORY = "https://github.com/example-org/moscow-islamabad"


def _cff() -> dict:
    return yaml.safe_load((paths.PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _cff_errors(record: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")),
                                           format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(record)]


def test_citation_cff_is_valid_cff_1_2():
    assert _cff()["cff-version"] == "1.2.0"
    assert _cff_errors(_cff()) == []


@pytest.mark.parametrize("breakage", ["no authors", "bad licence", "unknown key"])
def test_the_schema_check_rejects_a_broken_record(breakage):
    record = copy.deepcopy(_cff())
    if breakage == "no authors":
        del record["authors"]
    elif breakage == "bad licence":
        record["license"] = "CC-BY-FOUR"
    else:
        record["publisher"] = "somebody"
    assert _cff_errors(record) != []


def test_config_title_and_author_agree_with_citation_cff():
    config, book = yaml.safe_load(CONFIG.read_text(encoding="utf-8")), metadata.book()
    assert config["title"] == book.title == _cff()["title"]
    assert config["author"] == ", ".join(book.authors)
    assert "team" not in config["author"].lower()


def test_bibtex_entries_parse_and_name_the_chapter():
    chapter = "Trade: a figure, a boost and the proposals"
    entry = parse_string(metadata.bibtex(chapter, "https://example.org/trade.html"), "bibtex").entries
    (key, record), = entry.items()
    assert key == metadata.bibtex_key(chapter) != metadata.bibtex_key()
    assert record.type == "incollection"
    assert record.fields["title"] == chapter
    assert record.fields["booktitle"].startswith(metadata.book().title.replace("–", "--"))
    assert record.fields["year"] == metadata.book().year
    assert record.fields["url"] == "https://example.org/trade.html"
    book_entry = parse_string(metadata.bibtex(), "bibtex").entries[metadata.bibtex_key()]
    assert book_entry.type == "book" and "booktitle" not in book_entry.fields
    assert book_entry.fields["title"] == metadata.full_title().replace("–", "--")


def test_citation_text_names_authors_year_chapter_and_version():
    book = metadata.book()
    text = metadata.citation("Energy", "https://example.org/energy.html")
    assert text.startswith(f"{book.authors[0]} ({book.year}). Energy. In {book.title}: ")
    assert f"version {book.version}" in text and text.endswith("https://example.org/energy.html")


def _book(**changes) -> metadata.Book:
    import dataclasses

    return dataclasses.replace(metadata.book(), **changes)


def test_the_whole_citation_text_of_the_book_and_of_a_chapter():
    book = _book(authors=("Moscow–Islamabad project",), publisher="Moscow–Islamabad project", version="1.2.0",
                 date="2026-12-05", title="Moscow–Islamabad")
    full = f"Moscow–Islamabad: {metadata.SUBTITLE} (version 1.2.0)"
    assert metadata.citation(meta=book) == f"Moscow–Islamabad project (2026). {full}."
    assert metadata.citation("Trade", "https://example.org/t.html", meta=book) == (
        f"Moscow–Islamabad project (2026). Trade. In {full}. https://example.org/t.html")


def test_the_citation_names_the_publisher_only_when_no_author_is_the_publisher():
    assert metadata.citation(meta=_book(publisher="CRSS Press")).endswith(". CRSS Press.")
    book = _book(authors=("A. Author", "B. Author"), publisher="B. Author")
    assert metadata.citation(meta=book).count("B. Author") == 1
    assert metadata.citation(meta=book).startswith("A. Author; B. Author (")


def test_people_are_named_given_names_first_and_groups_by_their_name():
    assert metadata._person({"given-names": "Syed", "family-names": "Bokhari"}) == "Syed Bokhari"
    assert metadata._person({"family-names": "Bokhari"}) == "Bokhari"
    assert metadata._person({"given-names": "Sitwat"}) == "Sitwat"
    assert metadata._person({"name": "Moscow–Islamabad project", "given-names": "x"}) == "Moscow–Islamabad project"


def test_bibtex_fields_carry_no_braces_of_their_own_and_dashes_as_two_hyphens():
    book = _book(title="Ties {and} }limits{ – 2019", authors=("Team {X}",), publisher="Team {X}")
    text = metadata.bibtex("Trade – {draft}", meta=book)
    (record,) = parse_string(text, "bibtex").entries.values()
    assert record.fields["title"] == "Trade -- (draft)"
    assert record.fields["booktitle"] == f"Ties (and) )limits( -- 2019: {metadata.SUBTITLE.replace('–', '--')}"
    assert record.fields["publisher"] == "Team (X)" and record.fields["note"] == f"Version {book.version}"
    assert "author = {{Team (X)}}" in text  # braced whole: a group, not a family name
    assert record.fields["date"] == book.date
    pair = metadata.bibtex(meta=_book(authors=("One Group", "Another Group")))
    assert "author = {{One Group} and {Another Group}}" in pair
    assert len(parse_string(pair, "bibtex").entries[metadata.bibtex_key()].persons["author"]) == 2


def test_the_book_record_is_read_once_and_cannot_be_changed_by_a_caller():
    import dataclasses

    assert metadata.book() is metadata.book()
    with pytest.raises(dataclasses.FrozenInstanceError):
        metadata.book().title = "Another title"
    cff = _cff()
    assert metadata.book().abstract == " ".join(cff["abstract"].split()) and "\n" not in metadata.book().abstract
    book = metadata.book()
    assert book.keywords == tuple(cff["keywords"]) and book.publisher == book.authors[0]


def test_licence_addresses_and_bibtex_keys():
    assert metadata.licence_url(_book(licence="CC-BY-4.0")) == "https://creativecommons.org/licenses/by/4.0/"
    assert metadata.licence_url(_book(licence="MIT")) == "https://spdx.org/licenses/MIT.html"
    book = _book(title="Moscow–Islamabad", date="2031-02-03")
    assert metadata.bibtex_key(meta=book) == "moscowislamabad2031"
    assert metadata.bibtex_key("Trade: a figure, a boost", meta=book) == "moscowislamabadtrade2031"
    assert metadata.bibtex_key("SCO:CPEC ties", meta=book) == "moscowislamabadsco2031"  # the word before the colon


def test_outside_a_repository_the_date_comes_from_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(365 * 86400 + 86399))
    assert metadata.last_commit_date(tmp_path) == "1971-01-01"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert metadata.last_commit_date(tmp_path) == "1970-01-01"
    work = tmp_path / "work"  # inside a repository, its last commit's date, whatever SOURCE_DATE_EPOCH says
    work.mkdir()
    git = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": "2031-02-03T04:05:06Z",
           "GIT_AUTHOR_DATE": "2031-02-03T04:05:06Z"}
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "x"], cwd=work, check=True, env={**os.environ, **git})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert metadata.last_commit_date(work) == "2031-02-03"


def test_a_work_without_a_publisher_is_attributed_with_an_empty_one(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{x2020,\n  author = {Doe, Jane},\n  title = {T},\n  year = {2020}\n}\n", encoding="utf-8")
    assert metadata.attribution("x2020", bib) == {"source_author": "Jane Doe", "source_year": "2020",
                                                  "source_publisher": ""}


def test_the_works_cited_come_from_citation_cff_and_references_bib():
    assert metadata.references() == _cff()["references"]
    assert metadata.attribution() == {"source_author": "Sitwat Waqar Bokhari", "source_year": "2019",
                                      "source_publisher": "Center for Research and Security Studies (CRSS)"}


# --- the built book -------------------------------------------------------------------------------


class _Head(HTMLParser):
    """The page's meta tags, JSON-LD records and the text of its "Cite this" box."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self.links: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name", "").startswith("citation_"):
            self.meta.append((attrs["name"], attrs.get("content", "")))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False


def _parse(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _book_pages(html_book: Path) -> dict[str, Path]:
    toc = yaml.safe_load((paths.PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return {doc: html_book / f"{doc}.html" for doc in docs}


def _title(page: Path) -> str:
    """The page's heading, as text."""
    return html.unescape(re.search(r'<h1>([^<]*)<a class="headerlink"', page.read_text(encoding="utf-8")).group(1))


@pytest.mark.book
def test_every_page_ends_with_a_cite_this_box_naming_its_chapter(html_book):
    for doc, page in _book_pages(html_book).items():
        text = page.read_text(encoding="utf-8")
        box = re.search(r'<section class="mibook-cite".*?</section>', text, re.S)
        assert box, f"{doc} has no Cite this box"
        after = text[box.end():text.index("</article>")]
        assert after.strip() == "", f"{doc}: the box is not the end of the page"
        chapter = None if doc == "index" else _title(page)
        assert metadata.citation(chapter) in html.unescape(box.group(0)), doc
        bibtex = re.search(r'<pre id="cite-bibtex"><code>(.*?)</code></pre>', box.group(0), re.S).group(1)
        entry = parse_string(html.unescape(bibtex), "bibtex").entries
        assert list(entry) == [metadata.bibtex_key(chapter)]


@pytest.mark.book
def test_the_re_run_line_calls_the_landing_page_a_page_and_a_chapter_a_chapter(html_book):
    for doc, page in _book_pages(html_book).items():
        rerun = re.search(r'<p class="mibook-rerun">(.*?):', page.read_text(encoding="utf-8"))
        if rerun:  # notebook pages only
            assert rerun.group(1) == ("Re-run this page" if doc == "index" else "Re-run this chapter"), doc
    assert re.search(r'class="mibook-rerun">Re-run this page:', (html_book / "index.html").read_text("utf-8"))


@pytest.mark.book
def test_every_page_has_highwire_citation_tags(html_book):
    book = metadata.book()
    for doc, page in _book_pages(html_book).items():
        tags = _parse(page).meta
        names = [name for name, _ in tags]
        assert ("citation_author", book.authors[0]) in tags, doc
        assert ("citation_publication_date", book.date.replace("-", "/")) in tags, doc
        title = dict(tags)["citation_title"]
        assert title == (metadata.full_title(book) if doc == "index" else _title(page)), doc
        assert "citation_pdf_url" not in names, f"{doc} names a PDF that was not built"


@pytest.mark.book
def test_every_page_names_the_pdf_once_one_is_built(book_copy):
    """With a PDF where `make pdf` leaves it, the next build copies it to downloads/ and every page's
    `citation_pdf_url` (and the landing page's JSON-LD) points there; without one, none do. Rebuilds a
    copy of the session's build (the shared one stays as it was built)."""
    output = book_copy
    book = output / "_build" / "html"
    pdf = output / "_build" / "latex" / "moscow-islamabad.pdf"
    pdf.parent.mkdir(parents=True)
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(pdf)
    build_or_fail(output=output)
    copy = book / "downloads" / pdf.name
    assert same_bytes(copy, pdf)
    for doc, page in _book_pages(book).items():
        url = dict(_parse(page).meta).get("citation_pdf_url")
        assert url and (page.parent / url).resolve() == copy.resolve(), doc
    graph = json.loads(_parse(book / "index.html").json_ld[0])["@graph"]
    assert graph[0]["encoding"]["contentUrl"] == "downloads/" + pdf.name
    pdf.unlink()
    build_or_fail(output=output)
    assert not (book / "downloads" / pdf.name).exists()
    assert "citation_pdf_url" not in (book / f"{CHAPTER}.html").read_text(encoding="utf-8")


@pytest.mark.book
def test_landing_page_json_ld_describes_the_book_the_article_and_the_data(html_book):
    records = _parse(html_book / "index.html").json_ld
    assert len(records) == 1
    graph = {node["@type"]: node for node in json.loads(records[0])["@graph"]}
    report, dataset = graph["Report"], graph["Dataset"]
    assert report["name"] == metadata.book().title and report["version"] == metadata.book().version
    article = report["citation"][0]
    assert article["@type"] == "ScholarlyArticle" and article["author"][0]["familyName"] == "Bokhari"
    downloads = {d["name"]: d for d in dataset["distribution"]}
    assert set(downloads) == {appendix.DATA_ZIP, kit.KIT_ZIP}
    for download in downloads.values():
        assert download["@type"] == "DataDownload"
        assert (html_book / download["contentUrl"]).is_file(), download["contentUrl"]
    assert _parse(html_book / f"{CHAPTER}.html").json_ld == []


@pytest.mark.book
def test_without_a_repository_no_page_links_one(html_book):
    for doc, page in _book_pages(html_book).items():
        text = page.read_text(encoding="utf-8")
        assert "git clone" not in text and "source-repository-button" not in text, doc
        assert not [link for link in _parse(page).links if "github.com" in link or "gitlab.com" in link], doc


@pytest.mark.browser
def test_copy_buttons_copy_the_citation_offline(browser, html_book):
    with serve(html_book) as base:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        recorder = PageRecorder(page, base)
        page.goto(f"{base}/{CHAPTER}.html")
        page.get_by_role("button", name="Copy citation").click()
        page.get_by_text("Copied.").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#cite-text").text_content().strip()
        assert copied.startswith(metadata.book().authors[0]) and "Trade" in copied
        page.get_by_role("button", name="Copy BibTeX").click()
        # poll the clipboard from here: `wait_for_function` treats a Promise as true at once, never awaiting it
        bibtex = page.locator("#cite-bibtex").text_content().strip()
        for _ in range(50):
            if (copied := page.evaluate("navigator.clipboard.readText()")) == bibtex:
                break
            page.wait_for_timeout(100)
        assert copied == bibtex and copied.startswith("@incollection")
        context.close()
        assert recorder.off_host() == [] and recorder.errors == []


@pytest.fixture(scope="module")
def repository_book(html_book, tmp_path_factory) -> Path:
    """The book built with `repository.url` set (a temporary copy of _config.yml), from the session
    build's execution cache; returns its html folder."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config["repository"]["url"] = REPOSITORY
    extensions = config["sphinx"]["local_extensions"]
    config["sphinx"]["local_extensions"] = {k: str(paths.PROJECT_ROOT / v) for k, v in extensions.items()}
    folder = tmp_path_factory.mktemp("repository")
    (folder / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copytree(BUILD / ".jupyter_cache", folder / "_build" / ".jupyter_cache")
    result = jupyter_book("--config", str(folder / "_config.yml"), output=folder)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "Executing notebook" not in result.stdout, "the cached execution was not reused"
    return folder / "_build" / "html"


@pytest.mark.book
def test_a_repository_url_turns_on_buttons_and_the_clone_command(repository_book):
    page = repository_book / f"{CHAPTER}.html"
    text, links = page.read_text(encoding="utf-8"), _parse(page).links
    assert REPOSITORY in links, "no repository button"
    assert any(link.startswith(f"{REPOSITORY}/blob/main/{CHAPTER}.md") for link in links), "no source button"
    assert any(link.startswith(f"{REPOSITORY}/issues/new") for link in links), "no issue button"
    rerun = re.search(r'<p class="mibook-rerun">.*?</p>', text, re.S).group(0)
    assert f"git clone {REPOSITORY}.git" in rerun and "make lab" in rerun and f"{CHAPTER}.md" in rerun


def test_chapter_keys_skip_a_leading_article_so_two_pages_never_share_one():
    keys = {metadata.bibtex_key(title) for title in ("The case weighed: what draws Moscow and Islamabad together",
                                                     "The source article", "Trade: one figure", "A page")}
    assert len(keys) == 4 and metadata.bibtex_key("The source article").endswith("source" + metadata.book().year)
    year = metadata.book().year
    assert metadata.bibtex_key("A page apart").endswith("page" + year)  # "a" and "an" are articles too
    assert metadata.bibtex_key("An outlook").endswith("outlook" + year)
    assert metadata.bibtex_key("A").endswith("a" + year)  # a title of articles only keeps them
