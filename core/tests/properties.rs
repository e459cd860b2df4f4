//! Property tests over generated Markdown: whatever an author writes, the rendered body and the
//! widget's markup parse back (with html5ever) into exactly the tree the tags spell out, nothing
//! in them can run script, heading ids are unique, and the outline names the h2/h3 elements in
//! order. Rendering never panics.
//!
//! Inputs come from a grammar of Markdown-ish fragments (headings with `{…}` attributes,
//! emphasis, links and images with hostile URLs, reference links, raw HTML, lists, quotes, code,
//! tables, footnotes, front matter) mixed with arbitrary strings.
//!
//! Case counts are kept small so `cargo test` stays quick; `PROPTEST_CASES=5000 cargo test
//! --test properties` runs every property that many times. On failure proptest prints the
//! shrunk input: add it to tests/xss/payloads.toml as a regression case.
#![cfg(not(target_arch = "wasm32"))]

#[path = "xss/check.rs"]
mod check;

use check::{
    assert_no_script, assert_unique_ids, assert_well_formed, elements, has_allowed_scheme, is_script_url, page, Part,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use reading_widget_core::link_policy;
use reading_widget_core::markup_names::id::NAV as NAV_ID;
use reading_widget_core::render;
use reading_widget_core::slug::{slugify, IdAllocator};
use reading_widget_core::template::error_markup;
use std::collections::HashSet;

/// `cases` runs of each property, unless PROPTEST_CASES says otherwise. No regression files
/// are written into the source tree.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    Config { cases, failure_persistence: None, ..Config::default() }
}

// ---- The grammar ------------------------------------------------------------------------------

/// Any text at all, controls and astral characters included.
fn junk() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s).{0,12}",
        any::<String>().prop_map(|s| s.chars().take(16).collect()),
        Just("\u{0}".to_owned()),
        Just("\r\n".to_owned()),
        Just("+++".to_owned()),
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9]{1,8}",
        1 => "[가-힣ぁ-んア-ン一-龯]{1,4}",
        1 => Just("Notes".to_owned()),
        1 => Just("rw sections".to_owned()),
        1 => Just("section".to_owned()),
    ]
}

/// Link and image destinations, hostile ones over-represented.
fn url() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just(""),
        Just("javascript:"),
        Just("JaVaScRiPt:"),
        Just("vbscript:"),
        Just("data:text/html,"),
        Just("DATA:image/svg+xml;base64,"),
        Just("http://"),
        Just("https://"),
        Just("HTTPS://"),
        Just("mailto:"),
        Just("ftp://"),
        Just("file:///"),
        Just("//"),
        Just("/\\"),
        Just("#"),
        Just("/"),
        Just("?q="),
        Just("java\tscript:"),
        Just("&#106;avascript:"),
        Just("&#x6A;avascript:"),
        Just("javascript&colon;"),
        Just("java&#x09;script:"),
        Just("&amp;#106;avascript:"),
        Just("\u{1}javascript:"),
        Just(" javascript:"),
        Just("\u{2028}javascript:"),
        Just("\u{0}javascript:"),
        Just("javascript\u{7f}:"),
        Just("onerror=alert(1)//"),
    ];
    let rest = prop_oneof!["[a-z0-9./?#=&;:()-]{0,12}", "[a-z0-9\"'<> ()]{0,8}", junk()];
    (scheme, rest).prop_map(|(s, r)| format!("{s}{r}"))
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z ]{0,6}".prop_map(|t| format!(" \"{t}\"")),
        Just(" \"a\\\" onmouseover=\\\"alert(1)\"".to_owned()),
        Just(" 'x\\' onclick=\\'y'".to_owned()),
        Just(" (t\" autofocus onfocus=\"alert\\(1\\))".to_owned()),
    ]
}

