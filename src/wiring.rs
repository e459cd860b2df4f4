//! The widget's listeners and observers, owned together so that dropping a [`Wiring`] removes
//! every one of them. Nothing here is leaked with `Closure::forget`.
//!
//! Clicks are handled by one delegated listener on the shadow root rather than one per control;
//! section tracking uses IntersectionObservers, so scrolling itself runs no widget code.

use crate::options::FontStep;
use crate::scroll;
use crate::widget::{decode_fragment, HashFollow, Live};
use gloo_events::{EventListener, EventListenerOptions};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, Event, HtmlElement, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit, KeyboardEvent,
    ResizeObserver,
};

/// The sticky bar's height in the widget's em (`--_bar-h` in style.css).
pub const BAR_HEIGHT_EM: f64 = 3.5;

/// Everything that calls back into a widget.
pub struct Wiring {
    _listeners: Vec<EventListener>,
    tracking: Tracking,
}

/// What starts once the widget has been laid out (see `Live::settle`).
#[derive(Default)]
pub struct Tracking {
    _observers: Vec<Observer>,
}

/// An Intersection- or ResizeObserver and the closure it calls, disconnected on drop.
pub struct Observer {
    disconnect: Box<dyn Fn()>,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
    /// The IntersectionObserver itself, for changing what it observes.
    pub intersection: Option<IntersectionObserver>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        (self.disconnect)();
    }
}

impl Observer {
    /// Calls `on_resize` whenever `target` changes size, right after layout and before paint.
    fn resize(target: &Element, mut on_resize: impl FnMut() + 'static) -> Result<Observer, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| on_resize());
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe(target);
        Ok(Observer { disconnect: Box::new(move || observer.disconnect()), _callback: callback, intersection: None })
    }

    fn intersection(
        root: Option<&Element>,
        root_margin: &str,
        thresholds: &[f64],
        targets: &[&Element],
        mut on_change: impl FnMut(Vec<IntersectionObserverEntry>) + 'static,
    ) -> Result<Observer, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            on_change(entries.iter().map(|e| e.unchecked_into()).collect());
        });
        let init = IntersectionObserverInit::new();
        init.set_root(root);
        init.set_root_margin(root_margin);
        let thresholds: js_sys::Array = thresholds.iter().map(|&t| JsValue::from(t)).collect();
        init.set_threshold(&thresholds);
        let observer = IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)?;
        for target in targets {
            observer.observe(target);
        }
        let handle = observer.clone();
        let disconnect = move || {
            // takeRecords empties the queue, so no notification can reach the closure once it is freed.
            let _ = observer.take_records();
            observer.disconnect();
        };
        Ok(Observer { disconnect: Box::new(disconnect), _callback: callback, intersection: Some(handle) })
    }
}

/// Runs `f` with the widget if it is still alive; callbacks hold only a weak reference, so a
/// destroyed widget is freed even if a callback were still queued.
fn with(live: &Weak<Live>, f: impl FnOnce(&Live)) {
    if let Some(live) = live.upgrade() {
        f(&live);
    }
}

impl Wiring {
    pub fn new(live: &Rc<Live>) -> Result<Wiring, JsValue> {
        let view = &live.view;
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let mut listeners = Vec::new();

        let weak = Rc::downgrade(live);
        listeners.push(EventListener::new_with_options(&view.root, "click", EventListenerOptions::enable_prevent_default(), move |event| {
            with(&weak, |live| on_click(live, event));
        }));
        let weak = Rc::downgrade(live);
        // Not passive: arrow keys in the toolbar must not also scroll the page.
        listeners.push(EventListener::new_with_options(&view.root, "keydown", EventListenerOptions::enable_prevent_default(), move |event| {
            with(&weak, |live| on_keydown(live, event));
        }));
        let weak = Rc::downgrade(live);
        listeners.push(EventListener::new(&window, "hashchange", move |_| {
            with(&weak, |live| live.follow_location_hash(HashFollow::Change));
        }));

        // The observers that track reading need the widget laid out; the first report of this
        // one arrives right after the browser has done that (see Live::settle).
        let weak = Rc::downgrade(live);
        let laid_out = Observer::intersection(None, "0px", &[0.0], &[&view.top_sentinel], move |_| {
            if let Some(live) = weak.upgrade() {
                live.settle();
            }
        })?;
        Ok(Wiring { _listeners: listeners, tracking: Tracking { _observers: vec![laid_out] } })
    }

    /// Replaces what tracks the reader, dropping (and so disconnecting) what was there before.
    pub fn set_tracking(&mut self, tracking: Tracking) {
        self.tracking = tracking;
    }

