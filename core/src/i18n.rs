//! The widget's own words in English, Korean and Japanese, and the partner's overrides.

use crate::front_matter::Date;
use crate::settings::Lang;
use const_format::concatcp;
use serde::Deserialize;

/// Declares the UI's words once: for each label its field, its key in `options.labels`, what it
/// is (the doc comment) and its text in English, Korean and Japanese. From that one table come
/// [`Labels`], [`LabelOverrides`], [`Labels::for_lang`], [`Labels::with_overrides`],
/// [`LABEL_KEYS`] and the TypeScript of `LabelOverrides` ([`LABEL_OVERRIDES_TS`]), so a new label
/// is one entry here and nothing else.
macro_rules! labels {
    ($( $(#[doc = $doc:literal])+ $field:ident $key:literal: $en:literal, $ko:literal, $ja:literal; )+) => {
        /// Every string the widget shows or announces. `{n}` stands for a number, `{title}` for a
        /// section's title, `{lang}` for a language's name, `{name}` for a person's.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Labels {
            $( $(#[doc = $doc])+ pub $field: String, )+
        }

        /// A partner's replacements for some of the [`Labels`]; unknown keys are an error so
        /// that a typo does not silently leave the default in place.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct LabelOverrides {
            $( $(#[doc = $doc])+ #[doc = concat!(" Default \"", $en, "\".")] #[serde(rename = $key)] pub $field: Option<String>, )+
        }

        /// Every key of `options.labels`, in the table's order.
        pub const LABEL_KEYS: &[&str] = &[$($key),+];

        /// The TypeScript of `options.labels`, generated from the same table.
        pub const LABEL_OVERRIDES_TS: &str = concatcp!(
            "/** Replacements for the UI's words; `{n}` stands for a number, `{title}` for a section's title. */\n",
            "export interface LabelOverrides {\n",
            $( "    /**", $($doc,)+ " Default \"", $en, "\". */\n    ", $key, "?: string;\n", )+
            "}\n"
        );

        /// Each label's built-in text by language, one function per label, for code that needs
        /// one or two labels without every label of a language (the hydrate-only module).
        pub mod builtin {
            use super::Lang;
            $(
                $(#[doc = $doc])+
                pub fn $field(lang: Lang) -> &'static str {
                    match lang {
                        Lang::En => $en,
                        Lang::Ko => $ko,
                        Lang::Ja => $ja,
                    }
                }
            )+
        }

        impl Labels {
            /// The built-in labels for `lang`.
            pub fn for_lang(lang: Lang) -> Labels {
                Labels { $( $field: builtin::$field(lang).into(), )+ }
            }

            /// The built-in labels for `lang` with the partner's overrides applied.
            pub fn with_overrides(lang: Lang, overrides: &LabelOverrides) -> Labels {
                let mut labels = Labels::for_lang(lang);
                $( if let Some(text) = &overrides.$field { labels.$field.clone_from(text); } )+
                labels
            }
        }

        impl LabelOverrides {
            /// Overrides read one key at a time (`read` gets each of [`LABEL_KEYS`]), so that a
            /// reader can name the key in its errors.
            pub fn try_from_keys<E>(mut read: impl FnMut(&'static str) -> Result<Option<String>, E>) -> Result<Self, E> {
                Ok(LabelOverrides { $( $field: read($key)?, )+ })
            }

            /// The overrides in the table's order, with their keys.
            pub fn by_key(&self) -> Vec<(&'static str, Option<&str>)> {
                vec![$( ($key, self.$field.as_deref()) ),+]
            }
        }
    };
}

labels! {
    /// Name of the text-size toolbar.
    text_size "textSize": "Text size", "글자 크기", "文字サイズ";
    /// The button that makes text smaller.
    decrease "decrease": "Decrease text size", "글자 크기 줄이기", "文字を小さくする";
    /// The button that makes text larger.
    increase "increase": "Increase text size", "글자 크기 키우기", "文字を大きくする";
    /// Name of each step button; `{n}` is the step.
    step "step": "Text size {n}", "글자 크기 {n}", "文字サイズ {n}";
    /// Name of the section navigation and its disclosure button.
    sections "sections": "Sections", "목차", "目次";
    /// The back-to-top button.
    back_to_top "backToTop": "Back to top", "페이지 상단으로 이동", "ページの先頭へ";
    /// The reading time; `{n}` is minutes.
    reading_time "readingTime": "{n} min read", "{n}분 분량", "{n}分で読めます";
    /// Name of the button beside each section heading; `{title}` is the section's title.
    copy_link "copyLink": "Copy link to section: {title}", "섹션 링크 복사: {title}", "セクションへのリンクをコピー: {title}";
    /// Announced when the link is on the clipboard.
    link_copied "linkCopied": "Link copied", "링크를 복사했습니다", "リンクをコピーしました";
    /// The offer to go back to the section read last time; `{title}` is its title.
    continue_reading "continueReading": "Continue reading: {title}", "이어서 읽기: {title}", "続きから読む: {title}";
    /// The button that turns that offer down.
    dismiss "dismiss": "Dismiss", "닫기", "閉じる";
    /// The name of a footnote's preview beside its reference; `{n}` is the note's number.
    note "note": "Note {n}", "각주 {n}", "注 {n}";
    /// English, named in the UI's language.
    lang_en "langEn": "English", "영어", "英語";
    /// Korean, named in the UI's language.
    lang_ko "langKo": "Korean", "한국어", "韓国語";
    /// Japanese, named in the UI's language.
    lang_ja "langJa": "Japanese", "일본어", "日本語";
    /// The byline of a translation; `{lang}` is the original's language, `{name}` the translator.
    translated_by "translatedBy": "Translated from {lang} by {name}", "{lang} 원문, {name} 옮김", "{lang}原文、{name}訳";
    /// The byline of a translation whose translator is not named; `{lang}` is the original's language.
    translated "translated": "Translated from {lang}", "{lang} 원문 번역", "{lang}からの翻訳";
    /// Name of the list of the article's language editions.
    editions "editions": "Language editions", "언어별 판", "言語版";
    /// Announced when another edition is shown; `{lang}` is its language.
    edition_shown "editionShown": "Now showing the {lang} edition", "{lang}판을 표시합니다", "{lang}版を表示しています";
    /// The offer of the reader's own language, in that language; `{lang}` is its name.
    also_in "alsoIn": "This article is also available in {lang}", "이 글은 {lang}로도 읽을 수 있습니다", "この記事は{lang}でも読めます";
    /// The series line's part when the number of parts is not known; `{n}` is the part.
    part "part": "Part {n}", "제{n}부", "第{n}回";
    /// The series line's part; `{n}` is the part, `{total}` the number of parts.
    part_of "partOf": "Part {n} of {total}", "전 {total}부 중 제{n}부", "全{total}回中 第{n}回";
    /// Name of the links to the series' other parts.
    series_parts "seriesParts": "More in this series", "이 연재의 다른 글", "このシリーズの他の回";
    /// The link to the previous part; `{n}` is its number.
    previous_part "previousPart": "Previous: Part {n}", "이전 글: 제{n}부", "前回: 第{n}回";
    /// The link to the next part; `{n}` is its number.
    next_part "nextPart": "Next: Part {n}", "다음 글: 제{n}부", "次回: 第{n}回";
    /// Said of a part linked in another language than the article's; `{lang}` is that language.
    in_lang "inLang": "in {lang}", "{lang}판", "{lang}版";
    /// The button that opens the reading settings, and the panel's name.
    reading_settings "readingSettings": "Reading settings", "읽기 설정", "表示設定";
    /// The colour theme's radio group.
    theme "theme": "Theme", "테마", "テーマ";
    /// The theme that follows the reader's system.
    theme_auto "themeAuto": "Auto", "자동", "自動";
    /// The light theme.
    theme_light "themeLight": "Light", "밝게", "ライト";
    /// The sepia theme.
    theme_sepia "themeSepia": "Sepia", "세피아", "セピア";
    /// The dark theme.
    theme_dark "themeDark": "Dark", "어둡게", "ダーク";
    /// The line spacing's radio group.
    line_spacing "lineSpacing": "Line spacing", "줄 간격", "行間";
    /// The tightest line spacing.
    spacing_compact "spacingCompact": "Compact", "좁게", "狭め";
    /// The usual line spacing.
    spacing_normal "spacingNormal": "Normal", "보통", "標準";
    /// The loosest line spacing.
    spacing_relaxed "spacingRelaxed": "Relaxed", "넓게", "広め";
    /// The measure's radio group.
    width "width": "Width", "본문 너비", "本文の幅";
    /// The narrowest measure.
    width_narrow "widthNarrow": "Narrow", "좁게", "狭い";
    /// The middle measure.
    width_medium "widthMedium": "Medium", "보통", "標準";
    /// The widest measure.
    width_wide "widthWide": "Wide", "넓게", "広い";
    /// The typeface's radio group.
    font "font": "Font", "글꼴", "書体";
    /// Sans-serif (Gothic).
    font_sans "fontSans": "Sans-serif", "고딕", "ゴシック";
    /// Serif (Myeongjo, Mincho).
    font_serif "fontSerif": "Serif", "명조", "明朝";
    /// The button that puts every reading setting back.
    reset "reset": "Reset", "초기화", "リセット";
    /// The bar's button that reads the article aloud.
    listen "listen": "Listen", "본문 듣기", "読み上げ";
    /// Name of the read-aloud controls.
    read_aloud "readAloud": "Read aloud", "본문 듣기", "読み上げ";
    /// The button that pauses reading aloud (pressed while paused).
    pause "pause": "Pause", "일시 정지", "一時停止";
    /// The button that goes back a paragraph.
    previous_paragraph "previousParagraph": "Previous paragraph", "이전 문단", "前の段落";
    /// The button that goes on to the next paragraph.
    next_paragraph "nextParagraph": "Next paragraph", "다음 문단", "次の段落";
    /// Name of the button that changes the speaking rate; `{rate}` is the rate shown on it ("1×").
    speed "speed": "Speed {rate}", "속도 {rate}", "速度 {rate}";
    /// The button that stops reading aloud.
    stop "stop": "Stop", "정지", "停止";
    /// The button that scrolls back to the sentence being read, after the reader scrolled away.
    follow "follow": "Follow", "읽는 곳으로", "読み上げ位置へ";
    /// Said when the device has no voice for the article's language; `{lang}` is its name.
    no_voice "noVoice": "No voice for {lang} on this device", "이 기기에는 {lang} 음성이 없습니다", "この端末には{lang}の音声がありません";
    /// The offer to go on reading aloud in another edition.
    continue_listening "continueListening": "Continue listening", "이어서 듣기", "続きを聞く";
}

impl Labels {
    /// The name of the button for `step`.
    pub fn step_name(&self, step: u8) -> String {
        self.step.replace("{n}", &step.to_string())
    }

    /// The reading time for `minutes`.
    pub fn reading_time(&self, minutes: u32) -> String {
        self.reading_time.replace("{n}", &minutes.to_string())
    }

    /// The name of the copy-link button of the section titled `title`.
    pub fn copy_link_name(&self, title: &str) -> String {
        with_title(&self.copy_link, title)
    }

    /// `lang`'s name in the UI's language.
    pub fn lang_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.lang_en,
            Lang::Ko => &self.lang_ko,
            Lang::Ja => &self.lang_ja,
        }
    }

    /// The translator's credit: translated from `from`, by `translator` if named.
    pub fn translation_credit(&self, from: Lang, translator: Option<&str>) -> String {
        let lang = self.lang_name(from);
        match translator {
            // The name last: it is the author's text and may hold a placeholder itself.
            Some(name) => self.translated_by.replace("{lang}", lang).replace("{name}", name),
            None => self.translated.replace("{lang}", lang),
        }
    }

    /// "Part 1 of 2", or "Part 1" when the number of parts is not known.
    pub fn part_text(&self, part: u32, parts: Option<u32>) -> String {
        match parts {
            Some(total) => self.part_of.replace("{n}", &part.to_string()).replace("{total}", &total.to_string()),
            None => self.part.replace("{n}", &part.to_string()),
        }
    }
}

/// A footnote preview's name: `pattern` ([`Labels::note`]) with `{n}` replaced by the note's
/// number as its reference shows it.
pub fn note_name(pattern: &str, n: &str) -> String {
    pattern.replace("{n}", n)
}

/// `pattern` with `{title}` replaced by `title`. The title is the author's text and may hold
/// `{title}` itself; only the pattern is searched, so it stays as written.
pub fn with_title(pattern: &str, title: &str) -> String {
    pattern.replace("{title}", title)
}

/// A date as readers of `lang` write it: "October 12, 2026", "2026년 10월 12일", "2026年10月12日".
pub fn format_date(date: Date, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (year, month, day) = (date.year(), date.month(), date.day());
    match lang {
        // `Date` holds months 1 to 12 only.
        Lang::En => format!("{} {day}, {year}", MONTHS[usize::from(month - 1)]),
        Lang::Ko => format!("{year}년 {month}월 {day}일"),
        Lang::Ja => format!("{year}年{month}月{day}日"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_ui_languages() {
        assert_eq!(Lang::from_tag("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_tag("JA"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn korean_and_japanese_are_translated() {
        assert_eq!(Labels::for_lang(Lang::Ko).back_to_top, "페이지 상단으로 이동");
        assert_eq!(Labels::for_lang(Lang::Ja).back_to_top, "ページの先頭へ");
        assert_eq!(Labels::for_lang(Lang::Ko).sections, "목차");
        assert_eq!(Labels::for_lang(Lang::Ja).sections, "目次");
        assert_eq!(Labels::for_lang(Lang::En).step_name(3), "Text size 3");
        assert_eq!(Labels::for_lang(Lang::En).reading_time(6), "6 min read");
        assert_eq!(Labels::for_lang(Lang::Ko).copy_link_name("방법"), "섹션 링크 복사: 방법");
        assert_eq!(with_title(&Labels::for_lang(Lang::Ja).continue_reading, "方法"), "続きから読む: 方法");
        assert_eq!(Labels::for_lang(Lang::Ja).link_copied, "リンクをコピーしました");
        assert_eq!(note_name(builtin::note(Lang::En), "3"), "Note 3");
        assert_eq!(note_name(builtin::note(Lang::Ko), "3"), "각주 3");
        assert_eq!(note_name(builtin::note(Lang::Ja), "3"), "注 3");
    }

    #[test]
    fn a_title_is_put_into_its_pattern_as_written() {
        let labels = Labels::for_lang(Lang::En);
        assert_eq!(labels.copy_link_name("Method"), "Copy link to section: Method");
        assert_eq!(with_title(&labels.continue_reading, "On {title}"), "Continue reading: On {title}");
        assert_eq!(with_title("{title} — {title}", "x"), "x — x");
        assert_eq!(
            with_title("Copy this link", "x"),
            "Copy this link",
            "a pattern without the placeholder is used as it is"
        );
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let overrides = LabelOverrides { back_to_top: Some("Up".into()), ..Default::default() };
        let labels = Labels::with_overrides(Lang::En, &overrides);
        assert_eq!(labels.back_to_top, "Up");
        assert_eq!(labels.sections, "Sections");
    }

    #[test]
    fn the_typescript_comes_from_the_table() {
        for key in LABEL_KEYS {
            assert!(LABEL_OVERRIDES_TS.contains(&format!("\n    {key}?: string;\n")), "{key}");
        }
        assert!(LABEL_OVERRIDES_TS.contains("/** Name of the text-size toolbar. Default \"Text size\". */"));
        let overrides = LabelOverrides::try_from_keys(|key| Ok::<_, ()>(Some(key.to_owned()))).unwrap();
        let labels = Labels::with_overrides(Lang::Ko, &overrides);
        assert_eq!((labels.back_to_top.as_str(), labels.text_size.as_str()), ("backToTop", "textSize"));
    }

    #[test]
    fn editions_and_series_words_in_each_language() {
        let en = Labels::for_lang(Lang::En);
        assert_eq!(
            en.translation_credit(Lang::Ja, Some("Tsutomu Inuzuka")),
            "Translated from Japanese by Tsutomu Inuzuka"
        );
        assert_eq!(en.translation_credit(Lang::Ko, None), "Translated from Korean");
        let ko = Labels::for_lang(Lang::Ko);
        assert_eq!(ko.translation_credit(Lang::Ja, Some("이누즈카")), "일본어 원문, 이누즈카 옮김");
        assert_eq!(ko.part_text(1, Some(2)), "전 2부 중 제1부");
        assert_eq!(Labels::for_lang(Lang::Ja).part_text(2, None), "第2回");
        assert_eq!(en.part_text(1, Some(2)), "Part 1 of 2");
        assert_eq!(ko.also_in.replace("{lang}", ko.lang_name(Lang::Ko)), "이 글은 한국어로도 읽을 수 있습니다");
        assert_eq!(
            en.translation_credit(Lang::Ja, Some("{lang}")),
            "Translated from Japanese by {lang}",
            "a name is put in as written"
        );
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let date = Date::new(2026, 10, 2).unwrap();
        assert_eq!(format_date(date, Lang::En), "October 2, 2026");
        assert_eq!(format_date(date, Lang::Ko), "2026년 10월 2일");
        assert_eq!(format_date(date, Lang::Ja), "2026年10月2日");
    }
}
