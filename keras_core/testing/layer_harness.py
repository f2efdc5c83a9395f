"""One call checks a layer end to end, on the active backend.

``run_layer_test`` builds the layer, counts its weights, compares the symbolic
output spec (shape and dtype, ``None`` batch included) with the eager output,
round-trips the config (``get_config``/``from_config`` and the serialized
form), optionally compares values with a NumPy reference computed from the
same fixed weights, checks masking, and runs one training step on backends
that train: gradients reach every trainable weight and the loss goes down.
"""

import numpy as np

from keras_core import backend, ops
from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor
from keras_core.saving.object_registration import CustomObjectScope
from keras_core.saving.serialization_lib import deserialize_keras_object, serialize_keras_object


def _to_numpy(x):
    return tree.map_structure(lambda t: np.asarray(backend.convert_to_numpy(t)), x)


def _flat_shapes(x):
    return [tuple(t.shape) for t in tree.flatten(x)]


def make_input(shape, dtype="float32", seed=0, low=-1.0, high=1.0):
    rng = np.random.default_rng(seed)
    if dtype.startswith("int") or dtype.startswith("uint"):
        return rng.integers(int(low), int(high), size=shape).astype(dtype)
    if dtype == "bool":
        return rng.random(shape) < 0.5
    return rng.uniform(low, high, size=shape).astype(dtype)


