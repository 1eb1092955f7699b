"""schema.org ClaimReview (JSON-LD) for the claim check: one item per checked article figure.

Follows schema.org's ClaimReview and Google's fact-check markup: `claimReviewed` (the article's words),
`itemReviewed` (a Claim that appeared in the article), `author` (this dashboard), `datePublished`, and a
`reviewRating` whose `alternateName` is the verdict in words; `reviewBody` is the full verdict and `citation`
lists the evidence. Derived figures (this dashboard's own arithmetic) and unchecked ones are not claims reviewed.
`url` (the page where the review is published) is set only when the caller knows it: the dashboard has no fixed
public address, and an address is never made up.
"""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd

from dashboard.check import claims
from dashboard.words import i18n

CONTEXT = "https://schema.org"
# Verdict code -> rating (5 best, 1 worst).
RATINGS = {"matches": 5, "rounded": 4, "disputed": 3, "no_number": 3, "misread": 2, "differs": 1}
REVIEWER = "Border-migration dashboard"


def organization(name: str) -> dict:
    return {"@type": "Organization", "name": name}


def appearance(article: pd.Series) -> dict:
    """The article as a NewsArticle: where the claims appeared first."""
    item = {"@type": "NewsArticle", "headline": article["title"], "url": article["url"],
            "publisher": organization(article["publisher"])}
    if isinstance(article["author"], str) and article["author"]:
        item["author"] = {"@type": "Person", "name": article["author"]}
    if isinstance(article["published"], str):
        item["datePublished"] = article["published"]
    return item


def review(row: pd.Series, evidence: pd.DataFrame, article: pd.Series, created: datetime, lang: str,
           url: str | None = None) -> dict:
    """One ClaimReview for one row of the claim check."""
    seen = appearance(article)
    item = {
        "@context": CONTEXT, "@type": "ClaimReview",
        "claimReviewed": row["quote"],
        "itemReviewed": {"@type": "Claim", "author": organization(article["publisher"]),
                         "appearance": seen, "firstAppearance": seen},
        "author": organization(REVIEWER),
        "datePublished": created.strftime("%Y-%m-%d"),
        "inLanguage": lang,
        "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[row["verdict_code"]], "bestRating": 5,
                         "worstRating": 1, "alternateName": i18n.t(lang, f"code_{row['verdict_code']}")},
        "reviewBody": claims.verdict_sentences(row, lang),
        "citation": [{"@type": "CreativeWork", "name": e["source_title"], "url": e["source_url"],
                      "publisher": organization(e["source_publisher"])}
                     for _, e in evidence.iterrows()],
    }
    if isinstance(article["published"], str):
        item["itemReviewed"]["datePublished"] = article["published"]
    if url:
        item["url"] = f"{url}#claim-{row['figure_id']}"
    return item


def reviews(claims: pd.DataFrame, evidence: pd.DataFrame, article: pd.Series, created: datetime, lang: str = "en",
            url: str | None = None) -> list[dict]:
    """A ClaimReview for every checked article figure (not derived, not unchecked)."""
    checked = claims[claims["verdict_code"].isin(list(RATINGS))]
    return [review(row, evidence[evidence["figure_id"] == row["figure_id"]], article, created, lang, url)
            for _, row in checked.iterrows()]


def script_tag(items: list[dict]) -> str:
    """The reviews as a JSON-LD script element; '<' is escaped so no text can close the element."""
    text = json.dumps(items, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>'
