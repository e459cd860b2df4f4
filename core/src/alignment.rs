//! How the sections of two editions of one essay line up, so a reader who switches edition
//! lands in the same section: by an id the editions share (`## 역사 인식 {#history}`), else by
//! position among the headings of the same level; where the outlines differ, at the nearest
//! section by position.

use crate::article::Section;

/// The section of `to` that matches section `index` of `from`; `None` only when `to` has no
/// sections (or `index` is past `from`'s end).
pub fn counterpart(from: &[Section], index: usize, to: &[Section]) -> Option<usize> {
    let section = from.get(index)?;
    if to.is_empty() {
        return None;
    }
    if let Some(same_id) = to.iter().position(|other| other.id == section.id) {
        return Some(same_id);
    }
    // The k-th heading of its level, counted among those without an id the other edition shares,
    // which are matched by id and so do not take a place by position.
    let unshared = |list: &[Section], other: &[Section], level: u8| -> Vec<usize> {
        (0..list.len()).filter(|&i| list[i].level == level && !other.iter().any(|o| o.id == list[i].id)).collect()
    };
    let here = unshared(from, to, section.level);
    let there = unshared(to, from, section.level);
    let k = here.iter().position(|&i| i == index)?;
    if let Some(&i) = there.get(k) {
        return Some(i);
    }
    // The outlines differ: the nearest section by position.
    let nearest = (index * to.len()) / from.len();
    Some(nearest.min(to.len() - 1))
}

/// The first section of `a` that does not line up with `b`'s section at the same place (a
/// different counterpart or level), or where one outline ends before the other; `None` when
/// the outlines line up section for section.
pub fn first_mismatch(a: &[Section], b: &[Section]) -> Option<usize> {
    let shared = a.len().min(b.len());
    let aligned = |index: usize| counterpart(a, index, b) == Some(index) && a[index].level == b[index].level;
    (0..shared).find(|&index| !aligned(index)).or_else(|| (a.len() != b.len()).then_some(shared))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(spec: &[(&str, u8)]) -> Vec<Section> {
        spec.iter().map(|&(id, level)| Section { id: id.into(), title: id.into(), level }).collect()
    }

    #[test]
    fn sections_line_up_by_shared_id_then_by_position_within_their_level() {
        let en = outline(&[("intro", 2), ("history", 2), ("detail", 3), ("now", 2)]);
        // The Korean edition puts the shared `history` last; the others line up by position.
        let ko = outline(&[("서론", 2), ("현재", 2), ("세부", 3), ("history", 2)]);
        assert_eq!(counterpart(&en, 1, &ko), Some(3), "by id, against position");
        assert_eq!(counterpart(&ko, 3, &en), Some(1));
        assert_eq!(counterpart(&en, 0, &ko), Some(0));
        assert_eq!(counterpart(&en, 3, &ko), Some(1), "the second h2 without a shared id");
        assert_eq!(counterpart(&en, 2, &ko), Some(2), "the first h3");
    }

    #[test]
    fn differing_outlines_land_at_the_nearest_section_and_never_fail() {
        let long = outline(&[("a", 2), ("b", 2), ("c", 2), ("d", 2)]);
        let short = outline(&[("x", 2), ("y", 3)]);
        assert_eq!(counterpart(&long, 3, &short), Some(1));
        assert_eq!(counterpart(&long, 0, &[]), None);
        assert_eq!(counterpart(&[], 0, &short), None);
    }

    #[test]
    fn the_first_mismatch_is_found() {
        let a = outline(&[("a", 2), ("b", 3), ("c", 2)]);
        assert_eq!(first_mismatch(&a, &outline(&[("x", 2), ("y", 3), ("z", 2)])), None);
        assert_eq!(first_mismatch(&a, &outline(&[("x", 2), ("y", 2), ("z", 2)])), Some(1));
        assert_eq!(first_mismatch(&a, &outline(&[("x", 2), ("y", 3)])), Some(2));
        assert_eq!(first_mismatch(&outline(&[("x", 2)]), &a), Some(1));
    }
}
