"""CompileLoss and CompileMetrics: ``compile(loss=..., metrics=...)`` resolved per model output.

Both are built on the first batch, once the structure of the targets and of the
model outputs is known: a single output, a list of outputs, or a dict of named
outputs. A loss (or metric list) may be given once for every output, per
output as a list, or per output name as a dict. String identifiers are
resolved with ``losses.get`` / ``metrics.get``; ``"accuracy"``/``"acc"`` and
``"crossentropy"``/``"ce"`` pick the binary, categorical or sparse variant from
the shapes of the targets and predictions, as in Keras.
"""


def _is_nested(x):
    return isinstance(x, (list, tuple, dict))


def flatten_outputs(y_pred, output_names=None):
    """``(names, flat_values)`` for the model outputs, in the model's output order."""
    if isinstance(y_pred, dict):
        names = list(y_pred.keys())
        return [str(n) for n in names], [y_pred[n] for n in names]
    if isinstance(y_pred, (list, tuple)):
        n = len(y_pred)
        if output_names is not None and len(output_names) == n and len(set(output_names)) == n:
            names = list(output_names)
        else:
            names = [f"output_{i + 1}" for i in range(n)]
        return names, list(y_pred)
    name = output_names[0] if output_names and len(output_names) == 1 else "output"
    return [name], [y_pred]


def aligned_outputs(y_pred, names, output_names=None):
    """The outputs in the order of ``names`` (fixed at build time).

    A dict of outputs is read by key: its key order may change on the way
    (``jax`` returns dicts with sorted keys from transformed functions).
    """
    if isinstance(y_pred, dict):
        missing = [n for n in names if n not in y_pred]
        if missing:
            raise ValueError(
                f"The model outputs lack the entries {missing}; outputs: {sorted(y_pred)}."
            )
        return [y_pred[n] for n in names]
    return flatten_outputs(y_pred, output_names)[1]


def match_to_outputs(value, names, y_pred, argument, broadcast_single=True):
    """Lays ``value`` (one item, a list per output, or a dict per output name) along the outputs."""
    n = len(names)
    if value is None:
        return [None] * n
    if isinstance(value, dict):
        unknown = [k for k in value if str(k) not in names]
        if unknown:
            raise ValueError(
                f"`{argument}` has keys {sorted(map(str, unknown))} that are not output names of "
                f"the model. Output names: {names}. Received: {argument}={value!r}"
            )
        by_name = {str(k): v for k, v in value.items()}
        return [by_name.get(name) for name in names]
    if isinstance(value, (list, tuple)):
        if len(value) == n:
            return list(value)
        raise ValueError(
            f"`{argument}` is a list of {len(value)} items, but the model has {n} output(s) "
            f"{names}. Pass one item per output, or a dict keyed by output name."
        )
    if n > 1 and not broadcast_single:
        raise ValueError(
            f"The model has {n} outputs {names}; `{argument}` must be a list or dict with one "
            f"entry per output. Received: {argument}={value!r}"
        )
    return [value] * n


def flatten_targets(y_true, names, y_pred, argument="y"):
    """The targets as a list aligned with the outputs (``None`` where none is given)."""
    n = len(names)
    if y_true is None:
        return [None] * n
    if isinstance(y_true, dict):
        if not isinstance(y_pred, dict) and n == 1 and len(y_true) == 1:
            return list(y_true.values())
        unknown = [k for k in y_true if str(k) not in names]
        if unknown:
            raise ValueError(
                f"The target dict `{argument}` has keys {sorted(map(str, unknown))} that are not "
                f"output names of the model. Output names: {names}."
            )
        by_name = {str(k): v for k, v in y_true.items()}
        return [by_name.get(name) for name in names]
    if isinstance(y_true, (list, tuple)):
        if len(y_true) == n:
            return list(y_true)
        if n == 1:
            return [y_true]
        raise ValueError(
            f"The model has {n} outputs {names}, but `{argument}` has {len(y_true)} entries."
        )
    if n != 1:
        raise ValueError(
            f"The model has {n} outputs {names}, but `{argument}` is a single array; pass a "
            "list or dict with one entry per output."
        )
    return [y_true]


