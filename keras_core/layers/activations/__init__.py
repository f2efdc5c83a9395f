"""Activation layers: Activation (any activation function), ReLU, LeakyReLU, PReLU, ELU,
Softmax."""
