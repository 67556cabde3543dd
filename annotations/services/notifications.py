"""Writes for notifications: the events that make them, in-app and by e-mail, read marks and
each person's e-mail preferences.

An event is (kind, object id, occurrence): a service names it inside its transaction with
`notification_event_send`, and the notifications are made by a Celery task after the commit
(`notifications_for_event`), from what the database says then. The task may run twice (late
acknowledgement, a resend): each notification's `dedupe_key` is unique per recipient (a
database constraint), so the second run adds nothing, and an e-mail goes out only for the
notification whose `emailed_at` this run set (a conditional update), so none goes out twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from annotations.desk_url import email_origin
from annotations.errors import DomainError
from annotations.models import Notification, NotificationPreference
from annotations.permissions import Permission, own_notifications, require
from annotations.selectors.languages import languages_chosen
from annotations.selectors.notification_wording import SummaryWording
from annotations.services.notification_events import PLANNERS, Planned
from annotations.services.queueing import task_send_after_commit
from annotations.text_lists import text_list

logger = logging.getLogger(__name__)

Kind = Notification.Kind
Delivery = NotificationPreference.Delivery
ALL_KINDS: tuple[str, ...] = tuple(Kind.values)
# Notification.summary's length: the desk-language sentence kept for the back office.
SUMMARY_LENGTH = 300


def notification_event_send(*, kind: str, object_id: int, occurrence: str = "") -> None:
    """Have the event's notifications made once the current transaction commits (a failed
    send is logged: the event's in-app notifications are then lost, the write is not)."""
    from annotations.tasks import notification_event_task  # the task imports services

    task_send_after_commit(
        partial(notification_event_task.delay, kind, object_id, occurrence),
        what=f"the {kind} notifications of {object_id}",
    )


def notifications_for_event(*, kind: str, object_id: int, occurrence: str = "") -> int:
    """Make the notifications of one event (see the module's docstring) and send the e-mails
    of those whose recipients want them at once; how many notifications the event has.

    Each stores its kind and parameters, worded in the reader's language whenever it is shown
    (selectors.notification_wording), and its summary in the desk's language for the back
    office (never the language of the request that may run this in-process)."""
    planner = PLANNERS.get(kind)
    if planner is None:
        raise ValueError(f"No such notification kind: {kind}")
    planned = planner(object_id, occurrence)
    if not planned:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        wording = SummaryWording()
        summaries = [wording.worded(kind, p.parameters) or "" for p in planned]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=p.recipient_id,
                kind=kind,
                target_type=p.target_type,
                target_id=p.target_id,
                actor_id=p.actor_id,
                parameters=p.parameters,
                summary=Truncator(summary).chars(SUMMARY_LENGTH),
                dedupe_key=p.dedupe_key,
            )
            for p, summary in zip(planned, summaries, strict=True)
        ],
        ignore_conflicts=True,
    )
    _emails_send_immediate(planned)
    return len(planned)


def _language_of(user_id: int, chosen: dict[int, str]) -> str:
    return chosen.get(user_id, settings.LANGUAGE_CODE)


def _preferences(user_ids: Iterable[int]) -> dict[int, NotificationPreference]:
    return {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user_id__in=set(user_ids))
    }


def _wants(preference: NotificationPreference | None, kind: str, delivery: str) -> bool:
    if preference is None:
        return delivery == Delivery.IMMEDIATE
    return preference.delivery == delivery and kind in preference.email_kinds


def _claimed(notification_ids: Sequence[int]) -> list[Notification]:
    """Mark the notifications e-mailed, those no one else marked first; those this call
    marked. The stamp tells them apart from a concurrent run's."""
    stamp = timezone.now()
    Notification.objects.filter(pk__in=notification_ids, emailed_at=None).update(emailed_at=stamp)
    return list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at=stamp).order_by("created")
    )


def _link(notification: Notification) -> str:
    # No request here: DESK_URL's origin (required with SMTP, see settings), in development the
    # address `make run` serves on, else the bare path (desk_url.email_origin).
    return email_origin() + reverse("notification-open", args=[notification.pk])


def _send(recipient: User, subject: str, lines: list[str], claimed: list[Notification]) -> bool:
    try:
        send_mail(
            f"[{settings.DESK_NAME}] {subject}",
            "\n".join(lines) + "\n",
            settings.DEFAULT_FROM_EMAIL,
            [recipient.email],
        )
    except OSError:
        # SMTP refused or unreachable: the notifications stay to be e-mailed (the digest
        # takes them up for daily readers; in-app they are there already).
        logger.warning("Could not e-mail %s", recipient.pk, exc_info=True)
        Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed_at=None)
        return False
    return True


