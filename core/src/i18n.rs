//! The widget's own words in English, Korean and Japanese, and the partner's overrides.

use crate::front_matter::Date;
use crate::settings::Lang;
use serde::Deserialize;

/// Every string the widget shows or announces. `{n}` stands for a number, `{title}` for a
/// section's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The text-size toolbar's name.
    pub text_size: String,
    /// The button that makes text smaller.
    pub decrease: String,
    /// The button that makes text larger.
    pub increase: String,
    /// Each step button's name; `{n}` is the step.
    pub step: String,
    /// The section navigation and its disclosure button.
    pub sections: String,
    /// The back-to-top button.
    pub back_to_top: String,
    /// The reading time; `{n}` is minutes.
    pub reading_time: String,
    /// The name of the button beside a section's heading that copies a link to it; `{title}` is
    /// the section's title.
    pub copy_link: String,
    /// Announced once the link is on the clipboard.
    pub link_copied: String,
    /// The offer to go back to the section read last time; `{title}` is its title.
    pub continue_reading: String,
    /// The button that turns that offer down.
    pub dismiss: String,
    /// The name of a footnote's preview beside its reference; `{n}` is the note's number.
    pub note: String,
}

/// A partner's replacements for some of the [`Labels`]; unknown keys are an error so that a
/// typo does not silently leave the default in place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelOverrides {
    /// Name of the text-size toolbar. Default "Text size".
    pub text_size: Option<String>,
    /// Default "Decrease text size".
    pub decrease: Option<String>,
    /// Default "Increase text size".
    pub increase: Option<String>,
    /// Name of each step button; `{n}` is the step. Default "Text size {n}".
    pub step: Option<String>,
    /// Name of the section navigation and its disclosure button. Default "Sections".
    pub sections: Option<String>,
    /// Default "Back to top".
    pub back_to_top: Option<String>,
    /// `{n}` is minutes. Default "{n} min read".
    pub reading_time: Option<String>,
    /// `{title}` is the section's title. Default "Copy link to section: {title}".
    pub copy_link: Option<String>,
    /// Default "Link copied".
    pub link_copied: Option<String>,
    /// `{title}` is the section's title. Default "Continue reading: {title}".
    pub continue_reading: Option<String>,
    /// The button that turns down the offer to continue reading. Default "Dismiss".
    pub dismiss: Option<String>,
}

impl Labels {
    /// The built-in labels for `lang`.
    pub fn for_lang(lang: Lang) -> Labels {
        let [text_size, decrease, increase, step, sections, back_to_top, reading_time, copy_link, link_copied, continue_reading, dismiss, note] =
            match lang {
                Lang::En => [
                    "Text size",
                    "Decrease text size",
                    "Increase text size",
                    "Text size {n}",
                    "Sections",
                    "Back to top",
                    "{n} min read",
                    "Copy link to section: {title}",
                    "Link copied",
                    "Continue reading: {title}",
                    "Dismiss",
                    "Note {n}",
                ],
                Lang::Ko => [
                    "글자 크기",
                    "글자 크기 줄이기",
                    "글자 크기 키우기",
                    "글자 크기 {n}",
                    "목차",
                    "페이지 상단으로 이동",
                    "{n}분 분량",
                    "섹션 링크 복사: {title}",
                    "링크를 복사했습니다",
                    "이어서 읽기: {title}",
                    "닫기",
                    "각주 {n}",
                ],
                Lang::Ja => [
                    "文字サイズ",
                    "文字を小さくする",
                    "文字を大きくする",
                    "文字サイズ {n}",
                    "目次",
                    "ページの先頭へ",
                    "{n}分で読めます",
                    "セクションへのリンクをコピー: {title}",
                    "リンクをコピーしました",
                    "続きから読む: {title}",
                    "閉じる",
                    "注 {n}",
                ],
            };
        Labels {
            text_size: text_size.into(),
            decrease: decrease.into(),
            increase: increase.into(),
            step: step.into(),
            sections: sections.into(),
            back_to_top: back_to_top.into(),
            reading_time: reading_time.into(),
            copy_link: copy_link.into(),
            link_copied: link_copied.into(),
            continue_reading: continue_reading.into(),
            dismiss: dismiss.into(),
            note: note.into(),
        }
    }

    /// The built-in labels for `lang` with the partner's overrides applied.
    pub fn with_overrides(lang: Lang, overrides: &LabelOverrides) -> Labels {
        let mut labels = Labels::for_lang(lang);
        let pairs = [
            (&mut labels.text_size, &overrides.text_size),
            (&mut labels.decrease, &overrides.decrease),
            (&mut labels.increase, &overrides.increase),
            (&mut labels.step, &overrides.step),
            (&mut labels.sections, &overrides.sections),
            (&mut labels.back_to_top, &overrides.back_to_top),
            (&mut labels.reading_time, &overrides.reading_time),
            (&mut labels.copy_link, &overrides.copy_link),
            (&mut labels.link_copied, &overrides.link_copied),
            (&mut labels.continue_reading, &overrides.continue_reading),
            (&mut labels.dismiss, &overrides.dismiss),
        ];
        for (label, replacement) in pairs {
            if let Some(text) = replacement {
                label.clone_from(text);
            }
        }
        labels
    }

    /// The name of the button for `step`.
    pub fn step_name(&self, step: u8) -> String {
        self.step.replace("{n}", &step.to_string())
    }

    /// The name of the preview of note `n` (the reference's text, "3").
    pub fn note_name(&self, n: &str) -> String {
        self.note.replace("{n}", n)
    }

    /// The reading time for `minutes`.
    pub fn reading_time(&self, minutes: u32) -> String {
        self.reading_time.replace("{n}", &minutes.to_string())
    }

    /// The name of the copy-link button of the section titled `title`.
    pub fn copy_link_name(&self, title: &str) -> String {
        with_title(&self.copy_link, title)
    }
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
        assert_eq!(Labels::for_lang(Lang::En).note_name("3"), "Note 3");
        assert_eq!(Labels::for_lang(Lang::Ko).note_name("3"), "각주 3");
        assert_eq!(Labels::for_lang(Lang::Ja).note_name("3"), "注 3");
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
    fn dates_read_naturally_in_each_language() {
        let date = Date::new(2026, 10, 2).unwrap();
        assert_eq!(format_date(date, Lang::En), "October 2, 2026");
        assert_eq!(format_date(date, Lang::Ko), "2026년 10월 2일");
        assert_eq!(format_date(date, Lang::Ja), "2026年10月2日");
    }
}
