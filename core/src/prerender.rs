//! Pre-rendering: the widget as HTML that a server or a static-site build writes into a page, so
//! the article is readable before any script runs (and without script at all), search engines
//! and link previews see it, and the browser shell takes the markup over instead of building it.
//!
//! [`fragment`] gives HTML to paste into a page of one's own; [`page`] gives a whole document for
//! static hosting. Both render the article exactly as `mount()` does in the browser
//! ([`crate::render`], then [`template::markup`] with the UI language's [`Labels`]), inside a
//! declarative shadow root, so a pre-rendered widget and a mounted one are the same markup.
//!
//! A fragment is exactly this (the browser shell hydrates it, so the shape is byte-stable): three
//! parts, each followed by one `\n` (`MARKUP` has line breaks of its own, between blocks):
//!
//! ```text
//! <reading-widget><template shadowrootmode="open"><link rel="stylesheet" href="{assets}/reading-widget.css">{MARKUP}</template></reading-widget>
//! <script type="module" src="{assets}/{ENTRY}"></script>
//! <script type="application/ld+json">{JSON_LD}</script>
//! ```
//!
//! With [`Content::Light`] the element is `<reading-widget content="light">`, `MARKUP` is the
//! chrome with a `<slot>` ([`template::markup_in`]), and after the `</template>` come
//! `<link rel="stylesheet" href="{assets}/reading-widget-light.css">` and the light-DOM
//! `<div class="rw-content" slot="rw-article" …><article>…</article></div>`: the document's
//! `<article>`, which reader modes (Readability) and page translators see.
//!
//! `MARKUP` is [`template::markup`] for the article; `ENTRY` is `element.js` for [`Build::Full`]
//! and `element-hydrate.js` for [`Build::HydrateOnly`] ([`Build::entry`]); `JSON_LD` is a
//! schema.org `Article` ([`json_ld`]), safe inside its script element whatever the article says.
//! `{assets}` is where wasm-pack's `pkg/` directory is served ([`Assets`], `/pkg` by default).
//!
//! The HTML needs no inline style and no inline script: it works under
//! `script-src 'self'; style-src 'self'` (the JSON-LD block is data, which CSP does not block).
//!
//! # Example
//!
//! What a server's handler (axum, actix-web, …) does with an article from its store:
//!
//! ```
//! use reading_widget_core::prerender::{self, Assets, Prerender};
//! use reading_widget_core::settings::Theme;
//!
//! fn article_html(markdown: &str) -> Result<String, String> {
//!     let settings = Prerender {
//!         theme: Theme::Sepia,
//!         assets: Assets::new("/static/reading-widget").map_err(|e| e.to_string())?,
//!         ..Prerender::default()
//!     };
//!     // An ArticleError's message names the front-matter line that is wrong.
//!     prerender::fragment(markdown, &settings).map_err(|e| e.to_string())
//! }
//!
//! let html = article_html("+++\ntitle = \"Hello\"\n+++\n\nFirst paragraph.\n").unwrap();
//! assert!(html.starts_with(concat!(
//!     r#"<reading-widget><template shadowrootmode="open">"#,
//!     r#"<link rel="stylesheet" href="/static/reading-widget/reading-widget.css"><div class="rw""#,
//! )));
//! assert!(html.contains("<h1 class=\"title\" tabindex=\"-1\">Hello</h1>"));
//! assert!(html.contains("\n<script type=\"module\" src=\"/static/reading-widget/element.js\"></script>\n"));
//! assert!(html.contains(r#""headline":"Hello""#));
//! ```

use crate::article::{Article, ArticleError};
use crate::front_matter::Meta;
use crate::i18n::Labels;
use crate::link_policy::{self, Target};
use crate::quote::quoted;
use crate::settings::{Content, FontStep, Lang, Theme};
use crate::template::{self, Chrome};
use pulldown_cmark_escape::{escape_href, escape_html};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// The widget's stylesheet in `pkg/`, linked from the shadow root (and preloaded by [`page`]).
pub const STYLESHEET: &str = "reading-widget.css";

