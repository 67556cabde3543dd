"""A cited source's archived copy: the capture's facts and main text, its WARC file, and the
captured page itself, served inert.

The captured page is someone else's HTML: it is served with a CSP `sandbox` (no
allow-scripts, no allow-same-origin: no script runs, and the document gets an opaque origin,
so it can neither read the desk's cookies nor call its API) and `default-src 'none'` (nothing
is loaded from anywhere: a reader opening it tells the original site nothing). Only the body is
served, never the captured response's headers (no Set-Cookie of the original site).
"""

from __future__ import annotations

import io

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from warcio.archiveiterator import ArchiveIterator

from annotations.core.diff import DiffPiece, texts_diff
from annotations.models import Source, SourceCapture, SourceHealth
from annotations.permissions import Permission
from annotations.presenters.evidence import capture_failure_shown
from annotations.selectors.evidence import healths_of, source_capture_of, sources_visible_to
from annotations.services.evidence import evidence_storage, text_stored
from annotations.views.decorators import permission_required

REPLAY_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
MAX_TEXT_SHOWN = 200_000
# Longer texts are not diffed on the page (the diff has its own time limit too).
MAX_DIFFED = 100_000


def _source_and_capture(request: HttpRequest, pk: int) -> tuple[Source, SourceCapture | None]:
    source = get_object_or_404(sources_visible_to(request.user), pk=pk)
    return source, source_capture_of(source)


def _captured(capture: SourceCapture | None) -> SourceCapture:
    if capture is None or capture.status != SourceCapture.Status.CAPTURED:
        raise Http404("This source has no archived copy yet.")
    return capture


@permission_required(Permission.Evidence.READ, hide=True)
def source_archive(request: HttpRequest, pk: int) -> HttpResponse:
    source, capture = _source_and_capture(request, pk)
    text = ""
    if capture is not None and capture.text_name:
        with evidence_storage().open(capture.text_name, "rb") as stored:
            text = stored.read(MAX_TEXT_SHOWN * 4).decode("utf-8", errors="replace")
    health = healths_of([source.url]).get(source.url)
    return render(
        request,
        "annotations/source_archive.html",
        {
            "source": source,
            "capture": capture,
            "failure_reason": capture_failure_shown(capture) if capture else "",
            "health": health,
            "changes": _changes(text, health),
            "text": text[:MAX_TEXT_SHOWN],
            "text_cut": len(text) > MAX_TEXT_SHOWN,
            "replayable": capture is not None and capture.content_type != "application/pdf",
        },
    )


def _changes(captured: str, health: SourceHealth | None) -> list[DiffPiece] | None:
    """What changed from the captured main text to the text the last check found, word by
    word; None unless the last check found it changed (and both texts are short enough)."""
    if not captured or health is None or health.state != SourceHealth.State.CHANGED:
        return None
    if not health.text_name or len(captured) > MAX_DIFFED:
        return None
    now = text_stored(health.text_name)
    return texts_diff(captured, now).pieces if len(now) <= MAX_DIFFED else None


@permission_required(Permission.Evidence.READ, hide=True)
def source_archive_warc(request: HttpRequest, pk: int) -> FileResponse:
    source, capture = _source_and_capture(request, pk)
    captured = _captured(capture)
    return FileResponse(
        evidence_storage().open(captured.warc_name, "rb"),
        as_attachment=True,
        filename=f"source-{source.pk}-{captured.sha256[:12]}.warc.gz",
        content_type="application/warc",
    )


def _captured_response(capture: SourceCapture) -> tuple[bytes, str]:
    """The body and the Content-Type of the capture's response record."""
    with evidence_storage().open(capture.warc_name, "rb") as stored:
        for record in ArchiveIterator(io.BytesIO(stored.read())):
            if record.rec_type == "response":
                content_type = record.http_headers.get_header("Content-Type") or ""
                return record.content_stream().read(), content_type
    raise Http404("The archived copy is damaged.")


@permission_required(Permission.Evidence.READ, hide=True)
def source_archive_page(request: HttpRequest, pk: int) -> HttpResponse:
    _, capture = _source_and_capture(request, pk)
    captured = _captured(capture)
    body, content_type = _captured_response(captured)
    if captured.content_type == "application/pdf":
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="archived-copy.pdf"'
    else:
        # The declared type of the capture (text/html, text/plain...), with its charset.
        response = HttpResponse(body, content_type=content_type or captured.content_type)
    response["Content-Security-Policy"] = REPLAY_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
