// Read aloud's calls into the browser, for src/read_aloud.rs, which decides everything: what to
// read (the core's selectors, passed in), the voice, the cursor, when to follow. Each function
// here is a few property accesses on speechSynthesis, Intl.Segmenter, the article's nodes and
// CSS.highlights, which as wasm glue would cost several times their size in the module.

/** The page's speechSynthesis, or null where there is none (then "Listen" is not offered). */
export function synthesis() {
  const synth = globalThis.speechSynthesis;
  return synth && typeof synth.speak === "function" && typeof globalThis.SpeechSynthesisUtterance === "function" ? synth : null;
}

/** The voices, one a line: lang, name, default and local ("1" or ""), separated by tabs. */
export function voices(synth) {
  const clean = (text) => String(text ?? "").replace(/[\t\n]/g, " ");
  return Array.from(synth.getVoices() ?? [], (v) => [clean(v.lang), clean(v.name), v.default ? "1" : "", v.localService ? "1" : ""].join("\t")).join("\n");
}

/** The utterance being spoken for a widget; the end of any other (a cancelled one) is ignored. */
let speaking = null;

/**
 * Speaks `text` in `lang` at `rate` with the voice at `voice` in getVoices(); calls `done(true)`
 * when it ends and `done(false)` when it fails (a cancel is not a failure and calls nothing).
 */
export function speak(synth, text, lang, rate, voice, done) {
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = rate;
  const chosen = synth.getVoices()[voice];
  if (chosen) utterance.voice = chosen;
  const finish = (ok) => {
    if (speaking !== utterance) return;
    speaking = null;
    done(ok);
  };
  utterance.addEventListener("end", () => finish(true));
  utterance.addEventListener("error", (event) => {
    if (event.error !== "interrupted" && event.error !== "canceled") finish(false);
  });
  speaking = utterance;
  synth.speak(utterance);
}

/** Stops all speech; the utterance that was speaking calls nothing more. */
export function cancel(synth) {
  speaking = null;
  synth.cancel();
}

export function pause(synth) {
  synth.pause();
}

export function resume(synth) {
  synth.resume();
}

/**
 * The paragraphs to read under `roots`, in order: each text node and image (`alt` selects the
 * elements read by their alt text) goes to its nearest `block` ancestor; what matches `skipped`
 * is not read. Each is `{ element, text, pieces }`, a piece `[node, start, length, whole]` in
 * UTF-16 offsets of `text` (whole: an image, highlighted as a whole).
 */
export function blocks(roots, skipped, block, alt) {
  const out = [];
  const add = (parent, node, text, whole) => {
    const element = parent.closest(block) ?? parent;
    let last = out[out.length - 1];
    if (last?.element !== element) {
      if (!text.trim()) return;
      last = { element, text: "", pieces: [] };
      out.push(last);
    }
    last.pieces.push([node, last.text.length, text.length, whole]);
    last.text += text;
  };
  const walk = (parent) => {
    for (const node of parent.childNodes) {
      if (node.nodeType === 3) add(parent, node, node.data, false);
      else if (node.nodeType !== 1 || node.matches(skipped)) continue;
      else if (node.matches(alt)) {
        const text = (node.getAttribute("alt") ?? "").trim();
        if (text) {
          add(parent, null, " ", false);
          add(parent, node, text, true);
          add(parent, null, " ", false);
        }
      } else walk(node);
    }
  };
  for (const root of roots) walk(root);
  return out.filter((b) => b.text.trim());
}

/** The index of the first block in or at `element` (0 if none). */
export function blockAt(list, element) {
  const index = element ? list.findIndex((b) => element === b.element || element.contains(b.element)) : -1;
  return Math.max(index, 0);
}

/**
 * The sentences of block `index` of `list` in `lang` (Intl.Segmenter, granularity "sentence"),
 * as start and end offsets without surrounding white space; the whole text without a segmenter.
 */
export function sentences(list, index, lang) {
  const text = list[index]?.text ?? "";
  let segments = [{ index: 0, segment: text }];
  try {
    segments = new Intl.Segmenter(lang, { granularity: "sentence" }).segment(text);
  } catch {
    // No segmenter, or a tag it refuses: the block is one sentence.
  }
  const spans = [];
  for (const { index: start, segment } of segments) {
    const lead = segment.length - segment.trimStart().length;
    const kept = segment.trim();
    if (kept) spans.push(start + lead, start + lead + kept.length);
  }
  return Uint32Array.from(spans);
}

/** The text of block `index` from `start` to `end`. */
export function textOf(list, index, start, end) {
  return list[index]?.text.slice(start, end) ?? "";
}

/** The element of block `index`. */
export function elementOf(list, index) {
  return list[index]?.element ?? null;
}

/** The DOM range of block `index`'s text from `start` to `end`, or null. */
export function rangeOf(list, index, start, end) {
  const pieces = list[index]?.pieces.filter((p) => p[0]) ?? [];
  const first = pieces.find(([, at, length]) => start < at + length);
  const last = pieces.findLast(([, at]) => end > at);
  if (!first || !last) return null;
  const range = new Range();
  if (first[3]) range.setStartBefore(first[0]);
  else range.setStart(first[0], Math.max(start - first[1], 0));
  if (last[3]) range.setEndAfter(last[0]);
  else range.setEnd(last[0], Math.min(end - last[1], last[2]));
  return range;
}

/**
 * Adds `range` to the page's highlight called `name` (created if needed), or with `on` false
 * removes it. `CSS.highlights` is one per document: every widget shares the highlight and
 * touches only its own range. Nothing where the browser has no Custom Highlight API.
 */
export function highlight(name, range, on) {
  const registry = globalThis.CSS?.highlights;
  if (!registry || typeof Highlight !== "function" || !range) return;
  let shared = registry.get(name);
  if (!shared) {
    if (!on) return;
    shared = new Highlight();
    registry.set(name, shared);
  }
  if (on) shared.add(range);
  else shared.delete(range);
}

const ACTIONS = ["play", "pause", "stop", "previoustrack", "nexttrack"];

/**
 * Shows `title` on the lock screen with its play, pause, stop, previous and next controls,
 * which call `handler(action)`; without a title (null or undefined), clears them all.
 */
export function mediaSession(title, handler) {
  const session = globalThis.navigator?.mediaSession;
  if (!session) return;
  for (const action of ACTIONS) {
    try {
      session.setActionHandler(action, title == null ? null : () => handler(action));
    } catch {
      // An action this browser does not know.
    }
  }
  session.metadata = title == null || typeof MediaMetadata !== "function" ? null : new MediaMetadata({ title });
  session.playbackState = title == null ? "none" : "playing";
}

/** Tells the lock screen whether speech plays or is paused. */
export function playbackState(state) {
  const session = globalThis.navigator?.mediaSession;
  if (session) session.playbackState = state;
}
