"""Checklists for running, evaluating, accepting and following up a procurement, and the
evaluation of supplier answer matrices."""

from procura.checklists.model import KINDS, Checklist, Entry, Field, Section

__all__ = ["KINDS", "Checklist", "Entry", "Field", "Section"]
