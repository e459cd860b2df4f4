//! A mounted widget: its state, what readers can do with it, and its lifetime.
//!
//! The JS handle ([`Widget`]) and a page-wide registry share one [`Live`]. The registry is what
//! keeps a widget running when the partner drops the handle (wasm-bindgen frees handles that
//! JS garbage-collects); `destroy()` takes it out, and dropping the [`Wiring`] removes every
//! listener and observer it owned.

use crate::article::{self, Article, Section};
use crate::i18n::{Labels, Lang};
use crate::options::{as_element, describe, FontStep, MountOptions, StorageKey};
use crate::template::{self, Chrome};
use crate::view::View;
use crate::wiring::Wiring;
use crate::{prefs, scroll};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement};

/// The article compiled into the module (see build.rs).
const EMBEDDED_ARTICLE: &str = include_str!(concat!(env!("OUT_DIR"), "/article.md"));

thread_local! {
    static MOUNTED: RefCell<Vec<Rc<Live>>> = const { RefCell::new(Vec::new()) };
    // The last address (`#id`) a widget has shown, by following it or by writing it.
    static LANDED: RefCell<Option<String>> = const { RefCell::new(None) };
    // The embedded article is the same for every mount: render it once per page.
    static EMBEDDED: OnceCell<Rc<Article>> = const { OnceCell::new() };
}

/// A reading widget mounted on an element. Returned by `mount()`.
#[wasm_bindgen]
pub struct Widget {
    live: Rc<Live>,
}

/// Everything a mounted widget knows. Plain `Cell`s, never a borrow held across a call out to
/// the page, so that event handlers may call back into the widget (even destroy it) safely.
pub(crate) struct Live {
    pub view: View,
    sections: Vec<Section>,
    storage_key: Option<String>,
    step: Cell<FontStep>,
    current: Cell<Option<usize>>,
    /// The section last chosen from the navigation, preferred while it is in view at the end
    /// of the article, where short sections cannot reach the top.
    pinned: Cell<Option<usize>>,
    /// The nearest scrolling ancestor (None: the page), found once the widget is laid out.
    pub scroller: RefCell<Option<Element>>,
    /// The partner's `scrollOffset`: pixels of fixed header above the widget's scrollport.
    pub scroll_offset: f64,
    /// Pixels from the scrollport's top to the line a heading must pass to become current.
    pub reading_line: Cell<f64>,
    /// A place the reader was taken to or kept at (see [`Live::hold_place`]).
    held: RefCell<Option<Held>>,
    /// The observer of the section headings and which headings it watches (see watch_around).
    watched: RefCell<Option<(web_sys::IntersectionObserver, Vec<usize>)>>,
    /// This widget, for callbacks created after mounting.
    me: std::rc::Weak<Live>,
    wiring: RefCell<Option<Wiring>>,
}

/// An element kept at a position on screen while the browser lays out, for the first time,
/// the article around it. With `content-visibility: auto` the blocks above a place the reader
/// jumps to only get their real height once they come near the screen, a frame later, and
/// would otherwise push that place down.
struct Held {
    element: Element,
    /// Where its top should be, in viewport coordinates; None while a smooth scroll is on its way.
    top: Option<f64>,
    /// performance.now() after which the place is let go.
    until: f64,
    /// Listeners that exist only while a place is held: the reader taking over (scrolling,
    /// tapping, typing) lets it go, and the end of a smooth scroll lands it.
    _listeners: Vec<gloo_events::EventListener>,
}

/// How long a place is held after the widget put the reader there.
const HOLD_MS: f64 = 1500.0;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

