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

/// Declares a choice by name (the reading settings, where the article lives): the enum, its
/// names, the list of them and the message that names them, from one table.
macro_rules! named_setting {
    ($(#[doc = $doc:literal])+ $name:ident $expected:literal { $( $(#[doc = $vdoc:literal])+ $variant:ident = $value:literal, )+ }) => {
        $(#[doc = $doc])+
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $( $(#[doc = $vdoc])+ $variant, )+
        }

        impl $name {
            /// Every value, in the panel's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What a value may be, for messages.
            pub const EXPECTED: &'static str = $expected;

            /// The name partners and the stored settings write.
            pub fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $value, )+
                }
            }

            /// The value called `name`, exactly as [`Self::name`] writes it.
            pub fn from_name(name: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.name() == name)
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(name: &str) -> Result<$name, String> {
                $name::from_name(name)
                    .ok_or_else(|| format!("must be {}, not {}", $name::EXPECTED, quoted(name)))
            }
        }
    };
}

named_setting! {
    /// Where the article's body lives. Not a reading setting: the partner chooses it once (the
    /// `content` option and attribute, `render --content`).
    Content r#"one of "shadow", "light""# {
        /// In the shadow root with the chrome: the page's CSS cannot reach it (the default).
        Shadow = "shadow",
        /// In the light DOM, a child of the host slotted into the layout, so that reader modes,
        /// translators and other tools that do not enter shadow roots see the article.
        Light = "light",
    }
}

// The table above cannot mark a variant `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Content {
    fn default() -> Content {
        Content::Shadow
    }
}

named_setting! {
    /// The article's line spacing, in three steps.
    LineSpacing r#"one of "compact", "normal", "relaxed""# {
        /// 1.5 lines.
        Compact = "compact",
        /// 1.7 lines, the widget's own.
        Normal = "normal",
        /// 2 lines.
        Relaxed = "relaxed",
    }
}

named_setting! {
    /// The article's measure, in characters (`ch`; style.css gives Korean and Japanese their own
    /// counts, since each of their characters is about two `ch` wide).
    Width r#"one of "narrow", "medium", "wide""# {
        /// About 56 Latin characters a line (30 Korean or Japanese).
        Narrow = "narrow",
        /// About 68 (36).
        Medium = "medium",
        /// About 84 (44).
        Wide = "wide",
    }
}

named_setting! {
    /// The article's typeface: system fonts that suit its language (Gothic for sans, Myeongjo
    /// or Mincho for serif in Korean and Japanese); no web font is downloaded.
    Font r#"one of "sans", "serif""# {
        /// Sans-serif (Gothic).
        Sans = "sans",
        /// Serif (Myeongjo, Mincho).
        Serif = "serif",
    }
}

named_setting! {
    /// A setting the reader may change, as the partner names it in `settings="size theme"`.
    Setting r#"one of "size", "theme", "line-spacing", "width", "font", "listen""# {
        /// The five text-size steps in the bar.
        Size = "size",
        /// The colour theme.
        Theme = "theme",
        /// The line spacing.
        LineSpacing = "line-spacing",
        /// The measure.
        Width = "width",
        /// The typeface.
        Font = "font",
        /// Read aloud: the bar's "Listen" control (not a setting of the panel).
        Listen = "listen",
    }
}

/// The settings the reader is offered: by default all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offered(u8);

impl Default for Offered {
    fn default() -> Offered {
        Offered(u8::MAX >> (8 - Setting::ALL.len()))
    }
}

impl Offered {
    /// What the list may hold, for messages.
    pub const EXPECTED: &'static str =
        r#"a space-separated list of "size", "theme", "line-spacing", "width", "font", "listen" (or "" for none)"#;

    /// Whether the reader may change `setting`.
    pub fn has(self, setting: Setting) -> bool {
        self.0 & (1 << setting as u8) != 0
    }

    /// Whether any setting of the panel (all but the text size and read aloud) is offered.
    pub fn has_panel(self) -> bool {
        Setting::ALL.iter().any(|&s| !matches!(s, Setting::Size | Setting::Listen) && self.has(s))
    }
}

impl FromStr for Offered {
    type Err = String;
    fn from_str(list: &str) -> Result<Offered, String> {
        let mut bits = 0;
        for token in list.split_ascii_whitespace() {
            let setting = Setting::from_name(token)
                .ok_or_else(|| format!("must be {}, not {} (in {})", Offered::EXPECTED, quoted(token), quoted(list)))?;
            bits |= 1 << setting as u8;
        }
        Ok(Offered(bits))
    }
}

/// The display settings besides the text size: each `None` until the reader (or, as a default,
/// the partner) chooses, which leaves the partner's CSS in charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Display {
    /// The colour theme.
    pub theme: Option<Theme>,
    /// The line spacing.
    pub line_spacing: Option<LineSpacing>,
    /// The measure.
    pub width: Option<Width>,
    /// The typeface.
    pub font: Option<Font>,
}

impl Display {
    /// `self` where set, else `defaults`: the reader's choices over the partner's.
    pub fn over(self, defaults: Display) -> Display {
        Display {
            theme: self.theme.or(defaults.theme),
            line_spacing: self.line_spacing.or(defaults.line_spacing),
            width: self.width.or(defaults.width),
            font: self.font.or(defaults.font),
        }
    }

