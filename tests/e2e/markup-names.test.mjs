// The markup's names in the stylesheet and the scripts: every class, `data-*` attribute,
// `data-action` and `data-nav` value and id that src/style.css, src/element.js and the embed
// entries scripts/finish-pkg.mjs writes (pkg/element.js, pkg/element-hydrate.js) use is one that
// core/src/markup_names.rs declares. CSS and JS cannot import the Rust constants; the core's
// tests record them in core/tests/markup/names.json (core/tests/markup_contract.rs checks that
// file against the module), and this test reads the CSS with lightningcss and the JS with
// vite's parser (an ESTree AST) rather than searching their text.
//
// It needs no browser, only `make build`'s pkg/ for the generated entries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { transform } from "lightningcss";
import { parseAst } from "vite";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const names = JSON.parse(read("core/tests/markup/names.json"));

/** What a stylesheet or script uses: sets of classes, attributes, ids, and attribute values. */
function usage() {
  return { classes: new Set(), attrs: new Set(), ids: new Set(), values: new Map() };
}

function addValue(used, name, value) {
  if (!used.values.has(name)) used.values.set(name, new Set());
  used.values.get(name).add(value);
}

/** Records the simple selectors anywhere in `node` (a lightningcss selector, or any part of one:
 *  :is(), :not(), :has() and the like nest whole selector lists). */
function walkSelector(node, used) {
  if (Array.isArray(node)) {
    for (const item of node) walkSelector(item, used);
    return;
  }
  if (node === null || typeof node !== "object") return;
  if (node.type === "class") used.classes.add(node.name);
  else if (node.type === "id") used.ids.add(node.name);
  else if (node.type === "attribute") {
    used.attrs.add(node.name);
    if (node.operation?.value !== undefined) addValue(used, node.name, node.operation.value);
  }
  for (const value of Object.values(node)) if (typeof value === "object") walkSelector(value, used);
}

/** Parses `css` with lightningcss, recording every selector's names and the attributes that
 *  `attr()` reads in declarations. */
function cssUsage(css, filename, used = usage()) {
  transform({
    filename,
    code: Buffer.from(css),
    errorRecovery: false,
    visitor: {
      Selector(selector) {
        walkSelector(selector, used);
      },
      Function: {
        attr(fn) {
          const name = fn.arguments.find((t) => t.type === "token" && t.value.type === "ident");
          if (name) used.attrs.add(name.value.value);
        },
      },
    },
  });
  return used;
}

const SELECTOR_METHODS = new Set(["querySelector", "querySelectorAll", "closest", "matches"]);
const ATTRIBUTE_METHODS = new Set(["getAttribute", "setAttribute", "hasAttribute", "removeAttribute", "toggleAttribute"]);
const CLASS_METHODS = new Set(["add", "remove", "toggle", "contains", "replace"]);

