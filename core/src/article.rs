//! Markdown → [`Article`]: metadata, an outline of sections, a reading time and safe HTML.
//!
//! One pass over pulldown-cmark's event stream rewrites the events that could carry markup or
//! script from the author into harmless ones, then pulldown-cmark's own HTML writer (which
//! escapes all text) produces the markup. The only raw HTML that reaches the output is what this
//! module writes itself, with every author-supplied value escaped by pulldown-cmark-escape.

use crate::front_matter::{self, FrontMatterError, Meta};
use crate::link_policy::{self, Target};
use crate::markup_names::class;
use crate::slug::{slugify, IdAllocator};
use const_format::concatcp;
use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};
use pulldown_cmark_escape::{escape_href, escape_html};
use serde::Serialize;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

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
/// one of `reserved_ids`, the ids of whatever shares the article's id scope.
pub fn render(markdown: &str, reserved_ids: &[&str]) -> Result<Article, ArticleError> {
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
    let mut pass = Pass::default();
    for id in reserved_ids {
        pass.ids.reserve(id);
    }
    let mut events = Vec::new();
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
                pass.heading(level, id, inner, &mut events);
            }
            other => pass.event(other, &mut events),
        }
        blocks.end_if_top(events.len());
    }
    if pass.meta == Meta::default() && starts_unclosed_front_matter(markdown) {
        return Err(ArticleError::UnclosedFrontMatter);
    }

    let (html, blocks) = write_html(events, blocks.blocks, markdown.len() * 3 / 2);
    Ok(Article {
        meta: pass.meta,
        html,
        outline: pass.outline,
        reading_minutes: pass.reading.minutes(),
        lede: pass.lede.finish(),
        blocks,
    })
}

/// Writes the events as HTML with pulldown-cmark's writer, in one pass (so that footnotes are
/// numbered across the whole body), and turns each block's end from an index into the events
/// into an offset into the HTML: the writer has written every event before it asks for the next.
fn write_html(events: Vec<Event<'_>>, mut blocks: Vec<Block>, capacity: usize) -> (String, Vec<Block>) {
    struct Counted<'a> {
        out: &'a mut String,
        len: &'a Cell<usize>,
    }
    impl fmt::Write for Counted<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.out.push_str(s);
            self.len.set(self.out.len());
            Ok(())
        }
    }
    let mut html = String::with_capacity(capacity);
    let len = Cell::new(0);
    let mut pending = blocks.iter_mut().peekable();
    let events = events.into_iter().enumerate().map(|(index, event)| {
        while let Some(block) = pending.next_if(|b| b.end <= index) {
            block.end = len.get();
        }
        event
    });
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(Counted { out: &mut html, len: &len }, events);
    let total = html.len();
    for block in pending {
        block.end = total;
    }
    (html, blocks)
}

/// Finds the body's top-level blocks in the event stream, and the width of their text.
#[derive(Default)]
struct BlockTracker {
    depth: usize,
    text_width: u32,
    /// Each block with `end` as the index into the output events just after it.
    blocks: Vec<Block>,
    /// The output events' count at the last block's end, so that blocks with no output (the
    /// title taken from a leading `# heading`, front matter) are not counted.
    written: usize,
}

impl BlockTracker {
    fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let width: usize = text.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum();
                self.text_width = self.text_width.saturating_add(u32::try_from(width).unwrap_or(u32::MAX));
            }
            _ => {}
        }
    }

    /// The front matter's and a heading's events are taken from the parser up to their end,
    /// which `see` never gets.
    fn skipped_to_end(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn end_if_top(&mut self, written: usize) {
        if self.depth == 0 && written > self.written {
            self.blocks.push(Block { end: written, text_width: std::mem::take(&mut self.text_width) });
            self.written = written;
        }
    }
}

fn starts_unclosed_front_matter(markdown: &str) -> bool {
    markdown.lines().next().is_some_and(|line| line.trim_end() == "+++")
        && !markdown.lines().skip(1).any(|line| line.trim_end() == "+++")
}

/// State carried through one pass over the events.
#[derive(Default)]
struct Pass {
    meta: Meta,
    outline: Vec<Section>,
    ids: IdAllocator,
    footnote_ids: HashMap<String, String>,
    reading: ReadingTime,
    /// For each open link or image: whether its start tag was kept, so the end tag matches.
    kept: Vec<bool>,
    /// Whether a block has been emitted yet: a leading h1 then serves as the title.
    body_started: bool,
    /// The current table's column alignments, whether its head is open, and the cell's column.
    table: Vec<Alignment>,
    in_table_head: bool,
    column: usize,
    /// Footnote labels already defined: a second definition of one gets an id of its own.
    footnotes_defined: std::collections::HashSet<String>,
    /// The first paragraph's text, as it goes by.
    lede: Lede,
}