pub(crate) fn mount(target: JsValue, options: JsValue) -> Result<Widget, String> {
    let description = describe(&target);
    let host = as_element(target).ok_or_else(|| format!("target must be an element, not {description}"))?;
    let options = MountOptions::from_js(options)?;

    let article = match &options.markdown {
        Some(markdown) => Rc::new(article::render(markdown).map_err(|e| format!("options.markdown: {e}"))?),
        None => embedded_article()?,
    };
    let lang = options
        .lang
        .or_else(|| article.meta.lang.as_deref().and_then(Lang::from_tag))
        .or_else(page_lang)
        .unwrap_or_default();
    let storage_key = match options.storage_key {
        Some(StorageKey::Off) => None,
        Some(StorageKey::Key(key)) => Some(key),
        None => Some(StorageKey::DEFAULT.to_owned()),
    };
    let step = options
        .font_step
        .or_else(|| storage_key.as_deref().and_then(prefs::load))
        .unwrap_or(FontStep::DEFAULT);
    let labels = Labels::with_overrides(lang, &options.labels.unwrap_or_default());
    let markup = template::markup(&Chrome { article: &article, labels: &labels, lang, theme: options.theme.unwrap_or_default(), step });

    // Mounting over a live widget replaces it, as re-rendering frameworks expect.
    destroy_widget_on(&host);
    let ids: Vec<&str> = article.outline.iter().map(|s| s.id.as_str()).collect();
    let view = View::render(host, &markup, &ids)?;
    if let Some(offset) = options.scroll_offset {
        let _ = view.frame.style().set_property("--rw-scroll-offset", &format!("{}px", offset.0));
    }
    let live = Rc::new_cyclic(|me| Live {
        view,
        sections: article.outline.clone(),
        storage_key,
        step: Cell::new(step),
        current: Cell::new(None),
        pinned: Cell::new(None),
        scroller: RefCell::new(None),
        scroll_offset: options.scroll_offset.map_or(0.0, |o| o.0),
        reading_line: Cell::new(0.0),
        held: RefCell::new(None),
        watched: RefCell::new(None),
        me: me.clone(),
        wiring: RefCell::new(None),
    });
    let wiring = Wiring::new(&live).map_err(|e| format!("could not observe the page: {}", describe(&e)))?;
    *live.wiring.borrow_mut() = Some(wiring);
    MOUNTED.with(|m| m.borrow_mut().push(live.clone()));
    Ok(Widget { live })
}

/// Replaces whatever `target` shows with a readable error message (for `<reading-widget>`
/// when its article cannot be loaded).
pub(crate) fn show_error(target: JsValue, message: &str) {
    let Some(host) = as_element(target) else { return };
    destroy_widget_on(&host);
    let _ = View::render_message(&host, &template::error_markup(message));
}

/// Destroys the live widget mounted on `host`, if there is one.
fn destroy_widget_on(host: &HtmlElement) {
    if let Some(previous) = MOUNTED.with(|m| m.borrow().iter().find(|l| &l.view.host == host).cloned()) {
        previous.destroy();
    }
}

/// Stops every widget's listeners and observers without touching what they rendered: the last
/// thing the panic hook does before the instance is replaced. Best effort, because the panic
/// may have happened while some state was borrowed.
pub(crate) fn abandon_all() {
    let _ = MOUNTED.try_with(|mounted| {
        if let Ok(mut mounted) = mounted.try_borrow_mut() {
            for live in mounted.drain(..) {
                if let Ok(mut wiring) = live.wiring.try_borrow_mut() {
                    wiring.take();
                }
                if let Ok(mut held) = live.held.try_borrow_mut() {
                    held.take();
                }
            }
        }
    });
}

/// Why a widget looks at the page address.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum HashFollow {
    /// It has just been mounted: land there at once.
    Mount,
    /// The address changed (hashchange): scroll there smoothly.
    Change,
}

fn embedded_article() -> Result<Rc<Article>, String> {
    EMBEDDED.with(|cell| {
        if let Some(article) = cell.get() {
            return Ok(article.clone());
        }
        let article = Rc::new(article::render(EMBEDDED_ARTICLE).map_err(|e| format!("embedded article: {e}"))?);
        Ok(cell.get_or_init(|| article).clone())
    })
}

fn page_lang() -> Option<Lang> {
    let tag = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    Lang::from_tag(&tag)
}

