//! Read aloud ("Listen"): the speaking rate, the choice of a voice for the article's language,
//! what in the article is read, and the reading cursor with its transitions.
//!
//! The browser shell (src/read_aloud.rs) speaks with `speechSynthesis`, finds sentences with
//! `Intl.Segmenter` and highlights with the CSS Custom Highlight API; everything it decides is
//! here, tested natively.

use crate::markup_names::class;
use crate::quote::quoted;
use const_format::concatcp;
use std::str::FromStr;

/// A speaking rate: one of the steps 0.75×, 1×, 1.25×, 1.5× and 2×. The field is private, so
/// every `Rate` is one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate(u8);

/// Each step: its name as stored and written (`"1.25"`), its label (`"1.25×"`) and its value.
const RATES: [(&str, &str, f64); 5] =
    [("0.75", "0.75×", 0.75), ("1", "1×", 1.0), ("1.25", "1.25×", 1.25), ("1.5", "1.5×", 1.5), ("2", "2×", 2.0)];

impl Rate {
    /// The normal rate, 1×.
    pub const NORMAL: Rate = Rate(1);
    /// What a rate may be, for messages.
    pub const EXPECTED: &'static str = r#"one of 0.75, 1, 1.25, 1.5, 2"#;

    /// Every rate, slowest first.
    pub fn all() -> impl Iterator<Item = Rate> {
        (0..RATES.len() as u8).map(Rate)
    }

    /// The rate `value` names, if it is one of the steps.
    pub fn from_number(value: f64) -> Option<Rate> {
        Rate::all().find(|r| r.value() == value)
    }

    /// The rate as `speechSynthesis` takes it (1 is normal).
    pub fn value(self) -> f64 {
        RATES[self.0 as usize].2
    }

    /// The name it is stored as: `"0.75"`, `"1"`, `"1.25"`, `"1.5"` or `"2"`.
    pub fn name(self) -> &'static str {
        RATES[self.0 as usize].0
    }

    /// The rate as the control shows it: `"1.25×"`.
    pub fn label(self) -> &'static str {
        RATES[self.0 as usize].1
    }

    /// The next step, back to the slowest after the fastest (the control cycles).
    pub fn cycled(self) -> Rate {
        Rate((self.0 + 1) % RATES.len() as u8)
    }

    /// One step faster (`delta` 1) or slower (-1), stopping at the ends.
    pub fn saturating_add(self, delta: i8) -> Rate {
        Rate(self.0.saturating_add_signed(delta).min(RATES.len() as u8 - 1))
    }
}

impl Default for Rate {
    fn default() -> Rate {
        Rate::NORMAL
    }
}

/// Parses a rate's name (as stored); the error says what is allowed.
impl FromStr for Rate {
    type Err = String;
    fn from_str(text: &str) -> Result<Rate, String> {
        Rate::all()
            .find(|r| r.name() == text.trim())
            .ok_or_else(|| format!("must be {}, not {}", Rate::EXPECTED, quoted(text)))
    }
}

/// What the shell knows of a voice (`SpeechSynthesisVoice`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Voice {
    /// Its BCP 47 language tag (`ko-KR`; some platforms write `ko_KR`).
    pub lang: String,
    /// Its name.
    pub name: String,
    /// The platform's default voice.
    pub default: bool,
    /// Speaks without a network service.
    pub local: bool,
}

/// A tag's subtags, lowercased, with `_` read as `-`.
fn subtags(tag: &str) -> impl Iterator<Item = String> + '_ {
    tag.trim().split(['-', '_']).map(str::to_ascii_lowercase)
}

/// The best voice of `voices` for text in `lang` (a BCP 47 tag), by its index: one whose tag is
/// `lang` exactly before one of the same primary language (`ko-KR` for `ko`), and among equals
/// the platform's default, then a local one, then the first listed. None when no voice speaks
/// the language: then the article is not read.
pub fn choose_voice(voices: &[Voice], lang: &str) -> Option<usize> {
    let wanted: Vec<String> = subtags(lang).collect();
    let primary = wanted.first().filter(|p| !p.is_empty())?;
    voices
        .iter()
        .enumerate()
        .filter_map(|(i, voice)| {
            let tags: Vec<String> = subtags(&voice.lang).collect();
            if tags.first() != Some(primary) {
                return None;
            }
            let exact = tags == wanted;
            // Higher is better; the first listed wins a tie (max_by_key keeps the last, so the
            // index counts against).
            Some(((exact, voice.default, voice.local), std::cmp::Reverse(i)))
        })
        .max_by_key(|(score, i)| (*score, *i))
        .map(|(_, std::cmp::Reverse(i))| i)
}

