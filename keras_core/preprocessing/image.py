"""keras_core.preprocessing.image: the Pillow-based image file helpers of keras_core.utils."""

from keras_core.utils.image_utils import array_to_img, img_to_array, load_img, save_img

__all__ = ["array_to_img", "img_to_array", "load_img", "save_img"]
