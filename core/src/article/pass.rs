//! The pass over pulldown-cmark's events: each event that could carry markup or script from the
//! author is rewritten into a harmless one, or into a [`Piece`] this crate writes itself, as
//! pulldown-cmark's html.rs does, with a handler for each tag's start and another for its end.

use super::raw_html::RawHtml;
use super::text::{is_inline, plain_text, Lede, ReadingTime};
use super::writer::{Image, Piece};
use super::Section;
use crate::front_matter::Meta;
use crate::link_policy::{self, Target};
use crate::markup_names::class;
use crate::slug::{slugify, IdAllocator};
use const_format::concatcp;
use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use std::collections::{HashMap, HashSet};

/// State carried through one pass over the events.
#[derive(Default)]
pub(super) struct Pass<'t> {
    pub(super) meta: Meta,
    pub(super) outline: Vec<Section>,
    pub(super) ids: IdAllocator,
    pub(super) reading: ReadingTime,
    /// The first paragraph's text, as it goes by.
    pub(super) lede: Lede,
    /// Whether a block has been emitted yet: a leading h1 then serves as the title.
    body_started: bool,
    links: Links,
    table: Table,
    footnotes: Footnotes,
    raw: RawHtml<'t>,
    /// The image being read, and the tags open inside its alt text (emphasis, links …), which
    /// the alt text leaves out: its alt text is collected from its events, and it is written whole.
    image: Option<(Image, usize)>,
    /// Markdown containers (paragraphs, list items, quotes …) open around the current event.
    depth: usize,
    /// Whether the paragraph being read is an image alone: a figure.
    figure: bool,
}

type Out<'a> = Vec<Piece<'a>>;

impl<'t> Pass<'t> {
    pub(super) fn new(raw: RawHtml<'t>) -> Self {
        Pass { raw, ..Pass::default() }
    }
}