/** A string argument's value: a literal, or a template without substitutions. */
function stringOf(node) {
  if (node?.type === "Literal" && typeof node.value === "string") return node.value;
  if (node?.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

const memberName = (node) => (node?.type === "MemberExpression" && !node.computed ? node.property.name : undefined);

/** Parses `code` (an ES module) and records the names its DOM calls use: selectors given to
 *  querySelector/closest/matches (read with lightningcss), attribute names given to
 *  get/set/has/remove/toggleAttribute, `dataset.x`, and classList's class names. */
function jsUsage(code, filename, used = usage()) {
  const ast = parseAst(code);
  const selectors = [];
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    if (node.type === "CallExpression") {
      const method = memberName(node.callee);
      const first = stringOf(node.arguments[0]);
      if (first !== undefined && SELECTOR_METHODS.has(method)) selectors.push(first);
      if (first !== undefined && ATTRIBUTE_METHODS.has(method)) used.attrs.add(first);
      if (CLASS_METHODS.has(method) && memberName(node.callee.object) === "classList") {
        for (const arg of node.arguments) if (stringOf(arg) !== undefined) used.classes.add(stringOf(arg));
      }
    }
    if (node.type === "MemberExpression" && memberName(node.object) === "dataset" && !node.computed) {
      used.attrs.add(`data-${node.property.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    }
    for (const [key, value] of Object.entries(node)) if (key !== "parent" && typeof value === "object") visit(value);
  };
  visit(ast);
  // A selector list given to a DOM method is a stylesheet's rule prelude.
  for (const selector of selectors) cssUsage(`${selector} {}`, `${filename}: ${selector}`, used);
  return used;
}

/** Fails with every name `used` has that names.json does not declare. */
function assertDeclared(used, where) {
  const undeclared = [
    ...[...used.classes].filter((c) => !names.class.includes(c)).map((c) => `class .${c}`),
    ...[...used.attrs].filter((a) => a.startsWith("data-") && !names.attr.includes(a)).map((a) => `attribute ${a}`),
    ...[...used.ids].filter((id) => !names.id.includes(id)).map((id) => `id #${id}`),
    ...[...(used.values.get("data-action") ?? [])].filter((v) => !names.action.includes(v)).map((v) => `data-action="${v}"`),
    ...[...(used.values.get("data-nav") ?? [])].filter((v) => !names.nav.includes(v)).map((v) => `data-nav="${v}"`),
    ...[...(used.values.get("data-listen") ?? [])].filter((v) => !names.listen.includes(v)).map((v) => `data-listen="${v}"`),
  ];
  assert.deepEqual(undeclared, [], `${where} uses names core/src/markup_names.rs does not declare (declare them there, and re-record names.json)`);
}

test("names.json holds the names module's lists", () => {
  for (const key of ["class", "attr", "action", "nav", "listen", "id"]) {
    assert.ok(Array.isArray(names[key]) && names[key].length > 0, key);
  }
});

test("src/style.css selects only declared classes, data attributes, actions and ids", () => {
  const used = cssUsage(read("src/style.css"), "style.css");
  // The test reads what it should: the stylesheet's hooks are there.
  for (const name of ["rw", "toc", "toc-disclosure", "section-link"]) assert.ok(used.classes.has(name), name);
  for (const name of ["data-theme", "data-nav", "data-live", "data-text"]) assert.ok(used.attrs.has(name), name);
  assertDeclared(used, "src/style.css");
  // The other way: what script sets on the markup only to change how it looks is styled.
  for (const name of ["data-live", "data-nav", "data-partial", "data-long", "data-step", "data-theme"]) {
    assert.ok(used.attrs.has(name), `style.css selects ${name}, which the markup or the module sets for it`);
  }
  // The read-aloud controls' states that show something other than the reading controls.
  for (const value of ["offer", "no-voice"]) {
    assert.ok(used.values.get("data-listen")?.has(value), `style.css selects data-listen="${value}"`);
  }
  for (const value of names.nav) {
    // data-nav="open" is whatever is not "closed": the stylesheet names the closed state.
    if (value === "closed") assert.ok(used.values.get("data-nav")?.has(value), `style.css selects data-nav="${value}"`);
  }
});

test("src/element.js uses only declared names", () => {
  const used = jsUsage(read("src/element.js"), "element.js");
  assert.ok(used.classes.has("rw"), "the widget's frame is found by its class");
  assertDeclared(used, "src/element.js");
});

test("the embed entries scripts/finish-pkg.mjs writes use only declared names", (t) => {
  const entries = ["pkg/element.js", "pkg/element-hydrate.js"].filter((path) => existsSync(new URL(path, root)));
  assert.ok(entries.length > 0, "pkg/element.js is missing: run `make build` first");
  for (const path of entries) {
    const used = jsUsage(read(path), path);
    assert.ok(used.classes.has("rw") && used.attrs.has("data-markup"), `${path} finds pre-rendered widgets by .rw[data-markup]`);
    assertDeclared(used, path);
  }
});
