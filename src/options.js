// Reading mount() options from the partner's JS (see boundary.js for why here): a getter, Proxy
// trap or revoked Proxy that throws is caught here, and Rust only ever sees plain values.
import { describeValue } from "./boundary.js";

function safeString(value) {
  try {
    return String(value?.message ?? value);
  } catch {
    return "an exception";
  }
}

/** Whether `value` is an array. Never throws (Array.isArray does on a revoked Proxy). */
export function isArray(value) {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

function plain(value) {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return value;
  return Array.isArray(value) ? [] : {};
}

/**
 * A plain copy of mount() options: own enumerable keys, primitive values, `labels` one level
 * deeper; objects elsewhere become empty ones, which are refused by type. Returns
 * `{ options }` or `{ error }` with what threw while reading.
 */
export function copyOptions(options) {
  try {
    // No prototype: a key named "__proto__" stays a key (and is refused as unknown).
    const copy = Object.create(null);
    for (const key of Object.keys(options)) {
      const value = options[key];
      if (key !== "labels") {
        copy[key] = plain(value);
      } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const labels = Object.create(null);
        for (const name of Object.keys(value)) labels[name] = plain(value[name]);
        copy[key] = labels;
      } else if (value !== undefined && value !== null) {
        return { error: `options.labels: invalid type: ${describeValue(value)}, expected an object such as { backToTop: "Up" }` };
      }
    }
    return { options: copy };
  } catch (error) {
    return { error: safeString(error) };
  }
}
