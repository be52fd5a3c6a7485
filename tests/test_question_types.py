"""The question-type registries: Python's and the browser's name the same types, each whole.

A type missing on one side must fail here (or when the page is linked), never
in a learner's browser.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mentor_course.quiz.types import QUESTION_TYPES, TYPE_NAMES, QuestionBase
from mentor_course.sphinx.host import BUNDLES
from mentor_course.widgets import linker
from mentor_course.widgets.assets import STATIC

CONTRACT = ["grade", "public_view", "answer_in_words", "right_answer"]
JS_TYPES = (STATIC / "types" / "index.js").as_uri()


def run_node(node: str, source: str) -> str:
    run = subprocess.run(
        [node, "--input-type=module", "-e", source],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_every_python_type_fills_in_the_whole_contract() -> None:
    for cls in QUESTION_TYPES:
        missing = [m for m in CONTRACT if getattr(cls, m) is getattr(QuestionBase, m)]
        assert not missing, f"{cls.__name__} does not define {missing}"


def test_the_browser_registry_names_the_same_types_each_with_the_same_shape(node: str) -> None:
    shapes = json.loads(
        run_node(
            node,
            f"const {{ TYPES }} = await import({json.dumps(JS_TYPES)});"
            "console.log(JSON.stringify(Object.fromEntries(Object.entries(TYPES).map(([k, t]) =>"
            " [k, Object.keys(t).filter((m) => typeof t[m] === 'function').sort()]))));",
        )
    )
    assert sorted(shapes) == sorted(TYPE_NAMES)
    for name, methods in shapes.items():
        assert methods == ["arrange", "grade", "present", "render"], name


def test_an_unknown_type_in_the_browser_is_an_error_naming_the_known_ones(node: str) -> None:
    said = run_node(
        node,
        f"const {{ questionType }} = await import({json.dumps(JS_TYPES)});"
        "try { questionType('singel'); } catch (e) { console.log(e.message); }",
    )
    assert said.startswith('unknown question type "singel"; this page knows single, ')


@pytest.mark.parametrize("widget", sorted(BUNDLES))
def test_each_book_bundle_links_and_loads_in_node(node: str, widget: str) -> None:
    """What a book page runs: the factories, loaded through a cache as widget-host.js does."""
    modules = linker.factories(BUNDLES[widget])
    loaded = run_node(
        node,
        f"const factories = {modules}; const cache = {{}};"
        "const load = (n) => (cache[n] ??= factories[n](load));"
        f"for (const name of {json.dumps(BUNDLES[widget])}) load(name);"
        "console.log(JSON.stringify(Object.keys(cache).sort()));",
    )
    names = json.loads(loaded)
    assert set(BUNDLES[widget]) <= set(names)
    assert "helpers" in names  # every widget draws with the one shared helper module


@pytest.mark.parametrize("widget", ["quiz", "breathing", "plan-builder"])
def test_each_notebook_module_is_one_file_with_a_render(
    node: str, widget: str, tmp_path: Path
) -> None:
    bundle = tmp_path / f"{widget}.mjs"
    bundle.write_text(linker.linked_module(widget), encoding="utf-8")
    said = run_node(
        node,
        f"const m = await import({json.dumps(bundle.as_uri())});"
        "console.log(typeof m.default.render);",
    )
    assert said.strip() == "function"


def test_a_module_in_a_form_the_linker_does_not_take_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "odd.js").write_text(
        '// fine so far\nimport * as everything from "./helpers.js";\nexport default {};\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(linker, "STATIC", tmp_path)
    with pytest.raises(linker.LinkError, match=r"odd\.js:2: widget modules may only import"):
        linker.factory("odd")


def test_a_missing_module_fails_when_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "entry.js").write_text('import { h } from "./gone.js";\n', encoding="utf-8")
    monkeypatch.setattr(linker, "STATIC", tmp_path)
    with pytest.raises(linker.LinkError, match=r"gone\.js: cannot read this widget module"):
        linker.closure(["entry"])
