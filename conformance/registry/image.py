"""Registry entries (family "image"), registered as ``image.X``.

References: ``conformance/references/image.py`` (per-pixel loops, colorsys,
scipy.ndimage). Samples are small; float64 samples are tiny (gradient checks).
"""

import numpy as np

from conformance.references import image as rimg
from conformance.registry import Case, Entry, ErrorCase, register
from conformance.samples import rand
from keras_core.backend.common import dtype_rules


def _fd(x):
    return dtype_rules.float_dtype(x)


def _first_float(case, dtype):
    return _fd(case.args[0])


def _cf(x):
    return np.ascontiguousarray(np.moveaxis(x, -1, -3))


def _img(rng, dtype, *shape, low=0.0, high=1.0):
    if dtype == "uint8":
        return rng.integers(0, 256, shape).astype(np.uint8)
    return rand(rng, shape, dtype, low, high)


# ---------------------------------------------------------------------------
# resize


def _resize_samples(dtype, rng):
    if dtype == "float64":
        x = _img(rng, dtype, 1, 3, 3, 1)
        return [Case((x, (4, 5)), id="up"), Case((x, (2, 2)), {"antialias": True}, id="down-aa")]
    x = _img(rng, dtype, 2, 5, 7, 3)
    cases = [
        Case((x, (8, 10)), id="bilinear-up"),
        Case((x, (3, 4)), id="bilinear-down"),
        Case((x, (2, 3)), {"antialias": True}, id="bilinear-down-aa"),
        Case((x, (3, 5)), {"interpolation": "nearest"}, id="nearest"),
        Case((x, (9, 11)), {"interpolation": "nearest"}, id="nearest-up"),
        Case((x, (8, 9)), {"interpolation": "bicubic"}, id="bicubic-up"),
        Case((x, (3, 4)), {"interpolation": "bicubic", "antialias": True}, id="bicubic-down-aa"),
        Case((x, (6, 4)), {"interpolation": "lanczos3"}, id="lanczos3"),
        Case((x, (4, 9)), {"interpolation": "lanczos5", "antialias": True}, id="lanczos5"),
        Case((x, (2, 3)), {"interpolation": "area"}, id="area-down"),
        Case((x, (4, 4)), {"crop_to_aspect_ratio": True}, id="crop-aspect"),
        Case((x, (4, 4)), {"pad_to_aspect_ratio": True, "fill_value": 0.5}, id="pad-aspect"),
        Case((_cf(x), (4, 6)), {"data_format": "channels_first"}, id="channels-first"),
        Case((x[0], (3, 9)), id="unbatched"),
    ]
    if dtype == "uint8":
        cases = [c for c in cases if "fill_value" not in c.kwargs]
    return cases


def _resize_dtype(case, dtype):
    if case.kwargs.get("interpolation") == "nearest":
        return dtype_rules.dtype_of(case.args[0])
    return _fd(case.args[0])


register(
    Entry(
        name="image.resize",
        family="image",
        reference=rimg.resize,
        samples=_resize_samples,
        dtypes=("uint8", "float32", "float64"),
        accuracy="image",
        out_dtype=_resize_dtype,
        errors=(
            ErrorCase(
                (np.ones((4, 4, 1), np.float32), (2, 2)),
                {"interpolation": "cubic"},
                match=r"resize.*interpolation",
                id="bad-interpolation",
            ),
            ErrorCase(
                (np.ones((4, 4), np.float32), (2, 2)), match=r"resize.*image.*rank", id="rank"
            ),
            ErrorCase(
                (np.ones((4, 4, 1), np.float32), (2, 2)),
                {"crop_to_aspect_ratio": True, "pad_to_aspect_ratio": True},
                match=r"resize.*aspect",
                id="crop-and-pad",
            ),
        ),
        differentiable=True,
    )
)


