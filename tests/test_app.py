"""The Streamlit script under AppTest: default view, URL filters, empty and invalid filters."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import store
from dashboard.words import i18n
from tests.conftest import ALL_ACTORS, PROJECT

APP = str(PROJECT / "dashboard" / "app.py")


def runner(data_dir, monkeypatch, timeout: float = 60):
    """run(**query): the app run once against `data_dir`, with the given URL query."""
    monkeypatch.setenv(store.DATA_ENV, str(data_dir))

    def run(**query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=timeout)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()
    return run


@pytest.fixture
def app(data_dir, monkeypatch):
    """Run the app against a temp copy of the data, with the given URL query."""
    return runner(data_dir, monkeypatch)


ARTICLE_CHARTS = {"chart-monthly-arrivals", "chart-daily-arrivals", "chart-enforcement", "chart-events"}


def charts(at: AppTest) -> list:
    """The article's charts (the claim-vs-record section is checked on its own)."""
    return [c for c in at.get("plotly_chart") if c.key in ARTICLE_CHARTS]


def decode(array):
    """Plotly sends numbers as base64 typed arrays: give them back as a list."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


def figure(at: AppTest, key: str) -> dict:
    """A chart's Plotly JSON, with typed arrays decoded."""
    spec = json.loads(next(c for c in at.get("plotly_chart") if c.key == key).proto.spec)
    for trace in spec["data"]:
        for field in ("x", "y"):
            trace[field] = decode(trace.get(field))
    return spec


TABS = ("found", "check", "article", "cbp", "sources")


def every_tab(app, **query) -> list[AppTest]:
    """The app run once per tab with the same query: what a reader sees who opens each tab in turn."""
    return [app(tab=tab, **query) for tab in TABS]


def infos(at: AppTest) -> list[str]:
    """Info messages, less the one that says how to import CBP's encounter data."""
    return [i.value for i in at.info if "import-cbp" not in i.value]


PANEL_LINE = re.compile(r"^\*\*\\\[\d+\\\]\*\* “")


def panel_quotes(at: AppTest) -> list[str]:
    """The cited-source panel's lines: '**[n]** “quote” — ...'."""
    return [m.value for m in at.markdown if PANEL_LINE.match(m.value)]


def table_refs(at: AppTest) -> list[list[int]]:
    """Refs of the article chart tables (not the claim table, which has a Verdict column)."""
    return [list(df.value["Ref"]) for df in at.dataframe if "Ref" in df.value and "Verdict" not in df.value]


def test_default_view_shows_every_chart_and_figure(app):
    found, check, at, cbp, sources = every_tab(app)
    assert not any(tab.exception for tab in (found, check, at, cbp, sources))
    assert len(charts(at)) == 4
    assert len(at.get("download_button")) == 4 + 2  # the four tables; bundle and report, in the sidebar
    assert len(found.get("download_button")) == 2 + 2  # official series, revisions
    assert len(check.get("download_button")) == 1 + 2  # the claim check
    assert sum(len(refs) for refs in table_refs(at)) == 15
    assert {m.value.replace("\\", "") for m in at.metric} == {"600 percent", "US$50 million", "hundreds"}
    assert at.select_slider(key="months").value == ("2017-10", "2023-02")
    assert not charts(found) and not charts(check) and not charts(sources)  # only the open tab is drawn


def test_url_filter_shows_only_us_gov_april(app):
    at = app(months=["2022-04", "2022-04"], actor=["us-gov"], tab="article")
    assert not at.exception
    assert at.multiselect(key="actor").value == ["us-gov"]
    assert table_refs(at) == [[3], [4]]
    assert len(charts(at)) == 2
    assert len(infos(at)) == 2  # enforcement and events say they are empty
    assert len(infos(app(months=["2022-04", "2022-04"], actor=["us-gov"]))) == 1  # and the official series
    at = app(months=["2022-04", "2022-04"], actor=["us-gov"], tab="sources")
    assert len(panel_quotes(at)) == 2
    # the derived daily rate names the figure it comes from by its number beside it
    assert panel_quotes(at)[1].replace("\\", "").endswith("; worked out by this dashboard) — *derived: [3] / 30*")
    assert panel_quotes(at)[0].replace("\\", "").endswith("; stated by US government)")


