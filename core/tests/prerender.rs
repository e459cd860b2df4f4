//! Pre-rendered widgets (`prerender::fragment` and `prerender::page`): the shadow markup is the
//! markup `mount()` renders, the fragment and page have exactly their documented shape, and
//! the whole XSS corpus stays inert through them, parsed with html5ever as a browser would:
//! the only scripts are the one module script and the one JSON-LD block, and nothing in an
//! article can close or comment out the JSON-LD.
#![cfg(not(target_arch = "wasm32"))]

#[path = "xss/check.rs"]
mod check;

use check::{assert_no_script, assert_well_formed, elements, has_allowed_scheme, is_script_url, panic_message, Part};
use reading_widget_core::article::{Article, ArticleError};
use reading_widget_core::i18n::Labels;
use reading_widget_core::prerender::{self, Assets, Build, Prerender};
use reading_widget_core::render;
use reading_widget_core::settings::{Content, FontStep, Lang, Theme};
use reading_widget_core::template::{markup, Chrome};
use scraper::{ElementRef, Html, Selector};
use serde::Deserialize;
use std::sync::LazyLock;

const SAMPLE: &str = include_str!("../../articles/sample.md");

/// The markup `mount()` renders for `article` with these settings.
fn mounted(article: &Article, lang: Lang, theme: Theme, step: FontStep) -> String {
    let labels = Labels::for_lang(lang);
    markup(&Chrome { article, labels: &labels, lang, theme, step })
}

fn settings(lang: Option<Lang>, theme: Theme, step: u8, assets: &str, build: Build) -> Prerender {
    Prerender {
        lang,
        theme,
        font_step: FontStep::new(f64::from(step)).unwrap(),
        assets: Assets::new(assets).unwrap(),
        build,
        content: Content::Shadow,
    }
}

// ---- (a) the shape, and the markup is mount()'s -----------------------------------------------

#[test]
fn the_fragment_is_exactly_its_three_parts_around_the_mounted_markup() {
    let korean = SAMPLE.replace("lang = \"en\"", "lang = \"ko\"");
    let cases = [
        (SAMPLE, Prerender::default(), Lang::En, "/pkg", "element.js"),
        (korean.as_str(), Prerender::default(), Lang::Ko, "/pkg", "element.js"),
        (
            korean.as_str(),
            settings(Some(Lang::Ja), Theme::Sepia, 5, "https://cdn.example.org/rw/", Build::HydrateOnly),
            Lang::Ja,
            "https://cdn.example.org/rw",
            "element-hydrate.js",
        ),
        (
            "Untitled, no front matter.",
            settings(None, Theme::Dark, 1, "../pkg", Build::Full),
            Lang::En,
            "../pkg",
            "element.js",
        ),
    ];
    for (markdown, settings, lang, assets, entry) in cases {
        let article = render(markdown).unwrap();
        let shadow = mounted(&article, lang, settings.theme, settings.font_step);
        let expected = format!(
            "<reading-widget><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"{assets}/reading-widget.css\">{shadow}</template></reading-widget>\n\
             <script type=\"module\" src=\"{assets}/{entry}\"></script>\n\
             <script type=\"application/ld+json\">{}</script>\n",
            prerender::json_ld(&article, &settings)
        );
        let fragment = prerender::fragment(markdown, &settings).unwrap();
        assert_eq!(fragment, expected);
        assert_eq!(prerender::article_fragment(&article, &settings), fragment);
        assert_eq!(shadow_markup(&fragment), shadow);
    }
}

