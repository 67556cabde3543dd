"""The desk's data: articles, the rating scale, reviews, annotations (highlights) and sources.

Models hold data and constraints only; writes go through annotations.services, reads through
annotations.selectors.

People leave newsrooms; their work stays. Every link from work to the person who did it
(highlights, reviews, assignments, verdicts, corrections, revisions, imports, re-attachments) is
PROTECT: deleting such a user raises ProtectedError, and the database's foreign keys refuse a
delete that bypasses the ORM. Users are deactivated instead (annotations.services.users). A
verdict PROTECTs its claim unit, so an article with a verdict cannot be deleted either.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from annotations.core.languages import language_direction
from annotations.validators import validate_publication_date, validate_visible_name


class VerdictLabel(models.Model):
    """One label of the desk's rating scale.

    Ordinal labels (True ... False) form the ordered scale used by the ordinal agreement
    statistics; a label such as Unverifiable stands outside the order (`is_ordinal=False`).
    """

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=80, unique=True, validators=[validate_visible_name])
    description = models.TextField(blank=True)
    # Display order, most accurate first.
    position = models.PositiveSmallIntegerField(default=0)
    is_ordinal = models.BooleanField(
        default=True, help_text="Part of the ordered scale (Unverifiable is not)."
    )
    rating_value = models.SmallIntegerField(
        null=True,
        blank=True,
        help_text="Numeric rating for exports (ClaimReview ratingValue); higher is more accurate. "
        "Required for labels on the ordered scale.",
    )
    colour = models.CharField(
        max_length=7, default="#888888", help_text="Highlight colour, as #rrggbb."
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_ordinal=False) | Q(rating_value__isnull=False),
                name="verdictlabel_ordinal_has_rating_value",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="verdictlabel_colour_is_hex",
            ),
        ]

    def __str__(self) -> str:
        return self.name


def label_languages() -> list[tuple[str, str]]:
    """The languages a label may be translated into: the interface's (settings.LANGUAGES)
    but the desk's own (settings.LANGUAGE_CODE), which the label's own name is in. Read when
    asked, so that adding a language to the settings needs no migration."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class VerdictLabelTranslation(models.Model):
    """A label's name and description in another language of the interface, which the public
    site shows readers of that language and ClaimReview gives as the rating's `alternateName`
    for a verdict in it (annotations.core.label_wording: the label's own where there is none).
    Names are unique per language, as the labels' own are: a reader could not tell two apart.
    """

    label = models.ForeignKey(VerdictLabel, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=16, choices=label_languages)
    name = models.CharField(max_length=80, validators=[validate_visible_name])
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["label", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["label", "language"],
                name="verdictlabeltranslation_one_per_language",
                violation_error_message="This label already has a name in this language.",
            ),
            models.UniqueConstraint(
                fields=["language", "name"],
                name="verdictlabeltranslation_name_unique_per_language",
                violation_error_message="Another label has this name in this language.",
            ),
            # The label's own name is in the desk's language; no translation can be in none.
            models.CheckConstraint(
                condition=~Q(language=""), name="verdictlabeltranslation_has_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class Article(models.Model):
    """A news article as the desk reviews it.

    `text` is the canonical plain text: Unicode NFC, "\\n" line ends, paragraphs separated by
    one blank line. Every offset in the system counts Unicode code points of this text.
    """

    title = models.CharField(max_length=500, validators=[validate_visible_name])
    byline = models.CharField(max_length=300, blank=True, validators=[validate_visible_name])
    publisher = models.CharField(max_length=200, blank=True, validators=[validate_visible_name])
    source_url = models.URLField(max_length=2000, blank=True)
    published_on = models.DateField(null=True, blank=True, validators=[validate_publication_date])
    language = models.CharField(max_length=16, blank=True, default="en")
    # The look-up key of source_url (core.uri.uri_key: the SHA-256 of its normalised form, ""
    # without one), written with it by the services: partners' `?uri=` matches on this index.
    url_key = models.CharField(
        max_length=64, blank=True, default="", db_default="", db_index=True, editable=False
    )
    text = models.TextField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imported_articles",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
        ]
        indexes = [
            # The public index's publisher filter (any case): also gives the planner the
            # statistics to walk verdicts newest first rather than sort every match.
            models.Index(Upper("publisher"), name="article_publisher_upper"),
            # The desk's article list: newest first by keyset on (created, id), one page's
            # rows walked from the cursor (selectors/article_list.py), in either direction.
            models.Index(fields=["created", "id"], name="article_created_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def direction(self) -> str:
        """Which way its text runs, for HTML's `dir`: from the language ("rtl" for Arabic),
        "auto" when the language is not known."""
        return language_direction(self.language)


class ArticleRevision(models.Model):
    """One version of an article's text. The article's `text` is always its latest revision's.

    Revisions are kept for good: annotations and claim units point at the revision their
    offsets refer to, and AnnotationAnchor holds where each highlight lies in later ones.
    """

    class Origin(models.TextChoices):
        IMPORT = "import", _("First import")
        PASTE = "paste", _("Pasted text")
        UPLOAD = "upload", _("Uploaded file")
        URL = "url", _("Fetched from its URL")
        API = "api", _("Sent through the API")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500, validators=[validate_visible_name])
    text = models.TextField()
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.IMPORT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    # Set when every highlight of earlier revisions has been placed on this one (or orphaned).
    reanchored_at = models.DateTimeField(null=True, blank=True)
    # Set when the recurrence task has matched this revision's sentences against the claims the
    # desk and other fact-checkers have checked (SuggestedAppearance); the sweep finds the rest.
    claims_scanned_at = models.DateTimeField(null=True, blank=True)
    # Set when the suggestions task has stored this revision's suggested claims and quotes
    # (Suggestion); the sweep finds the rest.
    suggested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
            models.CheckConstraint(condition=~Q(text=""), name="revision_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"revision {self.number} of article {self.article_id}"


class Review(models.Model):
    """One reviewer's work on one article: in progress until the reviewer submits it.

    Only submitted reviews feed the agreement statistics, and until a reviewer submits,
    they see no one else's annotations on the article (blind review).
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=Q(status="in_progress", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="review_submitted_has_timestamp",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.article}"


class Annotation(models.Model):
    """One reviewer's highlight on an article, with its verdict.

    The target is stored as the two W3C Web Annotation selectors: TextQuoteSelector
    (exact, prefix, suffix) and TextPositionSelector (start, end: code points, end exclusive).
    """

    class Kind(models.TextChoices):
        CLAIM = "claim", _("Claim")
        QUOTE = "quote", _("Quote")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="annotations")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="annotations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CLAIM)
    speaker = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_visible_name],
        help_text="Who is quoted (quotes).",
    )
    revision = models.ForeignKey(
        ArticleRevision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annotations",
        help_text="The revision the selectors below refer to: the one it was made on.",
    )
    exact = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    verdict = models.ForeignKey(VerdictLabel, on_delete=models.PROTECT, related_name="annotations")
    rationale = models.TextField(blank=True)
    unit = models.ForeignKey(
        "ClaimUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annotations",
        help_text="The claim unit this highlight belongs to, once its review is submitted.",
    )
    suggestion = models.ForeignKey(
        "Suggestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annotations",
        help_text="The suggestion this highlight started as, when the reviewer accepted one.",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["unit"])

    class Meta:
        ordering = ["article", "start", "end", "id"]
        indexes = [models.Index(fields=["article", "reviewer"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="annotation_end_after_start"
            ),
            models.CheckConstraint(condition=~Q(exact=""), name="annotation_exact_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=["claim", "quote"]), name="annotation_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="claim") | ~Q(speaker=""), name="annotation_quote_has_speaker"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end} on article {self.article_id}"


class Source(models.Model):
    """A source a reviewer relied on for an annotation's verdict."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports the claim")
        REFUTES = "refutes", _("Refutes the claim")
        CONTEXT = "context", _("Gives context")

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True, validators=[validate_visible_name])
    publisher = models.CharField(max_length=200, blank=True, validators=[validate_visible_name])
    passage = models.TextField(blank=True, help_text="The passage relied on.")
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.CONTEXT)
    accessed_on = models.DateField(default=timezone.localdate)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["annotation", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="source_url_is_http",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=["supports", "refutes", "context"]),
                name="source_stance_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class SourceCapture(models.Model):
    """A cited URL as the desk fetched it when it was cited: the request and the response kept
    as a WARC record, the main text extracted, and SHA-256 fingerprints of both.

    Keyed by URL rather than by Source row (a highlight's sources are written again on every
    edit): a source's capture is the latest one of its URL. Written by the capture task once,
    pending -> captured or failed, and never changed after. The files live in the "evidence"
    storage under their fingerprint, so the same bytes are stored once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be captured")
        CAPTURED = "captured", _("Captured")
        FAILED = "failed", _("Could not be captured")

    class PublicArchive(models.TextChoices):
        PENDING = "pending", _("Waiting for the public archive")
        ARCHIVED = "archived", _("Archived publicly")
        FAILED = "failed", _("The public archive refused it")

    url = models.URLField(max_length=2000, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    captured_at = models.DateTimeField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    text_sha256 = models.CharField(max_length=64, blank=True)
    warc_name = models.CharField(max_length=200, blank=True)
    text_name = models.CharField(max_length=200, blank=True)
    failure_code = models.CharField(max_length=40, blank=True)
    failure_reason = models.CharField(max_length=500, blank=True)
    # The optional public memento (the Wayback Machine's Save Page Now, services/
    # public_archive.py): asked for once the desk's own capture succeeded, where enabled.
    public_archive_status = models.CharField(
        max_length=10, choices=PublicArchive.choices, blank=True
    )
    public_archive_url = models.URLField(max_length=2000, blank=True)
    public_archive_detail = models.CharField(max_length=500, blank=True)
    public_archive_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["url", "-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "requested_at"], name="capture_status_requested")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "captured", "failed"]),
                name="capture_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="captured") | ~Q(sha256=""), name="capture_captured_has_hash"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} capture of {self.url}"


class SourceHealth(models.Model):
    """How a cited URL is now, against its capture: checked by the evidence sweep.

    One row per URL, written again on each check. `live`: it answers and its main text is the
    captured one (or the server says not modified); `changed`: it answers with other main text
    (`detail` says what differs, the new text is kept under `text_name`); `gone`: a 4xx or 5xx
    answer, a failed DNS lookup, a refused connection or a timeout (`detail` says which);
    `unchecked`: robots.txt asks the desk not to fetch it.
    """

    class State(models.TextChoices):
        LIVE = "live", _("Live")
        CHANGED = "changed", _("Changed since captured")
        GONE = "gone", _("Gone")
        UNCHECKED = "unchecked", _("Not checked (robots.txt)")

    url = models.URLField(max_length=2000, unique=True)
    state = models.CharField(max_length=10, choices=State.choices)
    checked_at = models.DateTimeField(db_index=True)
    # When the state last changed, e.g. since when a source is gone.
    state_since = models.DateTimeField()
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    # For the next conditional request.
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    text_sha256 = models.CharField(max_length=64, blank=True)
    text_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["live", "changed", "gone", "unchecked"]),
                name="source_health_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.url}: {self.state}"


class AnnotationAnchor(models.Model):
    """Where an annotation lies in a later revision of its article, or that it is lost there.

    Written by the re-anchoring task (anchored or orphaned, with the method and confidence),
    then possibly by a person: an orphan re-attached to a passage they chose, or confirmed gone.
    """

    class Status(models.TextChoices):
        ANCHORED = "anchored", _("Placed automatically")
        ORPHANED = "orphaned", _("Could not be placed")
        REATTACHED = "reattached", _("Re-attached by hand")
        GONE = "gone", _("Confirmed gone")

    # What people decided is never overwritten by a later run of the task.
    RESOLVED_STATUSES = (Status.REATTACHED, Status.GONE)

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="anchors")
    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="anchors")
    status = models.CharField(max_length=12, choices=Status.choices)
    method = models.CharField(max_length=12, blank=True)
    confidence = models.FloatField(default=0.0)
    exact = models.TextField(blank=True)
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["revision", "start", "id"]
        indexes = [models.Index(fields=["revision", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["annotation", "revision"], name="anchor_one_per_revision"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        status__in=["anchored", "reattached"],
                        start__isnull=False,
                        end__gt=F("start"),
                    )
                    | Q(status__in=["orphaned", "gone"], start__isnull=True, end__isnull=True)
                ),
                name="anchor_span_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} anchor of annotation {self.annotation_id} on {self.revision}"


class ClaimUnit(models.Model):
    """Highlights of the same claim by different reviewers, grouped (see annotations.core.units).

    Units are recomputed as reviews come in; a unit an editor merged or split is `is_manual`
    and keeps its members, and so does a unit an editor has started to work on. Each member
    annotation points here through Annotation.unit.

    `version` grows with every editorial change: a change sent with an older version is
    refused (two editors deciding at once). `ratings`, `ordinal_spread` and
    `nominal_disagreement` are written by the agreement recomputation and rank the queue.
    """

    class Status(models.TextChoices):
        NEEDS_REVIEW = "needs_review", _("Needs review")
        IN_ADJUDICATION = "in_adjudication", _("In adjudication")
        MORE_REVIEWS = "more_reviews", _("Sent back for more reviews")
        DECIDED = "decided", _("Decided")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        REJECTED = "rejected", _("Not a checkable claim")

    # Awaiting an editor's decision: what the review queue lists.
    OPEN_STATUSES = (Status.NEEDS_REVIEW, Status.IN_ADJUDICATION, Status.MORE_REVIEWS)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="units")
    revision = models.ForeignKey(
        ArticleRevision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        help_text="The revision start and end refer to.",
    )
    kind = models.CharField(max_length=10, choices=Annotation.Kind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    is_manual = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEEDS_REVIEW)
    version = models.PositiveIntegerField(default=1)
    ratings = models.PositiveSmallIntegerField(default=0)
    ordinal_spread = models.SmallIntegerField(null=True, blank=True)
    nominal_disagreement = models.FloatField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["ratings", "ordinal_spread", "nominal_disagreement"]
    )

    class Meta:
        ordering = ["article", "start", "end", "id"]
        indexes = [models.Index(fields=["status", "article"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="claimunit_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"unit {self.start}-{self.end} on article {self.article_id}"


class ClaimChange(models.Model):
    """A decided or published unit whose passage changed in fact when it moved to a new
    revision: the verdict was given on `old_passage`, the article now says `new_passage`.

    Open (resolved_at empty) until an editor confirms the verdict still holds, corrects it or
    unpublishes it; or until a later revision brings the facts back ("superseded"). A unit
    has at most one open change; re-anchoring the same revision again finds the one it made.
    """

    class Resolution(models.TextChoices):
        CONFIRMED = "confirmed", _("Verdict confirmed")
        CORRECTED = "corrected", _("Verdict corrected")
        UNPUBLISHED = "unpublished", _("Verdict unpublished")
        SUPERSEDED = "superseded", _("Superseded by a later revision")

    unit = models.ForeignKey(ClaimUnit, on_delete=models.CASCADE, related_name="claim_changes")
    revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.CASCADE,
        related_name="claim_changes",
        help_text="The revision whose passage differs.",
    )
    old_passage = models.TextField(help_text="The passage the verdict was given on.")
    new_passage = models.TextField()
    # [annotations.core.facts.Difference.as_dict(), ...]
    differences = models.JSONField(default=list)
    created = models.DateTimeField(default=timezone.now, editable=False)
    resolution = models.CharField(max_length=12, choices=Resolution.choices, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # PROTECT, like every link from work to the person who did it: people are deactivated.
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "revision"], name="claimchange_one_per_revision"
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(resolved_at__isnull=True),
                name="claimchange_one_open_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolution="")
                | (Q(resolved_at__isnull=False) & ~Q(resolution="")),
                name="claimchange_resolved_has_resolution",
            ),
        ]

    def __str__(self) -> str:
        return f"claim change of unit {self.unit_id} in {self.revision}"


class ArticleAgreement(models.Model):
    """The agreement statistics of one article, and the bookkeeping that keeps them fresh.

    `changes` counts the changes that can move the figures (submissions, editorial changes to
    units, re-anchoring on a new revision; not draft highlights); `computed_changes` is the
    count the stored statistics reflect, so the statistics are stale exactly when
    changes > computed_changes. `queued` coalesces recomputation requests: only the write that
    flips it from False to True enqueues a task (see services.agreement).
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="agreement")
    statistics = models.JSONField(default=dict, blank=True)
    unit_spreads = models.JSONField(default=list, blank=True)
    pairwise = models.JSONField(default=list, blank=True)
    # The reliability data behind the statistics, kept for the desk-wide computation:
    # {"reviewers": [ids], "units": [ids], "ratings": [[slug or null per unit] per reviewer]}.
    matrix = models.JSONField(default=dict, blank=True)
    changes = models.PositiveBigIntegerField(default=1)
    computed_changes = models.PositiveBigIntegerField(default=0)
    queued = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    computations = models.PositiveIntegerField(
        default=0, help_text="How many times the statistics were computed (for monitoring)."
    )

    class Meta:
        indexes = [models.Index(fields=["queued", "requested_at"])]

    def __str__(self) -> str:
        return f"agreement on article {self.article_id}"

    @property
    def stale(self) -> bool:
        return self.changes > self.computed_changes


