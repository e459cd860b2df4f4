// Hardening tests of the widget in headless Chromium (release build in pkg/): every XSS payload of
// core/tests/xss/payloads.toml mounted, hovered, focused and clicked under traps; bad values of every
// type at the JS boundary; pathological Markdown; broken, hostile and missing localStorage; and a
// sandboxed iframe with an opaque origin. Run from the repository root with
// `node --test tests/e2e/` (after `wasm-pack build --release --target web && node scripts/finish-pkg.mjs`).
//
// Like the other e2e files: every test opens its own browser context and fails on any uncaught
// page error, console error or failed request it did not expect. Comments marked
// "Regression (fixed)" describe bugs these tests found; the assertions keep them fixed.
//
// Fixture pages are tests/e2e/fixtures/hardening-*; hardening-harness.js initialises the module,
// registers <reading-widget> and exposes the API as window.rw.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathOf } from "./chromium.mjs";
import { parse as parseToml } from "smol-toml";
import { startServer, REPO_ROOT } from "./server.mjs";
import { DEFAULT_STORAGE_KEY, FIXTURES, HEADING_GAP, PX, nextFrames, useBrowser, waitForCurrentLink, xssCorpus } from "./support.mjs";

const PAGE = `${FIXTURES}/hardening-page.html`;
const SANDBOX = `${FIXTURES}/hardening-sandbox.html`;
const FRAME = `${FIXTURES}/hardening-frame.html`;
// The recommended policy (README, SECURITY.md).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
// On the hardening page, in report-only mode: anything from an article that tried to run script,
// apply an inline style, embed, frame or submit would be reported as a violation (and fail the
// test), without the policy itself hiding it.
const REPORT_ONLY =
  "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; frame-src 'none'; " +
  "child-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'; manifest-src 'none'";
// A 1×1 transparent GIF, served for article images from other hosts.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

// A short article with sections, for the boundary and storage tests.
const SHORT_MD = [
  "+++",
  'title = "Hardening"',
  "+++",
  "",
  "Intro.",
  ...["Alpha", "Beta", "Gamma"].flatMap((name) => [
    "",
    `## ${name}`,
    "",
    ...Array.from({ length: 5 }, (_, i) => `Paragraph ${i + 1} of ${name}. ${"Some words to fill the line. ".repeat(8)}\n`),
  ]),
].join("\n");

// The sandboxed frame has an opaque origin, so its module, its wasm and its own script are
// cross-origin (CORS) requests: those answer with Access-Control-Allow-Origin.
const env = useBrowser({
  pkgFiles: ["reading_widget_bg.wasm", "reading_widget.js", "element.js"],
  headers: (pathname) => ({
    ...(pathname.startsWith("/pkg/") || pathname.startsWith(`${FIXTURES}/hardening-`) ? { "Access-Control-Allow-Origin": "*" } : {}),
    ...(pathname === PAGE ? { "Content-Security-Policy-Report-Only": REPORT_ONLY } : {}),
  }),
});

// ---- Helpers ----------------------------------------------------------------------------

/** Opens `url` as env.open does; a dialog or a popup is a problem too (a payload that ran). */
const open = (t, url, options) => env.open(t, url, { watchDialogs: true, ...options });

/** Rejects after `ms` with a message naming `what` (a sanity cap, never a timing assertion). */
function withCap(promise, limit, what) {
  let timer;
  const cap = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${limit / 1000} s`)), limit);
  });
  return Promise.race([promise, cap]).finally(() => clearTimeout(timer));
}

const ms = (n) => `${n.toFixed(0)} ms`;

// ---- 1. XSS in a real browser -------------------------------------------------------------

// What the widget's markup may contain, shared with core/tests/xss/check.rs and the fuzz target.
// The browser also sees what the widget's script sets after mounting (`run_time`).
const ALLOWLIST = parseToml(await readFile(path.join(REPO_ROOT, "core/tests/xss/allowlist.toml"), "utf8"));

/**
 * Installed before any page script (addInitScript): traps for everything a payload that ran
 * would most likely call, a securitypolicyviolation listener, a click guard that records where a
 * link would have gone (and stops the navigation unless a test allows it), and `__inspect`, the
 * DOM check run on every rendered widget.
 */
function installTraps(config) {
  const pwned = [];
  Object.defineProperty(window, "__pwned", { value: pwned, writable: false, configurable: false });
  const note = (what, detail) => pwned.push({ what, detail: String(detail).slice(0, 300), at: location.href });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    Object.defineProperty(window, name, {
      value: (...args) => void note(name, args.map(String).join(", ")),
      writable: false,
      configurable: false,
    });
  }
  Object.defineProperty(window, "open", {
    value: (...args) => {
      note("open", args.map(String).join(", "));
      return null;
    },
    writable: false,
    configurable: false,
  });
  // Payloads in the corpus that reach for these would show up here, whatever they are wrapped in.
  for (const name of ["pwned", "xss"]) {
    Object.defineProperty(window, name, { get: () => void note(`read window.${name}`, ""), set: (v) => note(`set window.${name}`, v) });
  }
  document.addEventListener(
    "securitypolicyviolation",
    (e) => {
      // mount() reads an article's raw HTML with the browser's parser, in an inert <template>
      // (src/raw_tokens.rs): an `on…` or `style` attribute the author wrote is reported there,
      // from inside the module's glue, before the allowlist drops it. Nothing runs or applies in
      // a template's content (no event reaches it, nothing is styled, no image loads); a handler
      // that ran would be reported from the page instead.
      const inTemplate = ["script-src-attr", "style-src-attr"].includes(e.violatedDirective) && e.blockedURI === "inline" && /\/pkg\/reading_widget\.js$/.test(e.sourceFile);
      if (!inTemplate) note("securitypolicyviolation", `${e.violatedDirective} blocked=${e.blockedURI} sample=${e.sample} source=${e.sourceFile}:${e.lineNumber}`);
    },
    true,
  );

  // Where every clicked link would have gone. Runs after the widget's own listener (bubbling,
  // on window); a navigation away is stopped unless window.__allowNavigation is set.
  window.__wouldNavigate = [];
  window.__allowNavigation = false;
  window.addEventListener("click", (event) => {
    const link = event.composedPath().find((n) => n instanceof Element && n.localName === "a" && n.hasAttribute("href"));
    if (!link || event.defaultPrevented) return;
    window.__wouldNavigate.push({ raw: link.getAttribute("href"), resolved: link.href, protocol: link.protocol });
    if (!window.__allowNavigation) event.preventDefault();
  });

  const forbidden = new Set(config.forbidden);
  const allowedElements = new Set(config.allowedElements);
  const allowedAttributes = new Set(config.allowedAttributes);
  const urlAttributes = new Set(config.urlAttributes);
  const XHTML = "http://www.w3.org/1999/xhtml";
  // As the browser's URL parser sees a URL before it reads the scheme.
  const normalise = (url) => url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "").toLowerCase();

  /** Every problem with what `root` (a widget's shadow root) shows, as strings. */
  window.__inspect = (root, { text = [], absent = [], page = true } = {}) => {
    const problems = [];
    // As core/tests/xss.rs does: `absent` is checked against the article body, or the whole widget
    // for cases marked `in = "page"`.
    const html = page ? root.innerHTML : (root.querySelector(".body")?.innerHTML ?? "");
    for (const bad of absent) {
      // Only tag openers: the serializer escapes "<" in text, so they are exact.
      if (bad.startsWith("<") && html.toLowerCase().includes(bad.toLowerCase())) problems.push(`markup contains ${JSON.stringify(bad)}`);
    }
    if (root.childElementCount !== 1 || !root.firstElementChild.classList.contains("rw")) {
      problems.push(`the shadow root holds ${root.childElementCount} top-level element(s), not the widget's one .rw`);
    }
    for (const el of root.querySelectorAll("*")) {
      const name = el.localName;
      if (el.namespaceURI !== XHTML) problems.push(`<${name}> in namespace ${el.namespaceURI}`);
      if (forbidden.has(name)) problems.push(`script-capable <${name}>`);
      else if (!allowedElements.has(name)) problems.push(`unexpected element <${name}>`);
      if (el.shadowRoot) problems.push(`<${name}> has a shadow root of its own`);
      for (const attr of el.attributes) {
        const attrName = attr.name.toLowerCase();
        const where = `${attr.name}=${JSON.stringify(attr.value.slice(0, 80))} on <${name}>`;
        if (attrName.startsWith("on")) problems.push(`event handler ${where}`);
        else if (!allowedAttributes.has(attrName)) problems.push(`unexpected attribute ${where}`);
        if (urlAttributes.has(attrName) || attrName.endsWith("href")) {
          if (/^(javascript|vbscript|data|livescript|mocha):/.test(normalise(attr.value))) problems.push(`script URL ${where}`);
          if (/(javascript|vbscript|expression\s*\(|url\s*\()/i.test(attr.value) && attrName === "style") problems.push(`scripted style ${where}`);
        }
        if (attrName === "srcdoc" || attrName === "srcset") problems.push(`${where}`);
      }
      // What the browser itself resolved the URLs to.
      if (name === "a" && el.hasAttribute("href") && !["http:", "https:", "mailto:"].includes(el.protocol)) {
        problems.push(`link resolves to ${el.protocol} (${JSON.stringify(el.getAttribute("href"))})`);
      }
      if (name === "img" && el.hasAttribute("src") && !/^https?:$/.test(new URL(el.getAttribute("src"), document.baseURI).protocol)) {
        problems.push(`image resolves to ${new URL(el.getAttribute("src"), document.baseURI).protocol}`);
      }
      if (name === "a" && el.hasAttribute("target")) problems.push(`link with target=${el.getAttribute("target")}`);
    }
    const article = root.querySelector("article");
    const seen = (article ?? root).textContent;
    for (const want of text) {
      if (!seen.includes(want)) problems.push(`the reader does not see ${JSON.stringify(want)} (article text: ${JSON.stringify(seen.slice(0, 200))})`);
    }
    return problems;
  };
}

