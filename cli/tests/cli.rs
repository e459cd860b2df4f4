//! The built `reading-widget` binary: output, exit status and messages for every kind of input,
//! one article at a time and as an archive.
#![cfg(not(target_arch = "wasm32"))]

use reading_widget_core::prerender::{self, Assets, Build, Prerender};
use reading_widget_core::settings::{Content, FontStep, Lang, Theme};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SAMPLE: &str = include_str!("../../articles/sample.md");
const BAD: &str = "+++\ntitle = \"Broken\"\nauthor = \n+++\nText.\n";

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reading-widget"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A fresh, empty directory of this test's own under the system's temp dir, removed when the
/// test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn join(&self, path: &str) -> PathBuf {
        self.0.join(path)
    }
    fn to_str(&self) -> Option<&str> {
        self.0.to_str()
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("reading-widget-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn titled(title: &str) -> String {
    SAMPLE.replacen("title = \"Reading in Three Scripts", &format!("title = \"{title}: Reading in Three Scripts"), 1)
}

#[test]
fn help_and_version() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag], None);
        assert!(out.status.success());
        assert!(stdout(&out).contains("reading-widget render ARTICLE [OPTIONS]"), "{}", stdout(&out));
    }
    assert!(run(&["render", "--help"], None).status.success());
    let out = run(&["--version"], None);
    assert_eq!(stdout(&out), format!("reading-widget {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_fragment_from_a_file_and_from_stdin() {
    let dir = temp_dir("fragment");
    let path = write(&dir, "essay.md", SAMPLE);
    let expected = prerender::fragment(SAMPLE, &Prerender::default()).unwrap();
    let out = run(&["render", path.to_str().unwrap()], None);
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), ""));
    assert_eq!(stdout(&out), expected);

    let out = run(&["render", "-"], Some(SAMPLE));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected);
}

