"""NumPy references of the convolution layers (float64 loops, no framework).

Covers Conv1D-3D, Conv1D-3DTranspose, DepthwiseConv1D/2D and SeparableConv1D/2D.
The configs are the Keras layer kwargs; absent keys take the Keras defaults
(strides 1, "valid" padding, channels_last, dilation 1, groups 1, no
activation, a bias). Weight shapes follow Keras 3's ``get_weights()`` order:

- ``Conv*``: ``kernel (*k, in // groups, filters)``, ``bias (filters,)``
- ``Conv*Transpose``: ``kernel (*k, filters, in)``, ``bias (filters,)``
- ``DepthwiseConv*``: ``kernel (*k, in, multiplier)``, ``bias (in * multiplier,)``
- ``SeparableConv*``: ``depthwise_kernel (*k, in, multiplier)``,
  ``pointwise_kernel (1, ..., 1, in * multiplier, filters)``, ``bias (filters,)``

The loops themselves are the op references of ``conformance/references/conv.py``;
this module adds the layer semantics (causal padding, bias, activation, data
format handling and the weight shapes).
"""

import numpy as np

from conformance.references import conv as conv_ops

ACTIVATIONS = {
    None: lambda x: x,
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0.0),
    "tanh": np.tanh,
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
    "softplus": lambda x: np.logaddexp(0.0, x),
}


def activation(name):
    """The NumPy function of a Keras activation name (the ones the cases use)."""
    if name not in ACTIVATIONS:
        raise ValueError(
            f"No NumPy reference for activation {name!r}. Known: {sorted(map(str, ACTIVATIONS))}"
        )
    return ACTIVATIONS[name]


def _rank(layer_name: str) -> int:
    for n in (1, 2, 3):
        if f"{n}D" in layer_name:
            return n
    raise ValueError(f"Cannot tell the spatial rank of {layer_name!r}")


def _data_format(config) -> str:
    return (config.get("data_format") or "channels_last").lower()


def _channels(config, input_shape) -> int:
    return input_shape[1] if _data_format(config) == "channels_first" else input_shape[-1]


def _ksize(config, nd):
    return conv_ops.as_tuple(config["kernel_size"], nd)


def _add_bias_and_activate(config, out, bias):
    if bias is not None:
        shape = [1] * out.ndim
        axis = 1 if _data_format(config) == "channels_first" else out.ndim - 1
        shape[axis] = bias.shape[0]
        out = out + np.asarray(bias, np.float64).reshape(shape)
    return activation(config.get("activation"))(out)


def _split(config, weights, count):
    """(the first ``count`` weights, the bias or None)."""
    weights = [np.asarray(w, np.float64) for w in weights]
    if config.get("use_bias", True):
        return weights[:count], weights[count]
    return weights[:count], None


def _spatial_pad_left(x, config, nd, amounts):
    """Zero-pads the spatial axes on the left (causal padding)."""
    pads = [(0, 0)] * x.ndim
    first = 2 if _data_format(config) == "channels_first" else 1
    for i, a in enumerate(amounts):
        pads[first + i] = (a, 0)
    return np.pad(x, pads)


