"""Baselines of the export bundle and the static report: the same tables and figures, written plainly."""

from __future__ import annotations


def bare_zip(cur, filters) -> bytes:
    """Baseline for the export bundle: the same view's tables as CSV in a ZIP, nothing else."""
    import io
    import zipfile

    from dashboard.outputs.bundle import view_tables
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, df in view_tables(cur, filters, "en").items():
            archive.writestr(f"{name}.csv", df.to_csv(index=False))
    return out.getvalue()


def plotly_html(cur, filters) -> str:
    """Baseline for the static report: the same figures written by Plotly's own to_html, JS included once."""
    from dashboard.outputs import report

    figures = report.chart_figures(report.view_data(cur, filters, "en"), "en")
    return "".join(fig.to_html(full_html=False, include_plotlyjs=i == 0)
                   for i, (fig, _) in enumerate(figures.values()))
