"""keras_core.ops.linalg: linear algebra (also exported at ``keras_core.ops`` top level).

Matrix arguments may carry leading batch dimensions: ``(..., m, n)``.
Results are floating (ints become ``floatx()``); ``eig`` is complex.
"""

from typing import Callable

from keras_core import backend
from keras_core.backend.common import tree
from keras_core.backend.common.keras_tensor import KerasTensor, any_symbolic_tensors
from keras_core.ops.op_utils import (
    Tensor,
    broadcast_shapes,
    float_dtype,
    op_names,
    shape_of,
    standardize_axis,
)
from keras_core.ops.operation import Operation


def _matrix(op, x, name="x", square=True):
    shape = shape_of(x)
    if len(shape) < 2:
        raise ValueError(
            f"{op}: `{name}` must have rank >= 2 (a matrix or a batch of matrices). "
            f"Received: {name}.shape={tuple(shape)}"
        )
    if square and shape[-1] is not None and shape[-2] is not None and shape[-1] != shape[-2]:
        raise ValueError(
            f"{op}: `{name}` must be a square matrix (or a batch of them). "
            f"Received: {name}.shape={tuple(shape)}"
        )
    return tuple(shape)


class _MatrixOp(Operation):
    """A one-matrix op whose result is a matrix of the same shape."""

    backend_fn = None

    def __init__(self, name=None, **params):
        super().__init__(name=name)
        self.params = params

    def call(self, x):
        return getattr(backend.linalg, self.backend_fn)(x, **self.params)

    def compute_output_spec(self, x):
        return KerasTensor(shape_of(x), dtype=float_dtype(x))


class Cholesky(_MatrixOp):
    backend_fn = "cholesky"


class CholeskyInverse(_MatrixOp):
    backend_fn = "cholesky_inverse"


class Inv(_MatrixOp):
    backend_fn = "inv"


def cholesky(x: Tensor, upper: bool = False) -> Tensor:
    """Cholesky factor of Hermitian positive-definite matrices.

    Args:
        x: a tensor ``(..., n, n)``.
        upper: return the upper factor ``U`` (``x = U^H U``) instead of the lower
            ``L`` (``x = L L^H``).

    Returns:
        A triangular floating tensor ``(..., n, n)``.

    Example:
    >>> out = keras_core.ops.linalg.cholesky([[4.0, 2.0], [2.0, 2.0]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[2.0, 0.0], [1.0, 1.0]]
    """
    _matrix("cholesky", x)
    if any_symbolic_tensors((x,)):
        return Cholesky(upper=bool(upper)).symbolic_call(x)
    return backend.linalg.cholesky(x, upper=bool(upper))


def cholesky_inverse(x: Tensor, upper: bool = False) -> Tensor:
    """Inverse of a positive-definite matrix from its Cholesky factor.

    Args:
        x: the factor ``(..., n, n)``: lower ``L`` (the matrix is ``L L^H``), or
            upper ``U`` when ``upper=True`` (the matrix is ``U^H U``).
        upper: whether ``x`` is the upper factor.

    Returns:
        The inverse of the factored matrix ``(..., n, n)``.

    Example:
    The factor ``[[2, 0], [1, 1]]`` is of ``[[4, 2], [2, 2]]``, whose inverse this is:

    >>> x = keras_core.ops.linalg.cholesky_inverse([[2.0, 0.0], [1.0, 1.0]])
    >>> keras_core.ops.convert_to_numpy(x).tolist()
    [[0.5, -0.5], [-0.5, 1.0]]
    """
    _matrix("cholesky_inverse", x)
    if any_symbolic_tensors((x,)):
        return CholeskyInverse(upper=bool(upper)).symbolic_call(x)
    return backend.linalg.cholesky_inverse(x, upper=bool(upper))


def inv(x: Tensor) -> Tensor:
    """Inverse of square matrices.

    Args:
        x: a tensor ``(..., n, n)``.

    Returns:
        A floating tensor ``(..., n, n)``.

    Example:
    >>> out = keras_core.ops.linalg.inv([[2.0, 0.0], [0.0, 4.0]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.5, 0.0], [0.0, 0.25]]
    """
    _matrix("inv", x)
    if any_symbolic_tensors((x,)):
        return Inv().symbolic_call(x)
    return backend.linalg.inv(x)


