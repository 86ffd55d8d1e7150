"""A `metric` rule's formula and condition: arithmetic on named numbers, evaluated safely.

Vale evaluates them as Tengo expressions (`math := import("math"); __res__ := (...)`).
newslint reads the part of that language a formula needs: numbers, the variables,
+ - * / %, parentheses, comparisons, && || !, and math.NAME(...) for the functions below;
anything else (attribute access, other calls, strings...) is an error when the rule
loads. Python's `ast` parses it and a small walker evaluates it: nothing is executed.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from typing import Any, Callable, Mapping

from newslint.schema import OptionError, shown

_FUNCTIONS: Mapping[str, Callable[..., float]] = {
    "sqrt": math.sqrt, "abs": abs, "floor": math.floor, "ceil": math.ceil, "log": math.log,
    "log10": math.log10, "log2": math.log2, "exp": math.exp, "pow": math.pow, "round": round,
    "min": min, "max": max, "trunc": math.trunc,
}
_BINARY: Mapping[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Mod: operator.mod,
}
_COMPARE: Mapping[type, Callable[[Any, Any], bool]] = {
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Eq: operator.eq, ast.NotEq: operator.ne,
}
MAX_LENGTH = 2000


class FormulaError(ArithmeticError):
    """A formula that cannot be evaluated on these numbers (a division by zero...)."""


def _python(source: str) -> str:
    # Tengo's && || ! as Python's and or not (`!=` stays).
    source = source.replace("&&", " and ").replace("||", " or ")
    return re.sub(r"!(?!=)", " not ", source)


def parse(key: str, source: str, variables: frozenset[str]) -> ast.Expression:
    """The formula as a checked syntax tree; OptionError naming `key` when it is not one."""
    if len(source) > MAX_LENGTH:
        raise OptionError(key, f"a formula longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(_python(source.strip()), mode="eval")
    except SyntaxError as exc:
        raise OptionError(key, f"cannot read {shown(source)}: {exc.msg}") from None
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in called:
            raise OptionError(key, f"Attribute is not allowed in {shown(source)}")
        if isinstance(node, ast.Call):
            func = node.func
            if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "math"
                    and func.attr in _FUNCTIONS) or node.keywords:
                raise OptionError(key, f"only math.{{{','.join(sorted(_FUNCTIONS))}}}(...) may be called in {shown(source)}")
        elif isinstance(node, ast.Name):
            if node.id not in variables and (node.id != "math" or not any(
                    isinstance(c, ast.Attribute) and c.value is node and id(c) in called for c in ast.walk(tree))):
                raise OptionError(key, f"unknown variable {node.id!r} in {shown(source)} "
                                       f"(known: {', '.join(sorted(variables))})")
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float)) or isinstance(node.value, bool):
                raise OptionError(key, f"only numbers may be written in {shown(source)}")
        elif not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Attribute,
                                   ast.Load, ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, *_BINARY, *_COMPARE)):
            raise OptionError(key, f"{type(node).__name__} is not allowed in {shown(source)}")
    return tree


def evaluate(tree: ast.Expression, values: Mapping[str, float]) -> Any:
    try:
        return _eval(tree.body, values)
    except (ZeroDivisionError, OverflowError, ValueError, TypeError) as exc:
        raise FormulaError(str(exc)) from None


def _eval(node: ast.AST, values: Mapping[str, float]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_eval(node.left, values), _eval(node.right, values))
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        return not operand if isinstance(node.op, ast.Not) else (-operand if isinstance(node.op, ast.USub) else +operand)
    if isinstance(node, ast.BoolOp):
        results = [_eval(v, values) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values)
        for op, right_node in zip(node.ops, node.comparators):
            right = _eval(right_node, values)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        args = [_eval(a, values) for a in node.args]
        if node.func.attr == "pow" and abs(args[1] if len(args) > 1 else 0) > 1000:  # type: ignore[attr-defined]
            raise OverflowError("exponent too large")
        return _FUNCTIONS[node.func.attr](*args)  # type: ignore[attr-defined]
    raise TypeError(f"cannot evaluate {type(node).__name__}")
