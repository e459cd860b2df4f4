//! XSS corpus: every case in tests/xss/payloads.toml is rendered, its expected safe output is
//! checked, and the whole output is parsed with a real HTML5 parser and checked for anything
//! that could run script (see tests/xss/check.rs).
//!
//! A case:
//!
//! ```toml
//! [[case]]
//! name = "img onerror"                    # unique
//! markdown = '<img src=x onerror=alert(1)>'
//! contains = ['&lt;img src=x onerror=alert(1)&gt;']  # substrings of the rendered HTML
//! absent = ['<img']                       # must not appear in it
//! text = ['<img src=x onerror=alert(1)>'] # must appear in the text a reader sees
//! in = "page"                             # optional: check the whole widget markup, not the body
//! error = true                            # optional: rendering is refused; the error box is checked
//! ```
//!
//! Set `XSS_DUMP=1` to print each case's output instead of only failing.
#![cfg(not(target_arch = "wasm32"))]

#[path = "xss/check.rs"]
mod check;

use check::{assert_no_script, assert_unique_ids, assert_well_formed, page, panic_message, text_content, Part};
use reading_widget_core::render;
use reading_widget_core::template::error_markup;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    markdown: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    text: Vec<String>,
    #[serde(default, rename = "in")]
    scope: Scope,
    #[serde(default)]
    error: bool,
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Debug)]
#[serde(rename_all = "lowercase")]
enum Scope {
    #[default]
    Body,
    Page,
}

fn corpus() -> Vec<Case> {
    let text = include_str!("xss/payloads.toml");
    toml::from_str::<Corpus>(text).expect("tests/xss/payloads.toml parses").case
}

/// Runs one case; returns a description of every failed expectation.
fn run(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let (subject, part) = match (render(&case.markdown), case.error) {
        (Ok(article), false) => {
            // The generic checks hold for the body alone and for the whole widget around it.
            assert_no_script(&article.html, Part::Body);
            assert_well_formed(&article.html);
            let page = page(&article);
            let page_doc = assert_no_script(&page, Part::Page);
            assert_well_formed(&page);
            assert_unique_ids(&page_doc, &page);
            match case.scope {
                Scope::Body => (article.html, Part::Body),
                Scope::Page => (page, Part::Page),
            }
        }
        (Err(err), true) => {
            let html = error_markup(&err.to_string());
            assert_no_script(&html, Part::Page);
            assert_well_formed(&html);
            (html, Part::Page)
        }
        (Ok(_), true) => return vec!["expected rendering to be refused, but it succeeded".into()],
        (Err(err), false) => return vec![format!("rendering failed: {err}")],
    };
    if std::env::var_os("XSS_DUMP").is_some() {
        println!("=== {} ({part:?})\n{subject}", case.name);
    }
    for want in &case.contains {
        if !subject.contains(want.as_str()) {
            failures.push(format!("expected to contain {want:?}"));
        }
    }
    for bad in &case.absent {
        if subject.contains(bad.as_str()) {
            failures.push(format!("expected not to contain {bad:?}"));
        }
    }
    let text = text_content(&check::parse(&subject));
    for want in &case.text {
        if !text.contains(want.as_str()) {
            failures.push(format!("expected the reader to see {want:?}; text is {text:?}"));
        }
    }
    failures.into_iter().map(|f| format!("{f}\n    output: {subject}")).collect()
}

#[test]
fn corpus_is_large_and_well_formed() {
    let cases = corpus();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut names = HashSet::new();
    for case in &cases {
        assert!(names.insert(case.name.as_str()), "duplicate case name {:?}", case.name);
        assert!(
            !case.contains.is_empty() || !case.text.is_empty() || !case.absent.is_empty(),
            "case {:?} states no expected safe output",
            case.name
        );
    }
}

#[test]
fn every_payload_renders_safely() {
    let mut report = Vec::new();
    for case in corpus() {
        let name = case.name.clone();
        match std::panic::catch_unwind(|| run(&case)) {
            Ok(failures) => report.extend(failures.into_iter().map(|f| format!("[{name}] {f}"))),
            Err(panic) => report.push(format!("[{name}] generic check failed: {}", panic_message(panic.as_ref()))),
        }
    }
    assert!(report.is_empty(), "{} failure(s):\n{}", report.len(), report.join("\n\n"));
}

/// Raw HTML in the corpus reaches the output only as the allowlist's elements (every output is
/// checked against core/tests/xss/allowlist.toml by `assert_no_script`), and no tag the author
/// wrote outside code is left in what the reader sees as `<name`: it was rendered or taken out.
#[test]
fn raw_html_is_rendered_or_taken_out_never_shown_as_markup() {
    for case in corpus().iter().filter(|c| !c.error && c.scope == Scope::Body) {
        let article = render(&case.markdown).unwrap();
        let html = check::parse(&article.html);
        for element in check::elements(&html) {
            let name = element.value().name();
            if matches!(name, "code" | "pre") {
                continue;
            }
            for text in element.text() {
                for allowed in ["<sup", "<sub", "<br", "<kbd", "<ruby", "<details", "<span", "<abbr"] {
                    let in_code = element
                        .ancestors()
                        .filter_map(scraper::ElementRef::wrap)
                        .any(|e| matches!(e.value().name(), "code" | "pre"));
                    assert!(in_code || !text.contains(allowed), "[{}] {allowed} shown as text: {text:?}", case.name);
                }
            }
        }
    }
}
