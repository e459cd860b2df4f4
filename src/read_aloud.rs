//! Read aloud ("Listen"): speaks the article with the browser's `speechSynthesis` in its own
//! language, sentence by sentence (`Intl.Segmenter`), highlights the sentence being read with the
//! CSS Custom Highlight API (the article's DOM is never changed), keeps it in view unless the
//! reader scrolls away, and offers the controls, keyboard shortcuts and `navigator.mediaSession`.
//!
//! What is read, the voice, the rate and the cursor's moves are the core's
//! (`reading_widget_core::read_aloud`); this module is the browser's side. `speechSynthesis` is
//! one per page, so one widget reads at a time: starting one stops another's reading. Every
//! listener and media-session handler is owned here and dropped when reading stops.

use crate::scroll;
use crate::view::View;
use const_format::concatcp;
use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Array, Function, Uint32Array};
use reading_widget_core::markup_names::{action, attr, class, listen, READING_HIGHLIGHT};
use reading_widget_core::read_aloud::{self as core, Playback, Rate, Reading, Voice};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

#[wasm_bindgen(module = "/src/read_aloud.js")]
extern "C" {
    fn synthesis() -> JsValue;
    fn voices(synth: &JsValue) -> String;
    fn speak(synth: &JsValue, text: &str, lang: &str, rate: f64, voice: u32, done: &Function);
    fn cancel(synth: &JsValue);
    fn pause(synth: &JsValue);
    fn resume(synth: &JsValue);
    fn blocks(roots: &Array, skipped: &str, block: &str, alt: &str) -> Array;
    #[wasm_bindgen(js_name = blockAt)]
    fn block_at(list: &Array, element: Option<&Element>) -> u32;
    fn sentences(list: &Array, index: u32, lang: &str) -> Uint32Array;
    #[wasm_bindgen(js_name = textOf)]
    fn text_of(list: &Array, index: u32, start: u32, end: u32) -> String;
    #[wasm_bindgen(js_name = elementOf)]
    fn element_of(list: &Array, index: u32) -> Option<Element>;
    #[wasm_bindgen(js_name = rangeOf)]
    fn range_of(list: &Array, index: u32, start: u32, end: u32) -> Option<web_sys::Range>;
    fn highlight(name: &str, range: &web_sys::Range, on: bool);
    #[wasm_bindgen(js_name = mediaSession)]
    fn media_session(title: Option<&str>, handler: Option<&Function>);
    #[wasm_bindgen(js_name = playbackState)]
    fn playback_state(state: &str);
}

/// What the reader asked of reading aloud (a control, a shortcut or the lock screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    /// Start at the current section, or stop (the bar's button).
    Toggle,
    /// Start at the current section (the offer to continue), or resume a pause.
    Start,
    /// Pause, or resume.
    Pause,
    Previous,
    Next,
    /// The next speaking rate, cycling.
    Speed,
    /// One rate faster (1) or slower (-1).
    Faster(i8),
    Stop,
    Follow,
}

/// The controls the module changes, by their `data-action`.
const FOLLOW: &str = concatcp!("[", attr::DATA_ACTION, "=", action::LISTEN_FOLLOW, "]");
const PAUSE: &str = concatcp!("[", attr::DATA_ACTION, "=", action::LISTEN_PAUSE, "]");
const SPEED: &str = concatcp!("[", attr::DATA_ACTION, "=", action::LISTEN_SPEED, "]");

thread_local! {
    /// The widget reading, if any: speechSynthesis is one per page.
    static READING: RefCell<Weak<ReadAloud>> = const { RefCell::new(Weak::new()) };
}

/// What is held only while reading, dropped when it stops: the listeners that watch the reader,
/// and the callbacks speech and the lock screen call (detached first, see `stop`).
#[derive(Default)]
struct WhileReading {
    _listeners: Vec<EventListener>,
    done: Option<Closure<dyn FnMut(bool)>>,
    _media: Option<Closure<dyn FnMut(String)>>,
}

