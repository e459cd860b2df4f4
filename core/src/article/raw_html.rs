//! Raw HTML in an article: a safe subset is rendered, everything else is taken out.
//!
//! An [`HtmlTokenizer`] reads the author's HTML: html5gum (a WHATWG tokenizer) natively, with the
//! `raw-html` feature; in the browser, the browser's own HTML parser (the widget's
//! `raw_tokens.rs`), so the module carries no second tokenizer. Nothing of the input is copied:
//! each allowed tag is written anew with only its allowed attributes, values escaped; text is
//! escaped. So the output holds no markup but what [`ELEMENTS`] names, whatever the input.
//! Without a tokenizer, raw HTML is shown as the text the author wrote.
//!
//! - Allowed: the elements of [`ELEMENTS`] with the attributes each names; `img` and `a` under
//!   the link policy, like Markdown's own images and links.
//! - Removed with their content: [`REMOVED_WITH_CONTENT`] (`script`, `style`, …).
//! - Any other element is removed and its text kept; comments and doctypes are removed.
//!
//! Tags may open in one event and close in another (`H<sub>2</sub>O` is three events; a
//! `<details>` block may hold Markdown paragraphs before its `</details>` block). The elements
//! left open are closed when the Markdown container they were opened in ends, innermost first,
//! and an end tag closes only an element opened in the same container: the output is always
//! well nested, so the browser's parser builds the tree the markup says.

use crate::link_policy::{self, Target};
use pulldown_cmark_escape::{escape_href, escape_html};

/// A token of the author's HTML, as the HTML tokenizer reads it: names in lower case, attribute
/// values and text with their character references decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawToken {
    /// A start tag with its attributes (the first of each name).
    Start {
        /// The element's name.
        name: String,
        /// Each attribute's name and value.
        attributes: Vec<(String, String)>,
        /// `<x/>`: foreign elements (`svg`, `math`) written so have no content.
        self_closing: bool,
    },
    /// An end tag.
    End {
        /// The element's name.
        name: String,
    },
    /// Text.
    Text(String),
}

/// Reads raw HTML into [`RawToken`]s; comments, doctypes and the like are left out.
pub trait HtmlTokenizer {
    /// The tokens of `html`: one tag as pulldown-cmark found it in a paragraph, or an HTML
    /// block. `open` names the elements earlier pieces left open (allowed ones, then one being
    /// removed with its content), outermost first: a tokenizer that builds a tree (the browser's
    /// parser) reads `html` inside them, so that an end tag of one is seen; a tokenizer that does
    /// not (html5gum) ignores it.
    fn tokenize(&self, html: &str, open: &[&str]) -> Vec<RawToken>;
}

/// html5gum, a WHATWG tokenizer: the one the command line and every native build use.
#[cfg(feature = "raw-html")]
#[derive(Debug, Default, Clone, Copy)]
pub struct Html5gum;

#[cfg(feature = "raw-html")]
impl HtmlTokenizer for Html5gum {
    fn tokenize(&self, html: &str, _open: &[&str]) -> Vec<RawToken> {
        use html5gum::{DefaultEmitter, Token, Tokenizer};
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        // Script, style and the like hold raw text, not tags, as a browser reads them.
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        let mut tokens = Vec::new();
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            tokens.push(match token {
                Token::StartTag(tag) => RawToken::Start {
                    name: text(&tag.name),
                    attributes: tag.attributes.iter().map(|(k, v)| (text(k), text(v))).collect(),
                    self_closing: tag.self_closing,
                },
                Token::EndTag(tag) => RawToken::End { name: text(&tag.name) },
                Token::String(string) => RawToken::Text(text(&string)),
                _ => continue,
            });
        }
        tokens
    }
}

/// An allowed element: its name, the attributes it keeps, whether it is a block (allowed only in
/// an HTML block, since inside a paragraph the browser would close the paragraph), and whether
/// it is void (no end tag).
struct Element {
    name: &'static str,
    attributes: &'static [&'static str],
    block: bool,
    void: bool,
}

