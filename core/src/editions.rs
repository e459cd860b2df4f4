//! An article's place among its language editions and in its series, as the front matter
//! declares them (`translated_from`, `translator`, `[editions]`, `[series]`; read and checked by
//! [`crate::front_matter`]).
//!
//! URLs are kept as written once the link policy has passed them: relative ones are resolved by
//! whoever knows what they are relative to (the browser shell against the article's `src` or the
//! page, the CLI against its archive), through [`Editions::map_urls`] and [`Series::map_urls`].

use crate::settings::Lang;
use std::num::NonZeroU32;

/// Every language the widget knows, in the order editions are listed.
pub const LANGS: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ja];

/// A language's own name for itself, which names its edition in the switcher whatever the UI's
/// language: a reader looks for the language they read.
pub fn autonym(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ko => "한국어",
        Lang::Ja => "日本語",
    }
}

/// One edition: its language and its URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The edition's language.
    pub lang: Lang,
    /// Where it is: an absolute http(s) URL or one relative to the article.
    pub url: String,
}

/// The editions of an essay, at most one per language, in [`LANGS`] order, always including the
/// article's own (the front matter refuses a table that leaves it out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editions {
    list: Vec<Edition>,
}

impl Editions {
    /// `list` in [`LANGS`] order; `None` unless every language is there at most once and
    /// `own` is among them.
    pub fn new(mut list: Vec<Edition>, own: Lang) -> Option<Editions> {
        list.sort_by_key(|edition| LANGS.iter().position(|&lang| lang == edition.lang));
        let unique = list.windows(2).all(|pair| pair[0].lang != pair[1].lang);
        (unique && list.iter().any(|edition| edition.lang == own)).then_some(Editions { list })
    }

    /// The editions in [`LANGS`] order.
    pub fn list(&self) -> &[Edition] {
        &self.list
    }

    /// The edition in `lang`, if there is one.
    pub fn get(&self, lang: Lang) -> Option<&Edition> {
        self.list.iter().find(|edition| edition.lang == lang)
    }

    /// Every URL replaced by `f` of it (resolving relative URLs, or pointing them at pages).
    pub fn map_urls(&mut self, mut f: impl FnMut(&str) -> String) {
        for edition in &mut self.list {
            edition.url = f(&edition.url);
        }
    }
}

/// Another part of the series: its title, where it is and, when the linked edition is in
/// another language than the article, that language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartLink {
    /// The part's title.
    pub title: String,
    /// Where it is.
    pub url: String,
    /// The linked edition's language, when the author named one.
    pub lang: Option<Lang>,
}

/// The series an essay belongs to and its place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    title: String,
    part: NonZeroU32,
    parts: Option<NonZeroU32>,
    url: Option<String>,
    previous: Option<PartLink>,
    next: Option<PartLink>,
}

impl Series {
    /// A series; `None` when `parts` is given and below `part`, or the title is empty.
    pub fn new(
        title: String,
        part: NonZeroU32,
        parts: Option<NonZeroU32>,
        url: Option<String>,
        previous: Option<PartLink>,
        next: Option<PartLink>,
    ) -> Option<Series> {
        let fits = parts.is_none_or(|parts| parts >= part);
        (fits && !title.is_empty()).then_some(Series { title, part, parts, url, previous, next })
    }

    /// The series' name.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// This essay's place, from 1.
    pub fn part(&self) -> NonZeroU32 {
        self.part
    }
    /// How many parts there are so far, if the author said.
    pub fn parts(&self) -> Option<NonZeroU32> {
        self.parts
    }
    /// The series' own page.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }
    /// The part before this one.
    pub fn previous(&self) -> Option<&PartLink> {
        self.previous.as_ref()
    }
    /// The part after this one.
    pub fn next(&self) -> Option<&PartLink> {
        self.next.as_ref()
    }

    /// Every URL replaced by `f` of it.
    pub fn map_urls(&mut self, mut f: impl FnMut(&str) -> String) {
        if let Some(url) = &mut self.url {
            *url = f(url);
        }
        for link in [&mut self.previous, &mut self.next].into_iter().flatten() {
            link.url = f(&link.url);
        }
    }
}

/// The edition to offer a reader whose browser prefers the languages `preferred` (tags in their
/// order, as `navigator.languages` gives them) when the edition in `shown` is on screen: the
/// first of their languages that has an edition, unless that is the one shown. Never a switch,
/// only an offer.
pub fn language_to_offer(shown: Lang, available: &[Lang], preferred: &[String]) -> Option<Lang> {
    let first = preferred.iter().filter_map(|tag| Lang::from_tag(tag)).find(|lang| available.contains(lang))?;
    (first != shown).then_some(first)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_reader_s_first_language_with_an_edition_is_offered_unless_it_is_shown() {
        let tags = |list: &[&str]| list.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let all = [Lang::En, Lang::Ko, Lang::Ja];
        assert_eq!(language_to_offer(Lang::En, &all, &tags(&["ko-KR", "en-US"])), Some(Lang::Ko));
        assert_eq!(language_to_offer(Lang::Ko, &all, &tags(&["ko-KR", "en-US"])), None);
        assert_eq!(language_to_offer(Lang::En, &all, &tags(&["fr", "ja"])), Some(Lang::Ja), "French has no edition");
        assert_eq!(language_to_offer(Lang::En, &[Lang::En, Lang::Ja], &tags(&["ko", "en"])), None);
        assert_eq!(language_to_offer(Lang::En, &all, &[]), None);
    }

    use super::*;

    fn edition(lang: Lang) -> Edition {
        Edition { lang, url: format!("a.{}.md", lang.tag()) }
    }

    #[test]
    fn editions_are_sorted_unique_and_include_the_article_s_own() {
        let editions = Editions::new(vec![edition(Lang::Ja), edition(Lang::En)], Lang::Ja).unwrap();
        assert_eq!(editions.list().iter().map(|e| e.lang).collect::<Vec<_>>(), [Lang::En, Lang::Ja]);
        assert!(Editions::new(vec![edition(Lang::En)], Lang::Ko).is_none());
        assert!(Editions::new(vec![edition(Lang::En), edition(Lang::En)], Lang::En).is_none());
    }

    #[test]
    fn a_part_cannot_be_past_the_number_of_parts() {
        let n = |n| NonZeroU32::new(n).unwrap();
        assert!(Series::new("S".into(), n(2), Some(n(1)), None, None, None).is_none());
        assert!(Series::new("S".into(), n(2), Some(n(2)), None, None, None).is_some());
        assert!(Series::new(String::new(), n(1), None, None, None, None).is_none());
    }
}
