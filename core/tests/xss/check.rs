//! Checks on rendered HTML with a real HTML5 parser (html5ever, through scraper), shared by
//! tests/xss.rs and tests/properties.rs (`#[path = "xss/check.rs"] mod check;`).
//!
//! The parser is the judge because it is what a browser does with `innerHTML`: a string check
//! can be fooled by markup that only becomes dangerous once parsed, a parsed tree cannot.
#![allow(dead_code)]

use reading_widget_core::article::Article;
use reading_widget_core::i18n::Labels;
use reading_widget_core::settings::Lang;
use reading_widget_core::settings::{FontStep, Theme};
use reading_widget_core::template::{markup, Chrome};
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

#[path = "allowlist.rs"]
mod allowlist;
use allowlist::ALLOWLIST;

fn listed(list: &[String], name: &str) -> bool {
    list.iter().any(|n| n == name)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Part {
    /// `Article::html` alone.
    Body,
    /// The widget's whole markup, from `template::markup` or `template::error_markup`.
    Page,
}

/// The widget's whole markup for `article`, as the browser shell renders it.
pub(crate) fn page(article: &Article) -> String {
    let labels = Labels::for_lang(Lang::En);
    markup(&Chrome { article, labels: &labels, lang: Lang::En, theme: Theme::Auto, step: FontStep::DEFAULT })
}

pub(crate) fn parse(html: &str) -> Html {
    Html::parse_fragment(html)
}

/// Every element of the fragment, in document order (without the parser's `<html>` wrapper).
pub(crate) fn elements(doc: &Html) -> Vec<ElementRef<'_>> {
    doc.root_element().descendants().skip(1).filter_map(ElementRef::wrap).collect()
}

/// The text a reader sees (all text nodes, concatenated).
pub(crate) fn text_content(doc: &Html) -> String {
    doc.root_element().text().collect()
}