const fn inline(name: &'static str, attributes: &'static [&'static str]) -> Element {
    Element { name, attributes, block: false, void: false }
}

/// The allowlist: issue 19's, exactly.
const ELEMENTS: &[Element] = &[
    inline("sup", &[]),
    inline("sub", &[]),
    Element { name: "br", attributes: &[], block: false, void: true },
    Element { name: "wbr", attributes: &[], block: false, void: true },
    inline("kbd", &[]),
    inline("abbr", &["title"]),
    inline("mark", &[]),
    inline("small", &[]),
    inline("s", &[]),
    inline("del", &[]),
    inline("ins", &[]),
    inline("q", &[]),
    inline("cite", &[]),
    inline("dfn", &[]),
    inline("time", &["datetime"]),
    inline("ruby", &[]),
    inline("rt", &[]),
    inline("rp", &[]),
    inline("bdi", &[]),
    inline("bdo", &["dir"]),
    inline("span", &["lang"]),
    Element { name: "details", attributes: &[], block: true, void: false },
    Element { name: "summary", attributes: &[], block: true, void: false },
    Element { name: "figure", attributes: &[], block: true, void: false },
    Element { name: "figcaption", attributes: &[], block: true, void: false },
    Element { name: "img", attributes: &["src", "alt", "width", "height"], block: false, void: true },
    inline("a", &["href"]),
];

/// Elements removed together with everything inside them.
const REMOVED_WITH_CONTENT: &[&str] = &["script", "style", "iframe", "object", "template", "svg", "math"];

/// How deep raw elements may nest; deeper start tags are dropped (their text stays).
const MAX_OPEN: usize = 64;

/// Where raw HTML stands: an HTML block, or a tag inside a paragraph, heading or table cell.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    Block,
    Inline,
}

/// The state of raw HTML across the pass's events.
#[derive(Default)]
pub(super) struct RawHtml<'t> {
    /// `None`: raw HTML is shown as the text the author wrote.
    tokenizer: Option<&'t dyn HtmlTokenizer>,
    /// Allowed elements open, innermost last, each with the Markdown depth it was opened at.
    open: Vec<(&'static Element, usize)>,
    /// An element being removed with its content, and the Markdown depth it was opened at.
    removing: Option<(String, usize)>,
    /// The text of the HTML block being read: it comes a line at a time, and a tag may span lines.
    block: Option<String>,
    /// Images written so far, in Markdown or HTML: the first loads at once, the others lazily.
    images: usize,
}

impl<'t> RawHtml<'t> {
    pub(super) fn new(tokenizer: Option<&'t dyn HtmlTokenizer>) -> Self {
        RawHtml { tokenizer, ..RawHtml::default() }
    }

    /// Whether the next image of the article is to load lazily: all but the first, which is
    /// likely in view when the article opens.
    pub(super) fn next_image_is_lazy(&mut self) -> bool {
        self.images += 1;
        self.images > 1
    }