    /// The settings as they are stored: `theme=dark;line-spacing=relaxed`, the set ones only.
    pub fn to_stored(self) -> String {
        let pairs = [
            (Setting::Theme, self.theme.map(Theme::name)),
            (Setting::LineSpacing, self.line_spacing.map(LineSpacing::name)),
            (Setting::Width, self.width.map(Width::name)),
            (Setting::Font, self.font.map(Font::name)),
        ];
        // Written piece by piece: no formatting machinery for a few names.
        let mut out = String::new();
        for (key, value) in pairs {
            let Some(value) = value else { continue };
            if !out.is_empty() {
                out.push(';');
            }
            out.push_str(key.name());
            out.push('=');
            out.push_str(value);
        }
        out
    }

    /// Reads what [`Self::to_stored`] wrote. Storage is shared with other scripts: whatever is
    /// not a known setting with an allowed value is left out.
    pub fn from_stored(text: &str) -> Display {
        let mut display = Display::default();
        for pair in text.split(';') {
            let Some((key, value)) = pair.split_once('=') else { continue };
            match Setting::from_name(key.trim()) {
                Some(Setting::Theme) => display.theme = Theme::from_name(value.trim()),
                Some(Setting::LineSpacing) => display.line_spacing = LineSpacing::from_name(value.trim()),
                Some(Setting::Width) => display.width = Width::from_name(value.trim()),
                Some(Setting::Font) => display.font = Font::from_name(value.trim()),
                Some(Setting::Size | Setting::Listen) | None => {}
            }
        }
        display
    }

    /// Sets the setting called `key` (a [`Setting`] name) to the value called `value`; false if
    /// either is not one.
    pub fn set_by_name(&mut self, key: &str, value: &str) -> bool {
        match Setting::from_name(key) {
            Some(Setting::Theme) => Theme::from_name(value).map(|v| self.theme = Some(v)).is_some(),
            Some(Setting::LineSpacing) => LineSpacing::from_name(value).map(|v| self.line_spacing = Some(v)).is_some(),
            Some(Setting::Width) => Width::from_name(value).map(|v| self.width = Some(v)).is_some(),
            Some(Setting::Font) => Font::from_name(value).map(|v| self.font = Some(v)).is_some(),
            Some(Setting::Size | Setting::Listen) | None => false,
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
    fn display_settings_name_their_values_and_round_trip_through_storage() {
        assert_eq!("relaxed".parse::<LineSpacing>(), Ok(LineSpacing::Relaxed));
        assert_eq!("huge".parse::<Width>().unwrap_err(), r#"must be one of "narrow", "medium", "wide", not "huge""#);
        let display = Display { theme: Some(Theme::Dark), width: Some(Width::Narrow), ..Display::default() };
        assert_eq!(display.to_stored(), "theme=dark;width=narrow");
        assert_eq!(Display::from_stored(&display.to_stored()), display);
        assert_eq!(
            Display::from_stored("theme=blue;font=serif;x=y;junk"),
            Display { font: Some(Font::Serif), ..Display::default() }
        );
        let partner = Display { theme: Some(Theme::Sepia), font: Some(Font::Sans), ..Display::default() };
        assert_eq!(display.over(partner).theme, Some(Theme::Dark));
        assert_eq!(display.over(partner).font, Some(Font::Sans));
        let mut chosen = Display::default();
        assert!(chosen.set_by_name("line-spacing", "compact"));
        assert!(!chosen.set_by_name("line-spacing", "tight") && !chosen.set_by_name("size", "3"));
        assert_eq!(chosen.line_spacing, Some(LineSpacing::Compact));
    }

    #[test]
    fn each_message_names_every_value() {
        for v in LineSpacing::ALL {
            assert!(LineSpacing::EXPECTED.contains(&format!("\"{}\"", v.name())));
        }
        for v in Width::ALL {
            assert!(Width::EXPECTED.contains(&format!("\"{}\"", v.name())));
        }
        for v in Font::ALL {
            assert!(Font::EXPECTED.contains(&format!("\"{}\"", v.name())));
        }
        for v in Setting::ALL {
            assert!(Setting::EXPECTED.contains(&format!("\"{}\"", v.name())));
            assert!(Offered::EXPECTED.contains(&format!("\"{}\"", v.name())));
        }
    }

    #[test]
    fn offered_settings_are_a_list_of_names() {
        let all = Offered::default();
        assert!(Setting::ALL.iter().all(|&s| all.has(s)) && all.has_panel());
        let some: Offered = "size  theme".parse().unwrap();
        assert!(some.has(Setting::Size) && some.has(Setting::Theme) && !some.has(Setting::Font));
        let size: Offered = "size listen".parse().unwrap();
        assert!(!size.has_panel() && size.has(Setting::Listen));
        assert!(!"".parse::<Offered>().unwrap().has(Setting::Size));
        let err = "size colour".parse::<Offered>().unwrap_err();
        assert!(err.contains(r#"not "colour""#) && err.contains(r#""line-spacing""#), "{err}");
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
