//! Archive mode's links between articles: an edition or series URL that names a Markdown file
//! of the same archive becomes the URL of that file's page, and editions whose outlines do not
//! line up (see [`reading_widget_core::alignment`]) are reported.

use reading_widget_core::alignment::first_mismatch;
use reading_widget_core::article::Section;
use reading_widget_core::link_policy::{self, Target};
use reading_widget_core::Article;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The archive's articles: each input's path, and the page written for it.
pub(crate) struct Archive<'a> {
    /// Input and page, by the article's index.
    files: &'a [(&'a Path, &'a Path)],
    /// The index of each input, by its path made plain ([`plain`]).
    by_path: HashMap<PathBuf, usize>,
    /// For each article, the articles its edition URLs name, in its editions' order.
    editions: Vec<Vec<usize>>,
}

impl<'a> Archive<'a> {
    pub(crate) fn new(files: &'a [(&'a Path, &'a Path)]) -> Archive<'a> {
        let by_path = files.iter().enumerate().map(|(i, (input, _))| (plain(input), i)).collect();
        Archive { files, by_path, editions: vec![Vec::new(); files.len()] }
    }

    /// Points the edition and series URLs of article `i` that name an article of the archive at
    /// that article's page (a URL relative to `i`'s page, kept with its `#fragment`).
    pub(crate) fn link(&mut self, i: usize, article: &mut Article) {
        if let Some(editions) = &article.meta.editions {
            self.editions[i] = editions.list().iter().filter_map(|e| Some(self.target(i, &e.url)?.0)).collect();
        }
        let to_page = |url: &str| match self.target(i, url) {
            Some((j, fragment)) => {
                let page = self.files[j].1.file_name().map(|name| name.to_string_lossy().into_owned());
                format!("{}{fragment}", page.unwrap_or_default())
            }
            None => url.to_owned(),
        };
        if let Some(editions) = &mut article.meta.editions {
            editions.map_urls(to_page);
        }
        if let Some(series) = &mut article.meta.series {
            series.map_urls(to_page);
        }
    }

    /// The article of the archive a relative URL in article `i` names, and the URL's fragment.
    fn target<'u>(&self, i: usize, url: &'u str) -> Option<(usize, &'u str)> {
        let (cleaned, target) = link_policy::check(url)?;
        if target != Target::Relative || cleaned.starts_with('/') {
            return None;
        }
        let (path, fragment) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
        let fragment = if fragment.starts_with('#') { fragment } else { "" };
        let base = self.files[i].0.parent().unwrap_or(Path::new(""));
        let j = *self.by_path.get(&plain(&base.join(path)))?;
        Some((j, fragment))
    }

    /// A warning for each pair of editions in the archive whose outlines do not line up, naming
    /// both files and the first section that does not. `outlines` are the articles' own, by
    /// index (`None` for one that failed to render).
    pub(crate) fn outline_warnings(&self, outlines: &[Option<&[Section]>]) -> Vec<String> {
        let mut warnings = Vec::new();
        for (i, named) in self.editions.iter().enumerate() {
            for &j in named.iter().filter(|&&j| j > i) {
                let (Some(a), Some(b)) = (outlines[i], outlines[j]) else { continue };
                let Some(at) = first_mismatch(a, b) else { continue };
                let describe = |list: &[Section]| match list.get(at) {
                    Some(section) => format!("h{} {:?}", section.level, section.title),
                    None => "no section".to_owned(),
                };
                warnings.push(format!(
                    "{} and {}: the editions' outlines do not line up from section {}: {} against {}",
                    self.files[i].0.display(),
                    self.files[j].0.display(),
                    at + 1,
                    describe(a),
                    describe(b)
                ));
            }
        }
        warnings
    }
}

/// `path` with `.` and `..` worked out, without touching the file system, so `a/../b.md` and
/// `b.md` are the same article.
fn plain(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
