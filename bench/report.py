"""bench/results.md and bench/results.png from one benchmark run's results, with each target judged at every size."""

from __future__ import annotations

from pathlib import Path

TARGETS = {
    "import": 1_000_000,  # rows per second, judged at 1M and 10M rows
    "import_ratio": 1.3,  # an import vs DuckDB's bare read_csv of the same file, judged for every file
    "warm": 1.3,  # script run, default view with warm caches, vs its floor
    "new_range": 1.5,  # script run, a month range new to the process, vs its floor
    "change_p95_ms": 100,  # script run for a new month range, p95, at every store size
    "browser": 1.1,  # navigation to the default tab's charts drawn (its first paint), vs the floor page
    "tab": 1.2,  # script run of each tab opened from its link, warm, vs that tab's floor
}


def verdict(ok: bool, text: str) -> str:
    return f"{'met' if ok else 'missed'}: {text}"


def target_lines(r: dict) -> list[str]:
    lines = []
    for i in r["import"]:
        if "ratio" in i:
            lines.append(verdict(i["ratio"] <= TARGETS["import_ratio"], f"import {i['ratio']:.2f}× DuckDB's bare "
                                 f"read_csv of the same file, {i['rows']:,} rows ({i.get('file', 'synthetic')}) "
                                 f"(target ≤ {TARGETS['import_ratio']}×)"))
        if i["rows"] >= 1_000_000:
            speed = i["rows_per_second"]
            lines.append(verdict(speed >= TARGETS["import"], f"import {speed:,.0f} rows/s at {i['rows']:,} rows "
                                 f"(target ≥ {TARGETS['import']:,})"))
    for store, s in r["script"].items():
        for case, words in (("warm", "default view, warm caches"), ("new_range", "new month range")):
            lines.append(verdict(s[case]["ratio"] <= TARGETS[case], f"script run {s[case]['ratio']:.2f}× its floor, "
                                 f"{words}, {store} (target ≤ {TARGETS[case]}×)"))
        p95 = s["new_range"]["app_p95_ms"]
        lines.append(verdict(p95 <= TARGETS["change_p95_ms"], f"new month range p95 {p95:.0f} ms server-side, "
                             f"{store} (target ≤ {TARGETS['change_p95_ms']} ms)"))
    for tab, t in r.get("tabs", {}).items():
        lines.append(verdict(t["ratio"] <= TARGETS["tab"], f"tab `{tab}` {t['ratio']:.2f}× its floor, warm, FY2022 "
                             f"shipped (target ≤ {TARGETS['tab']}×)"))
    for store, b in r["browser"].items():
        lines.append(verdict(b["drawn_ratio"] <= TARGETS["browser"], f"browser {b['drawn_ratio']:.2f}× the floor "
                             f"page to every chart drawn, {store} (target ≤ {TARGETS['browser']}×)"))
    return lines


FLOOR = ("The floor of a view is `bench/floor_app.py` replaying that view's page captured from the app "
         "(`bench/floor.py`): the same elements in the same order and containers, the same texts, tables, metrics, "
         "widgets and download bytes, and the app's own Plotly figures rebuilt once per process from their JSON "
         "(`st.cache_resource`). A floor run queries nothing, caches nothing per filter and formats nothing. Script "
         "runs are timed inside the script thread (AppTest's polling and tree parsing excluded; each script compiled "
         "once, as a server does), app and floor alternating in one process, each run a new session. *Warm*: the "
         "default view, already computed once. "
         "*New month range*: ranges the app's process has never shown (their floor pages are captured in another "
         "process), so the app computes what that range needs; the floor shows the same page prebuilt. *Seen "
         "before*: each new range shown again right after, in a new session: the app's cost with nothing left to "
         "compute (cache lookups, widgets bound to the URL, fragments), against the same floor.")


