//! A mounted widget: its rendered view, its parts (text size, sections, a held place, the
//! remembered place), and the listeners and observers that call back into it.
//!
//! Plain `Cell`s and short borrows only, never a borrow held across a call out to the page, so
//! that event handlers may call back into the widget (even destroy it) safely. Callbacks hold a
//! weak reference: a destroyed widget is freed even if a callback were still queued.

use crate::controls::{self, Action};
use crate::copy_link;
use crate::edition_links;
use crate::guards::{Intersection, Observer};
use crate::held_place::HeldPlace;
use crate::landing::{self, Landing};
use crate::language_offer::LanguageOffer;
use crate::read_aloud::{self, ReadAloud};
use crate::reading_settings::{self, ReadingSettings};
use crate::resume::Resume;
use crate::scroll;
use crate::sections::SectionTracker;
use crate::text_size::TextSize;
use crate::view::View;
use gloo_events::EventListener;
use reading_widget_core::settings::{Display, FontStep};
use reading_widget_core::template::BAR_HEIGHT_EM;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use web_sys::{Element, ScrollBehavior};

/// Everything a mounted widget knows.
pub(crate) struct Instance {
    pub(crate) view: View,
    pub(crate) text_size: TextSize,
    pub(crate) reading_settings: ReadingSettings,
    pub(crate) sections: SectionTracker,
    /// Reading the article aloud.
    pub(crate) read_aloud: Rc<ReadAloud>,
    resume: Resume,
    held: Rc<HeldPlace>,
    /// The partner's `scrollOffset`: pixels of fixed header above the widget's scrollport.
    scroll_offset: f64,
    /// The nearest scrolling ancestor (None: the page), found once the widget is laid out.
    scroller: RefCell<Option<Element>>,
    /// None once destroyed.
    callbacks: RefCell<Option<Callbacks>>,
    /// Showing other editions and parts.
    pub(crate) switching: Switching,
}

/// Mounts options on an element, running a callback once laid out: `mount`'s own, kept by
/// each instance so that another edition can be mounted in its place (see edition_switch.rs).
#[cfg(feature = "markdown")]
pub(crate) type Remount =
    fn(web_sys::HtmlElement, crate::options::MountOptions, Box<dyn Fn(&Instance)>) -> Result<Rc<Instance>, String>;

/// Shows the edition in a language (None: another part of the series) at a URL in place
/// (edition_switch.rs's `show`, reached through the instance's one click listener).
#[cfg(feature = "markdown")]
pub(crate) type ShowInPlace = fn(&Instance, Option<reading_widget_core::settings::Lang>, &str);

/// What an instance that renders Markdown was mounted with, to mount another edition alike.
#[cfg(feature = "markdown")]
pub(crate) struct Origin {
    pub(crate) options: crate::options::MountOptions,
    pub(crate) remount: Remount,
    pub(crate) show: ShowInPlace,
}

/// A widget's part in showing other editions and parts of the series.
#[derive(Default)]
pub(crate) struct Switching {
    /// How it was mounted (None: pre-rendered, taken over as it is; its links are followed).
    #[cfg(feature = "markdown")]
    pub(crate) origin: RefCell<Option<Origin>>,
    /// The instance that replaced this one when another edition or part was shown in place;
    /// held, so a partner's handle to this one can reach it (the handle then moves on).
    pub(crate) successor: RefCell<Option<Rc<Instance>>>,
    /// The last section the reader was in. The switcher is at the top of the article: a reader
    /// who scrolls up to it from a section is taken to that section in the other edition.
    pub(crate) last_section: std::cell::Cell<Option<usize>>,
    /// The offer of the reader's own language.
    pub(crate) offer: RefCell<Option<LanguageOffer>>,
}

/// What calls back into an instance; dropping it removes every listener and observer.
#[derive(Default)]
struct Callbacks {
    listeners: Vec<EventListener>,
    observers: Vec<Observer>,
    /// Waits for the first layout (see [`Instance::settle_when_laid_out`]).
    until_laid_out: Option<Observer>,
    /// Then waits for the frame after (see [`Instance::show_whole_nav_later`]).
    #[cfg(feature = "markdown")]
    until_next_frame: Option<Observer>,
}

impl Instance {
    pub(crate) fn new(
        view: View,
        text_size: TextSize,
        reading_settings: ReadingSettings,
        sections: SectionTracker,
        resume: Resume,
        scroll_offset: f64,
        read_aloud: Rc<ReadAloud>,
    ) -> Rc<Instance> {
        reading_settings.show(&view);
        Rc::new(Instance {
            view,
            text_size,
            reading_settings,
            sections,
            read_aloud,
            resume,
            held: Rc::default(),
            scroll_offset,
            scroller: RefCell::new(None),
            callbacks: RefCell::new(Some(Callbacks::default())),
            switching: Switching::default(),
        })
    }

