"""Long text boxes are counted, never cut by the browser (annotations.forms.CountedTextarea):
a `maxlength` would drop the end of a long paste without a word."""

from __future__ import annotations

import re

from django import forms

from annotations.forms import CorrectionForm, CountedTextarea, VerdictForm, WithdrawForm


class _NoteForm(forms.Form):
    note = forms.CharField(max_length=10, widget=CountedTextarea())


def test_the_limit_is_counted_not_enforced_by_the_browser() -> None:
    html = str(_NoteForm()["note"])

    assert "maxlength" not in html
    assert 'data-max-characters="10"' in html


def test_an_over_long_text_is_refused_by_the_form_and_comes_back_whole() -> None:
    typed = "x" * 11
    form = _NoteForm(data={"note": typed})

    assert not form.is_valid()
    assert form.errors["note"]
    assert f">\n{typed}</textarea>" in str(form["note"])


def test_the_verdict_correction_and_withdrawal_boxes_are_counted() -> None:
    boxes = [
        str(VerdictForm.base_fields["explanation"].widget.render("explanation", "")),
        str(CorrectionForm.base_fields["note"].widget.render("note", "")),
        str(WithdrawForm.base_fields["note"].widget.render("note", "")),
    ]

    for html in boxes:
        assert "maxlength" not in html
        assert re.search(r'data-max-characters="\d+"', html), html
