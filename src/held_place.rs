//! Holding a place: an element kept where the widget put it on screen while the browser lays
//! out, for the first time, the article around it.
//!
//! With `content-visibility: auto` the blocks above a place the reader jumps to only get their
//! real height once they come near the screen, a frame later, and would otherwise push that
//! place down. The hold ends when the reader takes over (scrolling, tapping, typing) or after
//! [`HOLD_MS`].

use crate::scroll;
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use web_sys::Element;

/// How long a place is held after the widget put the reader there.
const HOLD_MS: f64 = 1500.0;

/// The place one widget holds, if any.
#[derive(Default)]
pub(crate) struct HeldPlace {
    held: RefCell<Option<Held>>,
}

struct Held {
    element: Element,
    /// The scrolling box that moves it (None: the page).
    scroller: Option<Element>,
    /// Where its top should be, in viewport coordinates; None while a smooth scroll is on its way.
    top: Option<f64>,
    /// performance.now() after which the place is let go.
    until: f64,
    /// Listeners that exist only while a place is held: the reader taking over lets it go, and
    /// the end of a smooth scroll lands it.
    _listeners: Vec<EventListener>,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl HeldPlace {
    /// Holds `element` with its top at `top`, or, with `None`, wherever the smooth scroll under
    /// way puts it.
    pub(crate) fn hold(self: &Rc<Self>, element: Element, top: Option<f64>, scroller: Option<Element>) {
        let listeners = self.listeners(scroller.as_ref(), top.is_none());
        *self.held.borrow_mut() = Some(Held { element, scroller, top, until: now() + HOLD_MS, _listeners: listeners });
    }

    /// Holds `element` where a scroll to it with `behavior` puts it.
    pub(crate) fn hold_after_scroll(
        self: &Rc<Self>,
        element: &Element,
        behavior: web_sys::ScrollBehavior,
        scroller: Option<Element>,
    ) {
        let top = (behavior != web_sys::ScrollBehavior::Smooth).then(|| element.get_bounding_client_rect().top());
        self.hold(element.clone(), top, scroller);
    }

    fn listeners(self: &Rc<Self>, scroller: Option<&Element>, smooth: bool) -> Vec<EventListener> {
        let Some(window) = web_sys::window() else { return Vec::new() };
        let with = |weak: Weak<HeldPlace>, f: fn(&HeldPlace)| {
            move |_: &web_sys::Event| {
                if let Some(place) = weak.upgrade() {
                    f(&place);
                }
            }
        };
        let mut listeners: Vec<EventListener> = ["wheel", "touchstart", "pointerdown", "keydown"]
            .into_iter()
            .map(|name| EventListener::new(&window, name, with(Rc::downgrade(self), HeldPlace::release)))
            .collect();
        if smooth {
            let target: &web_sys::EventTarget = match scroller {
                Some(element) => element,
                None => &window,
            };
            listeners.push(EventListener::new(target, "scrollend", with(Rc::downgrade(self), HeldPlace::land)));
        }
        listeners
    }

    /// After a layout (ResizeObserver, before paint): moves a held place back where it belongs.
    pub(crate) fn keep(&self) {
        let Some((element, scroller, Some(top))) = self.current() else { return };
        scroll::by(scroller.as_ref(), element.get_bounding_client_rect().top() - top);
    }

    /// At the end of a smooth scroll: lands exactly, wherever layout moved the target meanwhile.
    fn land(&self) {
        let Some((element, _, None)) = self.current() else { return };
        scroll::to_top_of(&element, web_sys::ScrollBehavior::Instant);
        if let Some(held) = self.held.borrow_mut().as_mut() {
            held.top = Some(element.get_bounding_client_rect().top());
            held.until = now() + HOLD_MS;
        }
    }

    /// The reader took over, or the widget is going: stop holding.
    pub(crate) fn release(&self) {
        // try_borrow_mut: the panic hook may release while a borrow is held.
        if let Ok(mut held) = self.held.try_borrow_mut() {
            held.take();
        }
    }

    fn current(&self) -> Option<(Element, Option<Element>, Option<f64>)> {
        let mut held = self.held.borrow_mut();
        if held.as_ref().is_some_and(|h| now() > h.until) {
            *held = None;
        }
        held.as_ref().map(|h| (h.element.clone(), h.scroller.clone(), h.top))
    }
}
