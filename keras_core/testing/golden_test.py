"""The golden loader refuses a file whose sha256 differs from the manifest, by name,
and resolves names in both golden sets (numpy, keras3)."""

import json
import shutil

import pytest

from keras_core.testing import golden


def test_changed_golden_file_fails_by_name(tmp_path, monkeypatch):
    name = "conv2d_same_stride2"
    src = golden.source_dir("keras3")
    entry = json.loads((src / "manifest.json").read_text())[name]
    copy = tmp_path / "golden"
    (copy / "keras3" / entry["file"]).parent.mkdir(parents=True)
    shutil.copy(src / "manifest.json", copy / "keras3" / "manifest.json")
    target = copy / "keras3" / entry["file"]
    shutil.copy(src / entry["file"], target)
    monkeypatch.setattr(golden, "GOLDEN_DIR", copy)
    golden.load_case(name, source="keras3")  # the intact copy loads
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=f"Golden '{name}'.*sha256") as info:
        golden.load_case(f"keras3/{name}")
    assert entry["sha256"] in str(info.value)
    assert "golden/keras3/record.py" in str(info.value)


def test_names_and_sources():
    assert golden.split_name("keras3/dense_x") == ("keras3", "dense_x")
    assert golden.split_name("dense_x") == ("numpy", "dense_x")
    assert golden.split_name("dense_x", "keras3") == ("keras3", "dense_x")
    assert golden.qualified_name("dense_x", "keras3") == "keras3/dense_x"
    assert golden.qualified_name("dense_x") == "dense_x"
    assert golden.source_dir("numpy") == golden.GOLDEN_DIR
    with pytest.raises(ValueError, match="source"):
        golden.source_dir("keras2")
    with pytest.raises(ValueError, match="names the 'keras3' set"):
        golden.split_name("keras3/dense_x", "numpy")
    with pytest.raises(KeyError, match="No numpy golden named"):
        golden.load_case("conv2d_same_stride2_not_a_case")
    assert golden.case_names("pooling", source="keras3")
