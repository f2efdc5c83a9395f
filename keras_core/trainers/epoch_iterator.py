"""EpochIterator: the batches of each epoch, grouped by ``steps_per_execution``."""

import itertools
import warnings

from keras_core.trainers.data_adapters import get_data_adapter


class EpochIterator:
    """Yields ``(step, batches)`` for one epoch at a time.

    ``batches`` is a list of up to ``steps_per_execution`` consecutive batches
    (each already converted by ``convert``); ``step`` is the index of the last
    of them. With ``steps_per_epoch`` set, one data iterator is kept across
    epochs (so a generator or a long dataset is consumed progressively) and is
    restarted only when it runs out; without it every epoch is a full pass.

    Args:
        x, y, sample_weight, batch_size, shuffle, class_weight: the data (see
            ``Model.fit``).
        steps_per_epoch: batches per epoch, or ``None`` for one full pass.
        steps_per_execution: batches handed to one call of the step function.
        convert: the backend's batch conversion, applied to every batch.
        backend_name: the active backend.
    """

    def __init__(
        self,
        x,
        y=None,
        sample_weight=None,
        batch_size=None,
        steps_per_epoch=None,
        shuffle=False,
        class_weight=None,
        steps_per_execution=1,
        convert=None,
        backend_name="numpy",
    ):
        if steps_per_epoch is not None and (
            isinstance(steps_per_epoch, bool)
            or not isinstance(steps_per_epoch, int)
            or steps_per_epoch < 1
        ):
            raise ValueError(
                "`steps_per_epoch` (or `steps`) must be a positive integer or None. "
                f"Received: {steps_per_epoch!r}"
            )
        self.data_adapter = get_data_adapter(
            x,
            y,
            sample_weight=sample_weight,
            batch_size=batch_size,
            steps_per_epoch=None if steps_per_epoch is None else steps_per_epoch,
            shuffle=shuffle,
            class_weight=class_weight,
            backend_name=backend_name,
        )
        self.steps_per_epoch = steps_per_epoch
        self.steps_per_execution = steps_per_execution
        self._convert = convert or (lambda b: b)
        self._class_weight = None if self.data_adapter.applies_class_weight else class_weight
        self._iterator = None
        self.ran_out_of_data = False

    @property
    def num_batches(self):
        if self.steps_per_epoch is not None:
            return self.steps_per_epoch
        return self.data_adapter.num_batches

    def _new_iterator(self):
        return iter(self.data_adapter.get_iterator())

    def _prepare(self, batch):
        batch = self._convert(batch)
        if self._class_weight is not None:
            from keras_core.trainers.data_adapters import data_adapter_utils as utils

            if len(batch) < 2 or batch[1] is None:
                raise ValueError("`class_weight` needs targets: the data yields no `y`.")
            utils.check_class_weight_targets(batch[1], self._class_weight)
            if len(batch) == 3 and batch[2] is not None:
                raise ValueError(
                    "`class_weight` and `sample_weight` cannot both be given; fold the class "
                    "weights into `sample_weight`."
                )
            weights = utils.class_weight_to_sample_weight_ops(batch[1], self._class_weight)
            batch = (batch[0], batch[1], weights)
        return batch

    def enumerate_epoch(self):
        """Yields ``(step, [batch, ...])`` for the current epoch."""
        self.ran_out_of_data = False
        limit = self.steps_per_epoch
        if limit is None or self._iterator is None:
            self._iterator = self._new_iterator()
        step = -1
        group = []
        fresh = limit is None
        while limit is None or step + 1 < limit:
            try:
                batch = next(self._iterator)
            except StopIteration:
                if limit is not None and not fresh and self.data_adapter.reiterable:
                    # The kept iterator finished a pass: start the next one.
                    self._iterator = self._new_iterator()
                    fresh = True
                    continue
                if limit is not None:
                    self._iterator = None
                    self.ran_out_of_data = True
                    warnings.warn(
                        "Your input ran out of data; interrupting training. Make sure the data "
                        "can produce at least `steps_per_epoch * epochs` batches (for a "
                        "generator or a repeating dataset). Received "
                        f"{step + 1} batches in this epoch, steps_per_epoch={limit}.",
                        stacklevel=2,
                    )
                elif step == -1 and not self.data_adapter.reiterable:
                    self.ran_out_of_data = True
                break
            fresh = False
            step += 1
            group.append(self._prepare(batch))
            if len(group) == self.steps_per_execution:
                yield step, group
                group = []
        if group:
            yield step, group
        if limit is None:
            self._iterator = None
        self.data_adapter.on_epoch_end()

    def close(self):
        self.data_adapter.close()


def batches_only(iterator):
    """All batches of one epoch, flattened out of their groups (for predict/evaluate helpers)."""
    return itertools.chain.from_iterable(group for _, group in iterator.enumerate_epoch())