const TRAP_CONFIG = {
  forbidden: ALLOWLIST.script_capable,
  allowedElements: [...ALLOWLIST.body.elements, ...ALLOWLIST.chrome.elements],
  allowedAttributes: [...ALLOWLIST.body.attributes, ...ALLOWLIST.chrome.attributes, ...ALLOWLIST.run_time.attributes],
  urlAttributes: ALLOWLIST.url_attributes,
};


/**
 * Mounts every case of `cases` into its own <section data-case=…> and inspects it; then hovers,
 * focuses and clicks (with synthetic events) every element of each article and its navigation,
 * and inspects again. Returns per-case problems and what was exercised.
 */
function mountAndPoke(page, cases) {
  return page.evaluate(async (cases) => {
    const main = document.getElementById("main");
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const results = [];
    for (const c of cases) {
      const result = { index: c.index, name: c.name, problems: [], pokes: 0 };
      results.push(result);
      const host = document.createElement("section");
      host.dataset.case = String(c.index);
      main.append(host);
      if (c.error) {
        // Rendering is refused: mount() throws a readable Error, and <reading-widget> shows it.
        try {
          rw.mount(host, { markdown: c.markdown, storageKey: false });
          result.problems.push("mount() accepted an article it should refuse");
        } catch (error) {
          if (!(error instanceof Error)) result.problems.push(`mount() threw a non-Error: ${String(error)}`);
          else if (!/^mount: options\.markdown: front matter, line \d+:/.test(error.message)) result.problems.push(`unclear error: ${error.message}`);
          result.error = error.message;
        }
        host.remove();
        const el = document.createElement("reading-widget");
        el.dataset.case = String(c.index);
        const script = document.createElement("script");
        script.type = "text/markdown";
        script.textContent = c.markdown;
        el.append(script);
        const failed = new Promise((resolve) => el.addEventListener("error", (e) => resolve(e.detail?.message), { once: true }));
        main.append(el);
        const message = await Promise.race([failed, new Promise((r) => setTimeout(() => r(null), 3000))]);
        if (message === null) result.problems.push("<reading-widget> fired no error event");
        const alert = el.shadowRoot?.querySelector(".rw [role=alert]");
        if (!alert) result.problems.push("<reading-widget> shows no alert");
        else if (!alert.textContent.includes("front matter, line")) result.problems.push(`alert text: ${alert.textContent}`);
        if (el.shadowRoot) result.problems.push(...window.__inspect(el.shadowRoot, { absent: c.absent }));
        continue;
      }
      let widget;
      try {
        widget = rw.mount(host, { markdown: c.markdown, storageKey: false });
      } catch (error) {
        result.problems.push(`mount() threw: ${error?.message ?? error}`);
        continue;
      }
      host.widget = widget;
      const root = host.shadowRoot;
      result.problems.push(...window.__inspect(root, { text: c.text, absent: c.absent, page: c.page }).map((p) => `before interaction: ${p}`));
      // Everything in the article (masthead, body, colophon) and the section links.
      const targets = [...root.querySelectorAll("article *, nav a")];
      for (const el of targets) {
        for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove", "pointerdown", "mousedown", "pointerup", "mouseup"]) {
          el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, view: window }));
        }
        el.focus?.();
        el.dispatchEvent(new FocusEvent("focusin", { bubbles: true, composed: true }));
        el.click?.();
        el.dispatchEvent(new MouseEvent("dblclick", { bubbles: true, composed: true, cancelable: true, view: window }));
        el.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, composed: true, cancelable: true, view: window }));
        el.blur?.();
        el.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, composed: true, view: window }));
        result.pokes++;
      }
      await nextFrame();
      result.problems.push(...window.__inspect(root, { text: c.text }).map((p) => `after interaction: ${p}`));
    }
    // Images load (or fail) and any handler would run by now.
    await new Promise((r) => setTimeout(r, 100));
    return results;
  }, cases);
}

/** A point on the `nth` element worth a real hover or click in case `index`, scrolled into view. */
function samplePoint(page, index, nth) {
  return page.evaluate(
    ({ index, nth }) => {
      const host = document.querySelector(`section[data-case="${index}"]`);
      const root = host?.shadowRoot;
      if (!root) return null;
      // Links first, then images, then whatever else shows the article's text.
      const candidates = [".body a[href]", ".body img", ".body code", ".body p, .body li, .body td", ".body h2, .body h3", ".masthead *"]
        .flatMap((selector) => [...root.querySelectorAll(selector)])
        .filter((el) => el.getClientRects().length && el.getClientRects()[0].width >= 1 && el.getClientRects()[0].height >= 1);
      const el = [...new Set(candidates)][nth];
      if (!el) return null;
      el.scrollIntoView({ block: "center" });
      const box = el.getClientRects()[0];
      return {
        x: box.left + Math.min(box.width / 2, 20),
        y: box.top + box.height / 2,
        tag: el.localName,
        href: el.localName === "a" ? el.href : null,
        protocol: el.localName === "a" ? el.protocol : null,
      };
    },
    { index, nth },
  );
}

