"""Widgets kept in the page address by id and shown by name, in the page's language.

Streamlit's `bind="query-params"` writes what a widget shows (its `format_func`) into the URL: a link would change
with the language, and every link made so far would break. These widgets read their ids from the URL once per
session and write them back after each change; the default leaves the URL clean, as `bind` does. An id the URL gives
that the widget does not offer (a stale or hostile link) is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def from_url(key: str, valid: Callable[[list[str]], object], default: object) -> None:
    """Before the widget is made, once per session: its value from the URL's `?key=` values (`valid` keeps those
    the widget offers), else `default`."""
    if key not in st.session_state:
        st.session_state[key] = valid(st.query_params.get_all(key)) or default


def to_url(key: str, ids: list[str] | None) -> None:
    """The widget's ids into the URL as `?key=` (repeated); None, for the default, leaves the parameter out."""
    if ids != (st.query_params.get_all(key) or None):
        if ids is None:
            del st.query_params[key]
        else:
            st.query_params[key] = ids


def choice(label: str, names: dict[str, str], key: str, default: str | None = None, **widget) -> str:
    """A selectbox of the ids of `names` (id -> name shown), kept in the URL as `?key=id`; `default` (the first id
    when None) leaves the URL clean."""
    ids = list(names)
    default = ids[0] if default is None else default
    from_url(key, lambda wanted: next((w for w in wanted if w in names), None), default)
    if st.session_state[key] not in names:  # a choice the widget no longer offers (other months shown)
        st.session_state[key] = default
    chosen = st.selectbox(label, ids, format_func=names.__getitem__, key=key, **widget)
    to_url(key, None if chosen == default else [chosen])
    return chosen


def span(label: str, names: dict[str, str], key: str, **widget) -> tuple[str, str]:
    """A range slider over the ids of `names` (id -> name shown: 'Mar 2022'), kept in the URL as `?key=first&key=last`
    (ids: '2022-03'); the whole range is the default. Ids the slider lacks are dropped; one id is a range of one;
    reversed ones are put in order."""
    ids = list(names)

    def valid(wanted: list[str]) -> tuple[str, str] | None:
        kept = sorted((w for w in wanted if w in names), key=ids.index)
        return (kept[0], kept[-1]) if kept else None
    every = (ids[0], ids[-1])
    from_url(key, valid, every)
    current = st.session_state[key]
    if valid(list(current)) != tuple(current):  # months a new build lacks
        st.session_state[key] = valid(list(current)) or every
    # `value`, the whole range, makes it a range slider; the state set above, when there is one, wins
    first, last = st.select_slider(label, options=ids, value=every, format_func=names.__getitem__, key=key, **widget)
    to_url(key, None if (first, last) == (ids[0], ids[-1]) else [first, last])
    return first, last


def choices(label: str, names: dict[str, str], key: str, **widget) -> list[str]:
    """A multiselect of the ids of `names` (id -> name shown), kept in the URL as `?key=id&key=id`; every id is the
    default, and choosing none shows every one too (no link can show nothing)."""
    ids = list(names)
    from_url(key, lambda wanted: [w for w in dict.fromkeys(wanted) if w in names], ids)
    chosen = st.multiselect(label, options=ids, format_func=names.__getitem__, key=key, **widget)
    to_url(key, None if set(chosen) == set(ids) or not chosen else chosen)
    return chosen
