//! The widgets mounted on the page, and how long each lives.
//!
//! The registry is what keeps a widget running when the partner drops its handle (wasm-bindgen
//! frees handles that JS garbage-collects); destroying takes it out. It also decides which
//! widget follows the page address, since one address names one place on the page.

use crate::instance::Instance;
use crate::landing::{self, HashFollow};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlElement;

thread_local! {
    static MOUNTED: RefCell<Vec<Rc<Instance>>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `instance` alive until it is destroyed.
pub(crate) fn register(instance: &Rc<Instance>) {
    MOUNTED.with(|m| m.borrow_mut().push(instance.clone()));
}

/// Removes the widget's listeners, observers and everything it rendered; safe to call more than once.
pub(crate) fn destroy(instance: &Instance) {
    if instance.stop(true) {
        MOUNTED.with(|m| m.borrow_mut().retain(|other| !std::ptr::eq(Rc::as_ptr(other), instance)));
    }
}

/// Destroys the live widget mounted on `host`, if there is one.
pub(crate) fn destroy_on(host: &HtmlElement) {
    if let Some(previous) = MOUNTED.with(|m| m.borrow().iter().find(|i| &i.view.host == host).cloned()) {
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