def flatten_sample_weight(sample_weight, names):
    n = len(names)
    if sample_weight is None:
        return [None] * n
    if isinstance(sample_weight, dict):
        by_name = {str(k): v for k, v in sample_weight.items()}
        unknown = [k for k in by_name if k not in names]
        if unknown:
            raise ValueError(
                f"`sample_weight` has keys {sorted(unknown)} that are not output names of the "
                f"model. Output names: {names}."
            )
        return [by_name.get(name) for name in names]
    if isinstance(sample_weight, (list, tuple)):
        if len(sample_weight) != n:
            raise ValueError(
                f"`sample_weight` is a list of {len(sample_weight)} arrays, but the model has "
                f"{n} output(s) {names}."
            )
        return list(sample_weight)
    return [sample_weight] * n


def _rank(x):
    return len(x.shape)


def _last_dim(x):
    return x.shape[-1] if _rank(x) else None


def _variant(y_true, y_pred):
    """'binary', 'sparse' or 'categorical', from the target and prediction shapes."""
    if _last_dim(y_pred) == 1 or _rank(y_pred) == 0:
        return "binary"
    if y_true is not None and (
        _rank(y_true) == _rank(y_pred) - 1 or (_rank(y_true) and _last_dim(y_true) == 1)
    ):
        return "sparse"
    return "categorical"


def _set_name(obj, name):
    try:
        obj.name = name
    except AttributeError:
        obj._name = name


def get_metric(identifier, y_true, y_pred):
    """A Metric instance for ``identifier`` (a string, a function or a Metric)."""
    from keras_core import metrics as metrics_module

    if identifier is None:
        return None
    if isinstance(identifier, str) and identifier.lower() in ("accuracy", "acc"):
        cls = {
            "binary": metrics_module.BinaryAccuracy,
            "sparse": metrics_module.SparseCategoricalAccuracy,
            "categorical": metrics_module.CategoricalAccuracy,
        }[_variant(y_true, y_pred)]
        return cls(name=identifier)
    if isinstance(identifier, str) and identifier.lower() in ("crossentropy", "ce"):
        cls = {
            "binary": metrics_module.BinaryCrossentropy,
            "sparse": metrics_module.SparseCategoricalCrossentropy,
            "categorical": metrics_module.CategoricalCrossentropy,
        }[_variant(y_true, y_pred)]
        return cls(name=identifier)
    obj = metrics_module.get(identifier)
    if isinstance(obj, type):
        obj = obj()
    if not isinstance(obj, metrics_module.Metric):
        if not callable(obj):
            raise ValueError(f"Could not interpret metric identifier: {identifier!r}")
        name = identifier if isinstance(identifier, str) else getattr(obj, "__name__", "metric")
        return metrics_module.MeanMetricWrapper(obj, name=name)
    if isinstance(identifier, str):
        _set_name(obj, identifier)
    return obj


def get_loss(identifier, y_true, y_pred):
    """A Loss instance for ``identifier`` (a string, a function or a Loss)."""
    from keras_core import losses as losses_module

    if identifier is None:
        return None
    if isinstance(identifier, str) and identifier.lower() in ("crossentropy", "ce"):
        identifier = {
            "binary": "binary_crossentropy",
            "sparse": "sparse_categorical_crossentropy",
            "categorical": "categorical_crossentropy",
        }[_variant(y_true, y_pred)]
    obj = losses_module.get(identifier)
    if isinstance(obj, type):
        obj = obj()
    if isinstance(obj, losses_module.Loss):
        return obj
    if callable(obj):
        name = identifier if isinstance(identifier, str) else getattr(obj, "__name__", "loss")
        return _function_loss(obj, name)
    raise ValueError(f"Could not interpret loss identifier: {identifier!r}")


def _function_loss(fn, name):
    """Wraps a per-sample loss function ``fn(y_true, y_pred)`` into a reducing Loss."""
    from keras_core import losses as losses_module

    class FunctionLoss(losses_module.Loss):
        def call(self, y_true, y_pred):
            return fn(y_true, y_pred)

    return FunctionLoss(name=name)


def _validate_loss_names(loss):
    """Resolves every loss name in ``loss`` now, so a typo fails in ``compile``."""
    from keras_core import losses as losses_module

    if isinstance(loss, dict):
        items = list(loss.values())
    elif isinstance(loss, (list, tuple)):
        items = list(loss)
    else:
        items = [loss]
    for item in items:
        if isinstance(item, (dict, list, tuple)):
            _validate_loss_names(item)
        elif isinstance(item, str) and item.lower() not in ("crossentropy", "ce"):
            try:
                losses_module.get(item)
            except (ValueError, TypeError) as e:
                raise ValueError(
                    f"Unknown loss: {item!r}. Pass the name of a function or class of "
                    f"`keras_core.losses`, a `Loss` instance or a callable. Received: "
                    f"loss={loss!r}"
                ) from e


