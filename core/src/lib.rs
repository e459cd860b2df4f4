//! The pure core of reading-widget: everything the widget decides, with no web APIs.
//!
//! A server, a static-site build and the WebAssembly widget share this crate, so an article
//! pre-rendered natively and one mounted in the browser are the same markup. Nothing here
//! depends on wasm-bindgen, web-sys or js-sys; it is tested with a plain `cargo test`.
//!
//! - [`article`]: Markdown with front matter → [`Article`] (metadata, outline, reading time,
//!   safe HTML), with [`front_matter`] for the TOML, [`slug`] for heading ids and
//!   [`link_policy`] for which URLs may become links.
//! - [`template`]: the widget's whole markup for an article and its settings;
//!   [`markup_names`]: the classes, attributes and ids that markup, the stylesheet and the
//!   scripts share, and the version of that contract.
//! - [`settings`]: the validated settings (text size, theme, UI language, storage key, scroll
//!   offset); [`i18n`]: the UI's words in English, Korean and Japanese.
//! - [`reading_position`]: where the reader is: the current section, the headings worth
//!   watching, the block under the reading line; [`resume`]: continue reading, the article's
//!   identity across visits and when to offer going back to the section read last.
//! - [`read_aloud`]: "Listen": the speaking rate, the voice for the article's language, what is
//!   read and the reading cursor.
//! - [`quote`]: how error messages show the text they were given.
//! - [`prerender`]: the widget as HTML for a server or a static build: a fragment to paste into
//!   a page (declarative shadow root, module script, JSON-LD) or a whole document.

pub mod alignment;
pub mod article;
pub mod editions;
pub mod front_matter;
pub mod i18n;
pub mod link_policy;
pub mod markup_names;
pub mod prerender;
pub mod quote;
pub mod read_aloud;
pub mod reading_position;
pub mod resume;
pub mod settings;
pub mod slug;
pub mod template;

pub use article::{Article, ArticleError, Section};

/// Renders a Markdown article for the widget: [`article::render`], with the article's ids kept
/// clear of the ids the widget's own markup uses ([`template::RESERVED_IDS`]).
pub fn render(markdown: &str) -> Result<Article, ArticleError> {
    article::render(markdown, template::RESERVED_IDS)
}

/// [`render`] with raw HTML read by `tokenizer` ([`article::render_with`]).
pub fn render_with(markdown: &str, tokenizer: Option<&dyn article::HtmlTokenizer>) -> Result<Article, ArticleError> {
    article::render_with(markdown, template::RESERVED_IDS, tokenizer)
}
