//! The JS handle of a mounted widget, returned by `mount()`: what a partner's script can ask of
//! it, with errors that say what was wrong.

use crate::boundary::describe;
use crate::instance::Instance;
use crate::{controls, registry, scroll};
use reading_widget_core::quote::quoted;
use reading_widget_core::settings::FontStep;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A reading widget mounted on an element. Returned by `mount()`.
#[wasm_bindgen]
pub struct Widget {
    instance: Rc<Instance>,
}

impl Widget {
    pub(crate) fn new(instance: Rc<Instance>) -> Widget {
        Widget { instance }
    }

    fn live(&self) -> Result<&Instance, JsError> {
        if self.instance.alive() {
            Ok(&self.instance)
        } else {
            Err(JsError::new("this widget was destroyed; call mount() again to show it"))
        }
    }
}

#[wasm_bindgen]
impl Widget {
    /// The current text-size step, 1–5.
    #[wasm_bindgen(getter, js_name = fontStep)]
    pub fn font_step(&self) -> u8 {
        self.instance.text_size.step().get()
    }

    /// Sets the text-size step (an integer from 1 to 5), keeping the reader's place.
    #[wasm_bindgen(js_name = setFontStep)]
    pub fn set_font_step(
        &self,
        #[wasm_bindgen(unchecked_param_type = "1 | 2 | 3 | 4 | 5")] step: JsValue,
    ) -> Result<(), JsError> {
        let instance = self.live()?;
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

    /// The article's sections (h2 and h3), in order.
    #[wasm_bindgen(unchecked_return_type = "Section[]")]
    pub fn sections(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(self.instance.sections.sections()).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Scrolls to the section with this id (see `sections()`).
    #[wasm_bindgen(js_name = scrollToSection)]
    pub fn scroll_to_section(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<(), JsError> {
        let instance = self.live()?;
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
        controls::back_to_top(&self.live()?.view);
        Ok(())
    }

    /// Removes the widget: its markup, stylesheet, listeners and observers. The element can be
    /// mounted again. Calling it twice is harmless.
    pub fn destroy(&self) {
        registry::destroy(&self.instance);
    }
}
