from keras_core.backend.common.backend_layer import BackendLayer  # noqa: F401

# The fused recurrent kernels (see backend/torch/layer.py): tensorflow has none that computes
# the generic loop's numbers, so these answer None and the LSTM/GRU layers run their
# own time loop.


def lstm(
    inputs,
    initial_states,
    kernel,
    recurrent_kernel,
    bias,
    mask=None,
    go_backwards=False,
    zero_output_for_mask=False,
):
    """No fused LSTM kernel on this backend: returns None (the layer runs its own loop)."""
    return None


def gru(
    inputs,
    initial_states,
    kernel,
    recurrent_kernel,
    bias,
    mask=None,
    go_backwards=False,
    zero_output_for_mask=False,
):
    """No fused GRU kernel on this backend: returns None (the layer runs its own loop)."""
    return None


def dense(inputs, kernel, bias):
    """No fused dense kernel is needed on tensorflow: returns None (Dense runs matmul + add)."""
    return None
