//! The command line: what to render, how, and where to.

use lexopt::prelude::*;
use reading_widget_core::prerender::{Assets, Build, Prerender};
use std::ffi::OsString;
use std::num::NonZeroUsize;
use std::path::PathBuf;

/// The usage text of `--help`.
pub(crate) const HELP: &str = "\
reading-widget: pre-renders articles (Markdown with TOML front matter) to the widget's HTML.

Usage:
  reading-widget render ARTICLE [OPTIONS]               one article, to standard output
  reading-widget render ARTICLE... --out DIR [OPTIONS]  each article to DIR/<file stem>.html (page)
                                                        and DIR/<file stem>.fragment.html
  reading-widget --help | --version

ARTICLE is a Markdown file, - for standard input (alone, to standard output), or with --out
a folder, whose *.md files are rendered (not those in its sub-folders, nor hidden ones).

Options:
  --page           a whole HTML document (title, description, canonical link, JSON-LD) instead
                   of a fragment to paste into a page of your own (with --out both are
                   written, so --page changes nothing there)
  --lang LANG      the UI language: en, ko or ja (default: the article's lang, else en)
  --theme THEME    auto, light, dark or sepia (default: auto)
  --font-step N    the starting text size, 1 to 5 (default: 3)
  --assets URL     where the widget's pkg/ directory is served: an http(s) URL or a path
                   (default: /pkg); the HTML loads URL/reading-widget.css and URL/element.js
  --content WHERE  where the article lives: shadow (default; the page's CSS cannot reach it) or
                   light (the page's light DOM, slotted into the widget: reader modes and
                   translators see it; the HTML also loads URL/reading-widget-light.css)
  --hydrate-only   load URL/element-hydrate.js, the build that only takes over pre-rendered
                   widgets, instead of URL/element.js
  --out DIR        write DIR/<file stem>.html, the whole page, and DIR/<file stem>.fragment.html,
                   the fragment (for <reading-widget src>), for each article (DIR is created
                   if missing)
  -j, --jobs N     with --out, render on N threads (default: one per core)
  --strict         with --out, fail (exit status 1) when editions' outlines do not line up,
                   which is otherwise a warning
  -h, --help       print this help
  -V, --version    print the version

Exit status: 0 if everything was written; 1 if an article could not be read, rendered or
written (with --out the others are still written); 2 for a mistake on the command line.
";

/// What the command line asks for.
#[derive(Debug)]
pub(crate) enum Command {
    /// `--help`.
    Help,
    /// `--version`.
    Version,
    /// `render …`.
    Render(Render),
}

/// `render`'s arguments, checked.
#[derive(Debug)]
pub(crate) struct Render {
    /// The articles, in the order given.
    pub(crate) inputs: Vec<Input>,
    /// How to render them.
    pub(crate) settings: Prerender,
    /// A whole document rather than a fragment (to standard output; `--out` writes both).
    pub(crate) page: bool,
    /// Where to write one file per article; `None`: standard output (one article only).
    pub(crate) out: Option<PathBuf>,
    /// Threads for `--out`; `None`: one per core.
    pub(crate) jobs: Option<NonZeroUsize>,
    /// Editions whose outlines do not line up fail the run instead of only being warned about.
    pub(crate) strict: bool,
}

/// One ARTICLE argument.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Input {
    /// `-`.
    Stdin,
    /// A file, or with `--out` a folder.
    Path(PathBuf),
}

/// Parses the arguments after the program's name. The error is a sentence for stderr.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut parser = lexopt::Parser::from_args(args);
    match parser.next().map_err(|e| e.to_string())? {
        Some(Short('h') | Long("help")) => Ok(Command::Help),
        Some(Short('V') | Long("version")) => Ok(Command::Version),
        Some(Value(command)) if command == "render" => render(&mut parser),
        Some(Value(command)) => {
            Err(format!("unknown command {:?}; the command is `render`", command.to_string_lossy()))
        }
        Some(other) => Err(other.unexpected().to_string()),
        None => Err("no command given; the command is `render`".to_owned()),
    }
}

