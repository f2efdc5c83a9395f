"""keras_core.models: Model, Sequential, Functional, cloning, JSON, saving and loading."""

from keras_core.models.cloning import clone_model
from keras_core.models.functional import Functional
from keras_core.models.model import Model, model_from_json
from keras_core.models.sequential import Sequential
from keras_core.saving.saving_api import load_model, save_model