class DeskAgreement(models.Model):
    """Desk-wide agreement: one row (pk=1), recomputed periodically and on an editor's request."""

    statistics = models.JSONField(default=dict, blank=True)
    per_label = models.JSONField(default=list, blank=True)
    pairwise = models.JSONField(default=list, blank=True)
    # Each reviewer against the adjudicated verdicts (see agreement.report.agreement_with_final).
    reviewer_vs_final = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    articles = models.PositiveIntegerField(default=0)
    stale_articles = models.PositiveIntegerField(default=0)
    queued = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "desk agreement"


class DeskSettings(models.Model):
    """The desk's editorial settings: one row (pk=1), edited in the admin."""

    # 1 for a desk of one reviewer an article; 50 as the fast lane's reviewer count allows, so
    # that a desk asking for that many agreeing reviewers can seat them.
    reviewers_per_article = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many reviewers an article takes: reviewers picking up articles "
        "themselves stop at this many (1 to 50). An odd number avoids tied verdicts.",
    )
    allow_self_assignment = models.BooleanField(
        default=False, help_text="Reviewers may pick up unassigned articles themselves."
    )
    hide_reviewer_names = models.BooleanField(
        default=False, help_text="Adjudication shows 'Reviewer 1, 2, ...' instead of names."
    )
    # Claim matching (core/claims/matching.py): the shipped values were tuned on the project's
    # evaluation set by `bench_claims --tune`; a desk may move them.
    match_same_threshold = models.FloatField(
        default=0.75,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="A match scoring at least this, with no differing fact, is 'same claim' "
        "(offered for a one-click link).",
    )
    match_related_threshold = models.FloatField(
        default=0.60,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Matches scoring at least this (and below the 'same claim' threshold) are "
        "shown as 'possibly related'; lower ones are not shown.",
    )
    # The fast lane (docs/review-queue.md): units every reviewer agreed on, confirmed in bulk.
    fast_lane_min_reviewers = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text="A unit goes to the Ready lane only with at least this many reviewers, "
        "all giving the same verdict (2 to 50).",
    )
    fast_lane_min_overlap = models.FloatField(
        default=0.8,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="How much the reviewers' highlights must overlap: the passage all of them "
        "highlighted over the passage any of them did (0 to 1).",
    )
    fast_lane_excluded_labels = models.ManyToManyField(
        VerdictLabel,
        blank=True,
        related_name="+",
        help_text="Verdicts never fast-tracked (e.g. False): an editor decides them one by one.",
    )

    class Meta:
        verbose_name_plural = "desk settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(match_related_threshold__gte=0)
                & Q(match_same_threshold__lte=1)
                & Q(match_related_threshold__lte=F("match_same_threshold")),
                name="desksettings_match_thresholds_ordered",
            ),
            models.CheckConstraint(
                condition=Q(reviewers_per_article__gte=1) & Q(reviewers_per_article__lte=50),
                name="desksettings_reviewers_per_article_range",
            ),
            models.CheckConstraint(
                condition=Q(fast_lane_min_reviewers__gte=2) & Q(fast_lane_min_reviewers__lte=50),
                name="desksettings_fast_lane_reviewers_range",
            ),
            models.CheckConstraint(
                condition=Q(fast_lane_min_overlap__gte=0) & Q(fast_lane_min_overlap__lte=1),
                name="desksettings_fast_lane_overlap_range",
            ),
        ]

    def __str__(self) -> str:
        return "desk settings"

    @classmethod
    def load(cls) -> DeskSettings:
        settings_row, _ = cls.objects.get_or_create(pk=1)
        return settings_row


