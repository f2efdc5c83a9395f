"""The jax backend's ops of ``keras_core/ops/numpy/linear.py``."""

import jax
import jax.numpy as jnp

from keras_core.backend.jax.op_helpers import (
    broadcastable,
    cast,
    check_axis,
    check_choice,
    check_min_rank,
    check_rank,
    float_type,
    result_type,
    tensor,
)


def _operands(op, x1, x2, dtype=None):
    d = dtype or result_type(op, x1, x2)
    return cast(x1, d), cast(x2, d)


def _matmul_problem(s1, s2):
    if not s1 or not s2:
        return "matmul does not accept 0-d tensors"
    k2 = s2[0] if len(s2) == 1 else s2[-2]
    if s1[-1] != k2:
        return f"the contracted dimensions differ ({s1[-1]} and {k2})"
    if not broadcastable(s1[:-2], s2[:-2]):
        return "the batch dimensions do not broadcast"
    return None


def _matmul_error(s1, s2, problem):
    return ValueError(f"matmul: cannot multiply shapes {tuple(s1)} and {tuple(s2)}: {problem}.")


def matmul(x1, x2):
    if (
        isinstance(x1, jax.Array)
        and isinstance(x2, jax.Array)
        and x1.dtype == x2.dtype
        and x1.dtype != jnp.int8  # int8 products accumulate in int32 (dtype_rules)
        and not (x1.weak_type and x2.weak_type)
    ):
        try:
            return jnp.matmul(x1, x2)
        except (TypeError, ValueError) as e:
            problem = _matmul_problem(x1.shape, x2.shape)
            if problem:
                raise _matmul_error(x1.shape, x2.shape, problem) from e
            raise
    a, b = _operands("matmul", x1, x2)
    problem = _matmul_problem(a.shape, b.shape)
    if problem:
        raise _matmul_error(a.shape, b.shape, problem)
    return jnp.matmul(a, b)


def _contraction_error(op, s1, s2):
    return ValueError(f"{op}: shapes {tuple(s1)} and {tuple(s2)} are not aligned.")


def dot(x1, x2):
    a, b = _operands("dot", x1, x2)
    if a.ndim and b.ndim:
        k2 = b.shape[0] if b.ndim == 1 else b.shape[-2]
        if a.shape[-1] != k2:
            raise _contraction_error("dot", a.shape, b.shape)
    return jnp.dot(a, b)


def inner(x1, x2):
    a, b = _operands("inner", x1, x2)
    if a.ndim and b.ndim and a.shape[-1] != b.shape[-1]:
        raise _contraction_error("inner", a.shape, b.shape)
    return jnp.inner(a, b)


def outer(x1, x2):
    a, b = _operands("outer", x1, x2)
    return jnp.outer(jnp.ravel(a), jnp.ravel(b))


def vdot(x1, x2):
    a, b = _operands("vdot", x1, x2)
    if a.size != b.size:
        raise ValueError(
            f"vdot: inputs must have the same number of elements. Received shapes {a.shape} "
            f"and {b.shape}"
        )
    return jnp.vdot(a, b)


def kron(x1, x2):
    a, b = _operands("kron", x1, x2)
    if a.dtype == bool:
        return jnp.kron(a.astype("uint8"), b.astype("uint8")).astype(bool)
    return jnp.kron(a, b)


def _tensordot_axes(a, b, axes):
    if isinstance(axes, int):
        if axes < 0 or axes > min(a.ndim, b.ndim):
            raise ValueError(
                f"tensordot: `axes`={axes} must be in [0, {min(a.ndim, b.ndim)}] for shapes "
                f"{a.shape} and {b.shape}."
            )
        return list(range(a.ndim - axes, a.ndim)), list(range(axes))
    if len(axes) != 2:
        raise ValueError(f"tensordot: `axes` must be an int or a pair. Received: axes={axes}")
    ax_a, ax_b = axes
    ax_a = [ax_a] if isinstance(ax_a, int) else list(ax_a)
    ax_b = [ax_b] if isinstance(ax_b, int) else list(ax_b)
    if len(ax_a) != len(ax_b):
        raise ValueError(f"tensordot: the two axis lists differ in length. Received: axes={axes}")
    ax_a = [check_axis("tensordot", v, a, "axes") for v in ax_a]
    ax_b = [check_axis("tensordot", v, b, "axes") for v in ax_b]
    return ax_a, ax_b


