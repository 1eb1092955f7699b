"""Downloads hold exactly the chart's rows with citations; panel text shows literally."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.data import queries
from dashboard.data.filters import Filters
from dashboard.present import citations
from tests.conftest import all_filters


def test_download_is_exactly_the_rows_with_citation_columns(cur):
    df = queries.figures(cur, Filters("2022-04", "2022-05", ("us-gov",)), "monthly")
    back = pd.read_csv(io.BytesIO(citations.download_csv(df)))
    assert list(back["figure_id"]) == ["f-2022-04-arrivals", "f-2022-05-arrivals-derived"]
    for column in ("source_title", "source_publisher", "source_url", "quote", "is_derived", "derivation"):
        assert column in back.columns
    assert back.loc[1, "derivation"] == "f-2022-05-daily * 31"
    assert back.loc[0, "quote"] == "234,088 migrants arrived at the Mexico-US border in April 2022"
    assert back.loc[0, "source_url"].startswith("https://mexicobusiness.news/")


def test_download_name_says_chart_and_filter():
    suffix = Filters("2022-04", "2022-04", ("us-gov",)).file_suffix(("us-gov", "hrw"))
    name = citations.download_name("monthly-arrivals", suffix)
    assert name == "border-monthly-arrivals_2022-04_to_2022-04_us-gov.csv"


def test_markdown_escaping_leaves_no_live_markup():
    text = "[click](javascript:alert(1)) <script>x</script> **bold** :red[x]"
    escaped = citations.md(text)
    for live in ("[click](", "<script>", "**bold**", ":red["):
        assert live not in escaped


def test_safe_link_refuses_other_schemes():
    assert citations.safe_link("javascript:alert(1)") == ""
    assert citations.safe_link("https://a.example/x y)") == "https://a.example/x%20y%29"


def test_figure_line_has_ref_quote_and_derivation(cur):
    rows = queries.figures(cur, all_filters("2022-05", "2022-05", ("us-gov",)))
    derived = rows[rows["is_derived"]].iloc[0]
    line = citations.figure_markdown(derived, lang="en")
    assert line.startswith(f"**\\[{derived['ref']}\\]**")
    assert "derived" in line and "7,400 migrants" in line


def test_table_frame_is_readable(cur):
    table = citations.table_frame(queries.figures(cur, all_filters(), "daily"), lang="en")
    assert list(table.columns) == ["Ref", "Figure", "Value", "Unit", "Period", "Actor", "Stated by", "Derived",
                                   "Quote"]
    assert table["Period"].iloc[0] == "2022-03-01 to 2022-03-31"


def test_table_frame_in_spanish_keeps_the_quote_and_marks_it(cur):
    table = citations.table_frame(queries.figures(cur, all_filters(), "daily"), "es")
    assert list(table.columns) == ["Ref.", "Cifra", "Valor", "Unidad", "Periodo", "Actor", "Lo afirma", "Derivada",
                                   "Cita (original en inglés)"]
    assert table["Periodo"].iloc[0] == "2022-03-01 a 2022-03-31"
    assert table["Cita (original en inglés)"].iloc[0] == "up from 221,000 arrivals in March of this year"