class Assignment(models.Model):
    """An editor asks a reviewer to review an article, by a due date."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments_made",
    )
    due_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_on", "created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reviewer"], name="assignment_one_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.article}"


class ClaimantType(models.TextChoices):
    """A claimant as schema.org types one: someone, or a body (a ministry, a party, a firm)."""

    PERSON = "Person", _("Person")
    ORGANIZATION = "Organization", _("Organization")


class KnownClaimant(models.Model):
    """A claimant the desk has typed once, edited in the admin: verdicts naming them (in any
    case) take their type unless the editor chose one on the verdict."""

    name = models.CharField(max_length=200, validators=[validate_visible_name])
    kind = models.CharField(max_length=12, choices=ClaimantType.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Upper("name"),
                name="knownclaimant_name_unique_any_case",
                violation_error_message="This claimant is already listed (in any case).",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["Person", "Organization"]), name="knownclaimant_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"


class Verdict(models.Model):
    """An editor's final verdict on a claim unit: what the desk publishes.

    Published verdicts are what the export API serves. A correction keeps the earlier
    version (Correction.previous) and a note readers can see.
    """

    unit = models.OneToOneField(ClaimUnit, on_delete=models.PROTECT, related_name="verdict")
    label = models.ForeignKey(VerdictLabel, on_delete=models.PROTECT, related_name="verdicts")
    claim_reviewed = models.CharField(
        max_length=500, help_text="The claim as checked; 75 characters or fewer recommended."
    )
    explanation = models.TextField(blank=True)
    # The language the verdict is written in (its claim as reviewed and explanation), a BCP 47
    # tag: the editor's choice, else detected from its text, else its article's
    # (core.languages.verdict_language); empty when none of them is known. ClaimReview's
    # inLanguage and its rating's alternateName follow it.
    language = models.CharField(max_length=16, blank=True, default="")
    claimant = models.CharField(max_length=200, blank=True, validators=[validate_visible_name])
    # What the claimant is, as ClaimReview types them (itemReviewed.author); blank: as the
    # desk's list of known claimants says (KnownClaimant), else a Person.
    claimant_type = models.CharField(
        max_length=12, blank=True, default="", db_default="", choices=ClaimantType.choices
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="cited_by")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="verdicts"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    is_published = models.BooleanField(default=False)
    first_published_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # Set when an editor unpublishes it (cleared when it is published again): readers of its
    # page then get a 410 with the date and the editor's note.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_note = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # The public index pages published verdicts newest first, by keyset (selectors.public).
            models.Index(
                fields=["published_at", "id"],
                condition=Q(is_published=True),
                name="verdict_published_order",
            ),
            # Its claimant filter (any case), newest first.
            models.Index(
                Upper("claimant"),
                F("published_at").desc(),
                condition=Q(is_published=True),
                name="verdict_claimant_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(claim_reviewed=""), name="verdict_claim_reviewed_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="verdict_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.claim_reviewed}"


class Correction(models.Model):
    """A correction to a published verdict: the note readers see and the version it replaced."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField()
    previous = models.JSONField(help_text="The verdict as it stood before the correction.")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_empty"),
        ]

    def __str__(self) -> str:
        return f"correction of verdict {self.verdict_id} on {self.created:%Y-%m-%d}"


