"""Who is named in an attribution clause, and who a pronoun, a surname or a role stands for.

Read by `quotes`: the clause next to a quotation ("..., said Jane Doe." / "Jane Doe said: ...")
gives a *designator*, the words that point at the speaker: a name ("Jan Egeland", "the Ministry
of Health"), a pronoun ("he") or a definite description ("the minister"). A `Registry` of the
names mentioned outside quotations, in text order, resolves the last three to a name mentioned
before: a surname to the full name, "he"/"she" to the last person of that gender (or of no known
gender yet), "they" to the last organisation, "the minister" to the last person introduced with
that title or description. Everything here is English; other languages give no designator.

Names are capitalised runs of words ("Health Minister Sajid Javid"); titles are stripped from
the name and kept as the person's roles. There is no named-entity model: a run with an
organisation word ("Ministry", "Bank") is an organisation, with a place word ("Street", "North")
a place, otherwise a person, whose gender comes from a title (Mr, Mrs, Ms), a first-name list
(`names`) or the first personal pronoun that follows the name in the same passage.

- `mentions`: word tokens, capitalised runs and the `Name` they make;
- `subjects`: the speaker a run of words names beside a verb of saying, as a `Designator`;
- `clauses`: the attribution clause beside a quotation, reported speech included;
- `registry`: the names met so far and what a designator resolves to.
"""

from annotations.core.suggestions.speakers.clauses import (
    designator_after_quote,
    designator_before_quote,
    subject_of_sentence,
)
from annotations.core.suggestions.speakers.registry import Registry, Resolved
from annotations.core.suggestions.speakers.subjects import Designator

__all__ = [
    "Designator",
    "Registry",
    "Resolved",
    "designator_after_quote",
    "designator_before_quote",
    "subject_of_sentence",
]
