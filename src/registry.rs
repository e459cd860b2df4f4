//! The widgets mounted on the page, and how long each lives.
//!
//! The registry is what keeps a widget running when the partner drops its handle (wasm-bindgen
//! frees handles that JS garbage-collects); destroying takes it out. It also decides which
//! widget follows the page address, since one address names one place on the page.

use crate::boundary::as_element;
use crate::instance::{with, Instance};
use crate::landing::{self, HashFollow};
use crate::note_preview;
use crate::view::View;
use gloo_events::EventListener;
use reading_widget_core::template;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// The attribute a partner puts on a `mount()` container to hold a viewport's height for the
/// widget until it shows its article (the rule is in pkg/embed.css): taken off once it does.
const RESERVE_ATTRIBUTE: &str = "data-rw-reserve";

thread_local! {
    static MOUNTED: RefCell<Vec<Rc<Instance>>> = const { RefCell::new(Vec::new()) };
}

/// Starts a rendered or adopted instance and keeps it alive until it is destroyed: its controls
/// now, the address when it changes, and, once the browser has laid it out, tracking the reader,
/// `on_settled`, landing on the address's `#id`, or else offering to continue reading.
pub(crate) fn start(instance: &Rc<Instance>, on_settled: impl Fn(&Instance) + 'static) -> Result<(), JsValue> {
    instance.listen();
    note_preview::listen(instance);
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let weak = Rc::downgrade(instance);
    instance.keep_listener(EventListener::new(&window, "hashchange", move |_| {
        with(&weak, |instance| follow_address(instance, HashFollow::Change));
    }));
    instance.settle_when_laid_out(move |instance| {
        on_settled(instance);
        follow_address(instance, HashFollow::Mount);
        instance.offer_to_resume();
    })?;
    instance.view.set_live(true);
    // In the same task as the markup went in: no frame shows the space given up before the article.
    let _ = instance.view.host.remove_attribute(RESERVE_ATTRIBUTE);
    MOUNTED.with(|m| m.borrow_mut().push(instance.clone()));
    Ok(())
}

/// Replaces whatever `target` shows with a readable error message (for `<reading-widget>`
/// when its article cannot be loaded).
pub(crate) fn show_error(target: JsValue, message: &str) {
    let Some(host) = as_element(target) else { return };
    destroy_on(&host);
    let _ = View::render_message(&host, &template::error_markup(message));
}

/// Removes the widget's listeners, observers and everything it rendered; safe to call more than once.
pub(crate) fn destroy(instance: &Instance) {
    remove(instance, true);
}

/// Stops the widget on `target`, if there is one, but leaves what it shows: a pre-rendered widget
/// whose element left the page, to be taken over again if it comes back.
pub(crate) fn release(target: JsValue) {
    let Some(host) = as_element(target) else { return };
    if let Some(instance) = on(&host) {
        remove(&instance, false);
    }
}

fn remove(instance: &Instance, clear: bool) {
    if instance.stop(clear) {
        MOUNTED.with(|m| m.borrow_mut().retain(|other| !std::ptr::eq(Rc::as_ptr(other), instance)));
    }
}

fn on(host: &HtmlElement) -> Option<Rc<Instance>> {
    MOUNTED.with(|m| m.borrow().iter().find(|i| &i.view.host == host).cloned())
}

/// Destroys the live widget mounted on `host`, if there is one.
pub(crate) fn destroy_on(host: &HtmlElement) {
    if let Some(previous) = on(host) {
        destroy(&previous);
    }
}

/// Stops every widget's listeners and observers without touching what they rendered: the last
/// thing the panic hook does before the module instance is replaced. Best effort, because the
/// panic may have happened while some state was borrowed.
pub(crate) fn abandon_all() {
    let _ = MOUNTED.try_with(|mounted| {
        if let Ok(mut mounted) = mounted.try_borrow_mut() {
            for instance in mounted.drain(..) {
                instance.stop(false);
            }
        }
    });
}

/// Lands on the place named in the page address (`#id`), if `instance` is the first widget on
/// the page that has it.
pub(crate) fn follow_address(instance: &Instance, why: HashFollow) {
    let Some(id) = landing::address_to_follow(why) else { return };
    let first_owner = MOUNTED.with(|m| m.borrow().iter().find(|i| i.has_id(&id)).cloned());
    if first_owner.is_some_and(|owner| std::ptr::eq(Rc::as_ptr(&owner), instance)) {
        instance.go_to_id(&id, why.behavior(), false);
    }
}
