"""Python operators (``+``, ``<``, ``@``, ...) as keras_core ops, for tensor-like classes.

``KerasTensor`` and ``KerasVariable`` both inherit ``TensorOperatorsMixin``: an
operator on either calls the op of ``keras_core.ops`` named below, so a
symbolic tensor builds graph nodes and a variable computes with its value.
Each class keeps its own ``__pos__`` and ``__getitem__`` (they differ: a
KerasTensor records a ``get_item`` op, a variable indexes its value).
"""


def _ops():
    from keras_core import ops

    return ops


# dunder stem -> op name; binary operators also get the reflected ``__r<stem>__``.
_UNARY = {"neg": "negative", "abs": "absolute", "invert": "logical_not"}
_BINARY = {
    "add": "add",
    "sub": "subtract",
    "mul": "multiply",
    "truediv": "true_divide",
    "floordiv": "floor_divide",
    "mod": "mod",
    "pow": "power",
    "matmul": "matmul",
    "and": "logical_and",
    "or": "logical_or",
    "xor": "logical_xor",
}
_COMPARISONS = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal"}


class TensorOperatorsMixin:
    """Maps Python's arithmetic, comparison and logical operators to keras_core ops.

    ``-x`` is ``ops.negative``, ``abs(x)`` ``ops.absolute``, ``~x``
    ``ops.logical_not``; ``+ - * / // % ** @`` map to ``add``, ``subtract``,
    ``multiply``, ``true_divide``, ``floor_divide``, ``mod``, ``power``,
    ``matmul`` (with their reflected forms), ``& | ^`` to ``logical_and``,
    ``logical_or``, ``logical_xor``, and ``< <= > >=`` to ``less``,
    ``less_equal``, ``greater``, ``greater_equal``. ``==`` and ``!=`` keep
    Python's identity semantics, so instances stay hashable.

    Example:
    >>> x = keras_core.KerasTensor((2, 3))
    >>> (x + 1).shape, (x @ keras_core.KerasTensor((3, 4))).shape, (x < 0).dtype
    ((2, 3), (2, 4), 'bool')
    """

    def _op(self, name, *args):
        return getattr(_ops(), name)(*args)


def _unary(op_name):
    def method(self):
        return self._op(op_name, self)

    return method


def _forward(op_name):
    def method(self, other):
        return self._op(op_name, self, other)

    return method


def _reflected(op_name):
    def method(self, other):
        return self._op(op_name, other, self)

    return method


def _install():
    methods = {}
    for stem, op_name in _UNARY.items():
        methods[f"__{stem}__"] = _unary(op_name)
    for stem, op_name in _BINARY.items():
        methods[f"__{stem}__"] = _forward(op_name)
        methods[f"__r{stem}__"] = _reflected(op_name)
    for stem, op_name in _COMPARISONS.items():
        methods[f"__{stem}__"] = _forward(op_name)
    for dunder, method in methods.items():
        method.__name__ = dunder
        method.__qualname__ = f"TensorOperatorsMixin.{dunder}"
        setattr(TensorOperatorsMixin, dunder, method)


_install()
