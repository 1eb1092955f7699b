"""The export bundle and the static report: complete, valid, citation-carrying, honouring the filters."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from frictionless import validate

from dashboard.__main__ import main
from dashboard.data.filters import Filters
from dashboard.outputs import addresses, report
from dashboard.outputs import bundle as export
from tests.conftest import ALL_ACTORS, all_filters


def unzip(data: bytes, folder: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
        return {name: archive.read(name) for name in archive.namelist()}


def rows(files: dict[str, bytes], name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"))))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_bundle_is_a_valid_data_package(cur, tmp_path, lang):
    files = unzip(export.bundle(cur, all_filters(), lang), tmp_path)
    report_ = validate(tmp_path / "datapackage.json")
    assert report_.valid, report_.flatten(["type", "note", "resourcePath", "fieldName"])[:5]
    package = json.loads(files["datapackage.json"])
    described = {r["path"] for r in package["resources"]}
    assert described == {name for name in files if name.endswith(".csv")}
    for resource in package["resources"]:
        assert all(f["description"] and f["type"] for f in resource["schema"]["fields"])
        assert resource["sources"]
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    assert fields["cbp-monthly-latest"]["value"] == {
        "name": "value", "type": "integer", "unit": "encounters",
        "description": "CBP's Southwest Land Border encounters in the month (events, not people: someone encountered "
                       "twice counts twice), latest value"}
    assert fields["figures"]["unit"]["type"] == "string" and "unit" in fields["figures"]["value"]
    assert fields["claim-check"]["diff_known_pct"]["unit"] == "percent"
    licences = {lic["title"]: lic["name"] for lic in package["licenses"]}
    assert licences["© Mexico Business News; short quotes used for citation only"] == "other-closed"
    assert licences["Public domain (U.S. government work)"] == "other-pd"
    assert all(name == "other-closed" for title, name in licences.items() if title.startswith("©"))


def test_each_resource_names_the_sources_its_rows_come_from(cur, tmp_path):
    """CBP's series is read from CBP's page and, for May 2022's first value, CBP's release of 2022-06-15: no news
    report or NGO is a source of it. The article's tables come from the article alone."""
    package = json.loads(unzip(export.bundle(cur, all_filters()), tmp_path)["datapackage.json"])
    sources = {r["name"]: {s["path"] for s in r["sources"]} for r in package["resources"]}
    assert sources["cbp-monthly-latest"] == {
        "https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters",
        "https://www.cbp.gov/newsroom/national-media-release/cbp-releases-may-2022-monthly-operational-update"}
    article = {"https://mexicobusiness.news/policyandeconomy/news/new-migration-operation-launched-against-human-"
               "traffickers"}
    assert sources["monthly-arrivals"] == sources["figures"] == article
    assert len(sources["claim-check"]) == len(sources["sources"]) == len(package["sources"]) > 3


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_readme_names_every_file_of_the_bundle(cur, tmp_path, lang):
    files = unzip(export.bundle(cur, all_filters(), lang), tmp_path)
    readme = files["README.md"].decode()
    assert [name for name in files if name != "README.md" and f"`{name}`" not in readme] == []


def test_the_bundle_holds_exactly_the_filtered_rows_with_their_quotes(cur, tmp_path):
    files = unzip(export.bundle(cur, all_filters("2022-04", "2022-05", ["us-gov"])), tmp_path)
    monthly = rows(files, "monthly-arrivals.csv")
    assert [r["figure_id"] for r in monthly] == ["f-2022-04-arrivals", "f-2022-05-arrivals-derived"]
    assert monthly[0]["quote"] == "234,088 migrants arrived at the Mexico-US border in April 2022"
    assert monthly[1]["derivation"] == "f-2022-05-daily * 31"
    assert rows(files, "enforcement.csv") == [] and rows(files, "cbp-monthly-latest.csv") == []
    assert [r["actor_id"] for r in rows(files, "actors.csv")] == ["us-gov"]
    readme = files["README.md"].decode()
    assert "Apr 2022 – May 2022; actors: US government" in readme
    package = json.loads(files["datapackage.json"])
    assert "Apr 2022 – May 2022; actors: US government" in package["description"]
    every = unzip(export.bundle(cur, all_filters("2022-04", "2022-05"), "es"), tmp_path / "es")
    assert "abr 2022 – may 2022; actores: todos" in every["README.md"].decode()
    assert "Paloma Duran (2022-06-15). New Migration Operation Launched Against Human Traffickers" in readme


