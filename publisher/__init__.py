"""publisher: Markdown pieces in content/ become a static site and well-fitted social posts."""

__version__ = "0.1.0"