class Det(Operation):
    def call(self, x):
        return backend.linalg.det(x)

    def compute_output_spec(self, x):
        return KerasTensor(tuple(shape_of(x)[:-2]), dtype=float_dtype(x))


def det(x: Tensor) -> Tensor:
    """Determinant of square matrices.

    Args:
        x: a tensor ``(..., n, n)``.

    Returns:
        A floating tensor ``(...)``.

    Example:
    >>> out = keras_core.ops.linalg.det([[1.0, 2.0], [3.0, 4.0]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    -2.0
    """
    _matrix("det", x)
    if any_symbolic_tensors((x,)):
        return Det().symbolic_call(x)
    return backend.linalg.det(x)


class Eig(Operation):
    def call(self, x):
        return backend.linalg.eig(x)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        d = "complex128" if float_dtype(x) == "float64" else "complex64"
        return KerasTensor(tuple(shape[:-1]), dtype=d), KerasTensor(tuple(shape), dtype=d)


def eig(x: Tensor) -> tuple:
    """Eigenvalues and right eigenvectors of general square matrices.

    Args:
        x: a real tensor ``(..., n, n)``.

    Returns:
        ``(w, v)``: complex eigenvalues ``(..., n)`` and unit eigenvectors as the
        columns of ``v`` ``(..., n, n)`` (complex128 for float64 input, else
        complex64). Their order and phases are the framework's.

    Example:
    >>> out = keras_core.ops.linalg.eig([[2.0, 0.0], [0.0, 3.0]])[0]
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [(2+0j), (3+0j)]
    """
    _matrix("eig", x)
    if any_symbolic_tensors((x,)):
        return Eig().symbolic_call(x)
    return backend.linalg.eig(x)


class Eigh(Operation):
    def call(self, x):
        return backend.linalg.eigh(x)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        d = float_dtype(x)
        return KerasTensor(tuple(shape[:-1]), dtype=d), KerasTensor(tuple(shape), dtype=d)


def eigh(x: Tensor) -> tuple:
    """Eigenvalues (ascending) and eigenvectors of symmetric / Hermitian matrices.

    Args:
        x: a tensor ``(..., n, n)``; only its lower triangle is read.

    Returns:
        ``(w, v)``: eigenvalues ``(..., n)`` in ascending order and orthonormal
        eigenvectors as the columns of ``v`` (signs are the framework's).

    Example:
    >>> out = keras_core.ops.linalg.eigh([[2.0, 1.0], [1.0, 2.0]])[0]
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0, 3.0]
    """
    _matrix("eigh", x)
    if any_symbolic_tensors((x,)):
        return Eigh().symbolic_call(x)
    return backend.linalg.eigh(x)


class LuFactor(Operation):
    def call(self, x):
        return backend.linalg.lu_factor(x)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        k = None if None in shape[-2:] else min(shape[-2:])
        return (
            KerasTensor(tuple(shape), dtype=float_dtype(x)),
            KerasTensor(tuple(shape[:-2]) + (k,), dtype="int32"),
        )


def lu_factor(x: Tensor) -> tuple:
    """LU factorization with partial pivoting, in LAPACK's compact form.

    Args:
        x: a tensor ``(..., m, n)``.

    Returns:
        ``(lu, pivots)``: ``lu`` holds ``U`` in its upper triangle and the
        unit-diagonal ``L`` below it; ``pivots`` (int32, 0-based, length
        ``min(m, n)``) says that row ``i`` was swapped with row ``pivots[i]``.

    Example:
    >>> out = keras_core.ops.linalg.lu_factor([[1.0, 2.0], [3.0, 4.0]])[1]
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1, 1]
    """
    _matrix("lu_factor", x, square=False)
    if any_symbolic_tensors((x,)):
        return LuFactor().symbolic_call(x)
    return backend.linalg.lu_factor(x)


class MatrixRank(Operation):
    def __init__(self, tol=None, name=None):
        super().__init__(name=name)
        self.tol = tol

    def call(self, x):
        return backend.linalg.matrix_rank(x, tol=self.tol)

    def compute_output_spec(self, x):
        return KerasTensor(tuple(shape_of(x)[:-2]), dtype="int32")