def test_the_bundle_cites_every_source_in_csl_json_and_bibtex(cur, tmp_path):
    files = unzip(export.bundle(cur, all_filters()), tmp_path)
    csl = {item["id"]: item for item in json.loads(files["citations.json"])}
    assert set(csl) == set(cur.execute("SELECT source_id FROM sources").df()["source_id"])
    assert {"mbn-2022-06-15", "cbp-swb-encounters", "nbc-2022-05-16", "cbp-2022-06-15"} <= set(csl)
    article = csl["mbn-2022-06-15"]
    assert article["author"] == [{"family": "Duran", "given": "Paloma"}]
    assert article["issued"] == {"date-parts": [[2022, 6, 15]]} and article["type"] == "article-newspaper"
    bib = files["citations.bib"].decode()
    assert re.search(r"@article\{mbn-2022-06-15,.*author = \{Duran, Paloma\}.*journal = \{Mexico Business News\}",
                     bib, re.S)
    assert "@misc{cbp-swb-encounters," in bib and bib.count("{") == bib.count("}")


def test_the_spanish_bundle_translates_labels_and_verdicts_not_quotes(cur, tmp_path):
    files = unzip(export.bundle(cur, all_filters(), "es"), tmp_path)
    figures = rows(files, "figures.csv")
    officials = next(r for r in figures if r["figure_id"] == "f-sting-officials")
    assert officials["value_text"] == "cientos"
    assert officials["quote"] == "deploying hundreds of officials in Latin America"
    verdicts = [r["verdict"] for r in rows(files, "claim-check.csv")]
    assert any(v.startswith("coincide con NBC News (a más tardar el 2022-05-17)") for v in verdicts)
    assert "Cómo citar" in files["README.md"].decode()
    publishers = {r["source_id"]: r["publisher"] for r in rows(files, "sources.csv")}
    assert publishers["cnn-retranslated"] == "CNN, retraducción automática"
    evidence = rows(files, "evidence.csv")
    assert "CNN, retraducción automática" in {r["source_publisher"] for r in evidence}
    summit = next(r for r in evidence if r["source_id"] == "theweek-2022-06-06")
    assert (summit["note"], summit["quote"][:18]) == ("Las fechas de la cumbre.", "The U.S. will host")


def test_report_is_one_self_contained_file(cur):
    html = report.report_html(cur, all_filters(), "en")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert not re.search(r"""<script[^>]+src=|<link[^>]+href=["']https?:""", html)  # nothing fetched
    assert html.count('<figure class="chart">') == 5
    assert "“deploying hundreds of officials in Latin America”" in html
    # a verdict opens a sentence, after who states the figure, in its paragraph as on the page, and in the table
    assert "<p>Stated by US government. Matches NBC News (by 2022-05-17): “just over 221,000”" in html
    assert "latest 222,574 (2022-10-22): this figure is 0.7% below it.</p>" in html
    assert "<td>Matches NBC News (by 2022-05-17): “just over 221,000”. At the article" in html
    assert "<p>This dashboard&#x27;s arithmetic, 0.1% below" in html and "<td>Matches NBC News" in html
    assert "234,088 migrants at the U.S.-Mexico border in April” — From a court document filed Monday" in html
    # and under the timeline, the evidence on the dated events, each led by its event's number
    events = html[html.index("<h3>Evidence on these events: 3 other sources, by event, newest first"):]
    assert events.index("<li>[9] <strong>Human Rights Watch</strong>") < events.index("<li>[10] <strong>The Week")
    assert "The stored excerpts do not hold the article&#x27;s" in events
    assert "https://www.nbcnews.com/politics/immigration/" in html  # the evidence, with its link
    # the claim check comes first, as on the page, its numbers written as the page writes them
    assert html.index("Claim vs record") < html.index("Monthly arrivals</h2>")
    assert "<td>222,144</td>" in html and "<td>222,574</td>" in html and "222144.0" not in html
    assert "<td>7,166</td>" in html and "7,165.9" not in html  # a daily rate as its verdict words it


