"""EinsumDense: a dense layer whose contraction is an einsum equation."""

import re
import string

from keras_core import activations, constraints, initializers, ops, regularizers
from keras_core.layers.core.dense import _check_no_quantization
from keras_core.layers.layer import Layer
from keras_core.saving.serialization_lib import serialize_keras_object


def _parse(equation):
    match = re.fullmatch(r"\s*([a-zA-Z.]+)\s*,\s*([a-zA-Z]+)\s*->\s*([a-zA-Z.]+)\s*", equation)
    if match is None:
        raise ValueError(
            "EinsumDense expects `equation` of the form 'ab,bc->ac' (with optional '...'). "
            f"Received: equation={equation!r}"
        )
    return match.group(1), match.group(2), match.group(3)


class EinsumDense(Layer):
    """A dense layer defined by an einsum equation ``"input,kernel->output"``.

    Args:
        equation: e.g. ``"ab,bc->ac"`` (a Dense layer) or ``"abc,cde->abde"``;
            ``...`` stands for leading axes passed through.
        output_shape: the output shape without the batch axis (an int for 1D);
            ``None`` entries take the input's size.
        activation: activation function.
        bias_axes: letters of the output axes that get a bias (None: no bias).
        kernel_* / bias_*: initializers, regularizers, constraints.

    Example:
    >>> layer = keras_core.layers.EinsumDense("ab,bc->ac", output_shape=4)
    >>> keras_core.ops.shape(layer(np.ones((2, 3), "float32")))
    (2, 4)
    """

    def __init__(
        self,
        equation,
        output_shape,
        activation=None,
        bias_axes=None,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        _check_no_quantization(kwargs.pop("quantization_config", None), "EinsumDense")
        super().__init__(**kwargs)
        self.equation = equation
        self._in_spec, self._kernel_spec, self._out_spec = _parse(equation)
        if isinstance(output_shape, int):
            output_shape = (output_shape,)
        self.partial_output_shape = tuple(output_shape)
        self.activation = activations.get(activation)
        self.bias_axes = bias_axes
        if bias_axes is not None:
            for c in bias_axes:
                if c not in self._out_spec:
                    raise ValueError(
                        f"EinsumDense: bias axis {c!r} is not an output axis of {equation!r}. "
                        f"Received: bias_axes={bias_axes!r}"
                    )
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def _expanded(self, input_rank):
        in_spec, out_spec = self._in_spec, self._out_spec
        if "..." in in_spec:
            explicit = len(in_spec.replace("...", ""))
            free = [c for c in string.ascii_letters if c not in self.equation][
                : input_rank - explicit
            ]
            filler = "".join(free)
            in_spec = in_spec.replace("...", filler)
            out_spec = out_spec.replace("...", filler)
        if len(in_spec) != input_rank:
            raise ValueError(
                f"EinsumDense {self.name!r}: equation {self.equation!r} expects inputs of rank "
                f"{len(in_spec)}, received rank {input_rank}"
            )
        return in_spec, out_spec

    def _full_output_shape(self, input_shape):
        in_spec, out_spec = self._expanded(len(input_shape))
        partial = list(self.partial_output_shape)
        if "..." in self._out_spec:
            # `output_shape` gives the explicit axes; the '...' axes come from the input.
            n_free = len(out_spec) - len(self._out_spec.replace("...", ""))
            prefix_len = self._out_spec.index("...")
            partial = partial[:prefix_len] + [None] * n_free + partial[prefix_len:]
        if len(partial) != len(out_spec) - 1 and len(partial) != len(out_spec):
            # Shapes without the batch axis must cover every other output axis.
            raise ValueError(
                f"EinsumDense {self.name!r}: `output_shape` {self.partial_output_shape} does not "
                f"match the output axes {out_spec!r} of {self.equation!r}"
            )
        if len(partial) == len(out_spec) - 1:
            partial = [None] + partial
        dims = {}
        for c, d in zip(in_spec, input_shape):
            dims[c] = d
        out = []
        for c, d in zip(out_spec, partial):
            if d is None:
                d = dims.get(c)
            out.append(d)
            dims.setdefault(c, d)
        return in_spec, out_spec, tuple(out), dims

    def build(self, input_shape):
        in_spec, out_spec, out_shape, dims = self._full_output_shape(tuple(input_shape))
        for c, d in zip(out_spec, out_shape):
            dims[c] = d
        kernel_shape = []
        for c in self._kernel_spec:
            if dims.get(c) is None:
                raise ValueError(
                    f"EinsumDense {self.name!r}: the size of kernel axis {c!r} is unknown for "
                    f"input shape {tuple(input_shape)} and output_shape {self.partial_output_shape}"
                )
            kernel_shape.append(dims[c])
        self.kernel = self.add_weight(
            name="kernel",
            shape=tuple(kernel_shape),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        if self.bias_axes:
            first = min(out_spec.index(c) for c in self.bias_axes)
            bias_shape = tuple(
                out_shape[i] if c in self.bias_axes else 1
                for i, c in enumerate(out_spec)
                if i >= first
            )
            self.bias = self.add_weight(
                name="bias",
                shape=bias_shape,
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self._full_equation = f"{in_spec},{self._kernel_spec}->{out_spec}"

    def call(self, inputs):
        in_spec, out_spec = self._expanded(len(inputs.shape))
        x = ops.einsum(f"{in_spec},{self._kernel_spec}->{out_spec}", inputs, self.kernel)
        if self.bias is not None:
            x = ops.add(x, self.bias)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        return self._full_output_shape(tuple(input_shape))[2]

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "equation": self.equation,
                "output_shape": list(self.partial_output_shape),
                "activation": activations.serialize(self.activation),
                "bias_axes": self.bias_axes,
                "kernel_initializer": serialize_keras_object(self.kernel_initializer),
                "bias_initializer": serialize_keras_object(self.bias_initializer),
                "kernel_regularizer": serialize_keras_object(self.kernel_regularizer),
                "bias_regularizer": serialize_keras_object(self.bias_regularizer),
                "activity_regularizer": serialize_keras_object(self.activity_regularizer),
                "kernel_constraint": serialize_keras_object(self.kernel_constraint),
                "bias_constraint": serialize_keras_object(self.bias_constraint),
                "quantization_config": None,
            }
        )
        return config
