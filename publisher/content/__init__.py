"""The content model: pieces, authors and quotes, loaded and validated from content/."""

from publisher.content.loader import load_library, load_material_blog
from publisher.content.model import Author, CallToAction, Event, Guest, Library, Piece, Quote

__all__ = ["Author", "CallToAction", "Event", "Guest", "Library", "Piece", "Quote", "load_library",
           "load_material_blog"]