def run_layer_test(
    layer_cls,
    init_kwargs=None,
    input_shape=None,
    input_dtype="float32",
    input_data=None,
    call_kwargs=None,
    expected_output_shape=None,
    expected_output_dtype=None,
    expected_num_trainable_weights=None,
    expected_num_non_trainable_weights=None,
    expected_num_seed_generators=None,
    reference=None,
    fixed_weights=None,
    atol=1e-6,
    rtol=1e-6,
    supports_masking=None,
    input_mask=None,
    expected_mask=None,
    run_training_check=True,
    training=None,
    custom_objects=None,
):
    """Checks ``layer_cls(**init_kwargs)`` end to end; raises AssertionError on a failure.

    Args:
        layer_cls: the layer class.
        init_kwargs: constructor arguments.
        input_shape / input_dtype: to generate seeded inputs (a list of shapes
            for several inputs), or give ``input_data`` directly.
        call_kwargs: extra call arguments.
        expected_output_shape / expected_output_dtype: of the eager output.
        expected_num_trainable_weights / expected_num_non_trainable_weights: counts.
        expected_num_seed_generators: how many SeedGenerators the layer owns.
        reference: ``reference(inputs_np, weights_np_list) -> outputs_np``, a
            NumPy reference computed with the layer's (fixed) weights.
        fixed_weights: ``weights_np_list`` to set before comparing (default: the
            initialized weights).
        atol / rtol: tolerance for the reference comparison.
        supports_masking: the expected ``supports_masking`` value.
        input_mask / expected_mask: an input mask and the mask expected on the output.
        run_training_check: run one gradient step (on backends that train).
        training: the ``training`` argument of the main call.

    Returns:
        A dict of what was checked (for the caller's own assertions).
    """
    init_kwargs = dict(init_kwargs or {})
    call_kwargs = dict(call_kwargs or {})
    if training is not None:
        call_kwargs["training"] = training
    if input_data is None:
        if input_shape is None:
            raise ValueError("run_layer_test needs `input_shape` or `input_data`.")
        if isinstance(input_shape, list):
            dtypes = (
                input_dtype if isinstance(input_dtype, list) else [input_dtype] * len(input_shape)
            )
            input_data = [
                make_input(s, d, seed=i) for i, (s, d) in enumerate(zip(input_shape, dtypes))
            ]
        else:
            input_data = make_input(input_shape, input_dtype)
    checked = {}

    # 1. Build and weights.
    layer = layer_cls(**init_kwargs)
    if supports_masking is not None:
        assert layer.supports_masking == supports_masking, (
            f"{layer_cls.__name__}.supports_masking is {layer.supports_masking}, expected {supports_masking}"
        )
    eager_out = (
        layer(input_data, **call_kwargs)
        if input_mask is None
        else layer(input_data, mask=backend.convert_to_tensor(input_mask), **call_kwargs)
    )
    assert layer.built, f"{layer_cls.__name__} is not built after its first call"
    if expected_num_trainable_weights is not None:
        assert len(layer.trainable_weights) == expected_num_trainable_weights, (
            f"{layer_cls.__name__}: {len(layer.trainable_weights)} trainable weights, expected "
            f"{expected_num_trainable_weights}"
        )
    if expected_num_non_trainable_weights is not None:
        assert len(layer.non_trainable_weights) == expected_num_non_trainable_weights, (
            f"{layer_cls.__name__}: {len(layer.non_trainable_weights)} non-trainable weights, "
            f"expected {expected_num_non_trainable_weights}"
        )
    if expected_num_seed_generators is not None:
        n = len(layer._seed_states())
        assert n == expected_num_seed_generators, (
            f"{layer_cls.__name__}: {n} seed generators, expected {expected_num_seed_generators}"
        )
    out_np = _to_numpy(eager_out)
    if expected_output_shape is not None:
        expected = (
            expected_output_shape
            if isinstance(expected_output_shape, list)
            else [expected_output_shape]
        )
        assert _flat_shapes(out_np) == [tuple(s) for s in expected], (
            f"{layer_cls.__name__}: output shapes {_flat_shapes(out_np)}, expected {expected}"
        )
    if expected_output_dtype is not None:
        for o in tree.flatten(eager_out):
            got = backend.standardize_dtype(o.dtype)
            assert got == expected_output_dtype, (
                f"{layer_cls.__name__}: output dtype {got}, expected {expected_output_dtype}"
            )
    checked["output"] = out_np

    # 2. Symbolic spec against eager: exact shapes, then with an unknown batch dim.
    for none_batch in (False, True):

        def sym(a, none_batch=none_batch):
            shape = tuple(np.shape(a))
            if none_batch and shape:
                shape = (None,) + shape[1:]
            return KerasTensor(
                shape,
                dtype=backend.standardize_dtype(np.asarray(a).dtype)
                if not hasattr(a, "dtype") or isinstance(a, np.ndarray)
                else backend.standardize_dtype(a.dtype),
            )

        sym_in = tree.map_structure(sym, input_data)
        fresh = layer_cls(**init_kwargs)
        spec = fresh(sym_in, **call_kwargs)
        for s, o in zip(tree.flatten(spec), tree.flatten(eager_out)):
            assert isinstance(s, KerasTensor), f"symbolic call returned {type(s).__name__}"
            assert len(s.shape) == len(o.shape), (
                f"{layer_cls.__name__}: symbolic shape {s.shape} vs eager {tuple(o.shape)}"
            )
            for sd, od in zip(s.shape, o.shape):
                assert sd == od or (sd is None and none_batch), (
                    f"{layer_cls.__name__}: symbolic shape {s.shape} vs eager {tuple(o.shape)} "
                    f"(none_batch={none_batch})"
                )
            assert s.dtype == backend.standardize_dtype(o.dtype), (
                f"{layer_cls.__name__}: symbolic dtype {s.dtype} vs eager {o.dtype}"
            )
        assert fresh.compute_output_shape(tree.map_structure(lambda t: t.shape, sym_in)) is not None

    # 3. Config round trips: from_config and the serialized (JSON) form.
    config = layer.get_config()
    with CustomObjectScope(custom_objects or {}):
        clone = layer_cls.from_config(config)
    assert clone.get_config() == config, f"{layer_cls.__name__}: config changed in a round trip"
    serialized = serialize_keras_object(layer)
    import json

    json.dumps(serialized)
    revived = deserialize_keras_object(
        json.loads(json.dumps(serialized)), custom_objects=custom_objects
    )
    assert type(revived) is layer_cls
    if layer.weights:
        revived_out = revived(input_data, **call_kwargs)
        revived.set_weights(layer.get_weights())
        revived_out = revived(input_data, **call_kwargs)
        if not _is_random(layer, call_kwargs):
            for a, b in zip(tree.flatten(_to_numpy(revived_out)), tree.flatten(out_np)):
                np.testing.assert_allclose(a, b, atol=atol, rtol=rtol)

    # 4. Values against a NumPy reference, with fixed weights.
    if reference is not None:
        if fixed_weights is not None:
            layer.set_weights(fixed_weights)
        weights_np = [np.asarray(w) for w in layer.get_weights()]
        out = _to_numpy(layer(input_data, **call_kwargs))
        ref = reference(input_data, weights_np)
        for a, b in zip(tree.flatten(out), tree.flatten(ref)):
            np.testing.assert_allclose(
                a.astype(np.float64), np.asarray(b, np.float64), atol=atol, rtol=rtol
            )
        checked["reference"] = True

    # 5. Masks.
    if expected_mask is not None:
        mask = getattr(eager_out, "_keras_mask", None)
        if mask is None:
            mask = layer.compute_mask(
                backend.convert_to_tensor(input_data),
                None if input_mask is None else backend.convert_to_tensor(input_mask),
            )
        np.testing.assert_array_equal(np.asarray(backend.convert_to_numpy(mask)), expected_mask)

    # 6. One training step.
    if run_training_check and backend.core.SUPPORTS_TRAINING and input_dtype in ("float32", None):
        checked["training"] = training_step_check(layer, input_data, call_kwargs)
    return checked


