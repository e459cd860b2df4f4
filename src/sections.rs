//! The article's sections as the reader moves through them: which one is current (marked with
//! aria-current in the navigation, announced by `sectionchange`), and the observer that watches
//! only the headings that can change that.

use crate::scroll;
use crate::view::View;
use reading_widget_core::reading_position::{
    above_line, current_section, headings_to_watch, still_pinned, Place, Viewport,
};
use reading_widget_core::Section;
use std::cell::{Cell, RefCell};
use std::ops::Range;
use wasm_bindgen::JsValue;
use web_sys::{Element, IntersectionObserver};

/// One widget's sections and which of them is being read.
pub(crate) struct SectionTracker {
    sections: Vec<Section>,
    current: Cell<Option<usize>>,
    /// The section last chosen from the navigation, preferred while it is in view at the end
    /// of the article, where short sections cannot reach the top.
    pinned: Cell<Option<usize>>,
    /// Whether the end of the article was in view at the last update.
    at_end: Cell<bool>,
    /// Pixels from the scrollport's top to the line a heading must pass to become current.
    reading_line: Cell<f64>,
    /// The observer of the section headings and which headings it watches.
    watched: RefCell<Option<(IntersectionObserver, Range<usize>)>>,
}

impl SectionTracker {
    pub(crate) fn new(sections: Vec<Section>) -> SectionTracker {
        SectionTracker {
            sections,
            current: Cell::new(None),
            pinned: Cell::new(None),
            at_end: Cell::new(false),
            reading_line: Cell::new(0.0),
            watched: RefCell::new(None),
        }
    }

    pub(crate) fn sections(&self) -> &[Section] {
        &self.sections
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    /// The section being read (None above the first one).
    pub(crate) fn current(&self) -> Option<usize> {
        self.current.get()
    }

    /// Whether the end of the article was in view when the current section was last worked out.
    pub(crate) fn at_end(&self) -> bool {
        self.at_end.get()
    }

    pub(crate) fn reading_line(&self) -> f64 {
        self.reading_line.get()
    }

    pub(crate) fn set_reading_line(&self, line: f64) {
        self.reading_line.set(line);
    }

    /// Works out, from where the headings are now, which section is being read.
    pub(crate) fn update(&self, view: &View, scroller: Option<&Element>) {
        let headings = &view.headings;
        let (top, bottom) = scroll::visible_span(scroller);
        let viewport = Viewport { top, bottom, reading_line: self.reading_line.get() };
        let top_of = |i: usize| headings[i].get_bounding_client_rect().top();
        // A chunk's own box is laid out even while its content is skipped: reading it is cheap,
        // where reading a heading inside it would lay the whole chunk out.
        let chunk_of = |i: usize| {
            view.heading_chunks[i].as_ref().map(|chunk| {
                let rect = chunk.get_bounding_client_rect();
                (rect.top(), rect.bottom())
            })
        };
        let is_above = |i: usize, line: f64| above_line(line, chunk_of(i), || top_of(i));
        // Read, not remembered from the observer: blocks getting their real height move the end
        // without it crossing the observer's line again.
        let at_end = view.end_sentinel.get_bounding_client_rect().top() <= bottom
            && view.frame.get_bounding_client_rect().top() < top;
        self.at_end.set(at_end);
        let pinned = self.pinned.get().filter(|&i| still_pinned(viewport, chunk_of(i), || top_of(i)));
        self.pinned.set(pinned);
        self.set_current(view, current_section(headings.len(), is_above, viewport, Place { at_end, pinned }));
    }

    /// Makes `index` current because the reader chose it, and keeps it current while it is on
    /// screen at the end of the article.
    pub(crate) fn choose(&self, view: &View, index: usize) {
        self.pinned.set(Some(index));
        self.set_current(view, Some(index));
    }

    /// Hands the section observer over, and has it watch the headings around the current one.
    pub(crate) fn watch_with(&self, view: &View, observer: IntersectionObserver) {
        *self.watched.borrow_mut() = Some((observer, 0..0));
        self.watch_around(view, self.current.get());
    }

    fn watch_around(&self, view: &View, current: Option<usize>) {
        let mut watched = self.watched.borrow_mut();
        let Some((observer, targets)) = watched.as_mut() else { return };
        let wanted = headings_to_watch(current, view.headings.len());
        if *targets == wanted {
            return;
        }
        for i in targets.clone() {
            observer.unobserve(&view.headings[i]);
        }
        for i in wanted.clone() {
            observer.observe(&view.headings[i]);
        }
        *targets = wanted;
    }

    fn set_current(&self, view: &View, current: Option<usize>) {
        let previous = self.current.replace(current);
        if previous == current {
            return;
        }
        self.watch_around(view, current);
        for (i, link) in [previous, current].into_iter().flatten().filter_map(|i| Some((i, view.links.get(i)?))) {
            if Some(i) == current {
                let _ = link.set_attribute("aria-current", "location");
            } else {
                let _ = link.remove_attribute("aria-current");
            }
        }
        let id = current.map_or(JsValue::NULL, |i| JsValue::from_str(&self.sections[i].id));
        view.emit("sectionchange", "id", &id);
    }
}