impl Live {
    fn alive(&self) -> bool {
        self.wiring.borrow().is_some()
    }

    fn scroller(&self) -> Option<Element> {
        self.scroller.borrow().clone()
    }

    /// The rest of mounting, run once the browser has laid the widget out. Reading layout or
    /// computed style inside `mount()` would force the browser to style and lay out the whole
    /// article there and then, before it knows which parts are off screen; here the answers
    /// are already computed. Finds the scrolling ancestor, starts the observers that track
    /// reading, and lands on the address's `#id`.
    pub fn settle(self: &Rc<Self>) {
        if !self.alive() {
            return;
        }
        *self.scroller.borrow_mut() = scroll::scroll_parent(&self.view.host);
        let bar = crate::wiring::BAR_HEIGHT_EM * scroll::font_size_px(&self.view.host);
        self.reading_line.set((self.scroll_offset + bar + 16.0).round());
        match Wiring::tracking(self) {
            Ok(tracking) => {
                if let Some(wiring) = self.wiring.borrow_mut().as_mut() {
                    wiring.set_tracking(tracking);
                }
            }
            Err(e) => web_sys::console::warn_2(&"reading-widget: section tracking is off:".into(), &e),
        }
        self.follow_location_hash(HashFollow::Mount);
    }

    pub fn step(&self) -> FontStep {
        self.step.get()
    }

    /// Changes the text size, keeping the paragraph being read where it is on screen.
    pub fn set_step(&self, step: FontStep) {
        if step == self.step.get() {
            return;
        }
        let anchor = self.reading_anchor();
        self.step.set(step);
        let _ = self.view.frame.set_attribute("data-step", &step.get().to_string());
        self.sync_step_controls();
        if let Some((element, top_before)) = anchor {
            scroll::by(self.scroller().as_ref(), element.get_bounding_client_rect().top() - top_before);
            self.hold(element, Some(top_before));
        }
        if let Some(key) = &self.storage_key {
            prefs::save(key, step);
        }
        self.emit("fontstepchange", "step", &JsValue::from(step.get()));
    }

