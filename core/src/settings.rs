//! The reader's and the partner's settings, validated: text size, theme, UI language, where the
//! text size is remembered, and the space kept free above headings.
//!
//! Each type refuses what it cannot hold with a message that names the values it allows. The
//! browser shell reads JavaScript values with the constructors (`from_tag`, `from_number`,
//! `from_name`, `new`) and the command line parses text with `FromStr`; both use the same
//! `EXPECTED` words, so a partner reads the same message either way.

use crate::quote::quoted;
use std::str::FromStr;

/// A language the UI speaks. From JS it is read as a language tag, so `"ko-KR"` is Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Korean.
    Ko,
    /// Japanese.
    Ja,
}

/// Parses a language tag as [`Lang::from_tag`] does; the error says what is allowed.
impl FromStr for Lang {
    type Err = String;
    fn from_str(tag: &str) -> Result<Lang, String> {
        Lang::from_tag(tag).ok_or_else(|| format!("must be {}, not {}", Lang::EXPECTED, quoted(tag)))
    }
}

impl Lang {
    /// What a language may be, for messages.
    pub const EXPECTED: &'static str = r#"one of "en", "ko", "ja" (with or without a region, such as "ko-KR")"#;

    /// The UI language for a BCP 47 tag such as `ko-KR`, if it is one we speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    /// The primary language subtag: "en", "ko" or "ja".
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Ja => "ja",
        }
    }
}

/// A text-size step: 1 (smallest) to 5 (largest); 3 is the partner's base size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FontStep(u8);

impl FontStep {
    /// The smallest step.
    pub const MIN: FontStep = FontStep(1);
    /// The largest step.
    pub const MAX: FontStep = FontStep(5);
    /// The partner's base size, 100 %.
    pub const DEFAULT: FontStep = FontStep(3);
    /// What a step may be, for messages.
    pub const EXPECTED: &'static str = "an integer from 1 to 5";

    /// The step `value` names, if it is a whole number from 1 to 5. For callers that describe a
    /// refused value themselves: the browser shell names it as JavaScript would, and so keeps
    /// Rust's float formatting out of the module.
    pub fn from_number(value: f64) -> Option<FontStep> {
        (value.fract() == 0.0 && (1.0..=5.0).contains(&value)).then_some(FontStep(value as u8))
    }

    /// Accepts whole numbers from 1 to 5; everything else is refused with what is allowed.
    pub fn new(value: f64) -> Result<FontStep, String> {
        if value.fract() == 0.0 && (1.0..=5.0).contains(&value) {
            Ok(FontStep(value as u8))
        } else {
            Err(format!("must be {}, not {value}", Self::EXPECTED))
        }
    }

    /// The step as a number from 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Every step, smallest first.
    pub fn all() -> impl Iterator<Item = FontStep> {
        (Self::MIN.0..=Self::MAX.0).map(FontStep)
    }

    /// One step smaller or larger, stopping at the ends.
    pub fn saturating_add(self, delta: i8) -> FontStep {
        FontStep(self.0.saturating_add_signed(delta).clamp(Self::MIN.0, Self::MAX.0))
    }
}

impl Default for FontStep {
    fn default() -> FontStep {
        FontStep::DEFAULT
    }
}

/// Parses a number as [`FontStep::new`] does; the error says what is allowed.
impl FromStr for FontStep {
    type Err = String;
    fn from_str(text: &str) -> Result<FontStep, String> {
        match text.parse::<f64>() {
            Ok(value) => FontStep::new(value),
            Err(_) => Err(format!("must be {}, not {}", Self::EXPECTED, quoted(text))),
        }
    }
}

/// Where the reader's text size is remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageKey {
    /// Remember it under this localStorage key.
    Key(String),
    /// `false`: remember nothing.
    Off,
}

impl StorageKey {
    /// The key used when the partner names none.
    pub const DEFAULT: &'static str = "reading-widget:font-step";
    /// What a storage key may be, for messages.
    pub const EXPECTED: &'static str = "a non-empty string, or false to store nothing";

