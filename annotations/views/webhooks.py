"""Webhook pages for editors: their webhooks and a form to register one, and each webhook's page
with its delivery log, a test event, disable and enable, a new secret and deletion.

The secret is shown once, on the page the POST that made it (registration, rotation) redirects
to: a reload of that page must not register the webhook again (walk 19, finding 14). The secret
itself is never stored in the session or a message: it is derived from the webhook's salt
(services.webhooks.webhook_secret), so the session keeps only which webhook to show it for and
a digest of the salt it was made with, taken out by the first GET of that webhook's page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from annotations.forms import WebhookForm
from annotations.models import WebhookSubscription
from annotations.permissions import Permission
from annotations.presenters.webhooks import disabled_reason_shown
from annotations.request_user import request_user
from annotations.selectors.webhooks import webhook_deliveries, webhook_of, webhooks_of
from annotations.services import webhooks
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown


def _list(request: HttpRequest, form: WebhookForm, status: int = 200) -> HttpResponse:
    context = {"webhooks": list(webhooks_of(request.user)), "form": form}
    return render(request, "annotations/webhooks/list.html", context, status=status)


_SECRET_ONCE = "webhook_secret_once"  # noqa: S105 (a session key, not a secret)


def _salt_digest(subscription: WebhookSubscription) -> str:
    return hashlib.sha256(subscription.secret_salt.encode()).hexdigest()


def _secret_shown_once(request: HttpRequest, subscription: WebhookSubscription) -> HttpResponse:
    """Redirect to the webhook's page, which shows its secret on the next GET only."""
    request.session[_SECRET_ONCE] = {
        "webhook": subscription.pk,
        "salt_digest": _salt_digest(subscription),
    }
    return redirect("webhook-detail", pk=subscription.pk)


def _secret_to_show(request: HttpRequest, subscription: WebhookSubscription) -> str:
    """The secret, if it was just made and not shown yet (and not rotated since), else ""."""
    once = request.session.get(_SECRET_ONCE)
    if not isinstance(once, dict) or once.get("webhook") != subscription.pk:
        return ""
    del request.session[_SECRET_ONCE]
    if once.get("salt_digest") != _salt_digest(subscription):
        return ""
    return webhooks.webhook_secret(subscription.secret_salt)


def _detail(request: HttpRequest, subscription: WebhookSubscription) -> HttpResponse:
    secret = _secret_to_show(request, subscription)
    context = {
        "webhook": subscription,
        "deliveries": webhook_deliveries(subscription),
        "secret": secret,
        "event_names": dict(WebhookSubscription.Event.choices),
        "disabled_reason": disabled_reason_shown(subscription.disabled_reason),
    }
    response = render(request, "annotations/webhooks/detail.html", context)
    if secret:
        # Not kept by the browser's or a proxy's cache once shown.
        add_never_cache_headers(response)
    return response


def _owned(request: HttpRequest, pk: int) -> WebhookSubscription:
    subscription = webhook_of(request.user, pk)
    if subscription is None:
        raise Http404("No such webhook.")
    return subscription


@permission_required(Permission.Webhook.MANAGE)
def webhook_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _list(request, WebhookForm(initial={"events": WebhookSubscription.Event.values}))
    form = WebhookForm(request.POST)
    if form.is_valid():
        with domain_errors_shown(request, form) as refusal:
            issued = webhooks.webhook_subscription_create(
                editor=request_user(request),
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        if not refusal:
            return _secret_shown_once(request, issued.subscription)
    return _list(request, form, status=400)


@permission_required(Permission.Webhook.MANAGE)
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _owned(request, pk))


@permission_required(Permission.Webhook.MANAGE)
@require_POST
def webhook_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _owned(request, pk)
    with domain_errors_shown(request) as refusal:
        issued = webhooks.webhook_secret_rotate(
            editor=request_user(request), subscription_id=subscription.pk
        )
    if refusal:
        return redirect("webhook-detail", pk=pk)
    return _secret_shown_once(request, issued.subscription)


def _acted(request: HttpRequest, pk: int, action: Callable[..., object], done: str) -> HttpResponse:
    """One of the detail page's buttons: the service's refusal shown, or `done`, on the page."""
    with domain_errors_shown(request) as refusal:
        action(editor=request_user(request), subscription_id=pk)
    if not refusal:
        messages.success(request, done)
    return redirect("webhook-detail", pk=pk)


@permission_required(Permission.Webhook.MANAGE)
@require_POST
def webhook_test(request: HttpRequest, pk: int) -> HttpResponse:
    return _acted(
        request,
        pk,
        webhooks.webhook_test_send,
        gettext("Test event sent: its outcome shows in the log below."),
    )


@permission_required(Permission.Webhook.MANAGE)
@require_POST
def webhook_disable(request: HttpRequest, pk: int) -> HttpResponse:
    return _acted(
        request,
        pk,
        webhooks.webhook_subscription_disable,
        gettext("Webhook disabled: no events are sent to it."),
    )


@permission_required(Permission.Webhook.MANAGE)
@require_POST
def webhook_enable(request: HttpRequest, pk: int) -> HttpResponse:
    return _acted(
        request,
        pk,
        webhooks.webhook_subscription_enable,
        gettext("Webhook enabled: events that waited are being sent."),
    )


@permission_required(Permission.Webhook.MANAGE)
@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    with domain_errors_shown(request) as refusal:
        webhooks.webhook_subscription_delete(editor=request_user(request), subscription_id=pk)
    if refusal:
        return redirect("webhook-detail", pk=pk)
    messages.success(request, gettext("Webhook deleted."))
    return redirect("webhook-list")
