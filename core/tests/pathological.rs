//! Pathological Markdown renders, completely and without overflowing the stack.
//! Times are reported by `cargo bench --bench pathological`, not asserted here.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn pathological_articles_render_completely() {
    let inputs: Vec<(&str, String)> = include!("support/pathological_inputs.rs");
    for (name, markdown) in inputs {
        // A thread with wasm's default 1 MiB stack: a recursion that would overflow in the
        // browser overflows here too.
        let result = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || reading_widget_core::render(&markdown).map(|a| (a.html.len(), a.outline.len())))
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name}: panicked"));
        let (html_len, sections) = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(html_len > 0, "{name}");
        if name == "10,000 headings" {
            assert_eq!(sections, 10_000);
        }
    }
}

/// An article of five million words (a whole book pasted in) reads for 5,000,000 / 230 words a
/// minute, 21,740 minutes rounded up; counting in `u32` thousandths wrapped it to a few hundred.
#[test]
fn a_five_million_word_article_reads_for_21740_minutes() {
    let paragraph = "word ".repeat(1000) + "\n\n";
    let markdown = paragraph.repeat(5_000);
    let article = reading_widget_core::render(&markdown).unwrap();
    assert_eq!(article.reading_minutes, 21_740);
    // And half of them in Japanese, at 500 characters a minute: 2,500,000 / 230 + 2,500,000 /
    // 500 = 10,869.6 + 5,000 minutes.
    let mixed = ("word ".repeat(500) + &"語".repeat(500) + "\n\n").repeat(5_000);
    assert_eq!(reading_widget_core::render(&mixed).unwrap().reading_minutes, 15_870);
}
