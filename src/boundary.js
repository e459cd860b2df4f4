// Reading values that come from the partner's JS, the mount() options first. A getter,
// Proxy trap or revoked Proxy that throws while Rust reads it would unwind through WebAssembly,
// which cannot clean up after a JS exception (each one leaks stack until the module breaks).
// Everything that might throw is read here, inside try/catch, and Rust only ever sees plain values.

/** A short description of any value, for error messages. Never throws. */
export function describeValue(value) {
  try {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    switch (typeof value) {
      case "undefined": return "undefined";
      case "string": return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
      case "number": return `the number ${value}`;
      case "bigint": return `the BigInt ${value}n`;
      case "boolean": return String(value);
      case "symbol": return "a symbol";
      case "function": return "a function";
      default: return "an object";
    }
  } catch {
    return "an unreadable object";
  }
}

/** Whether `value` is an element of any window (a same-origin iframe's too). Never throws. */
export function isElement(value) {
  try {
    return typeof value === "object" && value !== null && value.nodeType === 1 && typeof value.attachShadow === "function";
  } catch {
    return false;
  }
}

// mount()'s options (options.rs).

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