/// One widget's reading aloud.
pub(crate) struct ReadAloud {
    me: Weak<ReadAloud>,
    toggle: Option<Element>,
    strip: Option<HtmlElement>,
    /// The widget's polite live region, which announces what reading aloud says of itself.
    status: HtmlElement,
    title: HtmlElement,
    body: HtmlElement,
    /// Offered by the partner and possible here (speechSynthesis exists).
    available: bool,
    storage_key: Option<String>,
    reading: Cell<Reading>,
    rate: Cell<Rate>,
    /// The blocks read (read_aloud.js's `blocks`), found when reading starts.
    blocks: RefCell<Array>,
    /// The sentences of the block at the cursor: its index and their UTF-16 start and end pairs.
    sentences: RefCell<(u32, Vec<u32>)>,
    /// Paused in the middle of an utterance (resume continues it; else it is spoken anew).
    suspended: Cell<bool>,
    following: Cell<bool>,
    /// A scroll the widget started is under way (its scroll events are not the reader's).
    scrolling: Cell<bool>,
    scroller: RefCell<Option<Element>>,
    /// Pixels under the top of the scrollport that the sticky bar covers.
    reading_line: Cell<f64>,
    lang: RefCell<String>,
    voice: Cell<u32>,
    range: RefCell<Option<web_sys::Range>>,
    while_reading: RefCell<WhileReading>,
    /// Where the offer to continue starts (the heading of the section read in another edition).
    offered_start: RefCell<Option<Element>>,
    /// Waiting for voices (getVoices() fills in late): the heading to start at, and the listener.
    waiting: RefCell<Option<(Option<Element>, EventListener)>>,
}

impl ReadAloud {
    /// Reading aloud for the widget in `view`: offered where the partner offers it (`offered`)
    /// and the browser has `speechSynthesis`; the rate is remembered under `storage_key`.
    pub(crate) fn new(view: &View, offered: bool, storage_key: Option<&str>) -> Rc<ReadAloud> {
        let one = |selector: &str| view.root.query_selector(selector).ok().flatten();
        let toggle = one(concatcp!(".", class::LISTEN_TOGGLE));
        let strip = one(concatcp!(".", class::LISTEN)).map(JsCast::unchecked_into::<HtmlElement>);
        let available = offered && !synthesis().is_null() && toggle.is_some() && strip.is_some();
        if let Some(toggle) = &toggle {
            let _ = toggle.toggle_attribute_with_force("hidden", !available);
        }
        let storage_key = storage_key.map(|key| format!("{key}:listen-rate"));
        let rate = storage_key.as_deref().and_then(crate::prefs::load_text).and_then(|t| t.parse().ok());
        Rc::new_cyclic(|me| ReadAloud {
            me: me.clone(),
            toggle,
            strip,
            status: view.status.clone(),
            title: view.title.clone(),
            body: view.body.clone(),
            available,
            storage_key,
            reading: Cell::default(),
            rate: Cell::new(rate.unwrap_or_default()),
            blocks: RefCell::new(Array::new()),
            sentences: RefCell::new((u32::MAX, Vec::new())),
            suspended: Cell::new(false),
            following: Cell::new(true),
            scrolling: Cell::new(false),
            scroller: RefCell::default(),
            reading_line: Cell::new(0.0),
            lang: RefCell::default(),
            voice: Cell::new(0),
            range: RefCell::default(),
            while_reading: RefCell::default(),
            offered_start: RefCell::default(),
            waiting: RefCell::default(),
        })
    }

    /// While reading, the index among `headings` of the section the sentence being read is in
    /// (Some(None) above the first); None when not reading.
    #[cfg_attr(not(feature = "markdown"), allow(dead_code))]
    pub(crate) fn section_read(&self, headings: &[HtmlElement]) -> Option<Option<usize>> {
        let reading = self.reading.get();
        if !reading.active() {
            return None;
        }
        let element = element_of(&self.blocks.borrow(), reading.cursor.block as u32)?;
        let after = |heading: &HtmlElement| {
            let position = heading.compare_document_position(&element);
            heading.unchecked_ref::<Element>() == &element || position & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
        };
        Some(headings.iter().rposition(after))
    }