#[test]
fn a_page_with_every_option() {
    let dir = temp_dir("page");
    let path = write(&dir, "essay.md", SAMPLE);
    let out = run(
        &[
            "render",
            path.to_str().unwrap(),
            "--page",
            "--lang",
            "ko",
            "--theme=sepia",
            "--font-step",
            "4",
            "--assets",
            "https://cdn.example.org/rw/",
            "--hydrate-only",
            "--content",
            "light",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let settings = Prerender {
        lang: Some(Lang::Ko),
        theme: Theme::Sepia,
        font_step: FontStep::new(4.0).unwrap(),
        assets: Assets::new("https://cdn.example.org/rw").unwrap(),
        build: Build::HydrateOnly,
        content: Content::Light,
    };
    assert_eq!(stdout(&out), prerender::page(SAMPLE, &settings).unwrap());
    assert!(stdout(&out).contains(r#"<script type="module" src="https://cdn.example.org/rw/element-hydrate.js">"#));
}

#[test]
fn a_missing_file_is_named() {
    let out = run(&["render", "no-such-article.md"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "reading-widget: cannot read no-such-article.md: No such file or directory\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_front_matter_gets_mounts_message_prefixed_with_the_file() {
    let dir = temp_dir("malformed");
    let path = write(&dir, "bad.md", BAD);
    let message = reading_widget_core::render(BAD).unwrap_err().to_string();
    assert!(message.starts_with("front matter, line 3:"), "{message}");
    let out = run(&["render", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), format!("reading-widget: {}: {message}\n", path.display()));
    let out = run(&["render", "-", "--page"], Some(BAD));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), format!("reading-widget: standard input: {message}\n"));
    let out = run(&["render", "-"], Some("+++\ntitle = \"x\"\n"));
    assert!(stderr(&out).contains("the `+++` block is never closed"), "{}", stderr(&out));
}

#[test]
fn command_line_mistakes_exit_2_and_say_what_is_allowed() {
    for (args, message) in [
        (&["render", "a.md", "--bogus"][..], "invalid option '--bogus'"),
        (&["render", "a.md", "-x"], "invalid option '-x'"),
        (&["render", "a.md", "--page=yes"], "unexpected argument for option '--page'"),
        (&["render", "a.md", "--theme"], "missing argument for option '--theme'"),
        (
            &["render", "a.md", "--theme", "blue"],
            r#"--theme: must be one of "auto", "light", "dark", "sepia", not "blue""#,
        ),
        (&["render", "a.md", "--content", "dark"], r#"--content: must be one of "shadow", "light", not "dark""#),
        (
            &["render", "a.md", "--lang", "fr"],
            r#"--lang: must be one of "en", "ko", "ja" (with or without a region, such as "ko-KR"), not "fr""#,
        ),
        (&["render", "a.md", "--font-step", "7"], "--font-step: must be an integer from 1 to 5, not 7"),
        (&["render", "a.md", "--font-step", "big"], r#"--font-step: must be an integer from 1 to 5, not "big""#),
        (&["render", "a.md", "--assets", "javascript:alert(1)"], "--assets: must be an http or https URL or a path"),
        (&["render", "a.md", "--jobs", "0", "--out", "x"], "--jobs: must be a whole number from 1"),
        (&["render", "a.md", "b.md"], "2 articles need --out DIR"),
        (&["render", "-", "a.md", "--out", "x"], "- (standard input) is one article"),
        (&["render"], "render needs an ARTICLE"),
        (&[], "no command given"),
        (&["draw"], "unknown command \"draw\""),
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.starts_with(&format!("reading-widget: {message}")), "{args:?}: {err}");
        assert!(err.ends_with("\nTry `reading-widget --help`.\n"), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_folder_without_out_is_refused() {
    let dir = temp_dir("folder-no-out");
    let out = run(&["render", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a folder: give --out DIR"), "{}", stderr(&out));
}

#[test]
fn an_archive_writes_every_good_article_and_names_the_bad_one() {
    let dir = temp_dir("archive");
    let articles = dir.join("articles");
    std::fs::create_dir_all(articles.join("drafts")).unwrap();
    let good: Vec<(String, String)> =
        ["one", "two", "three"].iter().map(|name| (name.to_string(), titled(&format!("No. {name}")))).collect();
    for (name, markdown) in &good {
        write(&articles, &format!("{name}.md"), markdown);
    }
    let bad = write(&articles, "broken.md", BAD);
    write(&articles, "notes.txt", "not an article");
    write(&articles, ".hidden.md", BAD);
    write(&articles.join("drafts"), "draft.md", BAD);
    let out_dir = dir.join("out");

    for jobs in ["1", "3"] {
        let _ = std::fs::remove_dir_all(&out_dir);
        let out = run(
            &["render", articles.to_str().unwrap(), "--page", "--out", out_dir.to_str().unwrap(), "-j", jobs],
            None,
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(out.stdout.is_empty());
        let message = reading_widget_core::render(BAD).unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert_eq!(lines[0], format!("reading-widget: {}: {message}", bad.display()));
        let threads = if jobs == "1" { "1 thread" } else { "3 threads" };
        assert!(lines[1].starts_with("reading-widget: 3 written, 1 failed in "), "{err}");
        assert!(lines[1].contains(&format!("({threads}, ")) && lines[1].ends_with(" articles/s)"), "{err}");

        let mut written: Vec<String> =
            std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        written.sort();
        assert_eq!(
            written,
            ["one.fragment.html", "one.html", "three.fragment.html", "three.html", "two.fragment.html", "two.html"]
        );
        for (name, markdown) in &good {
            let html = std::fs::read_to_string(out_dir.join(format!("{name}.html"))).unwrap();
            assert_eq!(html, prerender::page(markdown, &Prerender::default()).unwrap(), "{name}");
            let html = std::fs::read_to_string(out_dir.join(format!("{name}.fragment.html"))).unwrap();
            assert_eq!(html, prerender::fragment(markdown, &Prerender::default()).unwrap(), "{name}");
        }
    }
}

#[test]
fn several_files_are_pages_and_fragments_and_clashing_names_are_refused() {
    let dir = temp_dir("files");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let first = write(&dir.join("a"), "same.md", &titled("A"));
    let second = write(&dir.join("b"), "same.md", &titled("B"));
    let other = write(&dir, "other.md", &titled("C"));
    // The run refused `refused`, whose output `target` another article (`from`) had written.
    let assert_clash = |out: &Output, refused: &Path, target: &Path, from: &Path| {
        let err = stderr(out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let line = format!(
            "reading-widget: {}: not written: {} is already written from {}\n",
            refused.display(),
            target.display(),
            from.display()
        );
        assert!(err.starts_with(&line), "{err}");
        err
    };
    let out_dir = dir.join("out");
    let out = run(
        &[
            "render",
            first.to_str().unwrap(),
            second.to_str().unwrap(),
            other.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ],
        None,
    );
    let err = assert_clash(&out, &second, &out_dir.join("same.html"), &first);
    assert!(err.contains("reading-widget: 2 written, 1 failed in "), "{err}");
    let html = std::fs::read_to_string(out_dir.join("same.html")).unwrap();
    assert_eq!(html, prerender::page(&titled("A"), &Prerender::default()).unwrap());
    let html = std::fs::read_to_string(out_dir.join("same.fragment.html")).unwrap();
    assert_eq!(html, prerender::fragment(&titled("A"), &Prerender::default()).unwrap());
    assert!(out_dir.join("other.html").is_file() && out_dir.join("other.fragment.html").is_file());

    // `x.fragment.md`'s page would overwrite `x.md`'s fragment.
    let fragment_named = write(&dir.join("b"), "other.fragment.md", &titled("D"));
    let clash_dir = dir.join("clash");
    let out = run(
        &["render", other.to_str().unwrap(), fragment_named.to_str().unwrap(), "--out", clash_dir.to_str().unwrap()],
        None,
    );
    assert_clash(&out, &fragment_named, &clash_dir.join("other.fragment.html"), &other);
    let html = std::fs::read_to_string(clash_dir.join("other.fragment.html")).unwrap();
    assert_eq!(html, prerender::fragment(&titled("C"), &Prerender::default()).unwrap());

    // A missing input and an empty folder are failures too; the rest is still written.
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = run(
        &["render", "missing.md", empty.to_str().unwrap(), other.to_str().unwrap(), "--out", out_dir.to_str().unwrap()],
        None,
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("reading-widget: cannot read missing.md: No such file or directory\n"), "{err}");
    assert!(err.contains(&format!("reading-widget: {}: no *.md files in this folder\n", empty.display())), "{err}");
    assert!(err.contains("reading-widget: 1 written, 2 failed in "), "{err}");
}

#[test]
fn a_single_file_with_out_is_written_and_succeeds() {
    let dir = temp_dir("single-out");
    let path = write(&dir, "essay.md", SAMPLE);
    let out_dir = dir.join("nested").join("out");
    let out = run(&["render", path.to_str().unwrap(), "--out", out_dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("reading-widget: 1 written, 0 failed in "), "{}", stderr(&out));
    assert!(out_dir.join("essay.html").is_file());
    // The fragment is byte for byte what `render ARTICLE` prints with the same options.
    let printed = run(&["render", path.to_str().unwrap()], None);
    assert_eq!(std::fs::read(out_dir.join("essay.fragment.html")).unwrap(), printed.stdout);
    let printed = run(&["render", path.to_str().unwrap(), "--page"], None);
    assert_eq!(std::fs::read(out_dir.join("essay.html")).unwrap(), printed.stdout);
}

/// The page and the fragment of the core's fixture article (every part of the markup), as the
/// command prints them: any change to the output is a reviewed diff (`cargo insta review`, or
/// `INSTA_UPDATE=always` and the snapshot files' diff).
#[test]
fn a_page_and_a_fragment_are_reviewed_snapshots() {
    let fixture = include_str!("../../core/tests/markup/fixture.md");
    let fragment = run(&["render", "-"], Some(fixture));
    assert_eq!(fragment.status.code(), Some(0), "{}", stderr(&fragment));
    insta::assert_snapshot!("fixture_fragment", stdout(&fragment));
    let page =
        run(&["render", "-", "--page", "--hydrate-only", "--assets", "https://cdn.example.org/rw"], Some(fixture));
    assert_eq!(page.status.code(), Some(0), "{}", stderr(&page));
    insta::assert_snapshot!("fixture_page", stdout(&page));
    let light = run(&["render", "-", "--page", "--content", "light"], Some(fixture));
    assert_eq!(light.status.code(), Some(0), "{}", stderr(&light));
    insta::assert_snapshot!("fixture_page_light", stdout(&light));
}

#[test]
fn an_archive_links_its_editions_pages_and_warns_when_outlines_differ() {
    let dir = temp_dir("editions");
    let en = "+++\ntitle = \"E\"\nlang = \"en\"\n[editions]\nen = \"a.en.md\"\nko = \"a.ko.md\"\n[series]\ntitle = \"S\"\npart = 1\nnext = { title = \"N\", url = \"b.en.md\" }\n+++\n\n## One\n\n## Two\n";
    let ko = "+++\ntitle = \"K\"\nlang = \"ko\"\ntranslated_from = \"en\"\n[editions]\nen = \"a.en.md\"\nko = \"https://example.org/ko\"\n+++\n\n## 하나\n\n## 둘\n";
    write(&dir.0, "a.en.md", en);
    write(&dir.0, "a.ko.md", ko);
    write(&dir.0, "b.en.md", &titled("B"));
    let out = dir.0.join("out");
    let (input, out_arg) = (dir.0.to_str().unwrap(), out.to_str().unwrap());
    let output = run(&["render", input, "--out", out_arg, "--strict"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let page = std::fs::read_to_string(out.join("a.en.html")).unwrap();
    assert!(page.contains(r#"<link rel="alternate" hreflang="ko" href="a.ko.html">"#), "{page}");
    assert!(page.contains(r#"<link rel="alternate" hreflang="x-default" href="a.en.html">"#), "{page}");
    let page = std::fs::read_to_string(out.join("a.ko.html")).unwrap();
    assert!(page.contains(r#"<link rel="alternate" hreflang="ko" href="https://example.org/ko">"#), "{page}");

    // An h3 where the other edition has an h2: a warning naming both files, fatal with --strict.
    write(&dir.0, "a.ko.md", &ko.replace("## 둘", "### 둘"));
    let output = run(&["render", input, "--out", out_arg], None);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    assert!(
        message.contains("a.en.md and ")
            && message.contains(
                "a.ko.md: the editions' outlines do not line up from section 2: h2 \"Two\" against h3 \"둘\""
            ),
        "{message}"
    );
    let output = run(&["render", input, "--out", out_arg, "--strict"], None);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}
