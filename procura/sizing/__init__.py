"""Right-sizing: which requirements a procurement needs, at which level, and why."""

from procura.sizing.resolve import Excluded, Item, LoadedProfile, Specification, load_profile, resolve

__all__ = ["Excluded", "Item", "LoadedProfile", "Specification", "load_profile", "resolve"]
