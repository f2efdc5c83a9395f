"""NumPy references of the core layers: Dense, EinsumDense, Embedding, Identity, Masking."""

import re

import numpy as np

from conformance.references.layers.activations import apply_activation


def _dense_weights(config, input_shapes):
    units = config["units"]
    out = [("kernel", (input_shapes[0][-1], units))]
    if config.get("use_bias", True):
        out.append(("bias", (units,)))
    return out


def _dense(config, weights, inputs):
    y = np.matmul(inputs[0], weights[0])
    if config.get("use_bias", True):
        y = y + weights[1]
    return apply_activation(config.get("activation"), y)


def _parse_equation(equation):
    """``(input_spec, kernel_spec, output_spec, left_elided)`` of an EinsumDense equation."""
    plain = re.fullmatch(r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", equation)
    if plain:
        return (*plain.groups(), False)
    left = re.fullmatch(r"\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)", equation)
    if left:
        return (*left.groups(), True)
    raise ValueError(
        "The EinsumDense reference takes 'ab,bc->ac' or '...b,bc->...c' style equations. "
        f"Received: equation={equation!r}"
    )


def _einsum_shapes(config, input_shape):
    """``(kernel_shape, bias_shape or None)`` as Keras 3 derives them from the equation."""
    in_spec, w_spec, out_spec, left = _parse_equation(config["equation"])
    elided = len(input_shape) - len(in_spec)
    partial = config["output_shape"]
    partial = [partial] if isinstance(partial, int) else list(partial)
    # The full output shape: the batch dimension, then (left elision) the elided
    # input dimensions, then the given output dimensions.
    full = [input_shape[0]] + (list(input_shape[1:elided]) if left and elided > 0 else [])
    full += partial
    if left:
        in_pos = {c: i + elided for i, c in enumerate(in_spec)}
        out_pos = {c: i + elided for i, c in enumerate(out_spec)}
    else:
        in_pos = {c: i for i, c in enumerate(in_spec)}
        out_pos = {c: i for i, c in enumerate(out_spec)}
    kernel = []
    for c in w_spec:
        if c in out_pos:
            kernel.append(full[out_pos[c]])
        else:
            kernel.append(input_shape[in_pos[c]])
    bias_axes = config.get("bias_axes")
    if not bias_axes:
        return tuple(kernel), None
    first = min(out_spec.find(c) for c in bias_axes)
    offset = elided if left else 0
    dims = {c: full[i + offset] for i, c in enumerate(out_spec)}
    bias = [dims[c] if c in bias_axes else 1 for c in out_spec[first:]]
    return tuple(kernel), tuple(bias)


def _einsum_dense_weights(config, input_shapes):
    kernel, bias = _einsum_shapes(config, input_shapes[0])
    out = [("kernel", kernel)]
    if bias is not None:
        out.append(("bias", bias))
    return out


def _einsum_dense(config, weights, inputs):
    y = np.einsum(config["equation"], inputs[0], weights[0])
    if config.get("bias_axes"):
        y = y + weights[1]
    return apply_activation(config.get("activation"), y)


def _embedding_weights(config, input_shapes):
    return [("embeddings", (config["input_dim"], config["output_dim"]))]


def _embedding(config, weights, inputs):
    return weights[0][np.asarray(inputs[0]).astype(np.int64)]


def _no_weights(config, input_shapes):
    return []


def _identity(config, weights, inputs):
    return inputs[0]


def _masking(config, weights, inputs):
    x = inputs[0]
    keep = np.any(x != config.get("mask_value", 0.0), axis=-1, keepdims=True)
    return x * keep


REFERENCES = {
    "Dense": {"weights": _dense_weights, "call": _dense},
    "EinsumDense": {"weights": _einsum_dense_weights, "call": _einsum_dense},
    "Embedding": {"weights": _embedding_weights, "call": _embedding},
    "Identity": {"weights": _no_weights, "call": _identity},
    "Masking": {"weights": _no_weights, "call": _masking},
}