def tables(r: dict) -> list[str]:
    out = ["## Script run vs its floor (AppTest, same process)", "", FLOOR, "",
           "| store | view | app ms (median, min–max) | floor ms | ratio | app p95 ms |",
           "| --- | --- | --- | --- | ---: | ---: |"]
    for store, s in r["script"].items():
        for case, words in (("warm", "default, warm"), ("new_range", "new month range")):
            c = s[case]
            out.append(f"| {store} | {words} (n={c['app_s']['n']}) | {_ms(c['app_s'])} | {_ms(c['floor_s'])} | "
                       f"{c['ratio']:.2f} | {c['app_p95_ms']:.0f} |")
            if "again_s" in c:
                out.append(f"| {store} | the same ranges seen before | {_ms(c['again_s'])} | {_ms(c['floor_s'])} | "
                           f"{c['again_ratio']:.2f} | |")
    if "tabs" in r:
        out += ["", "### Each tab, opened from its link (`?tab=<id>`), warm, FY2022 shipped", "",
                "Only the open tab's code runs; each tab's floor is that tab's page captured and replayed.", "",
                "| tab | elements | app ms (median, min–max) | floor ms | ratio |", "| --- | ---: | --- | --- | ---: |"]
        out += [f"| {tab} | {t['elements']} | {_ms(t['app_s'])} | {_ms(t['floor_s'])} | {t['ratio']:.2f} |"
                for tab, t in r["tabs"].items()]
    out += profile_lines(r)
    first = next(iter(r["script"].values()))
    out += ["", "Elements on the default view (app and floor alike): " + ", ".join(
        f"{n} {k}" for k, n in sorted(first["elements"].items(), key=lambda kv: -kv[1])) + ".", "",
        "## Import (the shipped FY2022 file, then synthetic files with CBP's 12-column header)", "",
        "Each run imports the file into a fresh store (`import-cbp`: header matched by name, typed, constraints, "
        "SHA-256, which file each month comes from, aggregates, atomic swap) and, alternately, reads it with DuckDB's "
        "bare `read_csv` into a table of a new store (the floor).", "",
        "| file | rows | seconds (median, min–max) | bare read_csv s | ratio | rows/s | store MB |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: |"]
    for i in r["import"]:
        s = i["seconds"]
        bare = _spread(i["bare_s"]) if "bare_s" in i else "—"
        ratio = f"{i['ratio']:.2f}" if "ratio" in i else "—"
        out.append(f"| {i.get('file', 'synthetic')} | {i['rows']:,} | {s['median']:.2f} ({s['min']:.2f}–"
                   f"{s['max']:.2f}), n={s['n']} | {bare} | {ratio} | {i['rows_per_second']:,.0f} | "
                   f"{i['store_mb']:.1f} |")
    out += ["", "## Browser and server CPU (the app and its floor page served side by side, one Chromium)", "",
            "Server CPU is the server process's user + system time (/proc) over the page views or filter changes, "
            "divided by their number. A filter change moves the first month one step (a new range each time). "
            "*Views/s* is derived: 1 / CPU s per view, what one server process could serve if CPU were its only "
            "limit.", "",
            "| store | page | to every chart drawn, s | CPU s / view | views/s | CPU s / filter change |",
            "| --- | --- | --- | ---: | ---: | ---: |"]
    for store, b in r["browser"].items():
        for name in ("app", "floor"):
            x = b[name]
            out.append(f"| {store} | {name} | {_spread(x['drawn_s'])} | {x['cpu_per_view_s']:.3f} | "
                       f"{x['views_per_s']:.1f} | {x['cpu_per_change_s']:.3f} |")
        out.append(f"| {store} | ratio | {b['drawn_ratio']:.2f} | {b['cpu_view_ratio']:.2f} | | "
                   f"{b['cpu_change_ratio']:.2f} |")
    out += ["", "## Concurrency (one server, one Chromium, separate contexts)", "",
            "| sessions | page loads | errors | p50 s | p95 s | server RSS before → after MB |",
            "| ---: | ---: | ---: | ---: | ---: | --- |"]
    for c in r["concurrency"]:
        out.append(f"| {c['sessions']} | {c['iterations']} | {c['errors']} | {c['drawn_p50_s']:.2f} | "
                   f"{c['drawn_p95_s']:.2f} | {c['server_rss_before_mb']:.0f} → {c['server_rss_after_mb']:.0f} |")
    p = r["publish"]
    out += ["", "## Export bundle and static report (whole data, same process)", "",
            "| file | seconds (median, min–max) | baseline | baseline s | ratio | size |",
            "| --- | --- | --- | --- | ---: | ---: |",
            f"| bundle (ZIP, es) | {_spread(p['bundle_s'])} | bare ZIP of the same CSVs | "
            f"{_spread(p['bare_zip_s'])} | {p['bundle_ratio']:.2f} | {p['bundle_bytes'] / 1e3:,.1f} kB |",
            f"| report (HTML) | {_spread(p['report_s'])} | Plotly's own to_html of the same figures | "
            f"{_spread(p['plotly_html_s'])} | {p['report_ratio']:.2f} | {p['report_bytes'] / 1e6:,.2f} MB |"]
    return out


