"""A small JSON Schema validator for the report schema (no third-party dependency).

It understands the subset ``conformance/schema/report.schema.json`` uses:
``type`` (one or several), ``enum``, ``const``, ``required``, ``properties``,
``additionalProperties`` (false or a schema), ``propertyNames``, ``items``,
``minimum`` and local ``$ref`` (``#/$defs/...``). ``format`` is ignored.
"""

import json
import os

SCHEMA_PATH = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "schema", "report.schema.json"
)
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def load_schema(path=SCHEMA_PATH):
    """The parsed report schema."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _is_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def errors(value, schema, root=None, path="$", limit=20):
    """Every way ``value`` violates ``schema`` (at most ``limit``), as ``"path: problem"``."""
    root = schema if root is None else root
    out = []

    def check(v, s, p):
        if len(out) >= limit:
            return
        if "$ref" in s:
            node = root
            for part in s["$ref"].lstrip("#/").split("/"):
                node = node[part]
            check(v, node, p)
            return
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not any(_is_type(v, t) for t in types):
                out.append(f"{p}: {type(v).__name__} is not of type {types}")
                return
        if "const" in s and v != s["const"]:
            out.append(f"{p}: {v!r} is not {s['const']!r}")
        if "enum" in s and v not in s["enum"]:
            out.append(f"{p}: {v!r} is not one of {s['enum']}")
        if "minimum" in s and _is_type(v, "number") and v < s["minimum"]:
            out.append(f"{p}: {v!r} is below {s['minimum']}")
        if isinstance(v, dict):
            for key in s.get("required", []):
                if key not in v:
                    out.append(f"{p}: lacks {key!r}")
            props = s.get("properties", {})
            for key, item in v.items():
                if "propertyNames" in s:
                    check(key, s["propertyNames"], f"{p}.{key}(name)")
                if key in props:
                    check(item, props[key], f"{p}.{key}")
                elif s.get("additionalProperties") is False:
                    out.append(f"{p}: unexpected property {key!r}")
                elif isinstance(s.get("additionalProperties"), dict):
                    check(item, s["additionalProperties"], f"{p}.{key}")
        if isinstance(v, list) and "items" in s:
            for i, item in enumerate(v):
                check(item, s["items"], f"{p}[{i}]")

    check(value, schema, path)
    return out


def validate(report, schema=None):
    """Raises ValueError listing the violations of the report schema, if any."""
    problems = errors(report, schema or load_schema())
    if problems:
        raise ValueError("report does not match report.schema.json:\n" + "\n".join(problems))
    return report
