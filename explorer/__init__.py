"""The Streamlit explorer: one module per page, run by ``app.py``.

Pages read the graph only through ``queries/`` and the store (:mod:`explorer.state`);
results are cached by :mod:`explorer.data`. A page module renders when Streamlit runs it
as a page (``__name__ == "__main__"``) and does nothing on import.
"""
