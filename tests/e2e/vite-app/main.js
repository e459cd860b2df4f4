// An app that depends on the package by name, as a partner's bundled code would. The name is
// resolved by the alias in vite.config.mjs (the package is not installed in node_modules).
import init, { mount } from "reading-widget";

await init();
window.widget = mount(document.getElementById("reader"), {
  markdown: "+++\ntitle = \"Bundled with Vite\"\n+++\n\nIntro.\n\n## One\n\nText.\n\n## Two\n\nMore text.\n",
  storageKey: false,
});
document.documentElement.dataset.ready = "true";
