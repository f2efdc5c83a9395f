"""``PyDataset`` (alias ``Sequence``): a Python dataset indexed by batch, and its adapter."""

import itertools
import random
import threading

from keras_core.trainers.data_adapters import data_adapter_utils as utils
from keras_core.trainers.data_adapters.data_adapter import DataAdapter


class PyDataset:
    """Base class for datasets that return whole batches by index.

    Subclass it and implement ``__getitem__(index)`` (returning ``x``,
    ``(x, y)`` or ``(x, y, sample_weight)`` for batch ``index``) and
    ``__len__()`` (the number of batches). ``on_epoch_end()`` runs after each
    epoch, e.g. to reshuffle. Batches can be built in parallel:

    Args:
        workers: how many threads (or processes) build batches; 1 builds them in
            the training loop's thread.
        use_multiprocessing: use processes instead of threads (the dataset must
            then be safe to use from a forked process).
        max_queue_size: how many batches may be prepared ahead.

    Example:
    >>> class Squares(keras_core.utils.PyDataset):
    ...     def __len__(self):
    ...         return 3
    ...     def __getitem__(self, i):
    ...         x = np.full((2, 1), i, "float32")
    ...         return x, x ** 2
    >>> len(Squares()), Squares()[2][1].tolist()
    (3, [[4.0], [4.0]])
    """

    def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
        self.workers = workers
        self.use_multiprocessing = use_multiprocessing
        self.max_queue_size = max_queue_size

    def _get(self, name, default):
        return self.__dict__.get(name, default)

    @property
    def workers(self):
        return self._get("_workers", 1)

    @workers.setter
    def workers(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(
                f"`workers` must be a non-negative integer. Received: workers={value!r}"
            )
        self._workers = value

    @property
    def use_multiprocessing(self):
        return self._get("_use_multiprocessing", False)

    @use_multiprocessing.setter
    def use_multiprocessing(self, value):
        self._use_multiprocessing = bool(value)

    @property
    def max_queue_size(self):
        return self._get("_max_queue_size", 10)

    @max_queue_size.setter
    def max_queue_size(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(
                f"`max_queue_size` must be a positive integer. Received: max_queue_size={value!r}"
            )
        self._max_queue_size = value

    def __getitem__(self, index):
        raise NotImplementedError(
            f"{type(self).__name__} must implement __getitem__(index), returning batch `index`."
        )

    def __len__(self):
        raise NotImplementedError(
            f"{type(self).__name__} must implement __len__(), the number of batches."
        )

    @property
    def num_batches(self):
        return len(self)

    def on_epoch_end(self):
        """Called at the end of every epoch; override to reshuffle or refresh data."""
        return None


# Datasets handed to forked worker processes: a child inherits this dict at fork
# time, so a batch index is all that crosses the process boundary.
_SHARED = {}
_UIDS = itertools.count()
_SHARED_LOCK = threading.Lock()


def _process_get(uid, index):
    return _SHARED[uid][index]


class PyDatasetAdapter(DataAdapter):
    """Reads a PyDataset's batches in order (or shuffled order), with optional workers."""

    def __init__(self, dataset, shuffle=False, steps=None, backend_name="numpy"):
        if not isinstance(dataset, PyDataset):
            raise ValueError(f"Expected a PyDataset. Received: {type(dataset).__name__}")
        self._dataset = dataset
        self._shuffle = bool(shuffle)
        self._backend_name = backend_name
        self._steps = steps
        n = len(dataset)
        self.num_batches = n if steps is None else min(int(steps), n)

    def _order(self):
        order = list(range(len(self._dataset)))
        if self._shuffle:
            random.shuffle(order)
        return order[: self.num_batches]

    def _standardize(self, item):
        if isinstance(item, list):
            item = tuple(item)
        if not isinstance(item, tuple):
            item = (item,)
        if not 1 <= len(item) <= 3:
            raise ValueError(
                "PyDataset.__getitem__ must return `x`, `(x, y)` or `(x, y, sample_weight)`. "
                f"Received a tuple of length {len(item)}."
            )
        return utils.standardize_structure(item, self._backend_name)

    def peek(self):
        if self.num_batches == 0:
            return None
        return self._standardize(self._dataset[0])

    def get_iterator(self):
        ds = self._dataset
        order = self._order()
        workers = ds.workers
        if workers <= 1 and not ds.use_multiprocessing:
            for i in order:
                yield self._standardize(ds[i])
            return
        # Imported here: they cost tens of milliseconds at `import keras_core`.
        import concurrent.futures
        import multiprocessing

        workers = max(1, workers)
        uid = None
        if ds.use_multiprocessing:
            with _SHARED_LOCK:
                uid = next(_UIDS)
                _SHARED[uid] = ds
            ctx = multiprocessing.get_context("fork")
            executor = concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx)

            def submit(i):
                return executor.submit(_process_get, uid, i)

        else:
            executor = concurrent.futures.ThreadPoolExecutor(workers)

            def submit(i):
                return executor.submit(ds.__getitem__, i)

        try:
            pending = []
            it = iter(order)
            for i in itertools.islice(it, ds.max_queue_size):
                pending.append(submit(i))
            while pending:
                future = pending.pop(0)
                nxt = next(it, None)
                if nxt is not None:
                    pending.append(submit(nxt))
                yield self._standardize(future.result())
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            if uid is not None:
                with _SHARED_LOCK:
                    _SHARED.pop(uid, None)

    def on_epoch_end(self):
        self._dataset.on_epoch_end()
