//! The hydration contract (see `reading_widget_core::markup_names`):
//!
//! - the markup's skeleton (elements, classes, attribute names, in tree order, read back with
//!   html5ever) cannot change while `MARKUP_VERSION` stays the same: its digest is recorded with
//!   the version in `tests/markup/skeleton.toml`;
//! - the skeleton and the whole markup of a fixture article are snapshots (insta), so a change is
//!   a reviewed diff;
//! - the names module's lists are recorded in `tests/markup/names.json` for the JS test that holds
//!   style.css, element.js and the embed entries to them (tests/e2e/markup-names.test.mjs), and
//!   every name it declares is one the markup uses.
//!
//! After a deliberate change: bump `core/src/markup-version.txt`, then
//! `RECORD_MARKUP=1 INSTA_UPDATE=always cargo test -p reading-widget-core --test markup_contract`
//! and review the diff of `tests/markup/` and `tests/snapshots/`.
#![cfg(not(target_arch = "wasm32"))]

use ego_tree::NodeRef;
use reading_widget_core::i18n::Labels;
use reading_widget_core::markup_names::{action, attr, class, id, listen, nav, slot, MARKUP_VERSION};
use reading_widget_core::prerender::{self, Prerender};
use reading_widget_core::settings::{Content, FontStep, Lang, Theme};
use reading_widget_core::template::{self, Chrome};
use scraper::{Html, Node};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::PathBuf;

const FIXTURE: &str = include_str!("markup/fixture.md");

/// Whether the recorded files are to be written rather than compared.
fn recording() -> bool {
    std::env::var_os("RECORD_MARKUP").is_some_and(|v| v == "1")
}

fn recorded_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/markup").join(name)
}

/// The shadow root's markup for `markdown`, as `mount()` renders it.
fn markup(markdown: &str, step: FontStep) -> String {
    let article = reading_widget_core::render(markdown).expect("the fixture renders");
    let labels = Labels::for_lang(Lang::En);
    template::markup(&Chrome { article: &article, labels: &labels, lang: Lang::En, theme: Theme::Auto, step })
}

/// A long article: its body comes in chunks (`data-long`).
fn long_fixture() -> String {
    let paragraph = "Words in a paragraph of a long essay. ".repeat(25);
    (0..80).map(|i| format!("## Part {i}\n\n{paragraph}\n\n{paragraph}\n\n")).collect()
}

/// Every shape of markup the widget writes: an article with every part, the least article, a
/// long one, the smallest and largest text sizes, the error box, and a pre-rendered fragment.
fn cases() -> Vec<(&'static str, String)> {
    let long = long_fixture();
    assert!(reading_widget_core::render(&long).unwrap().html.len() > template::LONG_ARTICLE_BYTES);
    vec![
        ("fixture", markup(FIXTURE, FontStep::DEFAULT)),
        ("fixture at step 1", markup(FIXTURE, FontStep::MIN)),
        ("fixture at step 5", markup(FIXTURE, FontStep::MAX)),
        ("untitled, no headings", markup("Just a paragraph.", FontStep::DEFAULT)),
        ("long", markup(&long, FontStep::DEFAULT)),
        ("error", template::error_markup("a message")),
        ("fragment", prerender::fragment("Just a paragraph.", &Prerender::default()).unwrap()),
        (
            "fragment, content light",
            prerender::fragment(FIXTURE, &Prerender { content: Content::Light, ..Prerender::default() }).unwrap(),
        ),
    ]
}

/// Which attributes' values are part of the skeleton: those that say what an element is, not
/// what it shows (ids, text, settings and links are the article's).
const SHAPING_VALUES: &[&str] = &["class", attr::DATA_ACTION, "role", "type", "shadowrootmode", "rel"];

