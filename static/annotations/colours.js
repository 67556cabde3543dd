// Verdict colours come from data: set them through the CSSOM, never a style attribute (CSP).

export function applyDataColours(root = document) {
  for (const element of root.querySelectorAll("[data-colour]")) {
    if (/^#[0-9a-fA-F]{6}$/.test(element.dataset.colour)) {
      element.style.setProperty("--verdict-colour", element.dataset.colour);
    }
  }
}
