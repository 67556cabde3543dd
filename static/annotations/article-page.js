// The article page: wires selection, highlights, the panel, the sidebar and the API together.
// Highlights are drawn only from the server's `anchor` offsets; the page never searches text.

import * as api from "./api.js";
import { createAnnotateButton } from "./annotate-button.js";
import { createCheckedBefore } from "./checked-before.js";
import { applyDataColours } from "./colours.js";
import { confirmAction } from "./confirm.js";
import {
  drawHighlight,
  flashHighlight,
  highlightIdAt,
  removeHighlight,
  setSelectedHighlight,
} from "./highlights.js";
import { gettext, interpolate } from "./i18n.js";
import { enableKeyboardSelection } from "./keyboard-selection.js";
import { announce, showToast } from "./notify.js";
import { domPointInParagraph, paragraphsOf } from "./offsets.js";
import { createPanel } from "./panel.js";
import { enableReattachMode } from "./reattach-mode.js";
import { renderReviewCard, reviewMode, wireSubmitReview } from "./review-card.js";
import { selectionEndRect, targetFromOffsets, targetFromSelection } from "./selection.js";
import { isShortcut } from "./shortcut-keys.js";
import { createSidebar, truncate } from "./sidebar.js";
import { createSuggestions } from "./suggestions.js";

const PENDING_ID = "pending";

const pageData = JSON.parse(document.getElementById("page-data").textContent);
const textRoot = document.getElementById("article-text");
const reviewCard = document.querySelector(".review-card");
const labelsBySlug = new Map(pageData.labels.map((label) => [label.slug, label]));
const annotations = new Map(pageData.annotations.map((annotation) => [String(annotation.id), annotation]));
let mode = reviewMode(pageData);
let pendingTarget = null;
let pointerDown = false;

const isEditable = () => mode === "in_progress" || mode === "not_started";
const colourOf = (slug) => labelsBySlug.get(slug)?.colour || "#888888";

applyDataColours();

const panel = createPanel(
  document.getElementById("annotation-panel"),
  document.getElementById("source-row-template"),
);
// The panel's "Checked before" list: looked up as a selection settles and when the panel opens.
const checkedBefore = pageData.claims_similar_url
  ? createCheckedBefore(document.getElementById("checked-before"), {
      url: pageData.claims_similar_url,
      labels: pageData.labels,
    })
  : null;

// --- Highlights and sidebar ---------------------------------------------------------------

function draw(annotation) {
  if (!annotation.anchor) return;
  const verdictName = labelsBySlug.get(annotation.verdict)?.name || annotation.verdict;
  drawHighlight(textRoot, {
    id: annotation.id,
    start: annotation.anchor.start,
    end: annotation.anchor.end,
    colour: colourOf(annotation.verdict),
    className: annotation.is_mine ? "highlight--mine" : "highlight--other",
    title: annotation.is_mine
      ? verdictName
      : interpolate(gettext("%(verdict)s · %(reviewer)s"), { verdict: verdictName, reviewer: annotation.reviewer }),
  });
}

const sidebar = createSidebar({
  list: document.getElementById("annotation-list"),
  unplacedList: document.getElementById("unplaced-list"),
  unplacedSection: document.getElementById("unplaced"),
  emptyNote: document.getElementById("annotation-empty"),
  count: document.getElementById("annotation-count"),
  labels: pageData.labels,
  claimChanges: pageData.claim_changes || {},
  onSelect: (id) => {
    // Choosing a highlight replaces any text selection (and its Annotate button).
    window.getSelection().removeAllRanges();
    selectAnnotation(id, { flash: true });
  },
  onEdit: (id) => openEdit(id),
  onDelete: (id) => removeAnnotation(id),
});

function refresh() {
  const all = Array.from(annotations.values());
  sidebar.render(all, { editable: isEditable() });
  renderReviewCard(reviewCard, mode, all);
  suggestions?.refresh();
  // The re-attach banner says what a selection does meanwhile.
  if (reattaching()) document.getElementById("selection-hint").hidden = true;
}

function selectAnnotation(id, { flash = false, focusItem = false } = {}) {
  setSelectedHighlight(textRoot, id);
  sidebar.select(id, { focus: focusItem });
  if (flash && !flashHighlight(textRoot, id)) announce(gettext("This highlight could not be placed in the text."));
}

function store(annotation) {
  const id = String(annotation.id);
  removeHighlight(textRoot, id);
  annotations.set(id, annotation);
  draw(annotation);
  if (annotation.is_mine && mode === "not_started") mode = "in_progress";
  refresh();
  return id;
}

// --- Archived copies of sources: captured by a task after the save ----------------------------

const CAPTURE_POLL_MS = 1500;
const CAPTURE_POLL_TRIES = 40;