fn raw_tag() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("script"),
        Just("img"),
        Just("svg"),
        Just("iframe"),
        Just("a"),
        Just("div"),
        Just("style"),
        Just("p"),
        Just("table"),
        Just("td"),
        Just("form"),
        Just("math"),
        Just("object"),
        Just("base"),
        Just("meta"),
        Just("b"),
        Just("details"),
        Just("noscript"),
        Just("template"),
        Just("textarea"),
        // The allowlist of raw HTML (issue 19): rendered, with only their allowed attributes.
        Just("sup"),
        Just("ruby"),
        Just("rt"),
        Just("abbr"),
        Just("span"),
        Just("figure"),
        Just("summary"),
        Just("s"),
    ];
    let attr = prop_oneof![
        Just(""),
        Just(" onerror=alert(1)"),
        Just(" onload=\"alert(1)\""),
        Just(" src=x"),
        Just(" href=javascript:alert(1)"),
        Just(" style='position:fixed'"),
        Just(" class=to-top"),
        Just(" id=rw-sections"),
        Just(" formaction=javascript:x"),
        Just("/onload=alert(1)"),
        Just(" title=\"x\" lang=ko dir=rtl"),
        Just(" src=javascript:alert(1) alt=x width=9"),
    ];
    prop_oneof![
        (name.clone(), attr).prop_map(|(n, a)| format!("<{n}{a}>")),
        name.prop_map(|n| format!("</{n}>")),
        Just("<!-- c -->".to_owned()),
        Just("<![CDATA[<script>]]>".to_owned()),
        Just("<?php x ?>".to_owned()),
    ]
}

fn inline() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => word(),
        1 => junk(),
        2 => raw_tag(),
        1 => prop_oneof![Just("&#106;"), Just("&lt;"), Just("&amp;"), Just("&#x3C;script&#x3E;"), Just("&colon;")]
            .prop_map(str::to_owned),
        1 => "[a-z]{0,6}".prop_map(|c| format!("`<{c}>`")),
        2 => (word(), url(), title()).prop_map(|(t, u, ti)| format!("[{t}]({u}{ti})")),
        1 => (word(), url()).prop_map(|(t, u)| format!("[{t}](<{u}>)")),
        2 => (word(), url(), title()).prop_map(|(t, u, ti)| format!("![{t}]({u}{ti})")),
        1 => url().prop_map(|u| format!("<{u}>")),
        1 => (word(), 0..3u8).prop_map(|(t, n)| format!("[{t}][r{n}]")),
        1 => (0..3u8).prop_map(|n| format!("[^{n}]")),
        1 => Just("[^a b]".to_owned()),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|s| format!("*{s}*")),
            inner.clone().prop_map(|s| format!("**{s}**")),
            inner.clone().prop_map(|s| format!("~~{s}~~")),
            (inner.clone(), url()).prop_map(|(s, u)| format!("[{s}]({u})")),
            (inner.clone(), url()).prop_map(|(s, u)| format!("![{s}]({u})")),
            prop::collection::vec(inner, 1..4).prop_map(|v| v.join(" ")),
        ]
    })
}

fn heading_attrs() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        1 => word().prop_map(|w| format!(" {{#{w}}}")),
        1 => Just(" {#rw-sections}".to_owned()),
        1 => Just(" {#fn-0}".to_owned()),
        1 => Just(" {#a\"onclick=\"b}".to_owned()),
        1 => Just(" {.x onclick=alert(1) style=color:red}".to_owned()),
        1 => Just(" {#id .to-top data-action=top}".to_owned()),
    ]
}

fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => prop::collection::vec(inline(), 1..5).prop_map(|v| v.join(" ")),
        3 => (1..=6usize, inline(), heading_attrs()).prop_map(|(n, t, a)| format!("{} {t}{a}", "#".repeat(n))),
        1 => (inline(), prop_oneof![Just("==="), Just("---")]).prop_map(|(t, u)| format!("{t}\n{u}")),
        1 => (prop_oneof![Just(""), Just("rust"), Just("x\tto-top"), Just("a\"b"), Just("`")], junk())
            .prop_map(|(info, code)| format!("```{info}\n{code}\n```")),
        1 => junk().prop_map(|code| format!("    {code}")),
        1 => (inline(), inline(), inline(), inline()).prop_map(|(a, b, c, d)| format!(
            "| {a} | {b} |\n|:--|--:|\n| {c} | {d} |"
        )),
        1 => ((0..3u8), inline()).prop_map(|(n, t)| format!("[^{n}]: {t}")),
        1 => ((0..3u8), url(), title()).prop_map(|(n, u, t)| format!("[r{n}]: {u}{t}")),
        1 => (raw_tag(), inline()).prop_map(|(tag, t)| format!("{tag}\n{t}")),
        1 => Just("<script>\nalert(1)\n</script>".to_owned()),
        1 => Just("---".to_owned()),
        1 => junk(),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|b| b.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n")),
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v
                .iter()
                .map(|b| format!("- {}", b.replace('\n', "\n  ")))
                .collect::<Vec<_>>()
                .join("\n")),
            prop::collection::vec(inner, 1..3).prop_map(|v| v
                .iter()
                .map(|b| format!("1. {}", b.replace('\n', "\n   ")))
                .collect::<Vec<_>>()
                .join("\n")),
        ]
    })
}

/// A TOML basic string holding `s` exactly.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn front_matter() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        word(),
        junk(),
        Just("<script>alert(1)</script>".to_owned()),
        Just("\"><img src=x onerror=alert(1)>".to_owned()),
        Just("en\" onmouseover=\"alert(1)".to_owned()),
    ];
    let key = prop_oneof![
        Just("title"),
        Just("subtitle"),
        Just("author"),
        Just("affiliation"),
        Just("lang"),
        Just("copyright"),
        Just("date"),
    ];
    prop_oneof![
        2 => Just(String::new()),
        3 => prop::collection::btree_map(key, value, 1..5).prop_map(|fields| {
            let body: String = fields.iter().map(|(k, v)| format!("{k} = {}\n", toml_string(v))).collect();
            format!("+++\n{body}+++\n\n")
        }),
        1 => junk().prop_map(|j| format!("+++\n{j}\n+++\n")),
    ]
}

fn article() -> impl Strategy<Value = String> {
    (front_matter(), prop::collection::vec(block(), 0..8), prop::bool::ANY)
        .prop_map(|(fm, blocks, tight)| format!("{fm}{}", blocks.join(if tight { "\n" } else { "\n\n" })))
}

// ---- The properties -----------------------------------------------------------------------------

/// Renders `markdown` and checks everything that must hold for any input.
fn check_all(markdown: &str) {
    let article = match render(markdown) {
        Ok(article) => article,
        Err(err) => {
            // Refused front matter: the error box is what the reader sees, and it is safe too.
            let html = error_markup(&err.to_string());
            assert_no_script(&html, Part::Page);
            assert_well_formed(&html);
            return;
        }
    };

    // Safe and well-formed: the body alone, and inside the widget's chrome.
    let body = assert_no_script(&article.html, Part::Body);
    assert_well_formed(&article.html);
    let page = page(&article);
    let page_doc = assert_no_script(&page, Part::Page);
    assert_well_formed(&page);
    assert_unique_ids(&page_doc, &page);

    // Heading ids are unique, and the outline lists exactly the h2/h3 elements, in order.
    let mut heading_ids = HashSet::new();
    let mut h23 = Vec::new();
    for el in elements(&body) {
        let name = el.value().name();
        if let Some(level) = name.strip_prefix('h').and_then(|l| l.parse::<u8>().ok()) {
            let id = el.value().id().expect("every body heading has an id").to_owned();
            assert!(heading_ids.insert(id.clone()), "heading id {id:?} repeats in {}", article.html);
            assert_ne!(id, NAV_ID, "a heading took the navigation's id");
            if level == 2 || level == 3 {
                h23.push((level, id));
            }
        }
    }
    let outline: Vec<(u8, String)> = article.outline.iter().map(|s| (s.level, s.id.clone())).collect();
    assert_eq!(outline, h23, "outline vs h2/h3 in {}", article.html);

    // In the widget, each outline id finds its heading first (the shell looks headings up by
    // id), and the navigation links to the outline in order.
    let all = elements(&page_doc);
    for section in &article.outline {
        let first = all.iter().find(|e| e.value().id() == Some(section.id.as_str()));
        let tag = first.map(|e| e.value().name());
        assert_eq!(tag, Some(if section.level == 2 { "h2" } else { "h3" }), "#{} in {page}", section.id);
    }
    let nav_links: Vec<String> = all
        .iter()
        // Links: each section's copy-link button names its section the same way.
        .filter(|e| e.value().name() == "a" && e.value().attr("data-section").is_some())
        .map(|e| e.value().attr("href").unwrap_or_default().to_owned())
        .collect();
    let wanted: Vec<String> = article.outline.iter().map(|s| format!("#{}", s.id)).collect();
    assert_eq!(nav_links, wanted);
}

