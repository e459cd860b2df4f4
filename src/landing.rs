//! Landing on a place in the article (a section, a footnote) and the page address that names it.
//!
//! The widget writes `#id` with `history.replaceState` when it lands, and follows `#id` when the
//! page opens with one or the address changes. One address names one place on the page, so the
//! address last shown is remembered page-wide: a widget mounted later does not jump to it again.

use crate::controls::{decode_fragment, focus_without_scrolling};
use crate::held_place::HeldPlace;
use crate::scroll;
use crate::view::View;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ScrollBehavior};

thread_local! {
    // The last address (`#id`) a widget has shown, by following it or by writing it.
    static LANDED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Why a widget looks at the page address.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum HashFollow {
    /// It has just been mounted: land there at once.
    Mount,
    /// The address changed (hashchange): scroll there smoothly.
    Change,
}

impl HashFollow {
    pub(crate) fn behavior(self) -> ScrollBehavior {
        match self {
            HashFollow::Mount => ScrollBehavior::Instant,
            HashFollow::Change => scroll::behavior(),
        }
    }
}

/// The id the page address names, if a widget should follow it now.
pub(crate) fn address_to_follow(why: HashFollow) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let raw = hash.strip_prefix('#').filter(|h| !h.is_empty())?;
    if why == HashFollow::Mount && LANDED.with(|landed| landed.borrow().as_deref() == Some(hash.as_str())) {
        return None;
    }
    Some(decode_fragment(raw))
}

/// How to land: which scrolling box moves, how it moves, who holds the place, and whether
/// focus follows.
pub(crate) struct Landing<'a> {
    pub(crate) held: &'a Rc<HeldPlace>,
    pub(crate) scroller: Option<Element>,
    pub(crate) behavior: ScrollBehavior,
    pub(crate) move_focus: bool,
}

/// Scrolls `element` (named `id` in the address) to the top, holds it there while the article
/// around it is laid out, and writes the address.
pub(crate) fn land_on(element: &Element, id: &str, how: Landing<'_>) {
    scroll::to_top_of(element, how.behavior);
    how.held.hold_after_scroll(element, how.behavior, how.scroller);
    if how.move_focus {
        // Every element of the article body is an HTML element (of this window or a frame's).
        focus_without_scrolling(element.unchecked_ref::<HtmlElement>());
    }
    replace_hash(id);
}

/// The element of the article body with this id.
pub(crate) fn body_element(view: &View, id: &str) -> Option<Element> {
    view.body.query_selector(&format!("[id=\"{}\"]", css_string(id))).ok().flatten()
}

fn replace_hash(id: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let url = format!("#{}", String::from(js_sys::encode_uri_component(id)));
    // Throws in sandboxed and opaque-origin documents; the scroll already happened.
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    let written = window.location().hash().unwrap_or(url);
    LANDED.with(|landed| *landed.borrow_mut() = Some(written));
}

/// Escapes `value` for use inside a double-quoted CSS string.
fn css_string(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}
