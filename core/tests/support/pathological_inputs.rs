// Pathological articles, as an expression: included by tests/pathological.rs and
// benches/pathological.rs so both use the same inputs.
{
    let sample = include_str!("../../../articles/sample.md");
    let body = &sample[sample.rfind("+++\n").map_or(0, |i| i + 4)..];
    vec![
        ("1 MB article", body.repeat(1_000_000 / body.len() + 1)),
        ("50,000 nested [", "[".repeat(50_000)),
        ("5,000 nested >", format!("{} deep", ">".repeat(5_000))),
        ("3,000 nested list markers", format!("{} x", "- ".repeat(3_000))),
        ("3,000 nested ordered lists", format!("{} x", "1. ".repeat(3_000))),
        ("100 KB single line", "word *emph* [link](https://example.org) ".repeat(100_000 / 40)),
        ("10,000 headings", (0..10_000).map(|i| format!("## Heading {}\n\ntext\n\n", i % 100)).collect::<String>()),
        ("50,000 nested *", "*".repeat(50_000) + "x" + &"*".repeat(50_000)),
        ("20,000 backticks", "`".repeat(20_000)),
        ("10,000 footnotes", (0..10_000).map(|i| format!("x[^{i}]\n\n[^{i}]: n\n\n")).collect::<String>()),
        ("100,000 nested <", "<a ".repeat(100_000 / 3)),
    ]
}