    /// aria-pressed on the current step, and the nudge buttons disabled at their ends. A
    /// button that becomes disabled while focused would drop focus to the page, so focus
    /// moves to the current step instead.
    fn sync_step_controls(&self) {
        let step = self.step.get();
        let view = &self.view;
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

    /// The first block of the body that reaches below the sticky bar, and its top, once the
    /// reader has scrolled into the article. Body blocks are stacked top to bottom, so a binary
    /// search finds it with a handful of layout reads even in a very long article.
    fn reading_anchor(&self) -> Option<(Element, f64)> {
        let (visible_top, _) = scroll::visible_span(self.scroller().as_ref());
        if self.view.frame.get_bounding_client_rect().top() >= visible_top {
            return None;
        }
        let line = self.view.bar.get_bounding_client_rect().bottom();
        let blocks = self.view.body.children();
        let (mut lo, mut hi) = (0, blocks.length());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let bottom = blocks.item(mid)?.get_bounding_client_rect().bottom();
            if bottom <= line {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let element = blocks.item(lo)?;
        let top = element.get_bounding_client_rect().top();
        Some((element, top))
    }

    /// Works out which section is being read and marks its link with aria-current.
    ///
    /// A section is current once its heading has passed the reading line just below the sticky
    /// bar. At the end of the article the last sections may be too short to get there, so once
    /// the end is in view the last heading on screen counts (or the one just chosen from the
    /// navigation, if it is on screen).
    pub fn update_current(&self) {
        let headings = &self.view.headings;
        let (visible_top, visible_bottom) = scroll::visible_span(self.scroller().as_ref());
        let top_of = |i: usize| headings[i].get_bounding_client_rect().top();
        // Headings are in document order, so those above a line form a prefix.
        let count_above = |line: f64| headings.partition_point(|h| h.get_bounding_client_rect().top() <= line);
        // Read, not remembered from the observer: blocks getting their real height move the end
        // without it crossing the observer's line again.
        let at_end = self.view.end_sentinel.get_bounding_client_rect().top() <= visible_bottom
            && self.view.frame.get_bounding_client_rect().top() < visible_top;

        let pinned = self.pinned.get().filter(|&i| (visible_top..visible_bottom).contains(&top_of(i)));
        self.pinned.set(pinned);
        let current = if at_end {
            pinned.or_else(|| count_above(visible_bottom).checked_sub(1))
        } else {
            count_above(visible_top + self.reading_line.get()).checked_sub(1)
        };
        self.set_current(current);
    }

    /// Hands the section observer to the widget, watching the headings around the current one.
    pub fn watch_with(&self, observer: web_sys::IntersectionObserver) {
        *self.watched.borrow_mut() = Some((observer, Vec::new()));
        self.watch_around(self.current.get());
    }

    /// Observes the current section's heading and the next one: the only headings whose
    /// crossing of the reading line (or leaving the screen, on a jump) can change which
    /// section is current.
    fn watch_around(&self, current: Option<usize>) {
        let mut watched = self.watched.borrow_mut();
        let Some((observer, targets)) = watched.as_mut() else { return };
        let first = current.unwrap_or(0);
        let wanted: Vec<usize> = (first..first + 2).filter(|&i| i < self.view.headings.len()).collect();
        if *targets == wanted {
            return;
        }
        for &i in targets.iter() {
            observer.unobserve(&self.view.headings[i]);
        }
        for &i in &wanted {
            observer.observe(&self.view.headings[i]);
        }
        *targets = wanted;
    }

    fn set_current(&self, current: Option<usize>) {
        let previous = self.current.replace(current);
        if previous == current {
            return;
        }
        self.watch_around(current);
        for (i, link) in [previous, current].into_iter().flatten().filter_map(|i| Some((i, self.view.links.get(i)?))) {
            if Some(i) == current {
                let _ = link.set_attribute("aria-current", "location");
            } else {
                let _ = link.remove_attribute("aria-current");
            }
        }
        let id = current.map_or(JsValue::NULL, |i| JsValue::from_str(&self.sections[i].id));
        self.emit("sectionchange", "id", &id);
    }

    /// Scrolls to the section at `index`, updates the address and, if asked, focuses its heading.
    pub fn go_to_section(&self, index: usize, behavior: web_sys::ScrollBehavior, move_focus: bool) {
        let Some(heading) = self.view.headings.get(index) else { return };
        self.land_on(heading, &self.sections[index].id, behavior, move_focus);
        self.pinned.set(Some(index));
        self.set_current(Some(index));
    }

    /// Scrolls to any element of the article by id (sections, footnotes); false if there is none.
    pub fn go_to_id(&self, id: &str, behavior: web_sys::ScrollBehavior, move_focus: bool) -> bool {
        if let Some(index) = self.sections.iter().position(|s| s.id == id) {
            self.go_to_section(index, behavior, move_focus);
            return true;
        }
        let Some(element) = self.body_element(id) else { return false };
        self.land_on(&element, id, behavior, move_focus);
        true
    }

    /// Scrolls `element` (named `id` in the address) to the top, holds it there while the
    /// article around it is laid out, and writes the address.
    fn land_on(&self, element: &Element, id: &str, behavior: web_sys::ScrollBehavior, move_focus: bool) {
        scroll::to_top_of(element, behavior);
        self.hold_place(element, behavior);
        if move_focus {
            // Every element of the article body is an HTML element (of this window or a frame's).
            focus_without_scrolling(element.unchecked_ref::<HtmlElement>());
        }
        replace_hash(id);
    }

    /// The element of the article body with this id.
    fn body_element(&self, id: &str) -> Option<Element> {
        self.view.body.query_selector(&format!("[id=\"{}\"]", css_string(id))).ok().flatten()
    }

    /// Lands on the place named in the page address (`#id`), if it is in this widget.
    ///
    /// One address names one place: only the first widget on the page that has the id follows
    /// it, and a widget mounted later (a remount, another instance) does not jump to an address
    /// the page has already shown.
    pub fn follow_location_hash(&self, why: HashFollow) {
        let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) else { return };
        let Some(raw) = hash.strip_prefix('#').filter(|h| !h.is_empty()) else { return };
        if why == HashFollow::Mount && LANDED.with(|landed| landed.borrow().as_deref() == Some(hash.as_str())) {
            return;
        }
        let id = decode_fragment(raw);
        let first_owner = MOUNTED.with(|m| m.borrow().iter().find(|l| l.has_id(&id)).cloned());
        if !first_owner.is_some_and(|owner| std::ptr::eq(Rc::as_ptr(&owner), self)) {
            return;
        }
        let behavior = if why == HashFollow::Change { scroll::behavior() } else { web_sys::ScrollBehavior::Instant };
        self.go_to_id(&id, behavior, false);
    }

    fn has_id(&self, id: &str) -> bool {
        self.sections.iter().any(|s| s.id == id) || self.body_element(id).is_some()
    }

    /// Holds `element` where a scroll to it puts it: now for an instant scroll, at the scroll's
    /// end for a smooth one.
    fn hold_place(&self, element: &Element, behavior: web_sys::ScrollBehavior) {
        let top = (behavior != web_sys::ScrollBehavior::Smooth).then(|| element.get_bounding_client_rect().top());
        self.hold(element.clone(), top);
    }

    fn hold(&self, element: Element, top: Option<f64>) {
        let listeners = crate::wiring::while_held(&self.me, self.scroller().as_ref(), top.is_none());
        *self.held.borrow_mut() = Some(Held { element, top, until: now() + HOLD_MS, _listeners: listeners });
    }

    /// After a layout (ResizeObserver, before paint): moves a held place back where it belongs.
    pub fn keep_held_place(&self) {
        let Some((element, top)) = self.held_now().and_then(|(element, top)| Some((element, top?))) else { return };
        scroll::by(self.scroller().as_ref(), element.get_bounding_client_rect().top() - top);
    }

    /// At the end of a smooth scroll: lands exactly, wherever layout moved the target meanwhile.
    pub fn land_held_place(&self) {
        let Some((element, None)) = self.held_now() else { return };
        scroll::to_top_of(&element, web_sys::ScrollBehavior::Instant);
        if let Some(held) = self.held.borrow_mut().as_mut() {
            held.top = Some(element.get_bounding_client_rect().top());
            held.until = now() + HOLD_MS;
        }
    }

    /// The reader took over: stop holding.
    pub fn release_place(&self) {
        self.held.borrow_mut().take();
    }

    fn held_now(&self) -> Option<(Element, Option<f64>)> {
        let mut held = self.held.borrow_mut();
        if held.as_ref().is_some_and(|h| now() > h.until) {
            *held = None;
        }
        held.as_ref().map(|h| (h.element.clone(), h.top))
    }

    /// Scrolls to the top of the widget and puts focus on the title, where a screen-reader
    /// user expects to be after "back to top".
    pub fn back_to_top(&self) {
        scroll::to_top_of(&self.view.frame, scroll::behavior());
        focus_without_scrolling(&self.view.title);
    }

    pub fn set_back_to_top_visible(&self, visible: bool) {
        self.view.to_top.set_hidden(!visible);
    }

    /// Opens or closes the sections disclosure (narrow layouts).
    pub fn set_nav_open(&self, open: bool) {
        let _ = self.view.frame.set_attribute("data-nav", if open { "open" } else { "closed" });
        if let Some(toggle) = &self.view.toggle {
            let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
        }
    }

    pub fn nav_open(&self) -> bool {
        self.view.frame.get_attribute("data-nav").as_deref() == Some("open")
    }

    fn emit(&self, name: &str, key: &str, value: &JsValue) {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), value);
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.view.host.dispatch_event(&event);
        }
    }

    /// Removes listeners, observers and everything rendered; safe to call more than once.
    pub fn destroy(&self) {
        let wiring = self.wiring.borrow_mut().take();
        if wiring.is_none() {
            return;
        }
        drop(wiring);
        self.release_place();
        self.view.clear();
        MOUNTED.with(|m| m.borrow_mut().retain(|l| !std::ptr::eq(Rc::as_ptr(l), self)));
    }
}

