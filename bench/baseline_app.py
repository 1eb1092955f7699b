"""Baseline for the framework-overhead benchmark: the same number of Plotly charts from constant data.

BASELINE_CHARTS (environment) sets how many charts; nothing is read from a store.
"""

import os

import pandas as pd
import plotly.express as px
import streamlit as st

st.set_page_config(page_title="Baseline", layout="wide")
st.title("Baseline")
DATA = pd.DataFrame({"month": pd.date_range("2021-10-01", periods=12, freq="MS").repeat(3),
                     "group": ["a", "b", "c"] * 12, "value": range(36)})
for i in range(int(os.environ.get("BASELINE_CHARTS", "6"))):
    st.plotly_chart(px.bar(DATA, x="month", y="value", color="group", title=f"Chart {i}"), key=f"chart-{i}")
