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