/// What in the article is never read (a CSS selector list): the code blocks, the footnote
/// markers and the footnotes themselves, the buttons beside headings, ruby annotations (their
/// base text is read), and what is hidden. The navigation is outside the body that is read.
pub const SKIPPED: &str = concatcp!(
    "pre, button, script, style, template, rt, rp, [hidden], [aria-hidden=true], .",
    class::FOOTNOTE_REFERENCE,
    ", .",
    class::FOOTNOTE_DEFINITION,
    ", .",
    class::TOC,
    ", nav"
);

/// The blocks read as paragraphs (a CSS selector list): each text is read with its nearest one
/// of these, so a list item's own words and its nested list are separate paragraphs.
pub const BLOCKS: &str = "h1, h2, h3, h4, h5, h6, p, li, blockquote, td, th, dt, dd, figcaption, caption";

/// Elements whose `alt` text is read in their place.
pub const READ_ALT: &str = "img";

/// Whether the reader is listening, and if so whether speech is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Playback {
    /// Not reading.
    #[default]
    Stopped,
    /// Speaking.
    Playing,
    /// Paused, to resume where it was.
    Paused,
}

/// Where reading is: the paragraph (block) and the sentence in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    /// The block's index among the blocks read.
    pub block: usize,
    /// The sentence's index in the block.
    pub sentence: usize,
}

/// The reading cursor and the playback state, with the controls' transitions. The sentence
/// counts are the shell's (it segments a block when reading reaches it), passed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reading {
    /// Whether it plays.
    pub playback: Playback,
    /// Where it is (meaningless while stopped).
    pub cursor: Cursor,
    /// The number of blocks read.
    blocks: usize,
}

impl Reading {
    /// Starts playing at the first sentence of `block` of `blocks`; stays stopped if there is
    /// nothing to read there.
    pub fn start(blocks: usize, block: usize) -> Reading {
        if block >= blocks {
            return Reading::default();
        }
        Reading { playback: Playback::Playing, cursor: Cursor { block, sentence: 0 }, blocks }
    }

    /// Whether it is reading (playing or paused).
    pub fn active(&self) -> bool {
        self.playback != Playback::Stopped
    }

    /// The sentence after the one read, in a block of `sentences`: the next in the block, else
    /// the first of the next block; stopped after the last.
    pub fn advance(self, sentences: usize) -> Reading {
        if !self.active() {
            return self;
        }
        if self.cursor.sentence + 1 < sentences {
            return Reading { cursor: Cursor { sentence: self.cursor.sentence + 1, ..self.cursor }, ..self };
        }
        self.next_block()
    }

    /// The first sentence of the next block; stopped after the last. Pausing is kept.
    pub fn next_block(self) -> Reading {
        if !self.active() {
            return self;
        }
        if self.cursor.block + 1 >= self.blocks {
            return Reading::default();
        }
        Reading { cursor: Cursor { block: self.cursor.block + 1, sentence: 0 }, ..self }
    }

    /// The first sentence of the previous block (of the first block at the top).
    pub fn previous_block(self) -> Reading {
        if !self.active() {
            return self;
        }
        Reading { cursor: Cursor { block: self.cursor.block.saturating_sub(1), sentence: 0 }, ..self }
    }

    /// Pauses if playing, resumes if paused.
    pub fn toggle_pause(self) -> Reading {
        let playback = match self.playback {
            Playback::Playing => Playback::Paused,
            Playback::Paused => Playback::Playing,
            Playback::Stopped => Playback::Stopped,
        };
        Reading { playback, ..self }
    }

    /// Pauses if playing.
    pub fn pause(self) -> Reading {
        match self.playback {
            Playback::Playing => self.toggle_pause(),
            _ => self,
        }
    }

