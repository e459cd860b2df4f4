// Bad usages: each line marked `expect TSnnnn` must fail with that error, and nothing else may.
import { mount } from "reading-widget";
import { mount as hydrateMount } from "reading-widget/hydrate";
import "reading-widget/element";

mount(document.body, { theme: "blue" }); // expect TS2322
mount(document.body, { fontStep: 9 }); // expect TS2322
mount(document.body, { colour: "red" }); // expect TS2353
hydrateMount(document.body, { theme: "nope" }); // expect TS2322
const widget = mount(document.body);
widget.setFontStep(6); // expect TS2345
const step: 1 | 2 | 3 = widget.fontStep; // expect TS2322
widget.start(); // expect TS2339

const reader = document.querySelector("reading-widget")!;
reader.theme = "blue"; // expect TS2322
reader.addEventListener("fontstepchange", (event) => event.detail.stepp); // expect TS2551
reader.addEventListener("fontstepchang", (event) => event.detail); // expect TS2339
reader.addEventListener("sectionchange", (event) => event.detail.id.length); // expect TS18047
export { step };