    /// What follows the reader: which section is current, whether the end of the article is in
    /// view, whether the reader is past the first screen, and the layout changes and scroll
    /// ends that a held place must survive.
    pub fn tracking(live: &Rc<Live>) -> Result<Tracking, JsValue> {
        let view = &live.view;
        let line = live.reading_line.get();
        let scroller = live.scroller.borrow().clone();
        let root = scroller.as_ref();

        // Watches only the current section's heading and the next one (Live::watch_around):
        // one of them crosses the reading line, or leaves the screen on a jump, before any
        // other heading can become current. Observing every heading of a long article costs
        // the browser work on every frame of scrolling.
        let weak = Rc::downgrade(live);
        let sections = Observer::intersection(root, &format!("-{line}px 0px 0px 0px"), &[0.0, 1.0], &[], move |_| {
            with(&weak, Live::update_current);
        })?;
        if let Some(observer) = &sections.intersection {
            live.watch_with(observer.clone());
        }
        let weak = Rc::downgrade(live);
        let end = Observer::intersection(root, "0px", &[0.0], &[&view.end_sentinel], move |_| {
            with(&weak, Live::update_current);
        })?;
        let weak = Rc::downgrade(live);
        // The root is stretched upwards by its own height (100%), so the sentinel at the widget's
        // top leaves it once the reader is one screen, of the page or of the scrolling box,
        // past it.
        let first_screen = Observer::intersection(root, "100% 0px 0px 0px", &[0.0], &[&view.top_sentinel], move |entries| {
            with(&weak, |live| {
                if let Some(entry) = entries.last() {
                    let root_top = entry.root_bounds().map_or(0.0, |r| r.top());
                    let scrolled_past = !entry.is_intersecting() && entry.bounding_client_rect().bottom() <= root_top + 1.0;
                    live.set_back_to_top_visible(scrolled_past);
                }
            });
        })?;

        let weak = Rc::downgrade(live);
        // Blocks getting their real height move everything below them, without any heading
        // crossing an observer's line: re-check the held place and the current section.
        let relaid = Observer::resize(&view.body, move || {
            with(&weak, |live| {
                live.keep_held_place();
                live.update_current();
            })
        })?;
        Ok(Tracking { _observers: vec![sections, end, first_screen, relaid] })
    }
}

/// The listeners a held place needs (see `Live::hold`): the reader taking over (scrolling,
/// tapping, typing) lets it go, and, when `smooth`, the end of the scroll lands it.
pub fn while_held(live: &Weak<Live>, scroller: Option<&Element>, smooth: bool) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let mut listeners: Vec<EventListener> = ["wheel", "touchstart", "pointerdown", "keydown"]
        .into_iter()
        .map(|name| {
            let weak = live.clone();
            EventListener::new(&window, name, move |_| with(&weak, Live::release_place))
        })
        .collect();
    if smooth {
        let weak = live.clone();
        let target: &web_sys::EventTarget = match scroller {
            Some(element) => element,
            None => &window,
        };
        listeners.push(EventListener::new(target, "scrollend", move |_| with(&weak, Live::land_held_place)));
    }
    listeners
}

/// The element an event inside the shadow root came from. Not `dyn_into`: in a widget mounted
/// into a same-origin iframe the element belongs to that frame's window.
fn target_element(event: &Event) -> Option<Element> {
    let target = event.target()?;
    let is_element = js_sys::Reflect::get(&target, &JsValue::from_str("nodeType")).ok()?.as_f64() == Some(1.0);
    is_element.then(|| target.unchecked_into())
}

fn on_click(live: &Live, event: &Event) {
    let Some(target) = target_element(event) else { return };
    let Ok(Some(control)) = target.closest("button, a[href]") else { return };
    if control.tag_name() == "A" {
        let href = control.get_attribute("href").unwrap_or_default();
        // Fragment links inside a shadow root are not followed by the browser, so the widget
        // follows them itself; other links navigate as usual.
        if let Some(raw) = href.strip_prefix('#') {
            event.prevent_default();
            let id = decode_fragment(raw);
            if live.go_to_id(&id, scroll::behavior(), true) && control.closest(".toc").ok().flatten().is_some() {
                live.set_nav_open(false);
            }
        }
        return;
    }
    if let Some(step) = control.get_attribute("data-step").and_then(|s| s.parse::<f64>().ok()) {
        if let Ok(step) = FontStep::new(step) {
            live.set_step(step);
        }
        return;
    }
    match control.get_attribute("data-action").as_deref() {
        Some("decrease") => live.set_step(live.step().saturating_add(-1)),
        Some("increase") => live.set_step(live.step().saturating_add(1)),
        Some("toggle-nav") => live.set_nav_open(!live.nav_open()),
        Some("top") => live.back_to_top(),
        _ => {}
    }
}

/// Arrow keys move between the toolbar's buttons (the ARIA toolbar pattern); Escape closes
/// the sections disclosure and returns focus to its button.
fn on_keydown(live: &Live, event: &Event) {
    // Only ever registered for "keydown", so this is a KeyboardEvent (of whichever window).
    let event: &KeyboardEvent = event.unchecked_ref();
    let Some(target) = target_element(event) else { return };
    if event.key() == "Escape" && live.nav_open() {
        live.set_nav_open(false);
        if let Some(toggle) = live.view.toggle.as_ref().map(|t| t.unchecked_ref::<HtmlElement>()) {
            let _ = toggle.focus();
        }
        return;
    }
    let Ok(Some(toolbar)) = target.closest("[role=toolbar]") else { return };
    let Ok(buttons) = toolbar.query_selector_all("button:not([disabled])") else { return };
    let buttons: Vec<HtmlElement> = (0..buttons.length()).filter_map(|i| Some(buttons.item(i)?.unchecked_into())).collect();
    let Some(at) = buttons.iter().position(|b| b.unchecked_ref::<Element>() == &target) else { return };
    let next = match event.key().as_str() {
        "ArrowRight" | "ArrowDown" => (at + 1) % buttons.len(),
        "ArrowLeft" | "ArrowUp" => (at + buttons.len() - 1) % buttons.len(),
        "Home" => 0,
        "End" => buttons.len() - 1,
        _ => return,
    };
    event.prevent_default();
    let _ = buttons[next].focus();
}