/// A URL as the browser's URL parser sees it before it reads the scheme: C0 controls and
/// spaces stripped at both ends, tabs and newlines removed everywhere, ASCII case folded.
pub(crate) fn normalise_url(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether a URL (as parsed out of an attribute) runs script or carries a document.
pub(crate) fn is_script_url(url: &str) -> bool {
    let url = normalise_url(url);
    ["javascript:", "vbscript:", "data:"].iter().any(|scheme| url.starts_with(scheme))
}

/// The stricter rule the widget promises: http, https, mailto, or no scheme at all.
pub(crate) fn has_allowed_scheme(url: &str) -> bool {
    let url = normalise_url(url);
    match url.find([':', '/', '?', '#']) {
        Some(end) if url.as_bytes()[end] == b':' => matches!(&url[..end], "http" | "https" | "mailto"),
        _ => true,
    }
}

/// Parses `html` the way `innerHTML` would and asserts that nothing in it can run script:
/// no script-capable element, no `on*` attribute, no script URL; and, stricter, only the
/// elements, attributes, classes and styles the widget itself writes. Returns the parsed tree.
pub(crate) fn assert_no_script(html: &str, part: Part) -> Html {
    let list = &*ALLOWLIST;
    let doc = parse(html);
    for element in elements(&doc) {
        let el = element.value();
        let name = el.name();
        assert!(!listed(&list.script_capable, name), "script-capable <{name}> in {html}");
        let allowed = listed(&list.body.elements, name) || (part == Part::Page && listed(&list.chrome.elements, name));
        assert!(allowed, "unexpected element <{name}> in {html}");
        for (attr, value) in el.attrs() {
            let attr_lower = attr.to_ascii_lowercase();
            assert!(!attr_lower.starts_with("on"), "event handler {attr}={value:?} on <{name}> in {html}");
            let allowed =
                listed(&list.body.attributes, attr) || (part == Part::Page && listed(&list.chrome.attributes, attr));
            assert!(allowed, "unexpected attribute {attr}={value:?} on <{name}> in {html}");
            if listed(&list.url_attributes, &attr_lower) || attr_lower.ends_with("href") {
                assert!(!is_script_url(value), "script URL {attr}={value:?} on <{name}> in {html}");
                assert!(has_allowed_scheme(value), "scheme not allowed: {attr}={value:?} in {html}");
            }
            if attr == "class" && part == Part::Body {
                let tokens: Vec<&str> = value.split_ascii_whitespace().collect();
                assert!(
                    tokens.len() == 1 && (listed(&list.body.classes, tokens[0]) || tokens[0].starts_with("language-")),
                    "author text reached a class: class={value:?} in {html}"
                );
            }
        }
    }
    doc
}

/// Ids must be unique in the whole widget: the shell looks headings up by id, and `#id` links
/// must land on the element they name. (Two definitions of one footnote label share its id,
/// a known cosmetic issue that is not a security matter; see SECURITY.md.)
pub(crate) fn assert_unique_ids(doc: &Html, html: &str) {
    let mut seen = HashSet::new();
    let mut footnotes = HashSet::new();
    for element in elements(doc) {
        let el = element.value();
        let Some(id) = el.id() else { continue };
        if el.has_class("footnote-definition", scraper::CaseSensitivity::CaseSensitive) {
            footnotes.insert(id.to_owned());
        } else {
            assert!(seen.insert(id.to_owned()), "id {id:?} appears twice in {html}");
        }
    }
    let clash = seen.intersection(&footnotes).next();
    assert!(clash.is_none(), "id {clash:?} appears twice in {html}");
}

// ---- Well-formedness -------------------------------------------------------------------------
//
// The writer's output is read twice: by a strict tokenizer of our own that accepts only
// `<name attr="value">`, `</name>`, void `<name … />`, the entities the escapers emit and text,
// and that requires tags to nest and close exactly as written; and by html5ever. Both trees are
// serialised canonically and must be identical. If the parser had to fix anything up (close a
// `<p>` before a `<div>`, foster-parent text out of a table, drop a stray end tag, decode an
// entity we did not mean), the trees differ.

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Asserts that `html` is exactly the tree a browser builds from it.
pub(crate) fn assert_well_formed(html: &str) {
    let ours = match strict_tree(html) {
        Ok(tree) => tree,
        Err(e) => panic!("not well-formed: {e}\nin {html}"),
    };
    let doc = parse(html);
    let mut theirs = String::new();
    serialise(doc.root_element(), &mut theirs);
    assert_eq!(ours, theirs, "the HTML parser had to fix up\n{html}");
}

/// Appends the canonical form of `parent`'s children.
fn serialise(parent: ElementRef<'_>, out: &mut String) {
    for child in parent.children() {
        match child.value() {
            Node::Text(text) => push_text(out, text),
            Node::Element(el) => {
                let mut attrs: Vec<(String, String)> = el.attrs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
                attrs.sort();
                open_tag(out, el.name(), &attrs);
                serialise(ElementRef::wrap(child).expect("an element"), out);
                if !VOID.contains(&el.name()) {
                    out.push_str(&format!("</{}>", el.name()));
                }
            }
            other => out.push_str(&format!("<!--{other:?}-->")),
        }
    }
}

fn open_tag(out: &mut String, name: &str, attrs: &[(String, String)]) {
    out.push('<');
    out.push_str(name);
    for (k, v) in attrs {
        out.push_str(&format!(" {k}={v:?}"));
    }
    out.push('>');
}

fn push_text(out: &mut String, text: &str) {
    // Text is written escaped, so that text which looks like a tag cannot pass for one.
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
}

/// Decodes the character references the escapers emit; anything else after `&` is an error,
/// since a browser would decode it into something the writer did not mean.
fn decode(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, len) =
            [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&#x27;", '\'')]
                .iter()
                .find(|(entity, _)| rest.starts_with(entity))
                .map(|(entity, c)| (*c, entity.len()))
                .ok_or_else(|| format!("stray '&' before {:?}", rest.chars().take(12).collect::<String>()))?;
        out.push(decoded);
        rest = &rest[len..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The input stream preprocessing every HTML parser does: CR LF and CR become LF.
fn newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// What the parser does with U+0000, a character-level parse error rather than a fix-up of the
/// tree: dropped from text, replaced by U+FFFD in attribute values. (The body never has one;
/// front-matter values can, through TOML's `\u0000`, and are harmless.)
fn nul_in_text(text: String) -> String {
    text.replace('\0', "")
}
fn nul_in_attribute(value: String) -> String {
    value.replace('\0', "\u{FFFD}")
}

fn strict_tree(html: &str) -> Result<String, String> {
    let html = newlines(html);
    let b = html.as_bytes();
    let mut out = String::new();
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    let mut text = String::new();
    while i < b.len() {
        if b[i] != b'<' {
            let next = html[i..].find('<').map_or(b.len(), |n| i + n);
            text.push_str(&html[i..next]);
            i = next;
            continue;
        }
        push_text(&mut out, &nul_in_text(decode(&std::mem::take(&mut text))?));
        i += 1;
        let end = b.get(i) == Some(&b'/');
        if end {
            i += 1;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_lowercase() || (i > start && b[i].is_ascii_digit())) {
            i += 1;
        }
        let name = html[start..i].to_owned();
        if name.is_empty() {
            return Err(format!("'<' that opens no tag at byte {start}"));
        }
        if end {
            if b.get(i) != Some(&b'>') {
                return Err(format!("malformed </{name}"));
            }
            i += 1;
            match open.pop() {
                Some(top) if top == name => out.push_str(&format!("</{name}>")),
                Some(top) => return Err(format!("</{name}> closes <{top}>")),
                None => return Err(format!("</{name}> closes nothing")),
            }
            continue;
        }
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            match b.get(i) {
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b' ') => {
                    i += 1;
                    if html[i..].starts_with("/>") {
                        if !VOID.contains(&name.as_str()) {
                            return Err(format!("self-closing non-void <{name}/>"));
                        }
                        i += 2;
                        break;
                    }
                    let attr_start = i;
                    while i < b.len() && (b[i].is_ascii_lowercase() || b[i] == b'-') {
                        i += 1;
                    }
                    let attr = html[attr_start..i].to_owned();
                    if attr.is_empty() {
                        return Err(format!("malformed attribute in <{name}>"));
                    }
                    let value = if b.get(i) == Some(&b'=') {
                        if b.get(i + 1) != Some(&b'"') {
                            return Err(format!("unquoted value of {attr} in <{name}>"));
                        }
                        let value_start = i + 2;
                        let len = html[value_start..].find('"').ok_or("unterminated attribute value")?;
                        let raw = &html[value_start..value_start + len];
                        if raw.contains('<') {
                            return Err(format!("'<' inside {attr}={raw:?}"));
                        }
                        i = value_start + len + 1;
                        nul_in_attribute(decode(raw)?)
                    } else {
                        String::new()
                    };
                    if attrs.iter().any(|(a, _)| *a == attr) {
                        return Err(format!("duplicate attribute {attr} in <{name}>"));
                    }
                    attrs.push((attr, value));
                }
                _ => return Err(format!("malformed <{name}> tag")),
            }
        }
        attrs.sort();
        open_tag(&mut out, &name, &attrs);
        if !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    push_text(&mut out, &nul_in_text(decode(&text)?));
    if let Some(top) = open.last() {
        return Err(format!("<{top}> is never closed"));
    }
    Ok(out)
}

/// The message of a caught panic (from `catch_unwind`), for a report of every failing case.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}
