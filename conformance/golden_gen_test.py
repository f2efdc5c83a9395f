"""The NumPy golden generator: reproducible bytes, refusals, --check by name, manifest."""

import hashlib
import io
import json
import shutil

import numpy as np
import pytest

from conformance import golden_gen
from conformance.__main__ import main as cli_main

FAMILY = "core"  # a small family for the copies below


@pytest.fixture
def copy(tmp_path):
    """A copy of one family's cases, data and manifest entries under tmp_path."""
    root = tmp_path / "golden"
    (root / "cases").mkdir(parents=True)
    shutil.copy(golden_gen.ROOT / "cases" / f"{FAMILY}.py", root / "cases")
    shutil.copytree(golden_gen.ROOT / "data" / FAMILY, root / "data" / FAMILY)
    manifest = golden_gen.read_manifest()
    golden_gen.write_manifest(root, {n: e for n, e in manifest.items() if e["family"] == FAMILY})
    return root


def _run(fn, *args, **kwargs):
    out = io.StringIO()
    code = fn(*args, out=out, **kwargs)
    return code, out.getvalue()


def test_committed_goldens_are_current():
    # Every case of golden/cases/ regenerates to the committed bytes and manifest.
    code, text = _run(golden_gen.check)
    assert code == 0, text


def test_regenerate_into_empty_dir_is_byte_identical(tmp_path):
    root = tmp_path / "golden"
    shutil.copytree(golden_gen.ROOT / "cases", root / "cases")
    code, text = _run(golden_gen.regenerate, root)
    assert code == 0, text
    ours, theirs = golden_gen.read_manifest(root), golden_gen.read_manifest()
    assert ours == theirs
    for entry in ours.values():
        assert (root / entry["file"]).read_bytes() == (golden_gen.ROOT / entry["file"]).read_bytes()
    assert (root / "manifest.json").read_bytes() == (golden_gen.ROOT / "manifest.json").read_bytes()
    # A second run writes nothing.
    code, text = _run(golden_gen.regenerate, root)
    assert code == 0 and "0 written" in text


def test_tampered_file_fails_check_by_name(copy):
    assert _run(golden_gen.check, copy)[0] == 0
    entry = golden_gen.read_manifest(copy)["dense_units4"]
    target = copy / entry["file"]
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF
    target.write_bytes(bytes(data))
    (copy / golden_gen.read_manifest(copy)["identity_rank3"]["file"]).unlink()
    code, text = _run(golden_gen.check, copy)
    assert code == 1
    assert "dense_units4: data/core/dense_units4.npz differs" in text
    assert "dense_units4: data/core/dense_units4.npz does not match the manifest's sha256" in text
    assert "identity_rank3: data/core/identity_rank3.npz is missing" in text
    assert "embedding_10x4" not in text


def test_manifest_hash_mismatch_fails_check(copy):
    manifest = golden_gen.read_manifest(copy)
    manifest["masking_zero_steps"]["sha256"] = "0" * 64
    golden_gen.write_manifest(copy, manifest)
    code, text = _run(golden_gen.check, copy)
    assert code == 1 and "masking_zero_steps" in text and "sha256" in text


def test_regenerate_refuses_changed_file_without_accept(copy):
    entry = golden_gen.read_manifest(copy)["einsum_dense_ab_bc"]
    target = copy / entry["file"]
    original = target.read_bytes()
    target.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    tampered = target.read_bytes()
    code, text = _run(golden_gen.regenerate, copy)
    assert code == 1
    assert "REFUSED data/core/einsum_dense_ab_bc.npz (einsum_dense_ab_bc)" in text
    assert target.read_bytes() == tampered  # left alone
    code, text = _run(golden_gen.regenerate, copy, accept=True)
    assert code == 0, text
    assert target.read_bytes() == original
    assert _run(golden_gen.check, copy)[0] == 0


def test_changed_case_is_refused_then_accepted(copy):
    path = copy / "cases" / f"{FAMILY}.py"
    path.write_text(path.read_text().replace('"config": {"units": 4}', '"config": {"units": 5}'))
    code, text = _run(golden_gen.regenerate, copy)
    assert code == 1 and "REFUSED data/core/dense_units4.npz" in text
    assert _run(golden_gen.check, copy)[0] == 1
    assert _run(golden_gen.regenerate, copy, accept=True)[0] == 0
    assert golden_gen.read_manifest(copy)["dense_units4"]["shapes"]["weights"] == [[5, 5], [5]]


