//! Scrolling that works whether the page scrolls or an ancestor of the widget does, and that
//! honours prefers-reduced-motion.

use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, ScrollToOptions};

/// The nearest ancestor of `host` that scrolls, crossing shadow-root boundaries; `None` when it
/// is the page itself.
pub(crate) fn scroll_parent(host: &Element) -> Option<Element> {
    let window = web_sys::window()?;
    let document_element = window.document()?.document_element();
    let mut node = parent_across_shadow(host);
    while let Some(element) = node {
        if Some(&element) == document_element.as_ref() {
            return None;
        }
        if let Ok(Some(style)) = window.get_computed_style(&element) {
            let overflow = style.get_property_value("overflow-y").unwrap_or_default();
            if matches!(overflow.as_str(), "auto" | "scroll" | "overlay")
                && element.scroll_height() > element.client_height()
            {
                return Some(element);
            }
        }
        node = parent_across_shadow(&element);
    }
    None
}

fn parent_across_shadow(element: &Element) -> Option<Element> {
    if let Some(parent) = element.parent_element() {
        return Some(parent);
    }
    let root = element.parent_node()?.dyn_into::<web_sys::ShadowRoot>().ok()?;
    Some(root.host())
}

/// Smooth scrolling, unless the reader asked for reduced motion. `Instant` rather than `Auto`,
/// so a partner's `scroll-behavior: smooth` cannot override the reader's preference.
pub(crate) fn behavior() -> ScrollBehavior {
    let reduce = web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|query| query.matches());
    if reduce {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    }
}

/// Scrolls every scrolling ancestor so that `element`'s top (less its scroll-margin) is at the
/// top of the scrollport.
pub(crate) fn to_top_of(element: &Element, behavior: ScrollBehavior) {
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Start);
    options.set_behavior(behavior);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Scrolls the scroller (or the page) by `dy` pixels at once.
pub(crate) fn by(scroller: Option<&Element>, dy: f64) {
    by_with(scroller, dy, ScrollBehavior::Instant);
}

/// Scrolls the scroller (or the page) by `dy` pixels with `behavior` (see [`behavior`]).
pub(crate) fn by_with(scroller: Option<&Element>, dy: f64, behavior: ScrollBehavior) {
    if dy.abs() < 0.5 {
        return;
    }
    let options = ScrollToOptions::new();
    options.set_top(dy);
    options.set_behavior(behavior);
    match scroller {
        Some(element) => element.scroll_by_with_scroll_to_options(&options),
        None => {
            if let Some(window) = web_sys::window() {
                window.scroll_by_with_scroll_to_options(&options);
            }
        }
    }
}

/// The visible vertical extent of the scroller (or the viewport), in viewport coordinates.
pub(crate) fn visible_span(scroller: Option<&Element>) -> (f64, f64) {
    match scroller {
        Some(element) => {
            let rect = element.get_bounding_client_rect();
            let top = rect.top() + f64::from(element.client_top());
            (top, top + f64::from(element.client_height()))
        }
        None => {
            let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(0.0);
            (0.0, height)
        }
    }
}

/// The computed font size of `element` in pixels (16 if it cannot be read).
pub(crate) fn font_size_px(element: &Element) -> f64 {
    web_sys::window()
        .and_then(|w| w.get_computed_style(element).ok().flatten())
        .and_then(|style| style.get_property_value("font-size").ok())
        // JS's parseFloat reads "16px" as 16; Rust's float parsing would add kilobytes to the module.
        .map(|size| js_sys::parse_float(&size))
        .filter(|px| px.is_finite() && *px > 0.0)
        .unwrap_or(16.0)
}
