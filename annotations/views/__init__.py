"""Server-rendered pages: thin views over selectors and services, one module per area."""

from __future__ import annotations

from annotations.views.adjudication import review_unit, review_unit_action
from annotations.views.agreement import (
    agreement_dashboard,
    agreement_recompute,
    suggestions_train,
)
from annotations.views.appearances import appearance_confirm_view, appearance_dismiss_view
from annotations.views.article_language import article_language_view
from annotations.views.articles import article_detail, article_import_view, article_list
from annotations.views.assignments import article_assign, article_pick_up, my_assignments
from annotations.views.claims import claim_page
from annotations.views.discussion import comment_edit_view, discussion_article, discussion_unit
from annotations.views.evidence import source_archive, source_archive_page, source_archive_warc
from annotations.views.fact_checks import (
    fact_check_detail,
    fact_check_import_view,
    fact_check_link_view,
    fact_check_list,
    fact_check_unlink_view,
)
from annotations.views.fast_lane import review_ready_confirm_view, review_ready_view
from annotations.views.feedback import (
    feedback_own,
    feedback_reviewer,
    feedback_reviewer_list,
)
from annotations.views.notifications import (
    notification_list,
    notification_mark_read,
    notification_open,
    notification_preferences,
    notifications_mark_all_read,
)
from annotations.views.queue import review_queue_view
from annotations.views.reattach import reattach_gone, reattach_list
from annotations.views.revisions import article_revise_view, revision_diff
from annotations.views.search import search_view
from annotations.views.webhooks import (
    webhook_delete,
    webhook_detail,
    webhook_disable,
    webhook_enable,
    webhook_list,
    webhook_rotate,
    webhook_test,
)

__all__ = [
    "webhook_delete",
    "webhook_detail",
    "webhook_disable",
    "webhook_enable",
    "webhook_list",
    "webhook_rotate",
    "webhook_test",
    "feedback_own",
    "feedback_reviewer",
    "feedback_reviewer_list",
    "comment_edit_view",
    "discussion_article",
    "discussion_unit",
    "notification_list",
    "notification_mark_read",
    "notification_open",
    "notification_preferences",
    "notifications_mark_all_read",
    "agreement_dashboard",
    "appearance_confirm_view",
    "appearance_dismiss_view",
    "agreement_recompute",
    "suggestions_train",
    "article_assign",
    "article_detail",
    "article_import_view",
    "article_list",
    "article_pick_up",
    "article_revise_view",
    "article_language_view",
    "fact_check_detail",
    "fact_check_import_view",
    "fact_check_link_view",
    "fact_check_list",
    "fact_check_unlink_view",
    "claim_page",
    "my_assignments",
    "reattach_gone",
    "reattach_list",
    "review_queue_view",
    "review_ready_confirm_view",
    "review_ready_view",
    "review_unit",
    "review_unit_action",
    "revision_diff",
    "search_view",
    "source_archive",
    "source_archive_page",
    "source_archive_warc",
]