#[test]
fn the_page_wraps_the_fragments_pieces_in_a_document() {
    let markdown = "+++\ntitle = \"On Tides & <Rivers>\"\nsubtitle = \"Essay Series · No. 3\"\nauthor = \"Kim\"\naffiliation = \"Institute\"\ndate = 2026-10-12\nlang = \"ko\"\ncopyright = \"© 2026\"\ncanonical = \"https://example.org/essays/3?x=1&y=2\"\n+++\n\nThe first paragraph.\n\n## One\n";
    let settings = Prerender { theme: Theme::Light, ..Prerender::default() };
    let article = render(markdown).unwrap();
    let fragment = prerender::fragment(markdown, &settings).unwrap();
    // The markup has newlines of its own: split after the element, then into the two scripts.
    let end = fragment.find("</reading-widget>\n").unwrap() + "</reading-widget>".len();
    let (element, scripts) = fragment.split_at(end);
    let lines: Vec<&str> = std::iter::once(element).chain(scripts[1..].lines()).collect();
    assert_eq!(lines.len(), 3, "{fragment}");
    let json = prerender::json_ld(&article, &settings);
    let expected = format!(
        "<!doctype html>\n\
         <html lang=\"ko\">\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>On Tides &amp; &lt;Rivers&gt;</title>\n\
         <meta name=\"description\" content=\"Essay Series · No. 3\">\n\
         <link rel=\"canonical\" href=\"https://example.org/essays/3?x=1&amp;y=2\">\n\
         <link rel=\"preload\" href=\"/pkg/reading-widget.css\" as=\"style\">\n\
         <script type=\"application/ld+json\">{json}</script>\n\
         </head>\n\
         <body>\n\
         <main>\n\
         {}\n\
         </main>\n\
         <script type=\"module\" src=\"/pkg/element.js\"></script>\n\
         </body>\n\
         </html>\n",
        lines[0]
    );
    assert_eq!(prerender::page(markdown, &settings).unwrap(), expected);
    assert_eq!(lines[1], r#"<script type="module" src="/pkg/element.js"></script>"#);
    assert_eq!(lines[2], format!(r#"<script type="application/ld+json">{json}</script>"#));
    assert_eq!(
        json,
        concat!(
            r#"{"@context":"https://schema.org","@type":"Article","headline":"On Tides \u0026 \u003cRivers\u003e","#,
            r#""alternativeHeadline":"Essay Series · No. 3","#,
            r#""author":{"@type":"Person","name":"Kim","affiliation":{"@type":"Organization","name":"Institute"}},"#,
            r#""datePublished":"2026-10-12","inLanguage":"ko","copyrightNotice":"© 2026","#,
            r#""url":"https://example.org/essays/3?x=1\u0026y=2","mainEntityOfPage":"https://example.org/essays/3?x=1\u0026y=2"}"#,
        )
    );
}

// ---- (d) the head: lang, title, description, canonical, preload -----------------------------

fn head(page: &str) -> (Html, String) {
    let doc = Html::parse_document(page);
    let lang = doc.root_element().attr("lang").unwrap_or_default().to_owned();
    (doc, lang)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    select(doc, css).first().and_then(|e| e.attr(name)).map(str::to_owned)
}

#[test]
fn the_head_has_lang_title_description_canonical_and_the_preload() {
    let page = prerender::page(SAMPLE, &Prerender::default()).unwrap();
    let (doc, lang) = head(&page);
    assert_eq!(lang, "en");
    let title = select(&doc, "head > title")[0].text().collect::<String>();
    assert_eq!(
        title,
        "Reading in Three Scripts: Publishing Public Research for Readers of English, Korean and Japanese"
    );
    assert_eq!(attr(&doc, "head > meta[name=description]", "content").as_deref(), Some("Policy Essay Series · No. 14"));
    assert_eq!(attr(&doc, "head > link[rel=preload]", "href").as_deref(), Some("/pkg/reading-widget.css"));
    assert_eq!(attr(&doc, "head > link[rel=preload]", "as").as_deref(), Some("style"));
    assert_eq!(
        attr(&doc, "head > link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/essays/sample.html")
    );
    assert_eq!(attr(&doc, "head > meta[charset]", "charset").as_deref(), Some("utf-8"));
    assert!(attr(&doc, "head > meta[name=viewport]", "content").is_some());
    assert_eq!(select(&doc, "head > script[type='application/ld+json']").len(), 1);
    assert_eq!(select(&doc, "body > main > reading-widget > template[shadowrootmode=open]").len(), 1);
    assert_eq!(attr(&doc, "body > main + script[type=module]", "src").as_deref(), Some("/pkg/element.js"));
    assert!(!page.contains("style="), "the page has no inline style");

    // No front matter: "Article", the UI language, the lede as the description, cut at a word.
    let words = "lorem ipsum dolor ".repeat(20);
    let markdown = format!("## Heading\n\n{words}\n\nSecond paragraph.\n");
    let settings = Prerender { lang: Some(Lang::Ja), ..Prerender::default() };
    let (doc, lang) = head(&prerender::page(&markdown, &settings).unwrap());
    assert_eq!(lang, "ja");
    assert_eq!(select(&doc, "title")[0].text().collect::<String>(), "Article");
    let description = attr(&doc, "meta[name=description]", "content").unwrap();
    assert!(description.chars().count() <= 160 && description.ends_with('…'), "{description}");
    assert!(words.starts_with(description.trim_end_matches('…')), "{description}");
    assert!(words[description.len() - '…'.len_utf8()..].starts_with(' '), "cut at a word boundary: {description}");

    // Front matter lang wins for the document; the canonical link is there when given.
    let markdown = "+++\nlang = \"ko-KR\"\ncanonical = \"https://example.org/a/한국어\"\n+++\nText.";
    let (doc, lang) = head(&prerender::page(markdown, &Prerender::default()).unwrap());
    assert_eq!(lang, "ko-KR");
    assert_eq!(
        attr(&doc, "head > link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/a/%ED%95%9C%EA%B5%AD%EC%96%B4")
    );
    assert_eq!(attr(&doc, "meta[name=description]", "content").as_deref(), Some("Text."));
    assert_eq!(attr(&doc, ".rw", "lang").as_deref(), Some("ko"), "the UI follows the article's language");
}

#[test]
fn canonical_must_be_an_absolute_http_url() {
    let ok = render("+++\ncanonical = \"https://example.org/essays/14\"\n+++\n").unwrap();
    assert_eq!(ok.meta.canonical.as_deref(), Some("https://example.org/essays/14"));
    for bad in ["javascript:alert(1)", "/essays/14", "//example.org/x", "data:text/html,x", "https://"] {
        let markdown = format!("+++\ntitle = \"T\"\ncanonical = \"{bad}\"\n+++\nText.");
        let err = prerender::page(&markdown, &Prerender::default()).unwrap_err();
        let ArticleError::FrontMatter(ref inner) = err else { panic!("{err:?}") };
        assert_eq!(inner.line, 3, "{err}");
        assert!(
            err.to_string().starts_with("front matter, line 3: `canonical` must be an absolute http or https URL"),
            "{err}"
        );
        assert_eq!(prerender::fragment(&markdown, &Prerender::default()).unwrap_err(), err);
    }
}

// ---- (b) the XSS corpus, through fragment and page ------------------------------------------

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

/// The fields of a tests/xss/payloads.toml case this test needs (see tests/xss.rs).
#[derive(Deserialize)]
struct Case {
    name: String,
    markdown: String,
    #[serde(default)]
    error: bool,
}

/// The element and attribute lists of tests/xss/allowlist.toml this test needs.
#[derive(Deserialize)]
struct Lists {
    script_capable: Vec<String>,
    url_attributes: Vec<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| toml::from_str(include_str!("xss/allowlist.toml")).unwrap());

#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    Fragment,
    Page,
}

/// The shadow root's markup, as written between the stylesheet link and `</template>`.
fn shadow_markup(html: &str) -> &str {
    let start = html.find(r#"<link rel="stylesheet""#).expect("a stylesheet link");
    let start = start + html[start..].find('>').unwrap() + 1;
    let end = html.rfind("</template>").expect("a template");
    &html[start..end]
}

/// Parses `html` as a browser would and checks that the only script-capable elements are the
/// ones the shape has, that nothing has an event handler or a script URL, and that the JSON-LD
/// parses and names the article's title. Panics with what is wrong.
fn assert_inert(html: &str, shape: Shape, article: &Article, settings: &Prerender) {
    let doc = match shape {
        Shape::Fragment => Html::parse_fragment(html),
        Shape::Page => Html::parse_document(html),
    };
    let assets = settings.assets.as_str();
    let (mut module, mut data, mut templates) = (0, 0, 0);
    for element in elements(&doc) {
        let el = element.value();
        let name = el.name();
        // The nearest element above (a template's contents hang from a document fragment).
        let parent = element.ancestors().find_map(ElementRef::wrap).map(|p| p.value().name().to_owned());
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "event handler {attr}={value:?} on <{name}> in {html}");
            if LISTS.url_attributes.contains(&attr) || attr.ends_with("href") {
                assert!(!is_script_url(value), "script URL {attr}={value:?} on <{name}> in {html}");
                assert!(has_allowed_scheme(value), "scheme not allowed: {attr}={value:?} in {html}");
            }
        }
        let attrs = |want: &[(&str, &str)]| {
            let mut got: Vec<(String, String)> = el.attrs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
            got.sort();
            let mut want: Vec<(String, String)> = want.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            want.sort();
            got == want
        };
        let in_head = parent.as_deref() == Some("head");
        let allowed = match name {
            "script" if attrs(&[("type", "module"), ("src", &format!("{assets}/{}", settings.build.entry()))]) => {
                module += 1;
                element.text().next().is_none()
            }
            "script" if attrs(&[("type", "application/ld+json")]) => {
                data += 1;
                let text: String = element.text().collect();
                assert!(!text.contains('<'), "'<' in the JSON-LD: {text}");
                let json: serde_json::Value =
                    serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"));
                assert_eq!(json["@type"], "Article");
                assert_eq!(json.get("headline").and_then(|h| h.as_str()), article.meta.title.as_deref(), "{text}");
                true
            }
            "template" => {
                templates += 1;
                attrs(&[("shadowrootmode", "open")]) && parent.as_deref() == Some("reading-widget")
            }
            "link" if attrs(&[("rel", "stylesheet"), ("href", &format!("{assets}/reading-widget.css"))]) => {
                // Inside the template's contents, whose parent is the template.
                parent.as_deref() == Some("template")
            }
            "link" if attrs(&[("rel", "stylesheet"), ("href", &format!("{assets}/reading-widget-light.css"))]) => {
                // Beside the light-DOM article.
                settings.content == Content::Light && parent.as_deref() == Some("reading-widget")
            }
            "link" if shape == Shape::Page && in_head => {
                attrs(&[("rel", "preload"), ("href", &format!("{assets}/reading-widget.css")), ("as", "style")])
                    || attrs(&[
                        ("rel", "preload"),
                        ("href", &format!("{assets}/reading-widget-light.css")),
                        ("as", "style"),
                    ])
                    || (el.attr("rel") == Some("canonical") && el.attrs().count() == 2)
            }
            "meta" if shape == Shape::Page && in_head => {
                attrs(&[("charset", "utf-8")])
                    || el.attr("name") == Some("viewport")
                    || (el.attr("name") == Some("description") && el.attrs().count() == 2)
            }
            other => !LISTS.script_capable.iter().any(|n| n == other),
        };
        assert!(allowed, "unexpected <{name}> {:?} in {html}", el.attrs().collect::<Vec<_>>());
    }
    assert_eq!((module, data, templates), (1, 1, 1), "one module script, one JSON-LD block, one template in {html}");
    if shape == Shape::Page {
        assert_eq!(elements(&doc).iter().filter(|e| e.value().name() == "title").count(), 1);
        let title: String = doc.select(&Selector::parse("head > title").unwrap()).flat_map(|t| t.text()).collect();
        assert_eq!(title, article.meta.title.as_deref().unwrap_or("Article"));
    }
    // And the shadow root's own markup passes the widget's strict checks.
    let shadow = shadow_markup(html);
    assert_no_script(shadow, Part::Page);
    assert_well_formed(shadow);
    // And so does a light-DOM article: what follows the template and its stylesheet link.
    if settings.content == Content::Light {
        let after = &html[html.rfind("</template>").unwrap() + "</template>".len()..];
        let light = &after[after.find('>').unwrap() + 1..after.find("</reading-widget>").unwrap()];
        assert!(light.starts_with(r#"<div class="rw-content" slot="rw-article""#), "{light}");
        assert_no_script(light, Part::Page);
        assert_well_formed(light);
    }
}

#[test]
fn every_xss_payload_stays_inert_in_fragments_and_pages() {
    let corpus: Corpus = toml::from_str(include_str!("xss/payloads.toml")).unwrap();
    assert!(corpus.case.len() >= 100, "only {} cases", corpus.case.len());
    let variants = [
        Prerender::default(),
        // Step 4: at 1 and 5 a button starts `disabled`, which the allowlist keeps for run time.
        settings(Some(Lang::Ko), Theme::Dark, 4, "https://cdn.example.org/rw/", Build::HydrateOnly),
        Prerender { content: Content::Light, ..Prerender::default() },
    ];
    let mut report = Vec::new();
    for case in &corpus.case {
        for settings in &variants {
            let outcome = std::panic::catch_unwind(|| match (render(&case.markdown), case.error) {
                (Ok(article), false) => {
                    let fragment = prerender::fragment(&case.markdown, settings).unwrap();
                    assert_inert(&fragment, Shape::Fragment, &article, settings);
                    let page = prerender::page(&case.markdown, settings).unwrap();
                    assert_inert(&page, Shape::Page, &article, settings);
                    Ok(())
                }
                (Err(err), true) => {
                    assert_eq!(prerender::fragment(&case.markdown, settings).unwrap_err(), err);
                    assert_eq!(prerender::page(&case.markdown, settings).unwrap_err(), err);
                    Ok(())
                }
                (Ok(_), true) => Err("expected rendering to be refused".to_owned()),
                (Err(err), false) => Err(format!("rendering failed: {err}")),
            });
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(message)) => report.push(format!("[{}] {message}", case.name)),
                Err(panic) => report.push(format!("[{}] {}", case.name, panic_message(panic.as_ref()))),
            }
        }
    }
    assert!(report.is_empty(), "{} failure(s):\n{}", report.len(), report.join("\n\n"));
}

// ---- (c) nothing in the front matter breaks out of the JSON-LD or the head ------------------

#[test]
fn front_matter_cannot_close_the_json_ld_or_start_a_comment() {
    let hostile = [
        "</script><script>alert(1)</script>",
        "<!--",
        "<!--<script>",
        "<!-- </script><script>alert(1)</script> -->",
        "</SCRIPT ><img src=x onerror=alert(1)>",
        "</title><script>alert(1)</script>",
        "</template></reading-widget><script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "a & b \u{2028} \u{2029} \\u003c",
    ];
    for text in hostile {
        // A JSON string is also a TOML basic string.
        let quoted = serde_json::to_string(text).unwrap();
        let markdown = format!(
            "+++\ntitle = {quoted}\nsubtitle = {quoted}\nauthor = {quoted}\naffiliation = {quoted}\nlang = {quoted}\ncopyright = {quoted}\n+++\n\n{text}\n"
        );
        let article = render(&markdown).unwrap();
        assert_eq!(article.meta.title.as_deref(), Some(text.trim()));
        for settings in [Prerender::default(), Prerender { lang: Some(Lang::Ja), ..Prerender::default() }] {
            let json = prerender::json_ld(&article, &settings);
            assert!(!json.contains(['<', '>', '&']), "{json}");
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(value["headline"], text.trim());
            assert_eq!(value["author"]["name"], text.trim());
            assert_eq!(value["inLanguage"], text.trim());

            let fragment = prerender::fragment(&markdown, &settings).unwrap();
            assert_inert(&fragment, Shape::Fragment, &article, &settings);
            let page = prerender::page(&markdown, &settings).unwrap();
            assert_inert(&page, Shape::Page, &article, &settings);
            let doc = Html::parse_document(&page);
            assert_eq!(doc.root_element().attr("lang"), Some(text.trim()));
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(attr(&doc, "meta[name=description]", "content"), Some(collapsed));
            // The JSON-LD block ends where it should: right before </head>.
            assert!(page.contains(&format!("<script type=\"application/ld+json\">{json}</script>\n</head>")));
        }
    }
}

#[test]
fn assets_refuse_script_urls() {
    for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/javascript,alert(1)", "vbscript:x", "/pkg?x"]
    {
        let err = bad.parse::<Assets>().unwrap_err();
        assert!(err.to_string().contains("must be an http or https URL or a path"), "{err}");
    }
}

// ---- (f) editions and series: alternates and JSON-LD ------------------------------------------

#[test]
fn relative_edition_urls_are_stated_against_the_canonical_address() {
    let with = |canonical: &str| {
        format!(
            "+++\ntitle = \"T\"\nlang = \"ko\"\ntranslated_from = \"en\"\n{canonical}[editions]\nen = \"a.en.html\"\nko = \"../ko/a.html\"\n[series]\ntitle = \"S\"\npart = 1\nurl = \"/series/s\"\n+++\n"
        )
    };
    let alternates = |markdown: &str| {
        let page = prerender::page(markdown, &Prerender::default()).unwrap();
        let (doc, _) = head(&page);
        let links: Vec<_> = select(&doc, "head > link[rel=alternate]")
            .iter()
            .map(|e| format!("{} {}", e.attr("hreflang").unwrap(), e.attr("href").unwrap()))
            .collect();
        let json = select(&doc, "script[type='application/ld+json']")[0].text().collect::<String>();
        let data: serde_json::Value = serde_json::from_str(&json).unwrap();
        (links, data)
    };
    // Search engines take only absolute hreflang URLs: with a canonical address, they are resolved.
    let (links, data) = alternates(&with("canonical = \"https://example.org/essays/ko/a.html\"\n"));
    assert_eq!(
        links,
        [
            "en https://example.org/essays/ko/a.en.html",
            "ko https://example.org/essays/ko/a.html",
            "x-default https://example.org/essays/ko/a.en.html"
        ]
    );
    assert_eq!(data["translationOfWork"]["url"], "https://example.org/essays/ko/a.en.html");
    assert_eq!(data["isPartOf"]["url"], "https://example.org/series/s");
    // Without one there is nothing to resolve against: they stand as the front matter gives them.
    let (links, data) = alternates(&with(""));
    assert_eq!(links, ["en a.en.html", "ko ../ko/a.html", "x-default a.en.html"]);
    assert_eq!(data["isPartOf"]["url"], "/series/s");
}

const EDITION: &str = "+++\ntitle = \"Share a strategy\"\nlang = \"en\"\ntranslated_from = \"ja\"\ntranslator = \"Tsutomu Inuzuka\"\n[editions]\nen = \"https://example.org/en/okonogi\"\nko = \"https://example.org/ko/okonogi\"\nja = \"https://example.org/ja/okonogi\"\n[series]\ntitle = \"Looking Ahead\"\npart = 1\nparts = 2\nurl = \"https://example.org/series/looking-ahead\"\nnext = { title = \"Middle-power thinking\", url = \"https://example.org/en/watanabe\" }\n+++\n\n## One\n";

#[test]
fn a_page_names_every_edition_and_the_original_as_x_default() {
    let page = prerender::page(EDITION, &Prerender::default()).unwrap();
    let (doc, _) = head(&page);
    // The HTML parser, as a browser's, meets nothing it has to fix up.
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let alternates: Vec<_> = select(&doc, "head > link[rel=alternate]")
        .iter()
        .map(|e| (e.attr("hreflang").unwrap().to_owned(), e.attr("href").unwrap().to_owned()))
        .collect();
    let expected = [
        ("en", "https://example.org/en/okonogi"),
        ("ko", "https://example.org/ko/okonogi"),
        ("ja", "https://example.org/ja/okonogi"),
        ("x-default", "https://example.org/ja/okonogi"),
    ];
    assert_eq!(alternates, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));

    let json = select(&doc, "script[type='application/ld+json']")[0].text().collect::<String>();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["inLanguage"], "en");
    assert_eq!(data["translationOfWork"]["inLanguage"], "ja");
    assert_eq!(data["translationOfWork"]["url"], "https://example.org/ja/okonogi");
    assert_eq!(data["translator"]["name"], "Tsutomu Inuzuka");
    assert_eq!(data["isPartOf"]["@type"], "CreativeWorkSeries");
    assert_eq!(data["isPartOf"]["name"], "Looking Ahead");
    assert_eq!(data["isPartOf"]["url"], "https://example.org/series/looking-ahead");
    assert_eq!(data["position"], 1);
    assert!(data.get("workTranslation").is_none());

    // The original names its translations instead, and is its own x-default.
    let original = EDITION
        .replace("lang = \"en\"\ntranslated_from = \"ja\"\ntranslator = \"Tsutomu Inuzuka\"\n", "lang = \"ja\"\n");
    let page = prerender::page(&original, &Prerender::default()).unwrap();
    let (doc, _) = head(&page);
    assert_eq!(attr(&doc, "link[hreflang=x-default]", "href").as_deref(), Some("https://example.org/ja/okonogi"));
    let json = select(&doc, "script[type='application/ld+json']")[0].text().collect::<String>();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let translations: Vec<_> =
        data["workTranslation"].as_array().unwrap().iter().map(|w| w["inLanguage"].clone()).collect();
    assert_eq!(translations, ["en", "ko"]);
    assert!(data.get("translationOfWork").is_none() && data.get("translator").is_none());
}