# --- Conv1D-3D -----------------------------------------------------------------
def conv_weights(layer_name):
    def weights(config, input_shapes):
        nd = _rank(layer_name)
        cin = _channels(config, input_shapes[0])
        groups = config.get("groups", 1)
        out = [("kernel", (*_ksize(config, nd), cin // groups, config["filters"]))]
        if config.get("use_bias", True):
            out.append(("bias", (config["filters"],)))
        return out

    return weights


def conv_call(layer_name):
    def call(config, weights, inputs, **kwargs):
        nd = _rank(layer_name)
        (kernel,), bias = _split(config, weights, 1)
        x = np.asarray(inputs[0], np.float64)
        padding = config.get("padding", "valid").lower()
        dilation = conv_ops.as_tuple(config.get("dilation_rate", 1), nd)
        if padding == "causal":
            ksize = kernel.shape[:nd]
            x = _spatial_pad_left(x, config, nd, [(k - 1) * d for k, d in zip(ksize, dilation)])
            padding = "valid"
        out = conv_ops.conv(
            x,
            kernel,
            strides=config.get("strides", 1),
            padding=padding,
            data_format=_data_format(config),
            dilation_rate=dilation,
        )
        return _add_bias_and_activate(config, out, bias)

    return call


# --- Conv1D-3DTranspose ------------------------------------------------------------
def conv_transpose_weights(layer_name):
    def weights(config, input_shapes):
        nd = _rank(layer_name)
        cin = _channels(config, input_shapes[0])
        out = [("kernel", (*_ksize(config, nd), config["filters"], cin))]
        if config.get("use_bias", True):
            out.append(("bias", (config["filters"],)))
        return out

    return weights


def conv_transpose_call(layer_name):
    def call(config, weights, inputs, **kwargs):
        (kernel,), bias = _split(config, weights, 1)
        out = conv_ops.conv_transpose(
            np.asarray(inputs[0], np.float64),
            kernel,
            strides=config.get("strides", 1),
            padding=config.get("padding", "valid"),
            output_padding=config.get("output_padding"),
            data_format=_data_format(config),
            dilation_rate=config.get("dilation_rate", 1),
        )
        return _add_bias_and_activate(config, out, bias)

    return call


# --- DepthwiseConv1D/2D ---------------------------------------------------------------
def depthwise_weights(layer_name):
    def weights(config, input_shapes):
        nd = _rank(layer_name)
        cin = _channels(config, input_shapes[0])
        mult = config.get("depth_multiplier", 1)
        out = [("kernel", (*_ksize(config, nd), cin, mult))]
        if config.get("use_bias", True):
            out.append(("bias", (cin * mult,)))
        return out

    return weights


def depthwise_call(layer_name):
    def call(config, weights, inputs, **kwargs):
        (kernel,), bias = _split(config, weights, 1)
        out = conv_ops.depthwise_conv(
            np.asarray(inputs[0], np.float64),
            kernel,
            strides=config.get("strides", 1),
            padding=config.get("padding", "valid"),
            data_format=_data_format(config),
            dilation_rate=config.get("dilation_rate", 1),
        )
        return _add_bias_and_activate(config, out, bias)

    return call


# --- SeparableConv1D/2D -----------------------------------------------------------------
def separable_weights(layer_name):
    def weights(config, input_shapes):
        nd = _rank(layer_name)
        cin = _channels(config, input_shapes[0])
        mult = config.get("depth_multiplier", 1)
        out = [
            ("depthwise_kernel", (*_ksize(config, nd), cin, mult)),
            ("pointwise_kernel", (*(1,) * nd, cin * mult, config["filters"])),
        ]
        if config.get("use_bias", True):
            out.append(("bias", (config["filters"],)))
        return out

    return weights


def separable_call(layer_name):
    def call(config, weights, inputs, **kwargs):
        (depthwise, pointwise), bias = _split(config, weights, 2)
        out = conv_ops.separable_conv(
            np.asarray(inputs[0], np.float64),
            depthwise,
            pointwise,
            strides=config.get("strides", 1),
            padding=config.get("padding", "valid"),
            data_format=_data_format(config),
            dilation_rate=config.get("dilation_rate", 1),
        )
        return _add_bias_and_activate(config, out, bias)

    return call


def _entry(layer_name, weights, call):
    return {"weights": weights(layer_name), "call": call(layer_name)}


REFERENCES = {
    **{f"Conv{n}D": _entry(f"Conv{n}D", conv_weights, conv_call) for n in (1, 2, 3)},
    **{
        f"Conv{n}DTranspose": _entry(
            f"Conv{n}DTranspose", conv_transpose_weights, conv_transpose_call
        )
        for n in (1, 2, 3)
    },
    **{
        f"DepthwiseConv{n}D": _entry(f"DepthwiseConv{n}D", depthwise_weights, depthwise_call)
        for n in (1, 2)
    },
    **{
        f"SeparableConv{n}D": _entry(f"SeparableConv{n}D", separable_weights, separable_call)
        for n in (1, 2)
    },
}
