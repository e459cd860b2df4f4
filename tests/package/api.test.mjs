// npm/element-api.mjs, the one description of <reading-widget>'s surface that the package's
// types and custom-elements.json are written from, held to the code it describes:
// - its attributes are the element class's observedAttributes (src/element.js, read from its
//   syntax tree);
// - its CSS custom properties are the partner-facing `--rw-*` the stylesheet reads
//   (src/style.css, read with lightningcss's visitor);
// - the npm README names every attribute, event and custom property;
// - and pkg/custom-elements.json, when built, is what the generator writes from it.
// Needs no build: node --test tests/package/api.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as acorn from "acorn";
import { transform } from "lightningcss";
import { marked } from "marked";
import * as api from "../../npm/element-api.mjs";
import { customElementsManifest } from "../../scripts/package-manifest.mjs";
import { REPO_ROOT } from "../e2e/server.mjs";

const read = (file) => readFileSync(path.join(REPO_ROOT, file), "utf8");

/** Calls `visit` on every node of an ESTree syntax tree. */
function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => walk(child, visit));
    else if (value && typeof value === "object") walk(value, visit);
  }
}

const elementJs = () => acorn.parse(read("src/element.js"), { ecmaVersion: "latest", sourceType: "module" });

/** `static observedAttributes = [...]` of the class named `name`, wherever it is declared. */
function observedAttributes(tree, name) {
  const found = [];
  walk(tree, (node) => {
    if ((node.type === "ClassDeclaration" || node.type === "ClassExpression") && node.id?.name === name) {
      for (const member of node.body.body) {
        if (member.type === "PropertyDefinition" && member.static && member.key.name === "observedAttributes") {
          found.push(member.value.elements.map((element) => element.value));
        }
      }
    }
  });
  assert.equal(found.length, 1, `src/element.js declares class ${name} with static observedAttributes once`);
  return found[0];
}

/** The string literals passed to `getAttribute(...)` anywhere in the tree. */
function attributesRead(tree) {
  const names = new Set();
  walk(tree, (node) => {
    if (node.type === "CallExpression" && node.callee.property?.name === "getAttribute" && typeof node.arguments[0]?.value === "string") {
      names.add(node.arguments[0].value);
    }
  });
  return names;
}

test("element-api: the attributes are the element's observedAttributes, and those it reads when it needs them", () => {
  const tree = elementJs();
  assert.deepEqual(api.ATTRIBUTES.filter((a) => a.observed !== false).map((a) => a.name), observedAttributes(tree, api.CLASS));
  const read = attributesRead(tree);
  for (const attribute of api.ATTRIBUTES.filter((a) => a.observed === false)) assert.ok(read.has(attribute.name), `element.js reads ${attribute.name}`);
  for (const attribute of api.ATTRIBUTES.filter((a) => a.property)) assert.equal(attribute.property, api.camel(attribute.name));
});

test("element-api: the CSS custom properties are the ones the stylesheet reads", () => {
  const used = new Set();
  transform({
    filename: "style.css",
    code: Buffer.from(read("src/style.css")),
    visitor: {
      Variable(variable) {
        used.add(variable.name.ident);
      },
    },
  });
  const partnerFacing = [...used].filter((name) => name.startsWith("--rw-")).sort();
  assert.deepEqual([...api.CSS_PROPERTIES.map((p) => p.name), ...api.INTERNAL_CSS_PROPERTIES].sort(), partnerFacing);
});

test("element-api: the npm README names every attribute, event and custom property", () => {
  const code = new Set();
  marked.walkTokens(marked.lexer(read("npm/README.md")), (token) => {
    if (token.type === "codespan") code.add(token.text.replace(/&quot;/g, '"'));
  });
  const names = [...api.ATTRIBUTES.map((a) => a.name), ...api.EVENTS.map((e) => e.name), ...api.CSS_PROPERTIES.map((p) => p.name)];
  assert.deepEqual(names.filter((name) => !code.has(name)), []);
});

test("element-api: custom-elements.json lists the attributes, properties, events and custom properties", () => {
  const manifest = customElementsManifest();
  const [element] = manifest.modules.flatMap((m) => m.declarations);
  assert.equal(element.tagName, api.TAG);
  assert.deepEqual(element.attributes.map((a) => a.name), api.ATTRIBUTES.map((a) => a.name));
  assert.deepEqual(element.events.map((e) => e.name), ["fontstepchange", "settingschange", "sectionchange", "error"]);
  assert.ok(element.members.some((m) => m.name === "widget" && m.readonly));
  assert.deepEqual(element.cssProperties.map((p) => p.name), api.CSS_PROPERTIES.map((p) => p.name));
  assert.deepEqual(element.cssParts, []);
  const built = path.join(REPO_ROOT, "pkg/custom-elements.json");
  if (existsSync(built)) assert.deepEqual(JSON.parse(readFileSync(built, "utf8")), manifest, "pkg/ is as the generator writes it");
});
