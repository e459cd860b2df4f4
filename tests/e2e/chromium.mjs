// Launching Debian's Chromium for the end-to-end tests and the benchmark. Never a downloaded
// browser: `playwright install` cannot work on these machines.
import { chromium } from "playwright-core";

/** Flags for running as root on a machine without a GPU or a network beyond loopback. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches /usr/bin/chromium (or $CHROMIUM) headless, with `extraArgs` after the usual flags. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** The path of `url`, or "" for something that is not a URL. */
export function pathOf(url) {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

/**
 * Collects what `page` reports that a test did not expect: uncaught errors, console errors,
 * HTTP errors and failed requests. `expected(url)` exempts a resource (its failure and the
 * console error Chromium logs for it); the favicon always is. Returns the live list.
 */
export function watchProblems(page, expected = () => false) {
  const isExpected = (where) => pathOf(where) === "/favicon.ico" || expected(where);
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.stack ?? error}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location()?.url ?? "";
    if (isExpected(where) && /404|Not Found|Failed to load resource/i.test(message.text())) return;
    problems.push(`console.error: ${message.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !isExpected(response.url())) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on("requestfailed", (request) => {
    if (!isExpected(request.url())) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  return problems;
}
