"""Renderers of the timeline. One data dict (:func:`timeline_data`, the public JSON contract of
``timeline.schema.json``) feeds every format: JSON, CSV and Markdown here, HTML in
:mod:`chronicle.web`."""

from chronicle.report.timeline import (
    CSV_COLUMNS,
    SCHEMA_VERSION,
    render_csv,
    render_json,
    render_markdown,
    timeline_data,
)

__all__ = ["CSV_COLUMNS", "SCHEMA_VERSION", "render_csv", "render_json", "render_markdown", "timeline_data"]
