"""The floor page (see bench/floor.py): replays a captured view from constants built once per process.

FLOOR_PAGE (environment) names the pickle written by `bench.floor.save`.
"""

import gc
import os

import streamlit as st

from bench.floor import TEXT, prebuilt


@st.cache_resource
def page(path: str) -> list:
    built = prebuilt(path)
    gc.freeze()  # as the app does after its first page (dashboard/screen/caches.py: settle)
    return built


def emit(items: list) -> None:
    for item in items:
        kind = item[0]
        if kind in TEXT:
            getattr(st, kind)(item[1])
        elif kind == "columns":
            for column, children in zip(st.columns(item[1], gap=item[2]), item[3], strict=True):
                with column:
                    emit(children)
        elif kind == "tabs":
            _, labels, opened, key, children = item
            for tab, drawn in zip(st.tabs(labels, default=opened, key=key, on_change="rerun"), children, strict=True):
                with tab:
                    emit(drawn)
        elif kind == "container":
            with st.container():
                emit(item[1])
        elif kind == "expander":
            with st.expander(item[1]):
                emit(item[2])
        else:
            WIDGETS[kind](*item[1:])


WIDGETS = {
    "plotly_chart": lambda figure, alt, key, config: st.plotly_chart(figure, key=key, alt=alt or None,
                                                                     config=config),
    "code": lambda body, language: st.code(body, language=language, wrap_lines=True),
    "dataframe": lambda df, config: st.dataframe(df, hide_index=True, width="stretch", column_config=config),
    "download_button": lambda label, data, key, help_: st.download_button(
        label, data if data is not None else bytes, key=key, on_click="ignore", help=help_),
    "metric": lambda label, value, help_: st.metric(label, value, help=help_ or None, border=True),
    "button": lambda label, key, kind, icon, help_: st.button(label, key=key, type=kind, icon=icon, help=help_),
    "button_group": lambda label, options, key, help_: st.segmented_control(label, options, key=key, help=help_),
    "toggle": lambda label, _, key, help_: st.toggle(label, key=key, help=help_),
    "selectbox": lambda label, options, key, help_: st.selectbox(label, options, key=key, help=help_),
    "select_slider": lambda label, options, key, help_: st.select_slider(label, options, (options[0], options[-1]),
                                                                         key=key, help=help_),
    "multiselect": lambda label, options, key, help_: st.multiselect(label, options, options, key=key, help=help_),
    "html": lambda body: st.html(body, width="content", unsafe_allow_javascript=True),
}

main, sidebar = page(os.environ["FLOOR_PAGE"])
st.set_page_config(page_title="Floor", layout="wide")
with st.sidebar:
    emit(sidebar)
emit(main)