def matrix_rank(x: Tensor, tol: float | None = None) -> Tensor:
    """Numerical rank: the number of singular values above a tolerance.

    Args:
        x: a tensor ``(..., m, n)``.
        tol: the threshold; None means ``max(s) * max(m, n) * eps(dtype)``.

    Returns:
        An int32 tensor ``(...)``.

    Example:
    >>> int(keras_core.ops.linalg.matrix_rank([[1.0, 2.0], [2.0, 4.0]]))
    1
    """
    _matrix("matrix_rank", x, square=False)
    if any_symbolic_tensors((x,)):
        return MatrixRank(tol).symbolic_call(x)
    return backend.linalg.matrix_rank(x, tol=tol)


_VECTOR_ORDS = "any number, inf or -inf"
_MATRIX_ORDS = ("fro", "nuc", 1, -1, 2, -2, float("inf"), float("-inf"))


class Norm(Operation):
    def __init__(self, ord=None, axis=None, keepdims=False, name=None):
        super().__init__(name=name)
        self.ord = ord
        self.axis = axis
        self.keepdims = keepdims

    def call(self, x):
        return backend.linalg.norm(x, ord=self.ord, axis=self.axis, keepdims=self.keepdims)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        axes = (
            tuple(range(len(shape)))
            if self.axis is None
            else (self.axis if isinstance(self.axis, tuple) else (self.axis,))
        )
        if self.keepdims:
            out = tuple(1 if i in axes else d for i, d in enumerate(shape))
        else:
            out = tuple(d for i, d in enumerate(shape) if i not in axes)
        return KerasTensor(out, dtype=float_dtype(x))


def norm(
    x: Tensor,
    ord: int | float | str | None = None,
    axis: int | tuple | None = None,
    keepdims: bool = False,
) -> Tensor:
    """Vector or matrix norm, as ``numpy.linalg.norm``.

    Args:
        x: input tensor.
        ord: the order. For vectors (one axis): None (2), any number, inf, -inf.
            For matrices (two axes): None or "fro", "nuc", 1, -1, 2, -2, inf, -inf.
        axis: None (the whole tensor as a vector if ``ord`` is None; otherwise
            ``x`` must be 1-D or 2-D), an int (vector norms) or a pair of ints
            (matrix norms).
        keepdims: whether to keep the reduced axes with length 1.

    Returns:
        A floating tensor.

    Example:
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.linalg.norm([3.0, 4.0])).tolist()
    5.0
    """
    op = "norm"
    ndim = len(shape_of(x))
    if axis is None:
        if ord is not None and ndim not in (1, 2):
            raise ValueError(
                f"{op}: with `axis=None` and an `ord`, `x` must be 1-D or 2-D. "
                f"Received: x.shape={tuple(shape_of(x))}, ord={ord!r}"
            )
        axes = tuple(range(ndim)) if ord is None else tuple(range(ndim))
        if ord is None:
            axis_arg = None
        else:
            axis_arg = axes if ndim == 2 else axes[0]
    else:
        axes = standardize_axis(axis, ndim, op)
        if isinstance(axis, (list, tuple)):
            if len(axis) not in (1, 2):
                raise ValueError(f"{op}: `axis` must be an int or a pair. Received: axis={axis!r}")
            axes = tuple(a % ndim for a in axis)
            if len(set(axes)) != len(axes):
                raise ValueError(f"{op}: `axis` has repeated axes. Received: axis={axis!r}")
            axis_arg = axes if len(axes) == 2 else axes[0]
        else:
            axis_arg = axes[0]
    n_axes = 2 if isinstance(axis_arg, tuple) else (1 if axis_arg is not None else 0)
    if n_axes == 2 and ord is not None and ord not in _MATRIX_ORDS:
        raise ValueError(
            f"{op}: invalid `ord` for a matrix norm; expected one of {_MATRIX_ORDS}. "
            f"Received: ord={ord!r}"
        )
    if n_axes == 1 and ord is not None and (isinstance(ord, str) or isinstance(ord, bool)):
        raise ValueError(
            f"{op}: invalid `ord` for a vector norm; expected {_VECTOR_ORDS}. Received: ord={ord!r}"
        )
    if any_symbolic_tensors((x,)):
        return Norm(ord, axis_arg, bool(keepdims)).symbolic_call(x)
    return backend.linalg.norm(x, ord=ord, axis=axis_arg, keepdims=bool(keepdims))


