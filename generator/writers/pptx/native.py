"""Editable PowerPoint charts built from a `ChartSpec`: same data, Dutch labels, theme colours.

Traps handled here (issue 5): python-pptx chart text defaults to 18 pt, and number formats
follow the viewer's locale, so every value label is written as finished Dutch text
("64%", "6,7", "~33%"); category names starting with = + - @ would become formulas in the
embedded workbook, so every text cell is written as a string; the workbook's creation date
is the report's, so equal input gives equal files.
"""

from __future__ import annotations

import datetime as dt

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn
from pptx.util import Cm, Pt
from xlsxwriter import Workbook

from generator.charts import NativeChart, chart_kind
from generator.report import Chart, ChartSpec

CHART_TEXT_SIZE = 12
LABEL_TEXT_SIZE = 12
ACCENTS = (MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_3,
           MSO_THEME_COLOR.ACCENT_4, MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_6)
STACK_TOLERANCE = 2.0
"""Percent series that add up to 100 within this margin per category are shares of one whole."""


class _TextSafeWorkbookWriter(CategoryWorkbookWriter):
    """Writes categories and series names as strings (never formulas), with a fixed date."""

    created: dt.datetime = dt.datetime(2000, 1, 1)

    def _open_worksheet(self, xlsx_file):
        writer = self

        class _Context:
            def __enter__(self_inner):
                self_inner.workbook = Workbook(xlsx_file, {"in_memory": True})
                self_inner.workbook.set_properties({"created": writer.created})
                return self_inner.workbook, self_inner.workbook.add_worksheet()

            def __exit__(self_inner, *exc_info):
                self_inner.workbook.close()
                return False

        return _Context()

    def _write_cat_column(self, worksheet, col, level, num_format):
        worksheet.set_column(col, col, 40)
        for offset, name in level:
            worksheet.write_string(offset + 1, col, str(name))

    def _write_series(self, workbook, worksheet):
        col_offset = self._chart_data.categories.depth
        for index, series in enumerate(self._chart_data):
            num_format = workbook.add_format({"num_format": series.number_format})
            column = index + col_offset
            worksheet.write_string(0, column, str(series.name))
            for row, value in enumerate(series.values, start=1):
                if value is None:
                    worksheet.write_blank(row, column, None, num_format)
                else:
                    worksheet.write_number(row, column, value, num_format)


class TextSafeChartData(CategoryChartData):
    """Category chart data whose embedded workbook stores every label as text."""

    def __init__(self, created: dt.datetime, number_format: str = "0") -> None:
        super().__init__(number_format=number_format)
        self._created = created

    @property
    def _workbook_writer(self):
        writer = _TextSafeWorkbookWriter(self)
        writer.created = self._created
        return writer


def native_chart_type(spec: ChartSpec) -> XL_CHART_TYPE:
    """The editable chart for `spec`, as its kind's record says: bars side by side, or stacked when the
    kind draws shares (a Likert matrix) and its series add up to 100% per answer."""
    native = chart_kind(spec.kind).native_type
    if native is NativeChart.SHARE_BARS and _shares_of_one_whole(spec):
        return XL_CHART_TYPE.BAR_STACKED
    if native in (NativeChart.BARS, NativeChart.SHARE_BARS):
        return XL_CHART_TYPE.BAR_CLUSTERED
    raise ValueError(f"no editable chart for {native!r}")


def _shares_of_one_whole(spec: ChartSpec) -> bool:
    """Several percent series that add up to 100 per category, never multi-response."""
    if len(spec.series) < 2 or spec.unit != "percent" or spec.multiple_response:
        return False
    return all(abs(sum(series.values[row] or 0 for series in spec.series) - 100) <= STACK_TOLERANCE
               for row in range(len(spec.categories)))


def native_chart_height(spec: ChartSpec) -> int:
    """A comfortable height (EMU) for the chart: bars about 1 cm thick, room for axis and legend."""
    stacked = native_chart_type(spec) == XL_CHART_TYPE.BAR_STACKED
    bars = len(spec.categories) * (1 if stacked else len(spec.series))
    extra = Cm(1.6) + (Cm(1.0) if len(spec.series) > 1 else 0) + (Cm(1.0) if spec.unit == "grade" else 0)
    return int(Cm(1.5) * bars + extra)


def chart_data(spec: ChartSpec, created: dt.datetime) -> TextSafeChartData:
    decimals_format = "0.0" if any(value is not None and value != int(value)
                                   for series in spec.series for value in series.values) else "0"
    data = TextSafeChartData(created, number_format=decimals_format)
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, list(series.values))
    return data


def _positive_axis_ids(native) -> None:
    """python-pptx writes negative axis ids; the schema wants 0..2**31-1 (the low 31 bits, still distinct)."""
    for element in native._chartSpace.iter(qn("c:axId"), qn("c:crossAx")):
        value = int(element.get("val"))
        if value < 0:
            element.set("val", str(value & 0x7FFFFFFF))


def add_native_chart(shapes, chart: Chart, box: tuple[int, int, int, int], created: dt.datetime):
    """An editable bar chart for `chart` filling `box`; returns the graphic frame."""
    spec = chart.spec
    kind = native_chart_type(spec)
    stacked = kind == XL_CHART_TYPE.BAR_STACKED
    left, top, width, height = box
    frame = shapes.add_chart(kind, left, top, width, height, chart_data(spec, created))
    native = frame.chart
    native.font.size = Pt(CHART_TEXT_SIZE)
    native.has_title = False
    _positive_axis_ids(native)
    plot = native.plots[0]
    rows = len(spec.categories)
    plot.gap_width = 60 if rows >= 6 else 120 if rows >= 3 else 220
    if stacked:
        plot.overlap = 100
    native.has_legend = len(spec.series) > 1
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(CHART_TEXT_SIZE)
    category_axis = native.category_axis
    category_axis.reverse_order = True
    category_axis.tick_labels.font.size = Pt(CHART_TEXT_SIZE)
    category_axis.has_major_gridlines = False
    value_axis = native.value_axis
    low, high = spec.scale
    value_axis.minimum_scale = low
    value_axis.maximum_scale = high
    value_axis.has_major_gridlines = False
    value_axis.visible = spec.unit == "grade"
    if value_axis.visible:
        value_axis.major_unit = 1
        value_axis.tick_labels.font.size = Pt(CHART_TEXT_SIZE)
        value_axis.tick_labels.number_format = "0"
        value_axis.tick_labels.number_format_is_linked = False
    for index, series in enumerate(spec.series):
        plotted = plot.series[index]
        plotted.invert_if_negative = False
        fill = plotted.format.fill
        fill.solid()
        fill.fore_color.theme_color = ACCENTS[index % len(ACCENTS)]
        for row, label in enumerate(series.labels):
            if not label:
                continue
            data_label = plotted.points[row].data_label
            data_label.position = XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END
            text_frame = data_label.text_frame
            text_frame.word_wrap = False
            text_frame.text = label
            font = text_frame.paragraphs[0].runs[0].font
            font.size = Pt(LABEL_TEXT_SIZE)
            font.bold = True
            if stacked:
                font.color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
    return frame
