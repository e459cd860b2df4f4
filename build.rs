//! Embeds the default article and the stylesheet.
//!
//! `READING_WIDGET_ARTICLE=path/to/article.md` picks another article, so a partner can ship a
//! widget for its own article without touching the code. `READING_WIDGET_CSS=path` compiles in
//! another copy of `src/style.css`: `make build` passes the minified one (scripts/minify-css.mjs),
//! while a plain `cargo build` needs nothing but the source. `READING_WIDGET_LIGHT_CSS=path` compiles
//! in the light-DOM article's stylesheet (`content: "light"`), which `make build` generates.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    embed(&manifest_dir, &out_dir, "READING_WIDGET_ARTICLE", "articles/sample.md", "article.md");
    embed(&manifest_dir, &out_dir, "READING_WIDGET_CSS", "src/style.css", "style.css");
    // Generated from style.css by scripts/minify-css.mjs (there is no source file of it): without
    // it a plain `cargo build` compiles in an empty sheet, and mounted `content: "light"` widgets
    // show their article with only what it inherits through the slot.
    if env::var_os("READING_WIDGET_LIGHT_CSS").is_some_and(|v| !v.is_empty()) {
        embed(&manifest_dir, &out_dir, "READING_WIDGET_LIGHT_CSS", "", "style-light.css");
    } else {
        println!("cargo:rerun-if-env-changed=READING_WIDGET_LIGHT_CSS");
        fs::write(out_dir.join("style-light.css"), "").expect("cannot write OUT_DIR/style-light.css");
    }
}

/// Copies the file `variable` names (relative to the crate), or `default`, to `OUT_DIR/name`.
fn embed(manifest_dir: &Path, out_dir: &Path, variable: &str, default: &str, name: &str) {
    println!("cargo:rerun-if-env-changed={variable}");
    let source = match env::var_os(variable) {
        Some(path) if !path.is_empty() => manifest_dir.join(path),
        _ => manifest_dir.join(default),
    };
    println!("cargo:rerun-if-changed={}", source.display());
    let text =
        fs::read_to_string(&source).unwrap_or_else(|e| panic!("{variable}: cannot read {}: {e}", source.display()));
    let out = out_dir.join(name);
    fs::write(&out, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