impl Pass {
    fn event<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        self.lede.see(&event);
        match event {
            // Raw HTML from the author is shown as the text they wrote, never interpreted.
            Event::Start(Tag::HtmlBlock) => {
                out.push(Event::Html(concatcp!(r#"<p class=""#, class::RAW_HTML, r#"">"#).into()))
            }
            Event::End(TagEnd::HtmlBlock) => out.push(Event::Html("</p>\n".into())),
            Event::Html(text) | Event::InlineHtml(text) => {
                self.reading.add(&text);
                out.push(Event::Text(text));
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.reading.add(text);
                out.push(event);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => self.link(link_type, &dest_url, &title, out),
            Event::End(TagEnd::Link) => {
                if self.kept.pop().unwrap_or(false) {
                    out.push(Event::InlineHtml("</a>".into()));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => match link_policy::check(&dest_url) {
                Some((url, _)) => {
                    self.kept.push(true);
                    out.push(Event::Start(Tag::Image { link_type, dest_url: url.into(), title, id }));
                }
                // A refused image keeps its alt text, so the reader still learns what was there.
                None => self.kept.push(false),
            },
            Event::End(TagEnd::Image) => {
                if self.kept.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            // Tables are written here rather than by pulldown-cmark's writer, which puts column
            // alignment into style attributes that a strict style-src refuses; a class does the
            // same. A wide table scrolls inside its own box instead of widening the page; the box
            // is focusable so keyboard users can scroll it too.
            Event::Start(Tag::Table(alignments)) => {
                self.body_started = true;
                self.table = alignments;
                out.push(Event::Html(
                    concatcp!(r#"<div class=""#, class::TABLE_SCROLL, r#"" tabindex="0"><table>"#).into(),
                ));
            }
            Event::End(TagEnd::Table) => out.push(Event::Html("</tbody></table></div>\n".into())),
            Event::Start(Tag::TableHead) => {
                self.in_table_head = true;
                self.column = 0;
                out.push(Event::Html("<thead><tr>".into()));
            }
            Event::End(TagEnd::TableHead) => {
                self.in_table_head = false;
                out.push(Event::Html("</tr></thead><tbody>\n".into()));
            }
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                out.push(Event::Html("<tr>".into()));
            }
            Event::End(TagEnd::TableRow) => out.push(Event::Html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => {
                let tag = if self.in_table_head { "th" } else { "td" };
                let class = match self.table.get(self.column) {
                    Some(Alignment::Left) => concatcp!(r#" class=""#, class::ALIGN_LEFT, '"'),
                    Some(Alignment::Center) => concatcp!(r#" class=""#, class::ALIGN_CENTER, '"'),
                    Some(Alignment::Right) => concatcp!(r#" class=""#, class::ALIGN_RIGHT, '"'),
                    _ => "",
                };
                out.push(Event::Html(format!("<{tag}{class}>").into()));
            }
            Event::End(TagEnd::TableCell) => {
                self.column += 1;
                out.push(Event::Html(if self.in_table_head { "</th>" } else { "</td>" }.into()));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                // The writer puts the info string's first space-separated word into
                // `class="language-…"`, but class lists also split on tabs: keep only the first
                // word, so a fence like "x<TAB>to-top" cannot give the block a widget class.
                let lang = info.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or_default().to_owned();
                self.body_started = true;
                out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang.into()))));
            }
            Event::FootnoteReference(label) => out.push(Event::FootnoteReference(self.footnote_id(&label).into())),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = if self.footnotes_defined.insert(footnote_key(&label)) {
                    self.footnote_id(&label)
                } else {
                    self.ids.allocate(&format!("fn-{}", slugify(&label)))
                };
                out.push(Event::Start(Tag::FootnoteDefinition(id.into())))
            }
            other => {
                if matches!(other, Event::Start(_)) {
                    self.body_started = true;
                }
                out.push(other);
            }
        }
    }

    fn link(&mut self, link_type: LinkType, dest: &str, title: &str, out: &mut Vec<Event<'_>>) {
        // Inside a link (`[<https://x>](y)`) or an image's alt text, an `<a>` cannot be nested:
        // the browser would restructure the tree. The inner link stays as its text.
        if self.kept.contains(&true) {
            self.kept.push(false);
            return;
        }
        let Some((url, target)) = link_policy::check(dest) else {
            // Refused: the link text stays, as plain text.
            self.kept.push(false);
            return;
        };
        let mut tag = String::from("<a href=\"");
        if link_type == LinkType::Email {
            tag.push_str("mailto:");
        }
        let _ = escape_href(&mut tag, &url);
        tag.push('"');
        if !title.is_empty() {
            tag.push_str(" title=\"");
            let _ = escape_html(&mut tag, title);
            tag.push('"');
        }
        if target == Target::External {
            tag.push_str(r#" rel="noopener noreferrer""#);
        }
        tag.push('>');
        self.kept.push(true);
        out.push(Event::InlineHtml(tag.into()));
    }

    fn heading<'a>(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<CowStr<'a>>,
        inner: Vec<Event<'a>>,
        out: &mut Vec<Event<'a>>,
    ) {
        let title = plain_text(&inner);
        if level == HeadingLevel::H1 && !self.body_started && self.meta.title.is_none() {
            // Markdown without front matter usually opens with `# Title`: that is the title.
            self.reading.add(&title);
            self.meta.title = Some(title.trim().to_owned()).filter(|t| !t.is_empty());
            self.body_started = true;
            return;
        }
        self.body_started = true;
        let wanted = explicit_id.map_or_else(|| slugify(&title), |id| id.to_string());
        let id = self.ids.allocate(&wanted);
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.outline.push(Section { id: id.clone(), title: title.trim().to_owned(), level: level as u8 });
        }
        out.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes: Vec::new(), attrs: Vec::new() }));
        for event in inner {
            self.event(event, out);
        }
        out.push(Event::End(TagEnd::Heading(level)));
    }

    /// Footnote ids share the heading namespace, so they are allocated from the same pool.
    fn footnote_id(&mut self, label: &str) -> String {
        let key = footnote_key(label);
        if let Some(id) = self.footnote_ids.get(&key) {
            return id.clone();
        }
        let id = self.ids.allocate(&format!("fn-{}", slugify(label)));
        self.footnote_ids.insert(key, id.clone());
        id
    }
}

/// Footnote labels match as CommonMark link labels do: by Unicode case folding, with runs of
/// white space as one space, so `[^A  b]` refers to `[^a b]`.
fn footnote_key(label: &str) -> String {
    unicase::UniCase::new(label.split_whitespace().collect::<Vec<_>>().join(" ")).to_folded_case()
}

/// The text a heading shows, for its id and its entry in the navigation.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Collects the text of the first top-level paragraph that has any. Every event but a heading's
/// own start and end passes through [`Pass::event`], balanced, so counting open tags there tells
/// a top-level paragraph from one in a list, quote or footnote.
#[derive(Default)]
struct Lede {
    /// Tags open around the current event.
    depth: usize,
    /// Images open inside the paragraph being read: their text is alt text.
    in_image: usize,
    /// The text read so far, while the paragraph is open.
    reading: Option<String>,
    /// The finished lede.
    done: Option<String>,
}

impl Lede {
    fn see(&mut self, event: &Event<'_>) {
        if self.done.is_some() {
            return;
        }
        match event {
            Event::Start(tag) => {
                match tag {
                    Tag::Paragraph if self.depth == 0 => self.reading = Some(String::new()),
                    Tag::Image { .. } => self.in_image += 1,
                    _ => {}
                }
                self.depth += 1;
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                match tag {
                    TagEnd::Paragraph if self.depth == 0 => {
                        let text = self.reading.take().unwrap_or_default();
                        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        self.done = Some(text).filter(|t| !t.is_empty());
                    }
                    TagEnd::Image => self.in_image = self.in_image.saturating_sub(1),
                    _ => {}
                }
            }
            _ => {
                let Some(text) = self.reading.as_mut().filter(|_| self.in_image == 0) else { return };
                match event {
                    Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => text.push_str(t),
                    Event::SoftBreak | Event::HardBreak => text.push(' '),
                    _ => {}
                }
            }
        }
    }

