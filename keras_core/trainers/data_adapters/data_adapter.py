"""The interface every data adapter implements."""


class DataAdapter:
    """Turns one kind of input data into a sequence of batches, one epoch at a time.

    Attributes:
        num_batches: batches per epoch, or ``None`` when unknown (generators,
            datasets of unknown cardinality).
        batch_size: the batch size when known, else ``None``.
        reiterable: whether :meth:`get_iterator` can start a fresh pass (False
            for a Python generator, which can be consumed only once).
        applies_class_weight: whether the adapter already turned ``class_weight``
            into sample weights (else the trainer does it per batch).
    """

    num_batches = None
    batch_size = None
    reiterable = True
    applies_class_weight = False

    def get_iterator(self):
        """An iterator over the batches of one epoch, each a tuple ``(x[, y[, sw]])``."""
        raise NotImplementedError(f"{type(self).__name__} must implement get_iterator().")

    def peek(self):
        """The first batch, without consuming the data; ``None`` if that is impossible."""
        if not self.reiterable:
            return None
        for batch in self.get_iterator():
            return batch
        return None

    def on_epoch_end(self):
        """Called after each epoch (reshuffles, PyDataset.on_epoch_end)."""
        return None

    def close(self):
        """Releases worker pools and other resources."""
        return None
