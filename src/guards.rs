//! RAII guards for the browser's observers, in the manner of gloo-events' `EventListener` (which
//! the widget uses for listeners): the guard owns the observer and the closure it calls, and
//! dropping it disconnects the one and frees the other. Nothing is leaked with `Closure::forget`.

use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit, ResizeObserver};

/// An Intersection- or ResizeObserver and its callback, disconnected when dropped.
#[must_use = "the observer is disconnected as soon as the guard is dropped"]
pub(crate) struct Observer {
    disconnect: Box<dyn Fn()>,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
    /// The IntersectionObserver itself, for changing what it observes.
    intersection: Option<IntersectionObserver>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        (self.disconnect)();
    }
}

/// Where an IntersectionObserver looks: `root` (None: the viewport) grown or shrunk by
/// `margin` (CSS syntax), reporting crossings of `thresholds`.
pub(crate) struct Intersection<'a> {
    pub(crate) root: Option<&'a Element>,
    pub(crate) margin: &'a str,
    pub(crate) thresholds: &'a [f64],
}

impl Observer {
    /// Calls `on_resize` whenever `target` changes size, right after layout and before paint.
    pub(crate) fn resize(target: &Element, on_resize: impl FnMut() + 'static) -> Result<Observer, JsValue> {
        Observer::resize_boxed(target, Box::new(on_resize))
    }

    /// Calls `on_change` with the entries whenever one of `targets` crosses a threshold of `area`.
    pub(crate) fn intersection(
        area: Intersection<'_>,
        targets: &[&Element],
        on_change: impl FnMut(Vec<IntersectionObserverEntry>) + 'static,
    ) -> Result<Observer, JsValue> {
        Observer::intersection_boxed(area, targets, Box::new(on_change))
    }

    // The bodies take the callback boxed: one copy of each in the module, not one per caller.

    fn resize_boxed(target: &Element, mut on_resize: Box<dyn FnMut()>) -> Result<Observer, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| on_resize());
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe(target);
        Ok(Observer { disconnect: Box::new(move || observer.disconnect()), _callback: callback, intersection: None })
    }

    fn intersection_boxed(
        area: Intersection<'_>,
        targets: &[&Element],
        mut on_change: Box<dyn FnMut(Vec<IntersectionObserverEntry>)>,
    ) -> Result<Observer, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            on_change(entries.iter().map(|e| e.unchecked_into()).collect());
        });
        let init = IntersectionObserverInit::new();
        init.set_root(area.root);
        init.set_root_margin(area.margin);
        let thresholds: js_sys::Array = area.thresholds.iter().map(|&t| JsValue::from(t)).collect();
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

    /// The IntersectionObserver, for observing other targets later (None for a ResizeObserver).
    pub(crate) fn intersection_observer(&self) -> Option<&IntersectionObserver> {
        self.intersection.as_ref()
    }
}