    /// Whether the widget is mounted (not destroyed, not abandoned after a panic).
    pub(crate) fn alive(&self) -> bool {
        self.callbacks.try_borrow().is_ok_and(|c| c.is_some())
    }

    /// Keeps `listener` for as long as the widget lives.
    pub(crate) fn keep_listener(&self, listener: EventListener) {
        if let Some(callbacks) = self.callbacks.borrow_mut().as_mut() {
            callbacks.listeners.push(listener);
        }
    }

    /// Keeps `observer` for as long as the widget lives.
    fn keep_observer(&self, observer: Observer) {
        if let Some(callbacks) = self.callbacks.borrow_mut().as_mut() {
            callbacks.observers.push(observer);
        }
    }

    #[cfg(feature = "markdown")]
    pub(crate) fn scroller_element(&self) -> Option<Element> {
        self.scroller()
    }

    fn scroller(&self) -> Option<Element> {
        self.scroller.borrow().clone()
    }

    /// Listens to clicks and keys inside the widget (one delegated listener each).
    pub(crate) fn listen(self: &Rc<Self>) {
        let root = &self.view.root;
        let weak = Rc::downgrade(self);
        self.keep_listener(EventListener::new_with_options(root, "click", prevents_default(), move |event| {
            with(&weak, |instance| {
                let action = controls::on_click(event);
                // Another edition or part: shown in place by a widget that renders Markdown,
                // else its link is followed.
                #[cfg(feature = "markdown")]
                if let Some(Action::ShowEdition { .. } | Action::ShowPart { .. }) = &action {
                    let show = instance.switching.origin.borrow().as_ref().map(|origin| origin.show);
                    if let Some(show) = show {
                        event.prevent_default();
                        match &action {
                            Some(Action::ShowEdition { lang, url }) => show(instance, Some(*lang), url),
                            Some(Action::ShowPart { url }) => show(instance, None, url),
                            _ => {}
                        }
                    }
                    return;
                }
                instance.perform(action);
            });
        }));
        let weak = Rc::downgrade(self);
        // Not passive: arrow keys in the toolbar must not also scroll the page.
        self.keep_listener(EventListener::new_with_options(root, "keydown", prevents_default(), move |event| {
            with(&weak, |instance| {
                // Read aloud's shortcuts first: they are plain letters, which the toolbar ignores.
                match read_aloud::shortcut(event, &instance.read_aloud) {
                    Some(command) => instance.perform(Some(Action::Listen(command))),
                    None => instance.perform(controls::on_keydown(event, &instance.view)),
                }
            });
        }));
        let weak = Rc::downgrade(self);
        self.keep_listener(EventListener::new(root, "change", move |event| {
            with(&weak, |instance| instance.perform(controls::on_change(event)));
        }));
        let weak = Rc::downgrade(self);
        self.keep_listener(EventListener::new(root, copy_link::SETTLED, move |event| {
            with(&weak, |instance| match copy_link::outcome(event) {
                Some((_, true)) => copy_link::announce(&instance.view),
                Some((id, false)) => {
                    instance.go_to_id(&id, scroll::behavior(), true);
                }
                None => {}
            });
        }));
        if self.resume.remembers() {
            self.listen_for_leaving();
        }
    }

    /// A place held back from storage is written when the page is hidden (a tab switched away
    /// from, a phone locked) or left: after either, the page may never run again.
    fn listen_for_leaving(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else { return };
        let weak = Rc::downgrade(self);
        self.keep_listener(EventListener::new(&window, "pagehide", move |_| {
            with(&weak, |instance| instance.resume.flush());
        }));
        let Some(document) = window.document() else { return };
        let weak = Rc::downgrade(self);
        let hidden = document.clone();
        self.keep_listener(EventListener::new(&document, "visibilitychange", move |_| {
            if hidden.hidden() {
                with(&weak, |instance| instance.resume.flush());
            }
        }));
    }

    /// Copies a link to the section `id`; where there is no clipboard, lands there instead (a
    /// refusal arrives later, as a copy_link::SETTLED event).
    fn copy_link(&self, id: &str) {
        if !copy_link::copy(&self.view, id) {
            self.go_to_id(id, scroll::behavior(), true);
        }
    }