    /// The tokenizer, if raw HTML is read.
    pub(super) fn tokenizer(&self) -> Option<&'t dyn HtmlTokenizer> {
        self.tokenizer
    }

    /// Whether the events at hand are inside an element removed with its content.
    pub(super) fn removing(&self) -> bool {
        self.removing.is_some()
    }

    /// Whether an `<a>` is open: a link inside it would be nested, which the browser undoes.
    pub(super) fn in_link(&self) -> bool {
        self.open.iter().any(|(el, _)| el.name == "a")
    }

    pub(super) fn start_block(&mut self) {
        self.block = Some(String::new());
    }

    /// A line of the HTML block being read.
    pub(super) fn block_text(&mut self, text: &str) {
        self.block.get_or_insert_with(String::new).push_str(text);
    }

    /// The HTML block read so far, rendered. A removal still open at its end stops there.
    pub(super) fn end_block(&mut self, depth: usize, in_markdown_link: bool, text: &mut dyn FnMut(&str)) -> String {
        let html = self.block.take().unwrap_or_default();
        let out = self.render(&html, Context::Block, depth, in_markdown_link, text);
        if self.removing.as_ref().is_some_and(|(_, at)| *at >= depth) {
            self.removing = None;
        }
        out
    }

    /// One inline tag (or comment) as pulldown-cmark found it, rendered.
    pub(super) fn inline(
        &mut self,
        html: &str,
        depth: usize,
        in_markdown_link: bool,
        text: &mut dyn FnMut(&str),
    ) -> String {
        self.render(html, Context::Inline, depth, in_markdown_link, text)
    }

    /// Closes what was opened inside the Markdown container that ends at `depth` (or deeper), and
    /// ends a removal begun there.
    pub(super) fn close_to(&mut self, depth: usize) -> String {
        let mut out = String::new();
        while let Some(&(el, at)) = self.open.last() {
            if at < depth {
                break;
            }
            end_tag(&mut out, el);
            self.open.pop();
        }
        if self.removing.as_ref().is_some_and(|(_, at)| *at >= depth) {
            self.removing = None;
        }
        out
    }

    fn render(
        &mut self,
        html: &str,
        context: Context,
        depth: usize,
        in_markdown_link: bool,
        text: &mut dyn FnMut(&str),
    ) -> String {
        let mut out = String::new();
        let Some(tokenizer) = self.tokenizer else {
            // No tokenizer: the text the author wrote, an HTML block in a paragraph of its own.
            text(html);
            if context == Context::Block {
                out.push_str("<p>");
                let _ = escape_html(&mut out, html);
                out.push_str("</p>\n");
            } else {
                let _ = escape_html(&mut out, html);
            }
            return out;
        };
        // What earlier pieces left open, the element being removed innermost.
        let mut open: Vec<&str> = self.open.iter().map(|(el, _)| el.name).collect();
        open.extend(self.removing.as_ref().map(|(name, _)| name.as_str()));
        for token in tokenizer.tokenize(html, &open) {
            match token {
                RawToken::Start { name, attributes, self_closing } => {
                    if self.removing.is_some() {
                        continue;
                    }
                    if REMOVED_WITH_CONTENT.contains(&name.as_str()) {
                        // `<svg/>` is empty; `<script/>` is not (HTML ignores the slash there).
                        if !(self_closing && matches!(name.as_str(), "svg" | "math")) {
                            self.removing = Some((name, depth));
                        }
                        continue;
                    }
                    let Some(el) = ELEMENTS.iter().find(|el| el.name == name) else { continue };
                    if (el.block && context == Context::Inline) || self.open.len() >= MAX_OPEN {
                        continue;
                    }
                    let attr = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, value)| value.clone());
                    match el.name {
                        "img" => {
                            let lazy = self.next_image_is_lazy();
                            image(&mut out, &attr, lazy, text);
                        }
                        "a" => {
                            // No link inside a link; a refused link keeps its text.
                            if in_markdown_link || self.in_link() {
                                continue;
                            }
                            let Some((url, target)) = attr("href").and_then(|href| link_policy::check(&href)) else {
                                continue;
                            };
                            out.push_str("<a href=\"");
                            let _ = escape_href(&mut out, &url);
                            out.push('"');
                            if target == Target::External {
                                out.push_str(r#" rel="noopener noreferrer""#);
                            }
                            out.push('>');
                            self.open.push((el, depth));
                        }
                        _ => {
                            // An rt or rp ends the rt or rp before it, as the browser's parser does.
                            if matches!(el.name, "rt" | "rp") {
                                if let Some((prev, at)) = self.open.last() {
                                    if matches!(prev.name, "rt" | "rp") && *at == depth {
                                        end_tag(&mut out, prev);
                                        self.open.pop();
                                    }
                                }
                            }
                            out.push('<');
                            out.push_str(el.name);
                            for &key in el.attributes {
                                let Some(value) = attr(key) else { continue };
                                if key == "dir" && !matches!(value.as_str(), "ltr" | "rtl") {
                                    continue;
                                }
                                out.push(' ');
                                out.push_str(key);
                                out.push_str("=\"");
                                let _ = escape_html(&mut out, &value);
                                out.push('"');
                            }
                            out.push('>');
                            if !el.void {
                                self.open.push((el, depth));
                            }
                        }
                    }
                }
                RawToken::End { name } => {
                    if let Some((removing, _)) = &self.removing {
                        if *removing == name {
                            self.removing = None;
                        }
                        continue;
                    }
                    // Closes the element and whatever was opened inside it, if it was opened in
                    // this container; otherwise the end tag is dropped.
                    let Some(at) = self.open.iter().rposition(|(el, at)| el.name == name && *at == depth) else {
                        continue;
                    };
                    for (el, _) in self.open.drain(at..).rev() {
                        end_tag(&mut out, el);
                    }
                }
                RawToken::Text(string) if self.removing.is_none() => {
                    text(&string);
                    let _ = escape_html(&mut out, &string);
                }
                RawToken::Text(_) => {}
            }
        }
        out
    }
}

