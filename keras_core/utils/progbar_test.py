import numpy as np

from keras_core import backend
from keras_core.utils import io_utils
from keras_core.utils.progbar import Progbar


def test_running_means_and_stateful_values():
    bar = Progbar(4, verbose=0, stateful_metrics=["acc"])
    bar.update(1, [("loss", 1.0), ("acc", 0.5)])
    bar.update(3, [("loss", 3.0), ("acc", backend.convert_to_tensor(np.float32(0.75)))])
    # loss: weighted by the steps each update covers (1 and 2)
    assert abs(bar.value("loss") - (1.0 + 3.0 * 2) / 3) < 1e-9
    assert bar.value("acc") == 0.75


def test_verbose_2_prints_one_line_when_done(capsys):
    bar = Progbar(3, verbose=2)
    for i in range(1, 4):
        bar.update(i, [("loss", 0.5)])
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("3/3") and "loss: 0.5000" in out and "/step" in out


def test_bar_and_unknown_target(capsys):
    bar = Progbar(None, verbose=1, interval=0)
    bar.update(5, [("x", 1e-5)], finalize=True)
    out = capsys.readouterr().out
    assert "5/Unknown" in out and "x: 1.0000e-05" in out
    bar = Progbar(10, verbose=1, interval=0, width=10)
    bar.update(10, finalize=True)
    assert "[==========]" in capsys.readouterr().out


def test_disabled_interactive_logging_uses_the_logger(capsys, caplog):
    io_utils.disable_interactive_logging()
    try:
        assert not io_utils.is_interactive_logging_enabled()
        with caplog.at_level("INFO", logger="keras_core"):
            io_utils.print_msg("hello")
        assert capsys.readouterr().out == ""
        assert "hello" in caplog.text
    finally:
        io_utils.enable_interactive_logging()
    assert io_utils.is_interactive_logging_enabled()
