//! What the widget remembers in localStorage: the reader's text size, and their place in an
//! article (see `resume`).
//!
//! Storage is a convenience, never a requirement: it may be missing (sandboxed iframes),
//! throw (privacy modes), be full, or hold anything another script wrote. Every failure reads
//! as "nothing stored" and every failed write is dropped.

use reading_widget_core::settings::FontStep;

fn storage() -> Option<web_sys::Storage> {
    // `localStorage` itself throws in an opaque-origin iframe; `ok()` turns that into None.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored step under `key`, if there is a valid one.
pub(crate) fn load(key: &str) -> Option<FontStep> {
    let text = storage()?.get_item(key).ok().flatten()?;
    // Whole numbers only: this module parses no floats (see FontStep::from_number).
    FontStep::from_number(text.trim().parse::<u8>().ok()?.into())
}

/// Stores `step` under `key`; a full or refusing store is ignored.
pub(crate) fn save(key: &str, step: FontStep) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, &step.get().to_string());
    }
}

/// The text stored under `key`, if any.
pub(crate) fn load_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`, or with `None` removes it; a full or refusing store is ignored.
pub(crate) fn save_text(key: &str, value: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
}
