export function summarizeTrace(traces, mountMs) { return { runs: traces.length, mountMs: mountMs[0], categories: [], raw: traces }; }
