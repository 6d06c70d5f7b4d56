"""kgbuild: event knowledge graphs from news articles.

>>> from kgbuild import __version__
>>> isinstance(__version__, str)
True
"""

__version__ = "0.1.0"