class PersonalToken(models.Model):
    """An API token. Only a digest is stored: the token itself is shown once, at creation
    (see annotations.services.tokens). A personal token is made by hand on the account page or
    at /api/v1/tokens/; a login token is what `POST /api/v1/auth/token/` hands out."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal token")
        LOGIN = "login", _("Login token (API)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_tokens"
    )
    name = models.CharField(max_length=100, validators=[validate_visible_name])
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSONAL)
    prefix = models.CharField(max_length=12, unique=True, help_text="Shown to tell tokens apart.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the whole token.")
    created = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Claim(models.Model):
    """A claim as the desk knows it across articles: the identity that groups claim units.

    Units link to it through ClaimLink ("same claim" or "related, different facts"); the units
    linked "same" are its appearances. Its desk verdict is not stored here: it is the published
    verdict of a unit linked "same" (see selectors.claim_verdict), so it can never disagree
    with what the desk published. External fact-checks of it point here.
    """

    text = models.TextField(help_text="The claim's canonical wording.")
    # Its article's (or review's) language, unless its own words say another with confidence
    # (core.languages.claim_language); empty when nothing said.
    language = models.CharField(max_length=16, blank=True, default="")
    created = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_created",
    )
    # What the matcher needs, stored so no process recomputes it (core/claims/matching.py,
    # `matching_fields`), written by the services with `text`. `normalised` is what the
    # database's lexical index searches (a GIN full-text index on PostgreSQL, an FTS5 table kept
    # by triggers on SQLite: migration 0016); `facts` may be null (an import leaves them to be
    # extracted when first needed); `embedding` is 256 float32s.
    normalised = models.TextField(blank=True, default="", editable=False)
    facts = models.JSONField(null=True, blank=True, editable=False)
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["normalised", "facts", "embedding"])

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ClaimLink(models.Model):
    """An editor's decision that a unit states a known claim ("same": it is one of the claim's
    appearances and shares its verdict) or a related one with different facts.

    At most one per unit; relinking changes the row, unlinking deletes it. The history keeps
    every state, so each link and unlink can be undone (services.claims.claim_link_restore).
    """

    class Relation(models.TextChoices):
        SAME = "same", _("Same claim")
        RELATED = "related", _("Related, different facts")

    unit = models.OneToOneField(ClaimUnit, on_delete=models.CASCADE, related_name="claim_link")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="links")
    relation = models.CharField(max_length=10, choices=Relation.choices)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "linked_at", "id"]
        indexes = [models.Index(fields=["claim", "relation"], name="claimlink_claim_relation")]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation__in=["same", "related"]), name="claimlink_relation_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"unit {self.unit_id} {self.relation} as claim {self.claim_id}"


class ExternalFactCheck(models.Model):
    """Another fact-checker's published review of a claim, imported from schema.org ClaimReview.

    Deduplicated by its URL. The rating is kept as published: its text (alternateName) and,
    when the publisher gave one, its value on the publisher's own scale (best and worst).
    """

    publisher_name = models.CharField(max_length=200, validators=[validate_visible_name])
    publisher_url = models.URLField(max_length=2000, blank=True)
    url = models.URLField(max_length=2000, unique=True)
    claim_text = models.TextField()
    claimant = models.CharField(max_length=300, blank=True)
    rating_text = models.CharField(max_length=300, blank=True)
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    date_published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    # ["https://...", ...]: where the claim was seen (itemReviewed.appearance).
    appearances = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fact_checks_imported",
    )
    claim = models.ForeignKey(
        Claim,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="external_fact_checks",
    )

    class Meta:
        ordering = ["-date_published", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(claim_text=""), name="factcheck_claim_not_empty"),
            models.CheckConstraint(
                condition=Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="factcheck_url_is_http",
            ),
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | Q(best_rating__isnull=True)
                | Q(worst_rating__isnull=True)
                | (
                    Q(worst_rating__lt=F("best_rating"))
                    & Q(rating_value__gte=F("worst_rating"))
                    & Q(rating_value__lte=F("best_rating"))
                ),
                name="factcheck_rating_on_its_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher_name}: {self.claim_text[:60]}"


class SuggestedAppearance(models.Model):
    """A sentence of an article that states a claim already checked (by the desk or another
    fact-checker), found by the recurrence task: an "appearance to review".

    An editor confirms it (a unit for the sentence is linked "same" to the claim: the article
    becomes one of the claim's appearances) or dismisses it. Offsets are code points of the
    revision's text. Found again on a rescan, it is not duplicated (one per revision, claim
    and span), and a dismissed one stays dismissed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="suggested_appearances"
    )
    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.CASCADE, related_name="suggested_appearances"
    )
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="suggested_appearances")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField()
    score = models.FloatField()
    stage = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(default=timezone.now, editable=False)
    # The unit linked "same" to the claim when it was confirmed.
    unit = models.ForeignKey(
        ClaimUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start", "id"]
        indexes = [models.Index(fields=["status", "article"], name="suggestedapp_status_article")]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "claim", "start", "end"], name="suggestedapp_one_per_span"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="suggestedapp_span"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "dismissed"]),
                name="suggestedapp_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"claim {self.claim_id} in article {self.article_id} ({self.status})"


