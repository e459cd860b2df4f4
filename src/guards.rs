//! RAII guards for the browser's observers and for a callback after the next frame, in the manner
//! of gloo-events' `EventListener` (which the widget uses for listeners): the guard owns what the
//! browser calls and the closure it calls, and dropping it disconnects or cancels the one and
//! frees the other. Nothing is leaked with `Closure::forget`.

#[cfg(feature = "markdown")]
use std::{cell::Cell, rc::Rc};
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
    pub(crate) fn resize(target: &Element, mut on_resize: impl FnMut() + 'static) -> Result<Observer, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| on_resize());
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe(target);
        Ok(Observer { disconnect: Box::new(move || observer.disconnect()), _callback: callback, intersection: None })
    }

    /// Calls `on_change` with the entries whenever one of `targets` crosses a threshold of `area`.
    pub(crate) fn intersection(
        area: Intersection<'_>,
        targets: &[&Element],
        mut on_change: impl FnMut(Vec<IntersectionObserverEntry>) + 'static,
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

/// A callback in a task of its own after the browser's next frame, cancelled when dropped.
///
/// After the frame's animation-frame callbacks rather than in one, so that whatever the callback
/// makes the browser do lands in the frame after, not in the one being produced.
#[cfg(feature = "markdown")]
#[must_use = "the callback is cancelled as soon as the guard is dropped"]
pub(crate) struct AfterNextFrame {
    window: web_sys::Window,
    /// The animation-frame request, then the timer, while each is pending.
    frame: Rc<Cell<Option<i32>>>,
    timer: Rc<Cell<Option<i32>>>,
    _on_frame: Closure<dyn FnMut()>,
    _on_timer: Closure<dyn FnMut()>,
}

#[cfg(feature = "markdown")]
impl AfterNextFrame {
    pub(crate) fn new(callback: impl FnOnce() + 'static) -> Result<AfterNextFrame, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let (frame, timer) = (Rc::new(Cell::new(None)), Rc::new(Cell::new(None)));
        let mut callback = Some(callback);
        let on_timer = Closure::<dyn FnMut()>::new({
            let timer = timer.clone();
            move || {
                timer.set(None);
                if let Some(callback) = callback.take() {
                    callback();
                }
            }
        });
        let on_frame = Closure::<dyn FnMut()>::new({
            let (window, frame, timer) = (window.clone(), frame.clone(), timer.clone());
            let on_timer: js_sys::Function = on_timer.as_ref().clone().unchecked_into();
            move || {
                frame.set(None);
                timer.set(window.set_timeout_with_callback(&on_timer).ok());
            }
        });
        frame.set(Some(window.request_animation_frame(on_frame.as_ref().unchecked_ref())?));
        Ok(AfterNextFrame { window, frame, timer, _on_frame: on_frame, _on_timer: on_timer })
    }
}

#[cfg(feature = "markdown")]
impl Drop for AfterNextFrame {
    fn drop(&mut self) {
        if let Some(id) = self.frame.take() {
            let _ = self.window.cancel_animation_frame(id);
        }
        if let Some(id) = self.timer.take() {
            self.window.clear_timeout_with_handle(id);
        }
    }
}
