//! `reading-widget-render`: the core's pre-renderer for JavaScript, behind `pkg/render.js`
//! (`import { renderFragment, renderPage } from "reading-widget/render"`).
//!
//! A server or a static-site build in Node, Deno, Bun or an edge worker gets exactly what
//! `reading-widget render` prints: both call [`prerender::fragment`] or [`prerender::page`] with
//! a [`Prerender`] built from the same core types ([`options`]). Nothing here touches a DOM; the
//! module imports nothing from JS but wasm-bindgen's own glue.
//!
//! The hand-written entries in `render/js/` (copied into `pkg/` by `scripts/build-render.sh`)
//! instantiate the module and copy the partner's options object into plain values before it
//! reaches Rust, so no getter or Proxy trap can throw while Rust is on the stack.

pub mod options;

use options::{describe, Value};
use reading_widget_core::prerender::{self, Prerender};
use reading_widget_core::ArticleError;
use wasm_bindgen::prelude::*;

/// The widget's HTML to paste into a page: `reading-widget render ARTICLE [OPTIONS]`.
///
/// `markdown` must be a string; `options` an object with the keys [`options::KEYS`] (or
/// `undefined`/`null`). The error's message names what is wrong: an option and the values it
/// allows, or the front-matter line (the CLI's message without its `reading-widget: FILE: `).
#[wasm_bindgen(js_name = renderFragment, skip_typescript)]
pub fn render_fragment(markdown: JsValue, options: JsValue) -> Result<String, JsError> {
    render(markdown, options, prerender::fragment)
}

/// A whole HTML document: `reading-widget render ARTICLE --page [OPTIONS]`. As
/// [`render_fragment`] otherwise.
#[wasm_bindgen(js_name = renderPage, skip_typescript)]
pub fn render_page(markdown: JsValue, options: JsValue) -> Result<String, JsError> {
    render(markdown, options, prerender::page)
}

fn render(
    markdown: JsValue,
    options: JsValue,
    to_html: fn(&str, &Prerender) -> Result<String, ArticleError>,
) -> Result<String, JsError> {
    let error = |message: String| JsError::new(&message);
    let markdown = markdown
        .as_string()
        .ok_or_else(|| error(format!("markdown must be a string, not {}", describe(&Value::from_js(&markdown)))))?;
    let settings = read_options(&options).map_err(error)?;
    to_html(&markdown, &settings).map_err(|e| error(e.to_string()))
}

/// The options object (a plain copy made by `render/js/render-module.js`) as the core's
/// settings.
fn read_options(options: &JsValue) -> Result<Prerender, String> {
    if options.is_undefined() || options.is_null() {
        return Ok(Prerender::default());
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(options::not_an_object(&Value::from_js(options)));
    }
    let keys = js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>());
    let given = keys.iter().filter_map(|key| {
        let name = key.as_string()?;
        let value = js_sys::Reflect::get(options, &key).unwrap_or(JsValue::UNDEFINED);
        Some((name, Value::from_js(&value)))
    });
    options::settings(given)
}
