"""The back office. Every change to the desk's work goes through the services, as on the desk's
own pages: an article added here is imported (normalised text, revision 1), units change through
the adjudication actions, a verdict through a new decision or, once published, a correction.
What only the services write (highlights, reviews, units, revisions, anchors, statistics) is
read here, never edited, and no history page reverts it. People are deactivated, never deleted.

One module per sub-domain; importing them registers their pages.
"""

from annotations.admin import adjudication, articles, claims, desk, discussion, reviews

__all__ = ["adjudication", "articles", "claims", "desk", "discussion", "reviews"]
