"""image/text/audio_dataset_from_directory: labelled tf.data datasets from folders of files.

A folder with one subfolder per class (``labels="inferred"``) becomes a dataset
of ``(data, label)`` batches. The results are ``tf.data.Dataset`` objects and
need TensorFlow installed, whatever the keras_core backend.
"""

import numpy as np

from keras_core.backend import config
from keras_core.utils import dataset_utils as du

IMAGE_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
TEXT_FORMATS = (".txt",)
AUDIO_FORMATS = (".wav",)
_CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}
_INTERPOLATIONS = ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian")


def _index(directory, formats, labels, label_mode, class_names, shuffle, seed, follow_links):
    paths, label_arr, class_names = du.index_directory(
        directory,
        labels,
        formats,
        class_names=class_names,
        shuffle=shuffle,
        seed=seed,
        follow_links=follow_links,
    )
    if labels is None:
        label_mode = None
    num_classes = du.check_label_mode_classes(label_mode, class_names, label_arr)
    return paths, label_arr, class_names, label_mode, num_classes


def _pair(tf, data_ds, labels, label_mode, num_classes):
    if label_mode is None or labels is None:
        return data_ds
    label_ds = du.labels_to_dataset(tf, labels, label_mode, num_classes)
    return tf.data.Dataset.zip((data_ds, label_ds))


def image_dataset_from_directory(
    directory,
    labels="inferred",
    label_mode="int",
    class_names=None,
    color_mode="rgb",
    batch_size=32,
    image_size=(256, 256),
    shuffle=True,
    seed=None,
    validation_split=None,
    subset=None,
    interpolation="bilinear",
    follow_links=False,
    crop_to_aspect_ratio=False,
    data_format=None,
):
    """A ``tf.data.Dataset`` of images (and labels) from a folder of image files.

    With ``labels="inferred"``, ``directory`` holds one subfolder per class;
    the files in it (``.bmp .gif .jpeg .jpg .png``, found recursively) get that
    class's index (subfolders in alphanumeric order, or ``class_names``'s order).

    Args:
        directory: the folder.
        labels: ``"inferred"``, None (images only), or a list of labels, one
            per file in alphanumeric order of paths.
        label_mode: ``"int"``, ``"categorical"`` (one-hot float32),
            ``"binary"`` (float32 0/1 of shape ``(1,)``) or None (no labels).
        class_names: the class subfolders in the order of their indices.
        color_mode: ``"grayscale"``, ``"rgb"`` or ``"rgba"`` (1, 3, 4 channels).
        batch_size: samples per batch; None for unbatched samples.
        image_size: ``(height, width)`` every image is resized to.
        shuffle: whether to shuffle the files (once, with ``seed``) and the
            samples (every epoch).
        seed: the shuffling seed (needed with ``validation_split`` and shuffle).
        validation_split: the fraction of files kept for validation.
        subset: ``"training"``, ``"validation"`` or ``"both"`` (a tuple of two
            datasets) with ``validation_split``.
        interpolation: the resize interpolation (``"bilinear"``, ``"nearest"``,
            ``"bicubic"``, ``"area"``, ``"lanczos3"``, ``"lanczos5"``, ``"gaussian"``).
        follow_links: whether to follow symbolic links to subfolders.
        crop_to_aspect_ratio: center-crop each image to the target aspect
            ratio before resizing, instead of distorting it.
        data_format: ``"channels_last"`` or ``"channels_first"``; the global
            setting when None.

    Returns:
        A ``tf.data.Dataset`` of float32 images of shape
        ``(batch, height, width, channels)`` (or channels first), paired with
        labels unless ``label_mode`` or ``labels`` is None; a tuple of two
        datasets with ``subset="both"``.
    """
    tf = du.require_tensorflow("image_dataset_from_directory")
    du.check_common_args(labels, label_mode, class_names, validation_split, subset, shuffle, seed)
    if color_mode not in _CHANNELS:
        raise ValueError(
            '`color_mode` must be "grayscale", "rgb" or "rgba". '
            f"Received: color_mode={color_mode!r}"
        )
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(
            f"`interpolation` must be one of {_INTERPOLATIONS}. "
            f"Received: interpolation={interpolation!r}"
        )
    if len(tuple(image_size)) != 2 or any(int(s) <= 0 for s in image_size):
        raise ValueError(
            "`image_size` must be a tuple of two positive integers (height, width). "
            f"Received: image_size={image_size!r}"
        )
    data_format = config.standardize_data_format(data_format)
    if seed is None:
        seed = np.random.randint(1e6)
    paths, label_arr, class_names, label_mode, num_classes = _index(
        directory, IMAGE_FORMATS, labels, label_mode, class_names, shuffle, seed, follow_links
    )
    channels = _CHANNELS[color_mode]
    height, width = int(image_size[0]), int(image_size[1])

    def load(path):
        raw = tf.io.read_file(path)
        img = tf.io.decode_image(raw, channels=channels, expand_animations=False)
        img.set_shape((None, None, channels))
        if crop_to_aspect_ratio:
            img = _center_crop_to_ratio(tf, img, height, width)
        img = tf.image.resize(img, (height, width), method=interpolation)
        img = tf.cast(img, "float32")
        img.set_shape((height, width, channels))
        if data_format == "channels_first":
            img = tf.transpose(img, (2, 0, 1))
        return img

    def make(which):
        sub_paths, sub_labels = du.split_for_subset(paths, label_arr, validation_split, which)
        if not sub_paths:
            raise ValueError(
                f"The {which!r} subset of directory={directory!r} is empty: "
                f"{len(paths)} files with validation_split={validation_split}."
            )
        images = tf.data.Dataset.from_tensor_slices(sub_paths).map(
            load, num_parallel_calls=tf.data.AUTOTUNE
        )
        ds = _pair(tf, images, sub_labels, label_mode, num_classes)
        ds = du.finish_dataset(ds, batch_size, shuffle, seed, len(sub_paths))
        ds.class_names = class_names
        ds.file_paths = list(sub_paths)
        return ds

    return du.build_from_directory(make, validation_split, subset)


