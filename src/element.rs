//! `<reading-widget>`: the one-element embed. The class itself lives in `element.js`; this
//! module hands it the Rust functions it calls.

use crate::boundary::describe;
use crate::mount;
use crate::widget::Widget;
use std::cell::OnceCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineReadingWidget, catch)]
    fn define_reading_widget(tag: &str, mount: &js_sys::Function, show_error: &js_sys::Function)
        -> Result<(), JsValue>;

    /// Whether an earlier instance of this module registered the element.
    #[wasm_bindgen(js_name = isReadingWidgetDefined)]
    fn is_reading_widget_defined() -> bool;
}

/// The tag partners write.
const TAG: &str = "reading-widget";

type MountFn = Closure<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>;
type ShowErrorFn = Closure<dyn Fn(JsValue, String)>;

thread_local! {
    // A custom element definition lasts as long as the page, so its callbacks do too: they are
    // owned here, once, rather than leaked.
    static CALLBACKS: OnceCell<(MountFn, ShowErrorFn)> = const { OnceCell::new() };
}

/// Hands this instance's callbacks to an element class registered by an earlier instance.
pub(crate) fn rebind() {
    if is_reading_widget_defined() {
        let _ = define();
    }
}

pub(crate) fn define() -> Result<(), String> {
    CALLBACKS.with(|cell| {
        let (mount, show_error) = cell.get_or_init(|| {
            let mount: MountFn = Closure::new(|target, options| {
                mount::mount(target, options)
                    .map(|instance| JsValue::from(Widget::new(instance)))
                    .map_err(|message| JsError::new(&format!("<{TAG}>: {message}")).into())
            });
            let show_error: ShowErrorFn =
                Closure::new(|target: JsValue, message: String| mount::show_error(target, &message));
            (mount, show_error)
        });
        define_reading_widget(TAG, mount.as_ref().unchecked_ref(), show_error.as_ref().unchecked_ref())
            .map_err(|e| format!("could not register <{TAG}>: {}", describe(&e)))
    })
}
