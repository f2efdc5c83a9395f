"""Records Keras 3's layer and weight order and its layer config keys, as test data.

Run by hand (Keras 3 runs in a subprocess on the JAX backend, without the
repository on the path):

    python integration_tests/data/record_keras3_orders.py

It writes ``keras3_orders.json`` beside this script: for a few branching
Functional graphs, nested models and a nested subclassed layer, the order of
``model.layers`` and of ``weights`` / ``trainable_weights`` /
``non_trainable_weights`` (variable paths); and for the built-in layers,
initializers, regularizers and constraints (built with ``LAYER_ARGS`` /
``OBJECT_ARGS``), every key path of their serialized config.

The graph builders take the library module ``K`` (``keras`` or
``keras_core``) so the test builds exactly the same graphs with keras_core.
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "keras3_orders.json")


# ----------------------------------------------------------------------
# Graphs (shared by the recorder and the test)
# ----------------------------------------------------------------------
def graph_diamond(K):
    L = K.layers
    x = K.Input((4,), name="x")
    a = L.Dense(3, name="a")(x)
    b = L.Dense(3, name="b2")(L.Dense(3, name="b1")(a))
    c = L.Dense(3, name="c")(a)
    return K.Model(x, L.Add(name="add")([b, c]), name="diamond")


def graph_two_inputs(K):
    L = K.layers
    ina = K.Input((3,), name="in_a")
    inb = K.Input((3,), name="in_b")
    b = L.Dense(3, name="b3")(L.Dense(3, name="b2")(L.Dense(3, name="b1")(inb)))
    a = L.Dense(3, name="a1")(ina)
    o1 = L.Dense(3, name="o1")(L.Concatenate(name="cat")([a, b]))
    o2 = L.Dense(3, name="o2")(o1)
    return K.Model([ina, inb], [o2, o1], name="two_inputs")


def graph_shared(K):
    L = K.layers
    x = K.Input((3,), name="x")
    shared = L.Dense(3, name="shared")
    h = shared(L.Dense(3, name="mid")(shared(x)))
    g = L.Dense(3, name="side")(x)
    return K.Model(x, L.Add(name="add")([h, g]), name="shared_model")


def graph_skips(K):
    L = K.layers
    x = K.Input((3,), name="x")
    a = L.Dense(2, name="a")(x)
    b = L.Dense(2, name="b")(L.Dense(2, name="pre_b")(x))
    cat = L.Concatenate(name="cat")([a, b])
    c = L.Dense(2, name="c")(x)
    out = L.Concatenate(name="out")([c, cat, L.Dense(2, name="d")(cat)])
    return K.Model(x, out, name="skips")


def graph_dict_io(K):
    L = K.layers
    f = K.Input((4,), name="features")
    t = K.Input((2,), name="tokens")
    e = L.Flatten(name="flat")(L.Embedding(5, 2, name="emb")(t))
    h = L.Dense(3, name="hidden")(f)
    p = L.Dense(3, name="pre")(f)
    c = L.Concatenate(name="cat")([h, e, p])
    return K.Model(
        {"features": f, "tokens": t},
        {"reg": L.Dense(2, name="reg")(c), "cls": L.Dense(3, name="cls")(c)},
        name="dict_io",
    )


def graph_nested(K):
    L = K.layers
    ix = K.Input((3,), name="inner_x")
    inner = K.Model(ix, L.Dense(3, name="inner_b")(L.Dense(3, name="inner_a")(ix)), name="inner")
    seq = K.Sequential(
        [
            K.Input((3,)),
            L.Dense(3, name="seq_d"),
            L.BatchNormalization(name="seq_bn"),
            L.Dense(3, name="seq_d2"),
        ],
        name="seq",
    )
    x = K.Input((3,), name="x")
    a = inner(L.Dense(3, name="pre")(x))
    b = seq(x)
    out = L.Dense(2, name="head")(L.Add(name="add")([a, b, L.BatchNormalization(name="bn")(x)]))
    return K.Model(x, out, name="nested")


def make_block_class(K):
    L = K.layers

    class Block(L.Layer):
        """Own trainable and non-trainable weights plus attribute and list sublayers."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.d1 = L.Dense(3, name="d1")
            self.bn = L.BatchNormalization(name="bn")
            self.items = [L.Dense(3, name="l0"), L.Dense(3, name="l1")]

        def build(self, input_shape):
            self.count = self.add_weight(
                shape=(), initializer="zeros", name="count", trainable=False
            )
            self.gain = self.add_weight(shape=(3,), initializer="ones", name="gain")
            self.d1.build(input_shape)
            self.bn.build((None, 3))
            for layer in self.items:
                layer.build((None, 3))

        def call(self, x):
            h = self.bn(self.d1(x)) * self.gain + self.count
            for layer in self.items:
                h = layer(h)
            return h

    return Block