    /// Carries out `command`. `section` is the heading of the current section (None: above the
    /// first), where reading starts; `scroller` the widget's scrolling ancestor (None: the page)
    /// and `line` the pixels the bar covers at its top.
    pub(crate) fn command(&self, command: Command, section: Option<&Element>, scroller: Option<Element>, line: f64) {
        if !self.available {
            return;
        }
        *self.scroller.borrow_mut() = scroller;
        self.reading_line.set(line);
        let reading = self.reading.get();
        match command {
            Command::Toggle if reading.active() || self.waiting.borrow().is_some() => self.stop(),
            Command::Start if !reading.active() && self.offered_start.borrow().is_some() => {
                let heading = self.offered_start.borrow_mut().take();
                self.start(heading);
            }
            Command::Toggle | Command::Start if !reading.active() => self.start(section.cloned()),
            Command::Start if reading.playback == Playback::Paused => self.toggle_pause(),
            Command::Stop => self.stop(),
            _ if !reading.active() => {}
            Command::Pause => self.toggle_pause(),
            Command::Previous => self.jump(reading.previous_block()),
            Command::Next => self.jump(reading.next_block()),
            Command::Speed => self.set_rate(self.rate.get().cycled()),
            Command::Faster(delta) => self.set_rate(self.rate.get().saturating_add(delta)),
            Command::Follow => {
                self.set_following(true);
                self.follow();
            }
            Command::Toggle | Command::Start => {}
        }
    }

    /// Offers to go on reading in this widget (after another edition replaced the one read), at
    /// `heading`'s section (None: at the top).
    #[cfg_attr(not(feature = "markdown"), allow(dead_code))]
    pub(crate) fn offer_to_continue(&self, heading: Option<&HtmlElement>) {
        if self.available {
            *self.offered_start.borrow_mut() = heading.map(|h| h.clone().into());
            self.show_state(Some(listen::OFFER));
        }
    }

    /// Starts at the block of `section` (None: at the top), once there is a voice.
    fn start(&self, section: Option<Element>) {
        let synth = synthesis();
        if synth.is_null() {
            return;
        }
        READING.with(|current| {
            let other = current.borrow().upgrade();
            if let Some(other) = other.filter(|other| !std::ptr::eq(Rc::as_ptr(other), self)) {
                other.stop();
            }
            *current.borrow_mut() = self.me.clone();
        });
        let lang = self.body.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang"));
        let lang = lang.unwrap_or_else(|| "en".into());
        let listed: Vec<Voice> = voices(&synth)
            .lines()
            .map(|line| {
                let mut fields = line.split('\t');
                let mut next = || fields.next().unwrap_or_default();
                Voice {
                    lang: next().into(),
                    name: next().into(),
                    default: !next().is_empty(),
                    local: !next().is_empty(),
                }
            })
            .collect();
        let Some(voice) = core::choose_voice(&listed, &lang) else {
            // None yet, or none for the language: say so, and try again when the list changes.
            self.show_state(Some(listen::NO_VOICE));
            let status = self.strip_status();
            let message = status.as_ref().and_then(|s| s.get_attribute(attr::DATA_MESSAGE)).unwrap_or_default();
            if let Some(status) = status {
                status.set_text_content(Some(&message));
            }
            self.status.set_text_content(Some(&message));
            let me = self.me.clone();
            let listener = EventListener::new(synth.unchecked_ref(), "voiceschanged", move |_| {
                if let Some(me) = me.upgrade() {
                    let waiting = me.waiting.borrow_mut().take();
                    if let Some((section, _listener)) = waiting {
                        me.start(section);
                    }
                }
            });
            *self.waiting.borrow_mut() = Some((section, listener));
            return;
        };
        self.waiting.borrow_mut().take();
        self.voice.set(voice as u32);
        *self.lang.borrow_mut() = lang;
        let roots = Array::of2(&self.title, &self.body);
        let list = blocks(&roots, core::SKIPPED, core::BLOCKS, core::READ_ALT);
        let first = block_at(&list, section.as_ref());
        self.reading.set(Reading::start(list.length() as usize, first as usize));
        *self.blocks.borrow_mut() = list;
        if !self.reading.get().active() {
            return;
        }
        let me = self.me.clone();
        let done = Closure::<dyn FnMut(bool)>::new(move |ok: bool| {
            if let Some(me) = me.upgrade() {
                if ok {
                    me.next_sentence();
                } else {
                    me.stop();
                }
            }
        });
        let me = self.me.clone();
        let media = Closure::<dyn FnMut(String)>::new(move |action: String| {
            if let Some(me) = me.upgrade() {
                me.on_media_action(&action);
            }
        });
        let title = self.title.text_content().unwrap_or_default();
        media_session(Some(title.trim()), Some(media.as_ref().unchecked_ref()));
        *self.while_reading.borrow_mut() =
            WhileReading { _listeners: self.watch_the_reader(), done: Some(done), _media: Some(media) };
        self.set_following(true);
        self.status.set_text_content(None);
        self.speak_current();
    }

