//! How error messages show the text they were given.

/// `text` in double quotes, escaped as a JSON string (what `JSON.stringify` gives in the
/// browser), for error messages: `must be en, ko or ja, not "fr"`.
///
/// serde_json's escaper rather than Rust's `{:?}`: Debug escaping brings core's Unicode tables
/// into the wasm module, and the shipped module is built with Debug formatting compiled out.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quotes_and_escapes_like_json() {
        assert_eq!(quoted("fr"), "\"fr\"");
        assert_eq!(quoted("a \"b\" \\ c\n\u{1}"), "\"a \\\"b\\\" \\\\ c\\n\\u0001\"");
        assert_eq!(quoted("한국어 日本語"), "\"한국어 日本語\"");
    }
}
