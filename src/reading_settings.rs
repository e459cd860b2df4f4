//! The reader's display settings besides the text size (theme, line spacing, measure, font): the
//! panel that offers them, which of them the partner offers and what it sets as defaults, and
//! remembering the reader's choices.
//!
//! The reader's choice wins over the partner's default; a setting that is not offered keeps the
//! partner's. Changing one keeps the reader's place as the text size does (text_size.rs).

use crate::held_place::HeldPlace;
use crate::text_size::keeping_place;
use crate::view::{elements, View};
use crate::{controls, prefs};
use const_format::concatcp;
use reading_widget_core::markup_names::{attr, class};
use reading_widget_core::settings::{Display, Font, LineSpacing, Offered, Setting, Theme, Width};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// One widget's display settings.
pub(crate) struct ReadingSettings {
    /// The partner's defaults (its options or attributes, or what the markup was rendered with).
    defaults: Display,
    /// What the reader chose, of what is offered.
    chosen: Cell<Display>,
    offered: Offered,
    /// The localStorage key (None: remember nothing).
    storage_key: Option<String>,
}

/// The key the settings are stored under, beside the text size's own.
fn key_for(storage_key: &str) -> String {
    format!("{storage_key}:settings")
}

impl ReadingSettings {
    /// The settings with the partner's `defaults` and `offered`, and the reader's stored choice
    /// under `storage_key` (None: nothing is read or remembered).
    pub(crate) fn new(defaults: Display, offered: Offered, storage_key: Option<&str>) -> ReadingSettings {
        let storage_key = storage_key.map(key_for);
        let stored = storage_key.as_deref().and_then(prefs::load_text).map(|text| Display::from_stored(&text));
        let settings = ReadingSettings { defaults, chosen: Cell::new(Display::default()), offered, storage_key };
        settings.chosen.set(settings.offered_only(stored.unwrap_or_default()));
        settings
    }

    /// `display` without the settings that are not offered.
    fn offered_only(&self, display: Display) -> Display {
        let has = |s| self.offered.has(s);
        Display {
            theme: display.theme.filter(|_| has(Setting::Theme)),
            line_spacing: display.line_spacing.filter(|_| has(Setting::LineSpacing)),
            width: display.width.filter(|_| has(Setting::Width)),
            font: display.font.filter(|_| has(Setting::Font)),
        }
    }

    /// What the widget shows: the reader's choices over the partner's defaults.
    pub(crate) fn current(&self) -> Display {
        self.chosen.get().over(self.defaults)
    }

    /// Puts the current settings on the frame and in the panel, and shows only the controls of
    /// what is offered. Laid out before the reader sees it: no place to keep.
    pub(crate) fn show(&self, view: &View) {
        apply(view, self.current());
        for fieldset in all(view, concatcp!(".", class::SETTING)) {
            let setting = fieldset.get_attribute(attr::DATA_SETTING).and_then(|name| Setting::from_name(&name));
            let _ = fieldset.toggle_attribute_with_force("hidden", !setting.is_some_and(|s| self.offered.has(s)));
        }
        for (selector, shown) in [
            (concatcp!(".", class::SETTINGS_TOGGLE), self.offered.has_panel()),
            (concatcp!(".", class::SIZES), self.offered.has(Setting::Size)),
        ] {
            for element in all(view, selector) {
                let _ = element.toggle_attribute_with_force("hidden", !shown);
            }
        }
    }

    /// Sets the reader's choice to `chosen` (of what is offered), keeping the reader's place;
    /// remembers it and tells the page. Returns whether anything changed.
    pub(crate) fn choose(&self, chosen: Display, view: &View, scroller: Option<Element>, held: &Rc<HeldPlace>) -> bool {
        let before = self.current();
        self.chosen.set(self.offered_only(chosen));
        if let Some(key) = &self.storage_key {
            let stored = self.chosen.get().to_stored();
            prefs::save_text(key, (!stored.is_empty()).then_some(stored.as_str()));
        }
        let now = self.current();
        if now == before {
            sync_panel(view, now);
            return false;
        }
        keeping_place(view, scroller, held, || apply(view, now));
        view.emit("settingschange", "settings", &self.to_js());
        true
    }