impl<'a> Pass<'_> {
    /// Every event of the body but a heading's own (see [`Pass::heading`]).
    pub(super) fn event(&mut self, event: Event<'a>, out: &mut Out<'a>) {
        self.lede.see(&event);
        if self.image.is_some() {
            return self.image_event(event, out);
        }
        match event {
            Event::Start(tag) => self.start(tag, out),
            Event::End(tag) => self.end(tag, out),
            // Inside a `<script>` or the like written inline, text is removed with it.
            Event::Text(_) | Event::Code(_) if self.raw.removing() => {}
            Event::Text(text) => {
                self.reading.add(&text);
                out.push(Piece::Event(Event::Text(text)));
            }
            Event::Code(text) => {
                self.reading.add(&text);
                out.push(Piece::Event(Event::Code(text)));
            }
            // Raw HTML: the allowed subset is written anew, the rest taken out (see raw_html).
            Event::Html(html) => self.raw.block_text(&html),
            Event::InlineHtml(html) => {
                let reading = &mut self.reading;
                let in_link = self.links.open();
                let html = self.raw.inline(&html, self.depth, in_link, &mut |text| reading.add(text));
                if !html.is_empty() {
                    out.push(Piece::Event(Event::InlineHtml(html.into())));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.reading.break_word();
                out.push(Piece::Event(event));
            }
            Event::FootnoteReference(label) => {
                let id = self.footnotes.id(&mut self.ids, &label);
                out.push(Piece::Event(Event::FootnoteReference(id.into())));
            }
            other => out.push(Piece::Event(other)),
        }
    }

    fn start(&mut self, tag: Tag<'a>, out: &mut Out<'a>) {
        // An HTML block or a footnote's definition before a leading `# Title` leaves it the title.
        if !matches!(tag, Tag::HtmlBlock | Tag::FootnoteDefinition(_)) {
            self.body_started = true;
        }
        if tag == Tag::HtmlBlock {
            // Its elements belong to the container around it: a `<details>` block may hold the
            // Markdown paragraphs up to its `</details>` block.
            self.raw.start_block();
            return;
        }
        self.depth += 1;
        let event = match tag {
            Tag::Link { link_type, dest_url, title, .. } => {
                match self.links.start_link(link_type, &dest_url, &title, self.raw.in_link()) {
                    Some(tag) => Event::InlineHtml(tag.into()),
                    None => return,
                }
            }
            Tag::Image { dest_url, title, .. } => {
                if let Some(url) = self.links.start_image(&dest_url) {
                    self.image = Some((Image { url, title: title.into_string(), alt: String::new() }, 0));
                }
                return;
            }
            Tag::Table(alignments) => self.table.start(alignments),
            Tag::TableHead => self.table.start_head(),
            Tag::TableRow => self.table.start_row(),
            Tag::TableCell => self.table.start_cell(),
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                // The writer puts the info string's first space-separated word into
                // `class="language-…"`, but class lists also split on tabs: keep only the first
                // word, so a fence like "x<TAB>to-top" cannot give the block a widget class.
                let lang = info.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or_default().to_owned();
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang.into())))
            }
            Tag::FootnoteDefinition(label) => {
                let id = self.footnotes.definition_id(&mut self.ids, &label);
                Event::Start(Tag::FootnoteDefinition(id.into()))
            }
            other => Event::Start(other),
        };
        out.push(Piece::Event(event));
    }

    fn end(&mut self, tag: TagEnd, out: &mut Out<'a>) {
        if !is_inline(&tag) {
            self.reading.break_word();
        }
        if tag == TagEnd::HtmlBlock {
            let reading = &mut self.reading;
            let in_link = self.links.open();
            let html = self.raw.end_block(self.depth, in_link, &mut |text| reading.add(text));
            if !html.is_empty() {
                out.push(Piece::Event(Event::Html(html.into())));
            }
            return;
        }
        // What raw HTML left open inside this container closes with it.
        let close = self.raw.close_to(self.depth);
        if !close.is_empty() {
            out.push(Piece::Event(Event::InlineHtml(close.into())));
        }
        self.depth = self.depth.saturating_sub(1);
        let event = match tag {
            TagEnd::Link => match self.links.end_link() {
                true => Event::InlineHtml("</a>".into()),
                false => return,
            },
            // A kept image ends in `image_event`; this is a refused one's, whose alt text stayed.
            TagEnd::Image => {
                self.links.end_image();
                return;
            }
            TagEnd::Table => self.table.end(),
            TagEnd::TableHead => self.table.end_head(),
            TagEnd::TableRow => self.table.end_row(),
            TagEnd::TableCell => self.table.end_cell(),
            other => Event::End(other),
        };
        out.push(Piece::Event(event));
    }

    /// A paragraph, with its events up to its end. An image alone in it (with nothing but its alt
    /// text) is a figure: the image, and its Markdown title as the caption.
    pub(super) fn paragraph(&mut self, inner: Vec<Event<'a>>, out: &mut Out<'a>) {
        let alone = match (inner.first(), inner.last()) {
            // A refused image stays a paragraph of its alt text.
            (Some(Event::Start(Tag::Image { dest_url, .. })), Some(Event::End(TagEnd::Image)))
                if link_policy::check(dest_url).is_some() =>
            {
                // The first image's end is the last event: nothing follows it in the paragraph.
                let mut depth = 0usize;
                inner.iter().position(|event| {
                    match event {
                        Event::Start(_) => depth += 1,
                        Event::End(_) => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                }) == Some(inner.len() - 1)
            }
            _ => false,
        };
        if !alone {
            self.event(Event::Start(Tag::Paragraph), out);
            for event in inner {
                self.event(event, out);
            }
            self.event(Event::End(TagEnd::Paragraph), out);
            return;
        }
        // A figure is no paragraph (a `<figure>` in a `<p>` would end the paragraph), but it is
        // one to the lede and the containers' depth.
        self.body_started = true;
        self.lede.see(&Event::Start(Tag::Paragraph));
        self.depth += 1;
        self.figure = true;
        for event in inner {
            self.event(event, out);
        }
        self.figure = false;
        self.depth -= 1;
        self.lede.see(&Event::End(TagEnd::Paragraph));
        self.reading.break_word();
    }

    /// An event inside a kept image: text goes into its alt text; at its end it is written.
    fn image_event(&mut self, event: Event<'a>, out: &mut Out<'a>) {
        let Some((image, nested)) = self.image.as_mut() else { return };
        match event {
            Event::Start(_) => *nested += 1,
            Event::End(_) if *nested > 0 => *nested -= 1,
            Event::End(_) => {
                let Some((image, _)) = self.image.take() else { return };
                self.links.end_image();
                let lazy = self.raw.next_image_is_lazy();
                out.push(Piece::Image { image, lazy, figure: self.figure });
            }
            Event::Text(text) | Event::Code(text) => {
                self.reading.add(&text);
                image.alt.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            // Raw HTML's tags and footnote references have no place in alt text.
            _ => {}
        }
    }

    /// A heading, with its events up to its end: its text gives its id, so the start tag can
    /// only be written once its end is known. An h2 or h3 is a section: it enters the outline
    /// and is written in the wrapper that holds its section link.
    pub(super) fn heading(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<CowStr<'a>>,
        inner: Vec<Event<'a>>,
        out: &mut Out<'a>,
    ) {
        let title = plain_text(&inner, self.raw.tokenizer());
        if level == HeadingLevel::H1 && !self.body_started && self.meta.title.is_none() {
            // Markdown without front matter usually opens with `# Title`: that is the title.
            self.reading.add(&title);
            self.reading.break_word();
            self.meta.title = Some(title.trim().to_owned()).filter(|t| !t.is_empty());
            self.body_started = true;
            return;
        }
        self.body_started = true;
        let wanted = explicit_id.map_or_else(|| slugify(&title), |id| id.to_string());
        let id = self.ids.allocate(&wanted);
        let section = matches!(level, HeadingLevel::H2 | HeadingLevel::H3);
        if section {
            self.outline.push(Section { id: id.clone(), title: title.trim().to_owned(), level: level as u8 });
            out.push(Piece::SectionHeadStart { level, id });
        } else {
            // Classes and attributes the author wrote (`{.x key=value}`) are dropped.
            let tag = Tag::Heading { level, id: Some(id.into()), classes: Vec::new(), attrs: Vec::new() };
            out.push(Piece::Event(Event::Start(tag)));
        }
        self.depth += 1;
        for event in inner {
            self.event(event, out);
        }
        let close = self.raw.close_to(self.depth);
        if !close.is_empty() {
            out.push(Piece::Event(Event::InlineHtml(close.into())));
        }
        self.depth -= 1;
        self.reading.break_word();
        out.push(if section {
            Piece::SectionHeadEnd { level }
        } else {
            Piece::Event(Event::End(TagEnd::Heading(level)))
        });
    }
}

impl Pass<'_> {
    /// After the last event: closes what raw HTML left open.
    pub(super) fn finish(&mut self, out: &mut Out<'_>) {
        let close = self.raw.close_to(0);
        if !close.is_empty() {
            out.push(Piece::Event(Event::Html(close.into())));
        }
    }
}

