// Minifies src/style.css (lightningcss) into target/style.min.css (and its light-DOM article
// rules into target/style-light.min.css), before the module is built:
// `make build` compiles that copy into the module (READING_WIDGET_CSS, see build.rs) and ships it
// as pkg/reading-widget.css for pre-rendered pages, so both carry the same bytes. The source keeps
// its comments, which are half of its size.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { transform } from "lightningcss";
import { lightCss } from "./light-css.mjs";

const root = new URL("../", import.meta.url);
// Engines from 2024 on (light-dark(), declarative shadow DOM everywhere): lightningcss keeps what
// they need, adds prefixes (width: stretch) and leaves the stylesheet's own fallbacks alone.
const version = (major, minor = 0) => (major << 16) | (minor << 8);
const targets = { chrome: version(123), edge: version(123), firefox: version(120), safari: version(17, 5), ios_saf: version(17, 5) };
const source = readFileSync(new URL("src/style.css", root));
const { code } = transform({ filename: "style.css", code: source, minify: true, targets });
mkdirSync(new URL("target/", root), { recursive: true });
writeFileSync(new URL("target/style.min.css", root), code);
// The article's rules for content="light", scoped to the light-DOM wrapper (scripts/light-css.mjs):
// compiled in too (READING_WIDGET_LIGHT_CSS) for mounted light widgets, and shipped as
// pkg/reading-widget-light.css for pre-rendered ones.
writeFileSync(new URL("target/style-light.min.css", root), lightCss(source.toString(), targets));
