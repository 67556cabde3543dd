// The header's nav scrolls sideways when its items do not fit (an editor's nine, in French,
// Spanish or Arabic at a laptop's width): bring the current page's item into view, so the
// reader sees where they are, at either end and in either direction.

const current = document.querySelector('.site-nav__link[aria-current="page"]');
current?.scrollIntoView({ block: "nearest", inline: "nearest" });