/** While a saved highlight's sources are being archived, fetch it again now and then. */
async function watchCaptures(id, tries = CAPTURE_POLL_TRIES) {
  const pending = (annotation) => annotation?.sources.some((source) => source.capture?.status === "pending");
  if (!pending(annotations.get(String(id))) || tries <= 0) return;
  await new Promise((resolve) => setTimeout(resolve, CAPTURE_POLL_MS));
  const current = annotations.get(String(id));
  if (!current) return;
  // Not while the panel is open: a refresh would redraw what the reviewer is editing.
  if (panel.isOpen()) return watchCaptures(id, tries - 1);
  try {
    const fresh = await api.getAnnotation(pageData.annotations_url, id);
    if (!pending(fresh)) {
      store({ ...fresh, anchor: current.anchor, suggestion: current.suggestion });
      return;
    }
  } catch {
    return; // gone or unreachable: the next page load shows the captures
  }
  watchCaptures(id, tries - 1);
}

// --- Re-attach mode: a selection re-attaches a lost highlight instead --------------------------

const reattach = pageData.reattach
  ? enableReattachMode({
      root: textRoot,
      data: pageData.reattach,
      onReattached: ({ annotation: id, start, end }) => {
        const annotation = annotations.get(String(id));
        // An editor may re-attach a highlight the page does not show (a review in progress).
        if (!annotation) return;
        const revision = pageData.article.revision;
        store({ ...annotation, anchor: { revision, start, end, method: "person", confidence: 1 } });
        selectAnnotation(String(id), { flash: true });
      },
    })
  : null;

function reattaching() {
  return reattach !== null && reattach.isActive();
}

// --- Suggestions: underlines, a ranked list, ] and [ between them, Accept ----------------------

const suggestions = pageData.suggestions
  ? createSuggestions({
      root: textRoot,
      section: document.getElementById("suggestions"),
      data: pageData.suggestions,
      annotations: () => Array.from(annotations.values()),
      // Editors and read-only readers see the suggestions but accept none.
      canAccept: () => isEditable() && !reattaching(),
      onAccept: (suggestion) => acceptSuggestion(suggestion),
      announce,
    })
  : null;

function acceptSuggestion(suggestion) {
  // The same selectors a selection of that span would give (whitespace trimmed, context).
  const target = targetFromOffsets(textRoot, suggestion.target.start, suggestion.target.end);
  if (!target) {
    showToast(gettext("This suggestion no longer fits the text. Reload the page."), { error: true });
    return;
  }
  openCreate(target, {
    prefill: {
      kind: suggestion.kind,
      speaker: suggestion.kind === "quote" ? suggestion.speaker || "" : "",
      // The panel says so only when a name is filled in (speaker_sure is false without one).
      speakerUnsure: !suggestion.speaker_sure,
    },
    suggestion: suggestion.id,
    onCancelled: () => suggestions.select(suggestion.id, { focus: true }),
  });
}

// Keys that type nothing in a checkbox, radio or button: `]` right after flipping the switch works.
const NOT_TYPED_IN = new Set(["checkbox", "radio", "button", "submit", "reset"]);

function isTypingText(target) {
  if (target instanceof HTMLInputElement) return !NOT_TYPED_IN.has(target.type);
  return isTyping(target);
}

document.addEventListener("keydown", (event) => {
  const next = isShortcut(event, "]", "BracketRight");
  if (!next && !isShortcut(event, "[", "BracketLeft")) return;
  if (!suggestions?.isOn() || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTypingText(event.target) || panel.isOpen()) return;
  event.preventDefault();
  suggestions.move(next ? 1 : -1);
});

// --- Selection -> Annotate ----------------------------------------------------------------

const annotateButton = createAnnotateButton(document.getElementById("annotate-button"), () => {
  if (pendingTarget) openCreate(pendingTarget);
});

function updateSelection() {
  const hadTarget = pendingTarget !== null;
  pendingTarget = isEditable() && !reattaching() && !panel.isOpen() ? targetFromSelection(textRoot) : null;
  if (!pendingTarget || pointerDown) {
    annotateButton.hide();
    return;
  }
  annotateButton.showAt(selectionEndRect());
  checkedBefore?.lookup(pendingTarget.exact);
  if (!hadTarget) announce(gettext("Text selected. Press A to annotate it."));
}

let selectionFrame = 0;
document.addEventListener("selectionchange", () => {
  cancelAnimationFrame(selectionFrame);
  selectionFrame = requestAnimationFrame(updateSelection);
});
document.addEventListener("pointerdown", (event) => {
  if (event.button === 0 && !event.target.closest("#annotate-button")) pointerDown = true;
});
document.addEventListener("pointerup", () => {
  pointerDown = false;
  requestAnimationFrame(updateSelection);
});
window.addEventListener("resize", () => requestAnimationFrame(updateSelection));

function isTyping(target) {
  return target instanceof Element && (target.closest("input, textarea, select, [contenteditable]") !== null);
}

document.addEventListener("keydown", (event) => {
  if (!isShortcut(event, "a", "KeyA")) return;
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || panel.isOpen()) return;
  if (!isEditable() || reattaching()) return;
  const target = targetFromSelection(textRoot);
  if (!target) return;
  event.preventDefault();
  openCreate(target);
});

// Shift+arrows select in the text, with a visible caret (see keyboard-selection.js).
enableKeyboardSelection(textRoot, document.getElementById("reading-caret"));

