"""Link the widgets' ES modules into the one file each host loads, in Python.

The front-end sources in `static/` are ordinary ES modules that import each
other by relative path (`import { h } from "./helpers.js"`), so Node's test
runner reads them as they are. A host cannot: anywidget loads a notebook
widget's `_esm` from a Blob URL, where relative imports have no base, and the
static book runs from `file://`, where module scripts are refused. So each
module becomes a factory, `function (__load) { ...; return { exports }; }`, with
its imports turned into `__load("helpers")` calls:

- `linked_module(entry)` is one ES module for anywidget: the factories of
  everything `entry` imports, a loader, then `entry` itself with its exports;
- `factories(entries)` is the factories of `entries` and all they import, for
  the book's classic scripts (`widget-host.js` supplies the loader; the
  script must begin with "use strict", as an ES module is strict by itself).

This is a text rewrite, not a bundler: it accepts exactly the forms our modules
use (named imports of relative paths, `export` on top-level declarations,
`export default`) and refuses anything else with the file and line. Nothing
needs Node at install time, and the result is made from the sources on every
load, so there is no generated file to fall out of date.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass

from mentor_course.errors import MentorCourseError
from mentor_course.widgets.assets import STATIC

IMPORT = re.compile(
    r'^import\s*\{(?P<names>[^}]*)\}\s*from\s*"(?P<path>\.\.?/[^"]+\.js)";?[ \t]*$', re.MULTILINE
)
IMPORT_DEFAULT = re.compile(
    r'^import\s+(?P<name>[A-Za-z_$][\w$]*)\s+from\s*"(?P<path>\.\.?/[^"]+\.js)";?[ \t]*$',
    re.MULTILINE,
)
REEXPORT = re.compile(r"^export\s*\{(?P<names>[^}]*)\};?[ \t]*$", re.MULTILINE)
# `export default ...`, or `export [async] function|const|let|class NAME` at the start of a line.
EXPORT = re.compile(
    r"^export\s+(?:(?P<default>default)\s+"
    r"|(?P<declaration>(?:async\s+)?(?:function\*?|const|let|class))\s+(?P<name>[A-Za-z_$][\w$]*))",
    re.MULTILINE,
)
# What the rewrite cannot turn into a factory.
MODULE_ONLY = re.compile(r"^\s*(?:import|export)\b|\bimport\.meta\b|\bimport\s*\(", re.MULTILINE)


class LinkError(MentorCourseError):
    """A widget module in a form the linker does not take."""


@dataclass(frozen=True)
class Module:
    name: str  # path below static/ without ".js", e.g. "types/single"
    body: str  # the source with imports turned into load() calls, exports kept
    imports: tuple[str, ...]


def _name(path: str, importer: str) -> str:
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(importer), path))
    return joined.removesuffix(".js")


def _bindings(names: str) -> str:
    """`a, b as c` (import syntax) as `a, b: c` (destructuring syntax)."""
    parts = [part.split(" as ") for part in (n.strip() for n in names.split(",")) if part]
    return ", ".join(
        p[0].strip() if len(p) == 1 else f"{p[0].strip()}: {p[1].strip()}" for p in parts
    )


def module(name: str) -> Module:
    path = STATIC / f"{name}.js"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LinkError(f"{path}: cannot read this widget module ({exc.strerror})") from None
    imports: list[str] = []

    def named(match: re.Match[str]) -> str:
        imports.append(_name(match["path"], name))
        return f"const {{ {_bindings(match['names'])} }} = __load({json.dumps(imports[-1])});"

    def default(match: re.Match[str]) -> str:
        imports.append(_name(match["path"], name))
        return f"const {match['name']} = __load({json.dumps(imports[-1])}).default;"

    body = IMPORT_DEFAULT.sub(default, IMPORT.sub(named, source))
    return Module(name, body, tuple(dict.fromkeys(imports)))


def closure(entries: list[str]) -> list[str]:
    """`entries` and every module they import, each once, dependencies first."""
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise LinkError(f"{STATIC / name}.js imports itself through {sorted(visiting)}")
        visiting.add(name)
        for dependency in module(name).imports:
            visit(dependency)
        visiting.discard(name)
        ordered.append(name)

    for entry in entries:
        visit(entry)
    return ordered


def factory(name: str) -> str:
    """Module `name` as `function (__load) { ... return { exports }; }`."""
    exported: list[str] = []

    def unexport(match: re.Match[str]) -> str:
        if match["default"]:
            exported.append("default: __default")
            return "const __default = "
        exported.append(match["name"])
        return f"{match['declaration']} {match['name']}"

    def reexport(match: re.Match[str]) -> str:
        exported.extend(n.strip() for n in match["names"].split(",") if n.strip())
        return ""

    body = EXPORT.sub(unexport, REEXPORT.sub(reexport, module(name).body))
    leftover = MODULE_ONLY.search(body)
    if leftover:
        line = body.count("\n", 0, leftover.start()) + 1
        raise LinkError(
            f"{STATIC / name}.js:{line}: widget modules may only import named or default "
            'exports of our own modules (import { a } from "./x.js") and export top-level '
            "declarations"
        )
    return f"function (__load) {{\n{body}\nreturn {{ {', '.join(exported)} }};\n}}"


def factories(entries: list[str]) -> str:
    """`{"name": factory, ...}` for `entries` and all they import, as a JS object literal."""
    return "{\n" + ",\n".join(f"{json.dumps(n)}: {factory(n)}" for n in closure(entries)) + "\n}"


def linked_module(entry: str) -> str:
    """`entry` as one ES module with no imports: what anywidget loads as `_esm`."""
    dependencies = closure([entry])[:-1]
    if not dependencies:
        return module(entry).body
    loader = (
        f"const __factories = {factories(dependencies)};\n"
        "const __loaded = {};\n"
        "function __load(name) {\n"
        "  if (!(name in __loaded)) __loaded[name] = __factories[name](__load);\n"
        "  return __loaded[name];\n"
        "}\n"
    )
    header = f"// Linked by mentor_course.widgets.linker from static/{entry}.js.\n"
    return header + loader + module(entry).body
