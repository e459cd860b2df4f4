//! What the body's text amounts to: the reading time, the lede, a heading's plain text, and
//! which characters are read (and laid out) as Chinese, Japanese and Korean.

use super::raw_html::{HtmlTokenizer, RawHtml};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Counts what a reader has to get through: words in space-separated scripts, characters in
/// Chinese, Japanese and Korean, which are read at a different pace. Counted in `u64`: an
/// article of millions of words (a whole book pasted in) must not wrap.
#[derive(Default)]
pub(super) struct ReadingTime {
    words: u64,
    cjk_chars: u64,
    in_word: bool,
}

impl ReadingTime {
    const WORDS_PER_MINUTE: u64 = 230;
    const CJK_CHARS_PER_MINUTE: u64 = 500;

    pub(super) fn add(&mut self, text: &str) {
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

    /// White space or a block's edge: the next letter starts a word. Line breaks and the ends
    /// of blocks separate words as white space does, though the text on either side comes in
    /// events of its own with no space between them.
    pub(super) fn break_word(&mut self) {
        self.in_word = false;
    }

    pub(super) fn minutes(&self) -> u32 {
        // Thousandths of a minute, so that words and characters add up before rounding. A
        // `u64` holds any text that fits in memory times 1000; the minutes of such a text fit a
        // `u32` (saturating beyond 4 billion minutes all the same).
        let per_mille = self.words.saturating_mul(1000) / Self::WORDS_PER_MINUTE
            + self.cjk_chars.saturating_mul(1000) / Self::CJK_CHARS_PER_MINUTE;
        u32::try_from(per_mille.div_ceil(1000).max(1)).unwrap_or(u32::MAX)
    }
}

/// Whether a tag lies within a line of text (emphasis, links …), so that a word may run across
/// it (`don*'t*`), rather than ending a block.
pub(super) fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The text a heading shows, for its id and its entry in the navigation. Raw HTML's tags are
/// markup, read as the pass reads them: the text of a `<script>` inside is not shown, a refused
/// image's alt text is.
pub(super) fn plain_text(events: &[Event<'_>], tokenizer: Option<&dyn HtmlTokenizer>) -> String {
    let mut raw = RawHtml::new(tokenizer);
    let mut text = String::new();
    for event in events {
        match event {
            Event::InlineHtml(html) => {
                let mut shown = String::new();
                raw.inline(html, 1, false, &mut |t| shown.push_str(t));
                text.push_str(&shown);
            }
            Event::Text(t) | Event::Code(t) if !raw.removing() => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Collects the text of the first top-level paragraph that has any. Every event but a heading's
/// own start and end passes through the pass's `event`, balanced, so counting open tags there
/// tells a top-level paragraph from one in a list, quote or footnote.
#[derive(Default)]
pub(super) struct Lede {
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
    pub(super) fn see(&mut self, event: &Event<'_>) {
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
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    Event::SoftBreak | Event::HardBreak => text.push(' '),
                    _ => {}
                }
            }
        }
    }

    pub(super) fn finish(self) -> Option<String> {
        self.done
    }
}

/// Whether `c` is a Chinese, Japanese or Korean character: read per character, and twice as
/// wide as a Latin letter.
pub(super) fn is_cjk(c: char) -> bool {
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