class SearchEntry(models.Model):
    """One document of the desk's search index: a claim, a verdict, an external fact-check or an
    article, as the search box matches it (annotations.selectors.search).

    The database keeps this table, not Django: triggers made by migration 0015 write a row
    whenever one of those four tables (or a verdict's sources) changes, including writes that
    bypass the services. On PostgreSQL it is a table with a stored `tsvector` (GIN index); on
    SQLite an FTS5 virtual table, whose `rowid` is `id`. `id` is the object's id times 4 plus
    its kind, so one lookup finds a row; whether the user may see the object is decided at
    query time from the object's own table, never stored here. Annotations (highlights) are
    not indexed at all: blind review holds by construction.
    """

    class Kind(models.IntegerChoices):
        CLAIM = 0, _("Claim")
        VERDICT = 1, _("Verdict")
        FACT_CHECK = 2, _("External fact-check")
        ARTICLE = 3, _("Article")

    id = models.BigIntegerField(primary_key=True)
    title = models.TextField()
    body = models.TextField()
    # PostgreSQL only: setweight(title, 'A') || setweight(body, 'B'), generated and stored with
    # `config`, the text search configuration of the object's language (migration 0030).
    vector = SearchVectorField(null=True, editable=False)
    config = models.TextField(null=True, editable=False)  # noqa: DJ001 (a regconfig, never empty)

    class Meta:
        managed = False
        db_table = "annotations_search"

    def __str__(self) -> str:
        return f"search entry {self.id}"


