//! Embeds the default article. `READING_WIDGET_ARTICLE=path/to/article.md` picks another one,
//! so a partner can ship a widget for its own article without touching the code.

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-env-changed=READING_WIDGET_ARTICLE");
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let source = match env::var_os("READING_WIDGET_ARTICLE") {
        Some(path) if !path.is_empty() => manifest_dir.join(path),
        _ => manifest_dir.join("articles/sample.md"),
    };
    println!("cargo:rerun-if-changed={}", source.display());
    let text = fs::read_to_string(&source)
        .unwrap_or_else(|e| panic!("READING_WIDGET_ARTICLE: cannot read {}: {e}", source.display()));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("article.md");
    fs::write(&out, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
