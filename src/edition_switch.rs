//! Showing another edition or part of the series in place, in a widget that renders Markdown.
//!
//! Another edition is fetched as `src` is (edition_switch.js) and mounted on the same element
//! with the same options, its text size the reader's current one; the reader lands on the
//! matching section (core's [`counterpart`]) at the same fraction of the way through it, the
//! live region says which edition is shown and `editionchange` fires. The old instance names
//! its successor, so the partner's handle keeps working. Another part lands at its top.

use crate::edition_links::link_for;
use crate::instance::Instance;
use crate::scroll;
use gloo_events::EventListener;
use reading_widget_core::alignment::counterpart;
use reading_widget_core::i18n::Labels;
use reading_widget_core::settings::Lang;
use reading_widget_core::Section;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// Where the reader is: the current section and how far through it, from 0 to 1; above the
/// first section (where the switcher is), the start of the last section they were in.
fn place(instance: &Instance) -> Option<(usize, f64)> {
    let Some(index) = instance.sections.current() else {
        return instance.switching.last_section.get().map(|index| (index, 0.0));
    };
    let line = instance.sections.reading_line();
    let top = instance.view.headings.get(index)?.get_bounding_client_rect().top();
    let bottom = match instance.view.headings.get(index + 1) {
        Some(next) => next.get_bounding_client_rect().top(),
        None => instance.view.end_sentinel.get_bounding_client_rect().top(),
    };
    let fraction = if bottom > top { ((line - top) / (bottom - top)).clamp(0.0, 1.0) } else { 0.0 };
    Some((index, fraction))
}

/// The event editions.js dispatches on the shadow root once it has the Markdown.
pub(crate) const LOADED: &str = "rw-edition-loaded";

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/edition_switch.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadInto)]
    fn load_into(root: &web_sys::ShadowRoot, name: &str, url: &str, detail: &JsValue) -> js_sys::Promise;
}

/// What to show next: another edition (landing on the matching section) or another part
/// (landing at its top).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Edition(Lang),
    Part,
}

/// The clicks on edition and part links come through the instance's own click listener
/// ([`show_in_place`]); this listens for the Markdown's arrival, for as long as the instance lives.
pub(crate) fn listen(instance: &Rc<Instance>) {
    let root = &instance.view.root;
    let weak = Rc::downgrade(instance);
    instance.keep_listener(EventListener::new(root, LOADED, move |event| {
        if let Some(instance) = weak.upgrade() {
            on_loaded(&instance, event);
        }
    }));
}

/// [`show`] as the instance's click listener calls it: an edition in `lang`, or (None) a part.
pub(crate) fn show_in_place(instance: &Instance, lang: Option<Lang>, url: &str) {
    let target = lang.map_or(Target::Part, Target::Edition);
    let _ = show(instance, target, url);
}

/// Fetches `url` and shows it in place of the widget's article; the promise settles once it
/// is shown (or could not be).
pub(crate) fn show(instance: &Instance, target: Target, url: &str) -> js_sys::Promise {
    let detail = js_sys::Object::new();
    if let Target::Edition(lang) = target {
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str("lang"), &JsValue::from_str(lang.tag()));
    }
    load_into(&instance.view.root, LOADED, url, &detail)
}

/// The Markdown has arrived (a [`LOADED`] event): mount it on the same element, land, and
/// say so. A failure is written into the event's detail for editions.js to reject with.
pub(crate) fn on_loaded(instance: &Rc<Instance>, event: &web_sys::Event) {
    let detail = js_sys::Reflect::get(event, &JsValue::from_str("detail")).unwrap_or(JsValue::UNDEFINED);
    let text = |key: &str| js_sys::Reflect::get(&detail, &JsValue::from_str(key)).ok().and_then(|v| v.as_string());
    let (Some(url), Some(markdown)) = (text("url"), text("markdown")) else { return };
    let lang = text("lang").and_then(|tag| Lang::from_tag(&tag));
    if let Err(message) = replace(instance, lang, url, markdown) {
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str("error"), &JsValue::from_str(&message));
        instance.view.emit("error", "message", &JsValue::from_str(&message));
    }
}

fn replace(old: &Rc<Instance>, lang: Option<Lang>, url: String, markdown: String) -> Result<(), String> {
    let Some(mut options) = old.switching.origin.borrow().as_ref().map(|origin| origin.options.clone()) else {
        return Ok(());
    };
    let place = lang.and_then(|_| place(old));
    let outline: Vec<Section> = old.sections.sections().to_vec();
    let had_focus = old.view.root.active_element().is_some();
    // Reading aloud stops with the old edition; the new one offers to go on at the section
    // being read (which, with the view following a third of the way down, may be below the
    // current one).
    let listening = old.read_aloud.section_read(&old.view.headings);
    options.markdown = Some(markdown);
    options.base_url = Some(url);
    options.font_step = Some(old.text_size.step());
    let overrides = options.labels.clone().unwrap_or_default();
    let fixed_lang = options.lang;
    let Some(remount) = old.switching.origin.borrow().as_ref().map(|origin| origin.remount) else { return Ok(()) };
    let new = remount(
        old.view.host.clone(),
        options,
        Box::new(move |instance: &Instance| {
            land(instance, &outline, place, lang, had_focus);
            if let Some(section) = listening {
                let matching = section.and_then(|index| counterpart(&outline, index, instance.sections.sections()));
                instance.read_aloud.offer_to_continue(matching.and_then(|index| instance.view.headings.get(index)));
            }
            if let Some(lang) = lang {
                let ui = fixed_lang.unwrap_or(lang);
                let labels = Labels::with_overrides(ui, &overrides);
                let message = labels.edition_shown.replace("{lang}", labels.lang_name(lang));
                instance.view.status.set_text_content(Some(&message));
                instance.view.emit("editionchange", "lang", &JsValue::from_str(lang.tag()));
            }
        }),
    )?;
    *old.switching.successor.borrow_mut() = Some(new);
    Ok(())
}

/// Lands the new edition at the matching section of `outline` (the old one's) and the same
/// fraction through it, or a new part at its top; keyboard focus goes to the switcher's
/// current edition, where the reader was.
fn land(instance: &Instance, outline: &[Section], place: Option<(usize, f64)>, lang: Option<Lang>, focus: bool) {
    let sections = instance.sections.sections();
    let matching = place.and_then(|(index, fraction)| Some((counterpart(outline, index, sections)?, fraction)));
    match matching {
        Some((index, fraction)) => {
            instance.go_to_section(index, web_sys::ScrollBehavior::Instant, false);
            let heading = &instance.view.headings[index];
            let top = heading.get_bounding_client_rect().top();
            let bottom = match instance.view.headings.get(index + 1) {
                Some(next) => next.get_bounding_client_rect().top(),
                None => instance.view.end_sentinel.get_bounding_client_rect().top(),
            };
            // The reading line goes as far through the section as it was in the other edition.
            let line = instance.sections.reading_line();
            let dy = top - (line - fraction * (bottom - top));
            if dy >= 1.0 {
                scroll::by(instance.scroller_element().as_ref(), dy);
            }
        }
        None => scroll::to_top_of(&instance.view.frame, web_sys::ScrollBehavior::Instant),
    }
    if focus {
        let target = lang.and_then(|lang| link_for(&instance.view, lang));
        match target.and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(link) => crate::controls::focus_without_scrolling(&link),
            None => crate::controls::focus_without_scrolling(&instance.view.title),
        }
    }
}
