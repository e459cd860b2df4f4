//! Snapshots (insta) of what the core writes for the test articles: the article's body with its
//! outline and the places of its section links, and the widget's markup (the command line's
//! fragments and pages are cli/tests/fixture_snapshots.rs). A change in output is then a diff to
//! review.
//!
//! The articles: articles/sample.md (built into the module), the end-to-end fixtures and
//! tests/articles/*.md, which hold every construct the renderer handles. After a deliberate
//! change: `INSTA_UPDATE=always cargo test -p reading-widget-core --test article_snapshots`, then
//! review the diff of tests/snapshots/.
#![cfg(not(target_arch = "wasm32"))]

use reading_widget_core::i18n::Labels;
use reading_widget_core::settings::{FontStep, Lang, Theme};
use reading_widget_core::template::{self, Chrome};
use std::fmt::Write;
use std::path::PathBuf;

/// Each test article's name and Markdown, in a fixed order.
fn articles() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for dir in ["articles", "tests/e2e/fixtures", "core/tests/articles"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            found.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(found.len() >= 5, "the test articles are found");
    found
}

/// The body, then what the article says about it: outline, heading places, blocks, reading time.
fn body(markdown: &str) -> String {
    let article = reading_widget_core::render(markdown).unwrap();
    let mut out = article.html.clone();
    out.push_str("\n---\n");
    for (section, head) in article.outline.iter().zip(&article.section_heads) {
        let _ = writeln!(out, "h{} #{} {:?} at {}..{}", section.level, section.id, section.title, head.start, head.end);
    }
    let ends: Vec<String> = article.blocks.iter().map(|b| format!("{}:{}", b.end, b.text_width)).collect();
    let _ = writeln!(out, "blocks (end:text width) {}", ends.join(" "));
    let _ = writeln!(out, "{} min; lede {:?}", article.reading_minutes, article.lede);
    out
}

/// The shadow root's markup, as `mount()` writes it, one element a line for readable diffs.
fn markup(markdown: &str) -> String {
    let article = reading_widget_core::render(markdown).unwrap();
    let labels = Labels::for_lang(Lang::En);
    let chrome =
        Chrome { article: &article, labels: &labels, lang: Lang::En, theme: Theme::Auto, step: FontStep::DEFAULT };
    lines(&template::markup(&chrome))
}

/// `markup` with a line break before each tag that follows a tag, so that a snapshot's diff shows
/// the elements that changed. Only for reading: the snapshots are compared as written.
fn lines(html: &str) -> String {
    html.replace("><", ">\n<")
}

#[test]
fn bodies() {
    for (name, markdown) in articles() {
        insta::assert_snapshot!(format!("body_{name}"), body(&markdown));
    }
}

#[test]
fn markups() {
    for (name, markdown) in articles() {
        insta::assert_snapshot!(format!("markup_{name}"), markup(&markdown));
    }
}
