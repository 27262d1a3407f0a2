"""Text for charts and slides: fonts, widths, line wrapping and outlines, cached per process.

Text is laid out by matplotlib's own text-to-path machinery (the layout `TextToPath` uses:
kerning, font fallback and, where matplotlib has libraqm, Arabic shaping and bidi), on a
fallback list: the theme font, then DejaVu Sans, then installed fonts for other scripts
(Noto CJK, Arabic, symbols). A character that none of them has lands on matplotlib's Last
Resort font; `missing_characters` names it, so the caller can warn instead of showing boxes
silently. Chart text is drawn as filled outlines rather than `Text` artists: a survey's
charts reuse a few dozen strings and glyphs, laid out once here and filled as one path per
colour. The same layout gives exact widths, so wrapped labels are measured, never guessed.
Outlines are unhinted, as text-to-path gives them; at 144 dpi a label is 36 px high, where
hinting would change little.
"""

from __future__ import annotations

import functools
import unicodedata
import warnings
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib import _text_helpers, font_manager
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.path import Path as MplPath

FALLBACK_FAMILY = "DejaVu Sans"
"""Ships with matplotlib, so it is always installed; covers Latin, Greek, Cyrillic and Arabic."""
SCRIPT_FALLBACK_PREFIXES = ("Noto Sans", "Noto Naskh Arabic", "Noto Serif CJK", "Noto Emoji", "Droid Sans Fallback",
                            "WenQuanYi", "Symbola")
"""Installed families whose names start with these are tried, in this order, after DejaVu Sans."""
_UNITS = 100.0
"""Text is laid out at 100 pt and scaled per use."""
_FONT_SETTINGS = {"font.enable_last_resort": True}
"""Fixed so a user's matplotlibrc changes nothing; Last Resort draws a visible placeholder box."""
_BREAK_AFTER = ("/", "-")


@dataclass(frozen=True)
class _Glyph:
    advance: float
    vertices: np.ndarray
    codes: np.ndarray


@dataclass(frozen=True)
class _Layout:
    """A string set at 100 pt: its advance width and its glyphs, each (glyph key, x, y)."""

    width: float
    placed: tuple[tuple[tuple, float, float], ...]


_glyphs: dict[tuple, _Glyph] = {}


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
def font_chain(path: str) -> tuple[str, ...]:
    """The fonts text set in `path` is drawn from: itself, then DejaVu Sans and script fonts in its weight."""
    bold = _is_bold(path)
    chain = [path, font_file(FALLBACK_FAMILY, bold)]
    chain += [_family_face(family, bold) for family in script_fallback_families()]
    unique: dict[str, str] = {}
    for font in chain:
        unique.setdefault(str(font), font)
    return tuple(unique.values())


def _family_face(family: str, bold: bool) -> str:
    """The upright face of installed `family` nearest to regular or bold, as a path matplotlib can open."""
    wanted = 700 if bold else 400
    entries = [entry for entry in font_manager.fontManager.ttflist if entry.name == family]
    entry = min(entries, key=lambda entry: (entry.style != "normal", abs(_weight(entry.weight) - wanted),
                                            entry.fname, entry.index))
    return font_manager.FontPath(entry.fname, entry.index) if entry.index else entry.fname


def _weight(weight) -> int:
    return font_manager.weight_dict.get(weight, 400) if isinstance(weight, str) else int(weight)


@functools.cache
def script_fallback_families() -> tuple[str, ...]:
    """Installed outline fonts for scripts DejaVu Sans lacks (Chinese, Japanese, emoji), in a fixed order."""
    found = []
    for prefix in SCRIPT_FALLBACK_PREFIXES:
        found += sorted(family for family in _installed_families()
                        if family.startswith(prefix) and family not in found and _has_outlines(family))
    return tuple(found)


def _has_outlines(family: str) -> bool:
    """Colour-bitmap fonts (Noto Color Emoji) give no outlines, so they cannot be drawn as paths."""
    entry = next(entry for entry in font_manager.fontManager.ttflist if entry.name == family)
    face = _open_face(entry.fname, entry.index)
    return bool(face.scalable) and "COLOR" not in str(face.face_flags)


def _open_face(path: str, face_index: int = 0) -> FT2Font:
    """A font object of its own (not matplotlib's shared one); `face_index` picks a face of a collection."""
    return FT2Font(path, face_index=face_index) if face_index else FT2Font(path)


@functools.cache
def _is_bold(path: str) -> bool:
    return "BOLD" in str(FT2Font(path).style_flags)


@functools.cache
def _metrics_face(path: str) -> FT2Font:
    face = FT2Font(path)
    face.set_size(_UNITS, 72)
    return face


@functools.cache
def ascent(path: str) -> float:
    """Height above the baseline of the font's tallest letters, as a share of the font size."""
    face = _metrics_face(path)
    return face.ascender / face.units_per_EM


