"""Time expressions: tagging and normalisation (TIMEX3), publication-date inference, and the
"temporal" pipeline stage, registered when this package is imported."""

from chronicle.temporal.published import dateline_end, find_dateline, infer_publication_date
from chronicle.temporal.stage import annotate, temporal
from chronicle.temporal.tagger import tag, timexes_to_json
from chronicle.temporal.values import is_timex3_value

__all__ = [
    "annotate",
    "dateline_end",
    "find_dateline",
    "infer_publication_date",
    "is_timex3_value",
    "tag",
    "temporal",
    "timexes_to_json",
]