    /// Stops reading: speech cancelled, the highlight's range removed, the controls hidden, every
    /// listener and the media session's handlers let go (detached before their closures are
    /// dropped).
    pub(crate) fn stop(&self) {
        let was = self.reading.get().active();
        self.reading.set(Reading::default());
        if was {
            cancel(&synthesis());
            media_session(None, None);
        }
        drop(std::mem::take(&mut *self.while_reading.borrow_mut()));
        self.waiting.borrow_mut().take();
        self.offered_start.borrow_mut().take();
        self.unhighlight();
        *self.blocks.borrow_mut() = Array::new();
        *self.sentences.borrow_mut() = (u32::MAX, Vec::new());
        self.suspended.set(false);
        self.show_state(None);
        READING.with(|current| {
            if std::ptr::eq(current.borrow().as_ptr(), self) {
                *current.borrow_mut() = Weak::new();
            }
        });
    }

    /// The lock screen's controls.
    fn on_media_action(&self, action: &str) {
        let playback = self.reading.get().playback;
        let command = match action {
            "play" if playback == Playback::Paused => Command::Pause,
            "pause" if playback == Playback::Playing => Command::Pause,
            "stop" => Command::Stop,
            "previoustrack" => Command::Previous,
            "nexttrack" => Command::Next,
            _ => return,
        };
        let scroller = self.scroller.borrow().clone();
        self.command(command, None, scroller, self.reading_line.get());
    }

    fn toggle_pause(&self) {
        let reading = self.reading.get().toggle_pause();
        self.reading.set(reading);
        let synth = synthesis();
        if reading.playback == Playback::Paused {
            pause(&synth);
            self.suspended.set(true);
        } else if self.suspended.get() {
            resume(&synth);
            self.suspended.set(false);
        } else {
            self.speak_current();
        }
        self.show_playback();
    }

    /// Pauses when the page is hidden (platforms stop speech then), so that resume works.
    fn pause_if_playing(&self) {
        if self.reading.get().playback == Playback::Playing {
            self.toggle_pause();
        }
    }

    /// Moves to `reading` (another block, or the same sentence at a new rate): speaks there, or,
    /// paused, shows it and waits.
    fn jump(&self, reading: Reading) {
        cancel(&synthesis());
        self.suspended.set(false);
        if !self.move_to(reading) {
            return;
        }
        if reading.playback == Playback::Playing {
            self.speak_current();
        } else {
            self.highlight_current();
            self.set_following(true);
            self.follow();
        }
    }

    fn set_rate(&self, rate: Rate) {
        self.rate.set(rate);
        if let Some(key) = &self.storage_key {
            crate::prefs::save_text(key, (rate != Rate::NORMAL).then_some(rate.name()));
        }
        self.show_rate();
        // The sentence being read starts again at the new rate.
        self.jump(self.reading.get());
    }

    /// Speaks the sentence at the cursor, skipping blocks with nothing to read; stops after
    /// the last.
    fn speak_current(&self) {
        let Some((block, start, end)) = self.current_sentence() else {
            self.stop();
            return;
        };
        self.highlight_current();
        self.follow();
        self.suspended.set(false);
        self.show_playback();
        let text = text_of(&self.blocks.borrow(), block, start, end);
        let while_reading = self.while_reading.borrow();
        let Some(done) = while_reading.done.as_ref() else { return };
        speak(
            &synthesis(),
            &text,
            &self.lang.borrow(),
            self.rate.get().value(),
            self.voice.get(),
            done.as_ref().unchecked_ref(),
        );
    }

    fn next_sentence(&self) {
        let count = self.sentences.borrow().1.len() / 2;
        let reading = self.reading.get().advance(count);
        if self.move_to(reading) && reading.playback == Playback::Playing {
            self.speak_current();
        }
    }

    /// Makes `reading` the place read; false (and reading stopped) when it is past the end.
    fn move_to(&self, reading: Reading) -> bool {
        if !reading.active() {
            self.stop();
            return false;
        }
        self.reading.set(reading);
        true
    }

    /// The block and the span of the sentence at the cursor, moving past blocks that have none.
    fn current_sentence(&self) -> Option<(u32, u32, u32)> {
        loop {
            let reading = self.reading.get();
            if !reading.active() {
                return None;
            }
            let block = reading.cursor.block as u32;
            self.segment(block);
            let at = reading.cursor.sentence * 2;
            if let Some([start, end]) = self.sentences.borrow().1.get(at..at + 2) {
                return Some((block, *start, *end));
            }
            self.reading.set(reading.next_block());
        }
    }

