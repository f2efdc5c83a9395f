"""InputLayer and Input: the entry points of a Functional model."""

from keras_core import backend
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.layers.layer import Layer
from keras_core.ops.node import Node


class InputLayer(Layer):
    """Holds the symbolic input of a Functional model (created by ``Input``).

    Args:
        shape: the shape without the batch dimension.
        batch_size: an optional fixed batch size.
        dtype: the input dtype (default ``floatx()``).
        sparse: whether the input is sparse.
        batch_shape: the full shape with the batch dimension (instead of
            ``shape``/``batch_size``).
        input_tensor: an existing KerasTensor to wrap.
        name: the layer name.

    Example:
    >>> layer = keras_core.layers.InputLayer(shape=(3,))
    >>> layer.output.shape
    (None, 3)
    """

    def __init__(
        self,
        shape=None,
        batch_size=None,
        dtype=None,
        sparse=None,
        batch_shape=None,
        input_tensor=None,
        name=None,
        optional=False,
        ragged=None,
        **kwargs,
    ):
        if "input_shape" in kwargs and shape is None:
            shape = kwargs.pop("input_shape")
        if "batch_input_shape" in kwargs and batch_shape is None:
            batch_shape = kwargs.pop("batch_input_shape")
        super().__init__(name=name, **kwargs)
        if input_tensor is not None:
            if not isinstance(input_tensor, KerasTensor):
                raise ValueError(
                    f"`input_tensor` must be a KerasTensor. Received: {type(input_tensor).__name__}"
                )
            batch_shape = input_tensor.shape
            dtype = input_tensor.dtype
        if shape is not None and batch_shape is not None:
            raise ValueError("Pass `shape` or `batch_shape` to InputLayer, not both.")
        if batch_shape is None:
            if shape is None:
                raise ValueError("InputLayer needs `shape` or `batch_shape`. Received neither.")
            if isinstance(shape, int):
                shape = (shape,)
            batch_shape = (batch_size,) + tuple(shape)
        self.batch_shape = backend.standardize_shape(batch_shape)
        self._dtype = backend.standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.optional = optional
        self.built = True
        if input_tensor is None:
            input_tensor = KerasTensor(
                self.batch_shape, dtype=self._dtype, sparse=self.sparse, name=self.name
            )
        self._input_tensor = input_tensor
        Node(operation=self, call_args=(), call_kwargs={}, outputs=input_tensor)

    @property
    def dtype(self):
        return self._dtype

    def call(self):
        return self._input_tensor

    def get_config(self):
        return {
            "batch_shape": list(self.batch_shape),
            "dtype": self._dtype,
            "sparse": self.sparse,
            "ragged": False,
            "name": self.name,
            "optional": self.optional,
        }

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("ragged", None)
        return cls(**config)


def Input(
    shape=None,
    batch_size=None,
    dtype=None,
    sparse=None,
    batch_shape=None,
    name=None,
    tensor=None,
    optional=False,
):
    """A symbolic input tensor, the start of a Functional model.

    Args:
        shape: the shape without the batch dimension, e.g. ``(32,)``.
        batch_size: an optional fixed batch size.
        dtype: the dtype (default ``floatx()``).
        sparse: whether the input is sparse.
        batch_shape: the full shape, batch dimension included.
        name: a unique name for the input.
        tensor: an existing KerasTensor to use.

    Example:
    >>> x = keras_core.Input(shape=(3,))
    >>> x.shape
    (None, 3)
    """
    layer = InputLayer(
        shape=shape,
        batch_size=batch_size,
        dtype=dtype,
        sparse=sparse,
        batch_shape=batch_shape,
        name=name,
        input_tensor=tensor,
        optional=optional,
    )
    return layer.output