/// One line per element, indented by depth: its name, its classes (`.a.b`), then its other
/// attributes in name order (`[name]`, or `[name=value]` for [`SHAPING_VALUES`]).
/// Consecutive siblings of the same skeleton are written once, with their count: a change in
/// an article's number of paragraphs is not a change of the markup's shape. With `full`, every
/// value and text node is written too (for the reviewed snapshot of the whole markup).
fn dump(node: NodeRef<Node>, depth: usize, full: bool, out: &mut Vec<String>) {
    let indent = "  ".repeat(depth);
    match node.value() {
        Node::Element(el) => {
            let mut line = format!("{indent}{}", el.name());
            for class in el.classes() {
                line.push('.');
                line.push_str(class);
            }
            for (name, value) in el.attrs() {
                if name == "class" {
                    continue;
                }
                if full || SHAPING_VALUES.contains(&name) {
                    line.push_str(&format!("[{name}={value:?}]"));
                } else {
                    line.push_str(&format!("[{name}]"));
                }
            }
            out.push(line);
            children(node, depth + 1, full, out);
        }
        Node::Text(text) if full && !text.trim().is_empty() => out.push(format!("{indent}{:?}", &**text)),
        Node::Fragment | Node::Document => children(node, depth, full, out),
        _ => {}
    }
}

fn children(node: NodeRef<Node>, depth: usize, full: bool, out: &mut Vec<String>) {
    let mut previous: Option<(Vec<String>, usize)> = None;
    let flush = |previous: Option<(Vec<String>, usize)>, out: &mut Vec<String>| {
        if let Some((mut lines, count)) = previous {
            if count > 1 {
                lines[0].push_str(&format!(" ×{count}"));
            }
            out.extend(lines);
        }
    };
    for child in node.children() {
        let mut lines = Vec::new();
        dump(child, depth, full, &mut lines);
        if lines.is_empty() {
            continue;
        }
        match &mut previous {
            Some((same, count)) if !full && *same == lines => *count += 1,
            _ => flush(previous.replace((lines, 1)), out),
        }
    }
    flush(previous, out);
}

/// `html` parsed as a browser parses a fragment, reduced as [`dump`] says.
fn reduced(html: &str, full: bool) -> String {
    let parsed = Html::parse_fragment(html);
    assert!(parsed.errors.is_empty(), "the markup parses without errors: {:?}", parsed.errors);
    let mut lines = Vec::new();
    // parse_fragment wraps the fragment in an <html> element of its own: its children are ours.
    let wrapper = parsed.root_element();
    children(*wrapper, 0, full, &mut lines);
    lines.join("\n") + "\n"
}

/// The skeleton of every case, headed by its name.
fn skeleton() -> String {
    cases().iter().map(|(name, html)| format!("# {name}\n{}", reduced(html, false))).collect::<Vec<_>>().join("\n")
}

#[derive(Deserialize, PartialEq, Debug)]
struct Recorded {
    version: String,
    digest: String,
}

const RECORD: &str = "RECORD_MARKUP=1 INSTA_UPDATE=always cargo test -p reading-widget-core --test markup_contract";

#[test]
fn the_skeleton_is_a_reviewed_snapshot() {
    insta::assert_snapshot!("skeleton", skeleton());
}

#[test]
fn the_fixture_s_whole_markup_is_a_reviewed_snapshot() {
    insta::assert_snapshot!("fixture_markup", reduced(&markup(FIXTURE, FontStep::DEFAULT), true));
}

