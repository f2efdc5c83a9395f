"""Plain NumPy reference implementations for the registry (conv, pooling, image, CTC).

Written independently of the NumPy backend (explicit loops over output
positions rather than the backend's tap-wise einsum), so that the two check
each other. They favour clarity over speed: keep the samples small.
"""
