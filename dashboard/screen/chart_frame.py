"""How every chart is shown: with its citation inside the figure, an image file named like its CSV, its
description, and the code that embeds it alone in another page.

The citation (the filters in words and a source line with dates) is drawn under the chart's title, as Our World in
Data's charts carry theirs, so an image saved from the chart's own menu keeps it. The figures are made once per set
of figures and shared; each view gets its own copy with its citation (`charts.cited`, a copy made without
validating the shared figure again).
"""

from __future__ import annotations

import weakref
from datetime import date
from html import escape

import pandas as pd
import streamlit as st

from dashboard.data.queries import ARTICLE
from dashboard.present import charts, citations
from dashboard.screen import caches, links

RECORD = "cbp-swb-encounters"  # CBP's published totals (CBP's own rows cite their files: `files_source`)
IMAGE_FORMATS = ("png", "svg")
EMBED_HEIGHT = 620  # px: a chart (450) with its title, citation and description


def sources_of(view) -> dict[str, dict]:
    """Every source by id, as a dict of its fields in the view's language (made once per build and language)."""
    return view.q("localized", "sources", view.lang).set_index("source_id").to_dict("index")


def source_text(view, source_id: str, as_of: date | None = None) -> str:
    """'Mexico Business News, 2022-06-15' for the article; 'U.S. Customs and Border Protection: Southwest Land
    Border Encounters, as of 2022-10-22' for a source read at a date."""
    source = caches.made(sources_of, view.unfiltered())[source_id]
    if source_id == ARTICLE:
        return view.t("source_dated", name=source["publisher"], day=str(source["published"])[:10])
    name = f"{source['publisher']}: {source['title']}"
    return name if as_of is None else view.t("source_as_of", name=name, day=str(as_of))


def article_source(view) -> str:
    return source_text(view, ARTICLE)


def files_source(view) -> str:
    """CBP's own rows: each file the months come from, by its source (or its name, for a file imported by hand) and
    its date (made once per build and language)."""
    files = view.q("encounter_files").drop_duplicates("file_name").sort_values("dated")
    return "; ".join(view.t("source_as_of", day=str(row["dated"]), name=(
        f"{row['source_publisher']}: {row['source_title']}" if isinstance(row["source_title"], str)
        else row["file_name"])) for _, row in files.iterrows())


def record_source(view) -> str:
    """CBP's published totals as of the latest value the store holds (made once per build and language)."""
    return source_text(view, RECORD, latest(view.q("official_histories")["observed_on"]))


def latest(days: pd.Series) -> date | None:
    """The latest of some dates (None when there are none)."""
    days = days.dropna()
    return None if days.empty else max(days)


def citation(view, sources: str) -> tuple[str, str]:
    """What a chart carries inside it: the view's filters in words, and its sources."""
    return view.filter_text, view.t("chart_source", sources=sources)


def image_config(view, file_id: str) -> dict:
    """The chart's menu: its camera saves the reader's chosen format (PNG or SVG), named like the chart's CSV
    (`file_id` and the view's filters; a name of its own when it ends in '.csv')."""
    name = (file_id if file_id.endswith(".csv") else citations.download_name(file_id, view.suffix()))[:-4]
    picked = str(st.session_state.get("img")).lower()  # the sidebar's choice, 'PNG' or 'SVG'
    return {"toImageButtonOptions": {"format": picked if picked in IMAGE_FORMATS else "png", "filename": name,
                                     "scale": 2},
            "displaylogo": False}


# Each shared figure's cited copies, by the figure's identity: an entry goes when its figure does (weakref.finalize),
# so an id is never taken for another figure's. A figure is shared by every view showing the same figures; its copy
# depends on the view's filters and sources, and a repeated view takes the copy made before (about 2 ms a chart).
_CITED: dict[int, dict[tuple[str, ...], object]] = {}
CITED_PER_FIGURE = 64  # copies kept per figure, the oldest dropped first


def cited(figure, citation: tuple[str, ...]):
    """`charts.cited(figure, citation)`, made once per figure and citation."""
    copies = _CITED.get(id(figure))
    if copies is None:
        copies = _CITED[id(figure)] = {}
        weakref.finalize(figure, _CITED.pop, id(figure), None)
    made = copies.get(citation)
    if made is None:
        made = copies[citation] = charts.cited(figure, citation)
        if len(copies) > CITED_PER_FIGURE:
            copies.pop(next(iter(copies)), None)
    return made


def show(view, chart_id: str, figure, description: str, sources: str, key: str | None = None,
         embed: bool = True, file_id: str | None = None) -> None:
    """A chart with its citation inside, its description under it (and as alt text), and its embed code. Its image
    is named like its CSV (`file_id`, when the CSV's name is not the chart's id: see `image_config`)."""
    st.plotly_chart(cited(figure, citation(view, sources)), key=key or f"chart-{chart_id}", alt=description,
                    config=image_config(view, file_id or chart_id))
    st.caption(citations.md(description))
    if embed:
        embed_code(view, chart_id)


def embed_address(view, chart_id: str) -> str:
    """This chart alone, under the view's filters and language, at the public address (relative when unknown)."""
    return f"{links.public_address() or ''}?{links.query(view, chart=chart_id, embed='true')}"


def embed_code(view, chart_id: str) -> None:
    """The `<iframe>` that shows this chart alone in another page, under an expander."""
    with st.expander(view.t("embed_label")):
        src, title = escape(embed_address(view, chart_id)), escape(view.t("embed_title"))
        st.code(f'<iframe src="{src}" title="{title}" width="100%" height="{EMBED_HEIGHT}" style="border:0" '
                'loading="lazy"></iframe>', language="html", wrap_lines=True)
        if links.public_address() is None:
            st.caption(view.t("embed_no_address"))
