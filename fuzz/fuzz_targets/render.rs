//! Fuzzes `article::render` (raw HTML read by html5gum and written anew from the allowlist, see
//! core/src/article/raw_html.rs) and `template::markup` with arbitrary input and checks, cheaply
//! and without an HTML parser, that what comes out can never run script:
//!
//! - every `<` opens a well-formed tag, every `&` opens one of the entities the writer emits,
//!   non-void tags balance, and nothing nests in a way the HTML parser would restructure (`<a>`
//!   in `<a>`, a block in `<p>`);
//! - elements, attributes and body classes come from core/tests/xss/allowlist.toml (so never
//!   `on*` or `style`), `href`/`src` decode to an allowed URL, and author text can never add a
//!   class of the widget's;
//! - ids are unique in the whole widget (see [`check_unique_ids`]), and the outline names the h2/h3 ids in order.
//!
//! Any violation panics, which libFuzzer reports as a crash with the input that caused it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reading_widget_core::i18n::Labels;
use reading_widget_core::settings::Lang;
use reading_widget_core::settings::{FontStep, Theme};
use reading_widget_core::template::{error_markup, markup, Chrome};
use reading_widget_core::{render, Article};
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    match render(&input) {
        Ok(article) => {
            let body = check(&article.html, Part::Body);
            check_outline(&article, &body);
            let page = page(&article, data.first().copied().unwrap_or(0));
            let tags = check(&page, Part::Page);
            check_unique_ids(&page, &tags);
        }
        Err(err) => {
            check(&error_markup(&err.to_string()), Part::Page);
        }
    }
});

fn page(article: &Article, knob: u8) -> String {
    let lang = [Lang::En, Lang::Ko, Lang::Ja][usize::from(knob % 3)];
    let theme = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia][usize::from(knob / 3 % 4)];
    let labels = Labels::for_lang(lang);
    markup(&Chrome { article, labels: &labels, lang, theme, step: FontStep::DEFAULT })
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// `Article::html`: only what the Markdown writer and `article.rs` produce.
    Body,
    /// The widget's whole markup (or its error box).
    Page,
}

const VOID: &[&str] = &["br", "hr", "img", "input", "wbr"];
/// Start tags that close an open `<p>` in the HTML parser.
const BLOCKS: &[&str] = &[
    "article",
    "blockquote",
    "details",
    "div",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "nav",
    "ol",
    "p",
    "pre",
    "summary",
    "table",
    "ul",
];

// What the widget's markup may contain: the allowlist the XSS checks of core/tests read too.
// Only its lists proper matter here: whatever is not in them fails, script-capable or not, and
// the run-time extras are never in `markup`'s output.
#[path = "../../core/tests/xss/allowlist.rs"]
#[allow(dead_code)]
mod allowlist;
use allowlist::ALLOWLIST;

fn listed(list: &[String], name: &str) -> bool {
    list.iter().any(|n| n == name)
}

struct Tag<'a> {
    name: &'a str,
    end: bool,
    attrs: Vec<(&'a str, Option<&'a str>)>,
}

/// Tokenises `html` strictly and checks every tag; returns the tags in order.
fn check(html: &str, part: Part) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => i = entity(html, i).unwrap_or_else(|| panic!("stray '&' at {i} in {html:?}")),
            b'<' => {
                let (tag, next) = tag(html, i).unwrap_or_else(|| panic!("malformed tag at {i} in {html:?}"));
                check_tag(&tag, part, html);
                if tag.end {
                    let top = open.pop().unwrap_or_else(|| panic!("</{}> closes nothing in {html:?}", tag.name));
                    assert_eq!(top, tag.name, "</{}> closes <{top}> in {html:?}", tag.name);
                } else {
                    // Nestings the HTML parser would restructure (so the tree would not be the
                    // one written): a link in a link, a block in a paragraph.
                    assert!(!(tag.name == "a" && open.contains(&"a")), "<a> inside <a> in {html:?}");
                    let closes_p = BLOCKS.contains(&tag.name);
                    assert!(!(closes_p && open.contains(&"p")), "<{}> inside <p> in {html:?}", tag.name);
                    if !VOID.contains(&tag.name) {
                        open.push(tag.name);
                    }
                }
                tags.push(tag);
                i = next;
            }
            _ => i += 1,
        }
    }
    assert!(open.is_empty(), "unclosed {open:?} in {html:?}");
    tags
}

/// The end of the entity at `at`, if it is one the writers emit.
fn entity(html: &str, at: usize) -> Option<usize> {
    ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#39;"]
        .iter()
        .find(|e| html[at..].starts_with(*e))
        .map(|e| at + e.len())
}

