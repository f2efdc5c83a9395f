"""model_to_dot / plot_model: checked through pydot when installed; clear errors otherwise."""

import shutil
import sys

import pytest

import keras_core
from keras_core.utils import model_to_dot, plot_model

try:
    import pydot  # noqa: F401

    HAVE_PYDOT = True
except ImportError:
    HAVE_PYDOT = False

needs_pydot = pytest.mark.skipif(not HAVE_PYDOT, reason="pydot is not installed")


def _branched_model():
    a = keras_core.Input((4,), name="a")
    b = keras_core.Input((2,), name="b")
    h = keras_core.layers.Dense(3, activation="relu", name="hidden")(a)
    c = keras_core.layers.Concatenate(name="concat")([h, b])
    out = keras_core.layers.Dense(1, name="out")(c)
    return keras_core.Model([a, b], out, name="branched")


def test_missing_pydot_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pydot", None)
    with pytest.raises(ImportError, match="pip install pydot"):
        model_to_dot(_branched_model())
    with pytest.raises(ImportError, match="graphviz"):
        plot_model(_branched_model(), to_file=str(tmp_path / "m.png"))


def _edges(dot):
    names = {
        n.get_name().strip('"'): n.get("label").strip('"')
        for n in dot.get_nodes()
        if n.get_name() not in ("node", "graph", "edge")
    }
    short = {k: v.split(" ")[0] for k, v in names.items()}
    return sorted(
        (short[e.get_source().strip('"')], short[e.get_destination().strip('"')])
        for e in dot.get_edges()
    ), names


@needs_pydot
def test_model_to_dot_graph_and_labels():
    dot = model_to_dot(
        _branched_model(),
        show_shapes=True,
        show_dtype=True,
        show_layer_activations=True,
        show_trainable=True,
    )
    edges, labels = _edges(dot)
    assert edges == [("a", "hidden"), ("b", "concat"), ("concat", "out"), ("hidden", "concat")]
    hidden = [v for v in labels.values() if v.startswith("hidden")][0]
    assert "(Dense)" in hidden and "activation: relu" in hidden
    assert "(None, 4)" in hidden and "(None, 3)" in hidden and "float32" in hidden
    assert "trainable: yes" in hidden
    assert dot.get("rankdir") == "TB"


@needs_pydot
def test_model_to_dot_sequential_nested_and_errors():
    seq = keras_core.Sequential(
        [
            keras_core.Input((3,)),
            keras_core.layers.Dense(2, name="d1"),
            keras_core.layers.Dense(1, name="d2"),
        ],
        name="seq",
    )
    edges, _ = _edges(model_to_dot(seq, rankdir="LR"))
    assert ("d1", "d2") in edges and len(edges) == 2
    x = keras_core.Input((3,), name="outer_in")
    outer = keras_core.Model(x, keras_core.layers.Dense(4, name="top")(seq(x)))
    flat_edges, _ = _edges(model_to_dot(outer))
    assert ("seq", "top") in flat_edges
    nested = model_to_dot(outer, expand_nested=True)
    assert len(nested.get_subgraphs()) == 1
    with pytest.raises(ValueError, match="rankdir='XY'"):
        model_to_dot(seq, rankdir="XY")
    with pytest.raises(ValueError, match="keras_core Model"):
        model_to_dot(keras_core.layers.Dense(2))


@needs_pydot
def test_plot_model_writes_dot_and_images(tmp_path):
    model = _branched_model()
    path = plot_model(model, to_file=str(tmp_path / "m.dot"), show_layer_names=True)
    text = open(path).read()
    assert "digraph" in text and "hidden" in text
    png = tmp_path / "m.png"
    if shutil.which("dot") is None:
        with pytest.raises(ImportError, match="Graphviz"):
            plot_model(model, to_file=str(png))
        assert not png.exists()
    else:
        plot_model(model, to_file=str(png))
        assert png.read_bytes()[:4] == b"\x89PNG"