/// The article's stylesheet for [`Content::Light`] in `pkg/`, linked beside the article in the
/// light DOM: style.css's rules for the article, scoped to the widget's light content
/// (`@scope (.rw-content)`, written by scripts/minify-css.mjs).
pub const LIGHT_STYLESHEET: &str = "reading-widget-light.css";

/// The most characters of `<meta name="description">`, ellipsis included.
pub const DESCRIPTION_CHARS: usize = 160;

/// How the pre-rendered widget is to be rendered and which script takes it over.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prerender {
    /// The UI language; `None`: the article's front matter `lang` if the UI speaks it, else
    /// English (as `mount()` decides, without a page `<html lang>` to fall back on).
    pub lang: Option<Lang>,
    /// The colour theme.
    pub theme: Theme,
    /// The text size the widget starts at (the reader's remembered step replaces it once the
    /// script runs).
    pub font_step: FontStep,
    /// Where wasm-pack's `pkg/` directory is served.
    pub assets: Assets,
    /// Which module takes the widget over.
    pub build: Build,
    /// Where the article lives: in the shadow root, or in the light DOM for reader modes and
    /// translators (`<reading-widget content="light">`).
    pub content: Content,
}

impl Prerender {
    /// The UI language for an article with `meta`: [`Prerender::lang`], else the front matter's
    /// `lang` if the UI speaks it, else English.
    pub fn ui_lang(&self, meta: &Meta) -> Lang {
        self.lang.or_else(|| meta.lang.as_deref().and_then(Lang::from_tag)).unwrap_or_default()
    }
}

/// The module a pre-rendered widget loads from the assets URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Build {
    /// `element.js`: the whole widget, which can also render Markdown in the browser.
    #[default]
    Full,
    /// `element-hydrate.js`: the smaller build that only takes over pre-rendered widgets.
    HydrateOnly,
}

impl Build {
    /// The module's file name in `pkg/`.
    pub fn entry(self) -> &'static str {
        match self {
            Build::Full => "element.js",
            Build::HydrateOnly => "element-hydrate.js",
        }
    }
}

/// The URL prefix under which wasm-pack's `pkg/` directory is served: an http or https URL, a
/// protocol-relative `//host/…` URL, or a path, absolute (`/pkg`) or relative (`../pkg`).
/// Trailing slashes are dropped (`/pkg/` is `/pkg`, and `/` is the site's root); script URLs,
/// other schemes, queries and fragments are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets(String);

impl Assets {
    /// `/pkg`, where `make build` leaves the files next to the host pages.
    pub const DEFAULT: &'static str = "/pkg";

    /// Checks and normalises a prefix.
    pub fn new(prefix: &str) -> Result<Assets, AssetsError> {
        let refused = || AssetsError { value: prefix.to_owned() };
        let (cleaned, target) = link_policy::check(prefix).ok_or_else(refused)?;
        let plain = !cleaned.is_empty()
            && !cleaned.contains(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\'));
        let allowed = match target {
            // A scheme (only http and https pass `check`) needs a host; so does `//host`.
            Target::External if cleaned.starts_with("//") => {
                cleaned[2..].split('/').next().is_some_and(|host| !host.is_empty())
            }
            Target::External => link_policy::absolute_http(&cleaned).is_some(),
            Target::Relative => true,
            Target::Fragment | Target::Mail => false,
        };
        if !(plain && allowed) {
            return Err(refused());
        }
        Ok(Assets(cleaned.trim_end_matches('/').to_owned()))
    }

    /// The prefix without a trailing slash (empty for the site's root).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL of `file` under the prefix.
    pub fn url(&self, file: &str) -> String {
        format!("{}/{file}", self.0)
    }
}

impl Default for Assets {
    fn default() -> Assets {
        Assets(Assets::DEFAULT.to_owned())
    }
}

impl FromStr for Assets {
    type Err = AssetsError;
    fn from_str(prefix: &str) -> Result<Assets, AssetsError> {
        Assets::new(prefix)
    }
}

impl fmt::Display for Assets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "/" } else { &self.0 })
    }
}

