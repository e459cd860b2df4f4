//! Where an article's edition and series links point: the front matter's URLs, resolved by
//! the browser's own URL parser against the article's URL (`baseUrl`, which `<reading-widget
//! src>` sets to its `src`) or else the page's base URL, so the core stays free of URL parsing.

use reading_widget_core::Article;

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
