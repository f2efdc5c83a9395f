"""Reference image-classification architectures (``keras_core.applications``)."""

from keras_core.applications import (
    convnext,
    densenet,
    efficientnet,
    efficientnet_v2,
    imagenet_utils,
    inception_resnet_v2,
    inception_v3,
    mobilenet,
    mobilenet_v2,
    mobilenet_v3,
    nasnet,
    resnet,
    resnet50,
    resnet_v2,
    vgg16,
    vgg19,
    xception,
)
from keras_core.applications.convnext import (
    ConvNeXtBase,
    ConvNeXtLarge,
    ConvNeXtSmall,
    ConvNeXtTiny,
    ConvNeXtXLarge,
)
from keras_core.applications.densenet import DenseNet121, DenseNet169, DenseNet201
from keras_core.applications.efficientnet import (
    EfficientNetB0,
    EfficientNetB1,
    EfficientNetB2,
    EfficientNetB3,
    EfficientNetB4,
    EfficientNetB5,
    EfficientNetB6,
    EfficientNetB7,
)
from keras_core.applications.efficientnet_v2 import (
    EfficientNetV2B0,
    EfficientNetV2B1,
    EfficientNetV2B2,
    EfficientNetV2B3,
    EfficientNetV2L,
    EfficientNetV2M,
    EfficientNetV2S,
)
from keras_core.applications.inception_resnet_v2 import InceptionResNetV2
from keras_core.applications.inception_v3 import InceptionV3
from keras_core.applications.mobilenet import MobileNet
from keras_core.applications.mobilenet_v2 import MobileNetV2
from keras_core.applications.mobilenet_v3 import MobileNetV3Large, MobileNetV3Small
from keras_core.applications.nasnet import NASNetLarge, NASNetMobile
from keras_core.applications.resnet import ResNet50, ResNet101, ResNet152
from keras_core.applications.resnet_v2 import ResNet50V2, ResNet101V2, ResNet152V2
from keras_core.applications.vgg16 import VGG16
from keras_core.applications.vgg19 import VGG19
from keras_core.applications.xception import Xception
