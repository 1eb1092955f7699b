"""bench/results.md and bench/results.png from the benchmark's results, with each target checked."""

from __future__ import annotations

from pathlib import Path

TARGETS = {
    "import": 1_000_000,  # rows per second at the largest size
    "interaction_p95_ms": 150,  # filter change at the largest size, server side
    "script_article": 1.3,  # script-run ratio vs baseline, article-only store
    "script_large": 2.0,  # script-run ratio vs baseline, largest import
    "concurrency": 3.0,  # p95 at 20 sessions vs p95 at 1 session
}


def verdict(ok: bool, text: str) -> str:
    return f"{'met' if ok else 'missed'}: {text}"


def target_lines(r: dict) -> list[str]:
    largest = r["import"][-1]
    scripts = list(r["script"].values())
    conc = {c["sessions"]: c for c in r["concurrency"]}
    lines = [
        verdict(largest["rows_per_second"] >= TARGETS["import"],
                f"import {largest['rows_per_second']:,.0f} rows/s at {largest['rows']:,} rows "
                f"(target ≥ {TARGETS['import']:,})"),
        verdict(largest["interaction"]["p95_ms"] <= TARGETS["interaction_p95_ms"],
                f"filter change p95 {largest['interaction']['p95_ms']:.0f} ms at {largest['rows']:,} rows "
                f"(target ≤ {TARGETS['interaction_p95_ms']} ms)"),
        verdict(scripts[0]["ratio"] <= TARGETS["script_article"],
                f"script-run ratio {scripts[0]['ratio']:.2f} on the article-only store (target ≤ 1.3)"),
        verdict(scripts[1]["ratio"] <= TARGETS["script_large"],
                f"script-run ratio {scripts[1]['ratio']:.2f} with {largest['rows']:,} rows (target ≤ 2)"),
    ]
    if 1 in conc and max(conc) > 1:
        top = max(conc)
        ratio = conc[top]["drawn_p95_s"] / conc[1]["drawn_p95_s"]
        lines.append(verdict(ratio <= TARGETS["concurrency"],
                             f"{top} sessions p95 {conc[top]['drawn_p95_s']:.1f} s = {ratio:.1f}× one session's "
                             f"{conc[1]['drawn_p95_s']:.1f} s (target ≤ 3×)"))
    return lines


WHY = [
    "**Import.** DuckDB's reader parses the 10M-row file in about 3.5 s here (`count(*)` over `read_csv`), "
    "but materialising its eight text columns into a table takes about 10 s on 2 cores. Inserting straight "
    "from the reader (no staging table; the line of a refused value is found by a second scan only on the "
    "error path) and `preserve_insertion_order = false` took the import from 0.43 to about 0.64 M rows/s. "
    "The next step would be a first pass that dictionary-encodes the dimensions (ENUM types).",
    "**Filter change.** The uncached cost is building the figures and turning about ten query results into "
    "pandas frames, not the data size: the 10M-row store costs no more than the 10k one, since the app reads "
    "the pre-aggregated `encounters_monthly`. Building figures from graph objects instead of Plotly Express "
    "cut chart building about tenfold (month bars 140 → 17 ms) and one query now serves all article charts. "
    "In the app `st.cache_data`, keyed on the build and the filters, makes a repeated filter free; the p95 "
    "tail also holds interpreter pauses on this shared machine.",
    "**Concurrency.** The server is not the limit: its memory stays flat and there are no errors. One "
    "Chromium with N contexts shares the server's 2 cores, and one page load costs the browser about as much "
    "as a bare page with the same number of Plotly charts (browser ratio near 1), so N simultaneous loads "
    "queue on the CPU and the time grows about linearly with N. Meeting 3× at 20 sessions needs the "
    "browsers on other machines than the server.",
]