proptest! {
    #![proptest_config(config(192))]

    /// Generated articles: safe, well-formed, unique ids, outline in step with the headings.
    #[test]
    fn generated_articles_render_safely(markdown in article()) {
        check_all(&markdown);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary strings, not shaped like Markdown at all: never a panic, always safe.
    #[test]
    fn arbitrary_text_renders_safely(text in prop_oneof![any::<String>(), "(?s).{0,64}", "[\\[\\]()<>!#*`|^:\\\\\"'& \n\t-]{0,48}"]) {
        check_all(&text);
    }

    /// A link or image to any URL is either dropped or points somewhere the allowlist admits,
    /// as the browser's URL parser will read it.
    #[test]
    fn links_and_images_only_carry_allowed_urls(u in url(), image in prop::bool::ANY) {
        let markdown = format!("{}[x](<{}>)", if image { "!" } else { "" }, u.replace(['<', '>', '\n'], ""));
        check_all(&markdown);
        if let Some((cleaned, _)) = link_policy::check(&u) {
            prop_assert!(has_allowed_scheme(&cleaned) && !is_script_url(&cleaned), "{u:?} passed as {cleaned:?}");
            prop_assert!(has_allowed_scheme(&u) && !is_script_url(&u), "{u:?} passed");
        }
    }

    /// Raw HTML is rendered (the allowlist) or taken out, never shown as markup, and the text
    /// around it stays: the reader sees the words before it, and after it unless the tag opened
    /// an element removed with its content (`<script>`).
    #[test]
    fn raw_html_is_rendered_or_taken_out(before in word(), tag in raw_tag(), after in word()) {
        let markdown = format!("{before} {tag} {after}");
        let article = render(&markdown).unwrap();
        let text = check::text_content(&check::parse(&article.html));
        prop_assert!(text.contains(before.trim()), "{before:?} not visible in {text:?}");
        let removes = ["<script", "<style", "<iframe", "<object", "<template", "<svg", "<math"]
            .iter()
            .any(|r| tag.starts_with(r));
        prop_assert!(removes || text.contains(after.trim()), "{after:?} not visible in {text:?} ({tag:?})");
        check_all(&markdown);
    }

    /// Slugs are readable ids: never empty after allocation, never containing whitespace,
    /// quotes or markup, and one allocator never hands out an id twice.
    #[test]
    fn slugs_are_plain_and_ids_unique(texts in prop::collection::vec(junk(), 1..12)) {
        let mut ids = IdAllocator::default();
        ids.reserve(NAV_ID);
        let mut seen = HashSet::new();
        for text in &texts {
            let slug = slugify(text);
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug:?}");
            prop_assert!(!slug.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>&#".contains(c)), "{slug:?}");
            let id = ids.allocate(&slug);
            prop_assert!(!id.is_empty() && id != NAV_ID);
            prop_assert!(seen.insert(id.clone()), "{id:?} handed out twice");
        }
    }
}
