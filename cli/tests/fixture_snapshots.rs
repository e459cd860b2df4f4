//! Snapshots (insta) of the command line's output for every test article (articles/*.md, the
//! end-to-end fixtures, core/tests/articles/*.md): the fragment and, with `--page`, the whole
//! document, exactly as written to standard output. After a deliberate change:
//! `INSTA_UPDATE=always cargo test -p reading-widget-cli --test fixture_snapshots`, then review the
//! diff of tests/snapshots/.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

fn articles() -> Vec<(String, PathBuf)> {
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

fn render(path: &PathBuf, page: bool) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reading-widget"));
    command.arg("render").arg(path);
    if page {
        command.arg("--page");
    }
    let output = command.output().expect("the binary starts");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // One element a line, for readable diffs; the output is compared as written.
    String::from_utf8(output.stdout).unwrap().replace("><", ">\n<")
}

#[test]
fn fragments() {
    for (name, path) in articles() {
        insta::assert_snapshot!(format!("fragment_{name}"), render(&path, false));
    }
}

#[test]
fn pages() {
    for (name, path) in articles() {
        insta::assert_snapshot!(format!("page_{name}"), render(&path, true));
    }
}
