//! The one allowlist of what the widget's markup may contain (allowlist.toml), read by the XSS
//! checks of core/tests and by the fuzz target (fuzz/fuzz_targets/render.rs), which include
//! this file by path.

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Allowlist {
    /// Elements that run script or load documents, named for sharper failure messages.
    pub(crate) script_capable: Vec<String>,
    /// Attributes a browser resolves as a URL.
    pub(crate) url_attributes: Vec<String>,
    /// `Article::html`.
    pub(crate) body: Allowed,
    /// What `template::markup` and `template::error_markup` add around the body.
    pub(crate) chrome: Allowed,
    /// What the widget's script sets after mounting: only the browser test sees it.
    pub(crate) run_time: Allowed,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Allowed {
    #[serde(default)]
    pub(crate) elements: Vec<String>,
    pub(crate) attributes: Vec<String>,
    /// Classes the body may carry. Author text reaches a class only as one `language-…` token.
    #[serde(default)]
    pub(crate) classes: Vec<String>,
}

pub(crate) static ALLOWLIST: LazyLock<Allowlist> =
    LazyLock::new(|| toml::from_str(include_str!("allowlist.toml")).expect("core/tests/xss/allowlist.toml"));
