//! Render times for pathological Markdown (issue: hostile input must mount in bounded time).
//! `cargo bench --bench pathological`. Prints one line per input; asserts nothing about time.

use std::time::Instant;

fn main() {
    for (name, markdown) in pathological_inputs() {
        let start = Instant::now();
        let article = reading_widget_core::render(&markdown).expect("renders");
        let elapsed = start.elapsed();
        println!(
            "{name:<28} {:>9} bytes in  {:>9} bytes out  {:>6} sections  {:>8.1} ms",
            markdown.len(),
            article.html.len(),
            article.outline.len(),
            elapsed.as_secs_f64() * 1000.0
        );
    }
}

/// The pathological inputs, shared with the tests through a path include.
fn pathological_inputs() -> Vec<(&'static str, String)> {
    include!("../tests/support/pathological_inputs.rs")
}
