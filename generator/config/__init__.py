"""Declared configuration: typed options, one walker over located YAML, a reference generated from both."""

from generator.config.options import (MISSING, Choice, Colour, Date, Flag, Identifier, Invalid, ListOf, MappingOf,
                                      Number, Option, Section, Text)
from generator.config.walker import Place, read_config

__all__ = ["MISSING", "Choice", "Colour", "Date", "Flag", "Identifier", "Invalid", "ListOf", "MappingOf", "Number",
           "Option", "Place", "Section", "Text", "read_config"]
