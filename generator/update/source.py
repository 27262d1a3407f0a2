"""The two sides of an update: the edited file with its tags, and the same document built fresh."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, problem_at, processing
from generator.notices import Notices
from generator.office_safety import TEMPLATE_LIMITS, check_zip_package
from generator.report import Report
from generator.writers.tags import (
    CUSTOM_PROPERTIES_TYPE, IDENTITY_PROPERTY, TAG_PREFIX, Identity, identity_from_property, read_custom_properties,
)

MAIN_PARTS = {".pptx": "ppt/presentation.xml", ".docx": "word/document.xml"}
_FINGERPRINT = r"[0-9a-f]{12}"


@dataclass(frozen=True)
class EditedFile:
    """A file barometer made, as the user saved it."""

    path: Path
    content: bytes
    identity: Identity
    tags: dict
    """Tag key (without the "barometer." prefix) -> fingerprints, as written when it was generated."""


@dataclass(frozen=True)
class FreshDocument:
    """The same audience's document built from the current data, with its report and template."""

    report: Report
    content: bytes
    tags: dict
    template: object
    notices: Notices = dataclasses.field(default_factory=Notices)
    """Warnings about the inputs and the fresh document, for the command line to show."""


def read_edited(path: Path) -> EditedFile:
    """The edited file with its identity; `InputError` for anything barometer cannot update."""
    suffix = path.suffix.lower()
    if suffix not in MAIN_PARTS:
        raise InputError(problem_at(path, "can only update a .pptx deck or a .docx briefing made by barometer"))
    check_zip_package(path, TEMPLATE_LIMITS, "file", MAIN_PARTS[suffix])
    content = path.read_bytes()
    properties = package_properties(content, path)
    if IDENTITY_PROPERTY not in properties:
        raise InputError(problem_at(path, "was not made by barometer (it has no barometer tags); "
                                          "build it with `barometer build` first"))
    try:
        identity = identity_from_property(properties[IDENTITY_PROPERTY])
        tags = _tags(properties)
    except ValueError as error:
        raise InputError(problem_at(path, f"the barometer tags are damaged ({error}); "
                                          "build the file again with `barometer build`", field=IDENTITY_PROPERTY)) from None
    if f".{identity.format}" != suffix:
        raise InputError(problem_at(path, f"the barometer tags say this is a .{identity.format} file; "
                                          "the tags are damaged", field=IDENTITY_PROPERTY))
    return EditedFile(path, content, identity, tags)


def package_properties(content: bytes, path: Path | str) -> dict[str, str]:
    """The custom document properties of a package, found through its relationships."""
    import io
    import posixpath

    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "_rels/.rels" not in names:
                return {}
            root = etree.fromstring(archive.read("_rels/.rels"), etree.XMLParser(resolve_entities=False, no_network=True))
            for relationship in root:
                if relationship.get("Type") == CUSTOM_PROPERTIES_TYPE:
                    name = posixpath.normpath(relationship.get("Target", "").lstrip("/"))
                    return read_custom_properties(archive.read(name)) if name in names else {}
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(problem_at(path, f"the document properties are damaged: {error}")) from None
    return {}


def _tags(properties: dict[str, str]) -> dict:
    import re

    tags = {}
    for name, value in properties.items():
        if not name.startswith(TAG_PREFIX):
            continue
        key = name[len(TAG_PREFIX):]
        if key.startswith("slide."):
            title, separator, body = value.partition("|")
            prints = body.split()
            if not separator or (title and not re.fullmatch(_FINGERPRINT, title)) or \
                    not all(re.fullmatch(_FINGERPRINT, item) for item in prints):
                raise ValueError(f"unreadable tag {name!r}")
            tags[key[len("slide."):]] = (title, tuple(prints))
        elif key.startswith("p."):
            if not re.fullmatch(_FINGERPRINT, value.strip()):
                raise ValueError(f"unreadable tag {name!r}")
            tags[key] = value.strip()
        else:
            raise ValueError(f"unknown tag {name!r}")
    return tags


def build_fresh(edited: EditedFile, data: Path, audiences: Path, template_dir: Path) -> FreshDocument:
    """The edited file's document built again from `data`, for the audience and date it was made for."""
    from generator.audiences import find_audience
    from generator.compose import compose_report
    from generator.inputs import load_inputs
    from generator.writers import WriterOptions, get_writer

    inputs = load_inputs(data, template_dir, audiences)
    survey, template = inputs.survey, inputs.template
    if survey.id != edited.identity.survey:
        raise InputError(problem_at(edited.path, f"was made for survey {edited.identity.survey!r}, but {data} holds "
                                                 f"survey {survey.id!r}; give that survey's findings with --data"))
    audience = find_audience(inputs.audiences, edited.identity.audience, audiences)
    report = compose_report(survey, audience, template, dt.date.fromisoformat(edited.identity.date))
    writer = get_writer(edited.identity.format)
    with processing(template_dir):
        writer.check_template(template)
    notices = Notices(inputs.notices)
    with tempfile.TemporaryDirectory(prefix="barometer-update-") as folder:
        images = render_images(report, template, Path(folder), notices)
        document = writer.write(report, images, template,
                                WriterOptions(native_charts=edited.identity.charts == "native"))
    notices.extend(document.notices)
    tags = _tags(package_properties(document.content, "the fresh build"))
    return FreshDocument(report, document.content, tags, template, notices)


def render_images(report: Report, template, folder: Path, notices: Notices | None = None) -> dict[str, Path]:
    """Each chart of `report` as a PNG in `folder`, by chart id; what to know about them goes to `notices`."""
    from generator.charts.cache import ChartCache
    from generator.charts.style import chart_style_and_notices

    cache = ChartCache(folder)
    style, style_notices = chart_style_and_notices(template)
    images = {chart.chart_id: cache.image_for(chart.spec, style, "png", chart.chart_id) for chart in report.charts}
    if notices is not None:
        notices.extend([*style_notices, *cache.notices])
    return images


def render_at_width(spec, template, width_emu: int) -> bytes:
    """A chart rendered for a picture `width_emu` wide, so its labels keep their size in points."""
    from dataclasses import replace

    from generator.charts.render import render_chart
    from generator.charts.style import chart_style_and_notices

    inches = min(20.0, max(4.0, width_emu / 914400))
    style = chart_style_and_notices(template)[0]  # its notices came with the fresh document
    return render_chart(spec, replace(style, width_inches=round(inches, 2)), "png")
