//! Rendering: one article to standard output, or an archive to one file per article, spread
//! across the machine's cores.

use crate::archive_links::Archive;
use crate::args::{Input, Render};
use reading_widget_core::prerender;
use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Instant;

/// Runs `render`: exit status 0 if everything was written, 1 if anything failed.
pub(crate) fn run(render: &Render) -> ExitCode {
    match &render.out {
        None => one(render),
        Some(out) => archive(render, out),
    }
}

/// Prints `line` on stderr with the program's name.
pub(crate) fn complain(line: impl std::fmt::Display) {
    eprintln!("reading-widget: {line}");
}

/// Writes `text` to standard output. A reader that stops early (`| head`) is not an error.
pub(crate) fn print(text: &str) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            complain(format_args!("cannot write to standard output: {}", io_message(&e)));
            ExitCode::FAILURE
        }
    }
}

/// One article to standard output.
fn one(render: &Render) -> ExitCode {
    let result = match render.inputs.as_slice() {
        [Input::Stdin] => read_stdin().and_then(|markdown| html(&markdown, "standard input", render)),
        [Input::Path(path)] if path.is_dir() => {
            Err(format!("{} is a folder: give --out DIR to render its articles", path.display()))
        }
        [Input::Path(path)] => read(path).and_then(|markdown| html(&markdown, &path.display().to_string(), render)),
        // The arguments allow nothing else without --out.
        _ => Err("one ARTICLE is rendered to standard output; several need --out DIR".to_owned()),
    };
    match result {
        Ok(html) => print(&html),
        Err(message) => {
            complain(message);
            ExitCode::FAILURE
        }
    }
}

/// One article to write, as a whole page and as a fragment.
struct Job {
    input: PathBuf,
    page: PathBuf,
    fragment: PathBuf,
}

