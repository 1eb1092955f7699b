"""The evidence store: quotes verbatim in the stored sources, rows validated like every file, ClaimReview."""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from datetime import UTC, datetime

import pytest

from dashboard.check import claimreview
from dashboard.data import store
from dashboard.data.cbp_import import shipped
from dashboard.data.curated import load_curated
from dashboard.data.validate import DataError
from dashboard.outputs import bundle as export
from dashboard.outputs import report
from dashboard.present import citations
from tests.conftest import PROJECT, SHARED, all_filters
from tests.test_data import normalise

EVIDENCE_DIR = SHARED / "sources" / "evidence"
CURATED = load_curated(PROJECT / "data")
URLS = {s["source_id"]: s["url"] for s in CURATED["sources"]}


def files_naming(url: str) -> list[str]:
    """The stored texts (not the folder's README) that name `url`, as their address or a copy they quote."""
    return [normalise(p.read_text(encoding="utf-8")) for p in EVIDENCE_DIR.glob("*.txt") if url in p.read_text("utf-8")]


@pytest.mark.parametrize("row", CURATED["evidence"], ids=lambda r: f"{r['figure_id']}:{r['source_id']}")
def test_evidence_quote_is_verbatim_in_a_stored_text_of_its_source(row):
    texts = files_naming(URLS[row["source_id"]])
    assert texts, f"no stored text names {URLS[row['source_id']]}"
    assert any(normalise(row["quote"]) in text for text in texts)


@pytest.mark.parametrize("row", CURATED["evidence"], ids=lambda r: f"{r['figure_id']}:{r['source_id']}")
def test_evidence_quote_is_short_and_its_value_is_in_it(row):
    assert len(row["quote"]) <= 200
    if row["value"] is not None and row["compares"]:
        digits = row["value_text"].replace(",", "").replace(" mil", "000")
        assert any(ch.isdigit() for ch in digits)


def test_every_checked_figure_has_evidence_and_every_source_is_used():
    used = {r["source_id"] for r in CURATED["evidence"]} | {r["source_id"] for r in CURATED["figures"]} | {
        r["source_id"] for r in CURATED["official_observations"]} | {
        dated.source_id for dated in shipped(PROJECT / "data").values()}
    assert used == set(URLS)
    checked = {f["figure_id"] for f in CURATED["figures"] if not f["is_derived"] and f["metric"] != "event"}
    assert checked <= {r["figure_id"] for r in CURATED["evidence"]}


def test_cbp_record_is_the_official_reference_plus_cbp_releases_that_state_their_value():
    """Every value of CBP's record in data/ is a row of ../shared/reference (same month, day seen, value, and the
    copy it was read in), or a CBP release whose stored text states it; no reference row is left out. A copy's
    first value for a month is a revision when a release gave the month earlier."""
    with (SHARED / "reference" / "cbp_southwest_encounters_vintages.csv").open(encoding="utf-8") as f:
        reference = list(csv.DictReader(f))
    ours = {(str(o["month"])[:7], str(o["observed_on"])): o for o in CURATED["official_observations"]}
    released = {key[0]: key[1] for key, o in ours.items() if o["vintage"] == "first_release"}
    for row in reference:
        o = ours.pop((row["month"], row["observed_on"]))
        assert (int(o["value"]), o["source_id"], o["observed_in"]) == (
            int(row["value"]), "cbp-swb-encounters",
            f"emersoncollective/data-repo-mvp@{row['copy_commit']}:{row['copy_file']}"), row
        earlier = released.get(row["month"], "9999") < row["observed_on"]
        assert o["vintage"] == ("revision" if earlier else row["vintage"]), row
    assert ours, "the CBP release of May 2022 (239,416), which the dated copies missed, is in the record"
    for o in ours.values():
        assert o["vintage"] == "first_release" and URLS[o["source_id"]].startswith("https://www.cbp.gov/"), o
        assert any(f"{int(o['value']):,}" in text for text in files_naming(URLS[o["source_id"]])), o


EVIDENCE_DAMAGE = [
    ("relation", "supports", "relation"),
    ("source_id", "mbn-2022-06-15", "source_id"),  # the article is not evidence for itself
    ("unit", "", "unit"),  # a value needs its unit
    ("compares", "maybe", "compares"),
    ("period_end", "2022-02-01", "period_end"),  # before period_start
    ("figure_id", "f-nope", "figure_id"),
]


@pytest.mark.parametrize(("field", "value", "named"), EVIDENCE_DAMAGE)
def test_bad_evidence_names_file_row_and_field_and_keeps_the_store(edit_csv, data_dir, field, value, named):
    store.build(data_dir)
    before = store.default_store(data_dir).resolve()

    def damage(rows):
        rows[0][field] = value
    edit_csv("evidence", damage)
    with pytest.raises(DataError) as err:
        store.build(data_dir)
    assert (err.value.file, err.value.row, err.value.field) == ("evidence.csv", 2, named)
    assert store.default_store(data_dir).resolve() == before


def test_compares_needs_a_value_in_a_comparable_unit(edit_csv, data_dir):
    def damage(rows):
        rows[0]["unit"] = "unique individuals (nationwide)"  # beside "people": not the same quantity
    edit_csv("evidence", damage)
    with pytest.raises(DataError, match="cannot be compared") as err:
        load_curated(data_dir)
    assert (err.value.row, err.value.field) == (2, "unit")


