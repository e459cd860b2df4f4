//! Mounting: from a partner's target and options to a live, registered widget.
//!
//! Options are resolved against the article, the page and the reader's stored choice; the core
//! renders the markup; the view puts it into the shadow root; and the instance is wired to the
//! page before it is registered.

use crate::boundary::{as_element, describe, MountOptions};
use crate::instance::{with, Instance};
use crate::landing::HashFollow;
use crate::sections::SectionTracker;
use crate::text_size::TextSize;
use crate::view::View;
use crate::{prefs, registry};
use gloo_events::EventListener;
use reading_widget_core::i18n::Labels;
use reading_widget_core::settings::{FontStep, Lang, StorageKey};
use reading_widget_core::template::{self, Chrome};
use reading_widget_core::Article;
use std::cell::OnceCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The article compiled into the module (see build.rs).
const EMBEDDED_ARTICLE: &str = include_str!(concat!(env!("OUT_DIR"), "/article.md"));

thread_local! {
    // The embedded article is the same for every mount: render it once per page.
    static EMBEDDED: OnceCell<Rc<Article>> = const { OnceCell::new() };
}

/// Renders a widget into `target` with `options` (a JS object) and starts it.
pub(crate) fn mount(target: JsValue, options: JsValue) -> Result<Rc<Instance>, String> {
    let description = describe(&target);
    let host = as_element(target).ok_or_else(|| format!("target must be an element, not {description}"))?;
    let options = MountOptions::from_js(options)?;

    let article = match &options.markdown {
        Some(markdown) => Rc::new(reading_widget_core::render(markdown).map_err(|e| format!("options.markdown: {e}"))?),
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
    let step = options.font_step.or_else(|| storage_key.as_deref().and_then(prefs::load)).unwrap_or(FontStep::DEFAULT);
    let labels = Labels::with_overrides(lang, &options.labels.unwrap_or_default());
    let markup = template::markup(&Chrome {
        article: &article,
        labels: &labels,
        lang,
        theme: options.theme.unwrap_or_default(),
        step,
    });

    // Mounting over a live widget replaces it, as re-rendering frameworks expect.
    registry::destroy_on(&host);
    let ids: Vec<&str> = article.outline.iter().map(|s| s.id.as_str()).collect();
    let view = View::render(host, &markup, &ids)?;
    if let Some(offset) = options.scroll_offset {
        let _ = view.frame.style().set_property("--rw-scroll-offset", &format!("{}px", offset.0));
    }
    let offset = options.scroll_offset.map_or(0.0, |o| o.0);
    let instance =
        Instance::new(view, TextSize::new(step, storage_key), SectionTracker::new(article.outline.clone()), offset);
    start(&instance).map_err(|e| format!("could not observe the page: {}", describe(&e)))?;
    registry::register(&instance);
    Ok(instance)
}

/// Wires a rendered instance to the page: its controls now, the address when it changes, and
/// the rest once the browser has laid it out.
fn start(instance: &Rc<Instance>) -> Result<(), JsValue> {
    instance.listen();
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let weak = Rc::downgrade(instance);
    instance.keep_listener(EventListener::new(&window, "hashchange", move |_| {
        with(&weak, |instance| registry::follow_address(instance, HashFollow::Change));
    }));
    instance.settle_when_laid_out(|instance| registry::follow_address(instance, HashFollow::Mount))
}

/// Replaces whatever `target` shows with a readable error message (for `<reading-widget>`
/// when its article cannot be loaded).
pub(crate) fn show_error(target: JsValue, message: &str) {
    let Some(host) = as_element(target) else { return };
    registry::destroy_on(&host);
    let _ = View::render_message(&host, &template::error_markup(message));
}

fn embedded_article() -> Result<Rc<Article>, String> {
    EMBEDDED.with(|cell| {
        if let Some(article) = cell.get() {
            return Ok(article.clone());
        }
        let article =
            Rc::new(reading_widget_core::render(EMBEDDED_ARTICLE).map_err(|e| format!("embedded article: {e}"))?);
        Ok(cell.get_or_init(|| article).clone())
    })
}

fn page_lang() -> Option<Lang> {
    let tag = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    Lang::from_tag(&tag)
}
