"""Installs the keras_core library and the conformance suite."""

import os

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))
version = {}
with open(os.path.join(HERE, "keras_core", "version.py")) as f:
    exec(f.read(), version)

setup(
    name="keras-core",
    version=version["__version__"],
    description="The Keras API on TensorFlow, JAX and PyTorch, with a conformance suite.",
    long_description=open(os.path.join(HERE, "README.md")).read(),
    long_description_content_type="text/markdown",
    python_requires=">=3.11",
    packages=find_packages(include=("keras_core", "keras_core.*", "conformance", "conformance.*")),
    package_data={"conformance": ["data/*.json"]},
    install_requires=["numpy", "h5py", "ml-dtypes", "scipy"],
    extras_require={
        "tensorflow": ["tensorflow-cpu==2.21.0"],
        "jax": ["jax==0.10.2", "jaxlib==0.10.2"],
        "torch": ["torch==2.13.0"],
        "utils": ["pillow", "pydot"],
    },
)