/// Links and images, checked against the link policy. A refused one keeps its text (an image
/// its alt text), so the reader still learns what was there.
#[derive(Default)]
struct Links {
    /// For each open link or image: whether its start tag was kept, so the end tag matches.
    kept: Vec<bool>,
}

impl Links {
    /// The `<a …>` start tag for a link, or `None` when only its text stays.
    fn start_link(&mut self, link_type: LinkType, dest: &str, title: &str, in_raw_link: bool) -> Option<String> {
        // Inside a link (`[<https://x>](y)`, or a link written in HTML) or an image's alt text,
        // an `<a>` cannot be nested: the browser would restructure the tree. The inner link
        // stays as its text.
        let checked = if self.open() || in_raw_link { None } else { link_policy::check(dest) };
        self.kept.push(checked.is_some());
        let (url, target) = checked?;
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
        Some(tag)
    }

    /// Whether a link's (or an image's) start tag is open, kept.
    fn open(&self) -> bool {
        self.kept.contains(&true)
    }

    /// Whether the link's start tag was kept.
    fn end_link(&mut self) -> bool {
        self.kept.pop().unwrap_or(false)
    }

    /// The image's URL as the policy allows it, or `None` when only its alt text stays.
    fn start_image(&mut self, dest: &str) -> Option<String> {
        let url = link_policy::check(dest).map(|(url, _)| url);
        self.kept.push(url.is_some());
        url
    }

