// The review card in the sidebar: the reviewer's status, what it means, and Submit review.

import { submitReview } from "./api.js";
import { confirmAction } from "./confirm.js";
import { gettext, interpolate, ngettext, pgettext } from "./i18n.js";
import { showToast } from "./notify.js";

// Functions: the catalogue's strings are read when the card is drawn, in the page's language.
const MODES = {
  editor: () => ({ heading: gettext("Editor view"), status: gettext("Read only"), css: "status--readonly" }),
  readonly: () => ({ heading: pgettext("noun", "Review"), status: gettext("Read only"), css: "status--readonly" }),
  submitted: () => ({ heading: gettext("Your review"), status: gettext("Submitted"), css: "status--submitted" }),
  in_progress: () => ({ heading: gettext("Your review"), status: gettext("In progress"), css: "status--in-progress" }),
  not_started: () => ({ heading: gettext("Your review"), status: gettext("Not started"), css: "status--not-started" }),
};

export function reviewMode(pageData) {
  const { user, review } = pageData;
  if (user.can_annotate) {
    if (review.status === "submitted") return "submitted";
    const started = review.status === "in_progress" || pageData.annotations.some((annotation) => annotation.is_mine);
    return started ? "in_progress" : "not_started";
  }
  return user.is_editor ? "editor" : "readonly";
}

function summary(mode, mine, others) {
  const all = mine + others;
  switch (mode) {
    case "editor":
      return interpolate(
        ngettext(
          "All reviewers' highlights, read-only: %(count)s highlight.",
          "All reviewers' highlights, read-only: %(count)s highlights.",
          all,
        ),
        { count: all },
      );
    case "readonly":
      return interpolate(ngettext("%(count)s highlight, read-only.", "%(count)s highlights, read-only.", all), {
        count: all,
      });
    case "submitted":
      return others
        ? interpolate(
            ngettext(
              "You submitted %(count)s highlight. Other reviewers' submitted highlights are shown too.",
              "You submitted %(count)s highlights. Other reviewers' submitted highlights are shown too.",
              mine,
            ),
            { count: mine },
          )
        : interpolate(
            ngettext(
              "You submitted %(count)s highlight. Other reviewers' highlights appear here once they submit.",
              "You submitted %(count)s highlights. Other reviewers' highlights appear here once they submit.",
              mine,
            ),
            { count: mine },
          );
    default:
      return mine
        ? interpolate(
            ngettext(
              "%(count)s highlight so far. Submit when you are done: your highlights then become read-only.",
              "%(count)s highlights so far. Submit when you are done: your highlights then become read-only.",
              mine,
            ),
            { count: mine },
          )
        : gettext("Highlight the claims and quotes worth checking and give each a verdict.");
  }
}

export function renderReviewCard(card, mode, annotations) {
  const mine = annotations.filter((annotation) => annotation.is_mine).length;
  const others = annotations.length - mine;
  const { heading, status, css } = MODES[mode]();
  card.querySelector("#review-heading").textContent = heading;
  const badge = card.querySelector("#review-status");
  badge.textContent = status;
  badge.className = `status ${css}`;
  card.querySelector("#review-summary").textContent = summary(mode, mine, others);
  const editable = mode === "in_progress" || mode === "not_started";
  card.querySelector("#selection-hint").hidden = !editable;
  card.querySelector("#submit-review").hidden = !editable;
}

/** Submit review, after a confirmation; `onSubmitted` runs once the server accepted it. */
export function wireSubmitReview(button, { submitUrl, mineCount, onSubmitted }) {
  button.addEventListener("click", async () => {
    const mine = mineCount();
    const confirmed = await confirmAction({
      title: gettext("Submit your review?"),
      text: interpolate(
        ngettext(
          "You are submitting %(count)s highlight. After submitting you can no longer change it, and you will see the other reviewers' submitted highlights.",
          "You are submitting %(count)s highlights. After submitting you can no longer change them, and you will see the other reviewers' submitted highlights.",
          mine,
        ),
        { count: mine },
      ),
      confirmLabel: gettext("Submit review"),
    });
    if (!confirmed) {
      button.focus();
      return;
    }
    button.disabled = true;
    try {
      await submitReview(submitUrl);
    } catch (error) {
      button.disabled = false;
      showToast(error.message, { error: true });
      return;
    }
    showToast(gettext("Review submitted."));
    onSubmitted();
  });
}
