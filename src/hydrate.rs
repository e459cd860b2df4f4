//! Hydration: taking over a widget that a server pre-rendered into a declarative shadow root.
//!
//! Nothing is rendered again. The article's nodes stay the objects the parser made, so nothing
//! moves, and the reader's scroll position and focus are kept; the widget only finds its
//! elements, reads its outline and text size back from the markup, and starts listening. A
//! stored text size that differs from the pre-rendered one is applied once the browser has laid
//! the article out, keeping the reader's place.

use crate::boundary::{as_element, describe};
use crate::instance::Instance;
use crate::read_aloud::ReadAloud;
use crate::reading_settings::ReadingSettings;
use crate::resume::Resume;
use crate::sections::SectionTracker;
use crate::text_size::TextSize;
use crate::view::View;
use crate::{prefs, registry};
use reading_widget_core::markup_names::attr;
use reading_widget_core::settings::{
    Display, Font, LineSpacing, Offered, ScrollOffset, Setting, StorageKey, Theme, Width,
};
use std::rc::Rc;
use std::str::FromStr;
use wasm_bindgen::JsValue;

/// Takes over the pre-rendered widget in `target`'s shadow root. `scroll_offset` is the
/// element's `scroll-offset` (undefined, or pixels from 0 to 10000); `resume="off"` on the
/// element turns continue reading off (element.js reports other values).
pub(crate) fn hydrate(target: JsValue, scroll_offset: JsValue) -> Result<Rc<Instance>, String> {
    let description = describe(&target);
    let host = as_element(target).ok_or_else(|| format!("target must be an element, not {description}"))?;
    let offset = if scroll_offset.is_undefined() {
        ScrollOffset::default()
    } else {
        scroll_offset.as_f64().and_then(ScrollOffset::new).ok_or_else(|| {
            format!(
                "<reading-widget scroll-offset>: must be {}, not {}",
                ScrollOffset::EXPECTED,
                describe(&scroll_offset)
            )
        })?
    };
    let offset = offset.px();
    let (view, outline) = View::adopt(host).map_err(|e| format!("cannot take over the pre-rendered widget: {e}"))?;
    if offset > 0.0 {
        view.set_scroll_offset(offset);
    }
    let rendered = view.rendered_step().map_err(|e| format!("cannot take over the pre-rendered widget: {e}"))?;
    let key = StorageKey::DEFAULT.to_owned();
    let stored = prefs::load(&key).filter(|&step| step != rendered);
    let resume_on = view.host.get_attribute("resume").as_deref() != Some("off");
    let resume = Resume::new(Some(&key), &view, resume_on);
    let settings = reading_settings_of(&view)?;
    let read_aloud = ReadAloud::new(&view, settings.1.has(Setting::Listen), Some(&key));
    let settings = ReadingSettings::new(settings.0, settings.1, Some(&key));
    let offer = crate::language_offer::LanguageOffer::new(Some(&key), true);
    let text_size = TextSize::new(rendered, Some(key));
    let instance = Instance::new(view, text_size, settings, SectionTracker::new(outline), resume, offset, read_aloud);
    *instance.switching.offer.borrow_mut() = Some(offer);
    registry::start(&instance, move |instance| {
        if let Some(step) = stored {
            instance.set_step(step);
        }
    })
    .map_err(|e| format!("could not observe the page: {}", describe(&e)))?;
    Ok(instance)
}

/// The partner's reading-settings defaults and offer, from the element's attributes (`settings`,
/// `line-spacing`, `width`, `font`) and the theme the markup was rendered with; a bad value is
/// an error that names the attribute and what it allows.
fn reading_settings_of(view: &View) -> Result<(Display, Offered), String> {
    fn attribute<T: FromStr<Err = String>>(view: &View, name: &str) -> Result<Option<T>, String> {
        match view.host.get_attribute(name) {
            Some(value) => value.parse().map(Some).map_err(|e| format!("<reading-widget {name}>: {e}")),
            None => Ok(None),
        }
    }
    let theme = view.frame.get_attribute(attr::DATA_THEME).and_then(|name| Theme::from_name(&name));
    let defaults = Display {
        theme,
        line_spacing: attribute::<LineSpacing>(view, "line-spacing")?,
        width: attribute::<Width>(view, "width")?,
        font: attribute::<Font>(view, "font")?,
    };
    Ok((defaults, attribute::<Offered>(view, "settings")?.unwrap_or_default()))
}