    /// Finds the sentences of `block`, unless they are known.
    fn segment(&self, block: u32) {
        if self.sentences.borrow().0 == block {
            return;
        }
        let spans = sentences(&self.blocks.borrow(), block, &self.lang.borrow()).to_vec();
        *self.sentences.borrow_mut() = (block, spans);
    }

    /// Puts the widget's range in the page's highlight over the sentence at the cursor.
    fn highlight_current(&self) {
        self.unhighlight();
        let Some((block, start, end)) = self.current_sentence() else { return };
        let range = range_of(&self.blocks.borrow(), block, start, end);
        if let Some(range) = &range {
            highlight(READING_HIGHLIGHT, range, true);
        }
        *self.range.borrow_mut() = range;
    }

    fn unhighlight(&self) {
        if let Some(range) = self.range.borrow_mut().take() {
            highlight(READING_HIGHLIGHT, &range, false);
        }
    }

    /// Scrolls the sentence being read into view, if it is out of it and the view follows.
    fn follow(&self) {
        if !self.following.get() {
            return;
        }
        // A scroll of ours that never happened (the page was already at its end) must not leave
        // the reader's next scroll taken for ours; by the next sentence, ours is over.
        self.scrolling.set(false);
        let Some(range) = self.range.borrow().clone() else { return };
        let rect = range.get_bounding_client_rect();
        let scroller = self.scroller.borrow().clone();
        let (top, bottom) = scroll::visible_span(scroller.as_ref());
        let line = top + self.reading_line.get();
        if rect.top() >= line && rect.bottom() <= bottom {
            return;
        }
        // A third of the way down what the bar leaves visible.
        let dy = rect.top() - (line + (bottom - line) / 3.0);
        self.scrolling.set(true);
        scroll::by_with(scroller.as_ref(), dy, scroll::behavior());
    }

    fn set_following(&self, following: bool) {
        self.following.set(following);
        if let Some(button) = self.control(FOLLOW) {
            let _ = button.toggle_attribute_with_force("hidden", following);
        }
    }

