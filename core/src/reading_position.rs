//! Where the reader is, decided from positions alone: which section is current, which headings
//! are worth watching, and which block sits under the reading line.
//!
//! The browser shell measures; these functions decide. Positions are read through closures so
//! that a caller can measure lazily: every search here is a binary search over elements stacked
//! top to bottom, so a very long article costs a handful of layout reads, not thousands.

use std::ops::Range;

/// The part of the scrollport the reader sees, in the same coordinates as the positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// The top of the visible area.
    pub top: f64,
    /// The bottom of the visible area.
    pub bottom: f64,
    /// How far below `top` a heading must pass to make its section current (the sticky bar and
    /// a little air).
    pub reading_line: f64,
}

/// What is known about the reader's place besides heading positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// The end of the article is in view (and the reader has scrolled into it).
    pub at_end: bool,
    /// The section last chosen from the navigation, if its heading is still on screen.
    pub pinned: Option<usize>,
}

/// The current section, given `count` headings in document order and `is_above(i, line)`:
/// whether heading `i`'s top is at or above `line` (see [`above_line`] for answering that
/// without measuring every heading).
///
/// A section is current once its heading has passed the reading line. At the end of the article
/// the last sections may be too short to reach that line, so once the end is in view the last
/// heading on screen counts, or the section just chosen from the navigation if it is on screen.
pub fn current_section(
    count: usize,
    is_above: impl Fn(usize, f64) -> bool,
    viewport: Viewport,
    place: Place,
) -> Option<usize> {
    let count_above = |line: f64| partition_point(count, |i| is_above(i, line));
    if place.at_end {
        place.pinned.or_else(|| count_above(viewport.bottom).checked_sub(1))
    } else {
        count_above(viewport.top + viewport.reading_line).checked_sub(1)
    }
}

/// Whether a heading is at or above `line`, decided from the box around it (`container`, its
/// top and bottom) when that box lies wholly on one side of the line. Only a heading in the box
/// the line crosses is measured (`top`): in a long article the other boxes are off screen and
/// not laid out, and measuring a heading inside one would make the browser lay it out.
pub fn above_line(line: f64, container: Option<(f64, f64)>, top: impl FnOnce() -> f64) -> bool {
    match container {
        Some((_, bottom)) if bottom <= line => true,
        Some((box_top, _)) if box_top > line => false,
        _ => top() <= line,
    }
}

/// Whether the pinned section's heading is still on screen, so that it stays pinned; measured
/// only if the box around it (`container`) is on screen at all.
pub fn still_pinned(viewport: Viewport, container: Option<(f64, f64)>, top: impl FnOnce() -> f64) -> bool {
    let visible = viewport.top..viewport.bottom;
    match container {
        Some((box_top, box_bottom)) if box_bottom <= viewport.top || box_top >= viewport.bottom => false,
        _ => visible.contains(&top()),
    }
}

/// The headings to observe when `current` is the current section: its own and the next one.
/// Only these can change which section is current, by crossing the reading line or by leaving
/// the screen on a jump; observing every heading of a long article costs the browser work on
/// every frame of scrolling.
pub fn headings_to_watch(current: Option<usize>, count: usize) -> Range<usize> {
    let first = current.unwrap_or(0).min(count);
    first..(first + 2).min(count)
}

/// The first of `count` stacked blocks whose bottom (from `bottom_of`) reaches below `line`:
/// the block being read, which a text-size change keeps in place. `None` when every block ends
/// above the line.
pub fn block_under_line(count: usize, bottom_of: impl Fn(usize) -> f64, line: f64) -> Option<usize> {
    let index = partition_point(count, |i| bottom_of(i) <= line);
    (index < count).then_some(index)
}

