"""Outputs: files made from a filtered view outside the page, the export bundle (ZIP) and the static report (HTML).
May import presentation, the check, data and words; never Streamlit, the store's writer or the screen."""
