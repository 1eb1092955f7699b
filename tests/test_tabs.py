"""The page's tabs, its links and its charts' citations under AppTest; the addresses that leave the page as pure
functions."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.__main__ import main
from dashboard.screen import tabs
from tests.test_app import TABS, figure, runner

# Each chart's image is named as its CSV is (`border-<chart>_<filters>.csv`; the revisions by their month).
IMAGE_NAMES = {"chart-record": "border-cbp-monthly-latest_2022-04_to_2022-05_all-actors",
               "chart-revisions": "border-cbp-revisions_2022-05",  # the last month shown
               **{f"chart-{c}": f"border-{c}_2022-04_to_2022-05_all-actors"
                  for c in ("monthly-arrivals", "daily-arrivals", "enforcement", "events")}}
HEADERS = {"found": "What the dashboard found", "check": "Claim check: every article figure beside the record",
           "article": "Monthly arrivals",
           "cbp": "CBP's own encounter data", "sources": "Sources and quotes"}


@pytest.fixture
def app(data_dir, monkeypatch):
    return runner(data_dir, monkeypatch)


def test_the_tab_ids_are_the_pages_tabs():
    assert tabs.TABS == TABS


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_opens_from_its_link_and_runs_alone(app, tab):
    at = app(tab=tab)
    assert not at.exception
    headers = [h.value for h in at.header]
    assert headers[0] == HEADERS[tab]
    assert not set(HEADERS.values()) - {HEADERS[tab]} & set(headers)  # no other tab's section was made
    assert at.session_state[tabs.KEY] == tabs.label(tab, "en")
    assert at.query_params.get("tab") == (None if tab == "found" else tab)  # the first tab: a clean link


@pytest.mark.parametrize("stale", ["Claim check", "nope", "<b>x</b>", ""])
def test_a_tab_the_page_lacks_opens_the_first(app, stale):
    at = app(tab=stale)
    assert not at.exception and at.header[0].value == HEADERS["found"]


def test_switching_tabs_writes_the_id_and_a_language_switch_keeps_the_tab(app):
    at = app()
    at.session_state[tabs.KEY] = "Claim check"  # what the tab bar sends when clicked
    at.run()
    assert at.header[0].value == HEADERS["check"] and at.query_params["tab"] == "check"
    at.button_group(key="lang").set_value("es").run()
    assert at.session_state[tabs.KEY] == "Verificación" and at.header[0].value.startswith("Verificación")
    assert at.query_params["tab"] == "check"  # the same id, in either language


def test_switching_tabs_keeps_the_filters_a_link_gave(app):
    at = app(months=["2022-04", "2022-04"], actor="us-gov")
    at.session_state[tabs.KEY] = "The article's figures"
    at.run()
    assert at.select_slider(key="months").value == ("2022-04", "2022-04")
    assert at.query_params["months"] == ["2022-04", "2022-04"] and at.query_params["actor"] == "us-gov"
    assert [c.key for c in at.get("plotly_chart")] == ["chart-monthly-arrivals", "chart-daily-arrivals"]


def test_the_record_says_which_months_it_opens_on(app):
    at = app()
    record = next(c for c in at.get("plotly_chart") if c.key == "chart-record")
    shown = json.loads(record.proto.spec)["layout"]["xaxis"]["range"]
    assert [shown[0][:7], shown[1][:7]] == ["2021-03", "2022-07"]
    assert "The chart opens on Mar 2021 to Jul 2022, around the article's months" in record.proto.alt
    whole = app(months=["2021-10", "2022-09"])  # twelve months: all on screen, nothing to say
    assert "opens on" not in next(c for c in whole.get("plotly_chart") if c.key == "chart-record").proto.alt


def test_each_finding_links_to_its_figure_in_the_claim_check_with_the_view(app):
    at = app(months=["2022-03", "2022-05"], actor=["us-gov", "us-cbp"], lang="es")
    findings = next(m.value for m in at.markdown if "claim-f-2022-04-arrivals" in m.value)
    links = [line.rsplit("](", 1)[1].rstrip(")") for line in findings.splitlines()]
    assert len(links) >= 3
    for link in links:
        query, anchor = link.removeprefix("?").split("#")
        assert parse_qs(query) == {"months": ["2022-03", "2022-05"], "actor": ["us-gov", "us-cbp"], "lang": ["es"],
                                   "tab": ["check"]}
        assert anchor.startswith("claim-")
    check = app(**parse_qs(links[0].removeprefix("?").split("#")[0]))
    anchors = [h.proto.anchor for h in check.subheader]
    assert links[0].split("#")[1] in anchors  # the heading the link lands on


def test_a_link_from_before_the_tabs_opens_the_same_figures(app):
    old = app(months=["2022-04", "2022-04"], actor="us-gov")
    assert not old.exception and old.header[0].value == HEADERS["found"]
    assert old.select_slider(key="months").value == ("2022-04", "2022-04")
    text = " ".join(m.value for m in old.markdown).replace("\\", "")
    assert "[3]" in text and "[1]" not in text


def test_the_month_slider_and_revision_month_read_as_months_and_link_by_key(app):
    at = app(months=["2022-03", "2022-05"], rev="2022-04")
    slider = at.select_slider(key="months")
    assert slider.value == ("2022-03", "2022-05") and slider.format_func("2022-03") == "Mar 2022"
    assert at.selectbox(key="rev").value == "2022-04" and at.selectbox(key="rev").format_func("2022-04") == "Apr 2022"
    assert figure(at, "chart-revisions")["data"][0]["y"] == [234088, 235706, 235785]
    spanish = app(months=["2022-03", "2022-05"], lang="es")
    assert spanish.select_slider(key="months").format_func("2022-05") == "may 2022"
    at.select_slider(key="months").set_value(("2017-10", "2023-02")).run()
    assert "months" not in at.query_params  # the whole range: a clean link


@pytest.mark.parametrize(("tab", "lang", "source"), [
    ("found", "en", "Source: U.S. Customs and Border Protection: Southwest Land Border Encounters, as of "),
    ("article", "en", "Source: Mexico Business News, 2022-06-15"),
    ("article", "es", "Fuente: Mexico Business News, 2022-06-15"),
])
def test_every_chart_carries_its_filter_and_sources_and_saves_as_its_csv_is_named(app, tab, lang, source):
    at = app(tab=tab, lang=lang, months=["2022-04", "2022-05"])
    drawn = at.get("plotly_chart")
    assert drawn
    for chart in drawn:
        spec = json.loads(chart.proto.spec)
        citation = spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
        assert citation.startswith("Apr 2022 – May 2022; actors: all" if lang == "en" else "abr 2022 – may 2022")
        assert source in citation, citation
        name = json.loads(chart.proto.config)["toImageButtonOptions"]["filename"]
        assert name == IMAGE_NAMES[chart.key], (chart.key, name)


def test_the_image_format_is_the_readers_and_in_the_link(app):
    at = app(tab="article", img="SVG")
    assert {json.loads(c.proto.config)["toImageButtonOptions"]["format"] for c in at.get("plotly_chart")} == {"svg"}
    assert {json.loads(c.proto.config)["toImageButtonOptions"]["format"]
            for c in app(tab="article").get("plotly_chart")} == {"png"}


def test_every_chart_but_the_revisions_gives_its_embed_code(app, monkeypatch):
    monkeypatch.setenv("BORDER_PUBLIC_URL", "https://border.example.org/dash?x=1#y")
    at = app(tab="article", months=["2022-04", "2022-05"], lang="es")
    codes = [c.value for c in at.main.code]
    assert len(codes) == len(at.get("plotly_chart"))
    src = codes[0].split('src="')[1].split('"')[0].replace("&amp;", "&")
    assert src.startswith("https://border.example.org/dash?")
    assert parse_qs(urlsplit(src).query) == {"months": ["2022-04", "2022-05"], "lang": ["es"],
                                             "chart": ["monthly-arrivals"], "embed": ["true"]}
    share = [c.value for c in at.sidebar.code]
    assert share == ["https://border.example.org/dash?months=2022-04&months=2022-05&lang=es&tab=article"]


@pytest.mark.parametrize("chart", ["monthly-arrivals", "daily-arrivals", "enforcement", "events", "cbp-monthly"])
def test_a_chart_alone_draws_that_chart_and_nothing_else(app, chart):
    at = app(chart=chart, months=["2022-03", "2022-06"], lang="es")
    assert not at.exception
    drawn = at.get("plotly_chart")
    assert len(drawn) == 1 and drawn[0].key == f"chart-{chart}"
    assert not at.sidebar.children and not at.header and not at.get("tab") and not at.dataframe
    assert "mar 2022 – jun 2022" in json.loads(drawn[0].proto.spec)["layout"]["title"]["subtitle"]["text"]
    assert at.markdown[-1].value.startswith("[Abrir en el tablero de migración fronteriza](")


def test_a_chart_alone_says_when_it_is_unknown_or_empty(app):
    unknown = app(chart="<script>")
    assert not unknown.get("plotly_chart") and "monthly-arrivals" in unknown.info[0].value
    empty = app(chart="enforcement", months=["2022-03", "2022-03"])
    assert not empty.get("plotly_chart")
    assert empty.info[0].value.startswith("This chart has nothing to show in Mar 2022")


def test_export_refuses_a_base_url_that_is_not_http(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["export", str(tmp_path / "x.zip"), "--base-url", "javascript:alert(1)"])
    assert "'javascript:alert(1)' is not an http(s) address" in capsys.readouterr().err