    /// Stops.
    pub fn stop(self) -> Reading {
        Reading::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice(lang: &str, name: &str, default: bool, local: bool) -> Voice {
        Voice { lang: lang.into(), name: name.into(), default, local }
    }

    #[test]
    fn rates_are_the_five_steps() {
        let names: Vec<_> = Rate::all().map(Rate::name).collect();
        assert_eq!(names, ["0.75", "1", "1.25", "1.5", "2"]);
        assert_eq!(Rate::default().value(), 1.0);
        assert_eq!(Rate::from_number(1.5).map(Rate::label), Some("1.5×"));
        assert_eq!(Rate::from_number(1.1), None);
        assert_eq!(Rate::from_number(f64::NAN), None);
        assert_eq!("1.25".parse::<Rate>().map(Rate::value), Ok(1.25));
        let err = "3".parse::<Rate>().unwrap_err();
        assert!(err.contains("0.75, 1, 1.25, 1.5, 2") && err.contains(r#""3""#), "{err}");
        let fastest = Rate::from_number(2.0).unwrap();
        assert_eq!(fastest.cycled().name(), "0.75");
        assert_eq!(fastest.saturating_add(1), fastest);
        assert_eq!(Rate::from_number(0.75).unwrap().saturating_add(-1).name(), "0.75");
        assert_eq!(Rate::NORMAL.saturating_add(1).name(), "1.25");
    }

    #[test]
    fn the_voice_speaks_the_language_exact_tags_first_then_default_then_local() {
        let voices = [
            voice("en-US", "Alex", false, true),
            voice("ko-KR", "Yuna (online)", false, false),
            voice("ko_KR", "Yuna", false, true),
            voice("ja-JP", "Kyoko", true, true),
            voice("en-GB", "Daniel", true, false),
        ];
        assert_eq!(choose_voice(&voices, "ko"), Some(2), "local beats remote");
        assert_eq!(choose_voice(&voices, "ko-KR"), Some(2), "_ reads as -");
        assert_eq!(choose_voice(&voices, "ja"), Some(3));
        assert_eq!(choose_voice(&voices, "en"), Some(4), "the default");
        assert_eq!(choose_voice(&voices, "en-US"), Some(0), "the exact tag beats the default");
        assert_eq!(choose_voice(&voices, "EN-us"), Some(0), "case does not matter");
        assert_eq!(choose_voice(&voices, "zh"), None);
        assert_eq!(choose_voice(&voices, ""), None);
        assert_eq!(choose_voice(&[], "en"), None);
        let ties = [voice("en-US", "A", false, true), voice("en-US", "B", false, true)];
        assert_eq!(choose_voice(&ties, "en"), Some(0), "the first listed wins a tie");
    }

    #[test]
    fn what_is_skipped_and_read_names_the_markup() {
        assert!(SKIPPED.contains("pre") && SKIPPED.contains(".footnote-reference"));
        assert!(SKIPPED.contains(".footnote-definition") && SKIPPED.contains("nav"));
        assert!(BLOCKS.split(", ").any(|b| b == "p") && BLOCKS.split(", ").any(|b| b == "h2"));
    }

    #[test]
    fn reading_moves_sentence_by_sentence_then_block_by_block() {
        let reading = Reading::start(3, 1);
        assert_eq!(reading.cursor, Cursor { block: 1, sentence: 0 });
        let reading = reading.advance(2);
        assert_eq!(reading.cursor, Cursor { block: 1, sentence: 1 });
        let reading = reading.advance(2);
        assert_eq!(reading.cursor, Cursor { block: 2, sentence: 0 });
        assert_eq!(reading.advance(1), Reading::default(), "stops after the last");
        assert!(!Reading::start(3, 3).active(), "nothing to read there");
    }

    #[test]
    fn the_controls_move_by_block_and_pause() {
        let reading = Reading::start(4, 2).advance(5);
        assert_eq!(reading.previous_block().cursor, Cursor { block: 1, sentence: 0 });
        assert_eq!(reading.previous_block().previous_block().previous_block().cursor.block, 0);
        assert_eq!(reading.next_block().cursor, Cursor { block: 3, sentence: 0 });
        assert!(!reading.next_block().next_block().active());
        let paused = reading.toggle_pause();
        assert_eq!(paused.playback, Playback::Paused);
        assert_eq!(paused.next_block().playback, Playback::Paused, "moving keeps the pause");
        assert_eq!(paused.toggle_pause().playback, Playback::Playing);
        assert_eq!(paused.pause(), paused);
        assert_eq!(reading.stop(), Reading::default());
        assert_eq!(Reading::default().toggle_pause(), Reading::default());
        assert_eq!(Reading::default().advance(3), Reading::default());
    }
}
