"""Notification pages: one's notifications (newest first, paginated), opening one (marked read,
then its thread or page), marking one or all read, and one's e-mail preferences."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from annotations.forms import NotificationPreferencesForm
from annotations.permissions import Permission, notification_kinds_receivable
from annotations.presenters.notifications import notification_target_url, notifications_shown
from annotations.request_user import request_user
from annotations.selectors.notifications import (
    notification_of,
    notification_preferences_of,
    notifications_of,
)
from annotations.services import notifications
from annotations.views.decorators import permission_required
from annotations.views.errors import domain_errors_shown

NOTIFICATIONS_PAGE_SIZE = 25


@permission_required(Permission.Notification.READ)
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_of(request.user), NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "notifications": notifications_shown(list(page.object_list)),
        "any_unread": any(n.read_at is None for n in page.object_list),
    }
    return render(request, "annotations/notifications/list.html", context)


@permission_required(Permission.Notification.READ)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification (from the list or an e-mail): it is read from now on."""
    notification = notification_of(request.user, pk)
    if notification is None:
        raise Http404("No such notification.")
    with domain_errors_shown(request):
        notifications.notification_mark_read(user=request_user(request), notification_id=pk)
    return redirect(notification_target_url(notification))


@permission_required(Permission.Notification.READ)
@require_POST
def notification_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    with domain_errors_shown(request):
        notifications.notification_mark_read(user=request_user(request), notification_id=pk)
    return redirect("notification-list")


@permission_required(Permission.Notification.READ)
@require_POST
def notifications_mark_all_read(request: HttpRequest) -> HttpResponse:
    with domain_errors_shown(request):
        count = notifications.notifications_mark_all_read(user=request_user(request))
        messages.success(
            request,
            ngettext(
                "%(count)s notification marked read.", "%(count)s notifications marked read.", count
            )
            % {"count": count},
        )
    return redirect("notification-list")


@permission_required(Permission.Notification.READ)
def notification_preferences(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    kinds = notification_kinds_receivable(user)
    if request.method != "POST":
        current = notification_preferences_of(user)
        form = NotificationPreferencesForm(
            initial={"email_kinds": current.email_kinds, "delivery": current.delivery},
            kinds=kinds,
        )
        return render(request, "annotations/notifications/preferences.html", {"form": form})
    form = NotificationPreferencesForm(request.POST, kinds=kinds)
    if form.is_valid():
        with domain_errors_shown(request, form) as refusal:
            notifications.notification_preferences_set(
                user=user,
                email_kinds=form.cleaned_data["email_kinds"],
                delivery=form.cleaned_data["delivery"],
            )
        if not refusal:
            messages.success(request, gettext("Your notification preferences are saved."))
            return redirect("notification-preferences")
    return render(request, "annotations/notifications/preferences.html", {"form": form}, status=400)