def test_empty_result_says_so_in_words(app):
    tabs = every_tab(app, actor=["hrw"], months=["2022-03", "2022-04"])
    assert not any(at.exception for at in tabs)
    assert not [c for at in tabs for c in at.get("plotly_chart")]
    said = [i for at in tabs for i in infos(at)]
    assert len(said) == 7  # findings, official series; claim check; four article charts (no CBP rows imported)
    assert all("No " in i for i in said)


@pytest.mark.parametrize("query", [
    {"months": ["banana", "2022-13"], "actor": ["nobody"]},
    {"months": ["2022-05", "2022-03"]},
    {"months": ["2022-04"]},
    {"actor": ["us-gov' OR '1'='1"]},
    {"months": ["<script>alert(1)</script>"], "actor": ["x" * 10_000]},
])
def test_invalid_url_values_never_raise(app, query):
    at = app(tab="article", **query)
    assert not at.exception
    first, last = at.select_slider(key="months").value
    assert first <= last
    assert charts(at) or at.info


def test_reversed_months_are_put_in_order(app):
    at = app(months=["2022-05", "2022-03"])
    assert at.select_slider(key="months").value in {("2022-03", "2022-05"), ("2017-10", "2023-02")}


def test_changing_a_filter_redraws(app):
    at = app(tab="article")
    at.multiselect(key="actor").set_value(["mx-inm"]).run()
    assert not at.exception
    assert table_refs(at) == [[14]]


def test_broken_data_with_no_store_shows_an_error_not_a_traceback(app, data_dir):
    path = data_dir / "actors.csv"
    path.write_text(path.read_text().replace("us-gov,", "US GOV,"))
    at = app()
    assert not at.exception
    assert "actors.csv, row" in at.error[0].value.replace("\\", "")


def test_broken_data_keeps_serving_the_last_build(app, data_dir):
    store.build(data_dir)
    path = data_dir / "figures.csv"
    path.write_text(path.read_text().replace("234088,", "-1,", 1))
    at = app(tab="article")
    assert not at.exception
    assert "figures.csv, row 3, field 'value'" in at.warning[0].value.replace("\\", "")
    assert len(charts(at)) == 4


def record_value(at: AppTest, month: str) -> float:
    line = figure(at, "chart-record")["data"][0]
    return dict(zip([str(x)[:7] for x in line["x"]], line["y"], strict=True))[month]


def test_record_switch_moves_march_to_its_value_on_the_article_date(app):
    at = app()
    assert record_value(at, "2022-03") == 222574
    at.button_group(key="record").set_value("2022-06-15").run()
    assert not at.exception
    assert record_value(at, "2022-03") == 222144
    assert "2022-05" not in [str(x)[:7] for x in figure(at, "chart-record")["data"][0]["x"]]  # not yet public


def test_record_switch_from_the_url_shows_what_was_public_at_the_article_minute(app):
    at = app(record="2022-06-15")
    assert record_value(at, "2022-03") == 222144
    months = [str(x)[:7] for x in figure(at, "chart-record")["data"][0]["x"]]
    assert months[-1] == "2022-04"  # CBP's May release is dated the article's day with no time: not yet known


def test_article_points_sit_on_the_record_chart(app):
    markers = [t for t in figure(app(), "chart-record")["data"] if t["name"].startswith("Article")]
    values = sorted(v for t in markers for v in t["y"])
    assert values == [221000, 229400, 234088]
    assert {t["marker"]["symbol"] for t in markers} == {"diamond", "diamond-open"}


def test_fiscal_year_grouping(app):
    at = app(fy="true")
    fig = figure(at, "chart-record")
    assert "fiscal year" in fig["layout"]["title"]["text"]
    assert dict(zip(fig["data"][0]["x"], fig["data"][0]["y"], strict=True))["FY2022"] == 2378944