/// An assets prefix that [`Assets::new`] refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetsError {
    /// The prefix as given.
    pub value: String,
}

impl fmt::Display for AssetsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "must be an http or https URL or a path, such as \"/pkg\", \"../pkg\" or \
             \"https://cdn.example.org/reading-widget\", without a query or fragment, not {}",
            quoted(&self.value)
        )
    }
}

impl std::error::Error for AssetsError {}

/// Renders `markdown` to the widget's HTML for pasting into a page: see the [module](self) for
/// its exact shape. Fails as `mount()` does, with an error that names the front-matter line.
pub fn fragment(markdown: &str, settings: &Prerender) -> Result<String, ArticleError> {
    Ok(article_fragment(&crate::render(markdown)?, settings))
}

/// Renders `markdown` to a whole HTML document for static hosting (see [`article_page`]).
pub fn page(markdown: &str, settings: &Prerender) -> Result<String, ArticleError> {
    Ok(article_page(&crate::render(markdown)?, settings))
}

/// [`fragment`] for an article already rendered with [`crate::render`].
pub fn article_fragment(article: &Article, settings: &Prerender) -> String {
    let parts = Parts::new(article, settings);
    format!("{}\n{}\n{}\n", parts.element, parts.module, parts.data)
}

/// A whole HTML document for an article already rendered with [`crate::render`]:
///
/// ```text
/// <!doctype html>
/// <html lang="{article lang, else the UI language}">
/// <head>
/// <meta charset="utf-8">
/// <meta name="viewport" content="width=device-width, initial-scale=1">
/// <title>{title, else "Article"}</title>
/// <meta name="description" content="{subtitle, else the lede, at most 160 characters}">   (if any)
/// <link rel="canonical" href="{canonical}">                                               (if any)
/// <link rel="alternate" hreflang="{lang}" href="{url}">           (each edition, this one included)
/// <link rel="alternate" hreflang="x-default" href="{url}">        (the original edition)
/// <link rel="preload" href="{assets}/reading-widget.css" as="style">
/// <link rel="preload" href="{assets}/reading-widget-light.css" as="style">  (content = light)
/// <script type="application/ld+json">{JSON_LD}</script>
/// </head>
/// <body>
/// <main>
/// <reading-widget>…</reading-widget>
/// </main>
/// <script type="module" src="{assets}/{ENTRY}"></script>
/// </body>
/// </html>
/// ```
///
/// The `<reading-widget>` line, the module script and the JSON-LD are byte for byte those of
/// [`article_fragment`]. The stylesheet is preloaded because the browser would otherwise find it
/// late, inside the shadow root. The page has no style of its own.
pub fn article_page(article: &Article, settings: &Prerender) -> String {
    let parts = Parts::new(article, settings);
    let meta = &article.meta;
    let mut out = String::with_capacity(parts.element.len() + parts.data.len() + 1024);
    out.push_str("<!doctype html>\n<html lang=\"");
    esc(&mut out, parts.content_lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(&mut out, meta.title.as_deref().unwrap_or("Article"));
    out.push_str("</title>\n");
    if let Some(description) = description(article) {
        out.push_str("<meta name=\"description\" content=\"");
        esc(&mut out, &description);
        out.push_str("\">\n");
    }
    if let Some(canonical) = &meta.canonical {
        out.push_str("<link rel=\"canonical\" href=\"");
        href(&mut out, canonical);
        out.push_str("\">\n");
    }
    for (hreflang, url) in alternates(meta) {
        out.push_str("<link rel=\"alternate\" hreflang=\"");
        out.push_str(hreflang);
        out.push_str("\" href=\"");
        href(&mut out, &url);
        out.push_str("\">\n");
    }
    out.push_str("<link rel=\"preload\" href=\"");
    href(&mut out, &settings.assets.url(STYLESHEET));
    out.push_str("\" as=\"style\">\n");
    if settings.content == Content::Light {
        out.push_str("<link rel=\"preload\" href=\"");
        href(&mut out, &settings.assets.url(LIGHT_STYLESHEET));
        out.push_str("\" as=\"style\">\n");
    }
    out.push_str(&parts.data);
    out.push_str("\n</head>\n<body>\n<main>\n");
    out.push_str(&parts.element);
    out.push_str("\n</main>\n");
    out.push_str(&parts.module);
    out.push_str("\n</body>\n</html>\n");
    out
}

/// The `<link rel="alternate" hreflang>` of [`article_page`]: every edition, this one included,
/// then `x-default`, the original edition: the one this is translated from, or this one when it
/// is not a translation.
pub fn alternates(meta: &Meta) -> Vec<(&'static str, Cow<'_, str>)> {
    let Some(editions) = &meta.editions else { return Vec::new() };
    let mut links: Vec<_> = editions.list().iter().map(|e| (e.lang.tag(), public_url(meta, &e.url))).collect();
    let own = meta.lang.as_deref().and_then(Lang::from_tag);
    if let Some(original) = meta.translated_from.or(own).and_then(|lang| editions.get(lang)) {
        links.push(("x-default", public_url(meta, &original.url)));
    }
    links
}

/// `url`, an edition's or a part's address as the front matter gives it, as the page states it:
/// resolved against the article's `canonical` address when it is relative and there is one
/// (search engines take only absolute hreflang alternates), else as given.
pub fn public_url<'a>(meta: &Meta, url: &'a str) -> Cow<'a, str> {
    match meta.canonical.as_deref().map(url::Url::parse) {
        Some(Ok(base)) if url::Url::parse(url).is_err() => match base.join(url) {
            Ok(resolved) => Cow::Owned(resolved.into()),
            Err(_) => Cow::Borrowed(url),
        },
        _ => Cow::Borrowed(url),
    }
}