def test_report_honours_the_filters_and_the_language(cur):
    html = report.report_html(cur, all_filters("2022-04", "2022-04", ["us-gov"]), "es")
    assert '<html lang="es">' in html and "Llegadas mensuales" in html
    assert "<td>derivada</td>" in html and "<td>True</td>" not in html  # the derived daily rate
    assert "” — De un documento judicial presentado el lunes 2022-05-16." in html  # evidence notes in Spanish
    assert "<p>Lo afirma: Gobierno de EE. UU. Coincide con NBC News" in html
    assert html.count('<figure class="chart">') == 2  # monthly and daily: nothing else in April for us-gov
    assert "No hay cifras oficiales en abr 2022; actores: Gobierno de EE. UU. Seleccione Oficina de Aduanas" in html
    assert "Filtro: abr 2022; actores: Gobierno de EE. UU. Generado el " in html


def test_export_and_report_commands_write_their_files(built_store, tmp_path, capsys):
    data = str(built_store.parent)
    assert main(["export", str(tmp_path / "b.zip"), "--data", data, "--from", "2022-03", "--to", "2022-06",
                 "--actor", "us-gov", "--lang", "es"]) == 0
    assert main(["report", str(tmp_path / "r.html"), "--data", data]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and (tmp_path / "r.html").stat().st_size > 1_000_000  # Plotly's JS is inside
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        assert "datapackage.json" in archive.namelist()


@pytest.mark.parametrize("options, message", [
    (["--from", "2022-13"], "--from '2022-13': not a month of the data"),
    (["--actor", "nobody"], "--actor 'nobody': not an actor id"),
    (["--from", "2022-06", "--to", "2022-03"], "--from 2022-06 is after --to 2022-03"),
])
def test_bad_options_name_the_option_and_write_nothing(built_store, tmp_path, capsys, options, message):
    out = tmp_path / "out" / "b.zip"
    assert main(["export", str(out), "--data", str(built_store.parent), *options]) == 1
    assert message in capsys.readouterr().err
    assert not out.parent.exists()


# --- the view's address: ClaimReview's url and the README's link ----------------------------------------------

@pytest.mark.parametrize(("given", "kept"), [
    ("https://x.org/a/?q=1#f", "https://x.org/a/"), ("http://x.org", "http://x.org/"), ("javascript:alert(1)", None),
    ("x.org", None), ("", None), (None, None), ("ftp://x.org/", None)])
def test_only_an_http_address_is_kept_and_without_its_query(given, kept):
    assert addresses.clean_address(given) == kept


def test_a_view_address_says_only_what_differs_from_the_whole_page():
    every = Filters("2022-03", "2022-05", ALL_ACTORS)
    assert addresses.view_address("https://x.org/", every, "en", ALL_ACTORS) == \
        "https://x.org/?months=2022-03&months=2022-05"
    some = Filters("2022-04", "2022-04", ("us-gov",))
    assert addresses.view_address("https://x.org/", some, "es", ALL_ACTORS, tab="check") == \
        "https://x.org/?months=2022-04&months=2022-04&actor=us-gov&lang=es&tab=check"
    assert addresses.view_address(None, some, "es", ALL_ACTORS) is None


def test_claimreview_items_point_at_their_figure_in_the_claim_check_when_the_address_is_known(cur):
    filters = Filters("2022-03", "2022-05", ALL_ACTORS)
    with zipfile.ZipFile(io.BytesIO(export.bundle(cur, filters, "en", base_url="https://x.org/border"))) as archive:
        reviews = json.loads(archive.read("claimreview.json"))
        readme = archive.read("README.md").decode()
    assert reviews and all(r["url"].startswith("https://x.org/border?months=2022-03&months=2022-05&tab=check#claim-")
                           for r in reviews)
    assert "This view online: https://x.org/border?months=2022-03&months=2022-05" in readme
    with zipfile.ZipFile(io.BytesIO(export.bundle(cur, filters, "en"))) as archive:
        assert not [r for r in json.loads(archive.read("claimreview.json")) if "url" in r]
        assert "was not told the dashboard's public address (`--base-url`)" in archive.read("README.md").decode()