class Pinv(Operation):
    def __init__(self, rcond=None, name=None):
        super().__init__(name=name)
        self.rcond = rcond

    def call(self, x):
        return backend.linalg.pinv(x, rcond=self.rcond)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        return KerasTensor(tuple(shape[:-2]) + (shape[-1], shape[-2]), dtype=float_dtype(x))


def pinv(x: Tensor, rcond: float | None = None) -> Tensor:
    """Moore-Penrose pseudo-inverse (through the SVD).

    Args:
        x: a tensor ``(..., m, n)``.
        rcond: singular values below ``rcond * max(s)`` are treated as zero;
            None means ``max(m, n) * eps(dtype)``.

    Returns:
        A floating tensor ``(..., n, m)``.

    Example:
    >>> out = keras_core.ops.linalg.pinv([[2.0, 0.0], [0.0, 0.0]])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [[0.5, 0.0], [0.0, 0.0]]
    """
    _matrix("pinv", x, square=False)
    if any_symbolic_tensors((x,)):
        return Pinv(rcond).symbolic_call(x)
    return backend.linalg.pinv(x, rcond=rcond)


class Qr(Operation):
    def __init__(self, mode="reduced", name=None):
        super().__init__(name=name)
        self.mode = mode

    def call(self, x):
        return backend.linalg.qr(x, mode=self.mode)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        m, n = shape[-2], shape[-1]
        batch = tuple(shape[:-2])
        if self.mode == "complete":
            q, r = (m, m), (m, n)
        else:
            k = None if m is None or n is None else min(m, n)
            q, r = (m, k), (k, n)
        d = float_dtype(x)
        return KerasTensor(batch + q, dtype=d), KerasTensor(batch + r, dtype=d)


def qr(x: Tensor, mode: str = "reduced") -> tuple:
    """QR decomposition ``x = q @ r``.

    Args:
        x: a tensor ``(..., m, n)``.
        mode: "reduced" (``q`` is ``(m, k)``, ``r`` is ``(k, n)``, ``k = min(m, n)``)
            or "complete" (``q`` is ``(m, m)``, ``r`` is ``(m, n)``).

    Returns:
        ``(q, r)``: ``q`` with orthonormal columns and upper-triangular ``r``.
        Column signs are the framework's.

    Example:
    >>> q, r = keras_core.ops.qr([[1.0, 2.0], [3.0, 4.0]])
    >>> keras_core.ops.convert_to_numpy(keras_core.ops.matmul(q, r)).tolist()
    [[1.0, 2.0], [3.0, 4.0]]
    """
    if mode not in ("reduced", "complete"):
        raise ValueError(f"qr: `mode` must be 'reduced' or 'complete'. Received: mode={mode!r}")
    _matrix("qr", x, square=False)
    if any_symbolic_tensors((x,)):
        return Qr(mode).symbolic_call(x)
    return backend.linalg.qr(x, mode=mode)


class Svd(Operation):
    def __init__(self, full_matrices=True, compute_uv=True, name=None):
        super().__init__(name=name)
        self.full_matrices = full_matrices
        self.compute_uv = compute_uv

    def call(self, x):
        return backend.linalg.svd(x, full_matrices=self.full_matrices, compute_uv=self.compute_uv)

    def compute_output_spec(self, x):
        shape = shape_of(x)
        m, n = shape[-2], shape[-1]
        batch = tuple(shape[:-2])
        k = None if m is None or n is None else min(m, n)
        d = float_dtype(x)
        s = KerasTensor(batch + (k,), dtype=d)
        if not self.compute_uv:
            return s
        if self.full_matrices:
            u, vh = (m, m), (n, n)
        else:
            u, vh = (m, k), (k, n)
        return KerasTensor(batch + u, dtype=d), s, KerasTensor(batch + vh, dtype=d)


