"""Addresses of this view: links to a tab or a figure, and the public address that shared links and embeds use.

A link keeps the page's filters and language (the URL's `months`, `actor` and `lang`, as the sidebar wrote them),
so it opens the same figures. The public address is the setting `BORDER_PUBLIC_URL` when there is one, else the
address the reader's browser asked for (`st.context.url`); links inside the page are relative and need neither.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

import streamlit as st

from dashboard.outputs.addresses import clean_address

FILTER_PARAMS = ("months", "actor", "lang")  # what says which figures a view shows, and in which language
PUBLIC_ENV = "BORDER_PUBLIC_URL"


def query(**extra: str) -> str:
    """The filters' part of this view's URL, with `extra` parameters after them: 'months=2022-04&...&tab=check'."""
    pairs = [(key, value) for key in FILTER_PARAMS for value in st.query_params.get_all(key)]
    return urlencode(pairs + [(key, value) for key, value in extra.items() if value])


def to_tab(tab: str, anchor: str | None = None) -> str:
    """A relative link to `tab` of this view, at the element `anchor` when given."""
    return f"?{query(tab=tab)}" + (f"#{anchor}" if anchor else "")


def public_address() -> str | None:
    """The page's public address without query or fragment ('https://example.org/'), or None when unknown."""
    return clean_address(os.environ.get(PUBLIC_ENV) or st.context.url)
