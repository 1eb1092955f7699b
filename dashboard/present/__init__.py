"""Presentation: Plotly charts, their text descriptions, and citations (markdown, CSV, CSL-JSON, BibTeX). May import
data and words; never Streamlit, the store's writer, the check, outputs or the screen."""
