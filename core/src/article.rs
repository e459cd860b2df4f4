//! Markdown → [`Article`]: metadata, an outline of sections, a reading time and safe HTML.
//!
//! The passes, in order:
//! - [`render`] reads pulldown-cmark's events, takes out the front matter, and hands each
//!   heading to the pass whole (its id comes from its text);
//! - `pass` rewrites every event that could carry markup or script from the author into a
//!   harmless one, or into a piece this crate writes itself (a section's heading in its
//!   wrapper), with a handler for each tag's start and another for its end;
//! - `writer` writes the pieces with pulldown-cmark's own HTML writer, which escapes all text,
//!   and records where the blocks end and where each section's link goes.
//!
//! The only raw HTML that reaches the output is what this module writes itself, with every
//! author-supplied value escaped by pulldown-cmark-escape.

use crate::front_matter::{self, FrontMatterError, Meta};
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::fmt;
use std::ops::Range;

mod pass;
mod raw_html;
mod text;
mod writer;

use pass::Pass;
#[cfg(feature = "raw-html")]
pub use raw_html::Html5gum;
use raw_html::RawHtml;
pub use raw_html::{HtmlTokenizer, RawToken};
use writer::{write_html, BlockTracker, Written};

/// One entry of the article's outline: an h2 or h3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The heading's id, usable as `#id`.
    pub id: String,
    /// The heading's text, without markup.
    pub title: String,
    /// 2 or 3.
    pub level: u8,
}

/// A rendered article, ready to be placed into a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// What the front matter (or a leading `# Title`) says about the article.
    pub meta: Meta,
    /// The body as HTML that is safe to assign to `innerHTML`.
    pub html: String,
    /// The h2 and h3 sections, in order, with the ids their headings carry in `html`.
    pub outline: Vec<Section>,
    /// Estimated minutes to read the body, at least 1.
    pub reading_minutes: u32,
    /// The plain text of the body's first paragraph with text in it (outside lists, quotes and
    /// footnotes), white space collapsed: a summary for `<meta name="description">`. Image alt
    /// text and footnote references are left out; raw HTML counts as the text it shows.
    pub lede: Option<String>,
    /// The body's top-level blocks (paragraphs, headings, lists, tables …) in order: where each
    /// ends in `html`, and how much text it holds. The widget groups a long article's blocks
    /// into a few containers whose height it can estimate before laying them out.
    pub blocks: Vec<Block>,
    /// For each entry of `outline`, in order: where its heading (`<h2 id="…">…</h2>`) is in
    /// `html`. The widget's markup wraps each in `<div class="section-head">` with the button
    /// that copies a link to the section, whose name is in the UI's language.
    pub section_heads: Vec<Range<usize>>,
}

/// One top-level block of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The byte offset in [`Article::html`] just after the block.
    pub end: usize,
    /// Its text's width in half-em units: one for most characters, two for the full-width
    /// characters of Chinese, Japanese and Korean.
    pub text_width: u32,
}

/// Why an article could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleError {
    /// The TOML between the `+++` lines is malformed or has a value of the wrong kind.
    FrontMatter(FrontMatterError),
    /// A `+++` first line that is never closed, which would otherwise show the TOML as text.
    UnclosedFrontMatter,
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArticleError::FrontMatter(e) => e.fmt(f),
            ArticleError::UnclosedFrontMatter => {
                f.write_str("front matter, line 1: the `+++` block is never closed; end it with a line of `+++`")
            }
        }
    }
}

impl std::error::Error for ArticleError {}

impl From<FrontMatterError> for ArticleError {
    fn from(e: FrontMatterError) -> Self {
        ArticleError::FrontMatter(e)
    }
}

