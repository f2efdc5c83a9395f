"""torch: fused optimizer updates with ``torch._foreach_*``.

The update math of every optimizer lives once in ``keras_core/optimizers``
(written with ``keras_core.ops``). For the common optimizers this module
provides the same arithmetic over whole lists of tensors at a time: one
kernel launch per operation instead of one per variable. SGD and RMSprop
follow the reference operation for operation (``optimizers_test.py`` checks
identical numbers); Adam/AdamW use torch's fused ``lerp``/``addcmul``/
``addcdiv`` kernels (fewer passes over the weights) with the step size
read on the host, which agree with the reference to float32 rounding.
The fused path is used only outside stateless scopes, for the exact built-in
classes (a subclass may override ``update_step``), and when no variable has a
constraint.
"""

import torch


def no_grad():
    return torch.no_grad()


def _groups(variables, *lists):
    """Splits parallel lists by (dtype, device) of the variables (foreach needs one of each)."""
    groups = {}
    for i, v in enumerate(variables):
        t = v._value
        groups.setdefault((t.dtype, t.device), []).append(i)
    for idx in groups.values():
        yield [variables[i] for i in idx], [[lst[i] for i in idx] for lst in lists]


def _data(variables):
    return [v._value.data for v in variables]


def _sgd(opt, grads, variables, learning_rate):
    from keras_core import ops  # lazily: ops imports the backend

    for group, (group_grads,) in _groups(variables, grads):
        dtype = group[0]._dtype
        lr = ops.cast(learning_rate, dtype)
        params = _data(group)
        scaled = torch._foreach_mul(group_grads, lr)
        if opt.momentum == 0:
            torch._foreach_sub_(params, scaled)
            continue
        momentum = ops.cast(opt.momentum, dtype)
        ms = _data([opt.momentums[opt._get_variable_index(v)] for v in group])
        torch._foreach_mul_(ms, momentum)
        torch._foreach_sub_(ms, scaled)
        if opt.nesterov:
            step = torch._foreach_mul(ms, momentum)
            torch._foreach_sub_(step, scaled)
            torch._foreach_add_(params, step)
        else:
            torch._foreach_add_(params, ms)


def _scalar(value, dtype):
    """``value`` (a Python number, a tensor or a Variable) as a 0-d tensor of ``dtype``."""
    value = getattr(value, "value", value)
    if isinstance(value, torch.Tensor):
        return value.to(dtype)
    return torch.tensor(value, dtype=dtype)


def _adam(opt, grads, variables, learning_rate):
    # Six passes over the weights and one temporary, as torch.optim.Adam's foreach path:
    # m and v in place, then ``w -= alpha * m / (sqrt(v) + eps)`` in one addcdiv. The step
    # size ``alpha`` is computed in the variables' dtype, as the reference does, then read
    # on the host (addcdiv takes a number; torch's Adam reads its step count the same way).
    for group, (group_grads,) in _groups(variables, grads):
        dtype = group[0]._value.dtype
        local_step = opt.iterations.value.to(dtype) + 1
        alpha = float(
            _scalar(learning_rate, dtype)
            * torch.sqrt(1 - torch.pow(_scalar(opt.beta_2, dtype), local_step))
            / (1 - torch.pow(_scalar(opt.beta_1, dtype), local_step))
        )
        indices = [opt._get_variable_index(v) for v in group]
        ms = _data([opt._momentums[i] for i in indices])
        vs = _data([opt._velocities[i] for i in indices])
        torch._foreach_lerp_(ms, group_grads, 1 - opt.beta_1)
        torch._foreach_mul_(vs, opt.beta_2)
        torch._foreach_addcmul_(vs, group_grads, group_grads, 1 - opt.beta_2)
        if opt.amsgrad:
            hats = _data([opt._velocity_hats[i] for i in indices])
            torch._foreach_maximum_(hats, vs)
            vs = hats
        denom = torch._foreach_sqrt(vs)
        torch._foreach_add_(denom, opt.epsilon)
        torch._foreach_addcdiv_(_data(group), ms, denom, value=-alpha)


def _rmsprop(opt, grads, variables, learning_rate):
    from keras_core import ops  # lazily: ops imports the backend

    rho = opt.rho
    for group, (group_grads,) in _groups(variables, grads):
        dtype = group[0]._dtype
        lr = ops.cast(learning_rate, dtype)
        indices = [opt._get_variable_index(v) for v in group]
        vs = _data([opt._velocities[i] for i in indices])
        sq = torch._foreach_mul(group_grads, group_grads)
        torch._foreach_mul_(sq, 1 - rho)
        torch._foreach_mul_(vs, rho)
        torch._foreach_add_(vs, sq)
        if opt.centered:
            avg = _data([opt._average_gradients[i] for i in indices])
            scaled = torch._foreach_mul(group_grads, 1 - rho)
            torch._foreach_mul_(avg, rho)
            torch._foreach_add_(avg, scaled)
            denom = torch._foreach_mul(avg, avg)
            denom = torch._foreach_sub(vs, denom)
            torch._foreach_add_(denom, opt.epsilon)
        else:
            denom = torch._foreach_add(vs, opt.epsilon)
        increment = torch._foreach_mul(group_grads, lr)
        torch._foreach_div_(increment, torch._foreach_sqrt(denom))
        if opt.momentum > 0:
            ms = _data([opt._momentums[i] for i in indices])
            torch._foreach_mul_(ms, opt.momentum)
            torch._foreach_add_(ms, increment)
            torch._foreach_sub_(_data(group), ms)
        else:
            torch._foreach_sub_(_data(group), increment)


def _fused_table():
    from keras_core.optimizers.adam import Adam
    from keras_core.optimizers.adamw import AdamW
    from keras_core.optimizers.rmsprop import RMSprop
    from keras_core.optimizers.sgd import SGD

    return {SGD: _sgd, Adam: _adam, AdamW: _adam, RMSprop: _rmsprop}


_TABLE = None


def get_fused_update(optimizer):
    """The fused update function for ``optimizer``'s exact class, else None."""
    global _TABLE
    if _TABLE is None:
        _TABLE = _fused_table()
    fn = _TABLE.get(type(optimizer))
    if fn is None:
        return None

    def run(opt, grads, variables, learning_rate):
        if any(v.constraint is not None for v in variables):
            for g, v in zip(grads, variables):
                opt.update_step(g, v, learning_rate)
            return
        fn(opt, [g.detach() for g in grads], variables, learning_rate)

    return run
