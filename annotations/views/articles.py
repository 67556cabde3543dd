"""The article pages: the list, one article for annotating (any of its revisions), and the
import form."""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from annotations import selectors
from annotations.converters import IdConverter
from annotations.core.text import looks_like_headline, split_paragraphs
from annotations.forms import ArticleImportForm, ArticleListForm
from annotations.models import AnnotationAnchor, Article
from annotations.permissions import Permission, can
from annotations.presenters.agreement import article_agreement_context
from annotations.presenters.articles import article_page_data
from annotations.presenters.assignments import article_assignment_context
from annotations.presenters.revisions import RevisionChoice, revision_choose
from annotations.request_user import request_user
from annotations.selectors.appearances import appearances_pending
from annotations.selectors.article_list import article_list_page
from annotations.selectors.claim_changes import article_claim_changes
from annotations.selectors.revisions import orphans_visible_to
from annotations.services.articles import (
    ArticleDraft,
    ArticleDuplicate,
    ArticleSource,
    article_draft,
    article_import,
)
from annotations.views.decorators import permission_required
from annotations.views.errors import Refusal, domain_errors_shown, too_large_shown

_ANCHOR_ID = re.compile(IdConverter.regex)


@permission_required(Permission.Article.LIST)
def article_list(request: HttpRequest) -> HttpResponse:
    """The desk's articles, newest first, a page at a time (`?after=` / `?before=`), searched
    and filtered from the query string; a filter it cannot read is a 400 with the form's
    errors."""
    form = ArticleListForm(request.GET)
    # Desk membership is holding a role (reviewer, editor, admin): who may read articles. Anyone
    # else signed in sees an empty list, which must not read as "nothing imported yet".
    is_desk_member = can(request.user, Permission.Article.READ)
    context: dict[str, object] = {"form": form, "is_desk_member": is_desk_member}
    if not form.is_valid():
        return render(request, "annotations/article_list.html", context, status=400)
    filters = form.filters()
    page = article_list_page(
        request.user,
        filters,
        after=form.cleaned_data["after"],
        before=form.cleaned_data["before"],
    )
    context |= {
        "articles": page.articles,
        "page": page,
        "filtered": filters.narrows(),
        "paged": form.cleaned_data["after"] or form.cleaned_data["before"],
        # Where "search the desk" leads: the same words, inside the articles' texts.
        "text_search_url": reverse("search")
        + "?"
        + urlencode({"kind": "article"} | ({"q": q} if (q := form.cleaned_data["q"]) else {})),
    }
    return render(request, "annotations/article_list.html", context)


def _orphan_to_reattach(
    request: HttpRequest, article: Article, choice: RevisionChoice
) -> AnnotationAnchor | None:
    """The orphan `?reattach=<anchor id>` asks to re-attach, or None without the parameter.

    A 404 unless it is an orphan of this article's latest revision that the user may resolve
    (their own; anyone's for editors): the same rule as the re-attach list.
    """
    requested = request.GET.get("reattach")
    if requested is None:
        return None
    if not _ANCHOR_ID.fullmatch(requested):
        raise Http404("No such highlight to re-attach.")
    if not choice.is_latest:
        # The orphan's offsets would refer to a text the page does not show.
        raise Http404("Highlights are re-attached on the latest revision only.")
    anchor = orphans_visible_to(request.user, article=article.pk).filter(pk=int(requested)).first()
    if anchor is None:
        raise Http404("No such highlight to re-attach.")
    return anchor