    /// Takes the reader to the section the offer names, as a navigation click would.
    fn resume(&self) {
        if let Some(index) = self.resume.offered() {
            self.go_to_section(index, scroll::behavior(), true);
            self.resume.withdraw(&self.view);
        }
    }

    /// Takes the offer to continue reading away; focus it held goes to the title.
    fn withdraw_offer(&self) {
        if self.resume.withdraw(&self.view) {
            controls::focus_without_scrolling(&self.view.title);
        }
    }

    /// Carries out what the reader asked for.
    fn perform(&self, action: Option<Action>) {
        match action {
            Some(Action::SetStep(step)) => self.set_step(step),
            Some(Action::Smaller) => self.set_step(self.text_size.step().saturating_add(-1)),
            Some(Action::Larger) => self.set_step(self.text_size.step().saturating_add(1)),
            Some(Action::ToggleNav) => controls::set_nav_open(&self.view, !controls::nav_open(&self.view), false),
            Some(Action::CloseNav) => controls::set_nav_open(&self.view, false, true),
            Some(Action::BackToTop) => controls::back_to_top(&self.view),
            Some(Action::CopyLink(id)) => self.copy_link(&id),
            Some(Action::ToggleSettings) => {
                reading_settings::set_panel_open(&self.view, !reading_settings::panel_open(&self.view), false)
            }
            Some(Action::CloseSettings) => reading_settings::set_panel_open(&self.view, false, true),
            Some(Action::ResetSettings) => {
                self.set_display(Display::default());
            }
            Some(Action::ChooseSetting { key, value }) => {
                if let Some(chosen) = self.reading_settings.with_choice(&key, &value) {
                    self.set_display(chosen);
                }
            }
            Some(Action::Listen(command)) => self.listen_aloud(command),
            Some(Action::Resume) => self.resume(),
            Some(Action::DismissResume) => self.withdraw_offer(),
            Some(Action::DismissOffer) => {
                let focused = self.switching.offer.borrow().as_ref().is_some_and(|o| o.withdraw(&self.view, true));
                if focused {
                    controls::focus_without_scrolling(&self.view.title);
                }
            }
            // Shown in place by edition_switch.rs's own listener, or followed as links.
            Some(Action::ShowEdition { .. } | Action::ShowPart { .. }) => {}
            Some(Action::GoTo { id, from_nav }) => {
                let landed = self.go_to_id(&id, scroll::behavior(), true);
                if landed && from_nav {
                    controls::set_nav_open(&self.view, false, false);
                }
            }
            None => {}
        }
    }

    /// Runs the rest of mounting, then `then`, once the browser has laid the widget out. Reading
    /// layout or computed style inside `mount()` would force the browser to style and lay out the
    /// whole article there and then, before it knows which parts are off screen; here the
    /// answers are already computed.
    pub(crate) fn settle_when_laid_out(
        self: &Rc<Self>,
        then: impl Fn(&Rc<Instance>) + 'static,
    ) -> Result<(), wasm_bindgen::JsValue> {
        let observer = self.after_next_rendering(move |instance| {
            if instance.settle() {
                then(instance);
                #[cfg(feature = "markdown")]
                instance.show_whole_nav_later();
            }
        })?;
        if let Some(callbacks) = self.callbacks.borrow_mut().as_mut() {
            callbacks.until_laid_out = Some(observer);
        }
        Ok(())
    }

    /// Lets the rest of a long navigation in (view.rs, `NAV_PARTIAL`) after the next frame, so
    /// that laying it out is added neither to the widget's first frame nor to the one after,
    /// which whoever mounted the widget from an animation frame waits for to see it painted.
    #[cfg(feature = "markdown")]
    fn show_whole_nav_later(self: &Rc<Self>) {
        let later = self.after_next_rendering(|instance| {
            instance.view.show_whole_nav();
            if let Some(callbacks) = instance.callbacks.borrow_mut().as_mut() {
                callbacks.until_next_frame = None;
            }
        });
        match (later, self.callbacks.borrow_mut().as_mut()) {
            (Ok(later), Some(callbacks)) => callbacks.until_next_frame = Some(later),
            // Without an observer, at once.
            (Err(_), _) => self.view.show_whole_nav(),
            (Ok(_), None) => {}
        }
    }

    /// An observer of the widget's top edge whose first report, which comes in a task right after
    /// the browser's next rendering update (layout and paint), calls `then`. The caller drops it
    /// there, before any later report.
    fn after_next_rendering(
        self: &Rc<Self>,
        then: impl Fn(&Rc<Instance>) + 'static,
    ) -> Result<Observer, wasm_bindgen::JsValue> {
        let weak = Rc::downgrade(self);
        let area = Intersection { root: None, margin: "0px", thresholds: &[0.0] };
        Observer::intersection(area, &[&self.view.top_sentinel], move |_| with(&weak, &then))
    }

