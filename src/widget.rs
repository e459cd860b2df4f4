//! The JS handle of a mounted widget, returned by `mount()`: what a partner's script can ask of
//! it, with errors that say what was wrong.

use crate::boundary::describe;
use crate::instance::Instance;
use crate::{controls, edition_links, registry, scroll};
use reading_widget_core::quote::quoted;
use reading_widget_core::settings::{Font, FontStep, Lang, LineSpacing, Setting, Theme, Width};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A reading widget mounted on an element. Returned by `mount()`.
#[wasm_bindgen]
pub struct Widget {
    /// The instance it speaks for; moved on to its successor when another edition or part
    /// was shown in place.
    instance: std::cell::RefCell<Rc<Instance>>,
}

impl Widget {
    pub(crate) fn new(instance: Rc<Instance>) -> Widget {
        Widget { instance: std::cell::RefCell::new(instance) }
    }

    /// The instance, or an Error saying that `method` was called on a destroyed widget.
    ///
    /// After another edition or part was shown in place, the handle speaks for the instance
    /// that shows it (each instance names its successor).
    fn live(&self, method: &str) -> Result<Rc<Instance>, JsError> {
        let mut current = self.instance.borrow().clone();
        while !current.alive() {
            let next = current.switching.successor.borrow().clone();
            match next {
                Some(next) => current = next,
                None => {
                    return Err(JsError::new(&format!(
                        "{method}: this widget was destroyed; call mount() again to show it"
                    )))
                }
            }
        }
        // The handle moves on, so the instances it passed over can be freed.
        *self.instance.borrow_mut() = current.clone();
        Ok(current)
    }
}

#[wasm_bindgen]
impl Widget {
    /// The current text-size step, 1–5 (3 is the page's own size).
    #[wasm_bindgen(getter, js_name = fontStep, unchecked_return_type = "1 | 2 | 3 | 4 | 5")]
    pub fn font_step(&self) -> Result<u8, JsError> {
        Ok(self.live("fontStep")?.text_size.step().get())
    }

    /// Sets the text-size step (an integer from 1 to 5), keeping the reader's place.
    #[wasm_bindgen(js_name = setFontStep)]
    pub fn set_font_step(
        &self,
        #[wasm_bindgen(unchecked_param_type = "1 | 2 | 3 | 4 | 5")] step: JsValue,
    ) -> Result<(), JsError> {
        let instance = self.live("setFontStep")?;
        let step = match step.as_f64() {
            Some(n) => FontStep::from_number(n),
            None => None,
        }
        .ok_or_else(|| {
            JsError::new(&format!("setFontStep: step must be an integer from 1 to 5, not {}", describe(&step)))
        })?;
        instance.set_step(step);
        Ok(())
    }

    /// The reading settings the widget shows: `{ fontStep, theme, lineSpacing, width, font }`,
    /// each the reader's choice, else the partner's default (`null` where neither chose one and
    /// the partner's CSS decides).
    #[wasm_bindgen(unchecked_return_type = "ReadingSettings")]
    pub fn settings(&self) -> Result<JsValue, JsError> {
        let instance = self.live("settings")?;
        let object = instance.reading_settings.to_js();
        let _ = js_sys::Reflect::set(&object, &"fontStep".into(), &instance.text_size.step().get().into());
        Ok(object)
    }

