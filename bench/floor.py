"""The floor for a view: the cheapest Streamlit page that shows the same elements with the same content.

`capture(at)` walks a finished AppTest run of the app and records every element in order (texts, the Plotly
figures' JSON, the tables, the metrics, the widgets with their options, the containers), with the bytes of
each eager download. `bench/floor_app.py` replays that record: the figures and tables are built once per
process (`st.cache_resource`), so a floor run only emits elements, as a hand-written page of constants
would. Nothing is queried, cached per filter or formatted.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

TEXT = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error")


def run_captured(app: Path, query: dict | None = None) -> tuple[object, list]:
    """Run `app` once under AppTest and capture its page; eager downloads' bytes are recorded as they are
    handed to `st.download_button` (the test runtime's media storage is gone once the run ends)."""
    from streamlit.elements.widgets.button import ButtonMixin
    from streamlit.testing.v1 import AppTest

    original, data = ButtonMixin.download_button, {}

    def recording(self, label, payload, *args, **kwargs):
        data[kwargs.get("key")] = payload if isinstance(payload, bytes | str) else None
        return original(self, label, payload, *args, **kwargs)

    ButtonMixin.download_button = recording
    try:
        at = AppTest.from_file(str(app), default_timeout=120)
        for name, value in (query or {}).items():
            at.query_params[name] = value
        at.run()
    finally:
        ButtonMixin.download_button = original
    assert not at.exception, at.exception
    return at, [_walk(at._tree[0], data), _walk(at._tree[1], data)]


def _walk(node, data: dict) -> list:
    out = []
    for child in node.children.values():
        item = _item(child, data)
        if item is not None:
            out.append(item)
    return out


def _item(node, data: dict):
    kind = node.type
    if kind in TEXT:
        return (kind, node.proto.body if hasattr(node.proto, "body") else node.value)
    if kind == "flex_container":
        columns = [c for c in node.children.values() if c.type == "column"]
        if columns:
            return ("columns", [c.weight for c in columns], columns[0].gap, [_walk(c, data) for c in columns])
        return ("container", _walk(node, data))
    if kind == "expander":
        return ("expander", node.label, _walk(node, data))
    if kind == "tab_container":  # the open tab is the one with children (only the open tab is drawn)
        tabs = list(node.children.values())
        opened = next((tab.label for tab in tabs if tab.children), tabs[0].label)
        return ("tabs", [tab.label for tab in tabs], opened, _key(node), [_walk(tab, data) for tab in tabs])
    if kind == "plotly_chart":
        return ("plotly_chart", node.proto.spec, node.proto.alt, _key(node), json.loads(node.proto.config or "{}"))
    if kind == "code":
        return ("code", node.value, node.language or None)
    if kind == "dataframe":
        config = {k: v for k, v in json.loads(node.proto.columns or "{}").items() if k != "_index"}
        return ("dataframe", node.value, config or None)
    if kind == "download_button":
        return ("download_button", node.label, data.get(_key(node)), _key(node), node.proto.help or None)
    if kind == "metric":
        return ("metric", node.label, node.value, node.help)
    if kind == "button":
        return ("button", node.proto.label, _key(node), node.proto.type or "secondary", node.proto.icon or None,
                node.proto.help or None)
    if kind in ("button_group", "toggle", "selectbox", "select_slider", "multiselect"):
        return (kind, node.label, list(getattr(node, "options", [])), _key(node), node.proto.help or None)
    if kind == "html":
        return ("html", node.proto.body)
    return None


def _key(node) -> str:
    """The key the script gave (`$$ID-<hash>-<key>`)."""
    return node.proto.id.split("-", 2)[2] if node.proto.id.count("-") >= 2 else ""


def counts(page: list) -> Counter:
    """How many of each element kind a captured page holds (containers included)."""
    found: Counter = Counter()

    def visit(items):
        for item in items:
            found[item[0]] += 1
            if item[0] in ("columns", "tabs"):
                for column in item[-1]:
                    visit(column)
            elif item[0] in ("container", "expander"):
                visit(item[-1])
    for part in page:
        visit(part)
    return found


def save(page: list, path: Path) -> Path:
    import pickle

    path.write_bytes(pickle.dumps(page))
    return path


def mapped(items: list, change) -> list:
    """A captured page part with `change(item)` made of each element; containers keep their shape, their
    children changed alike."""
    out = []
    for item in items:
        if item[0] in ("columns", "tabs"):
            item = (*item[:-1], [mapped(c, change) for c in item[-1]])
        elif item[0] in ("container", "expander"):
            item = (*item[:-1], mapped(item[-1], change))
        else:
            item = change(item)
        out.append(item)
    return out


def prebuilt(path: str) -> list:
    """The saved page with each figure's JSON turned into a Plotly figure, once."""
    import pickle

    import plotly.graph_objects as go

    def build(item):
        return (item[0], go.Figure(json.loads(item[1])), *item[2:]) if item[0] == "plotly_chart" else item
    return [mapped(part, build) for part in pickle.loads(Path(path).read_bytes())]


class ScriptTimer:
    """Seconds each AppTest script run spends in its script thread: the server's work (the script, its caches,
    the elements' serialisation), without the test harness's polling and tree parsing around it."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.profile = None  # a cProfile.Profile to run each script run under, when set

    def __enter__(self) -> ScriptTimer:
        import time

        from streamlit.testing.v1 import local_script_runner

        runner = local_script_runner.LocalScriptRunner
        self._original = original = runner._run_script_thread
        # A server compiles its script once, into the Runtime's one ScriptCache; AppTest gives each run a new
        # cache, so each run would also pay the compile (0.5–0.8 ms here), which a server's runs never do.
        self._cache_class, shared = local_script_runner.ScriptCache, local_script_runner.ScriptCache()
        local_script_runner.ScriptCache = lambda: shared

        def timed(runner_self) -> None:
            profile = self.profile
            started = time.perf_counter()
            if profile is not None:
                profile.enable()
            try:
                original(runner_self)
            finally:
                if profile is not None:
                    profile.disable()
                self.seconds.append(time.perf_counter() - started)

        runner._run_script_thread = timed
        return self

    def __exit__(self, *exc) -> None:
        from streamlit.testing.v1 import local_script_runner

        local_script_runner.LocalScriptRunner._run_script_thread = self._original
        local_script_runner.ScriptCache = self._cache_class

    def run(self, app: Path, query: dict | None = None) -> float:
        """One script run of `app` in a new session (with `query` in its URL); its seconds."""
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(app), default_timeout=120)
        for name, value in (query or {}).items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, at.exception
        return self.seconds[-1]


def main() -> None:
    """`python -m bench.floor OUT_DIR QUERY_JSON...`: capture the app's page for each query (one per line of
    output: the pickle's path), in a process of its own so the timing process starts with cold caches."""
    import sys

    out, queries = Path(sys.argv[1]), [json.loads(q) for q in sys.argv[2:]]
    app = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    for i, query in enumerate(queries):
        print(save(run_captured(app, query)[1], out / f"page-{i}.pkl"), flush=True)


if __name__ == "__main__":
    main()