def test_claim_table_gives_verdicts_for_march_april_may(app):
    at = app(tab="check")
    claims = next(df.value for df in at.dataframe if "Verdict" in df.value).set_index("Ref")
    assert claims.loc[1, "Verdict"].startswith("Matches NBC News (by 2022-05-17): “just over 221,000”. At the "
                                               "article's minute CBP's record said 222,144")
    assert claims.loc[3, "Check"] == "✓ Matches its source"
    assert claims.loc[8, "Check"] == "⚠ Misread: a value for a shorter period"
    assert "“just over 7,400 migrants a day” is for 2022-05-09 to 2022-05-15 only" in claims.loc[8, "Verdict"]
    assert claims.loc[7, "Stated by"] == "This dashboard (arithmetic)"
    assert claims.loc[1, "Verdict"].endswith("(2022-10-22): this figure is 0.7% below it.")
    assert all(v.endswith(".") and not v.endswith("..") for v in claims["Verdict"])


def test_each_verdict_reads_as_a_sentence(app):
    at = app(months=["2022-03", "2022-03"], tab="check")
    texts = [m.value.replace("\\", "") for m in at.markdown]
    verdicts = [text for text in texts if "At the article's minute" in text]
    assert verdicts[0].startswith("Stated by US government. Matches NBC News (by 2022-05-17)")
    assert verdicts[0].endswith("latest 222,574 (2022-10-22): this figure is 0.7% below it.")
    assert verdicts[1].endswith("over 31 days = 7,180 a day (2022-10-22): this figure is 0.7% below it.")
    assert verdicts[1].startswith("This dashboard's arithmetic, 0.1% below CBP's record")
    es = [m.value.replace("\\", "") for m in app(months=["2022-03", "2022-03"], lang="es", tab="check").markdown]
    assert [text for text in es if text.startswith("Lo afirma: Gobierno de EE. UU. Coincide con NBC News")]
    assert [text for text in es if text.startswith("Cálculo de este tablero, 0.1% por debajo")]


def test_the_timeline_carries_the_evidence_on_its_events(app):
    at = app(tab="article")
    evidence = next(e for e in at.expander if e.label.startswith("Evidence on these events"))
    assert evidence.label == "Evidence on these events: 3 other sources, by event, newest first"
    lines = evidence.markdown[0].value.replace("\\", "").split("\n")
    assert [line.split("]")[0] for line in lines] == ["- **[9", "- **[10", "- **[10"]
    assert lines[0].startswith("- **[9]** **Human Rights Watch**") and "do not hold the article's" in lines[0]
    # with no event in the months shown, no evidence on events either
    march = app(months=["2022-03", "2022-04"], tab="article")
    assert not [e for e in march.expander if e.label.startswith("Evidence on these events")]


def test_counts_of_one_read_in_the_singular(app):
    """HRW alone: one figure, one event, one source on it; one month: the record's one month."""
    at = app(months=["2022-03", "2022-06"], actor=["hrw"], tab="article")
    labels = [e.label for e in at.expander]
    assert "Evidence on these events: 1 other source" in labels
    sources = app(months=["2022-03", "2022-06"], actor=["hrw"], tab="sources")
    captions = [c.value.replace("\\", "") for c in sources.caption]
    assert "1 figure shown; the number in brackets is the same in charts and tables." in captions
    es = app(months=["2022-03", "2022-06"], actor=["hrw"], lang="es", tab="article")
    assert "Evidencia sobre estos eventos: 1 fuente más" in [e.label for e in es.expander]
    es = app(months=["2022-03", "2022-06"], actor=["hrw"], lang="es", tab="sources")
    assert "1 cifra mostrada" in " ".join(c.value for c in es.caption)
    one = app(months=["2022-04", "2022-04"])
    assert "Data: 1 month of CBP's record, latest values" in [e.label for e in one.expander]
    assert "(1 month)" in one.get("plotly_chart")[0].proto.alt
    assert "15 figures shown; the number in brackets" in " ".join(c.value for c in app(tab="sources").caption)


