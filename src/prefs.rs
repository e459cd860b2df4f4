//! The reader's text size, remembered in localStorage.
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
