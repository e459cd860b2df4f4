use super::ArticleError;
use crate::render;

fn html(markdown: &str) -> String {
    render(markdown).unwrap().html
}

#[test]
fn front_matter_becomes_metadata_and_is_not_rendered() {
    let article = render("+++\ntitle = \"T\"\nauthor = \"A\"\nlang = \"ko\"\n+++\n\nBody.\n").unwrap();
    assert_eq!(article.meta.title.as_deref(), Some("T"));
    assert_eq!(article.meta.lang.as_deref(), Some("ko"));
    assert_eq!(article.html, "<p>Body.</p>\n");
}

#[test]
fn the_lede_is_the_plain_text_of_the_first_top_level_paragraph() {
    let article = render(
        "+++\ntitle = \"T\"\n+++\n\n## Intro\n\n> A quote.\n\n- a list\n\n![alt only](x.png)\n\nThe *first*\nreal `para` [link](https://x.example) <b>raw</b>[^1] ![pic](y.png).\n\nSecond.\n\n[^1]: Note.\n",
    )
    .unwrap();
    assert_eq!(article.lede.as_deref(), Some("The first real para link raw ."));
    assert_eq!(render("# Title\n\n  Only   this.  ").unwrap().lede.as_deref(), Some("Only this."));
    assert_eq!(render("## Heading only\n\n- item\n").unwrap().lede, None);
    assert_eq!(render("").unwrap().lede, None);
}

#[test]
fn malformed_front_matter_names_its_line() {
    let err = render("+++\ntitle = \"T\"\nauthor = \n+++\nBody").unwrap_err();
    assert!(err.to_string().starts_with("front matter, line 3:"), "{err}");
    let err = render("+++\ntitle = \"T\"\nBody without an end\n").unwrap_err();
    assert_eq!(err, ArticleError::UnclosedFrontMatter);
}

