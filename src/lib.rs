//! reading-widget: an article reader that partners embed with one import and one element.
//!
//! The crate has a pure core and a thin browser shell:
//!
//! - core (plain Rust, tested with `cargo test`): [`article`] turns Markdown into metadata, an
//!   outline and safe HTML, with help from [`front_matter`], [`slug`] and [`link_policy`];
//!   [`i18n`] holds the UI's words; [`options`] validates what partners pass in; [`template`]
//!   lays out the widget's markup.
//! - shell (web-sys): `view` owns the shadow root and stylesheet, `widget` the mounted state
//!   and the JS handle, `wiring` the listeners and observers, `scroll` and `prefs` the page
//!   and storage, `element` the `<reading-widget>` custom element; `boundary.js` reads what
//!   partners pass in without letting a JS exception unwind through wasm.

pub mod article;
pub mod front_matter;
pub mod i18n;
pub mod link_policy;
pub mod options;
pub mod slug;
pub mod template;

mod element;
mod prefs;
mod scroll;
mod view;
mod widget;
mod wiring;

pub use widget::Widget;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // Nothing should panic, but if something does, the panic must not take later calls or the
    // reader's page with it. Wasm has no unwinding here (panic = abort), so the instance that
    // panicked cannot be trusted again: the hook logs a readable message, stops every widget's
    // listeners and observers (their rendered article stays on the page, readable), and asks
    // wasm-bindgen to start a fresh instance on the next call.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        widget::abandon_all();
        wasm_bindgen::handler::schedule_reinit();
    }));
    // A fresh instance after such a panic: <reading-widget> is still registered with the
    // browser, and needs this instance's callbacks.
    element::rebind();
}

/// Renders a reading widget into `target`'s shadow root and returns its handle.
///
/// Throws an `Error` naming the problem (and the allowed values) when `target` is not an
/// element, an option is unknown or has a wrong value, or the article's front matter is
/// malformed. Mounting on an element that already shows a widget replaces it.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] target: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MountOptions")] options: Option<JsValue>,
) -> Result<Widget, JsError> {
    widget::mount(target, options.unwrap_or(JsValue::UNDEFINED)).map_err(|message| JsError::new(&format!("mount: {message}")))
}

/// Registers the `<reading-widget>` custom element. Safe to call more than once.
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() -> Result<(), JsError> {
    element::define().map_err(|message| JsError::new(&format!("defineElement: {message}")))
}
