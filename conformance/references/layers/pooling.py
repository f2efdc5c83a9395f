"""NumPy references of the pooling layers (float64, no framework).

Covers MaxPooling1D-3D, AveragePooling1D-3D, GlobalMax/AveragePooling1D-3D
(``keepdims``; GlobalAveragePooling1D's ``mask``) and AdaptiveMax/Average
Pooling1D-3D. None of them has weights. Keras defaults: ``pool_size`` 2,
``strides`` = ``pool_size``, "valid" padding, channels_last, ``keepdims``
False. The window loops are those of ``conformance/references/pool.py``:
"same" average pooling averages over the covered input elements only, and
adaptive bin ``i`` of ``n`` inputs into ``o`` outputs spans
``[floor(i * n / o), ceil((i + 1) * n / o))``.
"""

import numpy as np

from conformance.references import pool as pool_ops
from conformance.references.layers.convolution import _data_format, _rank


def no_weights(config, input_shapes):
    return []


def pool_call(layer_name, op):
    def call(config, weights, inputs, **kwargs):
        pool_size = config.get("pool_size", 2)
        pool_size = (pool_size,) * _rank(layer_name) if isinstance(pool_size, int) else pool_size
        strides = config.get("strides")
        return op(
            np.asarray(inputs[0], np.float64),
            pool_size,
            strides=pool_size if strides is None else strides,
            padding=config.get("padding", "valid").lower(),
            data_format=_data_format(config),
        )

    return call


def global_call(layer_name, reduce):
    def call(config, weights, inputs, mask=None, **kwargs):
        x = np.asarray(inputs[0], np.float64)
        nd = _rank(layer_name)
        channels_first = _data_format(config) == "channels_first"
        axes = tuple(range(2, 2 + nd)) if channels_first else tuple(range(1, 1 + nd))
        keepdims = bool(config.get("keepdims", False))
        if mask is None:
            return reduce(x, axes, keepdims)
        # A mask (batch, steps): only GlobalAveragePooling1D takes one; the
        # average is over the unmasked steps.
        w = np.asarray(mask, np.float64)
        w = w[:, None, :] if channels_first else w[:, :, None]
        total = (x * w).sum(axis=axes, keepdims=keepdims)
        return total / w.sum(axis=axes, keepdims=keepdims)

    return call


def _mean(x, axes, keepdims):
    return x.mean(axis=axes, keepdims=keepdims)


def _max(x, axes, keepdims):
    return x.max(axis=axes, keepdims=keepdims)


def adaptive_call(op):
    def call(config, weights, inputs, **kwargs):
        return op(
            np.asarray(inputs[0], np.float64),
            config["output_size"],
            data_format=_data_format(config),
        )

    return call


REFERENCES = {}
for _n in (1, 2, 3):
    REFERENCES[f"MaxPooling{_n}D"] = {
        "weights": no_weights,
        "call": pool_call(f"MaxPooling{_n}D", pool_ops.max_pool),
    }
    REFERENCES[f"AveragePooling{_n}D"] = {
        "weights": no_weights,
        "call": pool_call(f"AveragePooling{_n}D", pool_ops.average_pool),
    }
    REFERENCES[f"GlobalMaxPooling{_n}D"] = {
        "weights": no_weights,
        "call": global_call(f"GlobalMaxPooling{_n}D", _max),
    }
    REFERENCES[f"GlobalAveragePooling{_n}D"] = {
        "weights": no_weights,
        "call": global_call(f"GlobalAveragePooling{_n}D", _mean),
    }
    REFERENCES[f"AdaptiveMaxPooling{_n}D"] = {
        "weights": no_weights,
        "call": adaptive_call(pool_ops.adaptive_max_pool),
    }
    REFERENCES[f"AdaptiveAveragePooling{_n}D"] = {
        "weights": no_weights,
        "call": adaptive_call(pool_ops.adaptive_average_pool),
    }
