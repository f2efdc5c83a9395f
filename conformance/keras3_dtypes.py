"""Checks keras_core's result dtypes against Keras 3's (``data/keras3_dtypes.json``).

The table (written by ``tools/record_keras3_dtypes.py``) holds, per op, input dtype and
registry case, the result dtypes Keras 3 gives on its jax, tensorflow and torch
backends. This module runs the same cases on the active keras_core backend and
compares: a pair *agrees* when every result dtype matches. Rows where Keras 3's own
backends disagree carry a ``why`` in the table and are not judged; deliberate
differences of keras_core are listed with their reason in ``data/keras3_dtypes_why.json``
(keys ``op`` or ``op/dtype``).

    KERAS_BACKEND=numpy python -m conformance.keras3_dtypes [--ops add,mean] [--list]
"""

import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "data", "keras3_dtypes.json")
WHY = os.path.join(HERE, "data", "keras3_dtypes_why.json")


def load(path=TABLE):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_why(path=WHY):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return {k: v for k, v in json.load(f).items() if not k.startswith("_")}


def deliberate(why, op, dtype, case_id=""):
    """The reason keras_core deliberately differs for (op, dtype, case), or None."""
    return why.get(f"{op}/{dtype}/{case_id}") or why.get(f"{op}/{dtype}") or why.get(op)


def our_dtypes(entry, case):
    """The result dtypes of keras_core's op for ``case`` (raises what the op raises)."""
    from conformance import backends
    from conformance.harness import to_backend_args
    from keras_core.backend.common import tree
    from keras_core.backend.common.dtypes import standardize_dtype

    args, kwargs = to_backend_args(case)
    out = entry.op()(*args, **kwargs)
    leaves = tree.flatten(out)
    result = []
    for x in leaves:
        d = getattr(x, "dtype", None)
        result.append(standardize_dtype(d) if d is not None else type(x).__name__)
    del backends
    return result


def check(ops=None, table=None, why=None):
    """Compares every judged row; returns ``(counts, disagreements)``.

    counts: ``recorded`` (rows with a Keras 3 result), ``judged`` (Keras 3's backends
    agree and no deliberate difference), ``agree``, ``disagree``, ``keras3_split``
    (Keras 3's backends disagree), ``deliberate``, ``ours_raise``.
    """
    from conformance.registry import all_entries
    from conformance.tools.record_keras3_dtypes import cases_for

    table = load() if table is None else table
    why = load_why() if why is None else why
    entries = all_entries()
    counts = collections.Counter()
    bad = []
    for op, per in sorted(table["ops"].items()):
        if ops and op not in ops:
            continue
        if "missing" in per or op not in entries:
            counts["missing_in_keras3"] += 1
            continue
        entry = entries[op]
        for dtype, rows in sorted(per.items()):
            cases = dict(cases_for(entry, dtype))
            for cid, row in sorted(rows.items()):
                if "keras3" not in row and "per_backend" not in row:
                    continue
                counts["recorded"] += 1
                if "keras3" not in row:
                    counts["keras3_split"] += 1
                    continue
                reason = deliberate(why, op, dtype, cid)
                if reason:
                    counts["deliberate"] += 1
                    continue
                case = cases.get(cid)
                if case is None:
                    counts["case_gone"] += 1
                    continue
                counts["judged"] += 1
                try:
                    ours = our_dtypes(entry, case)
                except Exception as e:
                    counts["ours_raise"] += 1
                    bad.append((op, dtype, cid, row["keras3"], f"raises {type(e).__name__}"))
                    continue
                if ours == row["keras3"]:
                    counts["agree"] += 1
                else:
                    counts["disagree"] += 1
                    bad.append((op, dtype, cid, row["keras3"], ours))
    return dict(counts), bad


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m conformance.keras3_dtypes")
    p.add_argument("--ops", default="")
    p.add_argument("--table", default=TABLE, help="the recorded table (JSON)")
    p.add_argument("--list", action="store_true", help="list every disagreement")
    p.add_argument("--json", default="", help="write counts and disagreements as JSON")
    a = p.parse_args(argv)
    ops = [x for x in a.ops.split(",") if x] or None
    counts, bad = check(ops, load(a.table))
    print(json.dumps(counts, sort_keys=True))
    by_op = collections.Counter(op for op, *_ in bad)
    print(f"{len(bad)} disagreements in {len(by_op)} ops")
    for op, n in by_op.most_common():
        example = next(b for b in bad if b[0] == op)
        print(
            f"  {op}: {n} (e.g. {example[1]}/{example[2]}: keras3 {example[3]}, ours {example[4]})"
        )
        if a.list:
            for b in bad:
                if b[0] == op:
                    print(f"      {b[1]}/{b[2]}: keras3 {b[3]}, ours {b[4]}")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"counts": counts, "disagreements": bad}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