#[test]
fn articles_without_front_matter_take_their_title_from_a_leading_h1() {
    let article = render("# The Title\n\nText\n\n# Later h1\n").unwrap();
    assert_eq!(article.meta.title.as_deref(), Some("The Title"));
    assert!(!article.html.contains("The Title"));
    assert!(article.html.contains(r#"<h1 id="later-h1">Later h1</h1>"#), "{}", article.html);
}

#[test]
fn headings_get_unique_readable_ids_and_explicit_ids_win() {
    let article =
        render("## Notes\n\n## Notes\n\n### Notes\n\n## 한국어 제목\n\n## Method {#method}\n\n#### Deep\n").unwrap();
    let ids: Vec<_> = article.outline.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["notes", "notes-1", "notes-2", "한국어-제목", "method"]);
    assert_eq!(article.outline[2].level, 3);
    assert_eq!(article.outline[4].title, "Method");
    assert!(article.html.contains(r#"<h4 id="deep">"#));
}

#[test]
fn outline_lists_h2_and_h3_in_order_with_plain_titles() {
    let article = render("## One *emphasis* `code`\n\ntext\n\n### Two\n\n#### Not listed\n\n## Three\n").unwrap();
    let outline: Vec<_> = article.outline.iter().map(|s| (s.level, s.title.as_str())).collect();
    assert_eq!(outline, [(2, "One emphasis code"), (3, "Two"), (2, "Three")]);
}

#[test]
fn heading_classes_and_attributes_are_dropped() {
    let out = html("## Title {.evil onclick=alert(1) style=color:red}\n");
    assert_eq!(out, "<h2 id=\"title\">Title</h2>\n");
}

#[test]
fn raw_html_keeps_the_allowed_subset_and_the_text_of_the_rest() {
    let out = html(
        "<script>alert(1)</script>\n\nInline <b onclick=\"x()\">bold</b> H<sub>2</sub>O <script>gone</script>end\n",
    );
    assert_eq!(out, "\n<p>Inline bold H<sub>2</sub>O end</p>\n");
}

#[test]
fn raw_html_left_open_closes_with_its_container() {
    assert_eq!(html("a <sup>b\n\nc</sup> d\n"), "<p>a <sup>b</sup></p>\n<p>c d</p>\n");
    assert_eq!(html("- <mark>x\n- y\n"), "<ul>\n<li><mark>x</mark></li>\n<li>y</li>\n</ul>\n");
    assert_eq!(html("## H<sub>2</sub>O <kbd>x\n").matches("<kbd>x</kbd></h2>").count(), 1);
    assert_eq!(render("## H<sub>2</sub>O\n").unwrap().outline[0].id, "h2o");
}

#[test]
fn a_details_block_holds_the_markdown_up_to_its_end() {
    let out = html("<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n\nAfter.\n");
    assert_eq!(out, "<details>\n<summary>More</summary>\n<p>Hidden <em>text</em>.</p>\n</details>\n<p>After.</p>\n");
    assert_eq!(html("Text <details>x</details>.\n"), "<p>Text x.</p>\n", "no block inside a paragraph");
}

#[test]
fn links_do_not_nest_across_markdown_and_html() {
    assert_eq!(
        html("<a href=\"/x\">[in](/y)</a> [<a href=\"/z\">in</a>](/w)\n"),
        "<p><a href=\"/x\">in</a> <a href=\"/w\">in</a></p>\n"
    );
}

#[test]
fn unsafe_link_and_image_urls_are_neutralised() {
    let out = html("[click](javascript:alert(1)) ![pic](JaVaScRiPt:alert(1)) [x](data:text/html,hi) <vbscript:msgbox>");
    assert!(!out.contains("href") && !out.contains("src"), "{out}");
    assert!(out.contains("click") && out.contains("pic"), "text stays visible: {out}");
    assert!(!out.contains("<a") && !out.contains("<img"), "{out}");
}

#[test]
fn entity_encoded_schemes_are_refused_too() {
    let out = html("[x](&#106;avascript:alert(1)) [y](java&#x09;script:alert(1))");
    assert!(!out.contains("<a"), "{out}");
}

#[test]
fn safe_links_are_kept_and_external_ones_get_rel() {
    let out =
        html("[a](https://example.org \"T\\\"itle\") [b](/local) [c](#method) <mail@example.org> [d](mailto:x@y.z)");
    assert!(
        out.contains(r#"<a href="https://example.org" title="T&quot;itle" rel="noopener noreferrer">a</a>"#),
        "{out}"
    );
    assert!(out.contains(r##"<a href="/local">b</a>"##), "{out}");
    assert!(out.contains(r##"<a href="#method">c</a>"##), "{out}");
    assert!(out.contains(r#"<a href="mailto:mail@example.org">mail@example.org</a>"#), "{out}");
    assert!(out.contains(r#"<a href="mailto:x@y.z">d</a>"#), "{out}");
}

#[test]
fn footnotes_get_ids_that_cannot_clash_with_headings() {
    let out = html("## Fn 1\n\nText[^1].\n\n[^1]: The note.\n");
    assert!(out.contains(r##"href="#fn-1-1""##), "{out}");
    assert!(out.contains(r#"id="fn-1-1""#), "{out}");
    assert!(out.contains(r#"<h2 id="fn-1">"#), "{out}");
}

#[test]
fn extensions_are_enabled() {
    let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ \"quoted\"\n");
    assert!(out.contains("<div class=\"table-scroll\" tabindex=\"0\"><table><thead><tr><th>a</th>"), "{out}");
    assert!(out.contains("</tbody></table></div>"), "{out}");
    assert!(out.contains("<del>gone</del>"), "{out}");
    assert!(out.contains("“quoted”"), "{out}");
}

#[test]
fn column_alignment_is_a_class_not_a_style_attribute() {
    let out = html("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
    assert!(!out.contains("style"), "{out}");
    assert!(
        out.contains(
            r#"<th class="align-left">l</th><th class="align-center">c</th><th class="align-right">r</th><th>n</th>"#
        ),
        "{out}"
    );
    assert!(out.contains(r#"<tr><td class="align-left">1</td><td class="align-center">2</td><td class="align-right">3</td><td>4</td></tr>"#), "{out}");
}

#[test]
fn footnote_labels_match_like_link_labels_and_duplicates_get_their_own_ids() {
    let out = html("a[^Note  One] b[^note one]\n\n[^note one]: first\n\n[^NOTE ONE]: again\n");
    assert_eq!(out.matches(r##"href="#fn-note-one""##).count(), 2, "{out}");
    assert_eq!(out.matches(r#"id="fn-note-one""#).count(), 1, "{out}");
}

#[test]
fn reading_time_counts_words_and_cjk_characters() {
    let words = "word ".repeat(460);
    assert_eq!(render(&words).unwrap().reading_minutes, 2);
    let hangul = "가".repeat(1000);
    assert_eq!(render(&hangul).unwrap().reading_minutes, 2);
    assert_eq!(render("").unwrap().reading_minutes, 1);
    assert_eq!(render("don't stop").unwrap().reading_minutes, 1);
}

#[test]
fn the_embedded_sample_renders_with_its_outline() {
    let article = render(include_str!("../../../articles/sample.md")).unwrap();
    assert!(article.meta.title.is_some());
    assert!(article.outline.iter().filter(|s| s.level == 2).count() >= 4);
    assert!(article.outline.iter().any(|s| s.level == 3));
    assert!(article.reading_minutes >= 5);
}

#[test]
fn blocks_end_where_the_top_level_blocks_of_the_html_end() {
    let article = render("+++\ntitle = \"T\"\n+++\n\n# Title\n\nOne *two*[^n].\n\n## 한국어\n\n- a\n- b\n\n| x |\n| - |\n| y |\n\n---\n\n[^n]: Note.\n").unwrap();
    let ends: Vec<usize> = article.blocks.iter().map(|b| b.end).collect();
    let mut start = 0;
    let pieces: Vec<&str> = ends
        .iter()
        .map(|&end| std::mem::replace(&mut start, end))
        .zip(&ends)
        .map(|(s, &e)| article.html[s..e].trim())
        .collect();
    // The front matter names the title, so `# Title` stays in the body as a block of its own.
    assert_eq!(pieces.len(), 7, "{pieces:#?}");
    assert_eq!(pieces[0], r#"<h1 id="title">Title</h1>"#);
    assert!(pieces[1].starts_with("<p>One <em>two</em>") && pieces[1].ends_with("</p>"), "{}", pieces[1]);
    assert!(pieces[2].starts_with("<h2") && pieces[2].ends_with("</h2>"));
    assert!(pieces[3].starts_with("<ul>") && pieces[3].ends_with("</ul>"));
    assert!(pieces[4].starts_with("<div class=\"table-scroll\"") && pieces[4].ends_with("</div>"));
    assert_eq!(pieces[5], "<hr />");
    assert!(pieces[6].starts_with("<div class=\"footnote-definition\""), "{}", pieces[6]);
    assert_eq!(*ends.last().unwrap(), article.html.len());
    // Text width: "One two." is 8 narrow characters (the footnote reference has no text); "한국어" is 3 wide ones.
    assert_eq!(article.blocks[1].text_width, 8);
    assert_eq!(article.blocks[2].text_width, 6);
}

#[test]
fn section_heads_are_where_the_h2s_and_h3s_are() {
    let article = render("## One *two*\n\ntext `<h2 id=\"x\">` and </h2>\n\n### Three & four\n\n#### Five\n\n> ## Quoted\n\n- ### Listed\n\n[^n]\n\n[^n]: ## In a note\n").unwrap();
    assert_eq!(article.section_heads.len(), article.outline.len());
    for (section, head) in article.outline.iter().zip(&article.section_heads) {
        let tag = &article.html[head.clone()];
        let level = section.level;
        assert!(tag.starts_with(&format!(r#"<h{level} id="{}">"#, section.id)), "{tag}");
        assert!(tag.ends_with(&format!("</h{level}>")), "{tag}");
    }
    // A heading right after a footnote's label starts on a line of its own, as the writer puts
    // every block; the place is after that line break.
    assert!(article.html.contains("</sup>\n<h2 id=\"in-a-note\">"), "{}", article.html);
}

#[test]
fn an_image_alone_in_its_paragraph_is_a_figure_with_its_title_as_caption() {
    assert_eq!(
        html("![A *chart*](/c.png \"Growth <b>\")\n\n![Plain](/p.png)\n"),
        "<figure><img src=\"/c.png\" alt=\"A chart\" /><figcaption>Growth &lt;b&gt;</figcaption></figure>\n\
         <figure><img src=\"/p.png\" alt=\"Plain\" loading=\"lazy\" decoding=\"async\" /></figure>\n"
    );
    // Not alone: an image in a line of text, or two images, stay in their paragraph.
    assert_eq!(html("x ![a](/a.png \"t\")\n"), "<p>x <img src=\"/a.png\" alt=\"a\" title=\"t\" /></p>\n");
    assert!(html("![a](/a.png) ![b](/b.png)\n").starts_with("<p><img"));
    // A refused image keeps its alt text, as a paragraph.
    assert_eq!(html("![A chart](javascript:alert(1))\n"), "<p>A chart</p>\n");
    // The lede skips a figure, as it skips images.
    assert_eq!(render("![a](/a.png)\n\nText.\n").unwrap().lede.as_deref(), Some("Text."));
}

#[test]
fn every_image_but_the_first_loads_lazily_in_markdown_and_html() {
    let out = html("![a](/a.png) <img src=\"/b.png\" alt=\"b\" width=\"640\" height=\"480\"> ![c](/c.png)\n");
    assert_eq!(
        out,
        "<p><img src=\"/a.png\" alt=\"a\" /> <img src=\"/b.png\" alt=\"b\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\" /> <img src=\"/c.png\" alt=\"c\" loading=\"lazy\" decoding=\"async\" /></p>\n"
    );
}