test("XSS: every corpus payload, mounted, hovered, focused and clicked in Chromium, runs nothing and stays text", async (t) => {
  const corpus = await xssCorpus();
  assert.ok(corpus.length >= 60, `only ${corpus.length} cases in the corpus`);
  const fixtureUrl = env.server.url + PAGE;
  const isOwn = (url) => {
    const u = new URL(url);
    return (
      u.origin === env.server.url &&
      (u.pathname === PAGE || u.pathname === "/favicon.ico" || u.pathname.startsWith("/pkg/") || u.pathname.startsWith(`${FIXTURES}/hardening-`))
    );
  };
  const routed = []; // requests the route answered in place of the network
  const requests = []; // every request the page made
  const navigations = [];
  const { page, problems, done } = await open(t, PAGE, {
    initScript: installTraps,
    initArg: TRAP_CONFIG,
    // (Compared without the fragment, which requests never carry but console locations do.)
    expected: (url) => routed.some((r) => r.url === url.split("#")[0]),
    beforeGoto: async (page, context) => {
      await context.route("**/*", (route) => {
        const request = route.request();
        const url = request.url();
        if (isOwn(url)) return route.continue();
        const entry = { url, type: request.resourceType(), navigation: request.isNavigationRequest() };
        routed.push(entry);
        // A navigation away: 204 No Content leaves the page where it is.
        if (entry.navigation) return route.fulfill({ status: 204, body: "" });
        const local = new URL(url).origin === env.server.url;
        // Relative images that do not exist fail (so an onerror handler would run); images from
        // other hosts load (so an onload handler would run).
        if (entry.type === "image") {
          return local ? route.fulfill({ status: 404, body: "" }) : route.fulfill({ status: 200, contentType: "image/gif", body: GIF });
        }
        return route.abort();
      });
      page.on("request", (request) => requests.push({ url: request.url(), type: request.resourceType(), navigation: request.isNavigationRequest() }));
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
    },
  });

  const CHUNK = 45;
  const failures = [];
  let pokes = 0;
  let hovered = 0;
  let realClicks = 0;
  const realNavigations = [];
  const phases = { "mount and synthetic events": 0, "real mouse": 0, "keyboard, re-inspect, destroy": 0 };
  let phaseStart = performance.now();
  const phase = (name) => {
    const now = performance.now();
    phases[name] += now - phaseStart;
    phaseStart = now;
  };
  for (let start = 0; start < corpus.length; start += CHUNK) {
    const cases = corpus.slice(start, start + CHUNK);
    phaseStart = performance.now();
    const results = await mountAndPoke(page, cases);
    phase("mount and synthetic events");
    for (const r of results) {
      pokes += r.pokes;
      if (r.problems.length) failures.push(`[${r.name}]\n    ${r.problems.join("\n    ")}`);
    }
    // Real mouse: hover and click a sample of each article with page.mouse.
    for (const c of cases.filter((c) => !c.error)) {
      for (const nth of [0]) {
        const point = await samplePoint(page, c.index, nth);
        if (!point) continue;
        await page.mouse.move(point.x, point.y);
        hovered++;
        // Links to other pages are clicked for real a few times, letting the navigation start
        // (the route answers 204): the request that leaves must be the http(s) URL shown.
        const follow = point.href && /^https?:$/.test(point.protocol) && !point.href.startsWith(fixtureUrl) && realNavigations.length < 6;
        if (follow) {
          await page.evaluate(() => (window.__allowNavigation = true));
          const left = page.waitForRequest((r) => r.isNavigationRequest() && r.url() !== page.url(), { timeout: 3_000 });
          await page.mouse.click(point.x, point.y);
          const request = await left.catch(() => null);
          await page.evaluate(() => (window.__allowNavigation = false));
          assert.ok(request, `[${c.name}] clicking ${point.href} started no navigation`);
          realNavigations.push(request.url());
          // (A request never carries the fragment.)
          assert.equal(request.url(), point.href.split("#")[0], `[${c.name}] the navigation goes where the link says`);
          assert.match(new URL(request.url()).protocol, /^https?:$/);
        } else {
          await page.mouse.click(point.x, point.y);
        }
        realClicks++;
      }
    }
    phase("real mouse");
    // Keyboard: tab through the page a little (focus handlers, :focus styles).
    for (let i = 0; i < 15; i++) await page.keyboard.press("Tab");
    await nextFrames(page, 2);
    // Re-inspect after the real interaction, then destroy: every shadow root is left empty.
    const after = await page.evaluate((indexes) => {
      const out = [];
      for (const index of indexes) {
        const host = document.querySelector(`section[data-case="${index}"]`);
        if (!host?.widget) continue;
        for (const p of window.__inspect(host.shadowRoot)) out.push(`[case ${index}] after mouse and keyboard: ${p}`);
        host.widget.destroy();
        if (host.shadowRoot.childNodes.length) out.push(`[case ${index}] destroy() left ${host.shadowRoot.childNodes.length} node(s)`);
      }
      document.getElementById("main").replaceChildren();
      return out;
    }, cases.map((c) => c.index));
    failures.push(...after);
    phase("keyboard, re-inspect, destroy");
    assert.equal(new URL(page.url()).origin + new URL(page.url()).pathname, fixtureUrl, "the page never navigated away");
  }

  const state = await page.evaluate(() => ({
    pwned: window.__pwned,
    wouldNavigate: window.__wouldNavigate,
    scripts: document.querySelectorAll("script").length,
    lightDom: [...document.body.querySelectorAll("*")].map((e) => e.localName).filter((n) => !["main"].includes(n)),
  }));
  t.diagnostic(`${corpus.length} payloads (${corpus.filter((c) => c.error).length} refused), ${pokes} elements poked with synthetic events, ${hovered} real hovers, ${realClicks} real clicks`);
  t.diagnostic(`time: ${Object.entries(phases).map(([k, v]) => `${k} ${ms(v)}`).join(", ")}`);
  t.diagnostic(`links that would have been followed: ${state.wouldNavigate.length}; followed for real: ${realNavigations.length}`);
  const images = routed.filter((r) => r.type === "image");
  t.diagnostic(`image requests answered by the route: ${images.length} (${[...new Set(images.map((r) => new URL(r.url).host))].join(", ")})`);

  assert.deepEqual(failures, [], `${failures.length} problem(s):\n${failures.join("\n")}`);
  assert.deepEqual(state.pwned, [], "no trap fired (alert/confirm/prompt/print/open, CSP violation)");
  assert.equal(state.scripts, 1, "the page still has only its own module script");
  assert.deepEqual(state.lightDom, [], "nothing was added to the page outside the widgets");
  for (const nav of state.wouldNavigate) {
    assert.match(nav.protocol, /^(https?|mailto):$/, `a clicked link would go to ${nav.resolved} (href ${JSON.stringify(nav.raw)})`);
  }
  // Requests: the page's own files, and otherwise only http(s) images and the navigations the
  // test started on purpose. Never javascript:, data: or anything else.
  for (const r of requests.filter((r) => !isOwn(r.url))) {
    const protocol = new URL(r.url).protocol;
    assert.match(protocol, /^https?:$/, `request to ${r.url} (${r.type})`);
    const ok = r.type === "image" || (r.navigation && realNavigations.includes(r.url));
    assert.ok(ok, `unexpected ${r.type} request to ${r.url}`);
  }
  // The main frame only ever showed the fixture (the widget replaces the fragment).
  for (const url of navigations) {
    const u = new URL(url);
    assert.equal(u.origin + u.pathname, fixtureUrl, `the page navigated to ${url}`);
  }
  assert.ok(state.wouldNavigate.length > 0 && realNavigations.length > 0, "links were clicked");
  done();

  // The detectors are live (so the zeros above mean something): markup the widget would never
  // write, put into a shadow root by hand, trips the traps, the report-only policy and __inspect.
  const control = await page.evaluate(async () => {
    const host = document.getElementById("main").appendChild(document.createElement("div"));
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML = '<div class="rw"><img src="/control.png" onerror="alert(1)"><a href="java\tscript:alert(2)">x</a><svg></svg></div>';
    await new Promise((r) => setTimeout(r, 300));
    root.querySelector("a").click();
    return { pwned: window.__pwned.map((p) => p.what), problems: window.__inspect(root) };
  });
  assert.ok(control.pwned.includes("alert"), `the alert trap fired: ${control.pwned}`);
  assert.ok(control.pwned.includes("securitypolicyviolation"), `the report-only policy reported: ${control.pwned}`);
  for (const expected of [/^event handler onerror/, /^script URL href/, /^script-capable <svg>/, /^link resolves to javascript:/]) {
    assert.ok(control.problems.some((p) => expected.test(p)), `__inspect reports ${expected}: ${control.problems.join("; ")}`);
  }
  void problems;
});