def _center_crop_to_ratio(tf, img, height, width):
    shape = tf.shape(img)
    h, w = shape[0], shape[1]
    target_ratio = width / height
    crop_h = tf.minimum(h, tf.cast(tf.round(tf.cast(w, "float64") / target_ratio), "int32"))
    crop_w = tf.minimum(w, tf.cast(tf.round(tf.cast(h, "float64") * target_ratio), "int32"))
    crop_h = tf.maximum(crop_h, 1)
    crop_w = tf.maximum(crop_w, 1)
    top = (h - crop_h) // 2
    left = (w - crop_w) // 2
    return img[top : top + crop_h, left : left + crop_w]


def text_dataset_from_directory(
    directory,
    labels="inferred",
    label_mode="int",
    class_names=None,
    batch_size=32,
    max_length=None,
    shuffle=True,
    seed=None,
    validation_split=None,
    subset=None,
    follow_links=False,
):
    """A ``tf.data.Dataset`` of texts (and labels) from a folder of ``.txt`` files.

    The folder layout and the ``labels``, ``label_mode``, ``class_names``,
    ``batch_size``, ``shuffle``, ``seed``, ``validation_split``, ``subset`` and
    ``follow_links`` arguments are as in ``image_dataset_from_directory``.

    Args:
        directory: the folder.
        labels: ``"inferred"``, None or a list of labels.
        label_mode: ``"int"``, ``"categorical"``, ``"binary"`` or None.
        class_names: the class subfolders in index order.
        batch_size: samples per batch; None for unbatched samples.
        max_length: keep at most this many bytes of each text.
        shuffle: whether to shuffle.
        seed: the shuffling seed.
        validation_split: the fraction kept for validation.
        subset: ``"training"``, ``"validation"`` or ``"both"``.
        follow_links: whether to follow symbolic links.

    Returns:
        A ``tf.data.Dataset`` of string tensors (each a file's content), paired
        with labels unless ``label_mode`` or ``labels`` is None.
    """
    tf = du.require_tensorflow("text_dataset_from_directory")
    du.check_common_args(labels, label_mode, class_names, validation_split, subset, shuffle, seed)
    if max_length is not None and (isinstance(max_length, bool) or int(max_length) <= 0):
        raise ValueError(
            f"`max_length` must be a positive integer or None. Received: max_length={max_length!r}"
        )
    if seed is None:
        seed = np.random.randint(1e6)
    paths, label_arr, class_names, label_mode, num_classes = _index(
        directory, TEXT_FORMATS, labels, label_mode, class_names, shuffle, seed, follow_links
    )

    def load(path):
        text = tf.io.read_file(path)
        if max_length is not None:
            text = tf.strings.substr(text, 0, int(max_length))
        return text

    def make(which):
        sub_paths, sub_labels = du.split_for_subset(paths, label_arr, validation_split, which)
        if not sub_paths:
            raise ValueError(
                f"The {which!r} subset of directory={directory!r} is empty: "
                f"{len(paths)} files with validation_split={validation_split}."
            )
        texts = tf.data.Dataset.from_tensor_slices(sub_paths).map(load)
        ds = _pair(tf, texts, sub_labels, label_mode, num_classes)
        ds = du.finish_dataset(ds, batch_size, shuffle, seed, len(sub_paths))
        ds.class_names = class_names
        ds.file_paths = list(sub_paths)
        return ds

    return du.build_from_directory(make, validation_split, subset)