def _scale_translate_samples(dtype, rng):
    if dtype == "float64":
        x = _img(rng, dtype, 3, 3)
        return [Case((x, (4, 2), np.array([1.3, 0.7]), np.array([0.2, -0.1]), (0, 1), "linear"))]
    x = _img(rng, dtype, 2, 6, 5, 1)
    s, t = np.array([1.5, 0.7], dtype), np.array([0.3, -0.35], dtype)
    return [
        Case((x, (2, 9, 4, 1), s, t, (1, 2), "linear"), id="linear"),
        Case((x, (2, 9, 4, 1), s, t, (1, 2), "cubic"), {"antialias": False}, id="cubic-no-aa"),
        Case(
            (
                x,
                (2, 4, 3, 1),
                np.array([0.6, 0.55], dtype),
                np.array([0.1, 0.2], dtype),
                (1, 2),
                "lanczos3",
            ),
            id="lanczos3-down",
        ),
        Case(
            (x, (2, 6, 8, 1), np.array([1.6], dtype), np.array([1.1], dtype), (2,), "bilinear"),
            id="one-axis",
        ),
    ]


register(
    Entry(
        name="image.scale_and_translate",
        family="image",
        reference=rimg.scale_and_translate,
        samples=_scale_translate_samples,
        dtypes=("float32", "float64"),
        accuracy="image",
        out_dtype=_first_float,
        differentiable=True,
        symbolic_none=False,
    )
)


# ---------------------------------------------------------------------------
# Coordinate transforms


def _rotation(angle, dx, dy):
    c, s = np.cos(angle), np.sin(angle)
    return np.array([c, -s, dx, s, c, dy, 0.0, 0.0])


def _affine_samples(dtype, rng):
    if dtype == "float64":
        return [Case((_img(rng, dtype, 3, 3, 1), _rotation(0.3, 0.2, -0.1).astype(dtype)))]
    x = _img(rng, dtype, 2, 5, 6, 2)
    t1 = _rotation(0.3, 0.7, -0.4).astype(dtype)
    both = np.stack([t1, _rotation(-0.5, 1.3, 0.2)]).astype(dtype)
    proj = np.array([1.1, 0.1, -0.3, -0.05, 0.9, 0.4, 0.02, -0.03], dtype)
    return [
        Case((x, t1), id="bilinear-constant"),
        Case((x, both), {"fill_value": 0.5}, id="batch-transforms"),
        Case((x, t1), {"interpolation": "nearest"}, id="nearest"),
        Case((x, proj), {"fill_mode": "nearest"}, id="projective-nearest-fill"),
        Case((x, both), {"fill_mode": "wrap"}, id="wrap"),
        Case((x, both), {"fill_mode": "mirror"}, id="mirror"),
        Case((x, both), {"fill_mode": "reflect"}, id="reflect"),
        Case((_cf(x), t1), {"data_format": "channels_first"}, id="channels-first"),
        Case((x[0], proj), id="unbatched"),
    ]


register(
    Entry(
        name="image.affine_transform",
        family="image",
        reference=rimg.affine_transform,
        samples=_affine_samples,
        dtypes=("float32", "float64"),
        accuracy="image",
        out_dtype=_first_float,
        errors=(
            ErrorCase(
                (np.ones((4, 4, 1), np.float32), np.ones(6, np.float32)),
                match=r"affine_transform.*transform.*shape",
                id="transform-shape",
            ),
            ErrorCase(
                (np.ones((4, 4, 1), np.float32), np.ones(8, np.float32)),
                {"fill_mode": "edge"},
                match=r"affine_transform.*fill_mode",
                id="fill-mode",
            ),
        ),
        differentiable=True,
        symbolic_none=False,
    )
)


def _perspective_samples(dtype, rng):
    corners = np.array([[0, 0], [5, 0], [0, 4], [5, 4]], dtype)
    if dtype == "float64":
        return [
            Case(
                (
                    _img(rng, dtype, 3, 3, 1),
                    corners[:, :] * 0.5,
                    corners * 0.5 + np.array([[0.1, 0.2], [-0.2, 0.1], [0.1, -0.1], [0, 0]]),
                )
            )
        ]
    x = _img(rng, dtype, 2, 5, 6, 2)
    moved = (corners + rng.uniform(-0.8, 0.8, (4, 2))).astype(dtype)
    moved2 = np.stack([moved, (corners + rng.uniform(-0.8, 0.8, (4, 2))).astype(dtype)])
    return [
        Case((x, corners, moved), id="bilinear"),
        Case((x, corners, corners), id="identity"),
        Case((x, np.stack([corners, corners]), moved2), {"fill_value": 1.0}, id="batch"),
        Case((x, corners, moved), {"interpolation": "nearest"}, id="nearest"),
        Case((_cf(x), corners, moved), {"data_format": "channels_first"}, id="channels-first"),
    ]