def test_removed_case_needs_accept(copy):
    path = copy / "cases" / f"{FAMILY}.py"
    path.write_text(path.read_text().replace('"name": "identity_rank3"', '"name": "identity_r3"'))
    code, text = _run(golden_gen.regenerate, copy)
    assert code == 1 and "identity_rank3): the case no longer exists" in text
    assert (copy / "data" / "core" / "identity_rank3.npz").exists()
    assert _run(golden_gen.regenerate, copy, accept=True)[0] == 0
    assert not (copy / "data" / "core" / "identity_rank3.npz").exists()
    assert "identity_rank3" not in golden_gen.read_manifest(copy)


def test_manifest_fields():
    manifest = golden_gen.read_manifest()
    assert manifest
    for name, entry in manifest.items():
        for field in (
            "family",
            "file",
            "sha256",
            "layer",
            "config",
            "call_kwargs",
            "seed",
            "shapes",
            "dtype",
            "generator",
            "case",
        ):
            assert field in entry, (name, field)
        assert entry["dtype"] == "float32"
        assert entry["generator"] == golden_gen.GENERATOR_VERSION
        assert set(entry["shapes"]) == {"inputs", "weights", "outputs"}
        payload = (golden_gen.ROOT / entry["file"]).read_bytes()
        assert hashlib.sha256(payload).hexdigest() == entry["sha256"]
        assert len(payload) <= golden_gen.MAX_FILE_BYTES
    dense = manifest["dense_units4"]
    assert dense["shapes"] == {"inputs": [[3, 5]], "weights": [[5, 4], [4]], "outputs": [[3, 4]]}


def test_npz_bytes_are_deterministic_and_loadable():
    arrays = {"output_0": np.arange(6, dtype="float32").reshape(2, 3), "input_0": np.ones(2)}
    a = golden_gen.npz_bytes(arrays)
    b = golden_gen.npz_bytes(dict(reversed(list(arrays.items()))))
    assert a == b
    with np.load(io.BytesIO(a)) as data:
        np.testing.assert_array_equal(data["output_0"], arrays["output_0"])


def test_generation_draws_inputs_then_kwargs_then_weights():
    case = golden_gen.canonical(
        {
            "name": "x",
            "layer": "Dense",
            "config": {"units": 2},
            "inputs": [[2, 3]],
            "seed": 7,
            "weight_ranges": {"bias": [1.0, 2.0]},
        }
    )
    arrays = golden_gen.generate(case, golden_gen._references())
    rng = np.random.default_rng(7)
    x = rng.uniform(-0.5, 0.5, (2, 3)).astype("float32")
    k = rng.uniform(-0.5, 0.5, (3, 2)).astype("float32")
    b = rng.uniform(1.0, 2.0, (2,)).astype("float32")
    for key, want in (("input_0", x), ("weight_0", k), ("weight_1", b)):
        np.testing.assert_array_equal(arrays[key], want)
    want = x.astype(np.float64) @ k.astype(np.float64) + b.astype(np.float64)
    np.testing.assert_array_equal(arrays["output_0"], want.astype("float32"))
    assert list(arrays["weight_paths"]) == ["kernel", "bias"]


def test_missing_reference_and_unknown_case_are_named(copy):
    path = copy / "cases" / "extra.py"
    path.write_text('CASES = [{"name": "nope_case", "layer": "NoSuchLayer", "inputs": [[1, 2]]}]\n')
    code, text = _run(golden_gen.check, copy)
    assert code == 1 and "nope_case: cannot be generated" in text and "NoSuchLayer" in text
    with pytest.raises(golden_gen.GoldenError, match="Unknown golden case"):
        golden_gen.compute(copy, names=["not_a_case"])


def test_cli(copy, capsys):
    assert cli_main(["golden", "--check", "--root", str(copy)]) == 0
    assert "0 problems" in capsys.readouterr().out
    args = ["golden", "--regenerate", "--root", str(copy), "--case", "dense_units4"]
    assert cli_main(args) == 0
    assert cli_main(["golden", "--check", "--root", str(copy), "--case", "nope"]) == 2
    with pytest.raises(SystemExit):
        cli_main(["golden", "--check", "--accept", "--root", str(copy)])
    json.loads((copy / "manifest.json").read_text())