/// An `<img>`: its source under the link policy, its alt text and its box (`width` and `height`
/// reserve it before the image loads). A refused image keeps its alt text, as Markdown's do.
fn image(out: &mut String, attr: &dyn Fn(&str) -> Option<String>, lazy: bool, text: &mut dyn FnMut(&str)) {
    let alt = attr("alt").unwrap_or_default();
    let Some((url, _)) = attr("src").and_then(|src| link_policy::check(&src)) else {
        text(&alt);
        let _ = escape_html(&mut *out, &alt);
        return;
    };
    out.push_str("<img src=\"");
    let _ = escape_href(&mut *out, &url);
    out.push_str("\" alt=\"");
    let _ = escape_html(&mut *out, &alt);
    out.push('"');
    for key in ["width", "height"] {
        // A size is a whole number of CSS pixels; anything else is dropped.
        if let Some(value) = attr(key).filter(|v| (1..=5).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())) {
            out.push_str(&format!(r#" {key}="{value}""#));
        }
    }
    if lazy {
        out.push_str(r#" loading="lazy" decoding="async""#);
    }
    out.push_str(" />");
}

fn end_tag(out: &mut String, el: &Element) {
    out.push_str("</");
    out.push_str(el.name);
    out.push('>');
}

#[cfg(all(test, feature = "raw-html"))]
mod tests {
    use super::*;

    fn block(html: &str) -> String {
        let mut raw = RawHtml::new(Some(&Html5gum));
        raw.start_block();
        raw.block_text(html);
        let mut out = raw.end_block(0, false, &mut |_| {});
        out.push_str(&raw.close_to(0));
        out
    }

    #[test]
    fn allowed_elements_are_written_anew_with_their_allowed_attributes() {
        assert_eq!(
            block(
                r#"<abbr title="a&amp;b" onclick="x()" class="c">A</abbr><bdo dir="rtl">x</bdo><bdo dir="evil">y</bdo>"#
            ),
            r#"<abbr title="a&amp;b">A</abbr><bdo dir="rtl">x</bdo><bdo>y</bdo>"#
        );
        assert_eq!(block("<ruby>漢<rt>かん<rt>じ</ruby>"), "<ruby>漢<rt>かん</rt><rt>じ</rt></ruby>");
    }

    #[test]
    fn other_elements_keep_their_text_and_dangerous_ones_lose_it() {
        assert_eq!(block("<div onclick=x>kept <b>bold</b></div>"), "kept bold");
        assert_eq!(block("<script>alert('<b>')</script>after"), "after");
        assert_eq!(block("<svg><text>x</text></svg><style>*{}</style>ok"), "ok");
    }

    #[test]
    fn links_and_images_follow_the_link_policy() {
        assert_eq!(block(r#"<a href="javascript:alert(1)">x</a>"#), "x");
        assert_eq!(
            block(r#"<a href="https://example.org">x</a>"#),
            r#"<a href="https://example.org" rel="noopener noreferrer">x</a>"#
        );
        assert_eq!(block(r#"<img src="javascript:x" alt="A chart">"#), "A chart");
        assert_eq!(
            block(r#"<img src="/a.png" alt="A" width="640" height="50%" onerror="x()">"#),
            r#"<img src="/a.png" alt="A" width="640" />"#
        );
    }

    #[test]
    fn the_output_is_well_nested_whatever_the_input() {
        assert_eq!(block("<s><mark>x</s>y</mark>"), "<s><mark>x</mark></s>y");
        assert_eq!(block("<details><summary>S"), "<details><summary>S</summary></details>");
    }
}
