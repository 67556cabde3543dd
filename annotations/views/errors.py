"""One place where a service's `DomainError` becomes what a page shows, as `api/errors.py` is
for the API. By the error's status:

- 403 and 404: `DomainErrorMiddleware` hands them to Django's own handlers, which answer with
  the desk's `templates/403.html` and `404.html`, whichever page the error came from (and it
  gives a page's bare 405, a GET where only POST is taken, the desk's `405.html`).
- 409, a conflict with the object's state: the page comes back with a banner
  (`templates/annotations/_conflict_banner.html`) above the form as the user filled it in.
- anything else: onto the form field the error names, or onto the form as a whole.

A request too large to read (Django's DATA_UPLOAD_MAX_MEMORY_SIZE, e.g. a document of several
megabytes pasted into a form) is refused before any view runs; `RequestTooLargeMiddleware`
reads the form first and shows, instead of a bare 400 or a traceback, the page's own form with
the reason on its paste box (a view that declares `@too_large_shown(page)`), else the desk's
`400.html`.

Views call a service inside `domain_errors_shown(request, form)` and never catch `DomainError`
themselves (a test scans them). A page that redirects after its POST (a button, no form to show
again) passes no form: the 409 or 400 becomes a flash message on the page it redirects to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from annotations.errors import DomainError
from annotations.permissions import can


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


# Statuses whose page is Django's: the user may not do this, or may not see the object.
_HANDLED_BY_DJANGO: dict[int, type[Exception]] = {403: PermissionDenied, 404: Http404}


class DomainErrorMiddleware:
    """A DomainError of status 403 or 404 that leaves a view becomes PermissionDenied or Http404,
    answered by the handlers every other 403 and 404 goes through (the API never gets here: DRF
    answers its own errors in `api/errors.py`). Any other status left uncaught is a view's bug
    and stays a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A page's require_POST answers a GET with an empty 405: give it the desk's page, and
        # keep the Allow header. The API answers its own 405s in JSON.
        if response.status_code == 405 and not response.content and not _is_api(request):
            page = render(request, "405.html", status=405)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        django_error = _HANDLED_BY_DJANGO.get(exception.status)
        if django_error is None:
            return None
        return response_for_exception(request, django_error(exception.message))


TooLargePage = Callable[..., HttpResponse]


def too_large_shown(page: TooLargePage) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the page a form view shows when its POST was refused as too large:
    `page(request, **view_kwargs)` renders the view's template with `form.too_large()`. Put it
    under `@permission_required`: `functools.wraps` carries it to the outer view, where the
    middleware finds it with the page's permission."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        view.too_large_page = page  # type: ignore[attr-defined]
        return view

    return decorator


class RequestTooLargeMiddleware:
    """A page's POST that Django refuses to read (too large, too many fields or files): the
    view's own form with the reason (`too_large_shown`, 413), else the desk's 400 page, never a
    bare 400 or a traceback. Listed before CsrfViewMiddleware, the first to read the form.
    The API answers its own (api/errors.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method != "POST" or _is_api(request):
            return None
        try:
            request.POST  # noqa: B018  (reading it is the check)
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as error:
            page: TooLargePage | None = getattr(view, "too_large_page", None)
            permission = getattr(view, "permission", None)
            # The form page only to those the page lets in; it reads nothing of the request.
            too_large = isinstance(error, RequestDataTooBig)
            if too_large and page is not None and permission and can(request.user, permission):
                return page(request, *args, **kwargs)
            return render(request, "400.html", {"too_large": True}, status=400)
        return None


@dataclass
class Refusal:
    """What `domain_errors_shown` caught: nothing (falsy) when the service went through."""

    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is not None

    @property
    def conflict(self) -> DomainError | None:
        """The error the conflict banner shows: a 409, else None."""
        if self.error is not None and self.error.status == 409:
            return self.error
        return None

    @property
    def status(self) -> int:
        """The status the page comes back with, for pages that answer with the error's own."""
        return self.error.status if self.error is not None else 200


def form_error_field(form: forms.Form, name: str | None) -> str | None:
    """The form field a service's error names, or None (the form as a whole) when the form has
    no such field. A form whose fields are named differently from the service's arguments maps
    them in a `service_fields` attribute (e.g. the revise form's "url" is its "refetch")."""
    aliases: dict[str, str] = getattr(form, "service_fields", {})
    field = aliases.get(name or "", name)
    return field if field in form.fields else None


@contextmanager
def domain_errors_shown(request: HttpRequest, form: forms.Form | None = None) -> Iterator[Refusal]:
    """Run a service call; a DomainError it raises is shown on the page (see the module's
    docstring) and recorded in the yielded `Refusal`, so the view knows to render rather than
    redirect. 403 and 404 pass on to the middleware."""
    refusal = Refusal()
    try:
        yield refusal
    except DomainError as error:
        if error.status in _HANDLED_BY_DJANGO:
            raise
        refusal.error = error
        if form is None:
            messages.error(request, error.message)
        elif error.status != 409:
            form.add_error(form_error_field(form, error.field), error.message)
