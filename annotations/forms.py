"""Server-rendered forms."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, ClassVar, Self, TypeVar, cast

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.defaultfilters import floatformat
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import get_language_info, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from annotations.core.comments import MAX_LENGTH as COMMENT_MAX_LENGTH
from annotations.core.fast_lane import FAST_CONFIRM_MAX, FastConfirmItem
from annotations.core.keyset import KeysetCursor
from annotations.core.languages import language_tag_clean
from annotations.core.search_text import (
    LANGUAGE_TAG,
    MAX_QUERY_LENGTH,
    query_parse,
)
from annotations.errors import DomainError
from annotations.fetching import url_host_check
from annotations.models import (
    ClaimantType,
    ClaimLink,
    ClaimUnit,
    Notification,
    NotificationPreference,
    VerdictLabel,
    WebhookSubscription,
)
from annotations.roles import Role
from annotations.selectors.article_list import ArticleListFilters, Progress
from annotations.selectors.labels import label_name
from annotations.selectors.public import IndexCursor, IndexFilters
from annotations.services.adjudication import (
    CLAIM_REVIEWED_RECOMMENDED,
    WITHDRAWAL_NOTE_MAX,
    VerdictInput,
)
from annotations.validators import (
    PUBLICATION_DATE_EARLIEST,
    publication_date_latest,
    validate_free_text,
    validate_visible_name,
)

_Field = TypeVar("_Field", bound=forms.Field)


class CountedTextarea(forms.Textarea):
    """A long text box whose limit is counted as one types (`data-max-characters`, read by
    static/annotations/char-limit.js) and checked by the form, never by the browser: a
    `maxlength` would cut a long paste at the limit without a word, losing its end."""

    def build_attrs(
        self, base_attrs: dict[str, Any], extra_attrs: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        limit = attrs.pop("maxlength", None)
        if limit is not None:
            attrs.setdefault("data-max-characters", limit)
        return attrs


def _language_tag(value: str) -> str:
    """A language field's tag, normalised ("pt-br" -> "pt-BR"); "" when left empty."""
    tag = language_tag_clean(value.strip())
    if value.strip() and not tag:
        raise forms.ValidationError(
            _('Not a language tag: give one such as "en", "fr", "ar" or "pt-BR".')
        )
    return tag


def _field(form: forms.BaseForm, name: str, kind: type[_Field]) -> _Field:
    """`form.fields[name]` as the kind of field it was declared as (Django types them all
    as Field), so that its choices or queryset can be set with their types checked."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name!r} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def _url_field_clean(value: str) -> str:
    """A URL field's value checked as the fetcher will (an empty value stays empty)."""
    if value:
        try:
            value = url_host_check(
                value, allow_private=settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES
            )
        except DomainError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
    return value


def language_name(tag: str) -> str:
    """A language's name in the reader's language ("Spanish", "Espagnol"), else its tag (a
    language Django has no name for)."""
    try:
        return str(get_language_info(tag.lower())["name_translated"])
    except KeyError:
        try:
            return str(get_language_info(tag.lower().split("-")[0])["name_translated"])
        except KeyError:
            return tag


def paste_limit_bytes() -> int:
    """How much a pasted text may weigh: Django refuses a form whose fields (files aside) pass
    DATA_UPLOAD_MAX_MEMORY_SIZE before any view reads it."""
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _paste_limit_megabytes() -> str:
    """The paste limit in megabytes as the reader's language writes a number ("2.5", "2,5")."""
    return floatformat(paste_limit_bytes() / (1024 * 1024), "-2")


def paste_too_large_message() -> str:
    return gettext("Too large to paste (limit %(size)s MB): upload it as a file.") % {
        "size": _paste_limit_megabytes()
    }


class PasteLimited(forms.Form):
    """A form with a paste box (`text`) and a file upload: the box says how much it takes
    (`data-max-bytes`, read by static/annotations/paste-limit.js, which refuses a larger paste
    before it is sent), and `too_large()` is the form a page shows when the server refused
    the request as too large (views/errors.py: RequestTooLargeMiddleware)."""

    paste_field: ClassVar[str] = "text"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields[self.paste_field]
        field.widget.attrs |= {
            "data-max-bytes": str(paste_limit_bytes()),
            "data-too-large": paste_too_large_message(),
        }
        limit = gettext("Up to %(size)s MB; larger, upload it as a file.") % {
            "size": _paste_limit_megabytes()
        }
        field.help_text = f"{field.help_text} {limit}"

    @classmethod
    def too_large(cls, **kwargs: Any) -> Self:
        """An empty form (`kwargs` as the form takes them) whose paste box says the paste was
        too large: nothing else was read, the request was refused whole."""
        form = cls(**kwargs)
        form.errors[cls.paste_field] = form.error_class([paste_too_large_message()])
        return form


