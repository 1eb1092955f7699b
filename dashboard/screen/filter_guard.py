"""Context guards: when the filters hide part of a chart, say how much, and offer a one-click reset."""

from __future__ import annotations

import streamlit as st

from dashboard.present.citations import md


def show(view, text: str, key: str, in_fragment: bool = False) -> None:
    """The guard's sentence under a chart, and a button that brings back every month and actor.

    In a fragment a click reruns only the fragment, so the whole page is rerun to redraw the filters.
    """
    st.caption(md(text))
    clicked = st.button(view.t("reset_filters"), key=f"reset-{key}", on_click=reset_filters,
                        args=(view.month_range(), view.all_actors), type="tertiary", icon=":material/restart_alt:")
    if clicked and in_fragment:
        st.rerun(scope="app")


def reset_filters(months: tuple[str, str], actors: tuple[str, ...]) -> None:
    """Every month and every actor again (the URL follows the widgets)."""
    st.session_state["months"] = months
    st.session_state["actor"] = list(actors)
