// The interface's strings in scripts, in the reader's language. Every desk page loads Django's
// JavaScript catalogue (/i18n/catalogue.js, which defines `django`) before its modules; `make
// messages` extracts the literal strings passed to gettext, ngettext and pgettext in any script.
// Without the catalogue (a page that does not load it) the English source text is used.
//
//   gettext("Save")
//   interpolate(ngettext("%(count)s highlight", "%(count)s highlights", n), { count: n })

const catalogue = globalThis.django;

export function gettext(text) {
  return catalogue ? catalogue.gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  if (catalogue) return catalogue.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

export function pgettext(context, text) {
  return catalogue ? catalogue.pgettext(context, text) : text;
}

// Named placeholders only (%(name)s): translators may reorder them.
export function interpolate(format, values) {
  return format.replace(/%\((\w+)\)s/g, (whole, name) =>
    name in values ? String(values[name]) : whole,
  );
}

// Numbers as the interface's language writes them, in Western digits as Django's formats write
// them on the server (Intl would give Arabic-Indic digits for "ar": one page, one kind of digit).
// The server's marks are these (factcheck/formats/): thousands are grouped from the fourth digit
// on both sides ("always"; Spanish alone would otherwise wait for the fifth).
export function formatNumber(value, options = {}) {
  const language = document.documentElement.lang || "en";
  return new Intl.NumberFormat(language, { numberingSystem: "latn", useGrouping: "always", ...options }).format(value);
}
