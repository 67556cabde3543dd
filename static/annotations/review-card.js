// The review card in the sidebar: the reviewer's status, what it means, and Submit review.

import { submitReview } from "./api.js";
import { confirmAction } from "./confirm.js";
import { showToast } from "./notify.js";

const MODES = {
  editor: { heading: "Editor view", status: "Read only", css: "status--readonly" },
  readonly: { heading: "Review", status: "Read only", css: "status--readonly" },
  submitted: { heading: "Your review", status: "Submitted", css: "status--submitted" },
  in_progress: { heading: "Your review", status: "In progress", css: "status--in-progress" },
  not_started: { heading: "Your review", status: "Not started", css: "status--not-started" },
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
  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
  switch (mode) {
    case "editor":
      return `All reviewers' highlights, read-only: ${plural(mine + others, "highlight")}.`;
    case "readonly":
      return `${plural(mine + others, "highlight")}, read-only.`;
    case "submitted":
      return others
        ? `You submitted ${plural(mine, "highlight")}. Other reviewers' submitted highlights are shown too.`
        : `You submitted ${plural(mine, "highlight")}. Other reviewers' highlights appear here once they submit.`;
    default:
      return mine
        ? `${plural(mine, "highlight")} so far. Submit when you are done: your highlights then become read-only.`
        : "Highlight the claims and quotes worth checking and give each a verdict.";
  }
}

export function renderReviewCard(card, mode, annotations) {
  const mine = annotations.filter((annotation) => annotation.is_mine).length;
  const others = annotations.length - mine;
  const { heading, status, css } = MODES[mode];
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
      title: "Submit your review?",
      text: `You are submitting ${mine} highlight${mine === 1 ? "" : "s"}. After submitting you can no longer change them, and you will see the other reviewers' submitted highlights.`,
      confirmLabel: "Submit review",
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
    showToast("Review submitted.");
    onSubmitted();
  });
}
