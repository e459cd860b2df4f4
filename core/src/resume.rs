//! Continue reading: which article a widget shows (so that its place can be remembered across
//! visits), what to remember as the reader moves through it, and when to offer going back.
//!
//! The browser shell stores one section id per article, and only when the current section
//! changes: nothing here runs while the reader scrolls within a section.

use crate::article::Section;
use crate::front_matter::Meta;

/// How long a remembered place waits before it is written again, in milliseconds. A reader
/// skimming through sections changes the current one every few hundred milliseconds; the last
/// place is still written when the page is left (the shell flushes on `pagehide`).
pub const WRITE_EVERY_MS: f64 = 2000.0;

/// The article's identity across visits: for an essay in several editions, the work's (its
/// original edition's URL, so a place reached in one edition is offered in another); else its
/// `canonical` URL if the front matter has one, else its title and date (`Title|2026-10-12`),
/// else its title. An article with neither a canonical URL nor a title has none, and nothing is
/// remembered of it.
pub fn article_key(meta: &Meta) -> Option<String> {
    let own = meta.lang.as_deref().and_then(crate::settings::Lang::from_tag);
    let original = meta.translated_from.or(own).and_then(|lang| meta.editions.as_ref()?.get(lang));
    if let Some(original) = original {
        return Some(format!("work:{}", original.url));
    }
    if let Some(canonical) = &meta.canonical {
        return Some(canonical.clone());
    }
    let title = meta.title.as_deref()?;
    Some(match meta.date {
        Some(date) => format!("{title}|{}", date.iso()),
        None => title.to_owned(),
    })
}

/// The localStorage key of the place in the article `article` (an [`article_key`]), under the
/// partner's storage key `base`.
pub fn storage_key(base: &str, article: &str) -> String {
    format!("{base}:place:{article}")
}

/// What to remember when section `current` of `count` is current: its index, or `None` to
/// forget the place. Above the first section there is nothing to go back to, and a reader who
/// has reached the last section with the end of the article in view has finished it.
pub fn place_to_remember(current: Option<usize>, count: usize, at_end: bool) -> Option<usize> {
    let current = current.filter(|&i| i < count)?;
    (!(at_end && current + 1 == count)).then_some(current)
}

/// Whether a write of the place is due at `now`, when the last one was at `last` (both in
/// milliseconds from the same clock).
pub fn write_due(last: Option<f64>, now: f64) -> bool {
    // A clock that gives NaN must not stop writes for good.
    last.is_none_or(|last| (now - last).partial_cmp(&WRITE_EVERY_MS) != Some(std::cmp::Ordering::Less))
}

/// The section to offer going back to, if any: the one `remembered` names, when it is still in
/// the article, the widget opened at its top (`at_top`), and the address named no place of its
/// own (`address_names_a_place`), which the reader asked for instead.
pub fn offer(
    remembered: Option<&str>,
    outline: &[Section],
    at_top: bool,
    address_names_a_place: bool,
) -> Option<usize> {
    if !at_top || address_names_a_place {
        return None;
    }
    let id = remembered?;
    outline.iter().position(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter::Date;

    fn meta(title: Option<&str>, date: Option<Date>, canonical: Option<&str>) -> Meta {
        Meta { title: title.map(Into::into), date, canonical: canonical.map(Into::into), ..Meta::default() }
    }

    fn outline(ids: &[&str]) -> Vec<Section> {
        ids.iter().map(|id| Section { id: (*id).into(), title: id.to_uppercase(), level: 2 }).collect()
    }

    #[test]
    fn an_article_is_known_by_its_canonical_url_else_its_title_and_date() {
        let date = Date::new(2026, 10, 12).unwrap();
        let canonical = "https://example.org/essays/three-scripts";
        assert_eq!(article_key(&meta(Some("T"), Some(date), Some(canonical))).as_deref(), Some(canonical));
        assert_eq!(
            article_key(&meta(Some("Three scripts"), Some(date), None)).as_deref(),
            Some("Three scripts|2026-10-12")
        );
        assert_eq!(article_key(&meta(Some("Three scripts"), None, None)).as_deref(), Some("Three scripts"));
        assert_eq!(article_key(&meta(None, Some(date), None)), None, "a date alone names no article");
        assert_eq!(
            storage_key("reading-widget:font-step", "T|2026-10-12"),
            "reading-widget:font-step:place:T|2026-10-12"
        );
    }

    #[test]
    fn the_place_is_the_current_section_until_the_article_is_finished() {
        assert_eq!(place_to_remember(Some(2), 5, false), Some(2));
        assert_eq!(
            place_to_remember(Some(2), 5, true),
            Some(2),
            "the end in view, but a short last section not yet current"
        );
        assert_eq!(place_to_remember(Some(4), 5, false), Some(4), "the last section, but not its end");
        assert_eq!(place_to_remember(Some(4), 5, true), None, "finished");
        assert_eq!(place_to_remember(None, 5, false), None, "above the first section");
        assert_eq!(place_to_remember(Some(7), 5, false), None);
    }

    #[test]
    fn writes_are_spaced_out() {
        assert!(write_due(None, 0.0));
        assert!(!write_due(Some(1000.0), 1000.0 + WRITE_EVERY_MS - 1.0));
        assert!(write_due(Some(1000.0), 1000.0 + WRITE_EVERY_MS));
        assert!(write_due(Some(f64::NAN), 5.0), "a clock that misbehaves does not stop writes");
    }

    #[test]
    fn the_offer_is_made_only_at_the_top_and_without_an_address_of_its_own() {
        let sections = outline(&["intro", "method", "results"]);
        assert_eq!(offer(Some("method"), &sections, true, false), Some(1));
        assert_eq!(offer(Some("method"), &sections, false, false), None, "the reader is already somewhere");
        assert_eq!(offer(Some("method"), &sections, true, true), None, "the address names a place");
        assert_eq!(offer(Some("gone"), &sections, true, false), None, "a section the article no longer has");
        assert_eq!(offer(None, &sections, true, false), None);
    }

    #[test]
    fn every_edition_of_a_work_shares_its_key() {
        let edition = |lang: &str, from: &str| {
            let markdown = format!(
                "+++\ntitle = \"{lang}\"\nlang = \"{lang}\"\n{from}[editions]\nen = \"https://e.org/a.en\"\nko = \"https://e.org/a.ko\"\n+++\n"
            );
            article_key(&crate::render(&markdown).unwrap().meta)
        };
        let original = edition("en", "");
        assert_eq!(original.as_deref(), Some("work:https://e.org/a.en"));
        assert_eq!(edition("ko", "translated_from = \"en\"\n"), original);
    }
}
