//! `mount()` in the hydrate-only build (`--no-default-features`), which leaves out the Markdown
//! parser, TOML and the compiled-in stylesheet and only takes over pre-rendered widgets.

use crate::instance::Instance;
use crate::options::Source;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Refuses, saying which build renders Markdown.
pub(crate) fn mount(_target: JsValue, _options: JsValue, _source: Source) -> Result<Rc<Instance>, String> {
    Err("this is the hydrate-only build (reading_widget_hydrate.js, element-hydrate.js): it takes over \
         pre-rendered widgets but does not render Markdown; load the full build (reading_widget.js, or \
         element.js) to mount an article"
        .into())
}