/// The Markdown dialect articles are written in: CommonMark plus the extensions a long essay
/// needs. Heading attributes are enabled only for `{#id}`; classes and other attributes the
/// author writes there are dropped.
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Renders a Markdown article with optional TOML front matter. No heading or footnote takes
/// one of `reserved_ids`, the ids of whatever shares the article's id scope. Raw HTML is read
/// with html5gum (the `raw-html` feature), or shown as text without it.
pub fn render(markdown: &str, reserved_ids: &[&str]) -> Result<Article, ArticleError> {
    #[cfg(feature = "raw-html")]
    let tokenizer: Option<&dyn HtmlTokenizer> = Some(&Html5gum);
    #[cfg(not(feature = "raw-html"))]
    let tokenizer: Option<&dyn HtmlTokenizer> = None;
    render_with(markdown, reserved_ids, tokenizer)
}

/// [`render`], with raw HTML read by `tokenizer` (the browser's own parser, in the widget), or
/// shown as text if there is none.
pub fn render_with(
    markdown: &str,
    reserved_ids: &[&str],
    tokenizer: Option<&dyn HtmlTokenizer>,
) -> Result<Article, ArticleError> {
    // CommonMark requires U+0000 to be replaced "for security reasons"; pulldown-cmark passes it
    // through, and a browser would then drop it from text and turn it into U+FFFD in attributes,
    // so heading ids in the outline would no longer match the ids in the page.
    let replaced;
    let markdown = if markdown.contains('\0') {
        replaced = markdown.replace('\0', "\u{FFFD}");
        replaced.as_str()
    } else {
        markdown
    };
    let mut pass = Pass::new(RawHtml::new(tokenizer));
    for id in reserved_ids {
        pass.ids.reserve(id);
    }
    let mut pieces = Vec::new();
    let mut parser = Parser::new_ext(markdown, markdown_options()).into_offset_iter().peekable();

    let mut blocks = BlockTracker::default();
    while let Some((event, range)) = parser.next() {
        blocks.see(&event);
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::PlusesStyle)) => {
                let mut toml = String::new();
                for (event, _) in parser.by_ref() {
                    match event {
                        Event::Text(text) => toml.push_str(&text),
                        Event::End(TagEnd::MetadataBlock(_)) => break,
                        _ => {}
                    }
                }
                blocks.skipped_to_end();
                let first_line = markdown[..range.start].matches('\n').count() + 2;
                pass.meta = front_matter::parse(&toml, first_line)?;
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let mut inner = Vec::new();
                for (event, _) in parser.by_ref() {
                    if matches!(event, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    blocks.see(&event);
                    inner.push(event);
                }
                blocks.skipped_to_end();
                pass.heading(level, id, inner, &mut pieces);
            }
            // A paragraph is read whole: an image alone in it becomes a figure.
            Event::Start(Tag::Paragraph) => {
                let mut inner = Vec::new();
                for (event, _) in parser.by_ref() {
                    blocks.see(&event);
                    if matches!(event, Event::End(TagEnd::Paragraph)) {
                        break;
                    }
                    inner.push(event);
                }
                pass.paragraph(inner, &mut pieces);
            }
            other => pass.event(other, &mut pieces),
        }
        blocks.end_if_top(pieces.len());
    }
    pass.finish(&mut pieces);
    if pass.meta == Meta::default() && starts_unclosed_front_matter(markdown) {
        return Err(ArticleError::UnclosedFrontMatter);
    }

    let Written { html, blocks, section_heads } = write_html(pieces, blocks.blocks, markdown.len() * 3 / 2);
    Ok(Article {
        meta: pass.meta,
        html,
        outline: pass.outline,
        reading_minutes: pass.reading.minutes(),
        lede: pass.lede.finish(),
        blocks,
        section_heads,
    })
}

fn starts_unclosed_front_matter(markdown: &str) -> bool {
    markdown.lines().next().is_some_and(|line| line.trim_end() == "+++")
        && !markdown.lines().skip(1).any(|line| line.trim_end() == "+++")
}

#[cfg(test)]
mod tests;