    /// What the reader chose (not the partner's defaults).
    pub(crate) fn chosen(&self) -> Display {
        self.chosen.get()
    }

    /// The reader's choice with the setting called `key` set to the value called `value`.
    pub(crate) fn with_choice(&self, key: &str, value: &str) -> Option<Display> {
        let mut chosen = self.chosen.get();
        chosen.set_by_name(key, value).then_some(chosen)
    }

    /// `{ theme, lineSpacing, width, font }`, the names of what the widget shows (null where
    /// neither the reader nor the partner chose: the partner's CSS decides).
    pub(crate) fn to_js(&self) -> JsValue {
        let Display { theme, line_spacing, width, font } = self.current();
        let object = js_sys::Object::new();
        let name = |n: Option<&str>| n.map_or(JsValue::NULL, JsValue::from_str);
        for (key, value) in [
            ("theme", name(theme.map(Theme::name))),
            ("lineSpacing", name(line_spacing.map(LineSpacing::name))),
            ("width", name(width.map(Width::name))),
            ("font", name(font.map(Font::name))),
        ] {
            let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
        }
        object.into()
    }
}

/// The panel is open.
pub(crate) fn panel_open(view: &View) -> bool {
    panel(view).is_some_and(|panel| !panel.hidden())
}

/// Opens or closes the panel; closing it from the keyboard returns focus to its button.
pub(crate) fn set_panel_open(view: &View, open: bool, refocus: bool) {
    let Some(panel) = panel(view) else { return };
    panel.set_hidden(!open);
    if let Some(toggle) = all(view, concatcp!(".", class::SETTINGS_TOGGLE)).into_iter().next() {
        let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
        if refocus {
            let _ = toggle.unchecked_ref::<HtmlElement>().focus();
        }
    }
    if open {
        // Into the panel, at the group's checked radio or its first.
        let first = ["input:checked", "input"].iter().find_map(|s| panel.query_selector(s).ok().flatten());
        if let Some(first) = first {
            controls::focus_without_scrolling(first.unchecked_ref());
        }
    }
}

fn panel(view: &View) -> Option<HtmlElement> {
    view.root.query_selector(concatcp!(".", class::SETTINGS)).ok().flatten().map(JsCast::unchecked_into)
}

fn all(view: &View, selector: &str) -> Vec<Element> {
    elements(view.root.query_selector_all(selector))
}

/// Writes `display` onto the frame (and a light article's wrapper), where the stylesheets read
/// it, and into the panel.
fn apply(view: &View, display: Display) {
    view.set_state(attr::DATA_THEME, Some(display.theme.unwrap_or_default().name()));
    for (name, value) in [
        (attr::DATA_LINE_SPACING, display.line_spacing.map(LineSpacing::name)),
        (attr::DATA_WIDTH, display.width.map(Width::name)),
        (attr::DATA_FONT, display.font.map(Font::name)),
    ] {
        view.set_state(name, value);
    }
    sync_panel(view, display);
}

/// Checks each radio whose value is the setting's, and unchecks the others.
fn sync_panel(view: &View, display: Display) {
    let theme = display.theme.unwrap_or_default();
    for input in all(view, concatcp!(".", class::SETTINGS, " input")) {
        let (Some(key), Some(value)) = (input.get_attribute("name"), input.get_attribute("value")) else { continue };
        let current = match Setting::from_name(&key) {
            Some(Setting::Theme) => Some(theme.name()),
            Some(Setting::LineSpacing) => display.line_spacing.map(LineSpacing::name),
            Some(Setting::Width) => display.width.map(Width::name),
            Some(Setting::Font) => display.font.map(Font::name),
            Some(Setting::Size | Setting::Listen) | None => None,
        };
        let _ = js_sys::Reflect::set(&input, &JsValue::from_str("checked"), &JsValue::from(current == Some(&value)));
    }
}
