//! The chrome's controls: what a click or a key inside the widget asks for, the toolbar's arrow
//! keys, the sections disclosure of narrow layouts, and the back-to-top button.
//!
//! Clicks and keys are handled by one delegated listener each on the shadow root; this module
//! turns the event into an [`Action`] and leaves carrying it out to the instance.

use crate::scroll;
use crate::view::{elements, View};
use const_format::concatcp;
use reading_widget_core::markup_names::{action, attr, class, nav};
use reading_widget_core::settings::{FontStep, Lang};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

/// What the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    SetStep(FontStep),
    Smaller,
    Larger,
    ToggleNav,
    CloseNav,
    BackToTop,
    /// Copy a link to the section with this id (the button beside its heading).
    CopyLink(String),
    /// Go to the section the offer to continue reading names.
    Resume,
    /// Turn that offer down.
    DismissResume,
    /// Turn down the offer of the reader's own language.
    DismissOffer,
    /// Show another edition (a switcher link): in place in a widget that renders Markdown, else
    /// the link is followed.
    ShowEdition {
        lang: Lang,
        url: String,
    },
    /// Show another part of the series (its previous/next link), likewise.
    ShowPart {
        url: String,
    },
    /// Open or close the reading settings' panel.
    ToggleSettings,
    /// Close it, focus back on its button.
    CloseSettings,
    /// Put every reading setting back to the partner's defaults.
    ResetSettings,
    /// The reader chose a reading setting's value (a radio of the panel): both by name.
    ChooseSetting {
        key: String,
        value: String,
    },
    /// A read-aloud control (or the bar's "Listen").
    Listen(crate::read_aloud::Command),
    /// Follow an in-article link (`#id`); `from_nav` when it is an entry of the navigation.
    GoTo {
        id: String,
        from_nav: bool,
    },
}

/// The element an event inside the shadow root came from. Not `dyn_into`: in a widget mounted
/// into a same-origin iframe the element belongs to that frame's window.
fn target_element(event: &Event) -> Option<Element> {
    let target = event.target()?;
    let is_element = js_sys::Reflect::get(&target, &JsValue::from_str("nodeType")).ok()?.as_f64() == Some(1.0);
    is_element.then(|| target.unchecked_into())
}

/// The action a click asks for. Fragment links inside a shadow root are not followed by the
/// browser, so their default is prevented and the widget follows them itself; other links
/// navigate as usual.
pub(crate) fn on_click(event: &Event) -> Option<Action> {
    let control = target_element(event)?.closest("button, a[href]").ok()??;
    if control.tag_name() == "A" {
        // The link's address as the browser resolved it; the instance decides whether to follow.
        let url = || js_sys::Reflect::get(&control, &JsValue::from_str("href")).ok().and_then(|v| v.as_string());
        if let Some(lang) = control.get_attribute(attr::DATA_EDITION).and_then(|tag| Lang::from_tag(&tag)) {
            return Some(Action::ShowEdition { lang, url: url()? });
        }
        if control.has_attribute(attr::DATA_PART) {
            return Some(Action::ShowPart { url: url()? });
        }
        let href = control.get_attribute("href").unwrap_or_default();
        let raw = href.strip_prefix('#')?;
        event.prevent_default();
        let from_nav = control.closest(concatcp!(".", class::TOC)).ok().flatten().is_some();
        return Some(Action::GoTo { id: decode_fragment(raw), from_nav });
    }
    if let Some(step) = control.get_attribute(attr::DATA_STEP) {
        return step.parse::<u8>().ok().and_then(|n| FontStep::from_number(n.into())).map(Action::SetStep);
    }
    match control.get_attribute(attr::DATA_ACTION)?.as_str() {
        action::DECREASE => Some(Action::Smaller),
        action::INCREASE => Some(Action::Larger),
        action::TOGGLE_NAV => Some(Action::ToggleNav),
        action::TOP => Some(Action::BackToTop),
        action::COPY_LINK => control.get_attribute(attr::DATA_SECTION).map(Action::CopyLink),
        action::RESUME => Some(Action::Resume),
        action::DISMISS_RESUME => Some(Action::DismissResume),
        action::TOGGLE_SETTINGS => Some(Action::ToggleSettings),
        action::RESET_SETTINGS => Some(Action::ResetSettings),
        action::DISMISS_OFFER => Some(Action::DismissOffer),
        other => crate::read_aloud::command_for(other).map(Action::Listen),
    }
}

