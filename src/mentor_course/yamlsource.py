"""Load YAML into pydantic models with errors that name the file, line and field.

PyYAML keeps line numbers only on its node tree, so the file is composed once
into nodes; a pydantic error's location (a path of keys and indexes) is then
walked down that tree to find the line of the offending value.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from mentor_course.errors import FileReadError, SourceError, SourceErrors
from mentor_course.files import read_text

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
TOO_DEEP = "this is nested too deeply to read (thousands of levels); check the file"


class At(ValueError):
    """A validation problem at a place below the validated object.

    Raised from a model validator with `where`, the path from that model to the
    field at fault (e.g. `("choices", 1, "id")`), so the error names that field
    and its line instead of the whole object.
    """

    def __init__(self, message: str, *where: str | int) -> None:
        super().__init__(message)
        self.where = where


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a mapping with the same key twice."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def locate(root: yaml.Node | None, loc: Sequence[str | int]) -> tuple[int | None, str]:
    """The 1-based line and readable field path (`questions[2].choices[0]`) of `loc`.

    The line is that of the deepest node on `loc` that exists in the file. A
    tagged union adds its tag (e.g. `single`) to pydantic's path; such a part
    names no key in the file and is skipped, unless it is the last part, which
    is then a missing field.
    """
    node, line, field = root, (root.start_mark.line + 1 if root is not None else None), ""
    for position, part in enumerate(loc):
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    # An unknown key is reported at the key itself.
                    child, line = value_node, key_node.start_mark.line + 1
                    break
            if child is None and position < len(loc) - 1:
                continue
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
        if child is None:
            break
        node = child
    return line, field


def _full_loc(error: Any) -> tuple[str | int, ...]:
    """The error's location; a bad union tag is reported at the tag field itself."""
    loc = tuple(error["loc"])
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, At):
        loc += cause.where
    if error["type"] in {"union_tag_invalid", "union_tag_not_found"}:
        loc += (error["ctx"]["discriminator"].strip("'"),)
    return loc


def _advice(error: Any) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "this required field is missing; add it"
    if kind == "extra_forbidden":
        return "unknown field; remove it or check its spelling"
    if kind == "union_tag_invalid":
        return f"unknown type {error['ctx']['tag']!r}; use one of {error['ctx']['expected_tags']}"
    if kind == "union_tag_not_found":
        return "this field is missing; use one of the types in quizzes/README.md"
    if kind == "too_short":
        return f"needs at least {error['ctx']['min_length']} entries; add more"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else kind


def load_model(
    path: Path,
    model: type[ModelT],
    error: type[SourceError],
    context: dict[str, Any] | None = None,
) -> ModelT:
    """Parse `path` as YAML and validate it as `model`, raising every problem found.

    Raises a list of `error(...)` instances wrapped in `SourceErrors`.
    """
    try:
        text = read_text(path)
    except FileReadError as exc:
        raise SourceErrors([error(path, exc.line, "", exc.message)]) from None
    # One parse: the node tree keeps line numbers, and the data is built from it.
    loader = None
    try:
        loader = _UniqueKeyLoader(text)  # refuses a NUL or other control character at once
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.reader.ReaderError as exc:
        at = text.count("\n", 0, exc.position) + 1
        problem = f"holds a character YAML does not allow (U+{exc.character:04X}); remove it"
        raise SourceErrors([error(path, at, "", problem)]) from None
    except RecursionError:  # PyYAML composes nested nodes recursively
        raise SourceErrors([error(path, None, "", TOO_DEEP)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise SourceErrors(
            [
                error(
                    path,
                    line,
                    "",
                    f"this is not valid YAML ({problem}); check indentation and quoting",
                )
            ]
        ) from exc
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise SourceErrors([error(path, 1, "", "the file must hold a YAML mapping of fields")])
    try:
        return model.model_validate(data, context={"path": path, **(context or {})})
    except pydantic.ValidationError as exc:
        problems = [
            error(path, *locate(root, _full_loc(err)), _advice(err)) for err in exc.errors()
        ]
        raise SourceErrors(problems) from exc
