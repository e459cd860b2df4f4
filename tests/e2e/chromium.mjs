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