def tensordot(x1, x2, axes=2):
    a, b = _operands("tensordot", x1, x2)
    ax_a, ax_b = _tensordot_axes(a, b, axes)
    if any(a.shape[i] != b.shape[j] for i, j in zip(ax_a, ax_b)):
        raise ValueError(
            f"tensordot: shapes {a.shape} and {b.shape} do not match along axes {axes}."
        )
    return jnp.tensordot(a, b, (ax_a, ax_b))


def einsum(subscripts, *operands, **kwargs):
    if not isinstance(subscripts, str):
        raise TypeError(f"einsum: `subscripts` must be a string. Received: {subscripts!r}")
    d = result_type("einsum", *operands)
    ops = [cast(x, d) for x in operands]
    try:
        return jnp.einsum(subscripts, *ops, **kwargs)
    except (TypeError, ValueError) as e:
        shapes = [tuple(x.shape) for x in ops]
        raise ValueError(
            f"einsum: invalid subscripts {subscripts!r} for operand shapes {shapes}: {e}"
        ) from e


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    a, b = _operands("cross", x1, x2)
    if a.dtype == bool:
        raise TypeError("cross: boolean inputs are not supported (as in NumPy).")
    if axis is not None:
        axisa = axisb = axisc = axis
    check_min_rank("cross", a, 1, "x1")
    check_min_rank("cross", b, 1, "x2")
    na = a.shape[check_axis("cross", axisa, a, "axisa")]
    nb = b.shape[check_axis("cross", axisb, b, "axisb")]
    if na not in (2, 3) or nb not in (2, 3):
        raise ValueError(
            "cross: the vector dimension must have size 2 or 3. "
            f"Received: x1.shape={a.shape}, x2.shape={b.shape}"
        )
    a_rest = jnp.moveaxis(a, axisa, -1).shape[:-1]
    b_rest = jnp.moveaxis(b, axisb, -1).shape[:-1]
    if not broadcastable(a_rest, b_rest):
        raise ValueError(f"cross: shapes {a.shape} and {b.shape} cannot be broadcast together.")
    return jnp.cross(a, b, axisa=axisa, axisb=axisb, axisc=axisc)


def correlate(x1, x2, mode="valid"):
    check_choice("correlate", "mode", mode, ("valid", "same", "full"))
    a, b = _operands("correlate", x1, x2, float_type("correlate", x1, x2))
    check_rank("correlate", a, (1,), "x1")
    check_rank("correlate", b, (1,), "x2")
    if a.size == 0 or b.size == 0:
        raise ValueError("correlate: inputs must not be empty.")
    return jnp.correlate(a, b, mode=mode)


def slogdet(x):
    x = tensor(x, "slogdet")
    check_min_rank("slogdet", x, 2)
    if x.shape[-1] != x.shape[-2]:
        raise ValueError(f"slogdet: the last two axes must be square. Received: shape={x.shape}")
    dtype = float_type("slogdet", x)
    # XLA's LU has no half-precision kernel: compute in float32, return in `dtype`.
    work = "float32" if dtype in ("float16", "bfloat16") else dtype
    sign, logdet = jnp.linalg.slogdet(cast(x, work))
    return cast(sign, dtype), cast(logdet, dtype)


def vectorize(pyfunc, *, excluded=None, signature=None):
    return jnp.vectorize(pyfunc, excluded=frozenset(excluded or ()), signature=signature)
