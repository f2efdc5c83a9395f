"""Pillow-based image helpers. The round trips need Pillow; the error without it is always checked."""

import io
import sys

import numpy as np
import pytest

from keras_core import backend, ops
from keras_core.preprocessing import image as preprocessing_image
from keras_core.utils import array_to_img, img_to_array, load_img, save_img

try:
    import PIL  # noqa: F401

    HAVE_PIL = True
except ImportError:
    HAVE_PIL = False

needs_pil = pytest.mark.skipif(not HAVE_PIL, reason="Pillow is not installed")


def test_missing_pillow_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ImportError, match="pip install Pillow"):
        array_to_img(np.zeros((2, 2, 3)))
    with pytest.raises(ImportError, match="Pillow"):
        load_img(str(tmp_path / "x.png"))


def test_preprocessing_image_aliases():
    assert preprocessing_image.load_img is load_img
    assert preprocessing_image.array_to_img is array_to_img


@needs_pil
@pytest.mark.parametrize("channels,mode", [(3, "RGB"), (4, "RGBA"), (1, "L")])
def test_png_round_trip_is_exact(tmp_path, channels, mode):
    rng = np.random.RandomState(channels)
    x = rng.randint(0, 256, (5, 7, channels)).astype("float32")
    path = tmp_path / "img.png"
    save_img(str(path), x, scale=False)
    color_mode = {"RGB": "rgb", "RGBA": "rgba", "L": "grayscale"}[mode]
    img = load_img(str(path), color_mode=color_mode)
    assert img.mode == mode and img.size == (7, 5)
    arr = img_to_array(img)
    assert arr.dtype == np.float32 and arr.shape == (5, 7, channels)
    np.testing.assert_array_equal(arr, x)
    first = img_to_array(img, data_format="channels_first", dtype="uint8")
    assert first.dtype == np.uint8
    np.testing.assert_array_equal(first, x.transpose(2, 0, 1))


@needs_pil
def test_array_to_img_scaling_tensors_and_channels_first():
    x = np.array([[[0.0], [0.5]], [[1.0], [0.25]]], dtype="float32")
    img = array_to_img(ops.convert_to_tensor(x))
    np.testing.assert_array_equal(
        np.asarray(img), (x[..., 0] * 255).astype("uint8")
    )  # truncated, not rounded
    rgb = np.arange(2 * 3 * 4).reshape(3, 2, 4).astype("float32")
    img = array_to_img(rgb, data_format="channels_first", scale=False)
    assert img.size == (4, 2)
    np.testing.assert_array_equal(np.asarray(img), rgb.transpose(1, 2, 0).astype("uint8"))
    with pytest.raises(ValueError, match="rank 3"):
        array_to_img(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="1, 3 or 4 channels"):
        array_to_img(np.zeros((2, 2, 2)))
    assert backend.is_tensor(ops.convert_to_tensor(x))


@needs_pil
def test_load_img_resize_crop_and_file_objects(tmp_path):
    x = np.zeros((4, 8, 3), dtype="float32")
    x[:, 2:6] = 255.0
    path = tmp_path / "wide.png"
    save_img(path, x, scale=False)
    img = load_img(path, target_size=(2, 2), keep_aspect_ratio=True)
    assert img.size == (2, 2)
    np.testing.assert_array_equal(np.asarray(img), 255)
    img = load_img(path, target_size=(2, 4), interpolation="nearest")
    np.testing.assert_array_equal(np.asarray(img)[0, :, 0], [0, 255, 255, 0])
    buf = io.BytesIO(path.read_bytes())
    assert load_img(buf).size == (8, 4)
    out = io.BytesIO()
    save_img(out, x, file_format="png", scale=False)
    assert out.getvalue()[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="interpolation='cubicle'"):
        load_img(path, target_size=(2, 2), interpolation="cubicle")
    with pytest.raises(ValueError, match="JPEG cannot store an alpha channel"):
        save_img(tmp_path / "a.jpg", np.zeros((2, 2, 4)))