/// Every article of the inputs to `out`, each as `<file stem>.html` (the whole page) and
/// `<file stem>.fragment.html` (the fragment `render ARTICLE` prints with the same options, which a
/// partner's `<reading-widget src>` fetches): a publisher's static build produces both.
fn archive(render: &Render, out: &Path) -> ExitCode {
    let start = Instant::now();
    let mut failed = 0;
    let mut jobs = Vec::new();
    let mut claimed: HashMap<OsString, PathBuf> = HashMap::new();
    for input in &render.inputs {
        let Input::Path(path) = input else { continue };
        let files = match articles(path) {
            Ok(files) => files,
            Err(message) => {
                complain(message);
                failed += 1;
                continue;
            }
        };
        for input in files {
            let stem = input.file_stem().unwrap_or_default();
            let names = [".html", ".fragment.html"].map(|suffix| {
                let mut name = stem.to_owned();
                name.push(suffix);
                name
            });
            // `a.fragment.md`'s page would be `a.md`'s fragment: neither overwrites the other.
            if let Some((name, first)) = names.iter().find_map(|name| Some((name, claimed.get(name)?))) {
                complain(format_args!(
                    "{}: not written: {} is already written from {}",
                    input.display(),
                    out.join(name).display(),
                    first.display()
                ));
                failed += 1;
                continue;
            }
            for name in &names {
                claimed.insert(name.clone(), input.clone());
            }
            let [page, fragment] = names.map(|name| out.join(name));
            jobs.push(Job { input, page, fragment });
        }
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        complain(format_args!("cannot create {}: {}", out.display(), io_message(&e)));
        return ExitCode::FAILURE;
    }

    let threads = render.jobs.map_or_else(cores, |n| n.get()).clamp(1, jobs.len().max(1));
    let rendered = in_parallel(&jobs, threads, |job| {
        let markdown = read(&job.input)?;
        reading_widget_core::render(&markdown).map_err(|e| format!("{}: {e}", job.input.display()))
    });
    let mut articles: Vec<Result<_, String>> = rendered
        .into_iter()
        .zip(&jobs)
        .map(|(result, job)| {
            result
                .unwrap_or_else(|| Err(format!("{}: not written: rendering stopped unexpectedly", job.input.display())))
        })
        .collect();
    // Edition and series links that name an article of the archive point at its page; editions
    // whose outlines do not line up are warned about (and fail the run with --strict).
    let pages: Vec<_> = jobs.iter().map(|job| (job.input.as_path(), job.page.as_path())).collect();
    let mut archive = Archive::new(&pages);
    for (i, article) in articles.iter_mut().enumerate() {
        if let Ok(article) = article {
            archive.link(i, article);
        }
    }
    let outlines: Vec<_> = articles.iter().map(|a| a.as_ref().ok().map(|a| a.outline.as_slice())).collect();
    for warning in archive.outline_warnings(&outlines) {
        complain(format_args!("warning: {warning}"));
        if render.strict {
            failed += 1;
        }
    }
    let indices: Vec<usize> = (0..jobs.len()).collect();
    let results = in_parallel(&indices, threads, |&i| {
        let (job, article) = (&jobs[i], articles[i].as_ref().map_err(String::clone)?);
        // Rendered once, written twice.
        let write = |path: &Path, html: String| {
            std::fs::write(path, html).map_err(|e| format!("cannot write {}: {}", path.display(), io_message(&e)))
        };
        write(&job.page, prerender::article_page(article, &render.settings))?;
        write(&job.fragment, prerender::article_fragment(article, &render.settings))
    });
    let mut written = 0;
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Some(Ok(())) => written += 1,
            Some(Err(message)) => {
                complain(message);
                failed += 1;
            }
            None => {
                complain(format_args!("{}: not written: rendering stopped unexpectedly", job.input.display()));
                failed += 1;
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let rate =
        if seconds > 0.0 { format!(", {:.0} articles/s", (written + failed) as f64 / seconds) } else { String::new() };
    let plural = if threads == 1 { "" } else { "s" };
    complain(format_args!("{written} written, {failed} failed in {seconds:.2} s ({threads} thread{plural}{rate})"));
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The articles an input names: a file itself, or a folder's `*.md` files (not those of its
/// sub-folders, nor hidden ones), in name order.
fn articles(path: &Path) -> Result<Vec<PathBuf>, String> {
    let cannot = |e: io::Error| format!("cannot read {}: {}", path.display(), io_message(&e));
    if !std::fs::metadata(path).map_err(cannot)?.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(cannot)? {
        let entry = entry.map_err(cannot)?;
        let name = entry.file_name();
        let markdown = Path::new(&name).extension().is_some_and(|ext| ext.eq_ignore_ascii_case("md"));
        if markdown && !name.to_string_lossy().starts_with('.') && entry.path().is_file() {
            files.push(entry.path());
        }
    }
    if files.is_empty() {
        return Err(format!("{}: no *.md files in this folder", path.display()));
    }
    files.sort();
    Ok(files)
}

/// The number of threads to use when `--jobs` is not given.
fn cores() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` on every item with `threads` threads (this one among them), which take the next
/// item as they finish one. The results are in the items' order; `None` for an item whose
/// thread stopped (a panic, which cannot happen short of a bug).
fn in_parallel<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    let worker = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, work(item)));
        }
        done
    };
    thread::scope(|scope| {
        // Spawned threads get the main thread's stack size, so an article that renders on one
        // thread renders on all of them. A thread that cannot be started leaves its share to
        // the others: this thread works too.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| thread::Builder::new().stack_size(8 << 20).spawn_scoped(scope, worker).ok())
            .collect();
        for (i, result) in worker() {
            results[i] = Some(result);
        }
        for helper in helpers {
            for (i, result) in helper.join().unwrap_or_default() {
                results[i] = Some(result);
            }
        }
    });
    results
}

/// Renders `markdown` as the settings ask; an error is prefixed with the article's name.
fn html(markdown: &str, name: &str, render: &Render) -> Result<String, String> {
    let html = if render.page {
        prerender::page(markdown, &render.settings)
    } else {
        prerender::fragment(markdown, &render.settings)
    };
    html.map_err(|e| format!("{name}: {e}"))
}

fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {}", path.display(), io_message(&e)))?;
    utf8(bytes, &path.display().to_string())
}

fn read_stdin() -> Result<String, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {}", io_message(&e)))?;
    utf8(bytes, "standard input")
}

fn utf8(bytes: Vec<u8>, name: &str) -> Result<String, String> {
    String::from_utf8(bytes)
        .map_err(|e| format!("{name}: not UTF-8 text (an invalid byte after {} bytes)", e.utf8_error().valid_up_to()))
}

/// An I/O error as a sentence: "No such file or directory", without the "(os error 2)".
fn io_message(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