class Suggestion(models.Model):
    """A statement the desk points reviewers at in one revision of an article: a check-worthy
    claim (a sentence or a clause) or a quote with its speaker, computed by the suggestions
    task (never on a page's request), scored by the rules or by the desk's trained model.

    Suggestions are kept apart from the reviewers' highlights and never enter agreement: a
    highlight that started as one points at it (Annotation.suggestion), which is how the
    acceptance figures are counted. Offsets are code points of the revision's text (the quote's
    span excludes its quote marks). Rows of older revisions stay, so acceptances keep counting.
    """

    class Kind(models.TextChoices):
        CLAIM = "claim", _("Claim")
        QUOTE = "quote", _("Quote")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.CASCADE, related_name="suggestions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    score = models.FloatField(help_text="0 to 1: how check-worthy (claims), how sure (quotes).")
    features = models.JSONField(default=list, blank=True)
    # Quotes: who said it, or blank when the speaker is unknown (never a guess).
    speaker = models.CharField(max_length=200, blank=True)
    speaker_confidence = models.FloatField(null=True, blank=True)
    # Claims the desk or other fact-checkers checked that this suggestion restates, as
    # [{"claim": id, "score": 0.93, "relation": "same" | "related", "language": "fr",
    # "cross_language": true}], best first (the last two since issue 17; absent before).
    matches = models.JSONField(default=list, blank=True)
    model = models.CharField(max_length=40, help_text='"rules" or "desk-model-<date>".')
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["revision", "start", "end", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "kind", "start", "end"], name="suggestion_one_per_span"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="suggestion_span"),
            models.CheckConstraint(
                condition=Q(kind__in=["claim", "quote"]), name="suggestion_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="suggestion_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} suggestion {self.start}-{self.end} in revision {self.revision_id}"


