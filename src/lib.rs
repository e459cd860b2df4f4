//! reading-widget: an article reader that partners embed with one import and one element.
//!
//! This crate is the browser shell, a thin DOM layer over the pure core
//! ([`reading_widget_core`]), which renders the article and the widget's markup and makes the
//! reading decisions. Here:
//!
//! - [`mount()`] and `<reading-widget>` (`element`, `element.js`) are the ways in; `boundary`
//!   (with `boundary.js`) reads what partners pass without letting a JS exception unwind through
//!   wasm; `mount` resolves the options and starts a widget; [`Widget`] (`widget`) is its JS handle.
//! - `registry` keeps mounted widgets alive until they are destroyed and picks which one
//!   follows the page address; `instance` is one mounted widget, made of `view` (the shadow
//!   root, its stylesheet and element handles), `text_size`, `sections` (tracking the current
//!   one), `landing` (jumps and the `#id` address), `held_place` (a place kept while the
//!   article lays out), `controls` (clicks, keys, the disclosure, back to top), `copy_link`
//!   (the section links) and `resume` (continue reading).
//! - `guards` owns observers the way gloo-events owns listeners; `scroll` and `prefs` wrap the
//!   page's scrolling and storage.

mod boundary;
mod controls;
mod copy_link;
mod edition_links;
#[cfg(feature = "markdown")]
mod edition_switch;
mod element;
mod guards;
mod held_place;
mod hydrate;
mod instance;
mod landing;
mod language_offer;
#[cfg_attr(not(feature = "markdown"), path = "hydrate_only.rs")]
mod mount;
// Compiled into the hydrate-only build too, which reads no options: its `mount()` (which only
// refuses) is declared with the same `MountOptions`, whose TypeScript tsify emits from here.
mod note_preview;
#[cfg_attr(not(feature = "markdown"), allow(dead_code))]
mod options;
mod prefs;
#[cfg(all(feature = "markdown", not(feature = "html5gum")))]
mod raw_tokens;
mod read_aloud;
mod reading_settings;
mod registry;
mod resume;
mod scroll;
mod sections;
mod text_size;
mod view;
mod widget;

use wasm_bindgen::prelude::*;
pub use widget::Widget;

// talc rather than the standard library's dlmalloc: the same job in fewer bytes of the download.
// The module is single-threaded (no `atomics`), which is what this allocator is for.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(start)]
fn start() {
    // Nothing should panic, but if something does, the panic must not take later calls or the
    // reader's page with it. Wasm has no unwinding here (panic = abort), so the instance that
    // panicked cannot be trusted again: the hook logs a readable message, stops every widget's
    // listeners and observers (their rendered article stays on the page, readable), and asks
    // wasm-bindgen to start a fresh instance on the next call.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        registry::abandon_all();
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
    mount::mount(target, options.unwrap_or(JsValue::UNDEFINED), options::Source::Options)
        .map(Widget::new)
        .map_err(|message| JsError::new(&format!("mount: {message}")))
}

/// Registers the `<reading-widget>` custom element. Safe to call more than once.
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() -> Result<(), JsError> {
    element::define().map_err(|message| JsError::new(&format!("defineElement: {message}")))
}
