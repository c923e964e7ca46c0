"""YAML documents checked against a pydantic model, with every problem named by file, line and field
(``tables[1].fields[2].erase``) — the register file and the connectors' dataset descriptors both.

Lines come from PyYAML's node marks: the document is composed to nodes first, and each error location
is walked down the node tree to the node it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

Loc = tuple[str | int, ...]
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    line: int | None
    loc: Loc
    message: str

    def field(self) -> str:
        text = ""
        for part in self.loc:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        return text or "(document)"

    def describe(self, filename: str) -> str:
        where = f"{filename}, line {self.line}" if self.line else filename
        return f"{where}, {self.field()}: {self.message}"


class YamlDocError(ValueError):
    """Every problem found in one file, each with its line and field."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(p.describe(filename) for p in problems))


def line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """The line of the node an error location points to (or of the nearest node above it)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                return line
            key, node = match
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def parse(text: str, filename: str, error: type[YamlDocError] = YamlDocError) -> tuple[yaml.Node | None, Any]:
    """The node tree (for lines) and the data, or ``error`` naming the line YAML could not read."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise error(
            filename, [Problem(mark.line + 1 if mark else None, (), f"not valid YAML: {exc.problem}")]
        ) from None
    except yaml.YAMLError as exc:
        raise error(filename, [Problem(None, (), f"not valid YAML: {exc}")]) from None
    return root, data


def validate(
    model: type[Model], text: str, filename: str, what: str, error: type[YamlDocError] = YamlDocError
) -> tuple[Model, yaml.Node | None]:
    """The document as ``model``, and its node tree for locating later problems; ``error`` listing
    every problem pydantic found otherwise. ``what`` names the top level ("a mapping of sections")."""
    root, data = parse(text, filename, error)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise error(filename, [Problem(line_of(root, ()), (), f"the file must be {what}")])
    try:
        return model.model_validate(data), root
    except PydanticError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown field {loc[-1]!r}"
            problems.append(Problem(line_of(root, loc), loc, message))
        raise error(filename, problems) from None
