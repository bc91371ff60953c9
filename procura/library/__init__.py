"""Loading requirement libraries: the shipped one, and any folder in the same layout (packs)."""

from procura.library.loader import Library, LoadedRequirement, load_library, shipped_library_path

__all__ = ["Library", "LoadedRequirement", "load_library", "shipped_library_path"]