/// Arrow keys, Home and End move between the toolbar's buttons (the ARIA toolbar pattern), here;
/// Escape asks to close an open sections disclosure.
pub(crate) fn on_keydown(event: &Event, view: &View) -> Option<Action> {
    // Only ever registered for "keydown", so this is a KeyboardEvent (of whichever window).
    let event: &KeyboardEvent = event.unchecked_ref();
    let target = target_element(event)?;
    if event.key() == "Escape" {
        let in_settings = concatcp!(".", class::SETTINGS, ", .", class::SETTINGS_TOGGLE);
        if target.closest(in_settings).ok().flatten().is_some() {
            return Some(Action::CloseSettings);
        }
        if nav_open(view) {
            return Some(Action::CloseNav);
        }
    }
    let toolbar = target.closest("[role=toolbar]").ok()??;
    let buttons = elements(toolbar.query_selector_all("button:not([disabled])"));
    let at = buttons.iter().position(|b| b == &target)?;
    let next = match event.key().as_str() {
        "ArrowRight" | "ArrowDown" => (at + 1) % buttons.len(),
        "ArrowLeft" | "ArrowUp" => (at + buttons.len() - 1) % buttons.len(),
        "Home" => 0,
        "End" => buttons.len() - 1,
        _ => return None,
    };
    event.prevent_default();
    let _ = buttons[next].unchecked_ref::<HtmlElement>().focus();
    None
}

/// The reading setting a radio of the panel was switched to (a `change` event).
pub(crate) fn on_change(event: &Event) -> Option<Action> {
    let input = target_element(event)?;
    input.closest(concatcp!(".", class::SETTINGS)).ok()??;
    Some(Action::ChooseSetting { key: input.get_attribute("name")?, value: input.get_attribute("value")? })
}

/// The id a URL fragment names (`%ED%95%9C` → `한`); a malformed escape is taken as written.
pub(crate) fn decode_fragment(raw: &str) -> String {
    js_sys::decode_uri_component(raw).ok().and_then(|s| s.as_string()).unwrap_or_else(|| raw.to_owned())
}

/// Opens or closes the sections disclosure (narrow layouts). Closing it from the keyboard
/// returns focus to its button.
pub(crate) fn set_nav_open(view: &View, open: bool, refocus: bool) {
    view.set_state(attr::DATA_NAV, Some(if open { nav::OPEN } else { nav::CLOSED }));
    if let Some(toggle) = &view.toggle {
        let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
        if refocus {
            let _ = toggle.unchecked_ref::<HtmlElement>().focus();
        }
    }
}

pub(crate) fn nav_open(view: &View) -> bool {
    view.frame.get_attribute(attr::DATA_NAV).as_deref() == Some(nav::OPEN)
}

/// Scrolls to the top of the widget and puts focus on the title, where a screen-reader user
/// expects to be after "back to top".
pub(crate) fn back_to_top(view: &View) {
    scroll::to_top_of(&view.frame, scroll::behavior());
    focus_without_scrolling(&view.title);
}

/// Shows the back-to-top button once the reader is past the first screen.
pub(crate) fn set_back_to_top_visible(view: &View, visible: bool) {
    view.to_top.set_hidden(!visible);
}

/// Focuses `element` (made focusable by script if it is not) without scrolling to it.
pub(crate) fn focus_without_scrolling(element: &HtmlElement) {
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}
