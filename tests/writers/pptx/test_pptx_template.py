"""House-style templates: the `deck:` settings, role mapping, bad templates, `barometer inspect`."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import InputError
from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer
from generator.writers.pptx.package import open_presentation
from generator.writers.pptx.plan import SlideRole
from generator.writers.pptx.settings import read_deck_settings
from generator.writers.pptx.template import resolve_mapping
from pptx_fixtures import render_images, short_report

REPO = Path(__file__).resolve().parents[3]
DEFAULT = REPO / "templates" / "default"
GEMEENTE = REPO / "tests" / "fixtures" / "decks" / "gemeente43"
POTX = REPO / "tests" / "fixtures" / "decks" / "sjabloon"


@pytest.fixture
def template_dir(tmp_path, monkeypatch):
    """A copy of the 4:3 fixture deck in a fresh folder, with the template.yaml the test writes."""
    monkeypatch.chdir(tmp_path)

    def make(yaml_text: str | None, deck: Path = GEMEENTE / "deck.pptx") -> Path:
        folder = tmp_path / "huisstijl"
        folder.mkdir(exist_ok=True)
        shutil.copy(deck, folder / deck.name)
        if yaml_text is not None:
            (folder / "template.yaml").write_text(yaml_text, encoding="utf-8")
        return folder

    return make


def write_deck(folder: Path, tmp_path: Path):
    report = short_report()
    return get_writer("pptx").write(report, render_images(report, tmp_path / "img"), load_template_set(folder),
                                    WriterOptions())


def messages(error: InputError) -> list[str]:
    return [str(problem) for problem in error.problems]


def test_a_missing_required_layout_names_it_and_lists_the_available_ones(template_dir, tmp_path):
    folder = template_dir("deck:\n  layouts:\n    chart: Grafiekdia\n")
    with pytest.raises(InputError) as caught:
        write_deck(folder, tmp_path)
    (message,) = messages(caught.value)
    assert message.startswith("huisstijl/template.yaml:3: deck.layouts.chart:")
    assert 'layout "Grafiekdia" not found' in message
    assert '"Openingsdia"' in message and '"Twee objecten"' in message


def test_a_missing_optional_layout_falls_back_with_a_notice(template_dir, tmp_path, capsys):
    folder = template_dir("deck:\n  layouts:\n    closing: Slotdia\n")
    document = write_deck(folder, tmp_path)
    assert document.pages > 3
    assert any('layout "Slotdia" for closing slides not found' in notice for notice in document.notices)
    assert capsys.readouterr().err == "", "the writer returns its notices; the command line prints them"


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("deck:\n  colours: blauw\n", "huisstijl/template.yaml:2: deck.colours: unknown field"),
        ("deck:\n  layouts:\n    grafiek: Grafiek\n", "huisstijl/template.yaml:3: deck.layouts.grafiek: unknown name"),
        ("deck:\n  template_slides: bewaren\n", "huisstijl/template.yaml:2: deck.template_slides: must be one of remove, keep"),
        ("deck:\n  charts: excel\n", "huisstijl/template.yaml:2: deck.charts: must be one of picture, native"),
        ("deck:\n  footer: misschien\n", "huisstijl/template.yaml:2: deck.footer: must be true or false"),
        ("deck:\n  placeholders:\n    chart:\n      chart: 7\n",
         "huisstijl/template.yaml:4: deck.placeholders.chart.chart: layout \"Titel en object\" has no placeholder with idx 7"),
        ("deck:\n  placeholders:\n    chart:\n      grafiek: 1\n",
         "huisstijl/template.yaml:4: deck.placeholders.chart.grafiek: unknown name"),
        ("deck:\n  labels:\n    agenda: ''\n", "huisstijl/template.yaml:3: deck.labels.agenda: must not be empty"),
    ],
    ids=["unknown-key", "unknown-role", "template-slides", "chart-mode", "footer-not-bool", "idx-missing",
         "unknown-slot", "empty-label"],
)
def test_bad_deck_settings_are_reported_with_their_line(template_dir, tmp_path, yaml_text, expected):
    folder = template_dir(yaml_text)
    with pytest.raises(InputError) as caught:
        write_deck(folder, tmp_path)
    assert any(message.startswith(expected) for message in messages(caught.value)), messages(caught.value)


def test_every_settings_problem_is_reported_at_once(template_dir, tmp_path):
    folder = template_dir("deck:\n  colours: blauw\n  footer: misschien\n  charts: excel\n")
    with pytest.raises(InputError) as caught:
        write_deck(folder, tmp_path)
    assert len(caught.value.problems) == 3


def test_labels_can_be_changed_in_template_yaml(template_dir, tmp_path):
    folder = template_dir("deck:\n  labels:\n    closing: Afronding\n")
    from pptx import Presentation

    presentation = Presentation(io.BytesIO(write_deck(folder, tmp_path).content))
    assert "Afronding" in [slide.shapes.title.text_frame.text for slide in presentation.slides]


@pytest.mark.parametrize("deck", [GEMEENTE / "deck.pptx", POTX / "deck.potx"], ids=["pptx", "potx"])
def test_roles_are_mapped_automatically_by_layout_type(deck):
    presentation = open_presentation(deck)
    settings = read_deck_settings({}, deck.parent / "template.yaml")
    mapping = resolve_mapping(presentation, settings, deck.parent / "template.yaml", deck.name).mapping
    names = {role: layout.layout_name for role, layout in mapping.roles.items()}
    assert names[SlideRole.TITLE] == "Openingsdia"
    assert names[SlideRole.SECTION] == "Tussenblad"
    assert names[SlideRole.CHART] == "Titel en object"
    assert names[SlideRole.CHART_TEXT] == "Twee objecten"
    assert mapping.roles[SlideRole.CHART_TEXT].area != mapping.roles[SlideRole.CHART_TEXT].body


def test_a_template_without_a_layout_with_a_title_is_refused(template_dir, tmp_path):
    folder = template_dir("deck:\n  layouts:\n    chart: Leeg\n")
    with pytest.raises(InputError) as caught:
        write_deck(folder, tmp_path)
    assert any('layout "Leeg" has no title placeholder' in message for message in messages(caught.value))


def test_a_template_set_without_a_deck_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leeg").mkdir()
    with pytest.raises(InputError, match="template set has no deck"):
        write_deck(tmp_path / "leeg", tmp_path)


def test_a_template_with_macros_is_refused_before_it_is_opened(template_dir, tmp_path):
    folder = template_dir(None)
    deck = folder / "deck.pptx"
    data = io.BytesIO()
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(data, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", b'<Override PartName="/ppt/vbaProject.bin" '
                                          b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            target.writestr(info, content)
        target.writestr("ppt/vbaProject.bin", b"macro")
    deck.write_bytes(data.getvalue())
    with pytest.raises(InputError, match="macros"):
        write_deck(folder, tmp_path)


def test_inspect_lists_layouts_placeholders_theme_and_mapping():
    result = CliRunner().invoke(main, ["inspect", str(GEMEENTE / "deck.pptx")])
    assert result.exit_code == 0, result.output
    assert "(4:3)" in result.output
    assert '"Twee objecten" (twoObj)' in result.output
    assert "idx   2  object" in result.output
    assert "accent1   #00594F" in result.output
    assert "Theme fonts: headings Liberation Sans" in result.output
    assert 'title        -> "Openingsdia": title idx 0, body idx 1' in result.output


def test_inspect_of_the_default_template_shows_its_dutch_layouts():
    result = CliRunner().invoke(main, ["inspect", str(DEFAULT / "deck.pptx")])
    assert result.exit_code == 0, result.output
    for name in ("Titeldia", "Agenda", "Sectiekop", "Grafiek", "Grafiek en tekst", "Kerncijfers", "Afsluiting"):
        assert f'"{name}"' in result.output
    assert "(16:9)" in result.output


def test_inspect_of_a_file_that_is_not_a_deck_exits_2(tmp_path):
    path = tmp_path / "nep.pptx"
    path.write_bytes(b"geen zip")
    result = CliRunner().invoke(main, ["inspect", str(path)])
    assert result.exit_code == 2
    assert "not an Office file" in result.output


def test_a_template_without_footer_placeholders_still_gets_source_and_numbers(template_dir, tmp_path):
    from pptx import Presentation

    folder = template_dir(None)
    presentation = Presentation(str(folder / "deck.pptx"))
    furniture = {"ftr", "sldNum", "dt"}
    for owner in [presentation.slide_master, *presentation.slide_layouts]:
        for shape in list(owner.placeholders):
            if shape._element.ph_type is not None and str(shape._element.ph.get("type")) in furniture:
                shape._element.getparent().remove(shape._element)
    presentation.save(str(folder / "deck.pptx"))
    document = write_deck(folder, tmp_path)
    slides = Presentation(io.BytesIO(document.content)).slides
    for number, slide in enumerate(slides, start=1):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if number == 1 or slide.shapes.title.text_frame.text == "Vragen? Neem contact op":
            continue
        assert short_report().source in texts
        assert str(number) in texts


def test_charts_native_in_template_yaml_gives_editable_charts(template_dir, tmp_path):
    from pptx import Presentation

    folder = template_dir("deck:\n  charts: native\n")
    document = write_deck(folder, tmp_path)
    charts = [shape for slide in Presentation(io.BytesIO(document.content)).slides for shape in slide.shapes
              if shape.has_chart]
    assert len(charts) == document.charts == len(short_report().charts)


def test_the_committed_default_deck_is_what_its_script_builds():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_default_deck", REPO / "templates" / "make_default_deck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (DEFAULT / "deck.pptx").read_bytes()


def test_the_default_deck_has_the_promised_design():
    from generator.writers.pptx.inspect import describe_template

    description = describe_template(DEFAULT / "deck.pptx")
    for colour in ("accent1   #0072B2", "accent2   #D55E00", "accent3   #009E73", "accent4   #CC79A7"):
        assert colour in description
    assert "Theme fonts: headings DejaVu Sans, body DejaVu Sans" in description


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[index:index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("slot", "background", "minimum"),
    [("dk1", "FFFFFF", 4.5), ("dk2", "FFFFFF", 4.5), ("lt1", "1B3A57", 4.5), ("dk1", "EEF2F5", 4.5),
     ("accent1", "FFFFFF", 3.0), ("accent2", "FFFFFF", 3.0), ("accent3", "FFFFFF", 3.0), ("accent4", "FFFFFF", 3.0)],
    ids=["text", "titles", "title-slide", "section-slide", "accent1", "accent2", "accent3", "accent4"],
)
def test_default_theme_colours_have_enough_contrast(slot, background, minimum):
    import re

    with zipfile.ZipFile(DEFAULT / "deck.pptx") as archive:
        theme = archive.read("ppt/theme/theme1.xml").decode()
    colour = re.search(rf"<a:{slot}><a:srgbClr val=\"([0-9A-F]{{6}})\"", theme).group(1)
    assert _contrast(colour, background) >= minimum


@pytest.mark.parametrize("keep", [False, True], ids=["remove", "keep"])
def test_template_sections_and_custom_shows_do_not_point_at_missing_slides(template_dir, tmp_path, keep):
    from pptx import Presentation
    from pptx.oxml import parse_xml

    from pptx_checks import dangling_relationships, parts

    folder = template_dir("deck:\n  template_slides: keep\n" if keep else None)
    presentation = Presentation(str(folder / "deck.pptx"))
    root = presentation.part._element
    slide_id = root.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}sldId")
    namespaces = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
                  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    shows = parse_xml(f'<p:custShowLst {namespaces}><p:custShow name="Kort" id="0"><p:sldLst>'
                      f'<p:sld r:id="{slide_id.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")}"/>'
                      "</p:sldLst></p:custShow></p:custShowLst>")
    root.find("{http://schemas.openxmlformats.org/presentationml/2006/main}notesSz").addnext(shows)
    sections = parse_xml(
        f'<p:extLst {namespaces}><p:ext uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}">'
        '<p14:sectionLst xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
        f'<p14:section name="Standaard" id="{{11111111-2222-3333-4444-555555555555}}"><p14:sldIdLst>'
        f'<p14:sldId id="{slide_id.get("id")}"/></p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>')
    root.append(sections)
    presentation.save(str(folder / "deck.pptx"))
    content = write_deck(folder, tmp_path).content
    assert dangling_relationships(content) == []
    presentation_xml = parts(content)["ppt/presentation.xml"]
    assert b"sectionLst" not in presentation_xml and b"custShow" not in presentation_xml


def test_text_and_chart_sharing_one_placeholder_do_not_overlap(template_dir, tmp_path):
    from pptx import Presentation

    folder = template_dir("deck:\n  layouts:\n    chart_text: Titel en object\n"
                          "  placeholders:\n    chart_text: {title: 0, body: 1, chart: 1}\n")
    presentation = Presentation(io.BytesIO(write_deck(folder, tmp_path).content))
    report = short_report()
    figure = report.sections[0].figures[0]
    slide = next(slide for slide in presentation.slides if slide.shapes.title.text_frame.text == figure.title)
    text = next(shape for shape in slide.placeholders if shape.placeholder_format.idx == 1)
    picture = next(shape for shape in slide.shapes if shape.shape_type == 13)
    assert figure.text in text.text_frame.text
    assert text.top + text.height <= picture.top
