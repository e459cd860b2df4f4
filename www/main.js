// The host page: mounts the widget with the embedded article, and remounts it when the demo's
// language or theme changes. A partner needs only the first three lines.
import init, { mount } from "../pkg/reading_widget.js";

await init();
const target = document.getElementById("reader");
const params = new URLSearchParams(location.search);
const lang = document.getElementById("lang");
const theme = document.getElementById("theme");
lang.value = params.get("lang") ?? "";
theme.value = params.get("theme") ?? "auto";

let widget = null;
function render() {
  // The built-in article is articles/sample.md: its editions and its series' other part are
  // beside it, and are shown in place when the reader picks one.
  const options = { theme: theme.value, baseUrl: new URL("../articles/sample.md", location.href).href };
  if (lang.value) options.lang = lang.value;
  widget?.destroy();
  widget = mount(target, options);
  window.widget = widget; // for the console and the end-to-end test
}

for (const control of [lang, theme]) {
  control.addEventListener("change", () => {
    params.set(control.id, control.value);
    history.replaceState(null, "", `?${params}${location.hash}`);
    render();
  });
}
render();