test("CSP: an aligned Markdown table under the recommended policy causes no violation ", async (t) => {
  const strict = await startServer({ root: REPO_ROOT, headers: () => ({ "Content-Security-Policy": CSP }) });
  t.after(() => strict.close());
  const { page, problems } = await open(t, PAGE, {
    base: strict.url,
    initScript: () => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective}: ${e.sample}`));
    },
  });
  const result = await page.evaluate(async () => {
    const host = document.getElementById("main");
    rw.mount(host, { markdown: "| left | right |\n|:--|--:|\n| 1 | 2 |\n", storageKey: false });
    await new Promise((r) => setTimeout(r, 100));
    const cell = host.shadowRoot.querySelector("td:last-child");
    return { violations: window.__violations, align: getComputedStyle(cell).textAlign };
  });
  // Regression (fixed): column alignment is written as style="text-align: …" attributes, which
  // `style-src 'self'` (the policy README and SECURITY.md recommend, "no inline style") blocks:
  // one violation and one console error per aligned cell, and the alignment is lost.
  assert.deepEqual(result.violations, [], "no securitypolicyviolation");
  assert.equal(result.align, "right", "the column's alignment applies");
  assert.deepEqual(problems, []);
});

// ---- 2. Bad input at the JS boundary ------------------------------------------------------

/**
 * Runs in the page: calls every export with values of every type, `rounds` times over, and
 * returns one record per call: what it was expected to do and what it did.
 */
function boundaryBattery(page, { markdown, rounds = 1 }) {
  return page.evaluate(
    ({ markdown, rounds }) => {
      const main = document.getElementById("main");
      const records = [];
      const show = (v) => {
        try {
          if (typeof v === "symbol") return v.toString();
          if (typeof v === "bigint") return `${v}n`;
          if (typeof v === "function") return "a function";
          if (Object.is(v, -0)) return "-0";
          if (v instanceof Number) return "new Number(…)";
          if (v instanceof String) return "new String(…)";
          if (typeof v === "number" || v === undefined) return String(v);
          if (typeof v === "string") return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…(${v.length})` : v);
          return JSON.stringify(v) ?? String(v);
        } catch {
          return Object.prototype.toString.call(v);
        }
      };
      // `expect` is "ok" or [name, allowed]: the message must name both.
      const call = (label, fn, expect) => {
        const record = { label, expect };
        try {
          const value = fn();
          record.outcome = "ok";
          record.value = value === undefined ? "undefined" : typeof value === "object" ? "object" : String(value);
        } catch (error) {
          record.outcome = "threw";
          record.isError = error instanceof Error;
          record.kind = error?.constructor?.name ?? typeof error;
          try {
            record.message = error instanceof Error ? error.message : String(error);
          } catch {
            record.message = "(unprintable)";
          }
        }
        records.push(record);
      };
      const host = () => {
        const el = document.createElement("div");
        main.replaceChildren(el);
        return el;
      };

      const NUMBERS = [0, -0, 6, -1, 2.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity, Number.MIN_VALUE, 3 + Number.EPSILON * 2];
      const OTHERS = [
        true, false, "", "3", "x".repeat(100_000), Symbol(), Symbol("label"), 10n, 3n, -(2n ** 70n), {}, [], [3], ["en"],
        () => 3, new Number(3), new String("en"), Object.create(null), new Date(0), new Map([["a", 1]]), /x/, new Proxy({}, {}),
        { valueOf: () => 3, toString: () => "3" },
      ];
      const NULLISH = [undefined, null];

      for (let round = 0; round < rounds; round++) {
        // mount(target)
        for (const target of [...NULLISH, ...NUMBERS.slice(0, 4), ...OTHERS, document, window, document.createTextNode("x"), document.createComment("x"),
          document.createElementNS("http://www.w3.org/2000/svg", "svg"), document.createElementNS("http://www.w3.org/1998/Math/MathML", "math")]) {
          call(`mount(${show(target)})`, () => rw.mount(target), ["mount: target", "element"]);
        }
        // mount(el, options) with options that are not an object
        for (const options of [...NUMBERS.slice(0, 3), true, "", "ko", Symbol(), 10n, [], [{ fontStep: 2 }], () => ({}), Object.assign(() => 1, { fontStep: 2 })]) {
          call(`mount(el, ${show(options)})`, () => rw.mount(host(), options), ["mount: options", "an object"]);
        }
        for (const options of NULLISH) call(`mount(el, ${show(options)})`, () => rw.mount(host(), options).fontStep, "ok");

        // Every option with every kind of value.
        const FIELDS = {
          markdown: { valid: ["", "# T\n\nx", "x".repeat(100_000)], allowed: "a string", anyString: true },
          // A wrong type is told "a string"; a wrong string, the languages.
          lang: { valid: ["en", "ko", "ja", "ko-KR", "JA"], allowed: ['"en", "ko", "ja"', "a string"] },
          fontStep: { valid: [1, 2, 3, 4, 5, 5.0], allowed: "an integer from 1 to 5" },
          storageKey: { valid: ["k", false, "x".repeat(1000)], allowed: "a non-empty string, or false", anyString: true },
          theme: { valid: ["auto", "light", "dark", "sepia"], allowed: 'one of "auto", "light", "dark", "sepia"' },
          scrollOffset: { valid: [0, -0, 1.5, 10_000], allowed: "a number of pixels from 0 to 10000" },
          labels: { valid: [{}, { backToTop: "Up" }, { step: "Size {n}", readingTime: "{n} min" }], allowed: "" },
        };
        for (const [field, { valid, allowed, anyString }] of Object.entries(FIELDS)) {
          for (const value of valid) call(`mount(el, { ${field}: ${show(value)} })`, () => rw.mount(host(), { [field]: value, storageKey: field === "storageKey" ? value : false }).fontStep, "ok");
          for (const value of NULLISH) call(`mount(el, { ${field}: ${show(value)} })`, () => rw.mount(host(), { [field]: value }).fontStep, "ok");
          for (const value of [...NUMBERS, ...OTHERS]) {
            if (valid.some((v) => Object.is(v, value))) continue;
            if (anyString && typeof value === "string" && (field === "markdown" || value !== "")) continue;
            if (field === "scrollOffset" && typeof value === "number" && value >= 0 && value <= 10_000) continue;
            // An object with no own keys (a Date, a Map, []) is a labels object that overrides nothing.
            if (field === "labels" && value !== null && typeof value === "object" && Object.keys(value).length === 0) continue;
            call(`mount(el, { ${field}: ${show(value)} })`, () => rw.mount(host(), { [field]: value }), [`mount: options.${field}`, allowed]);
          }
        }
        // Label values of every type.
        for (const value of [5, true, Symbol(), 10n, {}, [], () => "x", new String("x")]) {
          call(`mount(el, { labels: { backToTop: ${show(value)} } })`, () => rw.mount(host(), { labels: { backToTop: value } }), ["mount: options.labels.backToTop", "a string"]);
        }
        // Unknown keys, top level and in labels; symbol-keyed and non-enumerable ones are not keys.
        for (const key of ["fontstep", "font_step", "Theme", "", " lang", "__proto__", "constructor", "toString", "0"]) {
          const options = Object.defineProperty({}, key, { value: 1, enumerable: true });
          call(`mount(el, { ${JSON.stringify(key)}: 1 })`, () => rw.mount(host(), options), ["mount: options: unknown key", "fontStep"]);
          const labels = Object.defineProperty({}, key, { value: "x", enumerable: true });
          call(`mount(el, { labels: { ${JSON.stringify(key)}: "x" } })`, () => rw.mount(host(), { labels }), ["mount: options.labels: unknown key", "backToTop"]);
        }
        call("mount(el, { labels: [\"x\"] })", () => rw.mount(host(), { labels: ["x"] }), ["mount: options.labels", "backToTop"]);
        call("mount(el, { [Symbol()]: 1 })", () => rw.mount(host(), { [Symbol()]: 1, fontStep: 2 }).fontStep, "ok");
        call("mount(el, non-enumerable extra key)", () => rw.mount(host(), Object.defineProperty({ fontStep: 2 }, "bogus", { value: 1 })).fontStep, "ok");
        call("mount(el, Object.create(null))", () => rw.mount(host(), Object.assign(Object.create(null), { fontStep: 4 })).fontStep, "ok");
        call("mount(el, a Proxy)", () => rw.mount(host(), new Proxy({ fontStep: 4, theme: "dark" }, {})).fontStep, "ok");
        call("mount(el, getters that return values)", () => rw.mount(host(), { get fontStep() { return 5; }, get markdown() { return markdown; } }).fontStep, "ok");
        call("mount(el, a Proxy reporting a bad value)", () => rw.mount(host(), new Proxy({ fontStep: 4 }, { get: (t, k) => (k === "fontStep" ? 9 : Reflect.get(t, k)) })), ["mount: options.fontStep", "an integer from 1 to 5"]);
        call("mount(el, a class instance)", () => rw.mount(host(), new (class { fontStep = 2; })()).fontStep, "ok");
        call("mount(el, { markdown: 42 }, extra args)", () => rw.mount(host(), { markdown: 42 }, 1, 2), ["mount: options.markdown", "a string"]);

        // The handle's methods.
        const widget = rw.mount(host(), { markdown, storageKey: false });
        for (const step of [1, 2, 3, 4, 5]) call(`setFontStep(${step})`, () => (widget.setFontStep(step), widget.fontStep), "ok");
        for (const step of [...NULLISH, ...NUMBERS, ...OTHERS]) {
          call(`setFontStep(${show(step)})`, () => widget.setFontStep(step), ["setFontStep: step", "an integer from 1 to 5"]);
        }
        call("setFontStep()", () => widget.setFontStep(), ["setFontStep: step", "an integer from 1 to 5"]);
        for (const id of ["alpha", "gamma", "beta"]) call(`scrollToSection(${show(id)})`, () => widget.scrollToSection(id), "ok");
        for (const id of [...NULLISH, ...NUMBERS.slice(0, 5), ...OTHERS.filter((v) => typeof v !== "string")]) {
          call(`scrollToSection(${show(id)})`, () => widget.scrollToSection(id), ["scrollToSection: id", "a string"]);
        }
        for (const id of ["", "Alpha", "#alpha", " alpha", "alpha ", "rw-sections", "x".repeat(100_000), "\u0000", "🙂"]) {
          call(`scrollToSection(${show(id)})`, () => widget.scrollToSection(id), ["scrollToSection: no section has id", "ids are"]);
        }
        for (const args of [[], [null], [Symbol()], [10n], [{ behavior: "smooth" }]]) {
          call(`scrollToTop(${args.map(show).join(", ")})`, () => widget.scrollToTop(...args), "ok");
          call(`sections(${args.map(show).join(", ")})`, () => widget.sections(...args).length, "ok");
          call(`defineElement(${args.map(show).join(", ")})`, () => rw.defineElement(...args), "ok");
        }
        call("fontStep = 1 (read-only)", () => {
          try {
            widget.fontStep = 1;
          } catch {
            /* strict mode: a setter-less accessor throws; sloppy: ignored */
          }
          return widget.fontStep;
        }, "ok");
        for (const args of [[], [null], [Symbol()], [10n], [() => 1]]) call(`destroy(${args.map(show).join(", ")})`, () => widget.destroy(...args), "ok");
        call("destroy() twice", () => widget.destroy(), "ok");
        // A destroyed widget says so.
        call("setFontStep(2) after destroy", () => widget.setFontStep(2), ["destroyed", "mount()"]);
        call("scrollToSection(\"alpha\") after destroy", () => widget.scrollToSection("alpha"), ["destroyed", "mount()"]);
        call("scrollToTop() after destroy", () => widget.scrollToTop(), ["destroyed", "mount()"]);
        call("sections() after destroy", () => widget.sections().length, ["destroyed", "mount()"]);
        call("fontStep after destroy", () => widget.fontStep, ["destroyed", "mount()"]);
        call("free() after destroy", () => widget.free(), "ok");
      }
      return records;
    },
    { markdown, rounds },
  );
}

