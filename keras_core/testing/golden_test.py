"""The golden loader refuses a file whose sha256 differs from the manifest, by name."""

import json
import shutil

import pytest

from keras_core.testing import golden


def test_changed_golden_file_fails_by_name(tmp_path, monkeypatch):
    name = "conv2d_same_stride2"
    entry = json.loads((golden.GOLDEN_DIR / "manifest.json").read_text())[name]
    copy = tmp_path / "golden"
    (copy / entry["file"]).parent.mkdir(parents=True)
    shutil.copy(golden.GOLDEN_DIR / "manifest.json", copy / "manifest.json")
    target = copy / entry["file"]
    shutil.copy(golden.GOLDEN_DIR / entry["file"], target)
    monkeypatch.setattr(golden, "GOLDEN_DIR", copy)
    golden.load_case(name)  # the intact copy loads
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=f"Golden '{name}'.*sha256") as info:
        golden.load_case(name)
    assert entry["sha256"] in str(info.value)