def test_claim_table_shows_daily_rates_as_its_verdicts_word_them(app):
    claims = next(df.value for df in app(tab="check").dataframe if "Verdict" in df.value).set_index("Ref")
    daily = claims[claims["Figure"] == "“Arrivals” per day"]
    assert len(daily) == 3
    for _, row in daily.iterrows():
        for column in ("CBP at the article's minute", "CBP latest"):
            if row[column] != "—":
                assert f"= {row[column]} a day" in row["Verdict"], (column, row[column])
    assert daily.loc[2, "CBP at the article's minute"] == "7,166"


def test_revision_history_follows_the_chosen_month(app):
    at = app(rev="2022-04")
    assert figure(at, "chart-revisions")["data"][0]["y"] == [234088, 235706, 235785]


def test_without_cbp_the_official_series_says_so(app):
    at = app(actor=["us-gov"])
    assert not at.exception
    assert "No official figures in Oct 2017 – Feb 2023; actors: US government. Select U.S. Customs and Border "\
        "Protection and widen the months." in [i.value.replace("\\", "") for i in at.info]
    assert "actores: Gobierno de EE. UU. Seleccione Oficina de Aduanas y Protección Fronteriza de EE. UU. (CBP) y" \
        in " ".join(i.value.replace("\\", "") for i in app(actor=["us-gov"], lang="es").info)
    assert "chart-record" not in [c.key for c in at.get("plotly_chart")]


def test_without_imported_data_the_app_says_how_to_import(app):
    at = app(tab="cbp")
    assert any("import-cbp" in i.value for i in at.info)


def test_imported_encounters_are_charted_and_filtered(app, data_dir):
    from bench import synthetic
    from dashboard.data import cbp_import as encounters
    encounters.import_files([synthetic.write(data_dir / "cbp.csv", rows=3_000)], data_dir, progress=False)
    at = app(by="citizenship", enc_region=["Southwest Land Border"], months=["2021-10", "2022-09"], tab="cbp")
    assert not at.exception
    keys = [c.key for c in at.get("plotly_chart")]
    assert "chart-encounters" in keys and "chart-southwest" in keys
    totals = next(df.value for df in at.dataframe if "category" in df.value and "fiscal year" in df.value)
    assert set(totals["fiscal year"]) == {2022}
    assert {str(m)[:7] for m in totals["month"]} <= {f"2021-{m}" for m in ("10", "11", "12")} | {
        f"2022-{m:02d}" for m in range(1, 10)}
    assert "MEXICO" in set(totals["category"])
    southwest = next(df.value for df in at.dataframe if "imported total" in df.value)
    by_month = {str(m)[:7]: row for m, row in zip(southwest["month"], southwest.to_dict("records"), strict=True)}
    assert by_month["2022-03"]["CBP published (latest)"] == "222,574"  # written as the page writes numbers
    imported = [v for v in southwest["imported total"] if v != "—"]
    assert imported and all(isinstance(v, str) and v.replace(",", "").isdigit() for v in imported)
    assert "None" not in southwest.to_string() and "<NA>" not in southwest.to_string()
    spanish = app(by="citizenship", months=["2021-10", "2022-09"], lang="es", tab="cbp")
    assert not spanish.exception and not {f for f in english_fragments() if f in page_text(spanish)}
    assert any("categoría" in df.value for df in spanish.dataframe)


