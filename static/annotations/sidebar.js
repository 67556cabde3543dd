// The sidebar: the highlights in text order, each with its verdict, quote and rationale,
// Edit/Delete for the reviewer's own while the review is open, and "Details": the whole quote,
// rationale and sources (address, title, stance), read-only, which stays once the review is
// submitted and Edit has gone.

import { formatNumber, gettext, interpolate, ngettext } from "./i18n.js";

const QUOTE_LENGTH = 140;
const RATIONALE_LENGTH = 160;

/** At most `length` characters of the text, an ellipsis marking a cut. */
export function truncate(text, length) {
  const characters = Array.from(text || "");
  return characters.length > length ? `${characters.slice(0, length).join("").trimEnd()}…` : characters.join("");
}

const STANCES = {
  supports: gettext("Supports the claim"),
  refutes: gettext("Refutes the claim"),
  context: gettext("Gives context"),
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "2 sources · 1 archived, 1 being archived": how many sources, and their archived copies. */
export function sourcesSummary(sources) {
  const count = interpolate(ngettext("%(count)s source", "%(count)s sources", sources.length), {
    count: sources.length,
  });
  const byStatus = { captured: 0, pending: 0, failed: 0 };
  for (const source of sources) if (source.capture) byStatus[source.capture.status] += 1;
  const parts = [
    byStatus.captured &&
      interpolate(ngettext("%(count)s archived", "%(count)s archived", byStatus.captured), { count: byStatus.captured }),
    byStatus.pending &&
      interpolate(ngettext("%(count)s being archived", "%(count)s being archived", byStatus.pending), {
        count: byStatus.pending,
      }),
    byStatus.failed &&
      interpolate(ngettext("%(count)s not archived", "%(count)s not archived", byStatus.failed), {
        count: byStatus.failed,
      }),
  ].filter(Boolean);
  return parts.length
    ? interpolate(gettext("%(sources)s · %(captures)s"), { sources: count, captures: parts.join(gettext(", ")) })
    : count;
}

export function byTextOrder(a, b) {
  return a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end || a.id - b.id;
}

export function createSidebar({ list, unplacedList, unplacedSection, emptyNote, count, labels, claimChanges = {}, onSelect, onEdit, onDelete }) {
  const labelsBySlug = new Map(labels.map((label) => [label.slug, label]));

  function renderItem(annotation, editable) {
    const label = labelsBySlug.get(annotation.verdict);
    const item = element("li", `annotation-item${annotation.is_mine ? " annotation-item--mine" : ""}`);
    item.dataset.annotationId = String(annotation.id);
    if (label) item.style.setProperty("--verdict-colour", label.colour);

    const main = element("button", "annotation-item__main");
    main.type = "button";
    main.dataset.action = "select";
    const meta = element("span", "annotation-item__meta");
    meta.append(element("span", "annotation-item__kind", annotation.kind === "quote" ? gettext("Quote") : gettext("Claim")));
    const chip = element("span", "chip");
    chip.append(element("span", "swatch"), document.createTextNode(label ? label.name : annotation.verdict));
    meta.append(chip);
    if (annotation.anchor && annotation.anchor.method === "person") {
      // A revision lost the passage and someone chose the new one.
      const moved = element("span", "annotation-item__moved", gettext("Re-attached"));
      moved.title = gettext("The article text changed; this highlight was re-attached to its passage by hand.");
      meta.append(moved);
    } else if (annotation.anchor && annotation.anchor.change) {
      // Only where the passage now reads differently: a highlight carried unchanged through
      // an edit elsewhere in the article gets no mark.
      const moved = element(
        "span",
        "annotation-item__moved",
        interpolate(gettext("Passage changed: %(change)s"), { change: annotation.anchor.change }),
      );
      moved.title = gettext("The article text changed under this highlight since it was made.");
      meta.append(moved);
    }
    const claimChange = claimChanges[String(annotation.id)];
    if (claimChange) {
      // Editors: the passage's facts changed under the unit's verdict.
      // A span, not a link: the item is a button. The banner above the article links to it.
      const flag = element(
        "span",
        "annotation-item__claim-changed",
        interpolate(gettext("Claim changed: %(change)s"), { change: claimChange }),
      );
      flag.title = gettext("The verdict was given on other numbers, dates or names: see the banner above the article.");
      meta.append(flag);
    }
    if (!annotation.is_mine) meta.append(element("span", "annotation-item__reviewer", interpolate(gettext("by %(reviewer)s"), { reviewer: annotation.reviewer })));
    main.append(meta);
    const quote = element("span", "annotation-item__quote", truncate(annotation.target.exact, QUOTE_LENGTH));
    // The passage runs the way its own text does (Arabic right to left), whatever the sidebar's.
    quote.dir = "auto";
    main.append(quote);
    if (annotation.kind === "quote" && annotation.speaker) {
      main.append(element("span", "annotation-item__speaker", `— ${annotation.speaker}`));
    }
    if (annotation.rationale) {
      main.append(element("span", "annotation-item__rationale", truncate(annotation.rationale, RATIONALE_LENGTH)));
    }
    main.append(element("span", "annotation-item__sources", sourcesSummary(annotation.sources)));
    item.append(main, renderDetails(annotation));

    if (editable && annotation.is_mine) {
      const actions = element("div", "annotation-item__actions");
      const edit = element("button", "button button--ghost button--small", gettext("Edit"));
      edit.type = "button";
      edit.dataset.action = "edit";
      edit.setAttribute(
        "aria-label",
        interpolate(gettext("Edit highlight: %(quote)s"), { quote: truncate(annotation.target.exact, 40) }),
      );
      const remove = element("button", "button button--ghost button--small button--danger", gettext("Delete"));
      remove.type = "button";
      remove.dataset.action = "delete";
      remove.setAttribute(
        "aria-label",
        interpolate(gettext("Delete highlight: %(quote)s"), { quote: truncate(annotation.target.exact, 40) }),
      );
      actions.append(edit, remove);
      item.append(actions);
    }
    return item;
  }

  /** The highlight in full, read-only: a disclosure the keyboard opens like any other. */
  function renderDetails(annotation) {
    const details = element("details", "annotation-details");
    const summary = element("summary", "annotation-details__summary", gettext("Details"));
    summary.setAttribute(
      "aria-label",
      interpolate(gettext("Details of the highlight: %(quote)s"), { quote: truncate(annotation.target.exact, 40) }),
    );
    const body = element("dl", "annotation-details__body");
    const entry = (term, ...descriptions) => {
      if (!descriptions.length) return;
      body.append(element("dt", "", term));
      for (const description of descriptions) {
        const node = typeof description === "string" ? element("dd", "", description) : description;
        body.append(node);
      }
    };
    const passage = element("dd", "", annotation.target.exact);
    passage.dir = "auto";
    entry(gettext("Passage"), passage);
    if (annotation.kind === "quote" && annotation.speaker) entry(gettext("Speaker"), annotation.speaker);
    entry(gettext("Rationale"), annotation.rationale || gettext("None given."));
    entry(
      gettext("Sources"),
      ...(annotation.sources.length ? annotation.sources.map(renderSource) : [gettext("None given.")]),
    );
    details.append(summary, body);
    return details;
  }

  function renderSource(source) {
    const node = element("dd", "annotation-details__source");
    const link = element("a", "annotation-details__link", source.title || source.url);
    link.href = source.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    node.append(link);
    if (source.title) node.append(element("span", "annotation-details__url", source.url));
    node.append(element("span", "annotation-details__stance", STANCES[source.stance] || source.stance));
    if (source.passage) node.append(element("q", "annotation-details__passage", source.passage));
    return node;
  }

  function render(annotations, { editable }) {
    const placed = annotations.filter((annotation) => annotation.anchor).sort(byTextOrder);
    const unplaced = annotations.filter((annotation) => !annotation.anchor);
    list.replaceChildren(...placed.map((annotation) => renderItem(annotation, editable)));
    unplacedList.replaceChildren(...unplaced.map((annotation) => renderItem(annotation, editable)));
    unplacedSection.hidden = unplaced.length === 0;
    emptyNote.hidden = annotations.length > 0;
    count.textContent = formatNumber(annotations.length);
  }

  function itemOf(id) {
    return [list, unplacedList]
      .map((container) => container.querySelector(`[data-annotation-id="${CSS.escape(String(id))}"]`))
      .find(Boolean);
  }

  function select(id, { focus = false } = {}) {
    for (const selected of document.querySelectorAll(".annotation-item.is-selected")) selected.classList.remove("is-selected");
    const item = id === null ? null : itemOf(id);
    if (!item) return;
    item.classList.add("is-selected");
    item.scrollIntoView({ block: "nearest" });
    if (focus) item.querySelector(".annotation-item__main").focus({ preventScroll: true });
  }

  function onClick(event) {
    const button = event.target.closest("button[data-action]");
    const item = event.target.closest(".annotation-item");
    if (!button || !item) return;
    const id = item.dataset.annotationId;
    if (button.dataset.action === "select") onSelect(id);
    if (button.dataset.action === "edit") onEdit(id);
    if (button.dataset.action === "delete") onDelete(id);
  }
  list.addEventListener("click", onClick);
  unplacedList.addEventListener("click", onClick);

  return { render, select, itemOf };
}