fn decode(value: &str) -> String {
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Parses the tag starting at `at` (a `<`); `None` if it is not exactly `<name attr="v" …>`,
/// `</name>` or a void `<name … />`.
fn tag(html: &str, at: usize) -> Option<(Tag<'_>, usize)> {
    let b = html.as_bytes();
    let mut i = at + 1;
    let end = b.get(i) == Some(&b'/');
    if end {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_lowercase() || (i > name_start && b[i].is_ascii_digit())) {
        i += 1;
    }
    let name = &html[name_start..i];
    if name.is_empty() {
        return None;
    }
    let mut attrs = Vec::new();
    loop {
        match b.get(i)? {
            b'>' => return Some((Tag { name, end, attrs }, i + 1)),
            b' ' if !end => {
                i += 1;
                if html[i..].starts_with("/>") {
                    return VOID.contains(&name).then_some((Tag { name, end, attrs }, i + 2));
                }
                let attr_start = i;
                while i < b.len() && (b[i].is_ascii_lowercase() || b[i] == b'-') {
                    i += 1;
                }
                let attr = &html[attr_start..i];
                if attr.is_empty() {
                    return None;
                }
                if b.get(i) == Some(&b'=') {
                    if b.get(i + 1) != Some(&b'"') {
                        return None;
                    }
                    let value_start = i + 2;
                    let len = html[value_start..].find('"')?;
                    let value = &html[value_start..value_start + len];
                    if value.contains('<') {
                        return None;
                    }
                    let mut j = 0;
                    while let Some(k) = value[j..].find('&') {
                        j = entity(value, j + k)?;
                    }
                    attrs.push((attr, Some(value)));
                    i = value_start + len + 1;
                } else {
                    attrs.push((attr, None));
                }
            }
            _ => return None,
        }
    }
}

fn check_tag(tag: &Tag<'_>, part: Part, html: &str) {
    let list = &*ALLOWLIST;
    let allowed_tag =
        listed(&list.body.elements, tag.name) || (part == Part::Page && listed(&list.chrome.elements, tag.name));
    assert!(allowed_tag, "<{}> is not allowed in {html:?}", tag.name);
    let mut seen = HashSet::new();
    for &(name, value) in &tag.attrs {
        assert!(!name.starts_with("on"), "event handler {name} in {html:?}");
        let allowed_attr =
            listed(&list.body.attributes, name) || (part == Part::Page && listed(&list.chrome.attributes, name));
        assert!(allowed_attr, "attribute {name} on <{}> in {html:?}", tag.name);
        assert!(seen.insert(name), "duplicate attribute {name} in {html:?}");
        let value = decode(value.unwrap_or(""));
        match name {
            "href" | "src" => assert!(url_ok(&value), "{name}={value:?} in {html:?}"),
            "class" if part == Part::Body => {
                let tokens: Vec<_> = value.split(|c: char| c.is_ascii_whitespace()).filter(|t| !t.is_empty()).collect();
                assert!(
                    tokens.len() == 1 && (listed(&list.body.classes, tokens[0]) || tokens[0].starts_with("language-")),
                    "class={value:?} in {html:?}"
                );
            }
            _ => {}
        }
    }
}

/// The browser's view of a URL's scheme, after it strips C0 controls and spaces at the ends and
/// tabs and newlines anywhere: only http, https, mailto or none at all.
fn url_ok(url: &str) -> bool {
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(end) if cleaned.as_bytes()[end] == b':' => {
            let scheme = cleaned[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

fn check_outline(article: &Article, tags: &[Tag<'_>]) {
    let headings: Vec<(u8, &str)> = tags
        .iter()
        .filter(|t| !t.end && (t.name == "h2" || t.name == "h3"))
        .map(|t| {
            let id = t.attrs.iter().find(|a| a.0 == "id").and_then(|a| a.1).expect("every heading has an id");
            (t.name.as_bytes()[1] - b'0', id)
        })
        .collect();
    let outline: Vec<(u8, &str)> = article.outline.iter().map(|s| (s.level, s.id.as_str())).collect();
    assert_eq!(headings.len(), outline.len(), "outline {:?} vs headings {headings:?}", article.outline);
    for ((level, id), (want_level, want_id)) in headings.iter().zip(&outline) {
        assert_eq!((*level, decode(id).as_str()), (*want_level, *want_id), "outline {:?}", article.outline);
    }
}

/// Ids are unique across the whole widget, so neither the widget's lookups nor `#id` links can
/// land on the wrong element. One known exception, not a security matter: a footnote defined
/// twice under one label gives both definitions that label's id.
fn check_unique_ids(page: &str, tags: &[Tag<'_>]) {
    let mut ids = HashSet::new();
    let mut footnote_ids = HashSet::new();
    for tag in tags {
        let attr = |name: &str| tag.attrs.iter().find(|a| a.0 == name).and_then(|a| a.1);
        let Some(id) = attr("id") else { continue };
        if attr("class") == Some("footnote-definition") {
            footnote_ids.insert(id);
        } else {
            assert!(ids.insert(id), "id {id:?} appears twice in {page:?}");
        }
    }
    let clash = ids.intersection(&footnote_ids).next();
    assert!(clash.is_none(), "id {clash:?} appears twice in {page:?}");
}
