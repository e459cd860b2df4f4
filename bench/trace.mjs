// Summaries of DevTools traces and CPU profiles of the widget's 1 MB mount (see run.mjs, profile()).
//
// summarizeTrace: main-thread self time by category between the page's performance marks
//   "bench:mount-start" and "bench:mount-end" (every top-level task that overlaps them, whole).
//   An event's self time is its duration less its children's; events the map below does not
//   name take the category of their nearest named ancestor, and top-level tasks' own time (the
//   script that runs in them: mount(), its glue and its wasm, as page.evaluate runs it outside
//   any FunctionCall event) is "script and other task time".
// summarizeScrollTrace: the same categories over the long tasks (> 50 ms) between the marks
//   "bench:scroll-start" and "bench:scroll-end".
// summarizeProfiles: self time by function from V8 CPU profiles (Profiler domain), which splits
//   "script" into wasm, the wasm-bindgen JS glue and the DOM calls it makes. V8 charges the
//   native work a DOM call triggers (e.g. a forced style and layout) to that call.

const CATEGORY = new Map([
  ["ParseHTML", "innerHTML parse (ParseHTML)"],
  ["UpdateLayoutTree", "style recalc (UpdateLayoutTree)"],
  ["RecalculateStyles", "style recalc (UpdateLayoutTree)"],
  ["Layout", "layout (Layout: line breaking, text shaping, container-query style)"],
  ["PrePaint", "pre-paint, paint, layerize, commit"],
  ["Paint", "pre-paint, paint, layerize, commit"],
  ["Layerize", "pre-paint, paint, layerize, commit"],
  ["UpdateLayer", "pre-paint, paint, layerize, commit"],
  ["UpdateLayerTree", "pre-paint, paint, layerize, commit"],
  ["Commit", "pre-paint, paint, layerize, commit"],
  ["CompositeLayers", "pre-paint, paint, layerize, commit"],
  ["IntersectionObserverController::computeIntersections", "intersection observers"],
  ["MajorGC", "garbage collection"],
  ["MinorGC", "garbage collection"],
  ["BlinkGC.AtomicPhase", "garbage collection"],
  ["V8.GC_MC_INCREMENTAL", "garbage collection"],
  ["FunctionCall", "script in callbacks (event, observer, rAF)"],
  ["EvaluateScript", "script in callbacks (event, observer, rAF)"],
  ["v8.compile", "script in callbacks (event, observer, rAF)"],
  ["FireAnimationFrame", "script in callbacks (event, observer, rAF)"],
  ["FireIdleCallback", "script in callbacks (event, observer, rAF)"],
  ["RunMicrotasks", "script in callbacks (event, observer, rAF)"],
  ["ScrollLayer", "scroll"],
  ["HitTest", "hit testing"],
]);
// A top-level task's own time: the script it runs, plus any unlabelled scheduling work.
const TASK = "other task time (script: JS, wasm, glue; and browser work with no trace event of its own)";

function mainThread(events) {
  // The renderer's main thread with the most complete events (there is one page).
  const names = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  let best = null;
  let bestCount = -1;
  for (const t of names) {
    const count = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === "X").length;
    if (count > bestCount) [best, bestCount] = [t, count];
  }
  if (!best) throw new Error("trace: no CrRendererMain thread");
  return { pid: best.pid, tid: best.tid };
}

function completeEvents(events, { pid, tid }) {
  // X events as they are; B/E pairs folded into X; anything unmatched dropped.
  const out = [];
  const open = [];
  const mine = events.filter((e) => e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  for (const e of mine) {
    if (e.ph === "X" && typeof e.dur === "number") out.push({ name: e.name, ts: e.ts, dur: e.dur });
    else if (e.ph === "B") open.push(e);
    else if (e.ph === "E") {
      const b = open.pop();
      if (b) out.push({ name: b.name, ts: b.ts, dur: e.ts - b.ts });
    }
  }
  return out.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
}

function mark(events, name) {
  return events.find((e) => e.name === name && (e.cat ?? "").includes("user_timing"))?.ts;
}

/** Top-level main-thread tasks as trees, each node with its self time and category. */
function taskTrees(events) {
  const all = completeEvents(events, mainThread(events));
  const stack = [];
  const roots = [];
  for (const e of all) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const node = { ...e, self: e.dur, children: [] };
    node.category = CATEGORY.get(e.name) ?? parent?.category ?? null;
    if (parent && e.ts + e.dur <= parent.ts + parent.dur) {
      parent.children.push(node);
      parent.self -= e.dur;
    } else {
      roots.push(node);
    }
    stack.push(node);
  }
  return roots;
}

function addSelfTimes(node, totals) {
  const category = node.category ?? TASK;
  totals.set(category, (totals.get(category) ?? 0) + Math.max(0, node.self));
  for (const child of node.children) addSelfTimes(child, totals);
}

function table(totals, runs, busy) {
  return [...totals]
    .map(([name, us]) => ({ name, ms: us / 1000 / runs, share: busy ? us / busy : 0 }))
    .filter((c) => c.ms >= 0.05)
    .sort((a, b) => b.ms - a.ms);
}

function markWindow(events, from, to) {
  const start = mark(events, from);
  const end = mark(events, to);
  if (start === undefined || end === undefined) throw new Error(`trace: the ${from}/${to} marks are missing`);
  return { start, end };
}

/** Main-thread self time by category over the mounts (all tasks overlapping the marks). */
export function summarizeTrace(traces, mountMs) {
  const totals = new Map();
  let busy = 0;
  for (const events of traces) {
    const { start, end } = markWindow(events, "bench:mount-start", "bench:mount-end");
    for (const root of taskTrees(events).filter((r) => r.ts <= end && r.ts + r.dur >= start)) {
      busy += root.dur;
      addSelfTimes(root, totals);
    }
  }
  const runs = traces.length;
  const sorted = [...mountMs].sort((a, b) => a - b);
  return { runs, mountMs: sorted[sorted.length >> 1], mountMsAll: mountMs, busyMs: busy / 1000 / runs, categories: table(totals, runs, busy) };
}

/** What the long tasks (over 50 ms) between the scroll marks consist of, by category. */
export function summarizeScrollTrace(events) {
  const { start, end } = markWindow(events, "bench:scroll-start", "bench:scroll-end");
  const long = taskTrees(events).filter((r) => r.ts >= start && r.ts <= end && r.dur > 50_000);
  const totals = new Map();
  let busy = 0;
  for (const root of long) {
    busy += root.dur;
    addSelfTimes(root, totals);
  }
  return { longTasks: long.length, longTaskMs: busy / 1000, categories: table(totals, 1, busy) };
}

export function summarizeProfiles(profiles) {
  const self = new Map();
  let total = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const { samples, timeDeltas } = profile;
    for (let i = 0; i < samples.length; i++) {
      // A sample's time is the gap to the next one; the last sample gets none.
      const dt = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
      const frame = byId.get(samples[i]).callFrame;
      if (frame.functionName === "(idle)") continue;
      const file = frame.url ? frame.url.split("/").pop() : "";
      const wasm = frame.codeType === "wasm" || file.endsWith(".wasm");
      const key = wasm ? "wasm code (all functions; the release build has no names)" : `${frame.functionName || "(anonymous)"}${file ? ` (${file})` : ""}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    }
  }
  const runs = profiles.length;
  return {
    runs,
    totalMs: total / 1000 / runs,
    functions: [...self]
      .map(([name, us]) => ({ name, ms: us / 1000 / runs }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 12),
  };
}