/// `content = light`: the shadow root holds the chrome with a slot, and the article (title,
/// byline, sections, footnotes) is the host's light-DOM child, with the same text as the
/// article of the shadow rendering; the page's head names the title and links nothing inline.
#[test]
fn light_content_puts_the_article_in_the_light_dom_with_the_same_text() {
    for markdown in [SAMPLE, include_str!("markup/fixture.md")] {
        let light = Prerender { content: Content::Light, ..Prerender::default() };
        let page = prerender::page(markdown, &light).unwrap();
        let doc = Html::parse_document(&page);
        // scraper leaves a template's content out of the document's tree: what it selects
        // outside the template is what a reader mode or a translator sees.
        let articles =
            select(&doc, "reading-widget[content=light] > div.rw-content[slot=rw-article] > article.article");
        assert_eq!(articles.len(), 1, "{page}");
        let article = render(markdown).unwrap();
        if let Some(title) = &article.meta.title {
            assert_eq!(select(&doc, "title")[0].text().collect::<String>(), *title);
            assert_eq!(
                articles[0].select(&Selector::parse("h1").unwrap()).next().unwrap().text().collect::<String>(),
                *title
            );
        }
        for section in &article.outline {
            let heading = Selector::parse(&format!("[id=\"{}\"]", section.id)).unwrap();
            assert_eq!(articles[0].select(&heading).count(), 1, "{}", section.id);
        }
        assert_eq!(
            select(&doc, "reading-widget > link[rel=stylesheet]")
                .iter()
                .map(|l| l.attr("href").unwrap())
                .collect::<Vec<_>>(),
            ["/pkg/reading-widget-light.css"]
        );
        // The shadow root's markup: the chrome and a slot, no article.
        let shadow = shadow_markup(&page);
        let shadow = Html::parse_fragment(shadow);
        assert_eq!(select(&shadow, "slot[name=rw-article]").len(), 1);
        assert!(select(&shadow, "article").is_empty() && !select(&shadow, ".bar").is_empty());
        // The same article as in the shadow rendering, word for word.
        let shadow_page = prerender::page(markdown, &Prerender::default()).unwrap();
        let shadow_doc = Html::parse_fragment(shadow_markup(&shadow_page));
        let text = |e: &ElementRef| e.text().collect::<String>();
        assert_eq!(text(&articles[0]), text(&select(&shadow_doc, "article")[0]));
    }
}
