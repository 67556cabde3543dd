// The article page's one-key shortcuts (`]`, `[`, A) on any keyboard layout. A key is matched
// by the character it types; failing that, on a layout that types no ASCII character there
// (Arabic, Russian, Greek…: `]` types د on an Arabic keyboard), by its place on the keyboard
// (event.code). The place alone would misfire on Latin layouts that move keys: on a French
// keyboard the key at A's US place types Q, and pressing it must not annotate.

const ASCII = /^[\x20-\x7e]$/;

/** Whether `event` is the shortcut typing `character` (either case), whose US-layout key is `code`. */
export function isShortcut(event, character, code) {
  if (event.key.toLowerCase() === character) return true;
  const typed = Array.from(event.key);
  return event.code === code && typed.length === 1 && !ASCII.test(event.key);
}
