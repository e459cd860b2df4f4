//! Footnote previews: hovering or focusing a footnote reference shows the note beside it, in a
//! popover (the HTML popover API, in the shadow root), so the reader keeps their place. A tap
//! on a touch screen opens it; a second tap, or a click with a mouse, still jumps to the notes.
//! Escape closes it and gives focus back to the reference. Each reference is described by its
//! note (`aria-describedby`), so screen readers read the note where it is cited. Without script
//! the references are the plain links the markup has.

use crate::instance::{with, Instance};
use gloo_events::{EventListener, EventListenerOptions};
use reading_widget_core::i18n::{builtin, note_name};
use reading_widget_core::settings::Lang;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, PointerEvent};

/// The references of the article's body: links in `sup.footnote-reference` (pulldown-cmark's).
const REFERENCE: &str = "sup.footnote-reference > a[href^='#']";

/// The popover and the reference it shows the note of.
struct Preview {
    popover: HtmlElement,
    shown_for: RefCell<Option<HtmlElement>>,
    /// The last pointer's type: a tap ("touch") opens the preview instead of jumping.
    pointer: RefCell<String>,
    /// Whether the pointer is over the popover, which then stays open.
    over_popover: Cell<bool>,
    /// Set while Escape gives focus back to the reference, which then does not reopen it.
    refocusing: Cell<bool>,
    /// The preview's name, "Note {n}" in the UI's language.
    label: &'static str,
}