def svd(x: Tensor, full_matrices: bool = True, compute_uv: bool = True) -> Tensor | tuple:
    """Singular value decomposition ``x = u @ diag(s) @ vh``.

    Args:
        x: a tensor ``(..., m, n)``.
        full_matrices: whether ``u`` and ``vh`` are square (``(m, m)``, ``(n, n)``)
            or reduced (``(m, k)``, ``(k, n)``, ``k = min(m, n)``).
        compute_uv: whether to return ``u`` and ``vh``.

    Returns:
        ``(u, s, vh)`` with singular values ``s`` in descending order, or only ``s``.

    Example:
    >>> out = keras_core.ops.linalg.svd([[3.0, 0.0], [0.0, 4.0]], compute_uv=False)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [4.0, 3.0]
    """
    _matrix("svd", x, square=False)
    if any_symbolic_tensors((x,)):
        return Svd(bool(full_matrices), bool(compute_uv)).symbolic_call(x)
    return backend.linalg.svd(x, full_matrices=bool(full_matrices), compute_uv=bool(compute_uv))


def _check_solve_shapes(op, a, b):
    a_shape = _matrix(op, a, "a")
    b_shape = shape_of(b)
    if len(b_shape) < 1:
        raise ValueError(f"{op}: `b` must have rank >= 1. Received: b.shape={tuple(b_shape)}")
    rows = b_shape[-2] if len(b_shape) >= 2 and len(b_shape) == len(a_shape) else b_shape[-1]
    if a_shape[-2] is not None and rows is not None and a_shape[-2] != rows:
        raise ValueError(
            f"{op}: `b` must have as many rows as `a` ({a_shape[-2]}). "
            f"Received: a.shape={a_shape}, b.shape={tuple(b_shape)}"
        )
    return a_shape, tuple(b_shape)


class Solve(Operation):
    backend_fn = "solve"

    def __init__(self, name=None, **params):
        super().__init__(name=name)
        self.params = params

    def call(self, a, b):
        return getattr(backend.linalg, self.backend_fn)(a, b, **self.params)

    def compute_output_spec(self, a, b):
        a_shape, b_shape = shape_of(a), shape_of(b)
        if len(b_shape) == len(a_shape):
            batch = broadcast_shapes(a_shape[:-2], b_shape[:-2], self.backend_fn)
            out = batch + (a_shape[-1], b_shape[-1])
        else:
            batch = broadcast_shapes(a_shape[:-2], b_shape[:-1], self.backend_fn)
            out = batch + (a_shape[-1],)
        return KerasTensor(out, dtype=float_dtype(a, b))


class SolveTriangular(Solve):
    backend_fn = "solve_triangular"


def solve(a: Tensor, b: Tensor) -> Tensor:
    """Solves ``a @ x = b`` for square, non-singular ``a``.

    Args:
        a: a tensor ``(..., n, n)``.
        b: a tensor ``(..., n, k)`` (same rank as ``a``) or a vector ``(..., n)``.

    Returns:
        ``x``, the shape of ``b`` (batch dims broadcast).

    Example:
    >>> out = keras_core.ops.linalg.solve([[2.0, 0.0], [0.0, 4.0]], [2.0, 2.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0, 0.5]
    """
    _check_solve_shapes("solve", a, b)
    if any_symbolic_tensors((a, b)):
        return Solve().symbolic_call(a, b)
    return backend.linalg.solve(a, b)


def solve_triangular(a: Tensor, b: Tensor, lower: bool = False) -> Tensor:
    """Solves ``a @ x = b`` for triangular ``a`` (only that triangle is read).

    Args:
        a: a tensor ``(..., n, n)``.
        b: a tensor ``(..., n, k)`` (same rank as ``a``) or a vector ``(..., n)``.
        lower: whether ``a`` is lower (True) or upper (False) triangular.

    Returns:
        ``x``, the shape of ``b``.

    Example:
    >>> out = keras_core.ops.linalg.solve_triangular([[2.0, 0.0], [1.0, 1.0]], [2.0, 3.0], lower=True)
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0, 2.0]
    """
    _check_solve_shapes("solve_triangular", a, b)
    if any_symbolic_tensors((a, b)):
        return SolveTriangular(lower=bool(lower)).symbolic_call(a, b)
    return backend.linalg.solve_triangular(a, b, lower=bool(lower))


class Lstsq(Operation):
    def __init__(self, rcond=None, name=None):
        super().__init__(name=name)
        self.rcond = rcond

    def call(self, a, b):
        return backend.linalg.lstsq(a, b, rcond=self.rcond)

    def compute_output_spec(self, a, b):
        a_shape, b_shape = shape_of(a), shape_of(b)
        out = (a_shape[-1],) + tuple(b_shape[1:])
        return KerasTensor(out, dtype=float_dtype(a, b))