    /// The key, unless nothing is to be remembered.
    pub fn key(&self) -> Option<&str> {
        match self {
            StorageKey::Key(key) => Some(key),
            StorageKey::Off => None,
        }
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Light or dark, following the reader's prefers-color-scheme.
    #[default]
    Auto,
    /// Dark text on white.
    Light,
    /// Light text on near black.
    Dark,
    /// Dark brown text on warm paper.
    Sepia,
}

/// Parses a theme's name; the error says what is allowed.
impl FromStr for Theme {
    type Err = String;
    fn from_str(name: &str) -> Result<Theme, String> {
        Theme::from_name(name).ok_or_else(|| format!("must be {}, not {}", Theme::EXPECTED, quoted(name)))
    }
}

impl Theme {
    /// What a theme may be, for messages.
    pub const EXPECTED: &'static str = r#"one of "auto", "light", "dark", "sepia""#;

    /// Every theme, `Auto` first.
    pub const ALL: [Theme; 4] = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia];

    /// The theme called `name`, exactly as [`Theme::name`] writes it.
    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The name partners write: "auto", "light", "dark" or "sepia".
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Sepia => "sepia",
        }
    }
}

/// Pixels kept free above a heading scrolled into view: from 0 to 10000. The field is private,
/// so every `ScrollOffset` went through [`ScrollOffset::new`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScrollOffset(f64);

impl ScrollOffset {
    /// What an offset may be, for messages.
    pub const EXPECTED: &'static str = "a number of pixels from 0 to 10000";

    /// The offset `px` names, if it is from 0 to 10000 (NaN and infinities are refused).
    pub fn new(px: f64) -> Option<ScrollOffset> {
        (0.0..=10_000.0).contains(&px).then_some(ScrollOffset(px))
    }

    /// The offset in CSS pixels.
    pub fn px(self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_steps_are_whole_numbers_from_one_to_five() {
        assert_eq!(FontStep::new(1.0).unwrap().get(), 1);
        assert_eq!(FontStep::new(5.0).unwrap().get(), 5);
        for bad in [0.0, 6.0, 2.5, f64::NAN, f64::INFINITY, -1.0, 1e300] {
            let err = FontStep::new(bad).unwrap_err();
            assert!(err.contains("an integer from 1 to 5"), "{err}");
        }
    }

    #[test]
    fn settings_parse_from_text_with_the_same_words_as_from_js() {
        assert_eq!("ko-KR".parse::<Lang>(), Ok(Lang::Ko));
        assert_eq!("sepia".parse::<Theme>(), Ok(Theme::Sepia));
        assert_eq!("4".parse::<FontStep>().map(FontStep::get), Ok(4));
        assert_eq!(
            "fr".parse::<Lang>().unwrap_err(),
            r#"must be one of "en", "ko", "ja" (with or without a region, such as "ko-KR"), not "fr""#
        );
        assert_eq!(
            "blue".parse::<Theme>().unwrap_err(),
            r#"must be one of "auto", "light", "dark", "sepia", not "blue""#
        );
        assert_eq!("7".parse::<FontStep>().unwrap_err(), "must be an integer from 1 to 5, not 7");
        assert_eq!("big".parse::<FontStep>().unwrap_err(), r#"must be an integer from 1 to 5, not "big""#);
        assert_eq!(FontStep::default(), FontStep::DEFAULT);
    }

    #[test]
    fn stepping_stops_at_the_ends() {
        assert_eq!(FontStep::MIN.saturating_add(-1), FontStep::MIN);
        assert_eq!(FontStep::MAX.saturating_add(1), FontStep::MAX);
        assert_eq!(FontStep::DEFAULT.saturating_add(1).get(), 4);
        assert_eq!(FontStep::all().count(), 5);
    }

    #[test]
    fn scroll_offsets_are_pixels_from_0_to_10000() {
        assert_eq!(ScrollOffset::new(0.0).map(ScrollOffset::px), Some(0.0));
        assert_eq!(ScrollOffset::new(10_000.0).map(ScrollOffset::px), Some(10_000.0));
        for bad in [-1.0, 10_000.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(ScrollOffset::new(bad), None, "{bad}");
        }
    }
}