/// The first index in `0..count` for which `is_before` is false, where it is true for a prefix.
fn partition_point(count: usize, is_before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if is_before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: Viewport = Viewport { top: 0.0, bottom: 800.0, reading_line: 80.0 };

    fn tops(list: &'static [f64]) -> impl Fn(usize, f64) -> bool {
        move |i, line| list[i] <= line
    }

    #[test]
    fn the_current_section_is_the_last_heading_past_the_reading_line() {
        let headings: &[f64] = &[-900.0, -200.0, 60.0, 500.0];
        assert_eq!(current_section(4, tops(headings), VIEW, Place::default()), Some(2));
        let below: &[f64] = &[100.0, 900.0];
        assert_eq!(current_section(2, tops(below), VIEW, Place::default()), None, "nothing has reached the line yet");
        assert_eq!(current_section(0, tops(&[]), VIEW, Place::default()), None);
    }

    #[test]
    fn at_the_end_the_last_heading_on_screen_is_current() {
        // The last two sections are too short for their headings to reach the reading line.
        let headings: &[f64] = &[-900.0, 300.0, 600.0];
        let at_end = Place { at_end: true, pinned: None };
        assert_eq!(current_section(3, tops(headings), VIEW, Place::default()), Some(0));
        assert_eq!(current_section(3, tops(headings), VIEW, at_end), Some(2));
    }

    #[test]
    fn at_the_end_a_section_chosen_from_the_navigation_stays_current() {
        let headings: &[f64] = &[-900.0, 300.0, 600.0];
        let place = Place { at_end: true, pinned: Some(1) };
        assert_eq!(current_section(3, tops(headings), VIEW, place), Some(1));
        assert!(still_pinned(VIEW, None, || 300.0));
        assert!(!still_pinned(VIEW, None, || -10.0) && !still_pinned(VIEW, None, || 800.0));
        let measured = std::cell::Cell::new(false);
        let top = || {
            measured.set(true);
            300.0
        };
        assert!(!still_pinned(VIEW, Some((900.0, 5000.0)), top), "its box is below the screen");
        assert!(!measured.get(), "a heading in a box off screen is not measured");
    }

    #[test]
    fn headings_in_boxes_off_the_line_are_not_measured() {
        let measured = std::cell::Cell::new(0);
        let top = |value: f64| {
            measured.set(measured.get() + 1);
            value
        };
        assert!(above_line(100.0, Some((-900.0, 50.0)), || top(0.0)), "the box ends above the line");
        assert!(!above_line(100.0, Some((400.0, 2000.0)), || top(0.0)), "the box starts below it");
        assert_eq!(measured.get(), 0);
        assert!(above_line(100.0, Some((0.0, 2000.0)), || top(90.0)), "the line crosses the box: measured");
        assert!(!above_line(100.0, None, || top(110.0)), "no box: measured");
        assert_eq!(measured.get(), 2);
    }

    #[test]
    fn the_current_heading_and_the_next_are_watched() {
        assert_eq!(headings_to_watch(None, 10), 0..2);
        assert_eq!(headings_to_watch(Some(4), 10), 4..6);
        assert_eq!(headings_to_watch(Some(9), 10), 9..10);
        assert_eq!(headings_to_watch(None, 1), 0..1);
        assert_eq!(headings_to_watch(None, 0), 0..0);
    }

    #[test]
    fn the_block_under_the_line_is_the_first_reaching_below_it() {
        let bottoms: &[f64] = &[-300.0, -20.0, 40.0, 300.0, 700.0];
        let bottom_of = |i: usize| bottoms[i];
        assert_eq!(block_under_line(5, bottom_of, 56.0), Some(3));
        assert_eq!(block_under_line(5, bottom_of, 40.0), Some(3), "a block ending on the line is above it");
        assert_eq!(block_under_line(5, bottom_of, -400.0), Some(0));
        assert_eq!(block_under_line(5, bottom_of, 800.0), None);
    }

    #[test]
    fn searches_read_few_positions_in_a_long_article() {
        let reads = std::cell::Cell::new(0);
        let is_above = |i: usize, line: f64| {
            reads.set(reads.get() + 1);
            i as f64 * 100.0 - 500_000.0 <= line
        };
        assert_eq!(current_section(10_000, is_above, VIEW, Place::default()), Some(5_000));
        assert!(reads.get() <= 15, "{} reads", reads.get());
    }
}