class SuggestionModelRun(models.Model):
    """One training run of the desk's check-worthiness model (a logistic regression over the
    sentence features), on the sentences of submitted reviews: highlighted sentences positive,
    sentences nobody highlighted negative.

    The run is scored against the rules on held-out articles of the desk; the newest run whose
    model beat the rules (`is_used`) scores new suggestions, and until there is one the rules do.
    The model is plain JSON (`DeskModel.to_json()`: its name, the coefficient of each feature
    and the intercept), never a pickle.
    """

    created = models.DateTimeField(default=timezone.now, editable=False)
    name = models.CharField(max_length=40, help_text='"desk-model-<date>"')
    articles = models.PositiveIntegerField(default=0)
    sentences = models.PositiveIntegerField(default=0)
    positives = models.PositiveIntegerField(default=0)
    weights = models.JSONField(default=dict, blank=True)
    # Figures on the held-out articles, {"rules": {...}, "model": {...}}: recall in the top 30%
    # of sentences and precision@10, as bench_suggestions prints them.
    figures = models.JSONField(default=dict, blank=True)
    is_used = models.BooleanField(default=False)
    # Why the run was not used (too few reviews, did not beat the rules), for the dashboard.
    report = models.TextField(blank=True)

    # How the report of a run with too few reviews to judge a model by begins: such a run
    # decided nothing (no "used" or "not used"), its report says what is missing.
    TOO_LITTLE_DATA = "Not enough reviews yet"

    class Meta:
        ordering = ["-created", "-id"]
        get_latest_by = "created"

    def __str__(self) -> str:
        if self.had_too_little_data:
            return f"{self.name} (too little data)"
        return f"{self.name} ({'used' if self.is_used else 'not used'})"

    @property
    def had_too_little_data(self) -> bool:
        """Whether the run had too few reviews to compare a model with the rules."""
        return not self.is_used and self.report.startswith(self.TOO_LITTLE_DATA)


class Comment(models.Model):
    """A comment in a discussion thread: on a claim unit (`unit` set) or on an article as a
    whole (`unit` empty). `article` is always set, so that one rule (permissions.py) decides
    who reads a thread: editors, and reviewers who have submitted their review of the article.

    `body` is what the author typed (Markdown-like); annotations.core.comments renders it
    safely. The author may edit it for a short while (core.comments.EDIT_WINDOW); the history
    keeps every version. `note_of` says which editor's action (send back, reject) it came with.
    """

    class Note(models.TextChoices):
        NONE = "", _("A comment")
        SEND_BACK = "send_back", _("Sent back for more reviews")
        REJECT = "reject", _("Rejected: not a checkable claim")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    unit = models.ForeignKey(
        ClaimUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField()
    note_of = models.CharField(max_length=12, choices=Note.choices, blank=True, default="")
    created = models.DateTimeField(default=timezone.now, editable=False)
    edited = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["article", "unit", "created"], name="comment_thread")]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="comment_body_not_empty"),
        ]

    def __str__(self) -> str:
        where = f"unit {self.unit_id}" if self.unit_id else f"article {self.article_id}"
        return f"comment {self.pk} on {where}"


