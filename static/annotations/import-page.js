// The import page: turns the three stacked choices (paste, upload, URL) into tabs. Without
// JavaScript the three stay stacked and the form works the same. Fields of the hidden tabs are
// disabled, so only the chosen one is sent; the form's `source_tab` says which it was, so that
// the page comes back on the same tab (and an empty form's error sits there).

import { gettext } from "./i18n.js";

const container = document.querySelector("[data-source-choice]");

if (container) {
  const tablist = container.querySelector("[data-tablist]");
  const tabs = Array.from(tablist.querySelectorAll("[data-tab]"));
  const panels = new Map(Array.from(container.querySelectorAll("[data-panel]"), (panel) => [panel.dataset.panel, panel]));

  const tabField = container.closest("form")?.querySelector("input[name=source_tab]");

  function choose(name, { focus = false } = {}) {
    if (tabField) tabField.value = name;
    for (const tab of tabs) {
      const selected = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) tab.focus();
    }
    for (const [panelName, panel] of panels) {
      const active = panelName === name;
      panel.hidden = !active;
      for (const input of panel.querySelectorAll("input, textarea, select")) input.disabled = !active;
    }
  }

  tablist.setAttribute("role", "tablist");
  tablist.setAttribute("aria-label", gettext("How to provide the text"));
  tabs.forEach((tab) => {
    tab.setAttribute("role", "tab");
    tab.id = `tab-${tab.dataset.tab}`;
    const panel = panels.get(tab.dataset.tab);
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.removeAttribute("aria-label");
    tab.addEventListener("click", () => choose(tab.dataset.tab));
  });
  tablist.addEventListener("keydown", (event) => {
    const index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[(index + moves[event.key] + tabs.length) % tabs.length];
    choose(next.dataset.tab, { focus: true });
  });

  tablist.hidden = false;
  container.classList.add("is-enhanced");
  choose(panels.has(container.dataset.initial) ? container.dataset.initial : "text");
}
