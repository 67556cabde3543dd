// A button refused as a conflict (templates/annotations/_conflict_banner.html): the page came
// back at the address the button posted to. Give it the object's own address, so that reloading
// shows the object as it is rather than posting the stale button again.

const banner = document.querySelector("#conflict[data-page-url]");

if (banner) {
  window.history.replaceState(null, "", `${banner.dataset.pageUrl}${window.location.hash}`);
}