#[test]
fn the_version_changes_whenever_the_skeleton_does() {
    let digest = format!("{:x}", Sha256::digest(skeleton().as_bytes()));
    let path = recorded_path("skeleton.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let recorded: Option<Recorded> = toml::from_str(&text).ok();
    let current = Recorded { version: MARKUP_VERSION.to_owned(), digest };
    if recording() {
        if let Some(recorded) = &recorded {
            assert!(
                recorded.digest == current.digest || recorded.version != current.version,
                "the markup's skeleton changed, so it cannot be recorded under the same version {:?}: bump core/src/markup-version.txt first",
                recorded.version
            );
        }
        let file = format!(
            "# The markup's version and the SHA-256 of its skeleton (core/tests/markup_contract.rs).\n# Written by `{RECORD}`.\nversion = {:?}\ndigest = {:?}\n",
            current.version, current.digest
        );
        std::fs::write(&path, file).unwrap();
        return;
    }
    let Some(recorded) = recorded else {
        panic!("{} is missing or unreadable; record it with `{RECORD}`", path.display());
    };
    if recorded.version == current.version {
        assert!(
            recorded.digest == current.digest,
            "The markup's skeleton changed (its elements, classes or attribute names; see the skeleton \
             snapshot's diff), but MARKUP_VERSION is still {:?}. Fragments pre-rendered with the old \
             markup under that version would be taken over by a module that expects the new one. Bump \
             the version in core/src/markup-version.txt, then re-record with `{RECORD}`.",
            current.version
        );
    } else {
        panic!(
            "MARKUP_VERSION is {:?}, but tests/markup/skeleton.toml records version {:?}: re-record with `{RECORD}` and review the skeleton snapshot",
            current.version, recorded.version
        );
    }
}

/// The names module's lists, as the JS test reads them.
fn names_json() -> String {
    let names = serde_json::json!({
        "class": class::ALL,
        "attr": attr::ALL,
        "action": action::ALL,
        "nav": nav::ALL,
        "listen": listen::ALL,
        "id": id::ALL,
        "slot": slot::ALL,
    });
    serde_json::to_string_pretty(&names).unwrap() + "\n"
}

#[test]
fn the_names_are_recorded_for_the_css_and_js_test() {
    let path = recorded_path("names.json");
    let json = names_json();
    if recording() {
        std::fs::write(&path, &json).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(recorded == json, "{} is not the names module's lists; re-record with `{RECORD}`:\n{json}", path.display());
}

/// Every class, attribute, action and id the names module declares is one the markup uses,
/// except what only script sets.
#[test]
fn every_declared_name_is_used_by_the_markup() {
    let (mut classes, mut attrs, mut actions, mut ids, mut navs) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for (_, html) in cases() {
        let parsed = Html::parse_fragment(&html);
        for node in parsed.tree.nodes() {
            let Node::Element(el) = node.value() else { continue };
            classes.extend(el.classes().map(str::to_owned));
            for (name, value) in el.attrs() {
                attrs.insert(name.to_owned());
                match name {
                    n if n == attr::DATA_ACTION => _ = actions.insert(value.to_owned()),
                    n if n == attr::DATA_NAV => _ = navs.insert(value.to_owned()),
                    "id" => _ = ids.insert(value.to_owned()),
                    _ => {}
                }
            }
        }
    }
    let set_by_script = [
        attr::DATA_LIVE,
        attr::DATA_PARTIAL,
        nav::OPEN,
        attr::DATA_LINE_SPACING,
        attr::DATA_WIDTH,
        attr::DATA_FONT,
        attr::DATA_LISTEN,
    ];
    let missing = |declared: &[&str], used: &BTreeSet<String>| -> Vec<String> {
        declared.iter().filter(|n| !used.contains(**n) && !set_by_script.contains(n)).map(|n| n.to_string()).collect()
    };
    assert_eq!(missing(class::ALL, &classes), Vec::<String>::new(), "declared classes the markup never uses");
    assert_eq!(missing(attr::ALL, &attrs), Vec::<String>::new(), "declared attributes the markup never uses");
    assert_eq!(missing(action::ALL, &actions), Vec::<String>::new(), "declared actions no button has");
    assert_eq!(missing(nav::ALL, &navs), Vec::<String>::new(), "declared data-nav values");
    assert_eq!(missing(id::ALL, &ids), Vec::<String>::new(), "declared ids");
    // And the other way: the widget's own classes and data attributes are all declared (the
    // article's body may carry `language-…` classes of its code blocks, which nothing selects).
    let undeclared: Vec<&String> =
        classes.iter().filter(|c| !class::ALL.contains(&c.as_str()) && !c.starts_with("language-")).collect();
    assert!(undeclared.is_empty(), "classes the markup uses that markup_names does not declare: {undeclared:?}");
    let undeclared: Vec<&String> =
        attrs.iter().filter(|a| a.starts_with("data-") && !attr::ALL.contains(&a.as_str())).collect();
    assert!(
        undeclared.is_empty(),
        "data attributes the markup uses that markup_names does not declare: {undeclared:?}"
    );
}