class Notification(models.Model):
    """Something that happened that one person should know about, in-app and (per their
    preferences) by e-mail.

    `dedupe_key` names the event ("mention:12", "send_back:7:v4"): one notification per event
    and recipient, enforced by the unique constraint, so a task delivered twice adds nothing.
    `emailed_at` is set when the e-mail (immediate or in a digest) is sent, before the send,
    by a conditional update: an e-mail goes out at most once.
    """

    class Kind(models.TextChoices):
        ASSIGNMENT = "assignment", _("An article assigned to you")
        DUE_TOMORROW = "due_tomorrow", _("An assignment due tomorrow")
        MENTION = "mention", _("A mention in a discussion")
        SEND_BACK = "send_back", _("A claim you reviewed sent back")
        VERDICT_DIFFERED = "verdict_differed", _("A decision that differs from your verdict")
        CLAIM_CHANGED = "claim_changed", _("A published verdict whose claim changed")
        CLAIM_REAPPEARED = "claim_reappeared", _("A checked claim that appears again")
        WEBHOOK_DISABLED = "webhook_disabled", _("A webhook disabled after failures")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the summary is made of (names, titles, ids, a date, label ids), worded in the
    # reader's language whenever it is shown (selectors.notification_wording); {} on rows
    # made before it was stored, which show `summary` as it was written.
    parameters = models.JSONField(default=dict, blank=True)
    # The summary in the desk's language when it was made (the back office's).
    summary = models.CharField(max_length=300)
    dedupe_key = models.CharField(max_length=120)
    created = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["emailed_at", "recipient"], name="notification_unsent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], name="notification_one_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}: {self.summary[:40]}"


class NotificationPreference(models.Model):
    """One person's e-mail preferences: which kinds of notification reach them by e-mail, and
    whether at once or in a daily digest. Without a row, the defaults apply (every kind, at
    once). In-app notifications are always kept."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("At once")
        DAILY = "daily", _("In a daily digest")
        NEVER = "never", _("Never by e-mail")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_kinds = models.JSONField(default=list, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    def __str__(self) -> str:
        return f"notification preferences of {self.user_id}"


class LanguagePreference(models.Model):
    """The interface language a desk member chose in the header's switcher: their e-mails are
    written in it, and a browser that has no language cookie yet (a new device, cleared cookies)
    starts in it. Without a row, the browser's languages and then the desk's default apply."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    # One of settings.LANGUAGES (checked where it is set: annotations.services.users).
    language = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"{self.language} for {self.user_id}"


class WebhookSubscription(models.Model):
    """An endpoint a partner runs, and the verdict events it wants (docs/webhooks.md).

    The signing secret is not stored: it is derived from WEBHOOK_SECRET_KEY and `secret_salt`
    (services/webhooks.py), shown once when made or rotated. For a while after a rotation the
    old salt signs too (`previous_secret_salt` until `previous_secret_until`).
    """

    class Event(models.TextChoices):
        VERDICT_PUBLISHED = "verdict.published", _("A verdict is published")
        VERDICT_CORRECTED = "verdict.corrected", _("A published verdict is corrected")
        VERDICT_WITHDRAWN = "verdict.withdrawn", _("A published verdict is withdrawn")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="webhook_subscriptions"
    )
    url = models.CharField(max_length=2000)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list)
    secret_salt = models.CharField(max_length=64)
    previous_secret_salt = models.CharField(max_length=64, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    is_enabled = models.BooleanField(default=True)
    # Failed attempts since the last success: at WEBHOOK_DISABLE_AFTER_FAILURES it is disabled.
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    secret_rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_enabled=True) | Q(disabled_at__isnull=False),
                name="webhook_disabled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"webhook {self.pk} to {self.url}"


class WebhookDelivery(models.Model):
    """One event for one subscription: sent until it succeeds or runs out of attempts.

    (subscription, event_id) is unique, so an event is recorded once per subscription. `body`
    is the JSON sent, made at the first attempt and sent byte for byte on every retry. An
    attempt claims the row first (`claimed_until`, a conditional update), so two workers never
    send it at once, and a succeeded delivery is never sent again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed (no attempts left)")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField()
    event_type = models.CharField(max_length=40)
    verdict = models.ForeignKey(
        Verdict, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            # The sweep: pending deliveries by when they are due.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="webhook_delivery_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="webhook_delivery_once_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} to webhook {self.subscription_id}"


class WebhookAttempt(models.Model):
    """One POST of a delivery, as the delivery log shows it."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    succeeded = models.BooleanField()
    response_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_once"),
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"