function restoreSelection(target) {
  const paragraphs = paragraphsOf(textRoot);
  const startParagraph = paragraphs.find((paragraph) => target.start < paragraph.end);
  const endParagraph = [...paragraphs].reverse().find((paragraph) => target.end > paragraph.start);
  if (!startParagraph || !endParagraph) return;
  const start = domPointInParagraph(startParagraph, target.start);
  const end = domPointInParagraph(endParagraph, target.end, true);
  window.getSelection().setBaseAndExtent(start.node, start.offset, end.node, end.offset);
}

// --- The panel ------------------------------------------------------------------------------


/**
 * The panel for a new highlight on `target`. From a suggestion: `prefill` ({kind, speaker}),
 * `suggestion` (its id, sent with the highlight) and `onCancelled` (where focus goes back).
 */
function openCreate(target, { prefill = null, suggestion = null, onCancelled = null } = {}) {
  annotateButton.hide();
  pendingTarget = null;
  window.getSelection().removeAllRanges();
  // Keep the chosen text visible while the panel is open.
  drawHighlight(textRoot, { id: PENDING_ID, start: target.start, end: target.end, className: "highlight--pending" });
  let createdId = null;
  checkedBefore?.lookup(target.exact);
  panel.open({
    mode: "create",
    exact: target.exact,
    prefill,
    save: async (values) => {
      const created = await api.createAnnotation(pageData.annotations_url, {
        article: pageData.article.id,
        target: { exact: target.exact, prefix: target.prefix, suffix: target.suffix, start: target.start, end: target.end },
        ...values,
        // "This highlight started as that suggestion": counted for the acceptance figures.
        ...(suggestion === null ? {} : { suggestion }),
      });
      removeHighlight(textRoot, PENDING_ID);
      // Keep the link locally too, so the suggestion stays accepted whatever the answer shows.
      createdId = store(suggestion === null ? created : { ...created, suggestion: created.suggestion ?? suggestion });
      watchCaptures(createdId);
    },
    onClose: (reason) => {
      removeHighlight(textRoot, PENDING_ID);
      if (reason === "saved" && createdId) {
        selectAnnotation(createdId, { focusItem: true });
        announce(suggestion === null ? gettext("Highlight saved.") : gettext("Suggestion accepted: highlight saved."));
      } else if (onCancelled) {
        onCancelled();
      } else {
        textRoot.focus({ preventScroll: true });
        restoreSelection(target);
      }
    },
  });
}

function openEdit(id) {
  const annotation = annotations.get(String(id));
  if (!annotation || !isEditable()) return;
  selectAnnotation(id);
  checkedBefore?.lookup(annotation.target.exact);
  panel.open({
    mode: "edit",
    exact: annotation.target.exact,
    annotation,
    save: async (values) => {
      watchCaptures(store(await api.updateAnnotation(pageData.annotations_url, annotation.id, values)));
    },
    onClose: (reason) => {
      selectAnnotation(id, { focusItem: true });
      if (reason === "saved") announce(gettext("Highlight updated."));
    },
  });
}

async function removeAnnotation(id) {
  const annotation = annotations.get(String(id));
  if (!annotation) return;
  const confirmed = await confirmAction({
    title: gettext("Delete this highlight?"),
    text: interpolate(gettext("“%(quote)s” and its verdict, rationale and sources will be deleted."), {
      quote: truncate(annotation.target.exact, 120),
    }),
    confirmLabel: gettext("Delete"),
    danger: true,
  });
  const item = sidebar.itemOf(id);
  const neighbour = item?.nextElementSibling || item?.previousElementSibling;
  if (!confirmed) {
    item?.querySelector('[data-action="delete"]')?.focus();
    return;
  }
  try {
    await api.deleteAnnotation(pageData.annotations_url, annotation.id);
  } catch (error) {
    showToast(error.message, { error: true });
    return;
  }
  removeHighlight(textRoot, String(id));
  annotations.delete(String(id));
  refresh();
  announce(gettext("Highlight deleted."));
  const next = neighbour && sidebar.itemOf(neighbour.dataset.annotationId);
  (next?.querySelector(".annotation-item__main") || document.getElementById("annotations-heading")).focus?.();
}

// --- Clicking a highlight selects it in the sidebar -------------------------------------------

textRoot.addEventListener("click", (event) => {
  if (!window.getSelection().isCollapsed) return;
  const id = highlightIdAt(event.target);
  if (id && id !== PENDING_ID) selectAnnotation(id);
});

// --- Submitting the review ------------------------------------------------------------------

wireSubmitReview(document.getElementById("submit-review"), {
  submitUrl: pageData.review.submit_url,
  mineCount: () => Array.from(annotations.values()).filter((annotation) => annotation.is_mine).length,
  onSubmitted: () => {
    mode = "submitted";
    refresh();
    // Reload: the server now sends the other submitted reviewers' highlights too.
    window.location.reload();
  },
});

// --- Start ------------------------------------------------------------------------------------

for (const annotation of annotations.values()) draw(annotation);
document.getElementById("annotations-heading").tabIndex = -1;
refresh();
document.getElementById("article-page").dataset.ready = "true";