    /// Changes reading settings as the reader would, keeping their place and remembering them:
    /// any of `fontStep` (1–5), `theme`, `lineSpacing`, `width`, `font` (a value's name, or
    /// `null` to go back to the partner's default). Settings the partner does not offer are left
    /// as they are. Throws an `Error` naming a key or value that is not allowed; then nothing
    /// changes.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<ReadingSettings>")] settings: JsValue,
    ) -> Result<(), JsError> {
        let instance = self.live("setSettings")?;
        let fail = |message: String| JsError::new(&format!("setSettings: {message}"));
        if !settings.is_object() || crate::options::is_array(&settings) {
            return Err(fail(format!(
                "settings must be an object such as {{ theme: \"dark\" }}, not {}",
                describe(&settings)
            )));
        }
        const KEYS: [&str; 5] = ["fontStep", "theme", "lineSpacing", "width", "font"];
        let settings =
            crate::options::plain_copy(&settings).map_err(|e| fail(format!("settings could not be read: {e}")))?;
        let keys = js_sys::Object::keys(settings.unchecked_ref::<js_sys::Object>());
        let mut chosen = instance.reading_settings.chosen();
        let mut step = None;
        for key in keys.iter().filter_map(|k| k.as_string()) {
            let value = js_sys::Reflect::get(&settings, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
            let field = format!("settings.{key}");
            if key == "fontStep" {
                step = Some(value.as_f64().and_then(FontStep::from_number).ok_or_else(|| {
                    fail(format!("{field}: must be {}, not {}", FontStep::EXPECTED, describe(&value)))
                })?);
                continue;
            }
            let (setting, expected) = match key.as_str() {
                "theme" => (Setting::Theme, Theme::EXPECTED),
                "lineSpacing" => (Setting::LineSpacing, LineSpacing::EXPECTED),
                "width" => (Setting::Width, Width::EXPECTED),
                "font" => (Setting::Font, Font::EXPECTED),
                _ => return Err(fail(format!("unknown key {}; the keys are {}", quoted(&key), KEYS.join(", ")))),
            };
            if value.is_null() || value.is_undefined() {
                match setting {
                    Setting::Theme => chosen.theme = None,
                    Setting::LineSpacing => chosen.line_spacing = None,
                    Setting::Width => chosen.width = None,
                    _ => chosen.font = None,
                }
                continue;
            }
            let name = value.as_string().unwrap_or_default();
            if !chosen.set_by_name(setting.name(), &name) {
                return Err(fail(format!("{field}: must be {expected} or null, not {}", describe(&value))));
            }
        }
        if let Some(step) = step {
            instance.set_step(step);
        }
        instance.set_display(chosen);
        Ok(())
    }

    /// The article's sections (h2 and h3), in order.
    #[wasm_bindgen(unchecked_return_type = "Section[]")]
    pub fn sections(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(self.live("sections")?.sections.sections())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Scrolls to the section with this id (see `sections()`).
    #[wasm_bindgen(js_name = scrollToSection)]
    pub fn scroll_to_section(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<(), JsError> {
        let instance = self.live("scrollToSection")?;
        let Some(id) = id.as_string() else {
            return Err(JsError::new(&format!("scrollToSection: id must be a string, not {}", describe(&id))));
        };
        let sections = instance.sections.sections();
        let index = instance.sections.index_of(&id).ok_or_else(|| {
            let known: Vec<_> = sections.iter().take(8).map(|s| quoted(&s.id)).collect();
            let more = if sections.len() > 8 { ", …" } else { "" };
            let shown: String = id.chars().take(80).collect();
            let cut = if shown.len() < id.len() { "…" } else { "" };
            JsError::new(&format!(
                "scrollToSection: no section has id {}{cut}; ids are {}{more}",
                quoted(&shown),
                known.join(", ")
            ))
        })?;
        instance.go_to_section(index, scroll::behavior(), false);
        Ok(())
    }

    /// Scrolls to the top of the widget and focuses the title.
    #[wasm_bindgen(js_name = scrollToTop)]
    pub fn scroll_to_top(&self) -> Result<(), JsError> {
        controls::back_to_top(&self.live("scrollToTop")?.view);
        Ok(())
    }

    /// Removes the widget: its markup, stylesheet, listeners and observers. The element can be
    /// mounted again. Calling it twice is harmless; any other call on this handle afterwards
    /// throws an `Error` saying that the widget was destroyed.
    pub fn destroy(&self) {
        if let Ok(current) = self.live("destroy") {
            registry::destroy(&current);
        }
        registry::destroy(&self.instance.borrow());
    }

    /// The article's language editions: `{ lang, url, current }` for each, in the order en, ko,
    /// ja; empty when the front matter names none.
    #[wasm_bindgen(unchecked_return_type = "{ lang: Lang; url: string; current: boolean }[]")]
    pub fn editions(&self) -> Result<JsValue, JsError> {
        Ok(edition_links::list(&self.live("editions")?.view))
    }

    /// Shows the edition in `lang` ("en", "ko" or "ja"): in place, at the matching section, in a
    /// widget that renders Markdown (fetched as `src` is); by following its link in a
    /// pre-rendered one. The promise settles once it is shown, and is rejected with an Error
    /// that says why it could not be.
    #[wasm_bindgen(js_name = showEdition, unchecked_return_type = "Promise<void>")]
    pub fn show_edition(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Lang")] lang: JsValue,
    ) -> Result<js_sys::Promise, JsError> {
        let instance = self.live("showEdition")?;
        let tag = lang.as_string();
        let parsed = tag.as_deref().and_then(Lang::from_tag);
        let listed: Vec<String> = {
            let list = edition_links::list(&instance.view);
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|e| js_sys::Reflect::get(&e, &JsValue::from_str("lang")).ok()?.as_string())
                .map(|tag| quoted(&tag))
                .collect()
        };
        let Some((lang, link)) = parsed.and_then(|lang| Some((lang, edition_links::link_for(&instance.view, lang)?)))
        else {
            let allowed =
                if listed.is_empty() { "none: the article names no editions".to_owned() } else { listed.join(", ") };
            let message =
                format!("showEdition: lang must be one of the article's editions, {allowed}; not {}", describe(&lang));
            // A promise-returning method reports through its promise.
            return Ok(js_sys::Promise::reject(&JsError::new(&message).into()));
        };
        if link.has_attribute("aria-current") {
            return Ok(js_sys::Promise::resolve(&JsValue::UNDEFINED));
        }
        let url = js_sys::Reflect::get(&link, &JsValue::from_str("href"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        #[cfg(feature = "markdown")]
        if instance.shows_in_place() {
            return Ok(crate::edition_switch::show(&instance, crate::edition_switch::Target::Edition(lang), &url));
        }
        let _ = lang;
        // A pre-rendered widget: its editions are pages of their own.
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&url);
        }
        Ok(js_sys::Promise::resolve(&JsValue::UNDEFINED))
    }

    /// The same as `destroy()`, and what `using widget = mount(…)` calls (through
    /// `[Symbol.dispose]`) when the block ends: the widget leaves the screen.
    //
    // wasm-bindgen gives every exported class a `free()` that releases the Rust value at once and
    // zeroes the handle, so that a later call reaches Rust with a null pointer and throws
    // wasm-bindgen's own "null pointer passed to rust". This method is emitted after that one in
    // the class body, so it takes its place (and `[Symbol.dispose]`, which wasm-bindgen points at
    // `free` after the class): the handle stays valid and a later call says the widget was
    // destroyed. Its memory is released when JS garbage-collects it (wasm-bindgen's
    // FinalizationRegistry), as for any handle. scripts/package-types.mjs drops the generated
    // declaration that this one repeats.
    #[wasm_bindgen(js_name = free)]
    pub fn free_handle(&self) {
        self.destroy();
    }
}
