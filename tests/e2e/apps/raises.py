"""A page that fails, to check what viewers see under the production settings."""

import streamlit as st

st.title("About to fail")
raise RuntimeError("secret detail 4242 from the server")
