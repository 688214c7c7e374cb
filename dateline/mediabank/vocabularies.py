"""Names for the codes IPTC and PLUS give photo rights and provenance (the values are URIs;
readers and editors are shown words)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# PLUS's Model and Property Release Status, Data Mining; IPTC's Digital Source Type.
LABELS = {
    "MR-NON": _("none"),
    "MR-NAP": _("not applicable"),
    "MR-UMR": _("unlimited model releases"),
    "MR-LMR": _("limited or incomplete model releases"),
    "PR-NON": _("none"),
    "PR-NAP": _("not applicable"),
    "PR-UPR": _("unlimited property releases"),
    "PR-LPR": _("limited or incomplete property releases"),
    "DMI-UNSPECIFIED": _("unspecified"),
    "DMI-ALLOWED": _("allowed"),
    "DMI-PROHIBITED-AIMLTRAINING": _("prohibited for AI/ML training"),
    "DMI-PROHIBITED-GENAIMLTRAINING": _("prohibited for generative AI/ML training"),
    "DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING": _("prohibited except for search engine indexing"),
    "DMI-PROHIBITED": _("prohibited"),
    "DMI-PROHIBITED-SEECONSTRAINT": _("prohibited, see other constraints"),
    "DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR": _("prohibited, see the embedded rights expression"),
    "DMI-PROHIBITED-SEELINKEDRIGHTSEXPR": _("prohibited, see the linked rights expression"),
    "digitalCapture": _("original digital capture"),
    "negativeFilm": _("digitised from a negative"),
    "positiveFilm": _("digitised from a positive"),
    "print": _("digitised from a print"),
    "minorHumanEdits": _("human edits"),
    "compositeCapture": _("composite of captures"),
    "algorithmicallyEnhanced": _("algorithmically enhanced"),
    "dataDrivenMedia": _("data-driven media"),
    "digitalArt": _("digital art"),
    "virtualRecording": _("virtual recording"),
    "screenCapture": _("screen capture"),
    "softwareImage": _("created by software"),
    "compositeSynthetic": _("composite including synthetic elements"),
    "trainedAlgorithmicMedia": _("created by generative AI"),
    "compositeWithTrainedAlgorithmicMedia": _("composite with generative AI elements"),
    "algorithmicMedia": _("created by an algorithm"),
}


def code_label(uri: str) -> str:
    """The words for a PLUS or IPTC code given as its URI; an unknown code as it came."""
    code = uri.rstrip("/").rsplit("/", 1)[-1]
    return str(LABELS.get(code, uri))