def profile_lines(r: dict) -> list[str]:
    """Where a new month range's time goes (bench.run.profile_new_ranges): section timers, then cProfile."""
    stores = {store: s["profile"] for store, s in r["script"].items() if "profile" in s}
    if not stores:
        return []
    names = list(next(iter(stores.values()))["sections_ms"])
    out = ["", "### Where a new month range's time goes", "",
           "Each section of the app timed on its own (a timer around the function; a section includes what it "
           "calls, so rows nest: `record_section` holds `series_parts`, `revisions_block` and `claim_block`), over "
           "more ranges new to the process, ms per run (mean). `article_parts` is made once per set of figures "
           "shown, so it reads 0 when every range showed a set made before:", "",
           "| section | " + " | ".join(f"{store} (n={p['runs']})" for store, p in stores.items()) + " |",
           "| --- | " + " | ".join("---:" for _ in stores) + " |"]
    out.append("| whole run (median) | " + " | ".join(f"{p['ms_per_run']:.1f}" for p in stores.values()) + " |")
    for name in names:
        out.append(f"| `{name}` | " + " | ".join(f"{p['sections_ms'].get(name, 0.0):.1f}" for p in stores.values())
                   + " |")
    places = list(next(iter(stores.values()))["own_share"])
    out += ["", "cProfile over as many other new ranges: each function's own time (not its callees') by where its "
            "code lives, as shares of the profiled time (cProfile slows every call, so the shares are what counts):",
            "", "| store | ms per run, profiled | " + " | ".join(places) + " |",
            "| --- | ---: | " + " | ".join("---:" for _ in places) + " |"]
    for store, p in stores.items():
        shares = " | ".join(f"{p['own_share'].get(place, 0.0):.0%}" for place in places)
        out.append(f"| {store} | {p['profiled_ms_per_run']:.1f} | {shares} |")
    return out


def _ms(s: dict) -> str:
    return f"{s['median'] * 1000:.1f} ({s['min'] * 1000:.1f}–{s['max'] * 1000:.1f})"


def _spread(s: dict) -> str:
    return f"{s['median']:.3f} ({s['min']:.3f}–{s['max']:.3f})"


def write_report(r: dict, out: Path, notes: Path | None = None) -> None:
    """results.md, whole, from one run's results; `notes` (bench/notes.md, written by hand) follows, marked so."""
    lines = [f"# Benchmark results ({r['started']}, commit {r['commit']}, {r['machine']['cores']} cores)", "",
             "Made by `make bench` (`python -m bench.run`) in one run of the code at that commit; every ratio "
             "compares runs made alternately in the same process or browser session.", "", "## Targets", ""]
    lines += [f"- {line}" for line in target_lines(r)]
    lines += ["", *tables(r), "", "![Benchmark plots](results.png)", ""]
    if notes is not None and notes.exists():
        lines += ["## Notes (written by hand, not computed by this run)", "", notes.read_text().strip(), ""]
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
    stores = list(r["script"])
    for case, color in (("warm", "#0072B2"), ("new_range", "#009E73")):
        axes[1].plot(stores, [r["script"][s][case]["ratio"] for s in stores], marker="o", color=color, label=case)
        axes[1].axhline(TARGETS[case], ls="--", color=color, alpha=0.6)
    axes[1].set(title="Script run vs floor", ylabel="ratio (app / floor)")
    axes[1].tick_params(axis="x", labelrotation=20)
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
