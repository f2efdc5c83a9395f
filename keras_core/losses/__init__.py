"""keras_core.losses: loss classes, loss functions, ``get``/``serialize``/``deserialize``."""

from keras_core.losses.loss import Loss
from keras_core.losses.losses import (
    BinaryCrossentropy,
    BinaryFocalCrossentropy,
    CategoricalCrossentropy,
    CategoricalFocalCrossentropy,
    CategoricalHinge,
    CosineSimilarity,
    Hinge,
    Huber,
    KLDivergence,
    LogCosh,
    LossFunctionWrapper,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    Poisson,
    SparseCategoricalCrossentropy,
    SquaredHinge,
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_hinge,
    cosine_similarity,
    hinge,
    huber,
    kl_divergence,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
from keras_core.saving import object_registration, serialization_lib

# Short aliases, as in Keras.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
bce = BCE = binary_crossentropy
huber_loss = huber

_CLASSES = (
    Loss,
    LossFunctionWrapper,
    BinaryCrossentropy,
    BinaryFocalCrossentropy,
    CategoricalCrossentropy,
    CategoricalFocalCrossentropy,
    CategoricalHinge,
    CosineSimilarity,
    Hinge,
    Huber,
    KLDivergence,
    LogCosh,
    MeanAbsoluteError,
    MeanAbsolutePercentageError,
    MeanSquaredError,
    MeanSquaredLogarithmicError,
    Poisson,
    SparseCategoricalCrossentropy,
    SquaredHinge,
)
_FUNCTIONS = (
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_hinge,
    cosine_similarity,
    hinge,
    huber,
    kl_divergence,
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
ALL_OBJECTS_DICT = {c.__name__: c for c in _CLASSES}
ALL_OBJECTS_DICT.update({f.__name__: f for f in _FUNCTIONS})
ALL_OBJECTS_DICT.update(
    {
        "mse": mse,
        "MSE": mse,
        "mae": mae,
        "MAE": mae,
        "mape": mape,
        "MAPE": mape,
        "msle": msle,
        "MSLE": msle,
        "kld": kld,
        "KLD": kld,
        "kullback_leibler_divergence": kld,
        "logcosh": log_cosh,
        "bce": bce,
        "BCE": bce,
        "huber_loss": huber,
    }
)


def serialize(loss):
    """Returns the config of a Loss instance or a loss function.

    Example:
    >>> keras_core.losses.serialize(keras_core.losses.Huber())["class_name"]
    'Huber'
    """
    return serialization_lib.serialize_keras_object(loss)


def deserialize(name, custom_objects=None):
    """Rebuilds a loss from a config dict or looks up a name (``"mse"``, ``"Huber"``...).

    Example:
    >>> keras_core.losses.deserialize("mse").__name__
    'mean_squared_error'
    """
    if isinstance(name, str):
        obj = object_registration.get_registered_object(name, custom_objects)
        if obj is None:
            obj = ALL_OBJECTS_DICT.get(name)
        if obj is None:
            raise ValueError(
                f"Unknown loss: {name!r}. Expected a built-in loss name such as "
                "'mean_squared_error', 'mse' or 'CategoricalCrossentropy', or a registered one."
            )
        return obj
    if (
        isinstance(name, dict)
        and name.get("class_name") in ALL_OBJECTS_DICT
        and (
            object_registration.get_registered_object(
                name.get("registered_name") or name["class_name"], custom_objects
            )
            is None
        )
    ):
        target = ALL_OBJECTS_DICT[name["class_name"]]
        if isinstance(target, type):
            return target.from_config(name.get("config") or {})
    return serialization_lib.deserialize_keras_object(name, custom_objects=custom_objects)


def get(identifier):
    """A loss from a name, a config dict, a Loss or a callable (None passes through).

    A class name gives a new instance; a function name gives the function.

    Example:
    >>> type(keras_core.losses.get("CategoricalCrossentropy")).__name__
    'CategoricalCrossentropy'
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        obj = deserialize(identifier)
    else:
        obj = identifier
    if isinstance(obj, type):
        obj = obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret loss identifier: {identifier!r}")
