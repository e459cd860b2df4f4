//! The JS boundary: partner values read without letting a JS exception unwind through wasm
//! (see boundary.js), described in error messages, and the TypeScript types of the core's
//! settings for the .d.ts.

use reading_widget_core::i18n::LABEL_OVERRIDES_TS;
use wasm_bindgen::{JsCast, JsValue};

/// The TypeScript types of the core's settings, which `MountOptions` and `sections()` refer to.
/// Written here because the core carries no JS derives (the labels' part is generated from the
/// core's table of labels); the options module's tests check that every key and name the core
/// accepts is declared.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const SETTINGS_TYPES_SECTION: &str = SETTINGS_TYPES;
// Used through SETTINGS_TYPES_SECTION, which rustc does not count as a use.
#[allow(dead_code)]
pub(crate) const SETTINGS_TYPES: &str = const_format::concatcp!(
    r#"
/** A language the UI speaks. A tag with a region ("ko-KR") is read as its language. */
export type Lang = "en" | "ko" | "ja";
/** The colour theme; "auto" follows prefers-color-scheme. */
export type Theme = "auto" | "light" | "dark" | "sepia";
/** One entry of the article's outline: an h2 or h3. */
export interface Section {
    /** The heading's id, usable as `#id`. */
    id: string;
    /** The heading's text, without markup. */
    title: string;
    level: 2 | 3;
}
/** The reading settings a widget shows; `null` where neither the reader nor the partner chose. */
export interface ReadingSettings {
    /** The text size, 1–5 (3 is the page's own size). */
    fontStep: 1 | 2 | 3 | 4 | 5;
    theme: Theme;
    lineSpacing: "compact" | "normal" | "relaxed" | null;
    /** The measure, in characters. */
    width: "narrow" | "medium" | "wide" | null;
    /** Sans-serif (Gothic) or serif (Myeongjo, Mincho) system fonts for the article's language. */
    font: "sans" | "serif" | null;
}
"#,
    LABEL_OVERRIDES_TS
);

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/boundary.js")]
extern "C" {
    #[wasm_bindgen(js_name = describeValue)]
    fn describe_value(value: &JsValue) -> String;
    #[wasm_bindgen(js_name = isElement)]
    fn is_element(value: &JsValue) -> bool;
}

/// A short description of a JS value for error messages ("the number 7", "null", "an array").
pub(crate) fn describe(value: &JsValue) -> String {
    describe_value(value)
}

/// `value` as an element, if it is one, of this window or of a same-origin frame's.
pub(crate) fn as_element(value: JsValue) -> Option<web_sys::HtmlElement> {
    is_element(&value).then(|| value.unchecked_into())
}
