// The header's nav, every item in sight at every width (walk 18, findings 2 and 6): beside the
// brand where it fits on that row; on a row of its own, wrapping, where it does not (an editor's
// nine items, or French, Spanish, Arabic); behind a menu button on a narrow screen. The header's
// height, which that second row changes, is published as --header-height for the sticky
// sidebars under it.

const NARROW = window.matchMedia("(max-width: 720px)");
const STACKED = "site-header--stacked";

const header = document.querySelector(".site-header");
const nav = header?.querySelector(".site-nav");
const toggle = nav?.querySelector(".site-nav__toggle");
const links = nav ? [...nav.querySelectorAll(".site-nav__link")] : [];

function setOpen(open) {
  toggle.setAttribute("aria-expanded", String(open));
}

function isOpen() {
  return toggle.getAttribute("aria-expanded") === "true";
}

// Beside the brand, the list wraps when it is short of room: then its last item sits lower
// than its first, and the nav takes a row of its own.
function layOut() {
  header.classList.remove(STACKED);
  if (NARROW.matches) return;
  const first = links[0].getBoundingClientRect();
  const last = links[links.length - 1].getBoundingClientRect();
  if (last.top > first.top + 1) header.classList.add(STACKED);
}

function publishHeight() {
  const height = header.getBoundingClientRect().height;
  document.documentElement.style.setProperty("--header-height", `${Math.round(height)}px`);
}

if (toggle && links.length) {
  toggle.hidden = false;
  toggle.addEventListener("click", () => setOpen(!isOpen()));
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      toggle.focus();
    }
  });
  // Leaving the menu, by a click elsewhere or by tabbing past its last item, closes it.
  document.addEventListener("click", (event) => {
    if (isOpen() && !nav.contains(event.target)) setOpen(false);
  });
  nav.addEventListener("focusout", (event) => {
    if (isOpen() && event.relatedTarget && !nav.contains(event.relatedTarget)) setOpen(false);
  });
  NARROW.addEventListener("change", () => setOpen(false));

  layOut();
  window.addEventListener("resize", layOut);
  document.fonts?.ready.then(layOut);
  new ResizeObserver(publishHeight).observe(header);
}
