"""Addresses of a view of the dashboard, for what leaves it (ClaimReview items, the bundle's README): the page's
public address with the view's filters, language and tab. Only an address someone gave is used, never a made-up one.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from dashboard.data.filters import Filters


def clean_address(address: str | None) -> str | None:
    """An http(s) address without its query and fragment ('https://example.org/border/'); None for anything else."""
    if not address:
        return None
    parts = urlsplit(address.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def view_query(filters: Filters, lang: str, all_actors: tuple[str, ...], **extra: str) -> str:
    """The URL query that opens `filters` in `lang` as the page writes it: the months, the actors unless every one,
    the language unless English, then `extra` ('months=2022-04&months=2022-05&actor=us-gov&tab=check')."""
    pairs = [("months", filters.month_from), ("months", filters.month_to)]
    if set(filters.actors) != set(all_actors):
        pairs += [("actor", actor) for actor in filters.actors]
    if lang != "en":
        pairs.append(("lang", lang))
    return urlencode(pairs + [(key, value) for key, value in extra.items() if value])


def view_address(base: str | None, filters: Filters, lang: str, all_actors: tuple[str, ...],
                 **extra: str) -> str | None:
    """This view at the public address `base` (None when there is none), `extra` parameters after its filters: with
    `tab='check'`, the claim check tab, to which a figure's review adds its anchor."""
    base = clean_address(base)
    return None if base is None else f"{base}?{view_query(filters, lang, all_actors, **extra)}"