    /// While reading: a scroll the reader makes (wheel, touch, keys, or any scroll the widget did
    /// not start) stops following; a hidden page pauses.
    fn watch_the_reader(&self) -> Vec<EventListener> {
        let Some(window) = web_sys::window() else { return Vec::new() };
        let mut listeners = Vec::new();
        let watch = |target: &web_sys::EventTarget, name: &'static str, f: fn(&ReadAloud, &Event)| {
            let me = self.me.clone();
            let options = EventListenerOptions::run_in_capture_phase();
            EventListener::new_with_options(target, name, options, move |event| {
                if let Some(me) = me.upgrade() {
                    f(&me, event);
                }
            })
        };
        for name in ["wheel", "touchmove"] {
            listeners.push(watch(&window, name, |me, _| me.scrolled_away()));
        }
        listeners.push(watch(&window, "keydown", |me, event| {
            let event: &KeyboardEvent = event.unchecked_ref();
            let key = event.key();
            let scrolls =
                matches!(key.as_str(), "PageUp" | "PageDown" | "ArrowUp" | "ArrowDown" | "Home" | "End" | " ");
            // Keys a control handles itself (the toolbar's arrows) have their default prevented.
            if scrolls && !event.default_prevented() && !me.in_widget(event) {
                me.scrolled_away();
            }
        }));
        let target: web_sys::EventTarget = match self.scroller.borrow().clone() {
            Some(element) => element.into(),
            None => window.clone().into(),
        };
        listeners.push(watch(&target, "scroll", |me, _| {
            if !me.scrolling.get() {
                me.scrolled_away();
            }
        }));
        listeners.push(watch(&target, "scrollend", |me, _| me.scrolling.set(false)));
        if let Some(document) = window.document() {
            listeners.push(watch(&document, "visibilitychange", |me, _| {
                let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
                if hidden {
                    me.pause_if_playing();
                }
            }));
        }
        listeners
    }

    /// Whether `event` comes from a control of this widget's bar (whose keys move focus).
    fn in_widget(&self, event: &Event) -> bool {
        let path = event.composed_path();
        self.strip.as_ref().is_some_and(|strip| path.includes(strip, 0))
            || self.toggle.as_ref().is_some_and(|toggle| path.includes(toggle, 0))
    }

    fn scrolled_away(&self) {
        self.scrolling.set(false);
        if self.following.get() {
            self.set_following(false);
        }
    }

    /// The control whose `data-action` is `selector`'s (one of the selectors below).
    fn control(&self, selector: &str) -> Option<Element> {
        self.strip.as_ref()?.query_selector(selector).ok().flatten()
    }

    fn strip_status(&self) -> Option<Element> {
        self.strip.as_ref()?.query_selector(concatcp!(".", class::LISTEN_STATUS)).ok().flatten()
    }

    /// Shows the controls in `state` (a [`listen`] value), or hides them (None).
    fn show_state(&self, state: Option<&str>) {
        let Some(strip) = &self.strip else { return };
        let _ = match state {
            Some(state) => strip.set_attribute(attr::DATA_LISTEN, state),
            None => strip.remove_attribute(attr::DATA_LISTEN),
        };
        if state != Some(listen::NO_VOICE) {
            if let Some(status) = self.strip_status() {
                status.set_text_content(None);
            }
        }
        strip.set_hidden(state.is_none());
        let reading = matches!(state, Some(listen::PLAYING | listen::PAUSED));
        if let Some(toggle) = &self.toggle {
            let pressed = reading || state == Some(listen::NO_VOICE);
            let _ = toggle.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
        if reading {
            self.show_rate();
        }
    }

    fn show_playback(&self) {
        let paused = self.reading.get().playback == Playback::Paused;
        self.show_state(Some(if paused { listen::PAUSED } else { listen::PLAYING }));
        if let Some(button) = self.control(PAUSE) {
            let _ = button.set_attribute("aria-pressed", if paused { "true" } else { "false" });
        }
        playback_state(if paused { "paused" } else { "playing" });
    }

    fn show_rate(&self) {
        let Some(button) = self.control(SPEED) else { return };
        let rate = self.rate.get().label();
        button.set_text_content(Some(rate));
        // Its name: "Speed {rate}" (kept in data-label) with the rate in place.
        if let Some(words) = button.get_attribute(attr::DATA_LABEL) {
            let _ = button.set_attribute("aria-label", &words.replace("{rate}", rate));
        }
    }
}

/// The command a key asks for while focus is in the widget: `L` listens (or pauses and resumes),
/// and while listening `N`/`P` the next/previous paragraph, `>`/`<` faster/slower, `F` follow, `S`
/// stop. Nothing with Ctrl, Alt or Meta, or in a text field.
pub(crate) fn shortcut(event: &Event, read_aloud: &ReadAloud) -> Option<Command> {
    if !read_aloud.available {
        return None;
    }
    let event: &KeyboardEvent = event.unchecked_ref();
    if event.ctrl_key() || event.alt_key() || event.meta_key() || event.default_prevented() {
        return None;
    }
    let target = event.composed_path().get(0);
    // Not dyn_into: the element may belong to another window (a widget in a same-origin iframe).
    let in_field = target.is_object()
        && target
            .unchecked_ref::<Element>()
            .closest("input, textarea, select, [contenteditable]")
            .ok()
            .flatten()
            .is_some();
    if in_field {
        return None;
    }
    let reading = read_aloud.reading.get();
    let command = match event.key().as_str() {
        "l" | "L" if reading.active() => Command::Pause,
        "l" | "L" => Command::Toggle,
        _ if !reading.active() => return None,
        "n" | "N" => Command::Next,
        "p" | "P" => Command::Previous,
        ">" => Command::Faster(1),
        "<" => Command::Faster(-1),
        "f" | "F" => Command::Follow,
        "s" | "S" => Command::Stop,
        _ => return None,
    };
    event.prevent_default();
    Some(command)
}

/// The command a click on a read-aloud control asks for (its `data-action`).
pub(crate) fn command_for(action_name: &str) -> Option<Command> {
    Some(match action_name {
        action::LISTEN => Command::Toggle,
        action::LISTEN_CONTINUE => Command::Start,
        action::LISTEN_PAUSE => Command::Pause,
        action::LISTEN_PREVIOUS => Command::Previous,
        action::LISTEN_NEXT => Command::Next,
        action::LISTEN_SPEED => Command::Speed,
        action::LISTEN_STOP => Command::Stop,
        action::LISTEN_FOLLOW => Command::Follow,
        _ => return None,
    })
}
