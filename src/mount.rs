//! Mounting: from a partner's target and options to a live, registered widget.
//!
//! Options are resolved against the article, the page and the reader's stored choice; the core
//! renders the markup; the view puts it into the shadow root; and the instance is wired to the
//! page before it is registered.

use crate::boundary::{as_element, describe};
use crate::instance::Instance;
use crate::instance::Origin;
use crate::language_offer::LanguageOffer;
use crate::options::{MountOptions, Source};
#[cfg(not(feature = "html5gum"))]
use crate::raw_tokens::BrowserTokenizer;
use crate::read_aloud::ReadAloud;
use crate::reading_settings::ReadingSettings;
use crate::resume::Resume;
use crate::sections::SectionTracker;
use crate::text_size::TextSize;
use crate::view::View;
use crate::{edition_links, edition_switch, prefs, registry};
use reading_widget_core::article::HtmlTokenizer;
use reading_widget_core::i18n::Labels;
use reading_widget_core::settings::{Display, FontStep, Lang, ScrollOffset, Setting, StorageKey};
use reading_widget_core::template::{self, Chrome};
use reading_widget_core::Article;
#[cfg(feature = "builtin-article")]
use std::cell::OnceCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The article compiled into the module (see build.rs).
#[cfg(feature = "builtin-article")]
const EMBEDDED_ARTICLE: &str = include_str!(concat!(env!("OUT_DIR"), "/article.md"));

#[cfg(feature = "builtin-article")]
thread_local! {
    // The embedded article is the same for every mount: render it once per page.
    static EMBEDDED: OnceCell<Rc<Article>> = const { OnceCell::new() };
}

/// Renders an article with raw HTML read by the browser's parser, as the core's html5gum reads it
/// for a pre-rendered page (or by html5gum itself, with the `html5gum` feature).
fn render(markdown: &str) -> Result<Article, reading_widget_core::ArticleError> {
    #[cfg(feature = "html5gum")]
    let tokenizer = Some(reading_widget_core::article::Html5gum);
    #[cfg(not(feature = "html5gum"))]
    let tokenizer = BrowserTokenizer::new();
    reading_widget_core::render_with(markdown, tokenizer.as_ref().map(|t| t as &dyn HtmlTokenizer))
}

/// Renders a widget into `target` with `options` (a JS object) and starts it. Messages name a
/// wrong field as `source` knows it (an option, or an attribute of `<reading-widget>`).
pub(crate) fn mount(target: JsValue, options: JsValue, source: Source) -> Result<Rc<Instance>, String> {
    let description = describe(&target);
    let host = as_element(target).ok_or_else(|| format!("target must be an element, not {description}"))?;
    let options = MountOptions::from_js_as(options, source)?;
    mount_with(host, options, source, Box::new(|_: &Instance| {}))
}

/// Renders a widget into `host` with options already read and starts it; `on_settled` runs once
/// the browser has laid it out. Another edition or part shown in place comes through here too.
pub(crate) fn mount_with(
    host: web_sys::HtmlElement,
    options: MountOptions,
    source: Source,
    // Boxed, not generic: one copy of mounting (the markup, the whole view) in the module.
    on_settled: Box<dyn Fn(&Instance)>,
) -> Result<Rc<Instance>, String> {
    let origin = options.clone();
    let article = match &options.markdown {
        Some(markdown) => {
            let mut article = render(markdown).map_err(|e| format!("{}: {e}", source.field("markdown")))?;
            edition_links::resolve(&mut article, options.base_url.as_deref());
            Rc::new(article)
        }
        None => {
            let embedded = embedded_article()?;
            let meta = &embedded.meta;
            if meta.editions.is_some() || meta.series.is_some() {
                // Its own copy, whose edition and series links point where this page says.
                let mut article = Article::clone(&embedded);
                edition_links::resolve(&mut article, options.base_url.as_deref());
                Rc::new(article)
            } else {
                embedded
            }
        }
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
    let markup = template::markup_in(
        &Chrome { article: &article, labels: &labels, lang, theme: options.theme.unwrap_or_default(), step },
        options.content.unwrap_or_default(),
    );

    // Mounting over a live widget replaces it, as re-rendering frameworks expect.
    registry::destroy_on(&host);
    let ids: Vec<&str> = article.outline.iter().map(|s| s.id.as_str()).collect();
    let view = View::render(host, &markup, &ids)?;
    if let Some(offset) = options.scroll_offset {
        view.set_scroll_offset(offset.px());
    }
    let offset = options.scroll_offset.map_or(0.0, ScrollOffset::px);
    let resume = Resume::new(storage_key.as_deref(), &view, options.resume.unwrap_or(true));
    let sections = SectionTracker::new(article.outline.clone());
    let defaults =
        Display { theme: options.theme, line_spacing: options.line_spacing, width: options.width, font: options.font };
    let offered = options.settings.unwrap_or_default();
    let settings = ReadingSettings::new(defaults, offered, storage_key.as_deref());
    let read_aloud = ReadAloud::new(&view, offered.has(Setting::Listen), storage_key.as_deref());
    let offer = LanguageOffer::new(storage_key.as_deref(), options.offer_language.unwrap_or(true));
    let instance =
        Instance::new(view, TextSize::new(step, storage_key), settings, sections, resume, offset, read_aloud);
    *instance.switching.offer.borrow_mut() = Some(offer);
    let remount: crate::instance::Remount = |host, options, then| mount_with(host, options, Source::Options, then);
    let show = edition_switch::show_in_place;
    *instance.switching.origin.borrow_mut() = Some(Origin { options: origin, remount, show });
    edition_switch::listen(&instance);
    registry::start(&instance, on_settled).map_err(|e| format!("could not observe the page: {}", describe(&e)))?;
    Ok(instance)
}

#[cfg(feature = "builtin-article")]
fn embedded_article() -> Result<Rc<Article>, String> {
    EMBEDDED.with(|cell| {
        if let Some(article) = cell.get() {
            return Ok(article.clone());
        }
        let article = Rc::new(render(EMBEDDED_ARTICLE).map_err(|e| format!("embedded article: {e}"))?);
        Ok(cell.get_or_init(|| article).clone())
    })
}

/// A build for one partner's own articles leaves the sample out (`--no-default-features
/// --features markdown`), so every mount must name its article.
#[cfg(not(feature = "builtin-article"))]
fn embedded_article() -> Result<Rc<Article>, String> {
    Err("options.markdown: this build has no built-in article; pass the article's Markdown".into())
}

fn page_lang() -> Option<Lang> {
    let tag = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    Lang::from_tag(&tag)
}
