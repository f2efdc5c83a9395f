"""FeatureSpace: one layer that turns a dict of raw structured-data features into model inputs.

Each named feature gets a preprocessor (rescaling, normalization,
discretization, integer/string lookup, hashing) chosen by a type name or a
``Feature``; ``crosses`` hash pairs (or more) of features together. After
``adapt`` on a ``tf.data.Dataset`` of dicts, calling the FeatureSpace on a dict
of features returns one concatenated float32 tensor (``output_mode="concat"``)
or a dict of encoded features (``output_mode="dict"``). It runs on backend
tensors and arrays, and inside a ``tf.data`` pipeline (``dataset.map``).

The preprocessors are the ``keras_core.layers`` preprocessing layers; string
features need TensorFlow installed, as those layers do.
"""

import sys

import numpy as np

from keras_core import backend, ops
from keras_core.layers.layer import Layer

_FLOAT_TYPES = ("float", "float_rescaled", "float_normalized", "float_discretized")
_CATEGORICAL_TYPES = ("integer_categorical", "string_categorical")
_HASHED_TYPES = ("integer_hashed", "string_hashed")
_FEATURE_TYPES = _FLOAT_TYPES + _CATEGORICAL_TYPES + _HASHED_TYPES
_OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count", "float")


def _layers():
    from keras_core import layers

    return layers


def _is_tf(x):
    tf = sys.modules.get("tensorflow")
    return tf is not None and isinstance(x, (tf.Tensor, tf.RaggedTensor))


class _Identity(Layer):
    """The preprocessor of plain ``"float"`` features: a cast to float32."""

    def call(self, inputs):
        return ops.cast(inputs, "float32")

    def __call__(self, inputs, **kwargs):
        if _is_tf(inputs):
            import tensorflow as tf

            return tf.cast(inputs, "float32")
        return super().__call__(inputs, **kwargs)

    def compute_output_spec(self, inputs):
        return backend.KerasTensor(inputs.shape, dtype="float32")


class Feature:
    """One feature's dtype, preprocessor and encoding.

    Args:
        dtype: the dtype of the raw values (``"float32"``, ``"int64"``, ``"string"``).
        preprocessor: a layer (with ``adapt`` when it needs to learn from data).
        output_mode: the encoding of its output: ``"float"``, ``"int"``,
            ``"one_hot"``, ``"multi_hot"`` or ``"count"``.
    """

    def __init__(self, dtype, preprocessor, output_mode, needs_adapt=False):
        if output_mode not in _OUTPUT_MODES:
            raise ValueError(
                f"`output_mode` must be one of {_OUTPUT_MODES}. Received: output_mode={output_mode!r}"
            )
        self.dtype = dtype
        self.preprocessor = preprocessor
        self.output_mode = output_mode
        # Set by the FeatureSpace constructors whose preprocessor must learn from data.
        self.needs_adapt = bool(needs_adapt)

    def get_config(self):
        from keras_core.saving import serialization_lib

        return {
            "dtype": self.dtype,
            "preprocessor": serialization_lib.serialize_keras_object(self.preprocessor),
            "output_mode": self.output_mode,
            "needs_adapt": self.needs_adapt,
        }

    @classmethod
    def from_config(cls, config):
        from keras_core.saving import serialization_lib

        config = dict(config)
        config["preprocessor"] = serialization_lib.deserialize_keras_object(
            config["preprocessor"], custom_objects={"_Identity": _Identity}
        )
        return cls(**config)