    /// Finds the scrolling ancestor and starts tracking the reader, once; false if it had
    /// already settled or was destroyed.
    fn settle(self: &Rc<Self>) -> bool {
        // Dropping the observer inside its own callback is safe: wasm-bindgen frees a closure
        // only once the call into it has returned.
        let waited = self.callbacks.borrow_mut().as_mut().and_then(|c| c.until_laid_out.take());
        if waited.is_none() {
            return false;
        }
        drop(waited);
        *self.scroller.borrow_mut() = scroll::scroll_parent(&self.view.host);
        let bar = BAR_HEIGHT_EM * scroll::font_size_px(&self.view.host);
        self.sections.set_reading_line((self.scroll_offset + bar + 16.0).round());
        if let Err(e) = self.track() {
            web_sys::console::warn_2(&"reading-widget: section tracking is off:".into(), &e);
        }
        true
    }

    /// What follows the reader: which section is current, whether the end of the article is in
    /// view, whether the reader is past the first screen, and the layout changes that a held
    /// place must survive.
    fn track(self: &Rc<Self>) -> Result<(), wasm_bindgen::JsValue> {
        let view = &self.view;
        let scroller = self.scroller();
        let root = scroller.as_ref();
        // Whole pixels (the line is rounded), formatted as an integer: no float formatting in the module.
        let margin = format!("-{}px 0px 0px 0px", self.sections.reading_line() as i64);
        let weak = Rc::downgrade(self);
        let headings =
            Observer::intersection(Intersection { root, margin: &margin, thresholds: &[0.0, 1.0] }, &[], move |_| {
                with(&weak, |instance| instance.update_current());
            })?;
        if let Some(observer) = headings.intersection_observer() {
            self.sections.watch_with(view, observer.clone());
        }
        let weak = Rc::downgrade(self);
        let end = Observer::intersection(
            Intersection { root, margin: "0px", thresholds: &[0.0] },
            &[&view.end_sentinel],
            move |_| {
                with(&weak, |instance| instance.update_current());
            },
        )?;
        let weak = Rc::downgrade(self);
        // The root is stretched upwards by its own height (100%), so the sentinel at the widget's
        // top leaves it once the reader is one screen, of the page or of the scrolling box, past it.
        let area = Intersection { root, margin: "100% 0px 0px 0px", thresholds: &[0.0] };
        let first_screen = Observer::intersection(area, &[&view.top_sentinel], move |entries| {
            with(&weak, |instance| {
                if let Some(entry) = entries.last() {
                    let root_top = entry.root_bounds().map_or(0.0, |r| r.top());
                    let past = !entry.is_intersecting() && entry.bounding_client_rect().bottom() <= root_top + 1.0;
                    controls::set_back_to_top_visible(&instance.view, past);
                    if past {
                        instance.withdraw_offer();
                        if let Some(offer) = instance.switching.offer.borrow().as_ref() {
                            offer.withdraw(&instance.view, false);
                        }
                    }
                }
            });
        })?;
        let weak = Rc::downgrade(self);
        // Blocks getting their real height move everything below them, without any heading
        // crossing an observer's line: re-check the held place and the current section.
        let relaid = Observer::resize(&view.body, move || {
            with(&weak, |instance| {
                instance.held.keep();
                instance.update_current();
            })
        })?;
        for observer in [headings, end, first_screen, relaid] {
            self.keep_observer(observer);
        }
        // A jump past both watched headings while neither is on screen (a scrollbar dragged
        // from the top of a long opening, or from the middle of a long section) changes no
        // intersection: the end of any scroll settles the question, once per scroll.
        let weak = Rc::downgrade(self);
        let on_end = move |_: &web_sys::Event| with(&weak, |instance| instance.update_current());
        match (&scroller, web_sys::window()) {
            (Some(element), _) => self.keep_listener(EventListener::new(element, "scrollend", on_end)),
            (None, Some(window)) => self.keep_listener(EventListener::new(&window, "scrollend", on_end)),
            (None, None) => {}
        }
        Ok(())
    }

    fn update_current(&self) {
        let before = self.sections.current();
        self.sections.update(&self.view, self.scroller().as_ref());
        self.note_place();
        let now = self.sections.current();
        if now.is_some() {
            self.switching.last_section.set(now);
        }
        if now != before {
            // Above the first section (where the switcher is), the last section read: a reader
            // who scrolls up to the switcher from a section is taken to it in the other edition.
            let place = now.or(self.switching.last_section.get());
            let id = place.and_then(|i| self.sections.sections().get(i)).map(|s| s.id.as_str());
            edition_links::follow_section(&self.view, id);
        }
    }