def audio_dataset_from_directory(
    directory,
    labels="inferred",
    label_mode="int",
    class_names=None,
    batch_size=32,
    sampling_rate=None,
    output_sequence_length=None,
    ragged=False,
    shuffle=True,
    seed=None,
    validation_split=None,
    subset=None,
    follow_links=False,
):
    """A ``tf.data.Dataset`` of audio clips (and labels) from a folder of ``.wav`` files.

    The folder layout and the shared arguments are as in
    ``image_dataset_from_directory``. Each clip is float32 of shape
    ``(samples, channels)``, values in ``[-1, 1]``.

    Args:
        directory: the folder.
        labels: ``"inferred"``, None or a list of labels.
        label_mode: ``"int"``, ``"categorical"``, ``"binary"`` or None.
        class_names: the class subfolders in index order.
        batch_size: clips per batch; None for unbatched clips.
        sampling_rate: the expected sampling rate in Hz; a file recorded at
            another rate raises an error (no resampling is done). None accepts
            any rate.
        output_sequence_length: truncate or zero-pad every clip to this many
            samples. When None, the clips of a batch are zero-padded to the
            longest one (or kept ragged with ``ragged=True``).
        ragged: return ``tf.RaggedTensor`` batches of clips of their own
            lengths (only with ``output_sequence_length=None``).
        shuffle: whether to shuffle.
        seed: the shuffling seed.
        validation_split: the fraction kept for validation.
        subset: ``"training"``, ``"validation"`` or ``"both"``.
        follow_links: whether to follow symbolic links.

    Returns:
        A ``tf.data.Dataset`` of clips, paired with labels unless ``label_mode``
        or ``labels`` is None.
    """
    tf = du.require_tensorflow("audio_dataset_from_directory")
    du.check_common_args(labels, label_mode, class_names, validation_split, subset, shuffle, seed)
    if sampling_rate is not None and (isinstance(sampling_rate, bool) or int(sampling_rate) <= 0):
        raise ValueError(
            "`sampling_rate` must be a positive integer or None. "
            f"Received: sampling_rate={sampling_rate!r}"
        )
    if output_sequence_length is not None and (
        isinstance(output_sequence_length, bool) or int(output_sequence_length) <= 0
    ):
        raise ValueError(
            "`output_sequence_length` must be a positive integer or None. "
            f"Received: output_sequence_length={output_sequence_length!r}"
        )
    if ragged and output_sequence_length is not None:
        raise ValueError(
            "`ragged=True` keeps each clip's own length and cannot be combined with "
            f"`output_sequence_length`. Received: output_sequence_length={output_sequence_length}"
        )
    if seed is None:
        seed = np.random.randint(1e6)
    paths, label_arr, class_names, label_mode, num_classes = _index(
        directory, AUDIO_FORMATS, labels, label_mode, class_names, shuffle, seed, follow_links
    )

    def load(path):
        audio, rate = tf.audio.decode_wav(tf.io.read_file(path))
        if sampling_rate is not None:
            tf.debugging.assert_equal(
                rate,
                tf.constant(int(sampling_rate), "int32"),
                message=f"An audio file's sampling rate differs from sampling_rate={sampling_rate}"
                " (audio_dataset_from_directory does not resample)",
            )
        if output_sequence_length is not None:
            n = int(output_sequence_length)
            audio = audio[:n]
            audio = tf.pad(audio, [[0, n - tf.shape(audio)[0]], [0, 0]])
            audio.set_shape((n, None))
        return audio

    def make(which):
        sub_paths, sub_labels = du.split_for_subset(paths, label_arr, validation_split, which)
        if not sub_paths:
            raise ValueError(
                f"The {which!r} subset of directory={directory!r} is empty: "
                f"{len(paths)} files with validation_split={validation_split}."
            )
        clips = tf.data.Dataset.from_tensor_slices(sub_paths).map(load)
        ds = _pair(tf, clips, sub_labels, label_mode, num_classes)
        if shuffle:
            ds = ds.shuffle(buffer_size=max(1, min(len(sub_paths), 1024)), seed=seed)
        if batch_size is not None:
            if ragged:
                ds = ds.ragged_batch(batch_size)
            elif output_sequence_length is None:
                ds = ds.padded_batch(batch_size)
            else:
                ds = ds.batch(batch_size)
        ds = ds.prefetch(tf.data.AUTOTUNE)
        ds.class_names = class_names
        ds.file_paths = list(sub_paths)
        return ds

    return du.build_from_directory(make, validation_split, subset)
