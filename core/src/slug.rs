//! Heading ids: readable slugs in any script, unique within one article.

use std::collections::{HashMap, HashSet};

/// Turns heading text into an id fragment.
///
/// Letters and digits of every script are kept (case-folded where the script has case),
/// so "한국어 제목" becomes `한국어-제목` rather than an empty or percent-encoded id.
/// Runs of anything else collapse into a single `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else if !c.is_control() {
            pending_dash = true;
        }
    }
    // Unicode case folding, pulldown-cmark's own (unicase) for link labels, rather than
    // `to_lowercase`, whose tables would be a second copy of much the same data in the module.
    unicase::UniCase::new(slug).to_folded_case()
}

/// Hands out ids that are unique within one article, GitHub-style:
/// the second "Notes" becomes `notes-1`, the third `notes-2`.
#[derive(Default)]
pub struct IdAllocator {
    taken: HashSet<String>,
    /// The next suffix to try for each base, so that n repeats of one heading cost O(n),
    /// not O(n²) (10,000 "Notes" headings are a pathological but possible article).
    next_suffix: HashMap<String, usize>,
}

impl IdAllocator {
    /// Reserves an id that something sharing the article's id scope already uses (the
    /// widget's own elements, such as its navigation), so no heading or footnote takes it.
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_owned());
    }

    /// Returns `wanted` if it is free, else the first free `wanted-N`.
    /// An empty `wanted` (a heading of only punctuation) becomes `section`.
    pub fn allocate(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let n = self.next_suffix.entry(base.to_owned()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_headings_become_kebab_case() {
        assert_eq!(slugify("Why Reading Matters, Again!"), "why-reading-matters-again");
        assert_eq!(slugify("  --Lead & trail--  "), "lead-trail");
        assert_eq!(slugify("C++ in 2024"), "c-in-2024");
    }

    #[test]
    fn every_script_stays_readable() {
        assert_eq!(slugify("한국어 제목"), "한국어-제목");
        assert_eq!(slugify("日本語の見出し"), "日本語の見出し");
        // Case folding, as CommonMark matches link labels: ß folds to ss.
        assert_eq!(slugify("Ünïcödé Straße"), "ünïcödé-strasse");
    }

    #[test]
    fn duplicates_get_numbered_suffixes() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("notes"), "notes");
        assert_eq!(ids.allocate("notes"), "notes-1");
        assert_eq!(ids.allocate("notes"), "notes-2");
        assert_eq!(ids.allocate("notes-1"), "notes-1-1");
    }

    #[test]
    fn empty_slug_falls_back_and_reserved_ids_are_skipped() {
        let mut ids = IdAllocator::default();
        ids.reserve("section");
        assert_eq!(ids.allocate(""), "section-1");
    }
}