/** Checks each record against its expectation; returns the failures as readable lines. */
function judge(records) {
  const failures = [];
  for (const r of records) {
    if (r.expect === "ok") {
      if (r.outcome !== "ok") failures.push(`${r.label}: expected to work, threw ${r.kind}: ${r.message}`);
      continue;
    }
    const [name, allowed] = r.expect;
    if (r.outcome !== "threw") {
      failures.push(`${r.label}: expected an Error naming ${name}, but it returned ${r.value}`);
    } else if (!r.isError) {
      failures.push(`${r.label}: threw a non-Error (${r.kind}): ${r.message}`);
    } else if (!r.message.includes(name)) {
      failures.push(`${r.label}: the message does not name ${name}: ${r.message}`);
    } else if (allowed && ![allowed].flat().some((a) => r.message.includes(a))) {
      failures.push(`${r.label}: the message does not say what is allowed (${allowed}): ${r.message}`);
    }
  }
  return failures;
}

/** Mounts a fresh widget and checks that it works: setFontStep(4), scrollToSection to a real id. */
async function assertStillWorks(page, label) {
  const result = await page.evaluate(async (markdown) => {
    const main = document.getElementById("main");
    const el = document.createElement("div");
    el.id = "after";
    main.replaceChildren(el);
    try {
      const widget = rw.mount(el, { markdown, storageKey: false });
      widget.setFontStep(4);
      widget.scrollToSection("beta");
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const root = el.shadowRoot;
      const bar = root.querySelector(".bar").getBoundingClientRect().bottom;
      const top = root.getElementById("beta").getBoundingClientRect().top;
      return {
        ok: true,
        fontStep: widget.fontStep,
        dataStep: root.querySelector(".rw").dataset.step,
        pressed: [...root.querySelectorAll("[role=toolbar] button[aria-pressed=true]")].map((b) => b.getAttribute("aria-label")),
        sections: widget.sections().map((s) => s.id),
        landed: top - bar,
        hash: location.hash,
      };
    } catch (error) {
      return { ok: false, error: `${error?.constructor?.name}: ${error?.message}` };
    }
  }, SHORT_MD);
  assert.ok(result.ok, `${label}: the module no longer mounts: ${result.error}`);
  assert.equal(result.fontStep, 4, `${label}: setFontStep(4)`);
  assert.equal(result.dataStep, "4", `${label}: the widget shows step 4`);
  assert.deepEqual(result.pressed, ["Text size 4"], `${label}: the toolbar shows step 4`);
  assert.deepEqual(result.sections, ["alpha", "beta", "gamma"], `${label}: sections()`);
  assert.ok(Math.abs(result.landed - HEADING_GAP) <= PX, `${label}: scrollToSection("beta") landed ${result.landed.toFixed(1)} px below the bar`);
  assert.equal(result.hash, "#beta", `${label}: the address names the section`);
}


