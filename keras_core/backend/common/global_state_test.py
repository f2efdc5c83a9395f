"""Per-thread global attributes: read fast, isolated between threads, defaults honoured."""

import threading

from keras_core.backend.common import global_state


def test_attributes_are_per_thread_and_default_to_none():
    global_state.set_global_attribute("test_attribute", "main")
    seen = []

    def other():
        seen.append(global_state.get_global_attribute("test_attribute"))
        global_state.set_global_attribute("test_attribute", "other")
        seen.append(global_state.get_global_attribute("test_attribute"))

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    try:
        assert seen == [None, "other"]
        assert global_state.get_global_attribute("test_attribute") == "main"
    finally:
        global_state.set_global_attribute("test_attribute", None)
    assert global_state.get_global_attribute("test_attribute") is None


def test_default_is_returned_and_optionally_stored():
    name = "test_attribute_default"
    assert global_state.get_global_attribute(name, default=3) == 3
    assert global_state.get_global_attribute(name) is None
    assert global_state.get_global_attribute(name, default=4, set_to_default=True) == 4
    try:
        assert global_state.get_global_attribute(name) == 4
    finally:
        global_state.set_global_attribute(name, None)