def test_the_grouping_of_imported_data_is_shown_by_name_and_linked_by_id(app, data_dir):
    from bench import synthetic
    from dashboard.data import cbp_import as encounters
    encounters.import_files([synthetic.write(data_dir / "cbp.csv", rows=2_000)], data_dir, progress=False)
    spanish = app(by="citizenship", lang="es", tab="cbp")
    by = spanish.selectbox(key="by")
    assert by.options == ["Región", "Componente", "Grupo demográfico", "Ciudadanía"] and by.value == "citizenship"
    # an empty filter says what to do in the page's language, not Streamlit's English "Choose options"
    assert {w.proto.placeholder for w in spanish.get("multiselect")} == {"Elija opciones"}
    assert {w.proto.placeholder for w in spanish.get("selectbox")} == {"Elija una opción"}
    assert next(c for c in spanish.get("plotly_chart") if c.key == "chart-encounters").proto.alt.startswith(
        "Gráfica de barras apiladas de los encuentros de la CBP importados por mes y ciudadanía")
    english = app(tab="cbp")
    assert english.selectbox(key="by").options == ["Region", "Component", "Demographic", "Citizenship"]
    english.selectbox(key="by").set_value("component").run()
    assert english.query_params["by"] == "component"  # the id, whatever the language
    english.selectbox(key="by").set_value("region").run()
    assert "by" not in english.query_params  # the default: a clean link
    for stale in ("Ciudadanía", "<b>x</b>"):
        assert app(by=stale, tab="cbp").selectbox(key="by").value == "region"


def test_every_chart_has_a_text_description_for_screen_readers(app):
    at = app(tab="article")
    for chart in at.get("plotly_chart") + app().get("plotly_chart"):
        if chart.key in ARTICLE_CHARTS | {"chart-record"}:
            assert len(chart.proto.alt) > 40, chart.key
    monthly = next(c for c in at.get("plotly_chart") if c.key == "chart-monthly-arrivals")
    assert "Highest 234,088 in Apr 2022" in monthly.proto.alt
    assert any("Highest 234,088 in Apr 2022" in c.value.replace("\\", "") for c in at.caption)


