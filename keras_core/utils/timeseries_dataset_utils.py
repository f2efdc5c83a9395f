"""timeseries_dataset_from_array: sliding windows over an array as a tf.data dataset."""

import numpy as np

from keras_core.utils import dataset_utils as du


def _positive_int(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"`{name}` must be a positive integer. Received: {name}={value!r}")
    return int(value)


def timeseries_dataset_from_array(
    data,
    targets,
    sequence_length,
    sequence_stride=1,
    sampling_rate=1,
    batch_size=128,
    shuffle=False,
    seed=None,
    start_index=None,
    end_index=None,
):
    """A ``tf.data.Dataset`` of sliding windows over ``data`` (and their targets).

    The window that starts at position ``i`` (counted from ``start_index``) is
    ``data[start_index + i + k * sampling_rate]`` for ``k`` in
    ``range(sequence_length)``, and its target is ``targets[start_index + i]``.
    Windows start every ``sequence_stride`` positions and must end before
    ``end_index``.

    Args:
        data: an array (or list) whose first axis is time.
        targets: an array with one target per time step, or None (windows only).
        sequence_length: the number of time steps in a window.
        sequence_stride: the distance between the starts of successive windows.
        sampling_rate: the distance between successive time steps in a window.
        batch_size: windows per batch; None for unbatched windows.
        shuffle: whether to shuffle the windows (once, with ``seed``).
        seed: the shuffling seed.
        start_index: the first time step used (0 when None).
        end_index: one past the last time step used (``len(data)`` when None).

    Returns:
        A ``tf.data.Dataset`` of ``(windows, targets)`` batches, or of windows
        when ``targets`` is None.
    """
    tf = du.require_tensorflow("timeseries_dataset_from_array")
    data = np.asarray(data)
    if data.ndim == 0:
        raise ValueError(f"`data` must have a time axis. Received: data of shape {data.shape}")
    sequence_length = _positive_int("sequence_length", sequence_length)
    sequence_stride = _positive_int("sequence_stride", sequence_stride)
    sampling_rate = _positive_int("sampling_rate", sampling_rate)
    if batch_size is not None:
        batch_size = _positive_int("batch_size", batch_size)
    n = len(data)
    if start_index is None:
        start_index = 0
    if end_index is None:
        end_index = n
    if isinstance(start_index, bool) or not 0 <= int(start_index) < n:
        raise ValueError(
            f"`start_index` must be in [0, {n}) (len(data)={n}). Received: "
            f"start_index={start_index!r}"
        )
    if isinstance(end_index, bool) or not int(start_index) < int(end_index) <= n:
        raise ValueError(
            f"`end_index` must be in ({start_index}, {n}] (after start_index, at most "
            f"len(data)={n}). Received: end_index={end_index!r}"
        )
    start_index, end_index = int(start_index), int(end_index)
    if targets is not None:
        targets = np.asarray(targets)
        if len(targets) != n:
            raise ValueError(
                "`targets` must have one entry per time step of `data`. Received: "
                f"len(data)={n}, len(targets)={len(targets)}"
            )
    num_seqs = end_index - start_index - (sequence_length - 1) * sampling_rate
    if targets is not None:
        num_seqs = min(num_seqs, len(targets) - start_index)
    positions = np.arange(0, max(num_seqs, 0), sequence_stride, dtype="int64")
    if shuffle:
        rng = np.random.RandomState(seed if seed is not None else np.random.randint(1e6))
        rng.shuffle(positions)
    offsets = np.arange(sequence_length, dtype="int64") * sampling_rate

    data_t = tf.constant(data)
    windows = tf.data.Dataset.from_tensor_slices(positions).map(
        lambda p: tf.gather(data_t, start_index + p + offsets)
    )
    if targets is not None:
        targets_t = tf.constant(targets)
        target_ds = tf.data.Dataset.from_tensor_slices(positions).map(
            lambda p: tf.gather(targets_t, start_index + p)
        )
        ds = tf.data.Dataset.zip((windows, target_ds))
    else:
        ds = windows
    if batch_size is not None:
        ds = ds.batch(batch_size)
    return ds.prefetch(tf.data.AUTOTUNE)
