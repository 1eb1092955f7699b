"""Addresses of this view: links to a tab or a figure, and the public address that shared links and embeds use.

A link keeps the view's filters and language, written as the export's addresses are (`addresses.view_query`), so
it opens the same figures. The public address is the setting `BORDER_PUBLIC_URL` when there is one, else the
address the reader's browser asked for (`st.context.url`); links inside the page are relative and need neither.
"""

from __future__ import annotations

import os

import streamlit as st

from dashboard.outputs import addresses

PUBLIC_ENV = "BORDER_PUBLIC_URL"


def query(view, **extra: str) -> str:
    """This view's URL query (its filters and language, as `addresses.view_query` writes them for what leaves the
    page), with `extra` parameters after them: 'months=2022-04&months=2022-04&actor=us-gov&tab=check'."""
    return addresses.view_query(view.filters, view.lang, view.all_actors, **extra)


def to_tab(view, tab: str, anchor: str | None = None) -> str:
    """A relative link to `tab` of this view, at the element `anchor` when given."""
    return f"?{query(view, tab=tab)}" + (f"#{anchor}" if anchor else "")


def public_address() -> str | None:
    """The page's public address without query or fragment ('https://example.org/'), or None when unknown."""
    return addresses.clean_address(os.environ.get(PUBLIC_ENV) or st.context.url)