fn render(parser: &mut lexopt::Parser) -> Result<Command, String> {
    let mut inputs = Vec::new();
    let mut settings = Prerender::default();
    let (mut page, mut out, mut jobs, mut strict) = (false, None, None, false);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("page") => page = true,
            Long("strict") => strict = true,
            Long("hydrate-only") => settings.build = Build::HydrateOnly,
            Long("lang") => settings.lang = Some(value(parser, "--lang")?),
            Long("theme") => settings.theme = value(parser, "--theme")?,
            Long("font-step") => settings.font_step = value(parser, "--font-step")?,
            Long("content") => settings.content = value(parser, "--content")?,
            Long("assets") => settings.assets = value::<Assets>(parser, "--assets")?,
            Long("out") => out = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?)),
            Short('j') | Long("jobs") => {
                let text = string(parser, "--jobs")?;
                let n = text
                    .parse::<NonZeroUsize>()
                    .map_err(|_| format!("--jobs: must be a whole number from 1, not {text:?}"))?;
                jobs = Some(n);
            }
            Value(value) if value == "-" => inputs.push(Input::Stdin),
            Value(value) => inputs.push(Input::Path(value.into())),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if inputs.is_empty() {
        return Err("render needs an ARTICLE: a Markdown file, - for standard input, or with --out a folder".into());
    }
    if inputs.contains(&Input::Stdin) && (inputs.len() > 1 || out.is_some()) {
        return Err("- (standard input) is one article to standard output: give it alone and without --out".into());
    }
    if out.is_none() && inputs.len() > 1 {
        return Err(format!("{} articles need --out DIR, to write one file for each", inputs.len()));
    }
    Ok(Command::Render(Render { inputs, settings, page, out, jobs, strict }))
}

/// The option's value as text.
fn string(parser: &mut lexopt::Parser, option: &str) -> Result<String, String> {
    let value = parser.value().map_err(|e| e.to_string())?;
    value.into_string().map_err(|value| format!("{option}: not valid UTF-8: {value:?}"))
}

/// The option's value, parsed by the core's own settings types, whose messages say what is
/// allowed (the same words `mount()` uses).
fn value<T>(parser: &mut lexopt::Parser, option: &str) -> Result<T, String>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    string(parser, option)?.parse().map_err(|e| format!("{option}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reading_widget_core::settings::{Lang, Theme};

    fn args(line: &str) -> Result<Command, String> {
        parse(line.split_whitespace().map(OsString::from))
    }

    #[test]
    fn options_reach_the_settings() {
        let Ok(Command::Render(r)) = args(
            "render a.md --page --lang=ko --theme sepia --font-step 4 --assets /static/ --hydrate-only --content light",
        ) else {
            panic!()
        };
        assert_eq!(r.inputs, [Input::Path("a.md".into())]);
        assert!(r.page && r.out.is_none() && !r.strict);
        let Ok(Command::Render(strict)) = args("render dir --out x --strict") else { panic!() };
        assert!(strict.strict);
        assert_eq!(r.settings.lang, Some(Lang::Ko));
        assert_eq!(r.settings.theme, Theme::Sepia);
        assert_eq!(r.settings.font_step.get(), 4);
        assert_eq!(r.settings.assets.as_str(), "/static");
        assert_eq!(r.settings.build, Build::HydrateOnly);
        assert_eq!(r.settings.content, reading_widget_core::settings::Content::Light);
    }

    #[test]
    fn mistakes_are_explained() {
        let err = |line| args(line).unwrap_err();
        assert_eq!(
            err("render a.md --theme blue"),
            r#"--theme: must be one of "auto", "light", "dark", "sepia", not "blue""#
        );
        assert_eq!(err("render a.md --content dark"), r#"--content: must be one of "shadow", "light", not "dark""#);
        assert_eq!(err("render a.md --bogus"), "invalid option '--bogus'");
        assert_eq!(err("render a.md --theme"), "missing argument for option '--theme'");
        assert_eq!(err("render a.md b.md"), "2 articles need --out DIR, to write one file for each");
        assert!(err("render - --out x").starts_with("- (standard input)"));
        assert!(err("render").starts_with("render needs an ARTICLE"));
        assert!(err("draw a.md").starts_with("unknown command \"draw\""));
        assert_eq!(err("render a.md -j 0 --out x"), r#"--jobs: must be a whole number from 1, not "0""#);
    }
}