def _is_random(layer, call_kwargs):
    return bool(layer._seed_states()) and call_kwargs.get("training")


def _loss(out):
    total = None
    for o in tree.flatten(out):
        if not backend.is_float_dtype(o.dtype):
            continue
        term = ops.mean(ops.square(ops.cast(o, "float32")))
        total = term if total is None else ops.add(total, term)
    return total


def loss_and_grads(layer, inputs, call_kwargs):
    """(loss, grads) of mean(output**2) w.r.t. the trainable variables, on the active backend."""
    name = backend.backend()
    variables = layer.trainable_variables
    if name == "jax":
        import jax

        non_trainable = [v.value for v in layer.non_trainable_variables]

        def fn(values):
            out, _ = layer.stateless_call(values, non_trainable, inputs, **call_kwargs)
            return _loss(out)

        loss, grads = jax.value_and_grad(fn)([v.value for v in variables])
        return float(loss), [np.asarray(g) for g in grads]
    if name == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = _loss(layer(inputs, **call_kwargs))
        grads = tape.gradient(loss, [v.value for v in variables])
        # Gathers (Embedding) give IndexedSlices: densify them.
        return float(loss), [
            None if g is None else np.asarray(tf.convert_to_tensor(g)) for g in grads
        ]
    if name == "torch":
        for v in variables:
            v.value.grad = None
        loss = _loss(layer(inputs, **call_kwargs))
        loss.backward()
        return float(loss.detach()), [
            None if v.value.grad is None else v.value.grad.numpy().copy() for v in variables
        ]
    raise ValueError(f"The {name} backend computes no gradients.")


def training_step_check(layer, inputs, call_kwargs, learning_rate=0.05):
    """One SGD step on mean(output**2): every trainable weight gets a finite gradient,
    and (for layers with weights) the loss does not increase."""
    variables = layer.trainable_variables
    if not variables:
        return "no trainable weights"
    loss0, grads = loss_and_grads(layer, inputs, call_kwargs)
    for v, g in zip(variables, grads):
        assert g is not None, f"no gradient reached {v.path}"
        assert np.all(np.isfinite(g)), f"non-finite gradient for {v.path}"
    if all(float(np.abs(g).max()) == 0.0 for g in grads if g.size):
        raise AssertionError("every gradient is zero")
    for v, g in zip(variables, grads):
        v.assign(v.numpy() - learning_rate * g)
    if _is_random(layer, call_kwargs):
        return "stepped"
    loss1, _ = loss_and_grads(layer, inputs, call_kwargs)
    assert loss1 <= loss0 + 1e-6, f"loss went up after a gradient step: {loss0} -> {loss1}"
    return f"{loss0:.5g} -> {loss1:.5g}"
