"""Accessibility checks for a PDF (the machine-checkable part of PDF/UA), read with pikepdf."""

from __future__ import annotations

import re
from pathlib import Path

from generator.checks.model import FileCheck, ProblemLog
from generator.errors import InputError, problem_at

CHECKS = ("tagged", "language", "title", "alt-text", "headings", "tables", "fonts")
MAX_PDF_SIZE = 200 * 2**20
MAX_STRUCTURE_ELEMENTS = 200_000
_HEADING = re.compile(r"^/H([1-9])$")
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def check_pdf(path: Path) -> FileCheck:
    """Every check on the PDF at `path`; `InputError` when it is not a readable PDF."""
    import pikepdf

    path = Path(path)
    if path.stat().st_size > MAX_PDF_SIZE:
        raise InputError(problem_at(path, f"PDF is larger than {MAX_PDF_SIZE // 2**20} MB"))
    with open(path, "rb") as file:
        if b"%PDF-" not in file.read(1024):
            raise InputError(problem_at(path, "not a PDF (no %PDF- header)"))
    log = ProblemLog(path)
    try:
        with pikepdf.open(path) as pdf:
            check_tags(pdf, log)
            check_metadata(pdf, log)
            elements = list(structure_elements(pdf))
            check_structure(elements, role_map(pdf), log)
            check_fonts(pdf, log)
    except pikepdf.PasswordError:
        raise InputError(problem_at(path, "PDF is password-protected; check an unprotected copy")) from None
    except (pikepdf.PdfError, RecursionError, ValueError) as error:
        raise InputError(problem_at(path, f"damaged PDF: {str(error).splitlines()[0] if str(error) else error}")) \
            from None
    return FileCheck(log.path, "pdf", CHECKS, log.in_order())


def structure_elements(pdf):
    """Every structure element in reading order, each once, at most `MAX_STRUCTURE_ELEMENTS`."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    seen: set = set()
    stack = [root.get("/K")] if isinstance(root, pikepdf.Dictionary) else []
    while stack and len(seen) < MAX_STRUCTURE_ELEMENTS:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            key = node.objgen if node.is_indirect else ("direct", len(seen))
            if key in seen:
                continue
            seen.add(key)
            yield node
            stack.append(node.get("/K"))


def role_map(pdf) -> dict[str, str]:
    """Custom structure types -> standard ones (e.g. Writer's "/Kop 1" -> "/H1"), followed to the end."""
    root = pdf.Root.get("/StructTreeRoot")
    raw = root.get("/RoleMap") if root is not None else None
    mapping = {str(key): str(value) for key, value in raw.items()} if raw is not None else {}
    resolved = {}
    for key in mapping:
        value, steps = mapping[key], 0
        while value in mapping and steps < 10 and mapping[value] != value:
            value, steps = mapping[value], steps + 1
        resolved[key] = value
    return resolved


def check_tags(pdf, log: ProblemLog) -> None:
    mark = pdf.Root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        log.add("tagged", "PDF is not tagged (no /MarkInfo /Marked true)")
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or root.get("/K") is None:
        log.add("tagged", "PDF has no structure tree (/StructTreeRoot)")


def check_metadata(pdf, log: ProblemLog) -> None:
    if not str(pdf.Root.get("/Lang", "")).strip():
        log.add("language", "PDF has no document language (/Lang in the catalog)")
    title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.docinfo is not None else ""
    try:
        xmp_title = str(pdf.open_metadata().get("dc:title", "") or "").strip()
    except Exception:  # unreadable XMP counts as no XMP title
        xmp_title = ""
    if not title and not xmp_title:
        log.add("title", "PDF has no title (Info /Title or XMP dc:title)")
    elif not xmp_title:
        log.add("title", "PDF has no XMP title (dc:title); PDF/UA needs it")
    preferences = pdf.Root.get("/ViewerPreferences")
    if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
        log.add("title", "PDF does not show its title in the window (ViewerPreferences /DisplayDocTitle)")


def check_structure(elements, roles: dict[str, str], log: ProblemLog) -> None:
    """Figures with /Alt, headings in order without skipped levels, tables with header cells."""
    previous, generic, numbered = 0, False, False
    tables = []
    for element in elements:
        kind = str(element.S)
        kind = roles.get(kind, kind)
        if kind == "/Figure" and not (str(element.get("/Alt", "")).strip() or str(element.get("/ActualText", "")).strip()):
            log.add("alt-text", "figure has no alternate text (/Alt)", _page_label(element))
        elif kind == "/H":
            generic = True
        elif _HEADING.match(kind):
            numbered = True
            level = int(_HEADING.match(kind).group(1))
            if level > previous + 1:
                after = f"after H{previous}" if previous else "as the first heading"
                log.add("headings", f"heading H{level} {after} (skips H{previous + 1})", _page_label(element))
            previous = level
        elif kind == "/Table":
            tables.append(element)
    if generic and numbered:
        log.add("headings", "headings mix generic H and numbered H1-H6 tags")
    for number, table in enumerate(tables, start=1):
        if not any(roles.get(str(cell.S), str(cell.S)) == "/TH" for cell in _descendants(table)):
            log.add("tables", "table has no header cells (TH)", f"table {number}")


def _descendants(element):
    import pikepdf

    stack, count = [element.get("/K")], 0
    while stack and count < MAX_STRUCTURE_ELEMENTS:
        node = stack.pop()
        count += 1
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            if str(node.S) != "/Table":
                stack.append(node.get("/K"))


def _page_label(element) -> str | None:
    """"page N" for a structure element with a /Pg entry."""
    import pikepdf

    page = element.get("/Pg")
    try:
        return f"page {pikepdf.Page(page).index + 1}" if page is not None else None
    except (pikepdf.PdfError, ValueError, TypeError):
        return None


def check_fonts(pdf, log: ProblemLog) -> None:
    missing: set[str] = set()
    for page in pdf.pages:
        _collect_unembedded(page.obj.get("/Resources"), missing, set(), 0)
    for name in sorted(missing):
        log.add("fonts", f"font {name} is not embedded")


def _collect_unembedded(resources, missing: set[str], seen: set, depth: int) -> None:
    """Fonts without a font file in `resources` and, recursively, in its form XObjects."""
    import pikepdf

    if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
        return
    for font in (resources.get("/Font") or {}).values():
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") == pikepdf.Name("/Type3"):
            continue
        key = font.objgen if font.is_indirect else None
        if key in seen:
            continue
        seen.add(key)
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        if descriptor is None or not any(name in descriptor for name in _FONT_FILES):
            missing.add(str(font.get("/BaseFont", "(unnamed)")).lstrip("/"))
    for item in (resources.get("/XObject") or {}).values():
        if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == pikepdf.Name("/Form"):
            key = item.objgen
            if key not in seen:
                seen.add(key)
                _collect_unembedded(item.get("/Resources"), missing, seen, depth + 1)
