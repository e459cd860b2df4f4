//! Continue reading: the section the reader last reached in an article, remembered across
//! visits, and the offer to go back there when they come back to the article at its top. The
//! widget never jumps there by itself.
//!
//! The place is written only when the current section changes, never while the reader scrolls
//! within one, and at most every [`WRITE_EVERY_MS`](reading_widget_core::resume::WRITE_EVERY_MS):
//! a place held back meanwhile is written when the page is hidden or left, or the widget goes.
//! Storage that is missing or refuses reads as "nothing remembered" (see `prefs`).

use crate::prefs;
use crate::view::View;
use reading_widget_core::i18n::with_title;
use reading_widget_core::markup_names::attr;
use reading_widget_core::resume::{self, place_to_remember, write_due};
use reading_widget_core::Section;
use std::cell::{Cell, RefCell};

/// One widget's remembered place and its offer.
pub(crate) struct Resume {
    /// The localStorage key of this article's place; None: nothing is remembered or offered.
    key: Option<String>,
    /// The section id remembered when the widget started.
    found: Option<String>,
    /// The place last noted (an index into the outline; None: nothing to remember), so that
    /// noting the same place again costs a comparison. It starts as None, the top: opening the
    /// article there must not forget the place remembered from last time.
    noted: Cell<Option<usize>>,
    /// A write held back until [`WRITE_EVERY_MS`](resume::WRITE_EVERY_MS) has passed: the id
    /// to store, or None to forget the place.
    pending: RefCell<Option<Option<String>>>,
    /// performance.now() of the last write.
    last_write: Cell<Option<f64>>,
    /// The section offered, while the offer is shown.
    offered: Cell<Option<usize>>,
}

impl Resume {
    /// Remembers places under the partner's `storage_key` (None: nothing is stored) for the
    /// article the markup names (`data-article`); `enabled` is the partner's `resume` option.
    pub(crate) fn new(storage_key: Option<&str>, view: &View, enabled: bool) -> Resume {
        let article = view.frame.get_attribute(attr::DATA_ARTICLE).filter(|key| !key.is_empty());
        let key = match (enabled, storage_key, article) {
            (true, Some(base), Some(article)) => Some(resume::storage_key(base, &article)),
            _ => None,
        };
        let found = key.as_deref().and_then(prefs::load_text);
        Resume {
            key,
            found,
            noted: Cell::new(None),
            pending: RefCell::new(None),
            last_write: Cell::new(None),
            offered: Cell::new(None),
        }
    }

    /// Whether anything is remembered for this widget.
    pub(crate) fn remembers(&self) -> bool {
        self.key.is_some()
    }

    /// The reader's place changed (or may have): `current` of `sections` is current, and the
    /// end of the article is in view or not.
    pub(crate) fn note(&self, sections: &[Section], current: Option<usize>, at_end: bool) {
        let Some(key) = &self.key else { return };
        let place = place_to_remember(current, sections.len(), at_end);
        if self.noted.replace(place) == place {
            return;
        }
        let id = place.map(|i| sections[i].id.clone());
        let now = now();
        if write_due(self.last_write.get(), now) {
            self.pending.borrow_mut().take();
            self.last_write.set(Some(now));
            prefs::save_text(key, id.as_deref());
        } else {
            *self.pending.borrow_mut() = Some(id);
        }
    }

    /// Writes a place that was held back, if there is one. Best effort under a borrow: the
    /// panic hook stops widgets, and so flushes, at any point.
    pub(crate) fn flush(&self) {
        let pending = self.pending.try_borrow_mut().ok().and_then(|mut pending| pending.take());
        let (Some(key), Some(id)) = (&self.key, pending) else { return };
        self.last_write.set(Some(now()));
        prefs::save_text(key, id.as_deref());
    }

    /// Shows the offer to continue at the remembered section, if there is one worth offering:
    /// the widget opened at its top (`at_top`) and the address names no place.
    pub(crate) fn offer(&self, view: &View, sections: &[Section], at_top: bool) {
        if self.key.is_none() {
            return;
        }
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let address_names_a_place = hash.len() > 1;
        let Some(index) = resume::offer(self.found.as_deref(), sections, at_top, address_names_a_place) else {
            return;
        };
        let pattern = view.resume_go.get_attribute(attr::DATA_LABEL).unwrap_or_default();
        view.resume_go.set_text_content(Some(&with_title(&pattern, &sections[index].title)));
        view.resume.set_hidden(false);
        self.offered.set(Some(index));
    }

    /// The section on offer, while the offer is shown.
    pub(crate) fn offered(&self) -> Option<usize> {
        self.offered.get()
    }

    /// Takes the offer away (used, dismissed, or the reader moved on). Returns whether it was
    /// shown and held the focus, which the caller then puts somewhere sensible.
    pub(crate) fn withdraw(&self, view: &View) -> bool {
        if self.offered.take().is_none() {
            return false;
        }
        let focused = view.root.active_element().is_some_and(|el| view.resume.contains(Some(&el)));
        view.resume.set_hidden(true);
        focused
    }
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}