def lstsq(a: Tensor, b: Tensor, rcond: float | None = None) -> Tensor:
    """Least-squares solution of ``a @ x = b`` (minimum norm for rank-deficient ``a``).

    Args:
        a: a matrix ``(m, n)``.
        b: ``(m,)`` or ``(m, k)``.
        rcond: singular values below ``rcond * max(s)`` are treated as zero;
            None means ``max(m, n) * eps(dtype)``.

    Returns:
        ``x``: ``(n,)`` or ``(n, k)``.

    Example:
    >>> out = keras_core.ops.linalg.lstsq([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [1.0, 1.0, 2.0])
    >>> keras_core.ops.convert_to_numpy(out).tolist()
    [1.0, 1.0]
    """
    a_shape = shape_of(a)
    b_shape = shape_of(b)
    if len(a_shape) != 2 or len(b_shape) not in (1, 2):
        raise ValueError(
            "lstsq: `a` must be a matrix and `b` a vector or a matrix. "
            f"Received: a.shape={tuple(a_shape)}, b.shape={tuple(b_shape)}"
        )
    if a_shape[0] is not None and b_shape[0] is not None and a_shape[0] != b_shape[0]:
        raise ValueError(
            "lstsq: `a` and `b` must have the same number of rows. "
            f"Received: a.shape={tuple(a_shape)}, b.shape={tuple(b_shape)}"
        )
    if any_symbolic_tensors((a, b)):
        return Lstsq(rcond).symbolic_call(a, b)
    return backend.linalg.lstsq(a, b, rcond=rcond)


def jvp(fun: Callable, primals: tuple, tangents: tuple, has_aux: bool = False) -> tuple:
    """Jacobian-vector product of ``fun`` at ``primals`` along ``tangents`` (forward mode).

    Args:
        fun: a function of tensors built from keras_core ops.
        primals: a tuple or list of the arguments of ``fun``.
        tangents: a tuple or list of the same structure and shapes as ``primals``.
        has_aux: whether ``fun`` returns ``(output, aux)``; ``aux`` is passed through.

    Returns:
        ``(primals_out, tangents_out)``, or ``(primals_out, tangents_out, aux)``.

    Example:
    (Skipped by the doctest run, which uses the numpy backend: it has no
    automatic differentiation and raises a NotImplementedError.)

    >>> out, tangent = keras_core.ops.linalg.jvp(  # doctest: +SKIP
    ...     keras_core.ops.square, (3.0,), (1.0,)
    ... )
    >>> float(out), float(tangent)  # doctest: +SKIP
    (9.0, 6.0)
    """
    if not callable(fun):
        raise TypeError(f"jvp: `fun` must be callable. Received: fun={fun!r}")
    if not isinstance(primals, (list, tuple)) or not isinstance(tangents, (list, tuple)):
        raise TypeError(
            "jvp: `primals` and `tangents` must be tuples or lists. "
            f"Received: primals={type(primals).__name__}, tangents={type(tangents).__name__}"
        )
    if len(primals) != len(tangents):
        raise ValueError(
            f"jvp: `primals` and `tangents` must have the same length. "
            f"Received: {len(primals)} and {len(tangents)}"
        )
    for p, t in zip(tree.flatten(primals), tree.flatten(tangents)):
        ps, ts = shape_of(p), shape_of(t)
        if len(ps) != len(ts) or any(
            a is not None and b is not None and a != b for a, b in zip(ps, ts)
        ):
            raise ValueError(
                f"jvp: each tangent must have its primal's shape. "
                f"Received: primal shape {tuple(ps)}, tangent shape {tuple(ts)}"
            )
    if any_symbolic_tensors((primals, tangents)):
        out = fun(*primals)
        if has_aux:
            out, aux = out
            tangent = tree.map_structure(lambda o: KerasTensor(o.shape, dtype=o.dtype), out)
            return out, tangent, aux
        return out, tree.map_structure(lambda o: KerasTensor(o.shape, dtype=o.dtype), out)
    return backend.linalg.jvp(fun, tuple(primals), tuple(tangents), has_aux=bool(has_aux))


__all__ = op_names(__name__)
