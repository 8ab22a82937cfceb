"""Agreements: provision taxonomy (PA-X style) and each provision's status over time."""

from chronicle.agree.history import document_statuses, provision_history, split_sentences
from chronicle.agree.names import country_name
from chronicle.agree.render import agreement_json, agreement_markdown, latest_by_agreement, status_phrase
from chronicle.agree.status import STATUS_ORDER
from chronicle.agree.taxonomy import BY_KEY, TAXONOMY, ProvisionType

__all__ = [
    "BY_KEY",
    "STATUS_ORDER",
    "TAXONOMY",
    "ProvisionType",
    "agreement_json",
    "agreement_markdown",
    "country_name",
    "document_statuses",
    "latest_by_agreement",
    "provision_history",
    "split_sentences",
    "status_phrase",
]
