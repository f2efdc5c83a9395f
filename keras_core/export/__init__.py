"""keras_core.export: write inference functions as TensorFlow SavedModels."""

from keras_core.export.export_lib import ExportArchive

__all__ = ["ExportArchive"]