    /// Whether the image's start was kept.
    fn end_image(&mut self) -> bool {
        self.kept.pop().unwrap_or(false)
    }
}

/// Tables are written here rather than by pulldown-cmark's writer, which puts column alignment
/// into style attributes that a strict style-src refuses; a class does the same. A wide table
/// scrolls inside its own box instead of widening the page; the box is focusable so keyboard
/// users can scroll it too.
#[derive(Default)]
struct Table {
    /// The current table's column alignments, whether its head is open, and the cell's column.
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

impl Table {
    fn start<'a>(&mut self, alignments: Vec<Alignment>) -> Event<'a> {
        self.alignments = alignments;
        Event::Html(concatcp!(r#"<div class=""#, class::TABLE_SCROLL, r#"" tabindex="0"><table>"#).into())
    }

    fn end<'a>(&mut self) -> Event<'a> {
        Event::Html("</tbody></table></div>\n".into())
    }

    fn start_head<'a>(&mut self) -> Event<'a> {
        self.in_head = true;
        self.column = 0;
        Event::Html("<thead><tr>".into())
    }

    fn end_head<'a>(&mut self) -> Event<'a> {
        self.in_head = false;
        Event::Html("</tr></thead><tbody>\n".into())
    }

    fn start_row<'a>(&mut self) -> Event<'a> {
        self.column = 0;
        Event::Html("<tr>".into())
    }

    fn end_row<'a>(&mut self) -> Event<'a> {
        Event::Html("</tr>\n".into())
    }

    fn start_cell<'a>(&mut self) -> Event<'a> {
        let tag = if self.in_head { "th" } else { "td" };
        let class = match self.alignments.get(self.column) {
            Some(Alignment::Left) => concatcp!(r#" class=""#, class::ALIGN_LEFT, '"'),
            Some(Alignment::Center) => concatcp!(r#" class=""#, class::ALIGN_CENTER, '"'),
            Some(Alignment::Right) => concatcp!(r#" class=""#, class::ALIGN_RIGHT, '"'),
            _ => "",
        };
        Event::Html(format!("<{tag}{class}>").into())
    }

    fn end_cell<'a>(&mut self) -> Event<'a> {
        self.column += 1;
        Event::Html(if self.in_head { "</th>" } else { "</td>" }.into())
    }
}

/// Footnote ids share the heading namespace, so they are allocated from the same pool.
#[derive(Default)]
struct Footnotes {
    /// Each label's id, by its [`footnote_key`].
    ids: HashMap<String, String>,
    /// Labels already defined: a second definition of one gets an id of its own.
    defined: HashSet<String>,
}

impl Footnotes {
    /// The id that references to `label` point at.
    fn id(&mut self, ids: &mut IdAllocator, label: &str) -> String {
        let key = footnote_key(label);
        if let Some(id) = self.ids.get(&key) {
            return id.clone();
        }
        let id = ids.allocate(&format!("fn-{}", slugify(label)));
        self.ids.insert(key, id.clone());
        id
    }

    /// The id of a definition of `label`: the references' for the first, a new one after.
    fn definition_id(&mut self, ids: &mut IdAllocator, label: &str) -> String {
        if self.defined.insert(footnote_key(label)) {
            self.id(ids, label)
        } else {
            ids.allocate(&format!("fn-{}", slugify(label)))
        }
    }
}

/// Footnote labels match as CommonMark link labels do: by Unicode case folding, with runs of
/// white space as one space, so `[^A  b]` refers to `[^a b]`.
fn footnote_key(label: &str) -> String {
    unicase::UniCase::new(label.split_whitespace().collect::<Vec<_>>().join(" ")).to_folded_case()
}