    /// Whether other editions and parts are shown in this widget (it renders Markdown) rather
    /// than by following their links.
    #[cfg(feature = "markdown")]
    pub(crate) fn shows_in_place(&self) -> bool {
        self.switching.origin.borrow().is_some()
    }

    /// Tells the remembered place where the reader is; it writes only when that changed.
    fn note_place(&self) {
        self.resume.note(self.sections.sections(), self.sections.current(), self.sections.at_end());
    }

    /// Offers to continue where the reader left off last time, if the widget opened at its
    /// top. Once laid out, after the address has had its say.
    pub(crate) fn offer_to_resume(&self) {
        let (visible_top, _) = scroll::visible_span(self.scroller().as_ref());
        let at_top = self.view.frame.get_bounding_client_rect().top() >= visible_top - 1.0;
        self.resume.offer(&self.view, self.sections.sections(), at_top);
        // One offer at a time: going back to a place comes first.
        if at_top && self.resume.offered().is_none() {
            if let Some(offer) = self.switching.offer.borrow().as_ref() {
                offer.offer(&self.view);
            }
        }
    }

    /// Carries out a read-aloud command; reading starts at the current section's heading.
    pub(crate) fn listen_aloud(&self, command: read_aloud::Command) {
        let heading = self.sections.current().and_then(|i| self.view.headings.get(i));
        let line = self.sections.reading_line();
        self.read_aloud.command(command, heading.map(|h| h.as_ref()), self.scroller(), line);
    }

    /// Changes the text size, keeping the reader's place.
    pub(crate) fn set_step(&self, step: FontStep) {
        self.text_size.set(step, &self.view, self.scroller(), &self.held);
    }

    /// Sets the reader's display settings, keeping their place; false if nothing changed.
    pub(crate) fn set_display(&self, chosen: Display) -> bool {
        self.reading_settings.choose(chosen, &self.view, self.scroller(), &self.held)
    }

    fn landing(&self, behavior: ScrollBehavior, move_focus: bool) -> Landing<'_> {
        Landing { held: &self.held, scroller: self.scroller(), behavior, move_focus }
    }

    /// Scrolls to the section at `index`, updates the address and, if asked, focuses its heading.
    pub(crate) fn go_to_section(&self, index: usize, behavior: ScrollBehavior, move_focus: bool) {
        let (Some(heading), Some(section)) = (self.view.headings.get(index), self.sections.sections().get(index))
        else {
            return;
        };
        landing::land_on(heading, &section.id, self.landing(behavior, move_focus));
        self.sections.choose(&self.view, index);
        self.switching.last_section.set(Some(index));
        edition_links::follow_section(&self.view, Some(&section.id));
        self.note_place();
    }

    /// Scrolls to any element of the article by id (sections, footnotes); false if there is none.
    pub(crate) fn go_to_id(&self, id: &str, behavior: ScrollBehavior, move_focus: bool) -> bool {
        if let Some(index) = self.sections.index_of(id) {
            self.go_to_section(index, behavior, move_focus);
            return true;
        }
        let Some(element) = landing::body_element(&self.view, id) else { return false };
        landing::land_on(&element, id, self.landing(behavior, move_focus));
        true
    }

    /// Whether the article has an element with this id.
    pub(crate) fn has_id(&self, id: &str) -> bool {
        self.sections.index_of(id).is_some() || landing::body_element(&self.view, id).is_some()
    }

    /// Stops every listener and observer and lets go of a held place; with `clear`, also removes
    /// what the widget rendered. Returns false if it was already stopped. Best effort under a
    /// borrow, because the panic hook may call it at any point.
    pub(crate) fn stop(&self, clear: bool) -> bool {
        let Ok(mut callbacks) = self.callbacks.try_borrow_mut() else { return false };
        let Some(callbacks) = callbacks.take() else { return false };
        drop(callbacks);
        self.read_aloud.stop();
        self.resume.flush();
        self.held.release();
        self.view.set_live(false);
        if clear {
            self.view.clear();
        }
        true
    }
}

fn prevents_default() -> gloo_events::EventListenerOptions {
    gloo_events::EventListenerOptions::enable_prevent_default()
}

/// Runs `f` with the instance if it is still alive.
pub(crate) fn with(weak: &Weak<Instance>, f: impl FnOnce(&Rc<Instance>)) {
    if let Some(instance) = weak.upgrade() {
        f(&instance);
    }
}
