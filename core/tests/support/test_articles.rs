//! The test articles every snapshot test renders, in a fixed order: articles/*.md (the sample, its
//! editions and its series), the end-to-end fixtures and core/tests/articles/*.md, which hold every
//! construct the renderer handles. Included by core/tests/article_snapshots.rs and
//! cli/tests/fixture_snapshots.rs, so both snapshot the same articles.

use std::path::PathBuf;

/// Each test article's file stem and path.
pub(crate) fn test_articles() -> Vec<(String, PathBuf)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for dir in ["articles", "tests/e2e/fixtures", "core/tests/articles"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        paths.sort();
        found.extend(paths.into_iter().map(|path| (path.file_stem().unwrap().to_string_lossy().into_owned(), path)));
    }
    assert!(found.len() >= 5, "the test articles are found");
    found
}