def _emails_send_immediate(planned: Sequence[Planned]) -> int:
    recipients = {p.recipient_id for p in planned}
    preferences = _preferences(recipients)
    unsent = (
        Notification.objects.filter(
            recipient_id__in=recipients,
            dedupe_key__in={p.dedupe_key for p in planned},
            emailed_at=None,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
    )
    wanted = [n.pk for n in unsent if _wants(preferences.get(n.recipient_id), n.kind, "immediate")]
    chosen = languages_chosen(recipients)
    sent = 0
    for notification in _claimed(wanted):
        with translation.override(_language_of(notification.recipient_id, chosen)):
            summary = SummaryWording()(notification)
            opening = gettext("Open it: %(url)s") % {"url": _link(notification)}
        lines = [summary, "", opening]
        sent += _send(notification.recipient, summary, lines, [notification])
    return sent


def notifications_digest_send() -> int:
    """The daily digest: one e-mail to each person who takes one, listing the notifications
    of the kinds they chose that no e-mail has carried yet; how many e-mails were sent."""
    sent = 0
    daily = list(
        NotificationPreference.objects.filter(delivery=Delivery.DAILY).select_related("user")
    )
    chosen = languages_chosen(p.user_id for p in daily)
    for preference in daily:
        user = preference.user
        if not user.email or not user.is_active:
            continue
        ids = list(
            Notification.objects.filter(
                recipient=user, emailed_at=None, kind__in=preference.email_kinds
            ).values_list("pk", flat=True)
        )
        claimed = _claimed(ids)
        if not claimed:
            continue
        with translation.override(_language_of(user.pk, chosen)):
            wording = SummaryWording()
            lines = [
                gettext("What happened on %(desk)s since the last digest:")
                % {"desk": settings.DESK_NAME},
                "",
            ]
            lines += [f"- {wording(n)}\n  {_link(n)}" for n in claimed]
            subject = ngettext(
                "%(count)s notification", "%(count)s notifications", len(claimed)
            ) % {"count": len(claimed)}
        sent += _send(user, subject, lines, claimed)
    return sent


def assignments_due_tomorrow_notify() -> int:
    """Notify each reviewer whose assignment is due tomorrow and not yet submitted (the daily
    beat task); how many notifications exist for those assignments. Safe to run twice a day:
    the event is (assignment, due date)."""
    from annotations.services.notification_events import assignments_due_tomorrow

    return sum(
        notifications_for_event(kind=Kind.DUE_TOMORROW, object_id=assignment_id)
        for assignment_id in assignments_due_tomorrow()
    )


# --- The recipient's own actions -------------------------------------------------------------


def notification_mark_read(*, user: User, notification_id: int) -> None:
    """Mark one of one's notifications read (again: no change)."""
    require(user, Permission.Notification.READ)
    mine = own_notifications(user, Notification.objects.filter(pk=notification_id))
    if not mine.exists():
        raise DomainError("No such notification.", code="notification_gone", status=404)
    mine.filter(read_at=None).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: User) -> int:
    """Mark all of one's unread notifications read; how many there were."""
    require(user, Permission.Notification.READ)
    unread = own_notifications(user, Notification.objects.filter(read_at=None))
    return unread.update(read_at=timezone.now())


def notification_preferences_set(
    *, user: User, email_kinds: Sequence[str], delivery: str
) -> NotificationPreference:
    """Which kinds of notification reach `user` by e-mail, and when."""
    require(user, Permission.Notification.READ)
    unknown = sorted(set(email_kinds) - set(ALL_KINDS))
    if unknown:
        raise DomainError(
            gettext("Unknown kinds of notification: %(kinds)s.") % {"kinds": text_list(unknown)},
            code="notification_kind_unknown",
            field="email_kinds",
        )
    if delivery not in Delivery.values:
        raise DomainError(
            gettext("Choose when e-mails are sent."), code="delivery_unknown", field="delivery"
        )
    with transaction.atomic():
        preference, _ = NotificationPreference.objects.update_or_create(
            user=user,
            defaults={
                "email_kinds": [kind for kind in ALL_KINDS if kind in set(email_kinds)],
                "delivery": delivery,
            },
        )
    return preference