register(
    Entry(
        name="image.perspective_transform",
        family="image",
        reference=rimg.perspective_transform,
        samples=_perspective_samples,
        dtypes=("float32", "float64"),
        accuracy="image",
        out_dtype=_first_float,
        errors=(
            ErrorCase(
                (
                    np.ones((4, 4, 1), np.float32),
                    np.ones((3, 2), np.float32),
                    np.ones((3, 2), np.float32),
                ),
                match=r"perspective_transform.*start_points.*shape",
                id="points-shape",
            ),
        ),
        differentiable=True,
        grad_argnums=(0,),
        symbolic_none=False,
    )
)


def _map_coordinates_samples(dtype, rng):
    if dtype == "float64":
        return [Case((_img(rng, dtype, 3, 3), rng.uniform(-1, 3, (2, 2, 2)).astype(dtype), 1))]
    x = _img(rng, dtype, 4, 5)
    coords = rng.uniform(-3, 7, (2, 3, 4)).astype(dtype)
    cases = [
        Case((x, coords, order), {"fill_mode": mode}, id=f"{mode}-order{order}")
        for mode in ("constant", "nearest", "wrap", "mirror", "reflect")
        for order in (0, 1)
    ]
    cases.append(Case((x, coords, 1), {"fill_value": -1.0}, id="fill-value"))
    cases.append(
        Case(
            (_img(rng, dtype, 6), rng.uniform(-2, 8, (1, 5)).astype(dtype), 1),
            {"fill_mode": "reflect"},
            id="1d",
        )
    )
    cases.append(
        Case((_img(rng, dtype, 3, 4, 2), rng.uniform(-1, 4, (3, 4)).astype(dtype), 1), id="3d")
    )
    return cases


register(
    Entry(
        name="image.map_coordinates",
        family="image",
        reference=rimg.map_coordinates,
        samples=_map_coordinates_samples,
        dtypes=("float32", "float64"),
        accuracy="image",
        out_dtype=_first_float,
        errors=(
            ErrorCase(
                (np.ones((4, 4), np.float32), np.ones((3, 2), np.float32), 1),
                match=r"map_coordinates.*coordinate",
                id="wrong-count",
            ),
            ErrorCase(
                (np.ones((4, 4), np.float32), np.ones((2, 2), np.float32), 3),
                match=r"map_coordinates.*order",
                id="order",
            ),
        ),
        differentiable=True,
        symbolic_none=False,
    )
)


def _elastic_ref(
    images,
    alpha=20.0,
    sigma=5.0,
    interpolation="bilinear",
    fill_mode="reflect",
    fill_value=0.0,
    seed=None,
    data_format=None,
):
    return np.asarray(images, np.float64)


def _elastic_samples(dtype, rng):
    x = _img(rng, dtype, 2, 6, 5, 3)
    return [
        Case((x,), {"alpha": 0.0, "seed": 3}, id="alpha0-identity"),
        Case(
            (x[0],),
            {"alpha": 0.0, "sigma": 2.0, "interpolation": "nearest", "seed": 1},
            id="nearest-unbatched",
        ),
        Case(
            (_cf(x),),
            {"alpha": 0.0, "seed": 2, "data_format": "channels_first"},
            id="channels-first",
        ),
    ]


