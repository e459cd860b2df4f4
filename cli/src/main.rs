//! `reading-widget`, the command line of reading-widget's core: pre-renders articles (Markdown
//! with TOML front matter) to the widget's HTML, as a fragment to paste into a page or as a whole
//! page, one article to standard output or an archive to one file per article on every core.
//! See `reading-widget --help` and README.md's "Pre-render on a server or in a static build".

mod archive_links;
mod args;
mod run;

use args::Command;
use std::process::ExitCode;

fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1)) {
        Ok(Command::Help) => run::print(args::HELP),
        Ok(Command::Version) => run::print(&format!("reading-widget {}\n", env!("CARGO_PKG_VERSION"))),
        Ok(Command::Render(render)) => run::run(&render),
        Err(message) => {
            run::complain(format_args!("{message}\nTry `reading-widget --help`."));
            ExitCode::from(2)
        }
    }
}
