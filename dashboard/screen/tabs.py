"""The page's tabs, one question each, kept in the address as `?tab=<id>` in every language.

`st.tabs(..., key=..., on_change="rerun")` tracks the open tab by its label and runs the script again when the
reader switches, so only the open tab's code runs (`tab.open`). Its label changes with the language, so the URL
keeps the tab's id, as `url_widgets` does for the other widgets shown by name: read once per session, written back
after each run; the first tab leaves the URL clean. An id the URL gives that the page lacks opens the first tab.
"""

from __future__ import annotations

import streamlit as st

from dashboard.screen import url_widgets
from dashboard.words import i18n

# Tab ids in page order: the id is what links say (`?tab=check`), the label its `tab_<id>` message.
TABS = ("found", "check", "article", "cbp", "sources")
KEY = "tab"


def label(tab: str, lang: str) -> str:
    return i18n.t(lang, f"tab_{tab}")


def tab_of(label_text: object) -> str | None:
    """The id of a tab's label in any language (the state holds the label of the language it was made in)."""
    return next((tab for tab in TABS for lang in i18n.LANGS if label(tab, lang) == label_text), None)


def open_tab(lang: str) -> str:
    """The tab the reader has open: the id the tab bar was last switched to, else the URL's, else the first.
    Sets the bar's state to that tab's label in `lang` before the bar is made (a language switch keeps the tab)."""
    url_widgets.from_url(KEY, lambda wanted: next((label(w, lang) for w in wanted if w in TABS), None),
                         label(TABS[0], lang))
    tab = tab_of(st.session_state[KEY]) or TABS[0]
    st.session_state[KEY] = label(tab, lang)
    return tab


def tab_bar(lang: str) -> tuple[str, dict[str, object]]:
    """The tab bar: the open tab's id, and each tab's container by id (only the open one is drawn into)."""
    tab = open_tab(lang)
    containers = st.tabs([label(t, lang) for t in TABS], key=KEY, on_change="rerun")
    url_widgets.to_url(KEY, None if tab == TABS[0] else [tab])
    return tab, dict(zip(TABS, containers, strict=True))