register(
    Entry(
        name="image.elastic_transform",
        family="image",
        reference=_elastic_ref,
        samples=_elastic_samples,
        dtypes=("float32", "float64"),
        accuracy="image",
        out_dtype=_first_float,
        errors=(
            ErrorCase(
                (np.ones((4, 4, 1), np.float32),),
                {"sigma": -1.0},
                match=r"elastic_transform.*sigma",
                id="negative-sigma",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# Patches


def _patch_samples(dtype, rng):
    x = rand(rng, (2, 5, 6, 3), dtype)
    return [
        Case((x, 2), id="valid"),
        Case((x, (2, 3)), {"strides": (1, 2), "padding": "same"}, id="same-strides"),
        Case((x, 2), {"strides": 1, "dilation_rate": 2}, id="dilation"),
        Case(
            (_cf(x), 3),
            {"strides": 2, "padding": "same", "data_format": "channels_first"},
            id="channels-first",
        ),
        Case((x[0], (3, 2)), {"strides": 1}, id="unbatched"),
    ]


register(
    Entry(
        name="image.extract_patches",
        family="image",
        reference=rimg.extract_patches,
        samples=_patch_samples,
        dtypes=("int32", "float32"),
        accuracy="exact",
        out_dtype="same",
        errors=(
            ErrorCase(
                (np.ones((3, 3, 1), np.float32), 4),
                match=r"extract_patches.*size",
                id="patch-too-large",
            ),
        ),
    )
)


def _patch3d_samples(dtype, rng):
    x = rand(rng, (1, 4, 5, 3, 2), dtype)
    return [
        Case((x, 2), id="valid"),
        Case((x, (2, 2, 1)), {"strides": 1, "padding": "same"}, id="same"),
        Case(
            (np.ascontiguousarray(np.moveaxis(x, -1, 1)), 2),
            {"data_format": "channels_first"},
            id="channels-first",
        ),
    ]


register(
    Entry(
        name="image.extract_patches_3d",
        family="image",
        reference=rimg.extract_patches_3d,
        samples=_patch3d_samples,
        dtypes=("int32", "float32"),
        accuracy="exact",
        out_dtype="same",
    )
)


# ---------------------------------------------------------------------------
# Colour


def _color_samples(dtype, rng):
    x = _img(rng, dtype, 2, 3, 4, 3)
    x[0, 0, 0] = [0.5, 0.5, 0.5]  # gray: hue 0
    x[0, 0, 1] = [0.0, 0.0, 0.0]
    return [
        Case((x,), id="batch"),
        Case((x[1],), id="unbatched"),
        Case((_cf(x),), {"data_format": "channels_first"}, id="channels-first"),
    ]


for _name, _ref in (
    ("rgb_to_grayscale", rimg.rgb_to_grayscale),
    ("rgb_to_hsv", rimg.rgb_to_hsv),
    ("hsv_to_rgb", rimg.hsv_to_rgb),
):
    register(
        Entry(
            name=f"image.{_name}",
            family="image",
            reference=_ref,
            samples=_color_samples,
            dtypes=("float16", "float32", "float64"),
            accuracy="image",
            out_dtype="float",
            errors=(
                ErrorCase(
                    (np.ones((2, 2, 4), np.float32),), match=rf"{_name}.*3 channels", id="channels"
                ),
            ),
            differentiable=_name == "rgb_to_grayscale",
        )
    )


# ---------------------------------------------------------------------------
# Padding and cropping


def _pad_samples(dtype, rng):
    x = rand(rng, (2, 3, 4, 2), dtype)
    return [
        Case((x, 1, 2, 0, 1), id="four-paddings"),
        Case(
            (x,),
            {"top_padding": 2, "left_padding": 0, "target_height": 6, "target_width": 5},
            id="targets",
        ),
        Case(
            (x,),
            {"bottom_padding": 1, "right_padding": 2, "target_height": 5, "target_width": 7},
            id="bottom-right-targets",
        ),
        Case((_cf(x), 1, 1, 1, 1), {"data_format": "channels_first"}, id="channels-first"),
        Case((x[0], 0, 1, 2, 0), id="unbatched"),
    ]


def _crop_samples(dtype, rng):
    x = rand(rng, (2, 6, 7, 2), dtype)
    return [
        Case((x, 1, 2, 0, 1), id="four-croppings"),
        Case(
            (x,),
            {"top_cropping": 2, "left_cropping": 0, "target_height": 3, "target_width": 5},
            id="targets",
        ),
        Case(
            (x,),
            {"bottom_cropping": 1, "right_cropping": 2, "target_height": 4, "target_width": 4},
            id="bottom-right-targets",
        ),
        Case((_cf(x), 1, 1, 1, 1), {"data_format": "channels_first"}, id="channels-first"),
        Case((x[0], 0, 1, 2, 0), id="unbatched"),
    ]


register(
    Entry(
        name="image.pad_images",
        family="image",
        reference=rimg.pad_images,
        samples=_pad_samples,
        dtypes=("uint8", "int32", "float32"),
        accuracy="exact",
        out_dtype="same",
        errors=(
            ErrorCase(
                (np.ones((3, 3, 1), np.float32),),
                {"top_padding": 1},
                match=r"pad_images.*exactly two",
                id="underdetermined",
            ),
        ),
    )
)
register(
    Entry(
        name="image.crop_images",
        family="image",
        reference=rimg.crop_images,
        samples=_crop_samples,
        dtypes=("uint8", "int32", "float32"),
        accuracy="exact",
        out_dtype="same",
        errors=(
            ErrorCase(
                (np.ones((3, 3, 1), np.float32), 2, 0, 2, 0),
                match=r"crop_images.*target_height",
                id="too-much-cropping",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# Filters and metrics


def _blur_samples(dtype, rng):
    if dtype == "float64":
        return [Case((_img(rng, dtype, 3, 3, 1),), id="default", n=9)]
    x = _img(rng, dtype, 2, 5, 6, 3)
    return [
        Case((x,), id="default", n=9),
        Case((x,), {"kernel_size": (5, 3), "sigma": (1.5, 0.8)}, id="rect", n=15),
        Case((x,), {"kernel_size": 4, "sigma": 1.2}, id="even", n=16),
        Case((_cf(x),), {"data_format": "channels_first"}, id="channels-first", n=9),
    ]


register(
    Entry(
        name="image.gaussian_blur",
        family="image",
        reference=rimg.gaussian_blur,
        samples=_blur_samples,
        dtypes=("float32", "float64"),
        accuracy="conv",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((4, 4, 1), np.float32),),
                {"sigma": 0.0},
                match=r"gaussian_blur.*sigma",
                id="zero-sigma",
            ),
        ),
        differentiable=True,
    )
)


def _sobel_samples(dtype, rng):
    if dtype == "float64":
        return [Case((_img(rng, dtype, 1, 3, 3, 1),), id="small", n=9)]
    x = _img(rng, dtype, 2, 5, 6, 2)
    return [
        Case((x,), id="batch", n=9),
        Case((_cf(x),), {"data_format": "channels_first"}, id="channels-first", n=9),
    ]


register(
    Entry(
        name="image.sobel_edges",
        family="image",
        reference=rimg.sobel_edges,
        samples=_sobel_samples,
        dtypes=("float32", "float64"),
        accuracy="conv",
        out_dtype="float",
        differentiable=True,
    )
)


def _ssim_samples(dtype, rng):
    if dtype == "float64":
        a = _img(rng, dtype, 1, 3, 3, 1)
        return [Case((a, a * 0.8 + 0.1), {"filter_size": 3}, id="small", n=9)]
    a = _img(rng, dtype, 2, 12, 13, 2)
    b = np.clip(a + rand(rng, a.shape, dtype, -0.2, 0.2), 0, 1).astype(a.dtype)
    return [
        Case((a, b), id="default", n=121),
        Case(
            (a, b), {"filter_size": 5, "filter_sigma": 1.0, "max_val": 2.0}, id="small-filter", n=25
        ),
        Case((a[0], b[0]), {"filter_size": 7}, id="unbatched", n=49),
        Case((_cf(a), _cf(b)), {"data_format": "channels_first"}, id="channels-first", n=121),
    ]


register(
    Entry(
        name="image.ssim",
        family="image",
        reference=rimg.ssim,
        samples=_ssim_samples,
        dtypes=("float32", "float64"),
        accuracy="loss",
        out_dtype="float",
        errors=(
            ErrorCase(
                (np.ones((1, 8, 8, 1), np.float32), np.ones((1, 8, 8, 1), np.float32)),
                match=r"ssim.*filter_size",
                id="image-smaller-than-filter",
            ),
        ),
        differentiable=True,
        grad_argnums=(0, 1),
    )
)
