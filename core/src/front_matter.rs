//! Article metadata, read from the TOML front matter between `+++` lines.

use crate::link_policy;
use serde::Serialize;
use std::fmt;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// What the front matter says about an article. Every field is optional; unknown keys are ignored
/// so that partners can keep their own bookkeeping in the same block.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// A series label or subtitle, shown above the title.
    pub subtitle: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The author's institute or organisation.
    pub affiliation: Option<String>,
    /// When it was published.
    pub date: Option<Date>,
    /// The article's language tag as written (`ko`, `ja-JP`, …); it also picks the UI language
    /// when the partner does not.
    pub lang: Option<String>,
    /// The copyright line shown under the article.
    pub copyright: Option<String>,
    /// The article's one address (`<link rel="canonical">` of a pre-rendered page): an absolute
    /// http or https URL, checked by [`link_policy::absolute_http`].
    pub canonical: Option<String>,
}

/// A calendar date, validated, as front matter gives it (`2026-10-12`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Date {
    /// Four digits.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the month's last day.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30).
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
        ((1..=12).contains(&date.month) && (1..=date.days_in_month()).contains(&date.day)).then_some(date)
    }

    fn days_in_month(&self) -> u8 {
        let leap = self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0);
        match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// The machine-readable form, for `<time datetime>`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A front-matter problem, located by its line in the whole Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the Markdown source.
    pub line: usize,
    /// What is wrong, without the location.
    pub message: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "front matter, line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FrontMatterError {}

/// Parses the TOML of a front-matter block whose first line is line `first_line` of the file.
///
/// Read from toml's span-keeping document tree rather than through serde: every problem can
/// name its own line, and the widget's module stays free of serde's deserializer machinery.
pub fn parse(toml_text: &str, first_line: usize) -> Result<Meta, FrontMatterError> {
    let line_of = |offset: usize| first_line + toml_text[..offset.min(toml_text.len())].matches('\n').count();
    let document = DeTable::parse(toml_text).map_err(|e| FrontMatterError {
        line: e.span().map_or(first_line, |span| line_of(span.start)),
        message: e.message().trim_end().to_owned(),
    })?;
    let table = document.get_ref();
    let refuse =
        |value: &Spanned<DeValue<'_>>, message: String| FrontMatterError { line: line_of(value.span().start), message };
    // A text key: a string, trimmed, with blank meaning absent.
    let text = |key: &str| -> Result<Option<String>, FrontMatterError> {
        let Some(value) = table.get(key) else { return Ok(None) };
        match value.get_ref() {
            DeValue::String(s) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
            other => Err(refuse(value, format!("`{key}` must be a string, not {}", article(other.type_str())))),
        }
    };
    // TOML lets authors write the date bare (`date = 2026-10-12`) or quoted.
    let date = match table.get("date") {
        None => None,
        Some(value) => {
            let text = match value.get_ref() {
                DeValue::String(s) => s.to_string(),
                DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
                _ => String::new(),
            };
            Some(Date::parse(&text).ok_or_else(|| {
                refuse(value, format!("`date` must be a calendar date written YYYY-MM-DD, not {text:?}"))
            })?)
        }
    };
    let canonical = match (text("canonical")?, table.get("canonical")) {
        (Some(url), Some(value)) => Some(link_policy::absolute_http(&url).ok_or_else(|| {
            refuse(
                value,
                format!("`canonical` must be an absolute http or https URL, such as \"https://example.org/essays/14\", not {url:?}"),
            )
        })?),
        _ => None,
    };
    Ok(Meta {
        title: text("title")?,
        subtitle: text("subtitle")?,
        author: text("author")?,
        affiliation: text("affiliation")?,
        date,
        lang: text("lang")?,
        copyright: text("copyright")?,
        canonical,
    })
}

/// "an integer", "a string": a TOML type name with its article.
fn article(type_name: &str) -> String {
    let an = matches!(type_name.as_bytes().first(), Some(b'a' | b'e' | b'i' | b'o' | b'u'));
    format!("{} {type_name}", if an { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_ignores_unknown_ones() {
        let meta = parse(
            "title = \"T\"\nsubtitle = \"S\"\nauthor = \"A\"\naffiliation = \"Aff\"\ndate = \"2026-10-12\"\nlang = \"ko\"\ncopyright = \"© C\"\ncanonical = \"https://example.org/a\"\ntags = [\"x\"]\n",
            2,
        )
        .unwrap();
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.subtitle.as_deref(), Some("S"));
        assert_eq!(meta.author.as_deref(), Some("A"));
        assert_eq!(meta.affiliation.as_deref(), Some("Aff"));
        assert_eq!(meta.date, Some(Date { year: 2026, month: 10, day: 12 }));
        assert_eq!(meta.lang.as_deref(), Some("ko"));
        assert_eq!(meta.copyright.as_deref(), Some("© C"));
        assert_eq!(meta.canonical.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn canonical_must_be_an_absolute_http_url_and_errors_name_its_line() {
        let meta = parse("canonical = \" HTTPS://Example.org/essays/14?x=1#top \"\n", 2).unwrap();
        assert_eq!(meta.canonical.as_deref(), Some("HTTPS://Example.org/essays/14?x=1#top"));
        assert_eq!(parse("canonical = \"  \"", 2).unwrap().canonical, None);
        for bad in [
            "javascript:alert(1)",
            "java\\tscript:alert(1)",
            "data:text/html,x",
            "/essays/14",
            "essays/14",
            "//example.org/essays/14",
            "#top",
            "mailto:desk@example.org",
            "ftp://example.org",
            "https://",
            "https:example.org",
            "https:///path",
        ] {
            let err = parse(&format!("title = \"T\"\n\ncanonical = \"{bad}\"\n"), 2).unwrap_err();
            assert_eq!(err.line, 4, "{bad:?}: {err}");
            assert!(err.message.contains("absolute http or https URL"), "{bad:?}: {err}");
        }
        let err = parse("canonical = 5\n", 2).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }

    #[test]
    fn bare_toml_dates_are_accepted() {
        let meta = parse("date = 2024-02-29\n", 2).unwrap();
        assert_eq!(meta.date.unwrap().iso(), "2024-02-29");
    }

    #[test]
    fn syntax_errors_name_the_line_in_the_file() {
        let err = parse("title = \"ok\"\nauthor = oops\n", 2).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.to_string().starts_with("front matter, line 3:"), "{err}");
    }

    #[test]
    fn wrong_types_and_impossible_dates_name_their_line() {
        let err = parse("title = 5\n", 2).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = parse("title = \"x\"\n\ndate = \"2026-02-30\"\n", 2).unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(err.message.contains("YYYY-MM-DD"), "{err}");
        assert!(parse("date = \"12/10/2026\"", 2).is_err());
        assert!(parse("date = 2026-10-12T10:00:00Z", 2).is_err());
    }

    #[test]
    fn blank_values_count_as_missing() {
        assert_eq!(parse("title = \"  \"", 2).unwrap().title, None);
    }
}