    fn finish(self) -> Option<String> {
        self.done
    }
}

/// Counts what a reader has to get through: words in space-separated scripts, characters in
/// Chinese, Japanese and Korean, which are read at a different pace.
#[derive(Default)]
struct ReadingTime {
    words: u32,
    cjk_chars: u32,
    in_word: bool,
}

impl ReadingTime {
    const WORDS_PER_MINUTE: u32 = 230;
    const CJK_CHARS_PER_MINUTE: u32 = 500;

    fn add(&mut self, text: &str) {
        for c in text.chars() {
            if is_cjk(c) {
                self.cjk_chars += 1;
                self.in_word = false;
            } else if c.is_alphanumeric() {
                if !self.in_word {
                    self.words += 1;
                }
                self.in_word = true;
            } else if !matches!(c, '\'' | '’') {
                // Apostrophes keep "don’t" one word, even where smart punctuation splits the
                // text into several events.
                self.in_word = false;
            }
        }
    }

    fn minutes(&self) -> u32 {
        let per_mille = self.words * 1000 / Self::WORDS_PER_MINUTE + self.cjk_chars * 1000 / Self::CJK_CHARS_PER_MINUTE;
        per_mille.div_ceil(1000).max(1)
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'   // Hangul Jamo
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}' // Hangul Compatibility Jamo
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul Syllables
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{FF66}'..='\u{FF9F}' // Halfwidth Katakana
    )
}

#[cfg(test)]
mod tests;
