//! The article's edition links: where the front matter's URLs point, resolved by the browser's
//! own URL parser against the article's URL (`baseUrl`, which `<reading-widget src>` sets to its
//! `src`) or else the page's base URL, so the core stays free of URL parsing; and the switcher's
//! links as `editions()` lists them, their `#id` following the section being read.

use crate::view::View;
use const_format::concatcp;
use reading_widget_core::markup_names::{attr, class};
use reading_widget_core::settings::Lang;
#[cfg(feature = "markdown")]
use reading_widget_core::Article;
use wasm_bindgen::JsValue;
use web_sys::Element;

#[cfg(feature = "markdown")]
/// Resolves every edition and series URL of `article` against `base`, or the page's base URL.
/// A URL that does not resolve (a `base` that is not a URL) is kept as written.
pub(crate) fn resolve(article: &mut Article, base: Option<&str>) {
    let meta = &mut article.meta;
    if meta.editions.is_none() && meta.series.is_none() {
        return;
    }
    let page_base = || web_sys::window()?.document()?.base_uri().ok().flatten();
    let Some(base) = base.map(str::to_owned).or_else(page_base) else { return };
    let resolve = |url: &str| web_sys::Url::new_with_base(url, &base).map_or_else(|_| url.to_owned(), |url| url.href());
    if let Some(editions) = &mut meta.editions {
        editions.map_urls(resolve);
    }
    if let Some(series) = &mut meta.series {
        series.map_urls(resolve);
    }
}

/// The switcher's links.
const EDITION_LINKS: &str = concatcp!(".", class::EDITIONS, " a[", attr::DATA_EDITION, "]");

/// The edition links in the switcher, with their language.
pub(crate) fn links(view: &View) -> Vec<(Lang, Element)> {
    view.article_all(EDITION_LINKS)
        .into_iter()
        .filter_map(|link| Some((Lang::from_tag(&link.get_attribute(attr::DATA_EDITION)?)?, link)))
        .collect()
}

/// The link's address without its fragment, resolved (`href` as the browser reads it).
fn address(link: &Element) -> String {
    let href = js_sys::Reflect::get(link, &JsValue::from_str("href")).ok().and_then(|v| v.as_string());
    let href = href.unwrap_or_default();
    href.split_once('#').map_or(href.clone(), |(page, _)| page.to_owned())
}

/// `[{ lang, url, current }]` for `editions()`.
pub(crate) fn list(view: &View) -> JsValue {
    let array = js_sys::Array::new();
    for (lang, link) in links(view) {
        let entry = js_sys::Object::new();
        let set = |key: &str, value: JsValue| js_sys::Reflect::set(&entry, &JsValue::from_str(key), &value);
        let _ = set("lang", JsValue::from_str(lang.tag()));
        let _ = set("url", JsValue::from_str(&address(&link)));
        let _ = set("current", JsValue::from_bool(link.has_attribute("aria-current")));
        array.push(&entry);
    }
    array.into()
}

/// Points each edition link of a pre-rendered widget at the section being read, so the place
/// survives the navigation (editions share their sections' ids).
pub(crate) fn follow_section(view: &View, id: Option<&str>) {
    for (_, link) in links(view) {
        let page = link.get_attribute("href").unwrap_or_default();
        let page = page.split_once('#').map_or(page.as_str(), |(page, _)| page).to_owned();
        let href = match id {
            Some(id) => format!("{page}#{}", String::from(js_sys::encode_uri_component(id))),
            None => page,
        };
        let _ = link.set_attribute("href", &href);
    }
}

/// The edition link for `lang`, if the article has one.
pub(crate) fn link_for(view: &View, lang: Lang) -> Option<Element> {
    links(view).into_iter().find(|(l, _)| *l == lang).map(|(_, link)| link)
}
