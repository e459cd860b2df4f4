//! The reader's text size: the five steps, the toolbar that shows them, the stored choice, and
//! keeping the paragraph being read in place when the size (or another setting) changes.

use crate::held_place::HeldPlace;
use crate::view::View;
use crate::{prefs, scroll};
use reading_widget_core::markup_names::attr;
use reading_widget_core::reading_position::block_under_line;
use reading_widget_core::settings::FontStep;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// One widget's text size and where it is remembered.
pub(crate) struct TextSize {
    step: Cell<FontStep>,
    /// The localStorage key (None: remember nothing).
    storage_key: Option<String>,
}

impl TextSize {
    pub(crate) fn new(step: FontStep, storage_key: Option<String>) -> TextSize {
        TextSize { step: Cell::new(step), storage_key }
    }

    pub(crate) fn step(&self) -> FontStep {
        self.step.get()
    }

    /// Changes the text size, keeping the paragraph being read where it is on screen, and
    /// remembers it. Returns whether anything changed.
    pub(crate) fn set(&self, step: FontStep, view: &View, scroller: Option<Element>, held: &Rc<HeldPlace>) -> bool {
        if step == self.step.get() {
            return false;
        }
        self.step.set(step);
        keeping_place(view, scroller, held, || {
            view.set_state(attr::DATA_STEP, Some(&step.get().to_string()));
            sync_controls(view, step);
        });
        if let Some(key) = &self.storage_key {
            prefs::save(key, step);
        }
        view.emit("fontstepchange", "step", &JsValue::from(step.get()));
        true
    }
}

/// Runs `change` (anything that reflows the article: the text size, the line spacing, the
/// measure, the font), keeping the block being read where it was on screen, and holding it there
/// while the browser lays out the rest.
pub(crate) fn keeping_place(view: &View, scroller: Option<Element>, held: &Rc<HeldPlace>, change: impl FnOnce()) {
    let anchor = reading_anchor(view, scroller.as_ref());
    change();
    if let Some((element, top_before)) = anchor {
        scroll::by(scroller.as_ref(), element.get_bounding_client_rect().top() - top_before);
        held.hold(element, Some(top_before), scroller);
    }
}

/// aria-pressed on the current step, and the nudge buttons disabled at their ends. A button
/// that becomes disabled while focused would drop focus to the page, so focus moves to the
/// current step instead.
fn sync_controls(view: &View, step: FontStep) {
    for (button, s) in view.step_buttons.iter().zip(FontStep::all()) {
        let _ = button.set_attribute("aria-pressed", if s == step { "true" } else { "false" });
    }
    let focused = view.root.active_element();
    for (button, at_end) in [(&view.decrease, step == FontStep::MIN), (&view.increase, step == FontStep::MAX)] {
        button.toggle_attribute_with_force("disabled", at_end).ok();
        if at_end && focused.as_ref() == Some(button.as_ref()) {
            if let Some(current) = view.step_buttons.get(usize::from(step.get() - 1)) {
                let _ = current.unchecked_ref::<HtmlElement>().focus();
            }
        }
    }
}

/// The first block of the body that reaches below the sticky bar, and its top, once the reader
/// has scrolled into the article. In a long article the body's children are chunks of blocks:
/// the search goes on inside the chunk.
fn reading_anchor(view: &View, scroller: Option<&Element>) -> Option<(Element, f64)> {
    let (visible_top, _) = scroll::visible_span(scroller);
    if view.frame.get_bounding_client_rect().top() >= visible_top {
        return None;
    }
    let line = view.bar.get_bounding_client_rect().bottom();
    let mut parent: Element = view.body.clone().into();
    loop {
        let blocks = parent.children();
        let bottom_of =
            |i: usize| blocks.item(i as u32).map_or(f64::INFINITY, |b| b.get_bounding_client_rect().bottom());
        let element = blocks.item(block_under_line(blocks.length() as usize, bottom_of, line)? as u32)?;
        if !element.class_list().contains("chunk") {
            let top = element.get_bounding_client_rect().top();
            return Some((element, top));
        }
        parent = element;
    }
}