/// The `<meta name="description">` of [`article_page`]: the subtitle, else the lede, cut at a
/// word boundary to at most [`DESCRIPTION_CHARS`] characters with an ellipsis.
pub fn description(article: &Article) -> Option<String> {
    let text = article.meta.subtitle.as_deref().or(article.lede.as_deref())?;
    Some(shorten(text, DESCRIPTION_CHARS)).filter(|d| !d.is_empty())
}

/// `text` with white space collapsed, and if it is longer than `max` characters, cut at the last
/// word boundary that leaves room for "…" (or mid-word, for scripts written without spaces).
fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut = text.char_indices().nth(max.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
    let mut head = &text[..cut];
    if !text[cut..].starts_with(' ') {
        // Drop the word that was cut, unless that would drop most of the text.
        if let Some(space) = head.rfind(' ').filter(|&i| i >= cut / 2) {
            head = &head[..space];
        }
    }
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—·.".contains(c));
    format!("{head}…")
}

/// The article as a schema.org `Article` in JSON-LD, safe to place between
/// `<script type="application/ld+json">` and `</script>`: `<`, `>` and `&` (and U+2028, U+2029)
/// are written as `\u` escapes, which only ever occur inside JSON strings, so the JSON means the
/// same and no `</script>` or `<!--` can appear in it. Absent fields are left out; `inLanguage`
/// is the article's `lang`, else the UI language. A translation names its original
/// (`translationOfWork`) and its `translator`; an original names its translations
/// (`workTranslation`); a part of a series names the series (`isPartOf`, a
/// `CreativeWorkSeries`) and its `position`.
pub fn json_ld(article: &Article, settings: &Prerender) -> String {
    let meta = &article.meta;
    let organisation = |name| Agent { kind: "Organization", name, affiliation: None };
    let author = match (meta.author.as_deref(), meta.affiliation.as_deref()) {
        (Some(name), affiliation) => {
            Some(Agent { kind: "Person", name, affiliation: affiliation.map(|a| Box::new(organisation(a))) })
        }
        // An institute's article without a named author is the institute's.
        (None, Some(affiliation)) => Some(organisation(affiliation)),
        (None, None) => None,
    };
    let data = JsonLd {
        context: "https://schema.org",
        kind: "Article",
        headline: meta.title.as_deref(),
        alternative_headline: meta.subtitle.as_deref(),
        author,
        date_published: meta.date.map(|d| d.iso()),
        in_language: content_lang(meta, settings.ui_lang(meta)),
        copyright_notice: meta.copyright.as_deref(),
        url: meta.canonical.as_deref(),
        main_entity_of_page: meta.canonical.as_deref(),
        translation_of_work: meta.translated_from.and_then(|lang| meta.editions.as_ref()?.get(lang)).map(|original| {
            Work { kind: "Article", in_language: original.lang.tag(), url: public_url(meta, &original.url) }
        }),
        work_translation: match (&meta.editions, meta.translated_from) {
            (Some(editions), None) => editions
                .list()
                .iter()
                .filter(|e| meta.lang.as_deref().and_then(Lang::from_tag) != Some(e.lang))
                .map(|e| Work { kind: "Article", in_language: e.lang.tag(), url: public_url(meta, &e.url) })
                .collect(),
            _ => Vec::new(),
        },
        translator: meta.translator.as_deref().map(|name| Agent { kind: "Person", name, affiliation: None }),
        is_part_of: meta.series.as_ref().map(|series| SeriesRef {
            kind: "CreativeWorkSeries",
            name: series.title(),
            url: series.url().map(|url| public_url(meta, url)),
        }),
        position: meta.series.as_ref().map(|series| series.part().get()),
    };
    let json = serde_json::to_string(&data).expect("a struct of strings always serialises");
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternative_headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation_of_work: Option<Work<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    work_translation: Vec<Work<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translator: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_part_of: Option<SeriesRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u32>,
}