def _sparse_loss_settings(loss):
    """``(True, ignore_class)`` when ``loss`` is sparse categorical cross-entropy."""
    from keras_core import losses as losses_module

    if isinstance(loss, str):
        name = loss.lower().replace("_", "")
        return name == "sparsecategoricalcrossentropy", None
    if isinstance(loss, losses_module.SparseCategoricalCrossentropy):
        return True, loss.ignore_class
    return loss is losses_module.sparse_categorical_crossentropy, None


def check_sparse_labels(loss, y, num_classes, argument="y"):
    """Raises if NumPy labels ``y`` for a sparse cross-entropy lie outside ``[0, num_classes)``.

    Only for a single loss on a single output whose class count is static and
    targets given as an array (values of framework tensors are not read here).
    """
    import numpy as np

    is_sparse, ignore_class = _sparse_loss_settings(loss)
    if not is_sparse or not num_classes or not isinstance(y, np.ndarray) or not y.size:
        return
    if y.dtype.kind not in "iuf":
        return
    labels = y if ignore_class is None else y[y != ignore_class]
    if not labels.size:
        return
    low, high = labels.min(), labels.max()
    bad = low if low < 0 else high if high >= num_classes else None
    if bad is None and y.dtype.kind == "f":
        fractional = labels[labels != np.floor(labels)]
        bad = fractional[0] if fractional.size else None
    if bad is not None:
        raise ValueError(
            f"Invalid label in `{argument}` for loss='sparse_categorical_crossentropy': the "
            f"model output has {num_classes} classes, so labels must be integers in "
            f"[0, {num_classes}). Received a label value of {bad.item()!r}."
        )


class CompileLoss:
    """The total compiled loss: ``sum_i loss_weight_i * loss_i(y_i, y_pred_i, sw_i)``.

    Args:
        loss: a loss identifier, a list (one per output) or a dict keyed by output name.
        loss_weights: ``None``, a float (single output), a list or a dict.
        output_names: the model's output names, for dict arguments.
    """

    def __init__(self, loss, loss_weights=None, output_names=None):
        _validate_loss_names(loss)
        self._loss = loss
        self._loss_weights = loss_weights
        self.output_names = output_names
        self.built = False
        self._entries = []

    def build(self, y_true, y_pred):
        names, flat_pred = flatten_outputs(y_pred, self.output_names)
        flat_true = flatten_targets(y_true, names, y_pred)
        losses = match_to_outputs(self._loss, names, y_pred, "loss")
        weights = match_to_outputs(
            self._loss_weights, names, y_pred, "loss_weights", broadcast_single=False
        )
        entries = []
        for name, ident, weight, yt, yp in zip(names, losses, weights, flat_true, flat_pred):
            if weight is not None and (
                isinstance(weight, bool) or not isinstance(weight, (int, float))
            ):
                raise ValueError(
                    f"`loss_weights` entries must be numbers. Received for output {name!r}: "
                    f"{weight!r}"
                )
            entries.append((name, get_loss(ident, yt, yp), 1.0 if weight is None else weight))
        if all(e[1] is None for e in entries):
            raise ValueError(
                f"`loss` assigns no loss to any output of the model (outputs: {names}). "
                f"Received: loss={self._loss!r}"
            )
        self._names = names
        self._entries = entries
        self.built = True

    @property
    def losses(self):
        return [e[1] for e in self._entries]

    def __call__(self, y_true, y_pred, sample_weight=None):
        from keras_core import ops

        if not self.built:
            self.build(y_true, y_pred)
        names = self._names
        flat_pred = aligned_outputs(y_pred, names, self.output_names)
        flat_true = flatten_targets(y_true, names, y_pred)
        flat_sw = flatten_sample_weight(sample_weight, names)
        total = None
        for (name, loss, weight), yt, yp, sw in zip(self._entries, flat_true, flat_pred, flat_sw):
            if loss is None:
                continue
            if yt is None:
                raise ValueError(
                    f"Output {name!r} has a loss but the data gives no target for it. Pass a "
                    f"target for {name!r} in `y`."
                )
            value = loss(yt, yp, sample_weight=sw)
            if weight != 1.0:
                value = ops.multiply(value, weight)
            total = value if total is None else ops.add(total, ops.cast(value, total.dtype))
        return total

    def get_config(self):
        return {"loss": self._loss, "loss_weights": self._loss_weights}


