"""The fast lane's write: confirm the verdict every reviewer agreed on for many units at once,
and publish it if asked (docs/review-queue.md).

Each unit is still checked against the version the editor saw, as `unit_decide` checks one: the
check is one conditional UPDATE for all of them (`... FROM (VALUES (id, seen), ...) WHERE
version = seen RETURNING id`), so of two editors confirming the same unit, the second waits for
the first and then finds the version moved on. A unit that fails is reported with why, one by
one; the rest go through. The number of queries does not depend on the number of units.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import DateTimeField, F, Min, Model, QuerySet, Value
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from annotations.core.fast_lane import (
    FAST_CONFIRM_MAX,
    FastConfirmItem,
    FastConfirmReport,
    FastConfirmResult,
    Outcome,
)
from annotations.errors import DomainError
from annotations.models import ClaimUnit, Source, Verdict, WebhookSubscription
from annotations.permissions import Permission, permitted, require
from annotations.selectors.fast_lane import (
    fast_lane_rules,
    units_ready_checked,
    with_agreed_verdict,
)
from annotations.services.agreement import articles_agreement_mark_changed
from annotations.services.webhooks import webhook_event_record


def _items_validate(items: Sequence[FastConfirmItem]) -> None:
    if not items:
        raise DomainError(
            gettext("Choose at least one claim to confirm."), code="no_units", field="items"
        )
    if len(items) > FAST_CONFIRM_MAX:
        raise DomainError(
            ngettext(
                "Confirm at most %(limit)s claim at once.",
                "Confirm at most %(limit)s claims at once.",
                FAST_CONFIRM_MAX,
            )
            % {"limit": number_format(FAST_CONFIRM_MAX, force_grouping=True)},
            code="too_many_units",
            field="items",
        )
    if len({item.unit_id for item in items}) != len(items):
        raise DomainError(
            gettext("A claim was sent twice; send each once."),
            code="duplicate_units",
            field="items",
        )


def _units_advance(seen: dict[int, int], *, status: str) -> set[int]:
    """Move each unit of `seen` (id -> version seen) to its next version and `status`, if its
    version is still the one seen and its status allows deciding; the ids that moved."""
    if not seen:
        return set()
    table = ClaimUnit._meta.db_table
    allowed = list(ClaimUnit.OPEN_STATUSES)  # where units_ready finds them
    rows = ", ".join(["(CAST(%s AS BIGINT), CAST(%s AS BIGINT))"] * len(seen))
    statuses = ", ".join(["%s"] * len(allowed))
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table}" SET "version" = "version" + 1, "status" = %s, "modified" = %s '  # noqa: S608 (no user input)
            f"FROM (VALUES {rows}) AS seen "
            f'WHERE "{table}"."id" = seen.column1 AND "{table}"."version" = seen.column2 '
            f'AND "{table}"."status" IN ({statuses}) RETURNING "{table}"."id"',
            [status, timezone.now(), *(v for pair in seen.items() for v in pair), *allowed],
        )
        return {row[0] for row in cursor.fetchall()}


@contextmanager
def _search_index_deferred(verdict_ids: list[int]) -> Iterator[None]:
    """On PostgreSQL, hold back the search index's row triggers on verdicts and their sources
    (migration 0021) inside the block, then re-index the verdicts in `verdict_ids` (filled in
    the block) in one statement: a thousand verdicts cost one re-index, not two thousand.
    Elsewhere (SQLite's index) the triggers run as usual. Must run inside a transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('annotations.search_deferred', 'on', true)")
        yield
        cursor.execute("SELECT set_config('annotations.search_deferred', 'off', true)")
        if verdict_ids:
            cursor.execute("SELECT annotations_search_verdict_refresh(%s::bigint[])", [verdict_ids])


def units_fast_confirm(
    *, editor: User, items: Sequence[FastConfirmItem], publish: bool
) -> FastConfirmReport:
    """Decide each ready unit of `items` with the verdict its reviewers agreed on (and publish
    it if `publish`), each only if it is unchanged since the editor saw it.

    The verdict is the one the unit's page would pre-fill: the agreed label, the passage as the
    claim reviewed, the quoted speaker as claimant, and the reviewers' sources (one per URL).
    A unit is confirmed, stale, no longer ready, not found (not on the desk, or not one the
    editor may adjudicate), or, when publishing, checked before (linked "same" to a claim the
    desk has published a fact check of: nothing is written for it); the report lists each in
    the order sent. At most FAST_CONFIRM_MAX.
    """
    require(editor, Permission.Unit.CONFIRM_READY)
    if publish:
        require(editor, Permission.Verdict.PUBLISH)
    _items_validate(items)
    seen = {item.unit_id: item.seen_version for item in items}
    status = ClaimUnit.Status.PUBLISHED if publish else ClaimUnit.Status.DECIDED
    with transaction.atomic():
        rules = fast_lane_rules()
        units = permitted(editor, Permission.Unit.ADJUDICATE, ClaimUnit.objects.filter(pk__in=seen))
        versions = dict(units.values_list("pk", "version"))
        found = units_ready_checked(rules, units)
        ready = {pk: article_id for pk, (article_id, _) in found.items()}
        # Publishing a claim the desk has published a fact check of already would put a second
        # one beside it, worded as the raw passage and without its claimant: the editor decides.
        checked_before = {pk for pk, (_, checked) in found.items() if checked} if publish else set()
        candidates = {
            pk: version
            for pk, version in seen.items()
            if versions.get(pk) == version and pk in ready and pk not in checked_before
        }
        advanced = _units_advance(candidates, status=status)
        indexed: list[int] = []
        with _search_index_deferred(indexed):
            verdicts = _verdicts_create(editor, advanced, publish=publish)
            indexed.extend(verdicts.values())
        if advanced:
            _history_copy(ClaimUnit, "id", advanced, editor=editor, change="~")
            _history_copy(Verdict, "unit_id", advanced, editor=editor, change="+")
            _history_sources_copy(set(verdicts.values()))
            articles_agreement_mark_changed(article_ids={ready[pk] for pk in advanced})
            if publish:
                webhook_event_record(
                    event_type=WebhookSubscription.Event.VERDICT_PUBLISHED,
                    verdict_ids=sorted(verdicts.values()),
                )

    def outcome(item: FastConfirmItem) -> FastConfirmResult:
        pk = item.unit_id
        if pk in advanced:
            return FastConfirmResult(pk, Outcome.CONFIRMED, verdicts[pk])
        if pk not in versions:
            return FastConfirmResult(pk, Outcome.NOT_FOUND)
        if pk in checked_before and versions[pk] == item.seen_version:
            return FastConfirmResult(pk, Outcome.CHECKED_BEFORE)
        if versions[pk] != item.seen_version or pk in candidates:
            # Changed before we looked, or between our look and our update.
            return FastConfirmResult(pk, Outcome.STALE)
        return FastConfirmResult(pk, Outcome.NOT_READY)

    return FastConfirmReport(published=publish, results=[outcome(item) for item in items])


def _insert_select(model: type[Model], queryset: QuerySet[Any], columns: dict[str, str]) -> None:
    """INSERT INTO `model` (the fields of `columns`) the rows `queryset` selects (the
    annotations `columns` names, in that order, each name once): rows made by the database,
    in one statement whatever their number (bulk_create splits at SQLite's variable limit)."""
    sql, params = queryset.values(*columns.values()).query.sql_with_params()
    concrete = {f.name: f.column for f in model._meta.concrete_fields}
    fields = ", ".join(f'"{concrete[name]}"' for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{model._meta.db_table}" ({fields}) {sql}', params)


def _verdicts_create(editor: User, unit_ids: set[int], *, publish: bool) -> dict[int, int]:
    """Each unit's agreed verdict, citing its reviewers' sources (the first of each URL):
    unit id -> verdict id."""
    if not unit_ids:
        return {}
    now = Value(timezone.now(), output_field=DateTimeField())
    published = now if publish else Value(None, output_field=DateTimeField())
    units = with_agreed_verdict(ClaimUnit.objects.filter(pk__in=unit_ids).order_by()).annotate(
        v_explanation=Value(""),
        v_withdrawal_note=Value(""),
        v_editor=Value(editor.pk),
        v_decided=now,
        v_updated=now,
        v_is_published=Value(publish),
        v_first_published=published,
        v_published=published,
        # No explanation to read a language from: the verdict is in its article's language,
        # as services.adjudication decides for a short explanation.
        v_language=F("article__language"),
    )
    _insert_select(
        Verdict,
        units,
        {
            "unit": "pk",
            "label": "agreed_label_id",
            "claim_reviewed": "agreed_claim",
            "explanation": "v_explanation",
            "withdrawal_note": "v_withdrawal_note",
            "claimant": "agreed_claimant",
            "decided_by": "v_editor",
            "decided_at": "v_decided",
            "is_published": "v_is_published",
            "first_published_at": "v_first_published",
            "published_at": "v_published",
            "updated_at": "v_updated",
            "language": "v_language",
        },
    )
    by_unit = dict(Verdict.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "pk"))
    cited = (
        Source.objects.filter(annotation__unit_id__in=unit_ids)
        .order_by()
        .values("annotation__unit__verdict", "url")
        .annotate(first=Min("pk"))
    )
    _insert_select(
        Verdict.sources.through,
        cited,
        {"verdict": "annotation__unit__verdict", "source": "first"},
    )
    return by_unit


HISTORY_OWN_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}