def _article_file_field() -> forms.FileField:
    """An optional .txt or .html upload of an article's text (size checked on clean)."""
    return forms.FileField(
        required=False,
        label=_("Or upload a file"),
        help_text=_("A .txt or .html file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
    )


class ArticleImportForm(PasteLimited):
    """Import an article from exactly one of: pasted text, an uploaded file, a URL.

    An upload survives the page coming back (an error elsewhere, a preview, a duplicate's
    warning): the view keeps it and passes its name as `kept_upload`, and the form counts it as
    the file given until another is chosen. `source_tab` is the tab the page showed (set by
    static/annotations/import-page.js): a form sent with nothing in it has its error there.
    """

    # The page's own fields, which the back office's form (pasted text only) has not.
    page_fields: ClassVar[tuple[str, ...]] = ("source_tab", "kept_file", "import_anyway")
    sources: ClassVar[tuple[str, ...]] = ("text", "file", "url")

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        label=_("Paste the article's text"),
        help_text=_("Paragraphs separated by blank lines, or one paragraph per line."),
    )
    file = _article_file_field()
    kept_file = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput())
    url = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Or fetch it from a URL"),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )
    source_tab = forms.ChoiceField(
        required=False, choices=[(name, name) for name in sources], widget=forms.HiddenInput()
    )
    first_line_title = forms.BooleanField(
        required=False,
        label=_("Take the first line as the headline"),
        help_text=_(
            "It becomes the title (unless one is typed below) and leaves the text. "
            "Preview to see the result before importing."
        ),
    )
    title = forms.CharField(
        required=False,
        max_length=500,
        validators=[validate_visible_name],
        label=_("Title"),
        help_text=_("Left empty, the source's title is used."),
    )
    byline = forms.CharField(
        required=False,
        max_length=300,
        validators=[validate_visible_name],
        label=_("Author / byline"),
    )
    publisher = forms.CharField(
        required=False, max_length=200, validators=[validate_visible_name], label=_("Publisher")
    )
    source_url = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Original URL"),
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )
    published_on = forms.DateField(
        required=False,
        label=_("Publication date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.CharField(
        required=False,
        max_length=16,
        label=_("Language"),
        help_text=_("A tag such as en, ar, fr. Left empty, it is detected from the text."),
    )
    # Sent by the duplicate warning's "Import it anyway" button.
    import_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args: Any, kept_upload: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept_upload = kept_upload
        # The browser's date picker keeps to the dates the import accepts (the rule and its
        # message: validators.publication_date_check, through the service).
        self.fields["published_on"].widget.attrs.update(
            min=PUBLICATION_DATE_EARLIEST.isoformat(), max=publication_date_latest().isoformat()
        )

    def _url_clean(self, name: str) -> str:
        return _url_field_clean(self.cleaned_data.get(name, ""))

    def clean_url(self) -> str:
        return self._url_clean("url")

    def clean_source_url(self) -> str:
        return self._url_clean("source_url")

    def clean_file(self) -> Any:
        return _upload_size_check(self.cleaned_data.get("file"))

    @property
    def chosen_tab(self) -> str:
        """The tab the page shows: where the user was, else where what they gave is."""
        if not self.is_bound:
            return "text"
        if self.data.get("source_tab") in self.sources:
            return str(self.data["source_tab"])
        errors = self.errors
        if "url" in errors or self.data.get("url"):
            return "url"
        if "file" in errors or self.kept_upload:
            return "file"
        return "text"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns (its stubs allow None)
        given = [
            bool(cleaned.get("text", "").strip()),
            bool(cleaned.get("file")) or bool(self.kept_upload),
            bool(cleaned.get("url")),
        ]
        if not self.errors and sum(given) != 1:
            message = gettext("Paste the text, upload a file, or give a URL: exactly one of them.")
            # Nothing given: the error sits on the box the user was looking at.
            field = self.chosen_tab if not any(given) and self.chosen_tab in self.fields else None
            self.add_error(field, forms.ValidationError(message, code="article_source_ambiguous"))
        return cleaned


class FactCheckImportForm(PasteLimited):
    """Import other fact-checkers' ClaimReview from exactly one of: a pasted document, an
    uploaded file, a URL (a feed or a fact-check page)."""

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        label=_("Paste a ClaimReview document"),
        help_text=_(
            "JSON or JSON-LD (a review, a list, an @graph or a DataFeed), or a page's HTML."
        ),
    )
    file = forms.FileField(
        required=False,
        label=_("Or upload a file"),
        help_text=_("A .json or .jsonld document, or a fact-check page saved as .html."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".json,.jsonld,.html,.htm,application/json,application/ld+json,text/html"
            }
        ),
    )
    url = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Or fetch it from a URL"),
        help_text=_("A ClaimReview feed, or a fact-check page with ClaimReview in it."),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )
    base_url = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Published at"),
        help_text=_(
            "For a pasted or uploaded page: its address (relative links and reviews "
            "without a URL of their own resolve against it)."
        ),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )

    def _url_clean(self, name: str) -> str:
        return _url_field_clean(self.cleaned_data.get(name, ""))

    def clean_url(self) -> str:
        return self._url_clean("url")

    def clean_base_url(self) -> str:
        return self._url_clean("base_url")

    def clean_file(self) -> Any:
        return _upload_size_check(self.cleaned_data.get("file"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        given = [
            bool(cleaned.get("text", "").strip()),
            bool(cleaned.get("file")),
            bool(cleaned.get("url")),
        ]
        if not self.errors and sum(given) != 1:
            raise forms.ValidationError(
                gettext("Paste a document, upload a file, or give a URL: exactly one of them."),
                code="fact_check_source_ambiguous",
            )
        return cleaned


def _upload_size_check(upload: Any) -> Any:
    if upload and upload.size > settings.ARTICLE_FETCH_MAX_BYTES:
        raise forms.ValidationError(
            gettext("The file is too large to import."), code="upload_too_large"
        )
    return upload


class ArticleRevisionForm(PasteLimited):
    """A new version of an article's text from exactly one of: pasted text, an uploaded file,
    the article's URL fetched again (offered only when the article has one)."""

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        label=_("Paste the new text"),
        help_text=_("The whole article, paragraphs separated by blank lines."),
    )
    file = _article_file_field()
    refetch = forms.BooleanField(required=False, label=_("Fetch the article's URL again"))
    # The service's argument a refused fetch names is the URL; here it is the refetch choice.
    service_fields: ClassVar[dict[str, str]] = {"url": "refetch"}

    def __init__(self, *args: Any, source_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not source_url:
            # Nothing to fetch: the choice is not offered, and a posted value is ignored.
            del self.fields["refetch"]

    @property
    def offers_refetch(self) -> bool:
        return "refetch" in self.fields

    def clean_file(self) -> Any:
        return _upload_size_check(self.cleaned_data.get("file"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns (its stubs allow None)
        given = [
            bool(cleaned.get("text", "").strip()),
            bool(cleaned.get("file")),
            bool(cleaned.get("refetch")),
        ]
        if not self.errors and sum(given) != 1:
            if self.offers_refetch:
                message = gettext(
                    "Paste the new text, upload a file, or fetch the URL again: "
                    "exactly one of them."
                )
            else:
                message = gettext("Paste the new text or upload a file: one of the two.")
            raise forms.ValidationError(message, code="revision_source_ambiguous")
        return cleaned


# --- Review queue and adjudication ----------------------------------------------------------------


class QueueFilterForm(forms.Form):
    """The review queue's filters, read from the query string. Choices come from the view, which
    has already read them, so that the form itself runs no query."""

    status = forms.ChoiceField(required=False, label=_("Status"))
    article = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label=_("Article")
    )
    label = forms.ChoiceField(required=False, label=_("Verdict given"))
    reviewer = forms.ChoiceField(required=False, label=_("Reviewer"))

    def __init__(
        self,
        *args: Any,
        articles: Sequence[tuple[int, str]],
        labels: Sequence[VerdictLabel],
        reviewers: Sequence[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "status", forms.ChoiceField).choices = [
            ("", _("Awaiting a decision")),
            *ClaimUnit.Status.choices,
        ]
        _field(self, "article", forms.ChoiceField).choices = [("", _("All articles")), *articles]
        _field(self, "label", forms.ChoiceField).choices = [
            ("", _("Any verdict")),
            *((label.slug, label_name(label)) for label in labels),
        ]
        _field(self, "reviewer", forms.ChoiceField).choices = [
            ("", _("Any reviewer")),
            *((r, r) for r in reviewers),
        ]

    def criteria(self) -> dict[str, Any]:
        """The selector's keyword arguments; an invalid filter is ignored rather than refused."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


def _formatted(message: Any, **values: Any) -> str:
    return str(message) % values


# A translated message with its %(name)s placeholders filled, in the language of the request
# that shows it (form fields are declared once, at import).
_lazy_formatted = lazy(_formatted, str)
_per_page = lazy(
    lambda size: _formatted(_("%(count)s a page"), count=number_format(size, force_grouping=True)),
    str,
)


class ReadyLaneForm(forms.Form):
    """The Ready lane's page size, read from the query string (an invalid one is ignored)."""

    SIZES: ClassVar[list[int]] = [50, 200, FAST_CONFIRM_MAX]
    size = forms.TypedChoiceField(
        required=False,
        coerce=int,
        choices=[(size, _per_page(size)) for size in SIZES],
        label=_("Claims a page"),
    )

    def page_size(self) -> int:
        if self.is_valid() and self.cleaned_data["size"]:
            return int(self.cleaned_data["size"])
        return self.SIZES[0]


class UnitVersionsField(forms.Field):
    """Units as the Ready lane posts them, each "<unit id>:<version seen>"; many values."""

    widget = forms.MultipleHiddenInput
    INVALID = _("Reload the page: a claim was sent in a form the desk does not read.")

    def to_python(self, value: Any) -> list[FastConfirmItem]:
        items = []
        for text in value or []:
            unit, _, version = str(text).partition(":")
            if not (unit.isascii() and unit.isdigit() and version.isascii() and version.isdigit()):
                raise forms.ValidationError(self.INVALID, code="invalid")
            if len(unit) > 18 or len(version) > 9:
                raise forms.ValidationError(self.INVALID, code="invalid")
            items.append(FastConfirmItem(int(unit), int(version)))
        return items


class FastConfirmForm(forms.Form):
    """The Ready lane's confirm: the ticked claims, or every claim of the page, decided with
    their agreed verdicts and published (or only decided)."""

    ACTIONS: ClassVar[dict[str, tuple[str, bool]]] = {
        # action: (which claims, publish)
        "publish": ("unit", True),
        "publish_page": ("page_unit", True),
        "decide": ("unit", False),
    }
    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    unit = UnitVersionsField(required=False)
    page_unit = UnitVersionsField(required=False)
    # The service's "items" errors (none chosen, too many, twice) land on the ticked claims.
    service_fields: ClassVar[dict[str, str]] = {"items": "unit"}

    def items(self) -> list[FastConfirmItem]:
        chosen, _publish = self.ACTIONS[self.cleaned_data["action"]]
        return list(self.cleaned_data[chosen])

    def publishes(self) -> bool:
        return self.ACTIONS[self.cleaned_data["action"]][1]


class _DateRangeForm(forms.Form):
    """A publication date range (`date_from`, `date_to`, inclusive, in order, picked with the
    browser's date input) and a whole publisher name: the filters the article list, the search
    page and the public index share. Subclasses declare the three fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("date_from", "date_to"):
            self.fields[name].widget.input_type = "date"

    def clean_publisher(self) -> str:
        return str(self.cleaned_data["publisher"]).strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", gettext("Must not be before the start date."))
        return cleaned


class ArticleListForm(_DateRangeForm):
    """The article list's search and filters, and the page asked for (`after` / `before`: a
    keyset cursor's token), read from the query string."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search titles and publishers"),
        error_messages={"max_length": _("Search with fewer words: 200 characters at most.")},
    )
    imported = forms.BooleanField(required=False, label=_("Imported by me"))
    assigned = forms.BooleanField(required=False, label=_("Assigned to me"))
    progress = forms.ChoiceField(
        required=False,
        label=_("My progress"),
        error_messages={
            "invalid_choice": _("Choose “Any”, “Not started”, “In progress” or “Submitted”.")
        },
        choices=[
            ("", _("Any")),
            (Progress.NOT_STARTED.value, pgettext_lazy("review status", "Not started")),
            (Progress.IN_PROGRESS.value, pgettext_lazy("review status", "In progress")),
            (Progress.SUBMITTED.value, pgettext_lazy("review status", "Submitted")),
        ],
    )
    publisher = forms.CharField(required=False, max_length=200, label=_("Publisher"))
    date_from = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        label=_("Published from"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, or pick one.")},
    )
    date_to = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        label=_("Published to"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, or pick one.")},
    )
    # No max_length: a token too long to be one is refused as broken, in the page's words.
    after = forms.CharField(required=False, widget=forms.HiddenInput)
    before = forms.CharField(required=False, widget=forms.HiddenInput)

    BROKEN_PAGE = _("This link to a page of the list is broken: start again from the first page.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        after, before = cleaned.get("after"), cleaned.get("before")
        if after and before:
            self.add_error(None, self.BROKEN_PAGE)
        for name, token in (("after", after), ("before", before)):
            if token:
                cursor = KeysetCursor.parse(token)
                if cursor is None:
                    self.add_error(None, self.BROKEN_PAGE)
                cleaned[name] = cursor
            else:
                cleaned[name] = None
        return cleaned

    def filters(self) -> ArticleListFilters:
        """The filters' values (call once the form is valid)."""
        data = self.cleaned_data
        return ArticleListFilters(
            text=data["q"],
            imported_by_me=data["imported"],
            assigned_to_me=data["assigned"],
            progress=data["progress"],
            publisher=data["publisher"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


# core.search_text.NO_WORD_MESSAGE in the reader's language (core has no Django to translate it).
_NO_WORD = _("Give at least one word to look for (not only words to leave out).")


class _SearchBoxForm(_DateRangeForm):
    """A search box with a desk label and a publication date range, read from the query
    string; the desk's search page and the public index build on it. Label choices come from
    the view."""

    q = forms.CharField(
        required=False, max_length=MAX_QUERY_LENGTH, strip=False, label=_("Search for")
    )
    label = forms.ChoiceField(required=False, label=_("Desk verdict"))
    date_from = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], label=pgettext_lazy("a date", "From")
    )
    date_to = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], label=pgettext_lazy("a date", "To")
    )
    publisher = forms.CharField(required=False, max_length=200, label=_("Publisher"))

    def __init__(self, *args: Any, labels: Sequence[VerdictLabel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "label", forms.ChoiceField).choices = [
            ("", pgettext_lazy("any label", "Any")),
            *((label.slug, label_name(label)) for label in labels),
        ]

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"]
        if text.strip() and query_parse(text).empty:
            raise forms.ValidationError(_NO_WORD)
        return text


class SearchForm(_SearchBoxForm):
    """The search page's box and filters, read from the query string (the API's
    SearchQuerySerializer checks the same)."""

    kind = forms.ChoiceField(required=False, label=_("Kind"))
    language = forms.CharField(required=False, max_length=16, label=_("Language"))
    source = forms.ChoiceField(required=False, label=_("Source"))
    # What each kind of result is called in the kind filter (selectors.search.KIND_NAMES).
    KIND_LABELS: ClassVar[dict[str, Any]] = {
        "claim": _("Claims"),
        "verdict": _("Verdicts"),
        "fact-check": _("Fact checks"),
        "article": _("Articles"),
    }
    field_order = ["q", "kind", "label", "date_from", "date_to", "publisher", "language", "source"]

    def __init__(
        self, *args: Any, labels: Sequence[VerdictLabel], kinds: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, labels=labels, **kwargs)
        _field(self, "kind", forms.ChoiceField).choices = [
            ("", _("Everything")),
            *(
                (kind, self.KIND_LABELS.get(kind, kind.replace("-", " ").capitalize() + "s"))
                for kind in kinds
            ),
        ]
        _field(self, "source", forms.ChoiceField).choices = [
            ("", _("Desk and external")),
            ("desk", _("The desk's own")),
            ("external", _("Other fact-checkers")),
        ]

    def clean_language(self) -> str:
        language: str = self.cleaned_data["language"].strip()
        if language and not LANGUAGE_TAG.fullmatch(language):
            # LANGUAGE_MESSAGE, in the reader's language.
            raise forms.ValidationError(_('Give a language tag, e.g. "en" or "pt-BR".'))
        return language

    def criteria(self) -> tuple[str, dict[str, Any]] | None:
        """(text, the filters' values) when there is something valid to look for, else None."""
        if not self.is_valid() or not self.cleaned_data["q"].strip():
            return None
        data = {name: value for name, value in self.cleaned_data.items() if name != "q"}
        return self.cleaned_data["q"], {name: value for name, value in data.items() if value}


class PublicIndexForm(_SearchBoxForm):
    """The public index's search box and filters; `after` is the keyset cursor of the next
    page when browsing, `page` the page number of a search's results."""

    claimant = forms.CharField(required=False, max_length=200, label=_("Claimant"))
    after = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10_000,
        widget=forms.HiddenInput,
        # Readers follow links here: Django's "Ensure this value is less than or equal to
        # 10000." tells them nothing they can act on.
        error_messages={
            code: _("This is not a page of the index: start again.")
            for code in ("invalid", "min_value", "max_value")
        },
    )

    def __init__(self, *args: Any, labels: Sequence[VerdictLabel], **kwargs: Any) -> None:
        super().__init__(*args, labels=labels, **kwargs)
        self.fields["label"].label = _("Rating")
        self.fields["q"].label = _("Search fact checks")

    def clean_claimant(self) -> str:
        return str(self.cleaned_data["claimant"]).strip()

    def clean_after(self) -> IndexCursor | None:
        token: str = self.cleaned_data["after"]
        if not token:
            return None
        cursor = IndexCursor.parse(token)
        if cursor is None:
            raise forms.ValidationError(gettext("This is not a page of the index: start again."))
        return cursor

    def filters(self) -> IndexFilters:
        """The filters' values (call once the form is valid)."""
        data = self.cleaned_data
        return IndexFilters(
            label=data["label"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            publisher=data["publisher"],
            claimant=data["claimant"],
        )


# Django's "Ensure this value has at most 500 characters (it has 612)." says what is wrong,
# not what to do.
_TOO_LONG = "Too long: shorten it to %(limit_value)d characters or fewer (it has %(show_value)d)."


class VersionForm(forms.Form):
    """An action on a claim unit, carrying the unit version the editor saw."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class UnitNoteForm(VersionForm):
    """Send back or reject, with an optional note for the unit's discussion thread."""

    # No max_length: the browser's maxlength would cut a long paste silently. The service
    # refuses a note over the limit with its length (services.discussion), keeping the text,
    # and static/annotations/char-limit.js counts as one types.
    note = forms.CharField(
        validators=[validate_free_text],
        required=False,
        label=_("Note for the discussion (optional)"),
        widget=forms.Textarea(attrs={"rows": 2, "data-max-characters": COMMENT_MAX_LENGTH}),
    )


class VerdictForm(VersionForm):
    """The editor's final verdict on a claim unit."""

    label = forms.ChoiceField(
        label=_("Final verdict"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a verdict."),
            "invalid_choice": _("Choose one of the verdicts listed."),
        },
    )
    claim_reviewed = forms.CharField(
        validators=[validate_free_text],
        max_length=500,
        label=_("Claim reviewed"),
        help_text=_lazy_formatted(
            _(
                "The claim as checked, in a short sentence: %(limit)s characters or fewer read "
                "best in search results."
            ),
            limit=CLAIM_REVIEWED_RECOMMENDED,
        ),
        widget=forms.TextInput(attrs={"data-character-counter": CLAIM_REVIEWED_RECOMMENDED}),
        error_messages={
            "required": _("Write the claim as checked, in one short sentence."),
            "max_length": _TOO_LONG,
        },
    )
    explanation = forms.CharField(
        validators=[validate_free_text],
        required=False,
        max_length=20_000,
        widget=CountedTextarea(attrs={"rows": 5}),
        label=_("Explanation"),
        help_text=_("What the evidence shows, for readers."),
        error_messages={"max_length": _TOO_LONG},
    )
    claimant = forms.CharField(
        required=False,
        max_length=200,
        validators=[validate_visible_name],
        label=_("Claimant"),
        help_text=_("Who made the claim, as readers know them."),
        error_messages={"max_length": _TOO_LONG},
    )
    language = forms.CharField(
        required=False,
        max_length=16,
        label=_("Language of the verdict"),
        help_text=_(
            "The language the claim as reviewed and the explanation are written in: a tag such "
            "as es, ar or pt-BR. Left empty, it is detected from them when they say so clearly, "
            "else it is the article's."
        ),
        # Suggestions from a list under the field (the template's datalist), any tag typed.
        widget=forms.TextInput(
            attrs={"list": "verdict-languages", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"max_length": _TOO_LONG},
    )
    claimant_type = forms.ChoiceField(
        required=False,
        label=_("Person or organization"),
        choices=[
            ("", _("As the desk's list of claimants says (else a person)")),
            *ClaimantType.choices,
        ],
        help_text=_("What the claimant is, for fact-check readers and search engines."),
    )
    sources = forms.TypedMultipleChoiceField(
        required=False,
        coerce=int,
        label=_("Sources to cite"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        labels: Sequence[VerdictLabel],
        sources: Sequence[tuple[int, str]],
        article_language: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.article_language = article_language
        if article_language:
            # What an empty field falls back to, shown where the editor types.
            self.fields["language"].widget.attrs["placeholder"] = article_language
        self._labels = {label.slug: label for label in labels}
        _field(self, "label", forms.ChoiceField).choices = [
            (label.slug, label_name(label)) for label in labels
        ]
        _field(self, "sources", forms.ChoiceField).choices = list(sources)

    def clean_claim_reviewed(self) -> str:
        return self.cleaned_data["claim_reviewed"].strip()

    def clean_language(self) -> str:
        return _language_tag(self.cleaned_data["language"])

    def language_choices(self) -> list[tuple[str, str]]:
        """The languages suggested under the field: the desk's, and its article's, each with
        its name in the reader's language."""
        tags = [code for code, _name in settings.LANGUAGES]
        if self.article_language and self.article_language.lower() not in tags:
            tags.append(self.article_language)
        return [(tag, language_name(tag)) for tag in tags]

    def verdict_input(self) -> VerdictInput:
        data = self.cleaned_data
        return VerdictInput(
            label=self._labels[data["label"]],
            claim_reviewed=data["claim_reviewed"],
            explanation=data["explanation"],
            claimant=data["claimant"],
            claimant_type=data["claimant_type"],
            language=data["language"],
            source_ids=data["sources"],
        )

    def claim_reviewed_length(self) -> int:
        return len((self["claim_reviewed"].value() or "").strip())

    def claim_reviewed_too_long(self) -> bool:
        """Over the recommended length: a note for the editor, not an error."""
        return self.claim_reviewed_length() > CLAIM_REVIEWED_RECOMMENDED


class CorrectionForm(VerdictForm):
    """A correction to a published verdict: the changed fields and a note for readers."""

    note = forms.CharField(
        validators=[validate_free_text],
        max_length=5_000,
        label=_("Correction note"),
        widget=CountedTextarea(attrs={"rows": 3}),
        help_text=_("Readers see this note beside the corrected verdict."),
        error_messages={
            "required": _("Write a note telling readers what was corrected and why."),
            "max_length": _TOO_LONG,
        },
    )


class WithdrawForm(VersionForm):
    """Unpublishing a verdict, with an optional note readers see on its withdrawn page."""

    note = forms.CharField(
        validators=[validate_free_text],
        required=False,
        max_length=WITHDRAWAL_NOTE_MAX,
        label=_("Note for readers"),
        widget=CountedTextarea(attrs={"rows": 2}),
        help_text=_("Shown on the verdict's page, beside the date it was withdrawn."),
    )


def _unit_choice(unit: ClaimUnit) -> tuple[str, str]:
    # The version travels with the choice: the merge is refused if the other unit changed
    # since the editor saw it.
    passage = " ".join(getattr(unit, "passage", "").split())
    if len(passage) > 90:
        passage = passage[:89].rstrip() + "…"
    return f"{unit.pk}:{unit.version}", f"#{unit.pk} “{passage}”"


class MergeForm(VersionForm):
    other = forms.ChoiceField(label=_("Merge with"))

    def __init__(self, *args: Any, candidates: Sequence[ClaimUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "other", forms.ChoiceField).choices = [
            _unit_choice(unit) for unit in candidates
        ]

    def clean_other(self) -> tuple[int, int]:
        pk, version = self.cleaned_data["other"].split(":")
        return int(pk), int(version)


class SplitForm(VersionForm):
    annotations = forms.TypedMultipleChoiceField(
        coerce=int, label=_("Highlights to split off"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, highlights: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "annotations", forms.ChoiceField).choices = list(highlights)


class ClaimLinkForm(VersionForm):
    """An editor's decision that the unit states a known claim ("same") or a related one."""

    claim = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    relation = forms.ChoiceField(choices=ClaimLink.Relation.choices, widget=forms.HiddenInput)


class ClaimNewForm(VersionForm):
    """Keep it new: a claim of the unit's own, worded as given (else as its verdict's claim
    as checked, else its passage)."""

    text = forms.CharField(
        validators=[validate_free_text],
        required=False,
        max_length=2000,
        label=_("Wording of the new claim"),
        help_text=_("Optional: by default the verdict's claim as checked, else the passage."),
        widget=CountedTextarea(attrs={"rows": 2}),
    )


# --- Assignments ----------------------------------------------------------------------------------


class _ReviewerChoiceField(forms.ModelMultipleChoiceField):
    """Reviewers listed by their username."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.get_username()


class AssignForm(forms.Form):
    """An editor assigns an article to some of the desk's reviewers, by a due date."""

    reviewers = _ReviewerChoiceField(
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reviewer.")},
    )
    due_on = forms.DateField(
        required=False, label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "reviewers", forms.ModelMultipleChoiceField).queryset = (
            get_user_model().objects.filter(groups__name=Role.REVIEWER).order_by("username")
        )


# --- Account --------------------------------------------------------------------------------------


class TokenCreateForm(forms.Form):
    """A name for a new personal API token. The service checks it, for the page and the API
    alike: the form only carries what was typed, so that a refusal can be shown on the field."""

    name = forms.CharField(
        required=False,
        strip=False,
        widget=forms.TextInput(
            attrs={
                "id": "token-name",
                "maxlength": 100,
                "required": True,
                "placeholder": _("e.g. newsroom dashboard"),
            }
        ),
    )


class CommentForm(forms.Form):
    """A comment in a discussion thread (Markdown-like text, `@name` mentions)."""

    # No max_length, as UnitNoteForm.note: the service refuses a comment over the limit.
    body = forms.CharField(
        validators=[validate_free_text],
        label=_("Your comment"),
        help_text=_(
            "**bold**, *italic*, `code`, lists, > quotes and links; @name mentions a "
            "colleague who can read this thread."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "data-max-characters": COMMENT_MAX_LENGTH}),
        error_messages={"required": _("Write a comment first.")},
    )


class NotificationPreferencesForm(forms.Form):
    """Which notifications reach the user by e-mail, and when."""

    email_kinds = forms.MultipleChoiceField(
        required=False,
        label=_("By e-mail"),
        choices=Notification.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    delivery = forms.ChoiceField(
        label=_("When"),
        choices=NotificationPreference.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when e-mails are sent.")},
    )

    def __init__(self, *args: Any, kinds: Collection[str], **kwargs: Any) -> None:
        """`kinds`: the kinds of notification the user can receive, the only ones offered."""
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["email_kinds"])
        field.choices = [(k, name) for k, name in Notification.Kind.choices if k in kinds]


class WebhookForm(forms.Form):
    """A partner's receiver and the verdict events it wants."""

    url = forms.CharField(
        label=_("Receiver URL"),
        max_length=2000,
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookSubscription.Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("Whose receiver it is, for the desk."),
        validators=[validate_visible_name],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What services.webhooks._url_checked accepts, which depends on the desk's setting.
        if settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES:
            self.fields["url"].help_text = _(
                "An http:// or https:// address on the partner's side (https:// keeps "
                "deliveries private on the way). Link-local addresses, and addresses with a "
                "user name or password, are refused."
            )
        else:
            self.fields["url"].help_text = _(
                "An http:// or https:// address on the partner's side (https:// keeps "
                "deliveries private on the way). Private and local addresses, and addresses "
                "with a user name or password, are refused."
            )


class ArticleLanguageForm(forms.Form):
    """An article's language, changed on the desk (services.article_language)."""

    language = forms.CharField(
        required=False,
        max_length=16,
        label=_("Language"),
        help_text=_("A language tag such as en, fr, ar or pt-BR; empty when it is not known."),
    )

    def clean_language(self) -> str:
        return _language_tag(self.cleaned_data["language"])
