"""Text for charts: fonts, widths, line wrapping and glyph outlines, cached per process.

Chart text is drawn as filled outlines rather than matplotlib `Text` artists: matplotlib
lays out and rasterises every text anew for every figure (about 1 ms per label, most of a
chart's render time), while a survey's charts reuse a few dozen glyphs. Outlines are read
once per font and character, and each chart's text is filled as one path per colour. The
same outlines give exact widths, so wrapped labels are measured, never guessed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font, Kerning, LoadFlags
from matplotlib.path import Path as MplPath

FALLBACK_FAMILY = "DejaVu Sans"
"""Ships with matplotlib, so it is always installed; covers every Latin character."""
_UNITS = 100.0
"""Outlines are cached at 100 pt and scaled per use."""
_BREAK_AFTER = ("/", "-")


@dataclass(frozen=True)
class Glyph:
    advance: float
    vertices: np.ndarray
    codes: np.ndarray


def installed_family(name: str) -> str | None:
    """The installed font family called `name` (any case), or None."""
    wanted = name.strip().lower()
    for family in _installed_families():
        if family.lower() == wanted:
            return family
    return None


@functools.cache
def _installed_families() -> tuple[str, ...]:
    return tuple(sorted({entry.name for entry in font_manager.fontManager.ttflist}))


@functools.cache
def font_file(family: str, bold: bool = False) -> str:
    """The font file for `family` (installed) in regular or bold weight."""
    properties = font_manager.FontProperties(family=[family, FALLBACK_FAMILY], weight="bold" if bold else "normal")
    return str(font_manager.findfont(properties, fallback_to_default=True))


@functools.cache
def _face(path: str) -> FT2Font:
    face = FT2Font(path)
    face.set_size(_UNITS, 72)
    return face


@functools.cache
def ascent(path: str) -> float:
    """Height above the baseline of the font's tallest letters, as a share of the font size."""
    face = _face(path)
    return face.ascender / face.units_per_EM


@functools.cache
def descent(path: str) -> float:
    """Depth below the baseline, as a positive share of the font size."""
    face = _face(path)
    return -face.descender / face.units_per_EM


@functools.cache
def _glyph(path: str, character: str) -> tuple[Glyph, int]:
    face = _face(path)
    index = face.get_char_index(ord(character))
    if index == 0 and path != font_file(FALLBACK_FAMILY):
        return _glyph(font_file(FALLBACK_FAMILY), character)[0], 0
    loaded = face.load_glyph(index, flags=LoadFlags.NO_HINTING)
    vertices, codes = face.get_path()
    glyph = Glyph(loaded.linearHoriAdvance / 65536, np.asarray(vertices, float), np.asarray(codes, np.uint8))
    return glyph, index


@functools.cache
def _kerning(path: str, left: int, right: int) -> float:
    if not left or not right:
        return 0.0
    return _face(path).get_kerning(left, right, Kerning.DEFAULT) / 64


def text_width(text: str, path: str, size: float) -> float:
    """Width of `text` set in the font at `path`, in points at `size` pt."""
    total = 0.0
    previous = 0
    for character in text:
        glyph, index = _glyph(path, character)
        total += glyph.advance + _kerning(path, previous, index)
        previous = index
    return total * size / _UNITS


def outline(text: str, path: str, size: float) -> tuple[np.ndarray, np.ndarray]:
    """Outline of `text` in points, origin at the start of the baseline, y pointing up."""
    pieces: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    pen = 0.0
    previous = 0
    for character in text:
        glyph, index = _glyph(path, character)
        pen += _kerning(path, previous, index)
        previous = index
        if len(glyph.codes):
            pieces.append(glyph.vertices + (pen, 0.0))
            codes.append(glyph.codes)
        pen += glyph.advance
    if not pieces:
        return np.zeros((0, 2)), np.zeros(0, np.uint8)
    return np.concatenate(pieces) * (size / _UNITS), np.concatenate(codes)


def wrap(text: str, width: float, path: str, size: float) -> tuple[str, ...]:
    """`text` broken into lines no wider than `width` points; over-long words are hyphenated."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, path, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while len(word) > 1 and text_width(word, path, size) > width:
            head, word = _break_word(word, width, path, size)
            lines.append(head)
        current = word
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def longest_word_width(text: str, path: str, size: float) -> float:
    return max((text_width(word, path, size) for word in text.split()), default=0.0)


def _break_word(word: str, width: float, path: str, size: float) -> tuple[str, str]:
    """The longest head of `word` that fits in `width` (ending in a hyphen unless after / or -)."""
    candidates = [index + 1 for index, character in enumerate(word[:-1]) if character in _BREAK_AFTER]
    candidates += _hyphenation_points(word)
    for index in sorted(set(candidates), reverse=True):
        head = word[:index] if word[index - 1] in _BREAK_AFTER else word[:index] + "-"
        if text_width(head, path, size) <= width:
            return head, word[index:]
    for index in range(len(word) - 1, 0, -1):
        if text_width(word[:index] + "-", path, size) <= width:
            return word[:index] + "-", word[index:]
    return word[:1], word[1:]


def _hyphenation_points(word: str) -> list[int]:
    """Dutch hyphenation points ("agenda|vorming") when Pyphen is installed, else none."""
    hyphenator = _dutch_hyphenator()
    return list(hyphenator.positions(word)) if hyphenator else []


@functools.cache
def _dutch_hyphenator():
    try:
        import pyphen
    except ImportError:
        return None
    return pyphen.Pyphen(lang="nl_NL")


def compound_path(parts: list[tuple[np.ndarray, np.ndarray]]) -> MplPath:
    """One matplotlib path from many (vertices, codes) outlines, for one fill call."""
    vertices = np.concatenate([vertices for vertices, _ in parts])
    codes = np.concatenate([codes for _, codes in parts])
    return MplPath(vertices, codes)