class CompileMetrics:
    """The compiled metrics of every output (unweighted, then weighted by sample weights).

    Args:
        metrics: a list of identifiers for every output, a list of lists (one list
            per output), or a dict keyed by output name.
        weighted_metrics: the same, for metrics that take ``sample_weight``.
        output_names: the model's output names.
    """

    def __init__(self, metrics, weighted_metrics=None, output_names=None):
        for arg, value in (("metrics", metrics), ("weighted_metrics", weighted_metrics)):
            if value is not None and not isinstance(value, (list, tuple, dict)):
                raise ValueError(f"`{arg}` must be a list or a dict. Received: {arg}={value!r}")
        self._metrics = metrics
        self._weighted = weighted_metrics
        self.output_names = output_names
        self.built = False
        self._per_output = []

    def _per_output_lists(self, value, names, argument):
        n = len(names)
        if value is None:
            return [[] for _ in range(n)]
        if isinstance(value, dict):
            lists = match_to_outputs(value, names, None, argument)
            return [
                [] if v is None else (list(v) if isinstance(v, (list, tuple)) else [v])
                for v in lists
            ]
        if (
            n > 1
            and len(value) == n
            and all(v is None or isinstance(v, (list, tuple)) for v in value)
        ):
            return [[] if v is None else list(v) for v in value]
        if n > 1:
            from keras_core import metrics as metrics_module

            shared = [m for m in value if isinstance(m, metrics_module.Metric)]
            if shared:
                raise ValueError(
                    f"The model has {n} outputs {names}; a Metric instance ({shared[0].name!r}) "
                    f"cannot be shared by all of them. Give `{argument}` as a dict keyed by "
                    "output name or a list of lists, or use metric names/functions."
                )
        return [list(value) for _ in range(n)]

    def build(self, y_true, y_pred):
        names, flat_pred = flatten_outputs(y_pred, self.output_names)
        flat_true = flatten_targets(y_true, names, y_pred)
        plain = self._per_output_lists(self._metrics, names, "metrics")
        weighted = self._per_output_lists(self._weighted, names, "weighted_metrics")
        seen_ids = set()
        used_names = set()
        per_output = []
        for i, name in enumerate(names):
            entries = []
            for is_weighted, idents in ((False, plain[i]), (True, weighted[i])):
                for ident in idents:
                    metric = get_metric(ident, flat_true[i], flat_pred[i])
                    if metric is None:
                        continue
                    if id(metric) in seen_ids:
                        raise ValueError(
                            f"The same Metric instance {metric.name!r} was given twice to "
                            "compile(); use a separate instance for each place."
                        )
                    seen_ids.add(id(metric))
                    full = metric.name if len(names) == 1 else f"{name}_{metric.name}"
                    if is_weighted and full in used_names:
                        full = f"weighted_{full}"
                    if full != metric.name:
                        _set_name(metric, full)
                    used_names.add(full)
                    entries.append((metric, is_weighted))
            per_output.append(entries)
        self._names = names
        self._per_output = per_output
        self.built = True

    @property
    def metrics(self):
        return [m for entries in self._per_output for m, _ in entries]

    @property
    def variables(self):
        return [v for m in self.metrics for v in m.variables]

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        names = self._names
        flat_pred = aligned_outputs(y_pred, names, self.output_names)
        flat_true = flatten_targets(y_true, names, y_pred)
        flat_sw = flatten_sample_weight(sample_weight, names)
        for entries, yt, yp, sw in zip(self._per_output, flat_true, flat_pred, flat_sw):
            if yt is None:
                continue
            for metric, is_weighted in entries:
                if is_weighted:
                    metric.update_state(yt, yp, sample_weight=sw)
                else:
                    metric.update_state(yt, yp)

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()

    def result(self):
        return {m.name: m.result() for m in self.metrics}

    def get_config(self):
        return {"metrics": self._metrics, "weighted_metrics": self._weighted}