@permission_required(Permission.Article.READ, hide=True)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article for annotating; `?revision=N` shows an earlier revision, read-only;
    `?reattach=<anchor id>` asks for the new passage of a highlight a revision lost."""
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    choice = revision_choose(article, request.GET.get("revision"))
    orphan = _orphan_to_reattach(request, article, choice)
    # With their names in the other languages: the page names them in the reader's.
    labels = selectors.verdict_labels_translated()
    may = {
        permission: can(request.user, permission)
        for permission in (
            Permission.Annotation.CREATE,
            Permission.Article.REVISE,
            Permission.Unit.ADJUDICATE,
            Permission.Agreement.READ,
            Permission.Article.ASSIGN,
            Permission.Appearance.REVIEW,
        )
    }
    # Editors only, like the queue: the verdicts whose claim changed under them.
    claim_changes = article_claim_changes(article.pk) if may[Permission.Unit.ADJUDICATE] else []
    page_data = article_page_data(
        request,
        article=article,
        choice=choice,
        labels=labels,
        can_annotate=may[Permission.Annotation.CREATE],
        is_editor=may[Permission.Article.REVISE],
        orphan=orphan,
        claim_changes=claim_changes,
    )
    return render(
        request,
        "annotations/article_detail.html",
        {
            "article": article,
            "revision": choice,
            "paragraphs": split_paragraphs(choice.shown.text),
            "labels": labels,
            "page_data": page_data,
            # Editors only: reviewers never see how their verdicts compare.
            "agreement": (
                article_agreement_context(article, labels)
                if may[Permission.Agreement.READ]
                else None
            ),
            "assignments": (
                article_assignment_context(article) if may[Permission.Article.ASSIGN] else None
            ),
            "claim_changes": claim_changes,
            "can_set_language": can(request.user, Permission.Article.SET_LANGUAGE, article),
            # The panel warns above this length (a drag that overshot the passage).
            "highlight_warn_characters": settings.HIGHLIGHT_WARN_CHARACTERS,
            # Editors only: sentences restating a checked claim, to confirm or dismiss.
            "appearances": (
                appearances_pending(article_id=article.pk, user=request.user)
                if may[Permission.Appearance.REVIEW] and choice.is_latest
                else None
            ),
        },
    )


def _import_too_large(request: HttpRequest) -> HttpResponse:
    form = ArticleImportForm.too_large()
    return render(request, "annotations/article_import.html", {"form": form}, status=413)


# The session key holding the import page's last upload, so that the page coming back (an
# error, a preview, a duplicate's warning) does not ask for the file again.
_KEPT_UPLOAD = "article_import_upload"


@dataclass(frozen=True)
class _Upload:
    name: str
    content: bytes


def _upload_kept(request: HttpRequest) -> _Upload | None:
    """The upload kept from this user's previous try, if the form sent back its token."""
    kept = request.session.get(_KEPT_UPLOAD)
    token = request.POST.get("kept_file", "")
    if not kept or not token or not secrets.compare_digest(kept["token"], token):
        return None
    return _Upload(name=kept["name"], content=base64.b64decode(kept["content"]))


def _upload_keep(request: HttpRequest, upload: _Upload) -> str:
    """Keep the upload for the page's next try; the token the form sends back to claim it."""
    token = secrets.token_urlsafe(16)
    request.session[_KEPT_UPLOAD] = {
        "token": token,
        "name": upload.name,
        "content": base64.b64encode(upload.content).decode("ascii"),
    }
    return token


@permission_required(Permission.Article.IMPORT)
@require_http_methods(["GET", "POST"])
@too_large_shown(_import_too_large)
def article_import_view(request: HttpRequest) -> HttpResponse:
    """The import form. "Preview" shows what would be saved; an article the desk already has
    is not imported twice unless the user says so (`import_anyway`)."""
    kept = _upload_kept(request)
    form = ArticleImportForm(
        request.POST or None, request.FILES or None, kept_upload=kept.name if kept else ""
    )
    refusal = Refusal()
    draft: ArticleDraft | None = None
    upload: _Upload | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("file"):
            upload = _Upload(name=data["file"].name, content=data["file"].read())
        else:
            upload = kept
        source = ArticleSource(
            text=data["text"],
            upload_name=upload.name if upload else "",
            upload_content=upload.content if upload else None,
            url=data["url"],
            title=data["title"],
            byline=data["byline"],
            publisher=data["publisher"],
            source_url=data["source_url"],
            published_on=data["published_on"],
            language=data["language"],
            first_line_title=data["first_line_title"],
        )
        user = request_user(request)
        with domain_errors_shown(request, form) as refusal:
            if "preview" in request.POST:
                draft = article_draft(imported_by=user, **source)
            else:
                article = article_import(
                    imported_by=user, duplicate_refused=not data["import_anyway"], **source
                )
        if not refusal and draft is None:
            request.session.pop(_KEPT_UPLOAD, None)
            messages.success(request, _("Imported “%(title)s”.") % {"title": article.title})
            return redirect("article-detail", pk=article.pk)
    elif form.is_bound:
        # The form failed elsewhere: the file it was sent with (or kept from before) is kept.
        sent = request.FILES.get("file")
        if isinstance(sent, UploadedFile) and "file" not in form.errors:
            upload = _Upload(name=sent.name or "", content=sent.read())
        elif sent is None:
            upload = kept
    kept_token = ""
    if upload is not None:
        kept_token = _upload_keep(request, upload)
        form.kept_upload = upload.name
    # A refused form comes back with a 200, like one that failed its own validation.
    return render(
        request,
        "annotations/article_import.html",
        {
            "form": form,
            "conflict": refusal.conflict,
            "duplicate": refusal.error if isinstance(refusal.error, ArticleDuplicate) else None,
            "draft": draft,
            "draft_paragraphs": split_paragraphs(draft.text) if draft else [],
            "headline_offered": bool(
                draft and not form.cleaned_data.get("title") and looks_like_headline(draft.text)
            ),
            "kept_token": kept_token,
        },
    )