def page_text(at: AppTest) -> str:
    """Everything a reader sees as text, less the quotes (which stay in English) and source titles."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning")
             for e in getattr(at, kind)]
    widgets = at.get("select_slider") + at.get("multiselect") + at.get("selectbox") + at.get("toggle")
    parts += [w.proto.label for w in widgets + at.get("download_button")]
    parts += [w.proto.placeholder for w in at.get("multiselect") + at.get("selectbox")]  # shown when empty
    parts += [" ".join(map(str, df.value.columns)) for df in at.dataframe]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        parts += [chart.proto.alt, json.dumps(spec["layout"], ensure_ascii=False)]
        parts += [json.dumps([tr.get("hovertemplate"), tr.get("name"), tr.get("text")], ensure_ascii=False)
                  for tr in spec["data"]]
    text = re.sub(r"“[^”]*”", "", " ".join(parts).replace("\\", ""))
    return re.sub(r"New Migration Operation Launched Against Human Traffickers|Southwest Land Border Encounters", "",
                  text)


def english_fragments() -> set[str]:
    """Every stretch of 14+ characters of an English message that its Spanish version does not share."""
    fragments = set()
    for texts in i18n.catalogue().values():
        for piece in re.split(r"\{[^}]*\}|%\{[^}]*\}|<[^>]*>", texts["en"]):
            if len(piece.strip()) >= 14 and piece not in texts["es"]:
                fragments.add(piece.strip())
    return fragments


def test_spanish_page_has_no_english_message_left(app):
    tabs = every_tab(app, lang="es")
    assert not any(at.exception for at in tabs)
    text = " ".join(page_text(at) for at in tabs)
    assert "Llegadas mensuales" in text and "Veredicto" in text
    leaks = {f for f in english_fragments() if f in text}
    assert not leaks
    # the data's descriptive words too: a source's publisher and how it was read, in the panel and the evidence
    plain = text.replace("\\", "")
    assert "CNN, retraducción automática" in plain and "machine re-translated" not in plain
    assert "Medio sin nombre (republicación)" in plain and "Unnamed outlet" not in plain
    english = " ".join(page_text(at) for at in every_tab(app, lang="en"))
    assert "Monthly arrivals" in english and len({f for f in english_fragments() if f in english}) > 40
    # and every evidence note: under the claim check, or under the timeline for the dated events
    notes = set(pd.read_csv(PROJECT / "data" / "evidence.csv")["note"].dropna())
    assert {n for n in notes if f" — {n}" in english.replace("\\", "")} == notes
    assert not {n for n in notes if n in plain}
    assert "Promedio de una semana, de datos internos de la CBP: \"last week\"" in plain  # its quoted words kept


def test_spanish_keeps_quotes_in_english_and_marks_them(app):
    at = app(lang="es", tab="sources")
    cited = panel_quotes(at)
    assert len(cited) == 15
    assert all("cita original en inglés" in line for line in cited)
    assert any("“In May, 7,400 migrants arrived in the US each day”" in line for line in cited)


def test_unknown_language_falls_back_to_english(app):
    at = app(lang="fr")
    assert not at.exception
    assert at.title[0].value.startswith("Migration at the Mexico–US border")


def test_a_narrowed_filter_says_what_it_hides_and_one_click_resets_it(app):
    at = app(months=["2022-04", "2022-06"], actor=["us-gov", "us-dhs"], tab="article")
    guards = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Showing")]
    assert "Showing 2 of 3 months of this series; the filters hide 1 figure." in guards
    may = app(months=["2022-05", "2022-06"], actor=["us-gov", "us-dhs"], tab="article")
    guards = [c.value.replace("\\", "") for c in may.caption]
    assert "Showing 1 of 3 months of this series; the filters hide 2 figures." in guards
    assert "Showing 5 of 6 figures; the filters hide the rest." in guards  # enforcement: no INM caravan
    at.button(key="reset-monthly").click().run()
    assert not at.exception
    assert at.select_slider(key="months").value == ("2017-10", "2023-02")
    assert set(at.multiselect(key="actor").value) == set(ALL_ACTORS)
    assert not [c for c in at.caption if c.value.startswith("Showing")]
    assert sum(len(refs) for refs in table_refs(at)) == 15


def test_the_default_view_hides_nothing_so_has_no_guard(app):
    for at in every_tab(app):
        assert not [c for c in at.caption if c.value.startswith("Showing")]
        assert not [b for b in at.button if b.key and b.key.startswith("reset-")]


def test_dated_events_are_labelled_markers_on_the_monthly_charts(app):
    at, found = app(tab="article"), app()
    for key in ("chart-monthly-arrivals", "chart-daily-arrivals", "chart-record"):
        layout = figure(found if key == "chart-record" else at, key)["layout"]
        lines = [s for s in layout["shapes"] if s["type"] == "line"]
        labels = [a["text"] for a in layout["annotations"]]
        assert len(lines) == 3, key
        assert {"[9]", "[10]", "[15]"} == set(labels)  # numbers only, never cut; the caption names them
    caption = next(c.value for c in at.caption if "Dashed lines mark" in c.value).replace("\\", "")
    assert "[9] 2022-06-06 HRW report on abuses against migrants in Mexico" in caption
    assert "[10] 2022-06-06 to 2022-06-10 US says Mexico takes part" in caption
    monthly = figure(at, "chart-monthly-arrivals")["layout"]
    assert monthly["xaxis"]["categoryarray"][-1] == "Jun 2022"  # the events' month is on the axis
    hrw = next(s for s in monthly["shapes"] if s["type"] == "line" and s["x0"] > 2.6)
    assert 2.6 < hrw["x0"] < 3.5  # inside June, the fourth month (index 3, from 2.5 to 3.5)


def test_events_follow_the_actor_filter(app):
    at = app(actor=["us-gov"], tab="article")
    labels = [a["text"] for a in figure(at, "chart-monthly-arrivals")["layout"]["annotations"]]
    assert labels == ["[10]"]


def test_the_record_says_how_many_of_its_months_are_shown(app):
    at = app(months=["2022-01", "2022-06"])
    guards = [c.value.replace("\\", "") for c in at.caption if "of CBP's record" in c.value.replace("\\", "")]
    assert guards == ["Showing 6 of 65 months of CBP's record."]
    at.button(key="reset-record").click().run()
    assert at.select_slider(key="months").value == ("2017-10", "2023-02")
    assert not [c for c in at.caption if "of CBP's record" in c.value.replace("\\", "")]


def test_the_record_at_the_article_minute_counts_only_the_months_public_then(app):
    """At 2022-06-15 12:04 UTC-05:00 CBP's record held Oct 2017 to Apr 2022, 55 months (May's first figure came out
    that evening): months published later are not hidden by the filters, so no guard and no reset for them."""
    def guards(at):
        return [c.value.replace("\\", "") for c in at.caption if "of CBP's record" in c.value.replace("\\", "")]

    assert guards(app(record="2022-06-15")) == []
    shown = guards(app(record="2022-06-15", months=["2022-01", "2022-06"]))
    assert shown == ["Showing 4 of 55 months of CBP's record."]


def test_views_showing_the_same_figures_name_each_download_after_their_own_filters(app, cur, monkeypatch):
    """The article's parts are made once per set of figures shown and shared by every month range showing that set;
    each view's download files are still named after its own months."""
    import streamlit as st
    from streamlit.elements.widgets.button import ButtonMixin

    from dashboard.data import queries
    from dashboard.data.filters import Filters

    months = queries.month_options(cur)
    ranges = ((months[0], months[-1]), (months[1], months[-2]))
    shown = {tuple(queries.figures(cur, Filters(*r, ALL_ACTORS))["figure_id"]) for r in ranges}
    assert len(shown) == 1  # both show every figure: the second view reuses the first's parts
    named, in_column, on_page = {}, ButtonMixin.download_button, st.download_button

    def recording(self, label, data, *args, **kwargs):  # a column's or container's button
        named[kwargs["key"]] = kwargs["file_name"]
        return in_column(self, label, data, *args, **kwargs)

    def recording_on_page(label, data, *args, **kwargs):  # `st.download_button`, bound when streamlit is imported
        named[kwargs["key"]] = kwargs["file_name"]
        return on_page(label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", recording)
    monkeypatch.setattr(st, "download_button", recording_on_page)
    for first, last in ranges:
        named.clear()
        assert not any(at.exception for at in every_tab(app, months=[first, last]))
        for key in ("download-monthly-arrivals", "download-daily-arrivals", "download-enforcement",
                    "download-events", "download-record", "download-claims"):
            assert f"_{first}_to_{last}_all-actors." in named[key], (key, named[key])


@pytest.mark.parametrize(("record", "values"), [
    (None, {"2022-03": 222574, "2022-04": 235785, "2022-05": 241136}),  # CBP's latest, Oct 2022
    ("2022-06-15", {"2022-03": 222144, "2022-04": 234088}),  # at the article's minute: May not yet public
])
def test_the_record_download_holds_the_months_shown_as_cbp_gave_them_then_with_its_source(app, monkeypatch, record,
                                                                                             values):
    """What the record's button hands over when clicked: the months the filters show, at the chosen instant, each
    with when it was observed and how it was revised, and the source it comes from."""
    import csv
    import io

    import streamlit as st

    given, original = {}, st.download_button

    def recording(label, data, *args, **kwargs):  # `st.download_button`, bound when streamlit is imported
        given[kwargs["key"]] = (data, kwargs["file_name"])
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    query = {"months": ["2022-03", "2022-05"]} | ({} if record is None else {"record": record})
    assert not app(**query).exception
    data, name = given["download-record"]
    rows = list(csv.DictReader(io.StringIO((data() if callable(data) else data).decode())))
    assert list(rows[0]) == ["month", "fiscal_year", "value", "observed_on", "vintage", "observed_in", "first_value",
                             "first_observed_on", "latest_value", "latest_observed_on", "source_title",
                             "source_publisher", "source_url", "source_licence"]
    assert {r["month"][:7]: int(r["value"]) for r in rows} == values
    assert {r["latest_value"] for r in rows if r["month"].startswith("2022-04")} == {"235785"}
    assert {r["source_url"] for r in rows} == {"https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters"}
    assert name.startswith("border-cbp-monthly-" + ("latest" if record is None else "as-known-at-2022-06-15"))
    assert "_2022-03_to_2022-05_" in name
