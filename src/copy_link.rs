//! Section links: the button beside each h2 and h3 puts the address of its section on the
//! clipboard and says so in the widget's live region. Where the page has no clipboard or the
//! browser refuses it, the reader lands on the section instead, as a navigation click does, and
//! its address is then in the address bar to copy from there.
//!
//! No closure waits for the clipboard: the promise settles by dispatching [`SETTLED`], with the
//! section's id and the outcome, on the widget's shadow root (bound `dispatchEvent` calls, plain
//! JS functions), and the widget's own listener for it, dropped with it, does the rest. A widget
//! destroyed meanwhile simply hears nothing.

use crate::view::View;
use js_sys::{Function, Reflect};
use reading_widget_core::link_policy::section_address;
use reading_widget_core::markup_names::attr;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit};

/// Dispatched on the shadow root when the clipboard has taken the link or refused it, with
/// `detail` `{ id, copied }`. Not composed: it never leaves the shadow root.
pub(crate) const SETTLED: &str = "rw-link-copy";

/// Starts copying the address of section `id`; false if the page has no clipboard to write
/// to, or it threw at once.
pub(crate) fn copy(view: &View, id: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(href) = window.location().href() else { return false };
    let address = section_address(&href, &String::from(js_sys::encode_uri_component(id)));
    let get = |target: &JsValue, key: &str| {
        Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
    };
    // navigator.clipboard is missing outside secure contexts and in some embedded browsers.
    let Some(clipboard) = get(&window, "navigator").and_then(|navigator| get(&navigator, "clipboard")) else {
        return false;
    };
    let Some(write) = get(&clipboard, "writeText").and_then(|f| f.dyn_into::<Function>().ok()) else { return false };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(&address)) else { return false };
    let (Some(then), Some(dispatch)) = (
        get(&promise, "then").and_then(|f| f.dyn_into::<Function>().ok()),
        get(&view.root, "dispatchEvent").and_then(|f| f.dyn_into::<Function>().ok()),
    ) else {
        return false;
    };
    let (Some(copied), Some(refused)) = (event(id, true), event(id, false)) else { return false };
    let on_copied = dispatch.bind1(&view.root, &copied);
    let on_refused = dispatch.bind1(&view.root, &refused);
    then.call2(&promise, &on_copied, &on_refused).is_ok()
}

fn event(id: &str, copied: bool) -> Option<CustomEvent> {
    let detail = js_sys::Object::new();
    Reflect::set(&detail, &JsValue::from_str("id"), &JsValue::from_str(id)).ok()?;
    Reflect::set(&detail, &JsValue::from_str("copied"), &JsValue::from_bool(copied)).ok()?;
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    CustomEvent::new_with_event_init_dict(SETTLED, &init).ok()
}

/// The section id a [`SETTLED`] event carries and whether the link was copied. Read, not cast:
/// the shadow root is open, and a page script could dispatch anything by that name.
pub(crate) fn outcome(event: &web_sys::Event) -> Option<(String, bool)> {
    let detail = Reflect::get(event, &JsValue::from_str("detail")).ok()?;
    let id = Reflect::get(&detail, &JsValue::from_str("id")).ok()?.as_string()?;
    let copied = Reflect::get(&detail, &JsValue::from_str("copied")).ok()?.as_bool()?;
    Some((id, copied))
}

/// Says "Link copied" (in the UI's language, from the markup) in the polite live region.
pub(crate) fn announce(view: &View) {
    let message = view.status.get_attribute(attr::DATA_MESSAGE).unwrap_or_default();
    // The same words twice in a row are not announced again; a no-break space makes them differ.
    let text = if view.status.text_content().as_deref() == Some(message.as_str()) {
        format!("{message}\u{a0}")
    } else {
        message
    };
    view.status.set_text_content(Some(&text));
}