fn focus_without_scrolling(element: &HtmlElement) {
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// The id a URL fragment names (`%ED%95%9C` → `한`); a malformed escape is taken as written.
pub(crate) fn decode_fragment(raw: &str) -> String {
    js_sys::decode_uri_component(raw).ok().and_then(|s| s.as_string()).unwrap_or_else(|| raw.to_owned())
}

fn replace_hash(id: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let url = format!("#{}", String::from(js_sys::encode_uri_component(id)));
    // Throws in sandboxed and opaque-origin documents; the scroll already happened.
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    let written = window.location().hash().unwrap_or(url);
    LANDED.with(|landed| *landed.borrow_mut() = Some(written));
}

/// Escapes `value` for use inside a double-quoted CSS string.
fn css_string(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

fn destroyed() -> JsError {
    JsError::new("this widget was destroyed; call mount() again to show it")
}

#[wasm_bindgen]
impl Widget {
    /// The current text-size step, 1–5.
    #[wasm_bindgen(getter, js_name = fontStep)]
    pub fn font_step(&self) -> u8 {
        self.live.step().get()
    }

    /// Sets the text-size step (an integer from 1 to 5), keeping the reader's place.
    #[wasm_bindgen(js_name = setFontStep)]
    pub fn set_font_step(&self, #[wasm_bindgen(unchecked_param_type = "1 | 2 | 3 | 4 | 5")] step: JsValue) -> Result<(), JsError> {
        if !self.live.alive() {
            return Err(destroyed());
        }
        let step = match step.as_f64() {
            Some(n) => FontStep::new(n),
            None => Err(format!("must be an integer from 1 to 5, not {}", describe(&step))),
        }
        .map_err(|e| JsError::new(&format!("setFontStep: step {e}")))?;
        self.live.set_step(step);
        Ok(())
    }

    /// The article's sections (h2 and h3), in order.
    #[wasm_bindgen(unchecked_return_type = "Section[]")]
    pub fn sections(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.live.sections).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Scrolls to the section with this id (see `sections()`).
    #[wasm_bindgen(js_name = scrollToSection)]
    pub fn scroll_to_section(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<(), JsError> {
        if !self.live.alive() {
            return Err(destroyed());
        }
        let Some(id) = id.as_string() else {
            return Err(JsError::new(&format!("scrollToSection: id must be a string, not {}", describe(&id))));
        };
        let index = self.live.sections.iter().position(|s| s.id == id).ok_or_else(|| {
            let known: Vec<_> = self.live.sections.iter().take(8).map(|s| format!("{:?}", s.id)).collect();
            let more = if self.live.sections.len() > 8 { ", …" } else { "" };
            let shown: String = id.chars().take(80).collect();
            let cut = if shown.len() < id.len() { "…" } else { "" };
            JsError::new(&format!("scrollToSection: no section has id {shown:?}{cut}; ids are {}{more}", known.join(", ")))
        })?;
        self.live.go_to_section(index, scroll::behavior(), false);
        Ok(())
    }

    /// Scrolls to the top of the widget and focuses the title.
    #[wasm_bindgen(js_name = scrollToTop)]
    pub fn scroll_to_top(&self) -> Result<(), JsError> {
        if !self.live.alive() {
            return Err(destroyed());
        }
        self.live.back_to_top();
        Ok(())
    }

    /// Removes the widget: its markup, stylesheet, listeners and observers. The element can be
    /// mounted again. Calling it twice is harmless.
    pub fn destroy(&self) {
        self.live.destroy();
    }
}