def _history_copy(
    model: type[ClaimUnit] | type[Verdict],
    column: str,
    ids: set[int],
    *,
    editor: User,
    change: str,
) -> None:
    """The history rows django-simple-history would write for each row of `model` whose
    `column` is in `ids`, as it stands now (`change`: "+" created, "~" changed), attributed to
    the editor: one INSERT ... SELECT, where the history manager would build every row in
    Python first."""
    history = model.history.model
    columns = [
        f.column for f in history._meta.concrete_fields if f.attname not in HISTORY_OWN_FIELDS
    ]
    quoted = ", ".join(f'"{name}"' for name in columns)
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{history._meta.db_table}" ({quoted}, "history_date", '  # noqa: S608 (no user input)
            '"history_change_reason", "history_type", "history_user_id") '
            f"SELECT {quoted}, %s, '', %s, %s FROM \"{model._meta.db_table}\" "
            f'WHERE "{column}" IN ({placeholders})',
            [timezone.now(), change, editor.pk, *ids],
        )


def _history_sources_copy(verdict_ids: set[int]) -> None:
    """The cited sources of each new verdict's history row, as the history's m2m tracking
    would write them (HistoricalVerdict_sources), in one INSERT ... SELECT. The history row is
    found per source through the index on the verdict's id (the row just written is its
    latest): as a join, PostgreSQL plans it on the statistics of tables that were empty."""
    sources = apps.get_model("annotations", "HistoricalVerdict_sources")._meta.db_table
    history = Verdict.history.model._meta.db_table
    through = Verdict.sources.through._meta.db_table
    placeholders = ", ".join(["%s"] * len(verdict_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{sources}" ("id", "history_id", "source_id", "verdict_id") '  # noqa: S608 (no user input)
            f'SELECT vs."id", (SELECT h."history_id" FROM "{history}" h '
            'WHERE h."id" = vs."verdict_id" ORDER BY h."history_id" DESC LIMIT 1), '
            f'vs."source_id", vs."verdict_id" FROM "{through}" vs '
            f'WHERE vs."verdict_id" IN ({placeholders})',
            list(verdict_ids),
        )
