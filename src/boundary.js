// Reading values that come from the partner's JS (the options themselves: options.js). A getter,
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
