"""The Streamlit screen: each section of the page, the widgets bound to the URL, the caches and the connections.
May import every layer below it; nothing imports it but dashboard/app.py."""
