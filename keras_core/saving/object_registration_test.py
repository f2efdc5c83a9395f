import pytest

import keras_core
from keras_core.saving import object_registration


def test_register_and_look_up():
    @keras_core.saving.register_keras_serializable(package="regtest", name="Fancy")
    class FancyLayer(keras_core.layers.Layer):
        pass

    assert keras_core.saving.get_registered_name(FancyLayer) == "regtest>Fancy"
    assert keras_core.saving.get_registered_object("regtest>Fancy") is FancyLayer
    assert keras_core.saving.get_custom_objects()["regtest>Fancy"] is FancyLayer
    cfg = keras_core.saving.serialize_keras_object(FancyLayer(name="f"))
    assert cfg["registered_name"] == "regtest>Fancy"
    assert type(keras_core.saving.deserialize_keras_object(cfg)) is FancyLayer


def test_unregistered_names():
    def plain(x):
        return x

    assert keras_core.saving.get_registered_name(plain) == "plain"
    assert keras_core.saving.get_registered_object("no_such_thing") is None
    assert keras_core.saving.get_registered_object("k", module_objects={"k": plain}) is plain


def test_registration_errors():
    with pytest.raises(ValueError, match="package"):
        keras_core.saving.register_keras_serializable(package="a>b")

    class NoConfig:
        pass

    with pytest.raises(ValueError, match="get_config"):
        keras_core.saving.register_keras_serializable()(NoConfig)
    with pytest.raises(TypeError, match="custom_objects"):
        keras_core.saving.CustomObjectScope(["not", "a", "dict"])


def test_custom_object_scope_nests_and_restores():
    class A:
        pass

    class B:
        pass

    assert keras_core.saving.custom_object_scope is keras_core.saving.CustomObjectScope
    with keras_core.saving.custom_object_scope({"A": A}):
        assert object_registration.get_registered_object("A") is A
        with keras_core.utils.CustomObjectScope({"B": B}):
            assert object_registration.get_registered_object("A") is A
            assert object_registration.get_registered_object("B") is B
        assert object_registration.get_registered_object("B") is None
    assert object_registration.get_registered_object("A") is None


def test_scope_resolves_configs():
    class Custom(keras_core.layers.Layer):
        def __init__(self, k=1, **kwargs):
            super().__init__(**kwargs)
            self.k = k

        def get_config(self):
            return {**super().get_config(), "k": self.k}

    cfg = keras_core.saving.serialize_keras_object(Custom(k=5))
    assert cfg["registered_name"] == "Custom"
    with pytest.raises(TypeError, match="Custom"):
        keras_core.saving.deserialize_keras_object(cfg)
    with keras_core.saving.custom_object_scope({"Custom": Custom}):
        assert keras_core.saving.deserialize_keras_object(cfg).k == 5
    assert keras_core.saving.deserialize_keras_object(cfg, custom_objects={"Custom": Custom}).k == 5