def tables(r: dict) -> list[str]:
    out = ["## Import (synthetic CBP-format files)", "",
           "| rows | seconds (median, min–max) | rows/s | store MB | filter change p50 / p95 ms |",
           "| ---: | --- | ---: | ---: | --- |"]
    for i in r["import"]:
        s, x = i["seconds"], i["interaction"]
        out.append(f"| {i['rows']:,} | {s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f}), n={s['n']} | "
                   f"{i['rows_per_second']:,.0f} | {i['store_mb']:.1f} | {x['p50_ms']:.0f} / {x['p95_ms']:.0f} |")
    a = r["interaction"]["article-only"]
    out += ["", f"Article-only store: filter change p50 {a['p50_ms']:.0f} ms, p95 {a['p95_ms']:.0f} ms "
                f"(n={a['n']}).", "", "## Framework overhead (AppTest, same process)", "",
            "| store | charts | app s (median, min–max) | baseline s | ratio |", "| --- | ---: | --- | --- | ---: |"]
    for name, s in r["script"].items():
        out.append(f"| {name} | {s['charts']} | {_spread(s['app_s'])} | {_spread(s['baseline_s'])} | "
                   f"{s['ratio']:.2f} |")
    out += ["", "## In the browser (navigation to all charts drawn, same session)", "",
            "| store | app s | baseline s | ratio |", "| --- | --- | --- | ---: |"]
    for name, b in r["browser"].items():
        out.append(f"| {name} | {_spread(b['app_s'])} | {_spread(b['baseline_s'])} | {b['ratio']:.2f} |")
    out += ["", "## Concurrency (one server, one Chromium, separate contexts)", "",
            "| sessions | page loads | errors | p50 s | p95 s | server RSS before → after MB |",
            "| ---: | ---: | ---: | ---: | ---: | --- |"]
    for c in r["concurrency"]:
        out.append(f"| {c['sessions']} | {c['iterations']} | {c['errors']} | {c['drawn_p50_s']:.2f} | "
                   f"{c['drawn_p95_s']:.2f} | {c['server_rss_before_mb']:.0f} → {c['server_rss_after_mb']:.0f} |")
    if "publish" in r:
        p = r["publish"]
        when = f", measured {p['measured']}" if "measured" in p else ""
        out += ["", f"## Export bundle and static report (whole data, same process{when})", "",
                "| file | seconds (median, min–max) | baseline | baseline s | ratio | size |",
                "| --- | --- | --- | --- | ---: | ---: |",
                f"| bundle (ZIP, es) | {_spread(p['bundle_s'])} | bare ZIP of the same CSVs | "
                f"{_spread(p['bare_zip_s'])} | {p['bundle_ratio']:.2f} | {p['bundle_bytes'] / 1e3:,.1f} kB |",
                f"| report (HTML) | {_spread(p['report_s'])} | Plotly's own to_html of the same figures | "
                f"{_spread(p['plotly_html_s'])} | {p['report_ratio']:.2f} | {p['report_bytes'] / 1e6:,.2f} MB |"]
    return out


def _spread(s: dict) -> str:
    return f"{s['median']:.3f} ({s['min']:.3f}–{s['max']:.3f})"


def write_report(r: dict, out: Path) -> None:
    lines = [f"# Benchmark results ({r['started']}, {r['machine']['cores']} cores)", "",
             "Made by `make bench` (`python -m bench.run`). Ratios compare runs made in the same process or "
             "browser session.", "", "## Targets", ""]
    targets = target_lines(r)
    lines += [f"- {line}" for line in targets]
    if any(t.startswith("missed") for t in targets):
        lines += ["", "## Why the gaps, and what was done", "", *[f"- {w}" for w in WHY]]
    lines += ["", *tables(r), "", "![Benchmark plots](results.png)", ""]
    (out / "results.md").write_text("\n".join(lines))
    plot(r, out / "results.png")


def plot(r: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    rows = [i["rows"] for i in r["import"]]
    axes[0].plot(rows, [i["rows_per_second"] for i in r["import"]], marker="o", color="#0072B2")
    axes[0].axhline(TARGETS["import"], ls="--", color="#D55E00", label="target")
    axes[0].set(xscale="log", title="Import speed", xlabel="rows", ylabel="rows per second")
    axes[1].plot(rows, [i["interaction"]["p95_ms"] for i in r["import"]], marker="o", label="p95", color="#0072B2")
    axes[1].plot(rows, [i["interaction"]["p50_ms"] for i in r["import"]], marker="o", label="p50", color="#009E73")
    axes[1].axhline(TARGETS["interaction_p95_ms"], ls="--", color="#D55E00", label="target p95")
    axes[1].set(xscale="log", title="Filter change, server side", xlabel="rows imported", ylabel="ms")
    sessions = [c["sessions"] for c in r["concurrency"]]
    axes[2].plot(sessions, [c["drawn_p95_s"] for c in r["concurrency"]], marker="o", label="p95", color="#0072B2")
    axes[2].plot(sessions, [c["drawn_p50_s"] for c in r["concurrency"]], marker="o", label="p50", color="#009E73")
    axes[2].set(title="Time to all charts drawn", xlabel="browser sessions", ylabel="seconds")
    for ax in axes:
        ax.legend()
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
