//! The pass's output to HTML: pulldown-cmark's own writer (which escapes all text) for
//! Markdown's events, and the few pieces this crate writes itself, each where it belongs.

use super::Block;
use pulldown_cmark::{Event, HeadingLevel};
use pulldown_cmark_escape::{escape_href, escape_html};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::Range;

/// One piece of the body, in order: an event for pulldown-cmark's writer, or a place that only
/// this crate knows about.
pub(super) enum Piece<'a> {
    /// Written by pulldown-cmark's writer.
    Event(Event<'a>),
    /// The start tag of an h2 or h3, `<h2 id="…">`, and the place before it where the widget's
    /// markup opens the wrapper that holds the heading and its section's link.
    SectionHeadStart { level: HeadingLevel, id: String },
    /// The end tag of that heading, `</h2>`, and the place after it where the widget's markup
    /// writes the section's link and closes the wrapper.
    SectionHeadEnd { level: HeadingLevel },
    /// An image the link policy allows; `lazy` for all but the article's first; in a figure
    /// (alone in its paragraph) with its title as the caption.
    Image { image: Image, lazy: bool, figure: bool },
}

/// An image whose URL the link policy allows.
pub(super) struct Image {
    pub(super) url: String,
    /// Its Markdown title: a figure's caption, else the `title` attribute.
    pub(super) title: String,
    pub(super) alt: String,
}

/// `<img …>`: the browser loads a lazy one only as the reader nears it, and decodes it off the
/// main thread.
fn image_tag(out: &mut String, image: &Image, lazy: bool, title: bool) {
    out.push_str(r#"<img src=""#);
    let _ = escape_href(&mut *out, &image.url);
    out.push_str(r#"" alt=""#);
    let _ = escape_html(&mut *out, &image.alt);
    if title && !image.title.is_empty() {
        out.push_str(r#"" title=""#);
        let _ = escape_html(&mut *out, &image.title);
    }
    out.push('"');
    if lazy {
        out.push_str(r#" loading="lazy" decoding="async""#);
    }
    out.push_str(" />");
}

/// What [`write_html`] writes: the HTML and where its parts are.
pub(super) struct Written {
    pub(super) html: String,
    pub(super) blocks: Vec<Block>,
    /// For each section's heading, in order: where it starts and ends.
    pub(super) section_heads: Vec<Range<usize>>,
}

/// Writes the pieces as HTML in one pass (so that footnotes are numbered across the whole body),
/// and turns each block's end from an index into the pieces into an offset into the HTML: the
/// writer has written every event before it asks for the next.
pub(super) fn write_html(pieces: Vec<Piece<'_>>, mut blocks: Vec<Block>, capacity: usize) -> Written {
    struct Counted<'a> {
        out: &'a mut String,
        len: &'a Cell<usize>,
        /// Whether the output ends a line, as pulldown-cmark's writer tracks it: a block tag
        /// starts on a line of its own.
        at_line_start: &'a Cell<bool>,
    }
    impl fmt::Write for Counted<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.out.push_str(s);
            self.len.set(self.out.len());
            if let Some(last) = s.as_bytes().last() {
                self.at_line_start.set(*last == b'\n');
            }
            Ok(())
        }
    }
    let mut html = String::with_capacity(capacity);
    let len = Cell::new(0);
    let at_line_start = Cell::new(true);
    let section_heads = RefCell::new(Vec::new());
    let mut pending = blocks.iter_mut().peekable();
    let events = pieces.into_iter().enumerate().flat_map(|(index, piece)| {
        while let Some(block) = pending.next_if(|b| b.end <= index) {
            block.end = len.get();
        }
        // Each event with what starts or ends just before it. The place is read when the
        // writer asks for the event, after it has written everything before.
        let (first, second) = match piece {
            Piece::Event(event) => ((Place::None, event), None),
            Piece::SectionHeadStart { level, id } => {
                // pulldown-cmark's writer starts a block on a line of its own.
                let newline = (!at_line_start.get()).then(|| (Place::None, Event::Html("\n".into())));
                let mut tag = format!("<{} id=\"", heading_tag(level));
                let _ = escape_html(&mut tag, &id);
                tag.push_str("\">");
                match newline {
                    Some(newline) => (newline, Some((Place::HeadStart, Event::Html(tag.into())))),
                    None => ((Place::HeadStart, Event::Html(tag.into())), None),
                }
            }
            Piece::Image { image, lazy, figure: false } => {
                let mut tag = String::new();
                image_tag(&mut tag, &image, lazy, true);
                ((Place::None, Event::InlineHtml(tag.into())), None)
            }
            Piece::Image { image, lazy, figure: true } => {
                let mut tag = String::from(if at_line_start.get() { "<figure>" } else { "\n<figure>" });
                image_tag(&mut tag, &image, lazy, false);
                if !image.title.is_empty() {
                    tag.push_str("<figcaption>");
                    let _ = escape_html(&mut tag, &image.title);
                    tag.push_str("</figcaption>");
                }
                tag.push_str("</figure>\n");
                ((Place::None, Event::Html(tag.into())), None)
            }
            Piece::SectionHeadEnd { level } => {
                let close = format!("</{}>", heading_tag(level));
                ((Place::None, Event::Html(close.into())), Some((Place::HeadEnd, Event::Html("\n".into()))))
            }
        };
        std::iter::once(first).chain(second)
    });
    let mut start = 0;
    let events = events.map(|(place, event)| {
        match place {
            Place::None => {}
            Place::HeadStart => start = len.get(),
            Place::HeadEnd => section_heads.borrow_mut().push(start..len.get()),
        }
        event
    });
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(
        Counted { out: &mut html, len: &len, at_line_start: &at_line_start },
        events,
    );
    let total = html.len();
    for block in pending {
        block.end = total;
    }
    Written { html, blocks, section_heads: section_heads.into_inner() }
}

/// What starts or ends before an event.
enum Place {
    None,
    HeadStart,
    HeadEnd,
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// Finds the body's top-level blocks in the event stream, and the width of their text.
#[derive(Default)]
pub(super) struct BlockTracker {
    depth: usize,
    text_width: u32,
    /// Each block with `end` as the index into the output pieces just after it.
    pub(super) blocks: Vec<Block>,
    /// The output pieces' count at the last block's end, so that blocks with no output (the
    /// title taken from a leading `# heading`, front matter) are not counted.
    written: usize,
}

impl BlockTracker {
    pub(super) fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let width: usize = text.chars().map(|c| if super::text::is_cjk(c) { 2 } else { 1 }).sum();
                self.text_width = self.text_width.saturating_add(u32::try_from(width).unwrap_or(u32::MAX));
            }
            _ => {}
        }
    }

    /// The front matter's and a heading's events are taken from the parser up to their end,
    /// which `see` never gets.
    pub(super) fn skipped_to_end(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub(super) fn end_if_top(&mut self, written: usize) {
        if self.depth == 0 && written > self.written {
            self.blocks.push(Block { end: written, text_width: std::mem::take(&mut self.text_width) });
            self.written = written;
        }
    }
}
