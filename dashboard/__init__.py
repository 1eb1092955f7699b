"""Border-migration dashboard: an article's figures, cited, in DuckDB, Plotly and Streamlit."""