def graph_block(K):
    Block = make_block_class(K)
    x = K.Input((3,), name="x")
    out = K.layers.Dense(2, name="head")(Block(name="block")(K.layers.Dense(3, name="pre")(x)))
    return K.Model(x, out, name="with_block")


GRAPHS = {
    "diamond": graph_diamond,
    "two_inputs": graph_two_inputs,
    "shared": graph_shared,
    "skips": graph_skips,
    "dict_io": graph_dict_io,
    "nested": graph_nested,
    "block": graph_block,
}


def describe(model):
    """Layer names and variable paths, in the library's order."""
    return {
        "layers": [layer.name for layer in model.layers],
        "weights": [v.path for v in model.weights],
        "trainable_weights": [v.path for v in model.trainable_weights],
        "non_trainable_weights": [v.path for v in model.non_trainable_weights],
    }


# ----------------------------------------------------------------------
# Built-in layer configs
# ----------------------------------------------------------------------
# Constructor arguments per layer class; {"__layer__": [class, kwargs]} builds a layer.
LAYER_ARGS = {
    "Dense": {"units": 2},
    "EinsumDense": {"equation": "ab,bc->ac", "output_shape": 2},
    "Embedding": {"input_dim": 5, "output_dim": 2},
    "Conv1D": {"filters": 2, "kernel_size": 3},
    "Conv2D": {"filters": 2, "kernel_size": 3},
    "Conv3D": {"filters": 2, "kernel_size": 3},
    "Conv1DTranspose": {"filters": 2, "kernel_size": 3},
    "Conv2DTranspose": {"filters": 2, "kernel_size": 3},
    "Conv3DTranspose": {"filters": 2, "kernel_size": 3},
    "SeparableConv1D": {"filters": 2, "kernel_size": 3},
    "SeparableConv2D": {"filters": 2, "kernel_size": 3},
    "DepthwiseConv1D": {"kernel_size": 3},
    "DepthwiseConv2D": {"kernel_size": 3},
    "SimpleRNN": {"units": 2},
    "LSTM": {"units": 2},
    "GRU": {"units": 2},
    "SimpleRNNCell": {"units": 2},
    "LSTMCell": {"units": 2},
    "GRUCell": {"units": 2},
    "ConvLSTM1D": {"filters": 2, "kernel_size": 3},
    "ConvLSTM2D": {"filters": 2, "kernel_size": 3},
    "Bidirectional": {"layer": {"__layer__": ["LSTM", {"units": 2}]}},
    "TimeDistributed": {"layer": {"__layer__": ["Dense", {"units": 2}]}},
    "RNN": {"cell": {"__layer__": ["LSTMCell", {"units": 2}]}},
    "BatchNormalization": {},
    "LayerNormalization": {},
    "GroupNormalization": {"groups": 1},
    "UnitNormalization": {},
    "SpectralNormalization": {"layer": {"__layer__": ["Dense", {"units": 2}]}},
    "Dropout": {"rate": 0.5},
    "SpatialDropout1D": {"rate": 0.5},
    "SpatialDropout2D": {"rate": 0.5},
    "SpatialDropout3D": {"rate": 0.5},
    "GaussianNoise": {"stddev": 0.1},
    "GaussianDropout": {"rate": 0.1},
    "AlphaDropout": {"rate": 0.1},
    "ActivityRegularization": {},
    "Activation": {"activation": "relu"},
    "ReLU": {},
    "LeakyReLU": {},
    "PReLU": {},
    "ELU": {},
    "Softmax": {},
    "Flatten": {},
    "Reshape": {"target_shape": [2]},
    "Permute": {"dims": [1]},
    "RepeatVector": {"n": 2},
    "Cropping1D": {},
    "Cropping2D": {},
    "Cropping3D": {},
    "ZeroPadding1D": {},
    "ZeroPadding2D": {},
    "ZeroPadding3D": {},
    "UpSampling1D": {},
    "UpSampling2D": {},
    "UpSampling3D": {},
    "MaxPooling1D": {"pool_size": 2},
    "MaxPooling2D": {"pool_size": 2},
    "MaxPooling3D": {"pool_size": 2},
    "AveragePooling1D": {"pool_size": 2},
    "AveragePooling2D": {"pool_size": 2},
    "AveragePooling3D": {"pool_size": 2},
    "GlobalMaxPooling1D": {},
    "GlobalMaxPooling2D": {},
    "GlobalMaxPooling3D": {},
    "GlobalAveragePooling1D": {},
    "GlobalAveragePooling2D": {},
    "GlobalAveragePooling3D": {},
    "Add": {},
    "Subtract": {},
    "Multiply": {},
    "Average": {},
    "Maximum": {},
    "Minimum": {},
    "Concatenate": {},
    "Dot": {"axes": 1},
    "Masking": {},
    "Identity": {},
    "MultiHeadAttention": {"num_heads": 2, "key_dim": 2},
    "GroupQueryAttention": {"head_dim": 2, "num_query_heads": 2, "num_key_value_heads": 1},
    "Attention": {},
    "AdditiveAttention": {},
    "Normalization": {},
    "Discretization": {"bin_boundaries": [0.0]},
    "CategoryEncoding": {"num_tokens": 3},
    "Hashing": {"num_bins": 3},
    "Rescaling": {"scale": 2.0},
    "Resizing": {"height": 2, "width": 2},
    "CenterCrop": {"height": 2, "width": 2},
    "RandomCrop": {"height": 2, "width": 2},
    "RandomFlip": {},
    "RandomRotation": {"factor": 0.1},
    "RandomZoom": {"height_factor": 0.1},
    "RandomTranslation": {"height_factor": 0.1, "width_factor": 0.1},
    "RandomContrast": {"factor": 0.1},
    "RandomBrightness": {"factor": 0.1},
    "InputLayer": {"shape": [3]},
}


