// Good usages: all of these compile.
import init, { mount, type MountOptions, type Widget } from "reading-widget";
import { mount as hydrateMount } from "reading-widget/hydrate";
import type { FontStep, ReadingWidgetElement } from "reading-widget/element";
import "reading-widget/element";

await init();
const options: MountOptions = { markdown: "# Hi", theme: "sepia", fontStep: 4, lang: "ko", storageKey: false };
const widget: Widget = mount(document.body, options);
const step: 1 | 2 | 3 | 4 | 5 = widget.fontStep;
widget.setFontStep(step);
widget.sections().map((section) => `${section.id} ${section.title} ${section.level}`);
{
  using scoped = mount(document.body, { markdown: "# Scoped" });
  scoped.scrollToTop();
}
widget.free();

// The hydrate-only build declares the same options (it was `any` when MountOptions was undeclared).
hydrateMount(document.body, { theme: "dark" });

const reader = document.querySelector("reading-widget");
const typed: ReadingWidgetElement | null = reader;
if (typed) {
  typed.theme = "dark";
  typed.fontStep = 2;
  typed.widget?.setFontStep(5);
  typed.addEventListener("fontstepchange", (event) => {
    const s: FontStep = event.detail.step;
    console.log(s);
  });
  typed.addEventListener("sectionchange", (event) => console.log(event.detail.id?.toUpperCase()));
  typed.addEventListener("error", (event) => console.log(event.detail.message));
  typed.addEventListener("click", (event) => console.log(event.clientX));
}
const created: ReadingWidgetElement = document.createElement("reading-widget");
created.setAttribute("font-step", "4");
