"""Output writers: one module per format. Each exposes ``write(kg, path)``."""