/// Describes every reference by its note and listens for hover, focus, taps and Escape; the
/// listeners live as long as the widget.
pub(crate) fn listen(instance: &Rc<Instance>) {
    let view = &instance.view;
    let Ok(references) = view.body.query_selector_all(REFERENCE) else { return };
    if references.length() == 0 {
        return;
    }
    for i in 0..references.length() {
        let Some(reference) = references.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        if let Some(note) = note_of(instance, &reference) {
            let _ = reference.set_attribute("aria-describedby", &note.id());
        }
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(popover) = document.create_element("div").ok().and_then(|e| e.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let _ = popover.set_attribute("popover", "manual");
    let _ = popover.set_attribute("role", "note");
    if view.frame.append_child(&popover).is_err() {
        return;
    }
    let lang = Lang::from_tag(&view.frame.get_attribute("lang").unwrap_or_default()).unwrap_or_default();
    let preview = Rc::new(Preview {
        popover,
        shown_for: RefCell::new(None),
        pointer: RefCell::new(String::new()),
        over_popover: Cell::new(false),
        refocusing: Cell::new(false),
        label: builtin::note(lang),
    });
    let body = &view.body;
    let weak = Rc::downgrade(instance);
    let p = preview.clone();
    instance.keep_listener(EventListener::new(body, "pointerover", move |event| {
        let Some(event) = event.dyn_ref::<PointerEvent>() else { return };
        *p.pointer.borrow_mut() = event.pointer_type();
        if event.pointer_type() != "touch" {
            with(&weak, |instance| {
                if let Some(reference) = reference_at(event.target()) {
                    show(instance, &p, &reference);
                }
            });
        }
    }));
    let p = preview.clone();
    instance.keep_listener(EventListener::new(body, "pointerout", move |event| {
        let Some(event) = event.dyn_ref::<PointerEvent>() else { return };
        if event.pointer_type() != "touch" && reference_at(event.target()).is_some() {
            let into_popover = event
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|node| p.popover.contains(Some(&node)));
            if !into_popover {
                hide(&p);
            }
        }
    }));
    let p = preview.clone();
    instance.keep_listener(EventListener::new(&preview.popover, "pointerenter", move |_| p.over_popover.set(true)));
    let p = preview.clone();
    instance.keep_listener(EventListener::new(&preview.popover, "pointerleave", move |_| {
        p.over_popover.set(false);
        hide(&p);
    }));
    let weak = Rc::downgrade(instance);
    let p = preview.clone();
    instance.keep_listener(EventListener::new(body, "focusin", move |event| {
        with(&weak, |instance| match reference_at(event.target()) {
            // Keyboard focus only: a tap or a click focuses the link too, and has its own way.
            Some(reference) if reference.matches(":focus-visible").unwrap_or(false) && !p.refocusing.get() => {
                show(instance, &p, &reference)
            }
            Some(_) => {}
            None => hide(&p),
        });
        p.refocusing.set(false);
    }));
    let weak = Rc::downgrade(instance);
    let p = preview.clone();
    // Before the widget's own click listener (on the shadow root), which lands on the note: a
    // first tap only opens the preview.
    let options = EventListenerOptions::enable_prevent_default();
    instance.keep_listener(EventListener::new_with_options(body, "click", options, move |event| {
        let Some(reference) = reference_at(event.target()) else { return };
        let tapped = p.pointer.borrow().as_str() == "touch";
        let already = p.shown_for.borrow().as_ref().is_some_and(|shown| *shown == reference);
        if tapped && !already {
            event.prevent_default();
            event.stop_propagation();
            with(&weak, |instance| show(instance, &p, &reference));
        } else {
            hide(&p);
        }
    }));
    let p = preview.clone();
    // On the body, as the others: the widget's own listeners on the shadow root stay its three.
    instance.keep_listener(EventListener::new(body, "keydown", move |event| {
        let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
        if event.key() == "Escape" {
            let shown = p.shown_for.borrow().clone();
            if let Some(reference) = shown {
                hide(&p);
                p.refocusing.set(true);
                let _ = reference.focus();
                p.refocusing.set(false);
            }
        }
    }));
    let p = preview;
    instance.keep_listener(EventListener::new(body, "pointerdown", move |event| {
        if let Some(event) = event.dyn_ref::<PointerEvent>() {
            *p.pointer.borrow_mut() = event.pointer_type();
        }
    }));
}

/// The reference link at or around `target`, if it is one.
fn reference_at(target: Option<web_sys::EventTarget>) -> Option<HtmlElement> {
    let element = target?.dyn_into::<Element>().ok()?;
    element.closest(REFERENCE).ok()??.dyn_into::<HtmlElement>().ok()
}

/// The note a reference points at.
fn note_of(instance: &Instance, reference: &Element) -> Option<Element> {
    let id = reference.get_attribute("href")?.strip_prefix('#')?.to_owned();
    instance.view.article_by_id(&id).filter(|note| note.class_list().contains("footnote-definition"))
}

/// Shows the note of `reference` beside it.
fn show(instance: &Instance, preview: &Preview, reference: &HtmlElement) {
    let Some(note) = note_of(instance, reference) else { return };
    let popover = &preview.popover;
    // The note's content without its number, which the name says.
    popover.set_text_content(None);
    let mut child = note.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        let is_label = node.dyn_ref::<Element>().is_some_and(|e| e.class_list().contains("footnote-definition-label"));
        if !is_label {
            if let Ok(copy) = node.clone_node_with_deep(true) {
                let _ = popover.append_child(&copy);
            }
        }
    }
    // Ids must stay unique in the shadow root: the copies lose theirs.
    if let Ok(with_ids) = popover.query_selector_all("[id]") {
        for i in 0..with_ids.length() {
            if let Some(el) = with_ids.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove_attribute("id").ok();
            }
        }
    }
    let number = reference.text_content().unwrap_or_default();
    let _ = popover.set_attribute("aria-label", &note_name(preview.label, number.trim()));
    let _ = popover.show_popover();
    // Beside the reference: below it, kept inside the viewport (the popover is in the top layer,
    // positioned against the viewport).
    let rect = reference.get_bounding_client_rect();
    let (width, height) = web_sys::window()
        .map(|w| {
            let n = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            (n(w.inner_width()), n(w.inner_height()))
        })
        .unwrap_or((0.0, 0.0));
    let box_ = popover.get_bounding_client_rect();
    let left = rect.left().min(width - box_.width() - 8.0).max(8.0);
    let below = rect.bottom() + 6.0;
    let top = if below + box_.height() > height - 8.0 { (rect.top() - box_.height() - 6.0).max(8.0) } else { below };
    let style = popover.style();
    // Whole pixels: Rust's float formatting would add kilobytes to the module.
    let _ = style.set_property("left", &format!("{}px", left.round() as i32));
    let _ = style.set_property("top", &format!("{}px", top.round() as i32));
    *preview.shown_for.borrow_mut() = Some(reference.clone());
}

fn hide(preview: &Preview) {
    if preview.over_popover.get() {
        return;
    }
    if preview.shown_for.borrow_mut().take().is_some() {
        let _ = preview.popover.hide_popover();
    }
}
