"""Renderers of the timeline. One data dict (:func:`timeline_data`, the public JSON contract of
``timeline.schema.json``) feeds every format: JSON, CSV, ACLED's CSV, GeoJSON, PLOVER records and Markdown
here, HTML in :mod:`chronicle.web`."""

from chronicle.report.timeline import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    SCHEMA_VERSION,
    render_acled,
    render_csv,
    render_geojson,
    render_json,
    render_markdown,
    render_plover,
    timeline_data,
)

__all__ = [
    "ACLED_COLUMNS", "CSV_COLUMNS", "SCHEMA_VERSION", "render_acled", "render_csv", "render_geojson", "render_json",
    "render_markdown", "render_plover", "timeline_data",
]