test("boundary: every export, every type of bad value: works where valid, else an Error naming the field and what is allowed", async (t) => {
  const { page, done } = await open(t, PAGE);
  const records = await boundaryBattery(page, { markdown: SHORT_MD, rounds: 1 });
  const bad = records.filter((r) => r.expect !== "ok").length;
  t.diagnostic(`${records.length} calls, ${bad} of them with bad values`);
  const failures = judge(records);
  assert.deepEqual(failures, [], `${failures.length} call(s) misbehaved:\n  ${failures.join("\n  ")}`);
  // Symbols and BigInts in particular: an Error, not a TypeError from converting them.
  for (const r of records.filter((r) => /Symbol\(|\d+n\b/.test(r.label) && r.outcome === "threw")) {
    assert.equal(r.kind, "Error", `${r.label}: ${r.kind}: ${r.message}`);
  }
  done();
});

test("boundary: error messages read as documented (\"mount: options.fontStep: invalid value: …\") ", async (t) => {
  const { page, done } = await open(t, PAGE);
  const messages = await page.evaluate(() => {
    const el = document.getElementById("main");
    const message = (options) => {
      try {
        rw.mount(el, options);
        return null;
      } catch (error) {
        return error.message;
      }
    };
    return {
      fontStep: message({ fontStep: 7 }),
      lang: message({ lang: "fr" }),
      themeObject: message({ theme: {} }),
      themeArray: message({ theme: ["dark"] }),
      themeMap: message({ theme: new Map() }),
      hugeBigIntKey: message({ storageKey: 2n ** 70n }),
    };
  });
  t.diagnostic(JSON.stringify(messages));
  assert.match(messages.fontStep, /^mount: options\.fontStep: .*invalid value: .*7.*, expected an integer from 1 to 5$/);
  assert.match(messages.lang, /^mount: options\.lang: .*expected one of "en", "ko", "ja"/);
  done();
  // Regression (fixed): serde-wasm-bindgen's errors are JS Errors, and their Display ("Error: …") is pasted
  // into the message: `mount: options.fontStep: Error: invalid value: floating point \`7.0\`, …`
  // where the README documents `mount: options.fontStep: invalid value: floating point \`7\`, …`.
  assert.doesNotMatch(messages.fontStep, /: Error: /, "no stray \"Error: \" in the middle of the message");
  // Regression (fixed): a theme given as an object ({}, a Map, a Date…) is read as serde's externally
  // tagged enum and reported as "mount: options.theme: Error: invalid length 0, expected 1",
  // without the allowed themes (`theme: { dark: null }` is even accepted as "dark").
  for (const m of [messages.themeObject, messages.themeArray, messages.themeMap]) {
    assert.match(m, /^mount: options\.theme/, m);
    assert.ok(m.includes('one of "auto", "light", "dark", "sepia"'), `names the themes: ${m}`);
    assert.ok(!m.includes("JsValue("), `describes the value in words: ${m}`);
  }
  // Regression (fixed): a BigInt storageKey outside 64 bits got serde-wasm-bindgen's own message
  // ("Couldn't deserialize i64 or u64 from a BigInt outside i64::MIN..u64::MAX bounds").
  assert.match(messages.hugeBigIntKey, /^mount: options\.storageKey: invalid type: the BigInt \d+n, expected a non-empty string, or false/, messages.hugeBigIntKey);
});

test("boundary: after 500+ bad calls the module still mounts and works", async (t) => {
  const { page, done } = await open(t, PAGE);
  const records = await boundaryBattery(page, { markdown: SHORT_MD, rounds: 2 });
  const bad = records.filter((r) => r.expect !== "ok").length;
  t.diagnostic(`${records.length} calls, ${bad} of them bad`);
  assert.ok(bad >= 500, `only ${bad} bad calls`);
  // Every bad call still threw an Error (the module did not break halfway).
  const broken = records.filter((r) => r.outcome === "threw" && (r.kind === "RuntimeError" || /unreachable|out of bounds|recursive use/i.test(r.message)));
  assert.deepEqual(broken.map((r) => `${r.label}: ${r.message}`), []);
  await assertStillWorks(page, "after the bad calls");
  done();
});

test("boundary: mount() on elements that cannot host a shadow root gives a clear Error", async (t) => {
  const { page, done } = await open(t, PAGE);
  const results = await page.evaluate(() => {
    const out = {};
    const attempt = (label, target) => {
      try {
        rw.mount(target, { markdown: "# x" });
        out[label] = { ok: true };
      } catch (error) {
        out[label] = { isError: error instanceof Error, message: error.message };
      }
    };
    const main = document.getElementById("main");
    for (const tag of ["input", "img", "textarea", "select", "button", "video", "iframe", "a", "table", "br", "hr"]) {
      const el = document.createElement(tag);
      main.append(el);
      attempt(`<${tag}>`, el);
    }
    const closed = document.createElement("div");
    closed.attachShadow({ mode: "closed" });
    main.append(closed);
    attempt("closed shadow root", closed);
    const foreign = document.createElement("div");
    foreign.attachShadow({ mode: "open" }).innerHTML = "<p>the partner's own content</p>";
    main.append(foreign);
    attempt("open shadow root with other content", foreign);
    attempt("<html>", document.documentElement);
    const custom = document.createElement("my-element");
    main.append(custom);
    attempt("autonomous custom element", custom);
    const article = document.createElement("article");
    attempt("detached <article>", article);
    out.foreignUntouched = foreign.shadowRoot.innerHTML;
    return out;
  });
  const { foreignUntouched, ...attempts } = results;
  for (const tag of ["input", "img", "textarea", "select", "button", "video", "iframe", "a", "table", "br", "hr"]) {
    const r = attempts[`<${tag}>`];
    assert.ok(r.isError, `<${tag}>: ${JSON.stringify(r)}`);
    assert.match(r.message, new RegExp(`^mount: target <${tag}> cannot host a shadow root .*use a <div>`), `<${tag}>`);
  }
  assert.ok(attempts["closed shadow root"].isError);
  assert.match(attempts["closed shadow root"].message, /^mount: target <div> cannot host a shadow root \(it is closed/);
  assert.ok(attempts["open shadow root with other content"].isError);
  assert.match(attempts["open shadow root with other content"].message, /^mount: target already has a shadow root with other content/);
  assert.equal(foreignUntouched, "<p>the partner's own content</p>", "the partner's shadow root is left alone");
  assert.match(attempts["<html>"].message, /^mount: target <html> cannot host a shadow root/);
  assert.deepEqual(attempts["autonomous custom element"], { ok: true });
  assert.deepEqual(attempts["detached <article>"], { ok: true });
  await assertStillWorks(page, "after the refused targets");
  done();
});

test("boundary: mount() into an element of a same-origin iframe works or says why ", async (t) => {
  const { page, done } = await open(t, PAGE);
  const result = await page.evaluate(async () => {
    const frame = document.createElement("iframe");
    document.getElementById("main").append(frame);
    await new Promise((r) => (frame.contentDocument?.readyState === "complete" ? r() : frame.addEventListener("load", r, { once: true })));
    const target = frame.contentDocument.body.appendChild(frame.contentDocument.createElement("div"));
    try {
      const widget = rw.mount(target, { markdown: "## One\n\ntext", storageKey: false });
      return { ok: true, rendered: Boolean(target.shadowRoot?.querySelector(".rw")), fontStep: widget.fontStep };
    } catch (error) {
      return { ok: false, isError: error instanceof Error, message: error.message };
    }
  });
  t.diagnostic(JSON.stringify(result));
  done();
  // Regression (fixed): the target is checked with `instanceof HTMLElement` of the widget's own window, so
  // a real <div> from a same-origin iframe (another realm) is refused with a message that says it
  // is not an HTML element: "mount: target must be an HTML element, not object".
  assert.ok(
    result.ok || !/must be an HTML element, not object/.test(result.message),
    `mounting into a same-origin iframe's <div> either works or says why; got: ${result.message}`,
  );
});

// Values that throw when the widget looks at them: getters and Proxy traps inside the options,
// and revoked Proxies (on which even Array.isArray throws) as options or arguments. Each call
// must throw (the partner's own error is fine), and the module must keep working after any
// number of them. Installed in the page as window.__throwingCalls(el, widget).
function installThrowingCalls() {
  const revoked = () => {
    const p = Proxy.revocable({}, {});
    p.revoke();
    return p.proxy;
  };
  window.__throwingCalls = (el, widget) => [
    ["options with a getter that throws", () => rw.mount(el, { get fontStep() { throw new Error("getter"); } })],
    ["labels with a getter that throws", () => rw.mount(el, { markdown: "# x", labels: { get backToTop() { throw new Error("label getter"); } } })],
    ["options: a Proxy whose ownKeys trap throws", () => rw.mount(el, new Proxy({}, { ownKeys() { throw new Error("ownKeys"); } }))],
    ["options: a Proxy whose get trap throws", () => rw.mount(el, new Proxy({ markdown: "# x" }, { get() { throw new Error("get"); } }))],
    ["options: a Proxy whose has trap throws", () => rw.mount(el, new Proxy({}, { has() { throw new Error("has"); } }))],
    ["options: a revoked Proxy", () => rw.mount(el, revoked())],
    ["labels: a revoked Proxy", () => rw.mount(el, { labels: revoked() })],
    ["mount(a revoked Proxy)", () => rw.mount(revoked())],
    ["setFontStep(a revoked Proxy)", () => widget.setFontStep(revoked())],
    ["scrollToSection(a revoked Proxy)", () => widget.scrollToSection(revoked())],
  ];
}

test("boundary: getters, Proxy traps and revoked Proxies that throw: each call throws an Error", async (t) => {
  const { page, done } = await open(t, PAGE, { initScript: installThrowingCalls });
  const results = await page.evaluate((markdown) => {
    const main = document.getElementById("main");
    const widget = rw.mount(main.appendChild(document.createElement("div")), { markdown, storageKey: false });
    const out = [];
    for (const [label, call] of window.__throwingCalls(main.appendChild(document.createElement("div")), widget)) {
      try {
        call();
        out.push({ label, outcome: "ok" });
      } catch (error) {
        out.push({ label, outcome: "threw", isError: error instanceof Error, kind: error?.constructor?.name, message: error?.message });
      }
    }
    return out;
  }, SHORT_MD);
  for (const r of results) {
    t.diagnostic(`${r.label}: ${r.outcome === "ok" ? "mounted" : `${r.kind}: ${r.message}`}`);
    // Options are read with Object.keys and property reads only; a trap that this never
    // triggers (`has`) has nothing to throw, and mounting is then right.
    if (r.outcome === "ok" && /has trap/.test(r.label)) continue;
    assert.equal(r.outcome, "threw", r.label);
    assert.ok(r.isError, `${r.label}: an Error (${r.kind})`);
    assert.notEqual(r.kind, "RuntimeError", `${r.label}: not a wasm trap`);
  }
  await assertStillWorks(page, `after ${results.length} throwing calls`);
  done();
});

test("boundary: 2,000 calls with getters, Proxy traps and revoked Proxies that throw leave the module working ", async (t) => {
  const { page, done } = await open(t, PAGE, { initScript: installThrowingCalls });
  const result = await page.evaluate((markdown) => {
    const main = document.getElementById("main");
    const widget = rw.mount(main.appendChild(document.createElement("div")), { markdown, storageKey: false });
    const calls = window.__throwingCalls(main.appendChild(document.createElement("div")), widget);
    const kinds = {};
    let firstTrap = null;
    for (let i = 0; i < 2_000; i++) {
      const [label, call] = calls[i % calls.length];
      try {
        call();
      } catch (error) {
        const key = `${error?.constructor?.name}: ${error?.message}`;
        kinds[key] = (kinds[key] ?? 0) + 1;
        if (error instanceof WebAssembly.RuntimeError && firstTrap === null) firstTrap = { i, label };
      }
    }
    return { kinds, firstTrap };
  }, SHORT_MD);
  t.diagnostic(JSON.stringify(result));
  done();
  // Regression (fixed): a JS exception thrown while the widget reads a value (a getter or Proxy trap in
  // the options, or Array.isArray/Object.keys on a revoked Proxy passed as options, target, step
  // or id) unwinds straight through the wasm frames, so Rust never pops its shadow stack. After a
  // few hundred such calls (~350–800 through mount(), ~4,000 through setFontStep) the stack runs
  // into the module's data and every later call, even a valid mount(), fails with
  // "RuntimeError: memory access out of bounds" (later "unreachable") until the page reloads.
  // README: "the module keeps working after any bad call".
  assert.equal(result.firstTrap, null, `the module broke at bad call #${result.firstTrap?.i} (${result.firstTrap?.label})`);
  await assertStillWorks(page, "after 2,000 throwing calls");
});

// ---- 3. Pathological Markdown -------------------------------------------------------------

test("pathological Markdown mounts in bounded time with the expected structure (release build)", async (t) => {
  const { page, done } = await open(t, PAGE);
  const sample = await readFile(path.join(REPO_ROOT, "articles/sample.md"), "utf8");
  const body = sample.slice(sample.lastIndexOf("+++\n") + 4);
  const inputs = [
    ["1 MB article", { repeat: [body, Math.ceil(1_000_000 / body.length) + 1] }],
    ["50,000 nested [", { repeat: ["[", 50_000] }],
    ["5,000 nested >", { repeat: [">", 5_000], suffix: " deep" }],
    ["3,000 nested list markers", { repeat: ["- ", 3_000], suffix: "x" }],
    ["100 KB single line", { repeat: ["word *emph* [link](https://example.org) ", 2_500] }],
    ["10,000 headings", { headings: 10_000 }],
    ["50,000 nested *", { repeat: ["*", 50_000], suffix: "x", then: ["*", 50_000] }],
    ["20,000 backticks", { repeat: ["`", 20_000] }],
    ["100,000 nested <", { repeat: ["<a ", 33_333] }],
  ];
  // Links (external ones included) must not load anything: route everything not ours.
  await page.context().route(/example\.org/, (route) => route.fulfill({ status: 204, body: "" }));
  const timings = [];
  for (const [name, spec] of inputs) {
    const run = page.evaluate(
      async ({ name, spec }) => {
        let markdown;
        if (spec.headings) markdown = Array.from({ length: spec.headings }, (_, i) => `## Heading ${i}\n\ntext\n\n`).join("");
        else markdown = spec.repeat[0].repeat(spec.repeat[1]) + (spec.suffix ?? "") + (spec.then ? spec.then[0].repeat(spec.then[1]) : "");
        const main = document.getElementById("main");
        const el = document.createElement("div");
        main.replaceChildren(el);
        const t0 = performance.now();
        let widget;
        try {
          widget = rw.mount(el, { markdown, storageKey: false });
        } catch (error) {
          return { name, error: `${error?.constructor?.name}: ${error?.message}` };
        }
        const mountMs = performance.now() - t0;
        // Until the page has laid it out and painted.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const paintedMs = performance.now() - t0;
        const root = el.shadowRoot;
        const count = (s) => root.querySelectorAll(s).length;
        const bodyText = root.querySelector(".body").textContent;
        const out = {
          name,
          bytes: markdown.length,
          mountMs,
          paintedMs,
          sections: widget.sections().length,
          navLinks: count("nav.toc a"),
          headings: count(".body h2, .body h3"),
          h2: count(".body h2"),
          blockquotes: count(".body blockquote"),
          ul: count(".body ul"),
          ol: count(".body ol"),
          li: count(".body li"),
          em: count(".body em"),
          strong: count(".body strong"),
          links: count(".body a"),
          code: count(".body code"),
          paragraphs: count(".body p"),
          elements: count(".body *"),
          textLength: bodyText.length,
          brackets: (bodyText.match(/\[/g) ?? []).length,
          stars: (bodyText.match(/\*/g) ?? []).length,
          backticks: (bodyText.match(/`/g) ?? []).length,
          lts: (bodyText.match(/</g) ?? []).length,
          endsWith: bodyText.trim().slice(-12),
        };
        widget.setFontStep(5);
        out.stepAfter = root.querySelector(".rw").dataset.step;
        widget.destroy();
        main.replaceChildren();
        return out;
      },
      { name, spec },
    );
    const r = await withCap(run, 20_000, name);
    assert.equal(r.error, undefined, `${name}: mount threw ${r.error}`);
    timings.push(`${name}: ${r.bytes} bytes, mount() ${ms(r.mountMs)}, painted ${ms(r.paintedMs)}, ${r.elements} elements`);
    assert.equal(r.stepAfter, "5", `${name}: the widget works (setFontStep)`);
    switch (name) {
      case "1 MB article":
        assert.ok(r.textLength > 900_000, `${name}: ${r.textLength} characters of text`);
        assert.ok(r.sections > 100, `${name}: ${r.sections} sections`);
        assert.equal(r.navLinks, r.sections, `${name}: one nav link per section`);
        assert.equal(r.headings, r.sections, `${name}: one h2/h3 per section`);
        break;
      case "50,000 nested [":
        assert.equal(r.brackets, 50_000, `${name}: every bracket is text`);
        assert.equal(r.links, 0);
        break;
      case "5,000 nested >":
        assert.equal(r.blockquotes, 5_000, `${name}: blockquotes`);
        assert.equal(r.endsWith, "deep");
        break;
      case "3,000 nested list markers":
        assert.equal(r.ul, 3_000, `${name}: lists`);
        assert.equal(r.li, 3_000, `${name}: items`);
        assert.equal(r.endsWith, "x");
        break;
      case "100 KB single line":
        assert.equal(r.paragraphs, 1);
        assert.equal(r.em, 2_500);
        assert.equal(r.links, 2_500);
        break;
      case "10,000 headings":
        assert.equal(r.sections, 10_000, `${name}: sections()`);
        assert.equal(r.navLinks, 10_000, `${name}: nav links`);
        assert.equal(r.h2, 10_000, `${name}: h2 elements`);
        break;
      case "50,000 nested *":
        assert.equal(r.stars, 0, `${name}: every * became emphasis`);
        assert.equal(r.strong + r.em, 25_000, `${name}: strong/em elements`);
        assert.equal(r.endsWith, "x");
        break;
      case "20,000 backticks":
        // A line of three or more backticks opens a fenced code block, left open and empty.
        assert.equal(r.code, 1, `${name}: one code block`);
        assert.equal(r.textLength <= 1, true, `${name}: with nothing in it`);
        break;
      case "100,000 nested <":
        assert.equal(r.lts, 33_333, `${name}: every < is text`);
        assert.equal(r.links, 0);
        break;
    }
  }
  for (const line of timings) t.diagnostic(line);
  done();
});

// ---- 4. Storage ---------------------------------------------------------------------------

/**
 * Mounts widgets in the page: one with the stored step, one with an explicit fontStep; then
 * clicks "Text size 5" (a real click) and calls setFontStep(2). Returns what happened.
 */
async function exerciseStorage(page) {
  const first = await page.evaluate((markdown) => {
    const main = document.getElementById("main");
    main.innerHTML = '<div id="a"></div><div id="b"></div>';
    // What the page's storage is like (so a scenario that did not take effect cannot pass).
    const probe = (() => {
      try {
        const storage = window.localStorage;
        if (storage === null) return "null";
        if (typeof storage.getItem !== "function") return "no methods";
        try {
          const value = storage.getItem("probe");
          return value === null || typeof value === "string" ? "ok" : `getItem returns ${typeof value}`;
        } catch (error) {
          return `getItem throws ${error.name}`;
        }
      } catch (error) {
        return `throws ${error.name}`;
      }
    })();
    try {
      const a = rw.mount(document.getElementById("a"), { markdown });
      const b = rw.mount(document.getElementById("b"), { markdown, fontStep: 2 });
      window.__handles = { a, b };
      return { probe, initial: a.fontStep, explicit: b.fontStep };
    } catch (error) {
      return { probe, error: `${error?.constructor?.name}: ${error?.message}` };
    }
  }, SHORT_MD);
  assert.equal(first.error, undefined, `mount threw: ${first.error}`);
  await page.locator("#a").getByRole("button", { name: "Text size 5", exact: true }).click();
  const second = await page.evaluate(() => {
    const { a, b } = window.__handles;
    const afterClick = a.fontStep;
    let threw = null;
    try {
      a.setFontStep(2);
      b.setFontStep(4);
    } catch (error) {
      threw = `${error?.constructor?.name}: ${error?.message}`;
    }
    let write = "not tried";
    try {
      Storage.prototype.setItem.call(window.localStorage, "probe", "5");
      write = "ok";
    } catch (error) {
      write = error.name;
    }
    return { afterClick, afterSet: a.fontStep, otherAfterSet: b.fontStep, threw, write, shown: document.querySelector("#a").shadowRoot.querySelector(".rw").dataset.step };
  });
  return { ...first, ...second };
}

const STORAGE_SCENARIOS = [
  {
    name: "localStorage throws SecurityError when touched",
    probe: "throws SecurityError",
    init: () => {
      Object.defineProperty(window, "localStorage", {
        configurable: true,
        get() {
          throw new DOMException("denied", "SecurityError");
        },
      });
    },
  },
  {
    name: "localStorage is null",
    probe: "null",
    init: () => Object.defineProperty(window, "localStorage", { configurable: true, value: null }),
  },
  {
    name: "localStorage is a plain object without methods",
    probe: "no methods",
    init: () => Object.defineProperty(window, "localStorage", { configurable: true, value: {} }),
  },
  {
    name: "getItem and setItem throw SecurityError",
    probe: "getItem throws SecurityError",
    write: "SecurityError",
    init: () => {
      Storage.prototype.getItem = () => {
        throw new DOMException("denied", "SecurityError");
      };
      Storage.prototype.setItem = () => {
        throw new DOMException("denied", "SecurityError");
      };
    },
  },
  {
    name: "getItem returns values that are not strings",
    probe: "getItem returns number",
    rereads: 4, // each later mount reads the next of the four
    init: () => {
      let n = 0;
      Storage.prototype.getItem = () => [4, {}, Symbol("s"), 10n][n++ % 4];
    },
  },
  {
    name: "setItem throws QuotaExceededError (a stored 4 is still read)",
    stored: "4",
    expectInitial: 4,
    expectStored: "4",
    probe: "ok",
    write: "QuotaExceededError",
    init: () => {
      localStorage.setItem("reading-widget:font-step", "4");
      Storage.prototype.setItem = () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    },
  },
  {
    name: "storage really full (setItem fails for real)",
    expectStored: null,
    probe: "ok",
    write: "QuotaExceededError",
    init: () => {
      // Fill this origin's quota, then free nothing: the widget's own write fails for real.
      if (!sessionStorage.getItem("filled")) {
        sessionStorage.setItem("filled", "1");
        const chunk = "x".repeat(1024 * 1024);
        try {
          for (let i = 0; i < 20; i++) localStorage.setItem(`fill-${i}`, chunk);
        } catch {
          /* full */
        }
        try {
          for (let i = 0; i < 1024; i++) localStorage.setItem(`fill-small-${i}`, "x".repeat(1024));
        } catch {
          /* full */
        }
        try {
          for (let i = 0; i < 4096; i++) localStorage.setItem(`f${i}`, "x");
        } catch {
          /* full */
        }
      }
    },
  },
];

for (const scenario of STORAGE_SCENARIOS) {
  test(`storage: ${scenario.name}: default step, setFontStep works, nothing thrown or logged`, async (t) => {
    const { page, done } = await open(t, PAGE, { initScript: scenario.init });
    const r = await exerciseStorage(page);
    t.diagnostic(`storage: ${r.probe}; a write: ${r.write}`);
    if (scenario.probe) assert.equal(r.probe, scenario.probe, "the scenario took effect");
    if (scenario.write) assert.equal(r.write, scenario.write, "writes fail as the scenario says");
    assert.equal(r.initial, scenario.expectInitial ?? 3, "the initial step");
    assert.equal(r.explicit, 2, "an explicit fontStep wins");
    assert.equal(r.afterClick, 5, "clicking Text size 5");
    assert.equal(r.threw, null, "setFontStep does not throw");
    assert.equal(r.afterSet, 2);
    assert.equal(r.otherAfterSet, 4);
    assert.equal(r.shown, "2");
    if (scenario.rereads) {
      const steps = await page.evaluate(
        ({ n, markdown }) =>
          Array.from({ length: n }, () => rw.mount(document.getElementById("main").appendChild(document.createElement("div")), { markdown }).fontStep),
        { n: scenario.rereads, markdown: SHORT_MD },
      );
      assert.deepEqual(steps, Array(scenario.rereads).fill(3), "every unreadable value reads as nothing stored");
    }
    if ("expectStored" in scenario) {
      const stored = await page.evaluate((key) => {
        try {
          return Storage.prototype.getItem.call(window.localStorage, key);
        } catch {
          return "(unreadable)";
        }
      }, DEFAULT_STORAGE_KEY);
      if (scenario.expectStored !== null) assert.equal(stored, scenario.expectStored, "nothing overwrote the stored step");
      else assert.ok(stored === null || stored === "2" || stored === "4", `stored: ${stored}`);
    }
    done();
  });
}

test("storage: garbage under the key reads as nothing stored; the explicit fontStep wins; a valid write replaces it", async (t) => {
  const { page, done } = await open(t, PAGE);
  const GARBAGE = [
    "abc", "9", "{}", "3.5", "", " ", "0", "-0", "6", "-3", "NaN", "Infinity", "-inf", "1e400", "0x4", "4px", "4 4",
    "\u0000", "３", "null", "undefined", "true", "[4]", '{"step":4}', "9".repeat(1_000_000), "x".repeat(1_000_000),
  ];
  const results = await page.evaluate(
    ({ garbage, key, markdown }) => {
      const out = [];
      const main = document.getElementById("main");
      for (const value of garbage) {
        localStorage.setItem(key, value);
        main.innerHTML = '<div id="a"></div><div id="b"></div>';
        const label = value.length > 20 ? `${JSON.stringify(value.slice(0, 10))}…(${value.length})` : JSON.stringify(value);
        try {
          const a = rw.mount(document.getElementById("a"), { markdown });
          const b = rw.mount(document.getElementById("b"), { markdown, fontStep: 4 });
          const read = a.fontStep;
          a.setFontStep(2);
          out.push({ label, read, explicit: b.fontStep, written: localStorage.getItem(key) });
          a.destroy();
          b.destroy();
        } catch (error) {
          out.push({ label, error: `${error?.constructor?.name}: ${error?.message}` });
        }
      }
      return out;
    },
    { garbage: GARBAGE, key: DEFAULT_STORAGE_KEY, markdown: SHORT_MD },
  );
  for (const r of results) {
    assert.equal(r.error, undefined, `${r.label}: ${r.error}`);
    assert.equal(r.read, 3, `${r.label}: reads as nothing stored`);
    assert.equal(r.explicit, 4, `${r.label}: the explicit fontStep wins`);
    assert.equal(r.written, "2", `${r.label}: setFontStep(2) replaced it`);
  }
  done();
});

// ---- 5. A sandboxed iframe (opaque origin) ------------------------------------------------

test("sandboxed iframe without allow-same-origin: the widget renders and its controls work, with no error", async (t) => {
  const { page, problems, done } = await open(t, SANDBOX, { waitFor: null });
  const frame = await withCap(
    (async () => {
      for (;;) {
        const f = page.frames().find((f) => pathOf(f.url()) === FRAME);
        if (f) return f;
        await page.waitForTimeout(20);
      }
    })(),
    5_000,
    "the sandboxed frame",
  );
  await frame.waitForFunction(() => document.documentElement.dataset.ready);
  const state = await frame.evaluate(() => ({ ready: document.documentElement.dataset.ready, errors: window.__errors, sandbox: window.__sandbox }));
  t.diagnostic(`inside the frame: ${JSON.stringify(state.sandbox)}`);
  assert.equal(state.sandbox.origin, "null", "the frame's origin is opaque");
  assert.match(state.sandbox.localStorage, /^throws SecurityError/, "localStorage throws in the frame");
  assert.deepEqual(state.errors, [], "no error while mounting");
  assert.equal(state.ready, "true");

  const reader = frame.locator("#reader");
  assert.equal(await reader.locator("h1.title").textContent(), "Inside a sandbox");
  assert.equal(await frame.evaluate(() => window.widget.fontStep), 3, "the default step (storage is unavailable)");

  // The text-size controls, with real clicks.
  await reader.getByRole("button", { name: "Text size 5", exact: true }).click();
  assert.equal(await frame.evaluate(() => window.widget.fontStep), 5);
  await reader.getByRole("button", { name: "Decrease text size", exact: true }).click();
  assert.equal(await frame.evaluate(() => window.widget.fontStep), 4);
  assert.equal(await reader.locator(".rw").getAttribute("data-step"), "4");

  // A section link: lands below the sticky bar in the frame's own scrollport, and is current.
  // The frame is narrow, so the sections are behind their disclosure button first.
  const toggle = reader.locator("button.nav-toggle");
  if (await toggle.isVisible()) {
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true", "the sections disclosure opens");
  }
  await reader.locator("nav.toc a[href='#findings']").click();
  await frame
    .waitForFunction(
      ({ gap, px }) => {
        const root = document.getElementById("reader").shadowRoot;
        const top = root.getElementById("findings").getBoundingClientRect().top;
        return Math.abs(top - (root.querySelector(".bar").getBoundingClientRect().bottom + gap)) <= px;
      },
      { gap: HEADING_GAP, px: PX },
    )
    .catch(() => {});
  const landed = await frame.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    return {
      gap: root.getElementById("findings").getBoundingClientRect().top - root.querySelector(".bar").getBoundingClientRect().bottom,
      scrollY,
      focused: root.activeElement?.id ?? null,
      current: [...root.querySelectorAll("nav.toc a[aria-current]")].map((a) => a.getAttribute("href")),
      hash: location.hash,
    };
  });
  t.diagnostic(`after the nav click: ${JSON.stringify(landed)}`);
  assert.ok(landed.scrollY > 0, "the frame scrolled");
  assert.ok(Math.abs(landed.gap - HEADING_GAP) <= PX, `the heading lands ${landed.gap.toFixed(1)} px below the bar`);
  assert.equal(landed.focused, "findings", "focus moves to the heading");
  await waitForCurrentLink(frame, "#findings");
  assert.deepEqual(
    await frame.evaluate(() => [...document.getElementById("reader").shadowRoot.querySelectorAll("nav.toc a[aria-current]")].map((a) => a.getAttribute("href"))),
    ["#findings"],
  );
  // The API too.
  await frame.evaluate(() => {
    window.widget.scrollToSection("closing");
    window.widget.setFontStep(1);
    window.widget.scrollToTop();
  });
  await nextFrames(frame, 3);
  const end = await frame.evaluate(() => ({ errors: window.__errors, step: window.widget.fontStep, events: window.__events.map((e) => e.type) }));
  assert.equal(end.step, 1);
  assert.ok(end.events.includes("fontstepchange") && end.events.includes("sectionchange"), `events: ${end.events}`);
  assert.deepEqual(end.errors, [], "no uncaught error or console.error in the frame");
  void problems;
  done();
});
