"""Runs the ``>>>`` examples of modules' docstrings as doctests on the active backend."""

import doctest

import numpy as np


def check_docstring_examples(*modules) -> int:
    """Runs every docstring example of ``modules``; raises AssertionError on a failure.

    The examples see ``keras_core`` and ``np`` besides the module's globals.

    Returns:
        The number of examples run.

    Example:
    >>> from keras_core.layers.convolutional import conv_utils
    >>> check_docstring_examples(conv_utils) > 0
    True
    """
    import keras_core

    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False
    )
    for module in modules:
        for test in finder.find(module, extraglobs={"keras_core": keras_core, "np": np}):
            runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{results.failed} docstring example(s) failed (see the output)"
    return results.attempted