# Other configurable objects: module name in the library -> {class name: kwargs}.
OBJECT_ARGS = {
    "initializers": {
        "Constant": {"value": 0.5},
        "Zeros": {},
        "Ones": {},
        "Identity": {},
        "RandomNormal": {},
        "RandomUniform": {},
        "TruncatedNormal": {},
        "GlorotNormal": {},
        "GlorotUniform": {},
        "HeNormal": {},
        "HeUniform": {},
        "LecunNormal": {},
        "LecunUniform": {},
        "Orthogonal": {},
        "VarianceScaling": {},
    },
    "regularizers": {
        "L1": {},
        "L2": {},
        "L1L2": {},
        "OrthogonalRegularizer": {},
    },
    "constraints": {
        "MaxNorm": {},
        "MinMaxNorm": {},
        "NonNeg": {},
        "UnitNorm": {},
    },
}


def key_paths(value, prefix=""):
    """The sorted ``a/b/c`` paths of every dict key in a nested config."""
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(prefix + str(k))
            out |= key_paths(v, prefix + str(k) + "/")
    elif isinstance(value, (list, tuple)):
        for v in value:
            out |= key_paths(v, prefix + "[]/")
    return out


def serialized_key_paths(K, obj):
    return sorted(key_paths(K.saving.serialize_keras_object(obj)))


def build_args(K, value):
    if isinstance(value, dict) and "__layer__" in value:
        cls, kwargs = value["__layer__"]
        return getattr(K.layers, cls)(**{k: build_args(K, v) for k, v in kwargs.items()})
    return value


def make_layer(K, name):
    kwargs = {k: build_args(K, v) for k, v in LAYER_ARGS[name].items()}
    return getattr(K.layers, name)(**kwargs)


# ----------------------------------------------------------------------
def keras3_child():
    import keras

    out = {"keras_version": keras.__version__, "graphs": {}, "config_keys": {}}
    for name, fn in GRAPHS.items():
        keras.backend.clear_session()
        out["graphs"][name] = describe(fn(keras))
    for name in LAYER_ARGS:
        if not hasattr(keras.layers, name):
            continue
        out["config_keys"][name] = serialized_key_paths(keras, make_layer(keras, name))
    for module, classes in OBJECT_ARGS.items():
        for name, kwargs in classes.items():
            obj = getattr(getattr(keras, module), name)(**kwargs)
            out["config_keys"][f"{module}.{name}"] = serialized_key_paths(keras, obj)
    print(json.dumps(out))


def main():
    if "--child" in sys.argv:
        keras3_child()
        return
    env = dict(os.environ, KERAS_BACKEND="jax", TF_CPP_MIN_LOG_LEVEL="3")
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != REPO
    )
    result = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child"],
        env=env,
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-6000:])
        raise SystemExit("recording failed")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {OUT}: {len(data['graphs'])} graphs, {len(data['config_keys'])} layer configs")


if __name__ == "__main__":
    main()