class Cross:
    """A hashed cross of several features.

    Args:
        feature_names: the names of the crossed features.
        crossing_dim: the number of hash bins.
        output_mode: ``"int"`` or ``"one_hot"``.
    """

    def __init__(self, feature_names, crossing_dim, output_mode="one_hot"):
        if output_mode not in ("int", "one_hot"):
            raise ValueError(
                f'A cross\'s `output_mode` must be "int" or "one_hot". Received: {output_mode!r}'
            )
        self.feature_names = tuple(feature_names)
        self.crossing_dim = int(crossing_dim)
        self.output_mode = output_mode

    @property
    def name(self):
        return "_X_".join(self.feature_names)

    def get_config(self):
        return {
            "feature_names": list(self.feature_names),
            "crossing_dim": self.crossing_dim,
            "output_mode": self.output_mode,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class FeatureSpace(Layer):
    """Preprocesses and encodes a dict of structured-data features.

    Args:
        features: a dict from feature name to a type name (``"float"``,
            ``"float_rescaled"``, ``"float_normalized"``, ``"float_discretized"``,
            ``"integer_categorical"``, ``"string_categorical"``,
            ``"integer_hashed"``, ``"string_hashed"``) or a ``Feature`` (see the
            ``FeatureSpace.float_normalized(...)``-style constructors).
        output_mode: ``"concat"`` (one float32 tensor: the encoded features
            in sorted name order, then the crosses in sorted name order) or
            ``"dict"``.
        crosses: crosses of features: tuples of feature names or ``Cross`` objects.
        crossing_dim: the hash bins of crosses given as tuples.
        hashing_dim: the hash bins of ``"*_hashed"`` type names.
        num_discretization_bins: the bins of ``"float_discretized"`` type names.
        name: the layer name.
    """

    @classmethod
    def cross(cls, feature_names, crossing_dim, output_mode="one_hot"):
        return Cross(feature_names, crossing_dim, output_mode=output_mode)

    @classmethod
    def feature(cls, dtype, preprocessor, output_mode):
        return Feature(dtype, preprocessor, output_mode)

    @classmethod
    def float(cls, name=None):
        return Feature("float32", _Identity(name=name), "float")

    @classmethod
    def float_rescaled(cls, scale=1.0, offset=0.0, name=None):
        return Feature(
            "float32", _layers().Rescaling(scale=scale, offset=offset, name=name), "float"
        )

    @classmethod
    def float_normalized(cls, name=None):
        layer = _layers().Normalization(axis=-1, name=name)
        return Feature("float32", layer, "float", needs_adapt=True)

    @classmethod
    def float_discretized(cls, num_bins, bin_boundaries=None, output_mode="one_hot", name=None):
        layer = _layers().Discretization(
            num_bins=None if bin_boundaries is not None else num_bins,
            bin_boundaries=bin_boundaries,
            output_mode=output_mode,
            name=name,
        )
        return Feature("float32", layer, output_mode, needs_adapt=bin_boundaries is None)

    @classmethod
    def integer_categorical(
        cls, max_tokens=None, num_oov_indices=1, output_mode="one_hot", name=None
    ):
        layer = _layers().IntegerLookup(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            output_mode=output_mode,
            name=name,
        )
        return Feature("int64", layer, output_mode, needs_adapt=True)

    @classmethod
    def string_categorical(
        cls, max_tokens=None, num_oov_indices=1, output_mode="one_hot", name=None
    ):
        layer = _layers().StringLookup(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            output_mode=output_mode,
            name=name,
        )
        return Feature("string", layer, output_mode, needs_adapt=True)

    @classmethod
    def string_hashed(cls, num_bins, output_mode="one_hot", name=None):
        layer = _layers().Hashing(num_bins=num_bins, output_mode=output_mode, name=name)
        return Feature("string", layer, output_mode)

    @classmethod
    def integer_hashed(cls, num_bins, output_mode="one_hot", name=None):
        layer = _layers().Hashing(num_bins=num_bins, output_mode=output_mode, name=name)
        return Feature("int64", layer, output_mode)

    def __init__(
        self,
        features,
        output_mode="concat",
        crosses=None,
        crossing_dim=32,
        hashing_dim=32,
        num_discretization_bins=32,
        name=None,
    ):
        super().__init__(name=name)
        if not isinstance(features, dict) or not features:
            raise ValueError(
                "`features` must be a non-empty dict from feature name to a type name or a "
                f"Feature. Received: features={features!r}"
            )
        if output_mode not in ("concat", "dict"):
            raise ValueError(
                f'`output_mode` must be "concat" or "dict". Received: output_mode={output_mode!r}'
            )
        self.output_mode = output_mode
        self.crossing_dim = int(crossing_dim)
        self.hashing_dim = int(hashing_dim)
        self.num_discretization_bins = int(num_discretization_bins)
        self.features = {name: self._standardize_feature(name, f) for name, f in features.items()}
        self.crosses = [self._standardize_cross(c) for c in (crosses or [])]
        if output_mode == "concat":
            for fname, feature in self.features.items():
                if feature.output_mode == "int":
                    raise ValueError(
                        f'Feature {fname!r} has output_mode="int", which cannot be concatenated '
                        'with float encodings; use output_mode="dict" for the FeatureSpace.'
                    )
            for cross in self.crosses:
                if cross.output_mode == "int":
                    raise ValueError(
                        f'Cross {cross.name!r} has output_mode="int"; use output_mode="dict" '
                        "for the FeatureSpace."
                    )
        self.preprocessors = {n: f.preprocessor for n, f in self.features.items()}
        self.crossers = {
            c.name: _layers().HashedCrossing(num_bins=c.crossing_dim, output_mode=c.output_mode)
            for c in self.crosses
        }
        self._adapted = False
        self._inputs = None
        self.built = True

    def _standardize_feature(self, name, feature):
        if isinstance(feature, Feature):
            return feature
        if isinstance(feature, dict):
            return Feature.from_config(feature)
        if feature not in _FEATURE_TYPES:
            raise ValueError(
                f"Feature {name!r}: the type must be a Feature or one of {_FEATURE_TYPES}. "
                f"Received: {feature!r}"
            )
        if feature == "float":
            return self.float(name=name)
        if feature == "float_rescaled":
            return self.float_rescaled(name=name)
        if feature == "float_normalized":
            return self.float_normalized(name=name)
        if feature == "float_discretized":
            return self.float_discretized(num_bins=self.num_discretization_bins, name=name)
        if feature == "integer_categorical":
            return self.integer_categorical(name=name)
        if feature == "string_categorical":
            return self.string_categorical(name=name)
        if feature == "integer_hashed":
            return self.integer_hashed(self.hashing_dim, name=name)
        return self.string_hashed(self.hashing_dim, name=name)

    def _standardize_cross(self, cross):
        if isinstance(cross, dict):
            cross = Cross.from_config(cross)
        if not isinstance(cross, Cross):
            cross = Cross(cross, self.crossing_dim)
        unknown = [n for n in cross.feature_names if n not in self.features]
        if unknown or len(cross.feature_names) < 2:
            raise ValueError(
                "A cross must name at least two features of `features`. Received: "
                f"{cross.feature_names} (unknown: {unknown})"
            )
        return cross

    # ------------------------------------------------------------ adapt
    def adapt(self, dataset):
        """Learns every feature's statistics or vocabulary from ``dataset``.

        Args:
            dataset: a ``tf.data.Dataset`` whose elements are dicts of features
                (batched or not).
        """
        tf = sys.modules.get("tensorflow")
        if tf is None or not isinstance(dataset, tf.data.Dataset):
            raise ValueError(
                "`dataset` must be a tf.data.Dataset of feature dicts (FeatureSpace.adapt needs "
                f"TensorFlow installed). Received: dataset of type {type(dataset).__name__}"
            )
        spec = dataset.element_spec
        if not isinstance(spec, dict):
            raise ValueError(
                f"`dataset` must yield dicts of features. Received: elements of spec {spec!r}"
            )
        missing = [n for n in self.features if n not in spec]
        if missing:
            raise ValueError(
                f"`dataset` has no feature {missing}. It yields the features {sorted(spec)}."
            )
        for name, feature in self.features.items():
            layer = feature.preprocessor
            if not hasattr(layer, "adapt"):
                continue
            values = dataset.map(lambda x, n=name: x[n])
            rank = values.element_spec.shape.rank
            if rank == 0:
                values = values.batch(256)
                rank = 1
            if rank == 1:
                values = values.map(lambda v: tf.expand_dims(v, -1))
            layer.adapt(values)
        self._adapted = True

    def _unadapted(self):
        if self._adapted:
            return []
        return [n for n, f in self.features.items() if f.needs_adapt]

    # ------------------------------------------------------------ calling
    def _standardize_inputs(self, data):
        if not isinstance(data, dict):
            raise ValueError(
                f"FeatureSpace takes a dict of features. Received: {type(data).__name__}"
            )
        missing = [n for n in self.features if n not in data]
        if missing:
            raise ValueError(f"Missing features {missing}. Received the features {sorted(data)}")
        out, unbatched = {}, False
        for name, feature in self.features.items():
            x = data[name]
            if _is_tf(x):
                import tensorflow as tf

                if x.shape.rank == 0:
                    x, unbatched = tf.reshape(x, (1, 1)), True
                elif x.shape.rank == 1:
                    x = tf.expand_dims(x, -1)
            elif not isinstance(x, (np.ndarray, np.generic, list, tuple, int, float, str, bytes)):
                if len(x.shape) == 1:
                    x = ops.expand_dims(x, -1)
            else:
                x = np.asarray(x)
                if x.dtype.kind in ("U", "S", "O"):
                    x = x.astype(object)
                    import tensorflow as tf

                    x = tf.constant(x.astype(str))
                    if x.shape.rank == 0:
                        x, unbatched = tf.reshape(x, (1, 1)), True
                    elif x.shape.rank == 1:
                        x = tf.expand_dims(x, -1)
                    out[name] = x
                    continue
                if x.ndim == 0:
                    x, unbatched = x.reshape(1, 1), True
                elif x.ndim == 1:
                    x = x[:, None]
                if feature.dtype != "string":
                    x = x.astype("float32" if feature.dtype.startswith("float") else "int64")
                x = ops.convert_to_tensor(x)
            out[name] = x
        return out, unbatched

    def __call__(self, data):
        if isinstance(data, dict) and any(_is_tf(v) for v in data.values()):
            # Inside tf.data: skip AutoGraph's conversion of every function reached (slow,
            # and nothing here branches on tensor values).
            import tensorflow as tf

            return tf.autograph.experimental.do_not_convert(self._encode)(data)
        return self._encode(data)

    def _encode(self, data):
        unadapted = self._unadapted()
        if unadapted:
            raise ValueError(
                f"Call FeatureSpace.adapt(dataset) before using it: its features {unadapted} "
                "learn their statistics or vocabulary from data."
            )
        inputs, unbatched = self._standardize_inputs(data)
        encoded = {name: self.preprocessors[name](inputs[name]) for name in self.features}
        for cross in self.crosses:
            encoded[cross.name] = self.crossers[cross.name](
                tuple(inputs[n] for n in cross.feature_names)
            )
        names = sorted(self.features) + sorted(c.name for c in self.crosses)
        if self.output_mode == "dict":
            out = {n: encoded[n] for n in names}
            if unbatched:
                out = {n: self._squeeze(v) for n, v in out.items()}
            return out
        parts = [encoded[n] for n in names]
        if any(_is_tf(p) for p in parts):
            import tensorflow as tf

            merged = tf.concat([tf.cast(p, "float32") for p in parts], axis=-1)
        else:
            merged = ops.concatenate([ops.cast(p, "float32") for p in parts], axis=-1)
        return self._squeeze(merged) if unbatched else merged

    @staticmethod
    def _squeeze(x):
        if _is_tf(x):
            import tensorflow as tf

            return tf.squeeze(x, axis=0)
        return ops.squeeze(x, axis=0)

    def get_inputs(self):
        """A dict of ``keras_core.Input`` tensors, one per feature (batch, 1); the same every call."""
        from keras_core.layers import Input

        if self._inputs is None:
            self._inputs = {
                name: Input(shape=(1,), name=name, dtype=f.dtype)
                for name, f in self.features.items()
            }
        return dict(self._inputs)

    def get_encoded_features(self):
        """The symbolic encoded features of ``get_inputs()`` (for building a Functional model)."""
        return self(self.get_inputs())

    def get_config(self):
        return {
            "name": self.name,
            "features": {n: f.get_config() for n, f in self.features.items()},
            "output_mode": self.output_mode,
            "crosses": [c.get_config() for c in self.crosses],
            "crossing_dim": self.crossing_dim,
            "hashing_dim": self.hashing_dim,
            "num_discretization_bins": self.num_discretization_bins,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)