@pytest.mark.parametrize(("published", "precision"), [("2022-06-15", "minute"), ("2022-06-15T12:04", "minute"),
                                                      ("2022-06-15T12:04-05:00", "day"), ("", "day")])
def test_a_source_date_must_fit_its_precision(edit_csv, data_dir, published, precision):
    def damage(rows):
        rows[0]["published"], rows[0]["precision"] = published, precision
    edit_csv("sources", damage)
    with pytest.raises(DataError) as err:
        load_curated(data_dir)
    assert (err.value.file, err.value.row) == ("sources.csv", 2)
    assert err.value.field in ("published", "precision")


@pytest.mark.parametrize(("figure", "stated_by"), [("f-2022-04-arrivals", ""), ("f-2022-05-arrivals-derived",
                                                                                  "us-gov")])
def test_stated_by_is_empty_exactly_for_derived_figures(edit_csv, data_dir, figure, stated_by):
    def damage(rows):
        next(r for r in rows if r["figure_id"] == figure)["stated_by"] = stated_by
    edit_csv("figures", damage)
    with pytest.raises(DataError, match="stated_by") as err:
        load_curated(data_dir)
    assert err.value.field == "stated_by"


# --- ClaimReview -----------------------------------------------------------------------------------------------

def offline_loader(url, options=None):
    """JSON-LD's document loader with no network: schema.org's context maps every term into its vocabulary."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


REQUIRED = ("claimReviewed", "reviewRating", "author", "datePublished", "itemReviewed")


def check_reviews(items: list[dict]) -> list[dict]:
    """Parse as JSON-LD and return the expanded ClaimReview nodes, checking the required properties."""
    from pyld import jsonld
    expanded = jsonld.expand(copy.deepcopy(items), {"documentLoader": offline_loader})
    reviews = [node for node in expanded if "https://schema.org/ClaimReview" in node.get("@type", [])]
    assert len(reviews) == len(items)
    for node in reviews:
        for key in REQUIRED:
            assert f"https://schema.org/{key}" in node, key
        rating = node["https://schema.org/reviewRating"][0]
        assert rating["https://schema.org/alternateName"][0]["@value"]
        claim = node["https://schema.org/itemReviewed"][0]
        assert "https://schema.org/Claim" in claim["@type"]
        assert "https://schema.org/appearance" in claim and "https://schema.org/firstAppearance" in claim
    return reviews


def test_claimreview_json_in_the_bundle_is_valid_json_ld(cur, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(export.bundle(cur, all_filters("2017-10", "2023-02"))))
    items = json.loads(archive.read("claimreview.json"))
    check_reviews(items)
    by_claim = {i["claimReviewed"]: i for i in items}
    may = by_claim["In May, 7,400 migrants arrived in the US each day"]
    assert may["reviewRating"]["alternateName"] == "Misread: a value for a shorter period"
    assert may["reviewRating"]["ratingValue"] == 2
    assert may["reviewBody"].startswith("Stated by Mexico Business News. Misreads NBC News (by 2022-05-17): “just over "
                                        "7,400 migrants a day” is for 2022-05-09 to 2022-05-15 only")
    assert may["reviewBody"].endswith("latest 241,136 over 31 days = 7,779 a day (2022-10-22): this figure is 4.9% "
                                      "below it.")
    assert may["itemReviewed"]["appearance"]["url"].startswith("https://mexicobusiness.news/")
    assert any(c["url"].startswith("https://www.nbcnews.com/") for c in may["citation"])
    # derived figures are this dashboard's arithmetic, not claims: one review per checked article figure
    claim_rows = list(csv.DictReader(io.StringIO(archive.read("claim-check.csv").decode())))
    assert len(items) == sum(r["verdict_code"] not in ("derived", "unchecked") for r in claim_rows) == 9


def test_the_report_embeds_the_same_claimreview_and_extruct_reads_it(cur):
    import extruct
    html = report.report_html(cur, all_filters("2017-10", "2023-02"))
    data = extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]
    items = [item for block in data for item in (block if isinstance(block, list) else [block])]
    check_reviews(items)
    assert {i["claimReviewed"] for i in items} >= {"234,088 migrants arrived at the Mexico-US border in April 2022"}


def test_json_ld_text_cannot_close_its_script_element():
    row = {"quote": "</script><script>alert(1)</script>", "verdict_code": "matches", "verdict": "x",
           "figure_id": "f", "is_derived": False, "stated_by_name": "</script>"}
    import pandas as pd
    article = pd.Series({"title": "t", "url": "https://example.org/a", "publisher": "p", "author": "a",
                         "published": "2022-06-15"})
    tag = claimreview.script_tag([claimreview.review(pd.Series(row), pd.DataFrame(columns=["source_title",
                                  "source_url", "source_publisher"]), article, datetime.now(UTC), "en")])
    assert tag.count("</script>") == 1 and "alert(1)" in tag


# --- CSV hygiene -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(cell):
    import pandas as pd
    out = citations.csv_bytes(pd.DataFrame({"quote": [cell, "plain"], "value": [-1.5, 2]})).decode()
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert parsed[0]["quote"] == "'" + cell and parsed[1]["quote"] == "plain"
    assert parsed[0]["value"] == "-1.5"  # numbers stay numbers
