//! `<reading-widget>`: the one-element embed. The class itself lives in `element.js`; this
//! module hands it the Rust functions it calls.

use crate::boundary::describe;
use crate::instance::Instance;
use crate::options::Source;
use crate::widget::Widget;
use crate::{hydrate, mount, registry};
use std::cell::OnceCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineReadingWidget, catch)]
    fn define_reading_widget(
        tag: &str,
        mount: &js_sys::Function,
        hydrate: &js_sys::Function,
        release: &js_sys::Function,
        show_error: &js_sys::Function,
        renders_markdown: bool,
        markup_version: &str,
    ) -> Result<(), JsValue>;

    /// Whether an earlier module instance (this build's, or the other build's) registered the element.
    #[wasm_bindgen(js_name = isReadingWidgetDefined)]
    fn is_reading_widget_defined() -> bool;
}

/// The tag partners write.
const TAG: &str = "reading-widget";

/// The element's types, re-exported beside `defineElement()`'s so that its callers get
/// `<reading-widget>` typed too (`HTMLElementTagNameMap`, the events' `detail`). The file is the
/// package's, written by scripts/package-types.mjs from npm/element-api.mjs.
#[wasm_bindgen(typescript_custom_section)]
const ELEMENT_TYPES: &str = r#"
export type { FontStep, ReadingWidgetAttributes, ReadingWidgetElement, ReadingWidgetEventDetails, ReadingWidgetEventMap } from "./custom-element.js";
"#;

/// `mount` and `hydrate`: (element, options or scroll offset) → a Widget handle, or an Error.
type StartFn = Closure<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>;
type ReleaseFn = Closure<dyn Fn(JsValue)>;
type ShowErrorFn = Closure<dyn Fn(JsValue, String)>;

thread_local! {
    // A custom element definition lasts as long as the page, so its callbacks do too: they are
    // owned here, once, rather than leaked.
    static CALLBACKS: OnceCell<(StartFn, StartFn, ReleaseFn, ShowErrorFn)> = const { OnceCell::new() };
}

/// Hands this instance's callbacks to an element class registered by an earlier instance (after
/// a panic), or by the other build (the full build arriving on a page the hydrate-only one serves).
pub(crate) fn rebind() {
    if is_reading_widget_defined() {
        let _ = define();
    }
}

pub(crate) fn define() -> Result<(), String> {
    CALLBACKS.with(|cell| {
        let (mount, hydrate, release, show_error) = cell.get_or_init(|| {
            let mount: StartFn =
                Closure::new(|target, options| handle(mount::mount(target, options, Source::Attributes)));
            let hydrate: StartFn = Closure::new(|target, offset| handle(hydrate::hydrate(target, offset)));
            let show_error: ShowErrorFn =
                Closure::new(|target: JsValue, message: String| registry::show_error(target, &message));
            let release: ReleaseFn = Closure::new(registry::release);
            (mount, hydrate, release, show_error)
        });
        let function = |closure: &StartFn| -> js_sys::Function { closure.as_ref().clone().unchecked_into() };
        define_reading_widget(
            TAG,
            &function(mount),
            &function(hydrate),
            release.as_ref().unchecked_ref(),
            show_error.as_ref().unchecked_ref(),
            // Which build this is: element.js keeps each build's callbacks, so that a widget is
            // stopped by the build that started it.
            cfg!(feature = "markdown"),
            // What a fragment src must carry to be inserted (when no embed entry said so first).
            reading_widget_core::markup_names::MARKUP_VERSION,
        )
        .map_err(|e| format!("could not register <{TAG}>: {}", describe(&e)))
    })
}

/// The element's view of a started widget: its handle, or an Error naming the element (messages
/// about an attribute name it already: `<reading-widget theme>: …`).
fn handle(started: Result<Rc<Instance>, String>) -> Result<JsValue, JsValue> {
    started.map(|instance| JsValue::from(Widget::new(instance))).map_err(|message| {
        let named = if message.starts_with(&format!("<{TAG}")) { message } else { format!("<{TAG}>: {message}") };
        JsError::new(&named).into()
    })
}