@functools.cache
def descent(path: str) -> float:
    """Depth below the baseline, as a positive share of the font size."""
    face = _metrics_face(path)
    return -face.descender / face.units_per_EM


def _chain_font(path: str) -> FT2Font:
    """matplotlib's font object for the fallback chain of `path`, at 100 pt (shared, so set every time)."""
    if all(matplotlib.rcParams[key] == value for key, value in _FONT_SETTINGS.items()):
        font = font_manager.get_font(font_chain(path))
    else:
        with matplotlib.rc_context(_FONT_SETTINGS):
            font = font_manager.get_font(font_chain(path))
    font.set_size(_UNITS, 72)
    return font


@functools.lru_cache(maxsize=1 << 16)
def _layout(text: str, path: str) -> _Layout:
    """`text` at 100 pt in the chain of `path`: words laid out once each and joined by spaces.

    Wrapping measures every growing prefix of a label, and a survey's labels share their words,
    so laying out words, not strings, keeps layouts to a few per label. Joining drops only the
    (zero) kerning next to a space; text with right-to-left letters is laid out whole for bidi.
    """
    if " " not in text or _has_right_to_left(text):
        return _laid_out(text, path)
    space = _laid_out(" ", path).width
    pen = 0.0
    placed: list[tuple[tuple, float, float]] = []
    for position, word in enumerate(text.split(" ")):
        pen += space if position else 0.0
        layout = _laid_out(word, path)
        placed += [(key, x + pen, y) for key, x, y in layout.placed]
        pen += layout.width
    return _Layout(pen, tuple(placed))


@functools.lru_cache(maxsize=1 << 16)
def _laid_out(text: str, path: str) -> _Layout:
    """`text` laid out whole by matplotlib in the chain of `path`; each glyph's outline cached once."""
    font = _chain_font(path)
    width = 0.0
    placed = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # matplotlib warns per glyph; `missing_characters` tells per label
        for item in _layout_items(text, font):
            face = item.ft_object
            index = item.glyph_index if hasattr(item, "glyph_index") else item.glyph_idx
            key = (face.fname, getattr(face, "face_index", 0), index)
            glyph = _glyphs.get(key)
            if glyph is None:
                loaded = face.load_glyph(index, flags=LoadFlags.NO_HINTING)
                vertices, codes = face.get_path()
                glyph = _glyphs[key] = _Glyph(loaded.horiAdvance / 64, np.asarray(vertices, float),
                                              np.asarray(codes, np.uint8))
            width = max(width, item.x + glyph.advance)
            placed.append((key, item.x, getattr(item, "y", 0.0)))
    return _Layout(width, tuple(placed))


def _layout_items(text: str, font: FT2Font):
    """matplotlib's layout items (font, glyph, position) of `text`; on matplotlib 3.11+ straight from
    libraqm, without loading each glyph again as `_text_helpers.layout` does (glyphs are cached here)."""
    if hasattr(font, "_layout"):
        return font._layout(text, LoadFlags.NO_HINTING)
    return _text_helpers.layout(text, font)


def _has_right_to_left(text: str) -> bool:
    return not text.isascii() and any(unicodedata.bidirectional(character) in ("R", "AL") for character in text)


def _is_shown(character: str) -> bool:
    """Whether a character is drawn at all: spaces, controls, joiners and variation selectors are not."""
    if unicodedata.category(character) in ("Zs", "Zl", "Zp", "Cc", "Cf"):
        return False
    return not (0xFE00 <= ord(character) <= 0xFE0F or 0xE0100 <= ord(character) <= 0xE01EF)


def text_width(text: str, path: str, size: float) -> float:
    """Advance width of `text` set in the font at `path` (with fallbacks), in points at `size` pt."""
    return _layout(text, path).width * size / _UNITS


def missing_characters(text: str, path: str) -> tuple[str, ...]:
    """The characters of `text` that no font of the chain of `path` has, in order of appearance:
    they would be drawn from matplotlib's Last Resort font, as boxes."""
    return tuple(character for character in dict.fromkeys(text)
                 if _is_shown(character) and not _has_character(path, character))


@functools.lru_cache(maxsize=1 << 14)
def _has_character(path: str, character: str) -> bool:
    return any(face.get_char_index(ord(character)) for face in _chain_faces(path))


@functools.cache
def _chain_faces(path: str) -> tuple[FT2Font, ...]:
    """Separate font objects for the fallback chain of `path`, for looking characters up."""
    return tuple(_open_face(str(font), getattr(font, "face_index", 0)) for font in font_chain(path))


def outline(text: str, path: str, size: float) -> tuple[np.ndarray, np.ndarray]:
    """Outline of `text` in points, origin at the start of the baseline, y pointing up."""
    pieces: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for key, x, y in _layout(text, path).placed:
        glyph = _glyphs[key]
        if len(glyph.codes):
            pieces.append(glyph.vertices + (x, y))
            codes.append(glyph.codes)
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
