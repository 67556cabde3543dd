"""Server-rendered forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from annotations.errors import DomainError
from annotations.fetching import url_validate


class ArticleImportForm(forms.Form):
    """Import an article from exactly one of: pasted text, an uploaded file, a URL."""

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        label="Paste the article's text",
        help_text="Paragraphs separated by blank lines.",
    )
    file = forms.FileField(
        required=False,
        label="Or upload a file",
        help_text="A .txt or .html file.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
    )
    url = forms.CharField(
        required=False,
        max_length=2000,
        label="Or fetch it from a URL",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    title = forms.CharField(
        required=False, max_length=500, help_text="Left empty, the source's title is used."
    )
    byline = forms.CharField(required=False, max_length=300, label="Author / byline")
    publisher = forms.CharField(required=False, max_length=200)
    source_url = forms.CharField(
        required=False, max_length=2000, label="Original URL", widget=forms.URLInput()
    )
    published_on = forms.DateField(
        required=False, label="Publication date", widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.CharField(required=False, max_length=16, initial="en")

    def _url_clean(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        if value:
            try:
                value = url_validate(value)
            except DomainError as error:
                raise forms.ValidationError(error.message, code=error.code) from None
        return value

    def clean_url(self) -> str:
        return self._url_clean("url")

    def clean_source_url(self) -> str:
        return self._url_clean("source_url")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.ARTICLE_FETCH_MAX_BYTES:
            raise forms.ValidationError("The file is too large to import.", code="upload_too_large")
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        given = [
            bool(cleaned.get("text", "").strip()),
            bool(cleaned.get("file")),
            bool(cleaned.get("url")),
        ]
        if not self.errors and sum(given) != 1:
            raise forms.ValidationError(
                "Paste the text, upload a file, or give a URL: exactly one of them.",
                code="article_source_ambiguous",
            )
        return cleaned
