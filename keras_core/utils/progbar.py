"""Progbar: a text progress bar with running metric values."""

import math
import time

import numpy as np

from keras_core.utils import io_utils


def _to_float(value):
    if isinstance(value, (int, float)):
        return float(value)
    from keras_core import backend

    arr = np.asarray(backend.convert_to_numpy(value))
    return float(arr.mean()) if arr.size else float("nan")


def _format_value(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return str(v)
    return f"{v:.4f}" if abs(v) >= 1e-3 or v == 0 else f"{v:.4e}"


def _format_time(seconds):
    if seconds >= 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds >= 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{int(round(seconds))}s"


def _format_rate(seconds, unit):
    if seconds >= 1:
        return f"{seconds:.0f}s/{unit}"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/{unit}"
    return f"{seconds * 1e6:.0f}us/{unit}"


class Progbar:
    """A progress bar for loops with a known (or unknown) number of steps.

    Args:
        target: the total number of steps, or ``None`` if unknown.
        width: the bar's width in characters.
        verbose: 0 silent, 1 a live bar, 2 one line when the target is reached.
        interval: the minimum seconds between redraws.
        stateful_metrics: names of values shown as given (not averaged over steps).
        unit_name: the unit in the rate display (``"step"``).

    Example:
    >>> bar = Progbar(2, verbose=0)
    >>> bar.update(1, values=[("loss", 0.5)])
    >>> bar.update(2, values=[("loss", 0.3)])
    >>> round(bar.value("loss"), 4)
    0.4
    """

    def __init__(
        self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None, unit_name="step"
    ):
        if target is not None and (not isinstance(target, (int, np.integer)) or target < 0):
            raise ValueError(f"`target` must be a non-negative int or None. Received: {target!r}")
        self.target = None if target is None else int(target)
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics or ())
        self._values = {}  # name -> [weighted sum, weight] or the raw latest value (stateful)
        self._order = []
        self._seen_so_far = 0
        self._start = time.time()
        self._last_update = 0.0
        self._prev_width = 0
        self._finalized = False
        self._dynamic = io_utils.is_terminal()

    def value(self, name):
        """The displayed value of ``name`` (a running mean unless stateful)."""
        entry = self._values[name]
        if name in self.stateful_metrics:
            return _to_float(entry)
        total, weight = entry
        return total / max(weight, 1)

    def update(self, current, values=None, finalize=None):
        """Moves the bar to step ``current`` and records ``values`` (name, value) pairs.

        Stateful values are kept as given and converted to numbers only when the
        bar is drawn, so a tensor is not read back on every step.
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for name, v in values or ():
            if name not in self._values:
                self._order.append(name)
            if name in self.stateful_metrics:
                self._values[name] = v
            else:
                step = max(current - self._seen_so_far, 1)
                total, weight = self._values.get(name, (0.0, 0))
                self._values[name] = (total + _to_float(v) * step, weight + step)
        self._seen_so_far = current
        now = time.time()
        if self.verbose == 1:
            if not finalize and now - self._last_update < self.interval:
                return
            self._draw(current, now, finalize)
            self._last_update = now
        elif self.verbose == 2 and finalize and not self._finalized:
            self._draw(current, now, True)
        if finalize:
            self._finalized = True

    def add(self, n, values=None):
        """Advances the bar by ``n`` steps."""
        self.update(self._seen_so_far + n, values)

    def _bar(self, current):
        if self.target is None:
            return f"{current}/Unknown"
        digits = len(str(self.target))
        text = f"{current:>{digits}}/{self.target} "
        if self.verbose == 1:
            frac = min(current / self.target, 1.0) if self.target else 1.0
            done = int(self.width * frac)
            if done >= self.width:
                inner = "=" * self.width
            elif done > 0:
                inner = "=" * (done - 1) + ">" + "." * (self.width - done)
            else:
                inner = "." * self.width
            text += "[" + inner + "]"
        return text

    def _draw(self, current, now, finalize):
        elapsed = now - self._start
        per_unit = elapsed / current if current else 0.0
        parts = [self._bar(current)]
        if finalize:
            parts.append(f"{_format_time(elapsed)} {_format_rate(per_unit, self.unit_name)}")
        elif self.target is not None and current:
            parts.append(f"ETA: {_format_time(per_unit * (self.target - current))}")
        else:
            parts.append(_format_rate(per_unit, self.unit_name) if current else "")
        for name in self._order:
            parts.append(f"{name}: {_format_value(self.value(name))}")
        line = " - ".join(p for p in parts if p)
        if self.verbose == 1 and self._dynamic:
            pad = max(self._prev_width - len(line), 0)
            io_utils.print_msg("\r" + line + " " * pad, line_break=finalize)
            self._prev_width = len(line)
        elif finalize:
            io_utils.print_msg(line)
