"""Minimal nested-structure helpers (lists, tuples, dicts; other values are leaves)."""


def is_nested(x):
    return isinstance(x, (list, tuple, dict))


def flatten(x):
    out = []

    def walk(v):
        if isinstance(v, dict):
            for k in sorted(v, key=str):
                walk(v[k])
        elif isinstance(v, (list, tuple)):
            for e in v:
                walk(e)
        else:
            out.append(v)

    walk(x)
    return out


def map_structure(fn, x):
    if isinstance(x, dict):
        return type(x)((k, map_structure(fn, v)) for k, v in x.items())
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return type(x)(*[map_structure(fn, v) for v in x])
    if isinstance(x, (list, tuple)):
        return type(x)(map_structure(fn, v) for v in x)
    return fn(x)


def pack_sequence_as(structure, flat):
    it = iter(flat)

    def build(s):
        if isinstance(s, dict):
            values = {k: build(s[k]) for k in sorted(s, key=str)}
            return type(s)((k, values[k]) for k in s)
        if isinstance(s, tuple) and hasattr(s, "_fields"):
            return type(s)(*[build(v) for v in s])
        if isinstance(s, (list, tuple)):
            return type(s)(build(v) for v in s)
        return next(it)

    return build(structure)


def map_structure_up_to(structure, fn, *values):
    return pack_sequence_as(structure, [fn(*args) for args in zip(*(flatten(v) for v in values))])