/// Another edition of the work, in schema.org's terms.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Work<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    in_language: &'static str,
    url: Cow<'a, str>,
}

/// The series the article is part of.
#[derive(Serialize)]
struct SeriesRef<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<Cow<'a, str>>,
}

/// A schema.org Person or Organization.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<Box<Agent<'a>>>,
}

/// The article's language: its front matter `lang` as written, else the UI language.
fn content_lang(meta: &Meta, ui: Lang) -> &str {
    meta.lang.as_deref().unwrap_or(ui.tag())
}

/// The pieces a fragment and a page share.
struct Parts<'a> {
    /// `<reading-widget>…</reading-widget>`.
    element: String,
    /// The module script.
    module: String,
    /// The JSON-LD script.
    data: String,
    /// For `<html lang>`.
    content_lang: &'a str,
}

impl<'a> Parts<'a> {
    fn new(article: &'a Article, settings: &Prerender) -> Parts<'a> {
        let lang = settings.ui_lang(&article.meta);
        let labels = Labels::for_lang(lang);
        let markup = template::markup_in(
            &Chrome { article, labels: &labels, lang, theme: settings.theme, step: settings.font_step },
            settings.content,
        );
        let light_len = markup.light.as_ref().map_or(0, String::len);
        let mut element = String::with_capacity(markup.shadow.len() + light_len + 512);
        element.push_str("<reading-widget");
        if settings.content == Content::Light {
            element.push_str(r#" content="light""#);
        }
        element.push_str(r#"><template shadowrootmode="open"><link rel="stylesheet" href=""#);
        href(&mut element, &settings.assets.url(STYLESHEET));
        element.push_str(r#"">"#);
        element.push_str(&markup.shadow);
        element.push_str("</template>");
        if let Some(light) = &markup.light {
            // The article's own stylesheet, beside it in the light DOM (the link is no slot's,
            // so it is not rendered, but it applies to the document).
            element.push_str(r#"<link rel="stylesheet" href=""#);
            href(&mut element, &settings.assets.url(LIGHT_STYLESHEET));
            element.push_str(r#"">"#);
            element.push_str(light);
        }
        element.push_str("</reading-widget>");

        let mut module = String::from(r#"<script type="module" src=""#);
        href(&mut module, &settings.assets.url(settings.build.entry()));
        module.push_str(r#""></script>"#);

        let data = format!(r#"<script type="application/ld+json">{}</script>"#, json_ld(article, settings));
        Parts { element, module, data, content_lang: content_lang(&article.meta, lang) }
    }
}

/// Appends `text`, escaped for element content or a quoted attribute.
fn esc(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(out, text);
}

/// Appends a URL, escaped (and percent-encoded where needed) for a quoted `href` or `src`.
fn href(out: &mut String, url: &str) {
    let _ = escape_href(out, url);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_urls_or_paths_without_a_trailing_slash() {
        for (given, kept) in [
            ("/pkg", "/pkg"),
            ("/pkg/", "/pkg"),
            (" /static/rw// ", "/static/rw"),
            ("/", ""),
            ("pkg", "pkg"),
            ("../pkg", "../pkg"),
            (".", "."),
            ("https://cdn.example.org/rw/", "https://cdn.example.org/rw"),
            ("HTTP://cdn.example.org", "HTTP://cdn.example.org"),
            ("//cdn.example.org/rw", "//cdn.example.org/rw"),
        ] {
            assert_eq!(Assets::new(given).map(|a| a.as_str().to_owned()), Ok(kept.to_owned()), "{given:?}");
        }
        assert_eq!(Assets::default().url("element.js"), "/pkg/element.js");
        assert_eq!(Assets::new("/").unwrap().url("element.js"), "/element.js");
        for bad in [
            "",
            " ",
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/javascript,alert(1)",
            "vbscript:x",
            "mailto:a@b",
            "#x",
            "/pkg?v=1",
            "/pkg#x",
            "https://",
            "https:cdn.example.org",
            "//",
            "///pkg",
            "\\\\evil.example",
            "/a b",
            "ftp://cdn.example.org",
        ] {
            let err = Assets::new(bad).unwrap_err();
            assert!(err.to_string().starts_with("must be an http or https URL or a path"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn descriptions_are_cut_at_a_word_boundary_with_an_ellipsis() {
        assert_eq!(shorten("  short \n text ", 160), "short text");
        let long = "word ".repeat(100);
        let cut = shorten(&long, 160);
        assert!(cut.chars().count() <= 160, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        let sentence = format!("{}, and then some more words follow here.", "a".repeat(150));
        assert_eq!(shorten(&sentence, 160), format!("{}, and…", "a".repeat(150)));
        let unspaced = "가".repeat(300);
        assert_eq!(shorten(&unspaced, 160), format!("{}…", "가".repeat(159)));
        let exact = "x".repeat(160);
        assert_eq!(shorten(&exact, 160), exact);
    }

    #[test]
    fn the_description_is_the_subtitle_else_the_lede() {
        let article = crate::render("+++\nsubtitle = \"Series 1\"\n+++\nThe lede.").unwrap();
        assert_eq!(description(&article).as_deref(), Some("Series 1"));
        let article = crate::render("# T\n\nThe lede.").unwrap();
        assert_eq!(description(&article).as_deref(), Some("The lede."));
        assert_eq!(description(&crate::render("## Only a heading").unwrap()), None);
    }

    #[test]
    fn json_ld_leaves_out_what_the_article_does_not_say() {
        let article = crate::render("Text.").unwrap();
        assert_eq!(
            json_ld(&article, &Prerender::default()),
            r#"{"@context":"https://schema.org","@type":"Article","inLanguage":"en"}"#
        );
        let article = crate::render("+++\naffiliation = \"Institute\"\nlang = \"ja-JP\"\n+++\nText.").unwrap();
        assert_eq!(
            json_ld(&article, &Prerender::default()),
            r#"{"@context":"https://schema.org","@type":"Article","author":{"@type":"Organization","name":"Institute"},"inLanguage":"ja-JP"}"#
        );
    }
}
