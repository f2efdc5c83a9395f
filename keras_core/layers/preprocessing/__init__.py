"""Preprocessing layers (see README.md)."""
