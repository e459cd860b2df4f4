//! The widget's whole markup as one HTML string: masthead, toolbar, navigation, article body.
//!
//! Built in one piece so the browser parses it once (one `innerHTML`), rather than the DOM being
//! assembled node by node across the JS boundary. Every value that came from the article or the
//! partner is escaped here; the body HTML is already safe (see [`crate::article`]).
//!
//! Every class, `data-*` attribute, action and id written here is a constant of
//! [`crate::markup_names`], which the browser shell, the stylesheet and the scripts share; a
//! change to the shape of this markup needs a new [`MARKUP_VERSION`] (a test says so).

use crate::article::{Article, Section};
use crate::editions::{autonym, Editions, PartLink, Series};
use crate::i18n::{format_date, Labels};
use crate::markup_names::{action, attr, class, id, nav, slot, MARKUP_VERSION};
use crate::resume::article_key;
use crate::settings::{Content, Font, FontStep, Lang, LineSpacing, Setting, Theme, Width};
use const_format::concatcp;
use pulldown_cmark_escape::escape_html;
use std::iter::Peekable;
use std::ops::Range;

/// Everything the markup depends on.
pub struct Chrome<'a> {
    /// The rendered article.
    pub article: &'a Article,
    /// The UI's words.
    pub labels: &'a Labels,
    /// The UI language (the article keeps its own `lang`).
    pub lang: Lang,
    /// The colour theme.
    pub theme: Theme,
    /// The text size to render with.
    pub step: FontStep,
}

/// The sticky bar's height in the widget's em. It is fixed (`--_bar-h` in the widget's
/// stylesheet) so that headings can keep clear of it in pure CSS, and the browser shell can place
/// the reading line below it without measuring.
pub const BAR_HEIGHT_EM: f64 = 3.5;

/// Every id the markup gives its own elements, which the article must leave free.
pub const RESERVED_IDS: &[&str] = id::ALL;

/// Above this much body HTML (about four long essays) off-screen parts are left to the browser
/// to skip (`content-visibility`, see style.css); below it every block is laid out at once,
/// which keeps scroll positions exact from the first frame.
pub const LONG_ARTICLE_BYTES: usize = 64 * 1024;

/// How much body HTML a long article's chunk holds, at least: the browser tracks each chunk's
/// visibility on every frame of scrolling, so there should be few (a 1 MB article has about 60),
/// and each holds enough blocks that the estimate of its height (from its text, in style.css)
/// averages out.
pub const CHUNK_BYTES: usize = 16 * 1024;

/// Appends `text`, escaped for use in element content or a quoted attribute.
fn esc(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(out, text);
}

/// A button's opening tag up to its class and `data-action`, for the pieces below.
macro_rules! action_button {
    ($class:expr, $action:expr) => {
        concatcp!(r#"<button type="button" class=""#, $class, r#"" "#, attr::DATA_ACTION, r#"=""#, $action, '"')
    };
}

/// A glyph drawn by CSS, then the button's end.
const GLYPH_END: &str = concatcp!(r#"<span class=""#, class::GLYPH, r#"" aria-hidden="true"></span></button>"#);

/// The markup of a widget whose article lives where `content` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    /// The shadow root's markup: the whole widget, or with [`Content::Light`] the chrome with a
    /// `<slot>` where the article goes.
    pub shadow: String,
    /// With [`Content::Light`]: the host's light-DOM child that holds the article
    /// (`<div class="rw-content" slot="rw-article" …><article …>…</article></div>`). It repeats
    /// the frame's state attributes (`data-theme`, `data-step`, …: the light stylesheet selects
    /// by them, as style.css does on the frame) and the UI's `lang` (which `:lang()` would
    /// otherwise take from the partner's page).
    pub light: Option<String>,
}

/// The markup for the shadow root, the article in it.
pub fn markup(chrome: &Chrome) -> String {
    markup_in(chrome, Content::Shadow).shadow
}

/// The frame's attributes (after its class): the markup's version, the UI language and the
/// state style.css selects by. The light content's wrapper carries the same.
fn state_attributes(out: &mut String, chrome: &Chrome) {
    let Chrome { article, lang, theme, step, .. } = chrome;
    out.push_str(concatcp!(" ", attr::DATA_MARKUP, r#"=""#, MARKUP_VERSION));
    out.push_str(r#"" lang=""#);
    out.push_str(lang.tag());
    out.push_str(concatcp!(r#"" "#, attr::DATA_THEME, r#"=""#));
    out.push_str(theme.name());
    out.push_str(concatcp!(r#"" "#, attr::DATA_STEP, r#"=""#));
    out.push_str(&step.get().to_string());
    out.push_str(concatcp!(r#"" "#, attr::DATA_NAV, r#"=""#, nav::CLOSED, '"'));
    // Which article this is, across visits, for continuing to read (also when pre-rendered).
    if let Some(key) = article_key(&article.meta) {
        out.push_str(concatcp!(" ", attr::DATA_ARTICLE, r#"=""#));
        esc(out, &key);
        out.push('"');
    }
    if article.html.len() > LONG_ARTICLE_BYTES {
        out.push_str(concatcp!(" ", attr::DATA_LONG));
    }
}

/// The widget's markup, with the article in the shadow root or, for [`Content::Light`], in a
/// light-DOM wrapper of its own and a `<slot>` in its place.
pub fn markup_in(chrome: &Chrome, content: Content) -> Markup {
    let Chrome { article, labels, step, .. } = chrome;
    let mut out = String::with_capacity(article.html.len() + 4096);
    let has_nav = !article.outline.is_empty();

    out.push_str(concatcp!(r#"<div class=""#, class::FRAME, '"'));
    state_attributes(&mut out, chrome);
    out.push_str(concatcp!(r#"><div class=""#, class::TOP_SENTINEL, r#"" aria-hidden="true"></div>"#));

    // The bar: the sections disclosure (narrow layouts only) and the text-size toolbar.
    out.push_str(concatcp!(r#"<div class=""#, class::BAR, r#"">"#));
    if has_nav {
        out.push_str(concatcp!(
            action_button!(class::NAV_TOGGLE, action::TOGGLE_NAV),
            r#" aria-expanded="false" aria-controls=""#,
            id::NAV,
            r#""><span class=""#,
            class::ICON,
            r#"" aria-hidden="true"></span><span class=""#,
            class::LABEL,
            r#"">"#
        ));
        esc(&mut out, &labels.sections);
        out.push_str("</span></button>");
    }
    out.push_str(concatcp!(r#"<div class=""#, class::SIZES, r#"" role="toolbar" aria-label=""#));
    esc(&mut out, &labels.text_size);
    out.push_str(concatcp!(r#"">"#, action_button!(class::SIZE_NUDGE, action::DECREASE)));
    if *step == FontStep::MIN {
        out.push_str(" disabled");
    }
    out.push_str(r#" aria-label=""#);
    esc(&mut out, &labels.decrease);
    // The "A−"/"A+" glyphs are drawn by CSS: as text they would have to appear in the buttons'
    // accessible names (WCAG 2.5.3, label in name), which read better as words.
    out.push_str(concatcp!(r#"">"#, GLYPH_END));
    for s in FontStep::all() {
        let n = s.get();
        out.push_str(concatcp!(
            r#"<button type="button" class=""#,
            class::SIZE_STEP,
            r#"" "#,
            attr::DATA_STEP,
            r#"=""#
        ));
        out.push_str(&format!(r#"{n}" aria-label=""#));
        esc(&mut out, &labels.step_name(n));
        out.push_str(&format!(r#"" aria-pressed="{}">A</button>"#, s == *step));
    }
    out.push_str(action_button!(class::SIZE_NUDGE, action::INCREASE));
    if *step == FontStep::MAX {
        out.push_str(" disabled");
    }
    out.push_str(r#" aria-label=""#);
    esc(&mut out, &labels.increase);
    out.push_str(concatcp!(r#"">"#, GLYPH_END, "</div>"));
    reading_settings(&mut out, labels, chrome.theme);
    read_aloud(&mut out, labels, article.meta.lang.as_deref().unwrap_or(chrome.lang.tag()));
    out.push_str("</div>");
    resume_offer(&mut out, labels);
    if article.meta.editions.as_ref().is_some_and(|e| e.list().len() > 1) {
        language_offer(&mut out, labels);
    }

    out.push_str(concatcp!(r#"<div class=""#, class::LAYOUT, r#"">"#));
    if has_nav {
        // A native disclosure around the navigation: where no script runs, a narrow layout shows
        // the article first and the sections behind their summary. Wide layouts show the
        // navigation whatever the disclosure's state (style.css), and once the module runs the
        // bar's button is the disclosure instead (the details is opened for good; see view.rs).
        out.push_str(concatcp!(
            r#"<details class=""#,
            class::TOC_DISCLOSURE,
            r#""><summary class=""#,
            class::TOC_SUMMARY,
            r#"">"#
        ));
        esc(&mut out, &labels.sections);
        out.push_str(concatcp!(r#"</summary><nav class=""#, class::TOC, r#"" id=""#, id::NAV, r#"" aria-label=""#));
        esc(&mut out, &labels.sections);
        out.push_str(r#"">"#);
        outline(&mut out, &article.outline, article.meta.lang.as_deref());
        out.push_str("</nav></details>");
    }

    let light = match content {
        Content::Shadow => {
            article_element(&mut out, chrome, content);
            None
        }
        Content::Light => {
            out.push_str(concatcp!(r#"<slot name=""#, slot::ARTICLE, r#""></slot>"#));
            let mut light = String::with_capacity(article.html.len() + 2048);
            light.push_str(concatcp!(r#"<div class=""#, class::CONTENT, r#"" slot=""#, slot::ARTICLE, '"'));
            state_attributes(&mut light, chrome);
            light.push('>');
            article_element(&mut light, chrome, content);
            light.push_str("</div>");
            Some(light)
        }
    };
    out.push_str("</div>");

    // The rail has no height, so showing the button never changes the page's length.
    out.push_str(concatcp!(
        r#"<div class=""#,
        class::TO_TOP_RAIL,
        r#"">"#,
        action_button!(class::TO_TOP, action::TOP),
        r#" hidden><span class=""#,
        class::ICON,
        r#"" aria-hidden="true"></span>"#
    ));
    esc(&mut out, &labels.back_to_top);
    out.push_str("</button></div>");
    // The polite live region that says a link was copied; its words wait in data-message.
    out.push_str(concatcp!(r#"<p class=""#, class::STATUS, r#"" role="status" "#, attr::DATA_MESSAGE, r#"=""#));
    esc(&mut out, &labels.link_copied);
    out.push_str(r#""></p></div>"#);
    Markup { shadow: out, light }
}

/// The `<article>`: masthead (title, byline, editions), the body with its sections and
/// footnotes, the series' part links, the colophon and the end's marker. With
/// [`Content::Light`] this is what reader modes and translators see.
fn article_element(out: &mut String, chrome: &Chrome, content: Content) {
    let Chrome { article, labels, .. } = chrome;
    let head = SectionHead::for_content(content);
    out.push_str(concatcp!(r#"<article class=""#, class::ARTICLE, r#"" tabindex="-1""#));
    if let Some(tag) = &article.meta.lang {
        out.push_str(r#" lang=""#);
        esc(out, tag);
        out.push('"');
    }
    out.push('>');
    masthead(out, chrome);
    out.push_str(concatcp!(r#"<div class=""#, class::BODY, r#"">"#));
    if article.html.len() > LONG_ARTICLE_BYTES {
        chunks(out, article, labels, head);
    } else {
        with_section_links(out, article, 0..article.html.len(), &mut section_heads(article), labels, head);
    }
    out.push_str("</div>");
    if let Some(series) = &article.meta.series {
        part_links(out, series, chrome);
    }
    if let Some(copyright) = &article.meta.copyright {
        out.push_str(concatcp!(r#"<footer class=""#, class::COLOPHON, r#""><p class=""#, class::COPYRIGHT, r#"">"#));
        esc(out, copyright);
        out.push_str("</p></footer>");
    }
    out.push_str(concatcp!(r#"<div class=""#, class::END_SENTINEL, r#"" aria-hidden="true"></div></article>"#));
}

/// The bar's "Reading settings" button and the panel it opens (hidden until then, and shown by
/// the browser shell only): one radio group per setting, named for it, each radio named for the
/// setting (`name="line-spacing"`) with the value's name, and a reset button. The theme the
/// widget is rendered with is checked; the other settings have no value until one is chosen.
fn reading_settings(out: &mut String, labels: &Labels, theme: Theme) {
    out.push_str(concatcp!(
        action_button!(class::SETTINGS_TOGGLE, action::TOGGLE_SETTINGS),
        r#" aria-expanded="false" aria-controls=""#,
        id::SETTINGS,
        r#""><span class=""#,
        class::ICON,
        r#"" aria-hidden="true"></span><span class=""#,
        class::LABEL,
        r#"">"#
    ));
    esc(out, &labels.reading_settings);
    out.push_str(concatcp!(r#"</span></button><div class=""#, class::SETTINGS, r#"" id=""#, id::SETTINGS));
    out.push_str(r#"" role="group" aria-label=""#);
    esc(out, &labels.reading_settings);
    out.push_str(r#"" hidden>"#);
    let themes = [
        (Theme::Auto, &labels.theme_auto),
        (Theme::Light, &labels.theme_light),
        (Theme::Sepia, &labels.theme_sepia),
        (Theme::Dark, &labels.theme_dark),
    ];
    let themes: Vec<_> = themes.iter().map(|(t, label)| (t.name(), label.as_str(), *t == theme)).collect();
    radio_group(out, Setting::Theme, &labels.theme, &themes);
    let spacings = [&labels.spacing_compact, &labels.spacing_normal, &labels.spacing_relaxed];
    let spacings: Vec<_> = LineSpacing::ALL.iter().zip(spacings).map(|(s, l)| (s.name(), l.as_str(), false)).collect();
    radio_group(out, Setting::LineSpacing, &labels.line_spacing, &spacings);
    let widths = [&labels.width_narrow, &labels.width_medium, &labels.width_wide];
    let widths: Vec<_> = Width::ALL.iter().zip(widths).map(|(w, l)| (w.name(), l.as_str(), false)).collect();
    radio_group(out, Setting::Width, &labels.width, &widths);
    let fonts = [&labels.font_sans, &labels.font_serif];
    let fonts: Vec<_> = Font::ALL.iter().zip(fonts).map(|(f, l)| (f.name(), l.as_str(), false)).collect();
    radio_group(out, Setting::Font, &labels.font, &fonts);
    out.push_str(action_button!(class::SETTINGS_RESET, action::RESET_SETTINGS));
    out.push('>');
    esc(out, &labels.reset);
    out.push_str("</button></div>");
}

/// The bar's "Listen" button and the read-aloud controls that hang under the bar while it reads
/// (both hidden: the browser shell shows the button where `speechSynthesis` exists, so no dead
/// control is shown without script). `speech_lang` is the language the article is read in; the
/// status's words for a device without a voice for it wait in `data-message`.
fn read_aloud(out: &mut String, labels: &Labels, speech_lang: &str) {
    let icon = concatcp!(r#"<span class=""#, class::ICON, r#"" aria-hidden="true"></span>"#);
    let label = concatcp!(r#"<span class=""#, class::LABEL, r#"">"#);
    out.push_str(concatcp!(action_button!(class::LISTEN_TOGGLE, action::LISTEN), r#" aria-pressed="false" hidden>"#));
    out.push_str(icon);
    out.push_str(label);
    esc(out, &labels.listen);
    out.push_str(concatcp!(r#"</span></button><div class=""#, class::LISTEN, r#"" role="group" aria-label=""#));
    esc(out, &labels.read_aloud);
    out.push_str(r#"" hidden>"#);
    // Words on the button, or (None) an icon named by the label.
    let controls: [(&str, &str, bool); 7] = [
        (action::LISTEN_CONTINUE, &labels.continue_listening, true),
        (action::LISTEN_PAUSE, &labels.pause, true),
        (action::LISTEN_PREVIOUS, &labels.previous_paragraph, false),
        (action::LISTEN_NEXT, &labels.next_paragraph, false),
        (action::LISTEN_SPEED, &labels.speed, false),
        (action::LISTEN_FOLLOW, &labels.follow, true),
        (action::LISTEN_STOP, &labels.stop, false),
    ];
    for (action, words, shown) in controls {
        out.push_str(concatcp!(
            r#"<button type="button" class=""#,
            class::LISTEN_CONTROL,
            r#"" "#,
            attr::DATA_ACTION,
            r#"=""#
        ));
        out.push_str(action);
        out.push('"');
        if action == action::LISTEN_PAUSE {
            out.push_str(r#" aria-pressed="false""#);
        }
        if action == action::LISTEN_SPEED {
            // The rate is written on it; its name says what it is ("Speed 1×"), from the words
            // kept in data-label.
            let rate = crate::read_aloud::Rate::NORMAL.label();
            out.push_str(concatcp!(r#" "#, attr::DATA_LABEL, r#"=""#));
            esc(out, words);
            out.push_str(r#"" aria-label=""#);
            esc(out, &words.replace("{rate}", rate));
            out.push_str(r#"">"#);
            out.push_str(rate);
        } else if shown {
            out.push('>');
            out.push_str(icon);
            out.push_str(label);
            esc(out, words);
            out.push_str("</span>");
        } else {
            out.push_str(r#" aria-label=""#);
            esc(out, words);
            out.push_str(r#"">"#);
            out.push_str(icon);
        }
        out.push_str("</button>");
    }
    out.push_str(concatcp!(r#"<span class=""#, class::LISTEN_STATUS, r#"" "#, attr::DATA_MESSAGE, r#"=""#));
    let lang_name = crate::settings::Lang::from_tag(speech_lang).map_or(speech_lang, |l| labels.lang_name(l));
    esc(out, &labels.no_voice.replace("{lang}", lang_name));
    out.push_str(r#""></span></div>"#);
}

/// A fieldset of radios for `setting`: `(value, label, checked)` each.
fn radio_group(out: &mut String, setting: Setting, legend: &str, values: &[(&str, &str, bool)]) {
    out.push_str(concatcp!(r#"<fieldset class=""#, class::SETTING, r#"" "#, attr::DATA_SETTING, r#"=""#));
    out.push_str(setting.name());
    out.push_str(r#""><legend>"#);
    esc(out, legend);
    out.push_str("</legend>");
    for (value, label, checked) in values {
        out.push_str(r#"<label><input type="radio" name=""#);
        out.push_str(setting.name());
        out.push_str(r#"" value=""#);
        out.push_str(value);
        out.push('"');
        if *checked {
            out.push_str(" checked");
        }
        out.push('>');
        esc(out, label);
        out.push_str("</label>");
    }
    out.push_str("</fieldset>");
}

/// The offer to continue reading, hidden until the browser shell finds a place remembered from
/// an earlier visit; it writes the section's title into `data-label`'s `{title}`. Its rail has no
/// height, so showing it moves nothing.
fn resume_offer(out: &mut String, labels: &Labels) {
    out.push_str(concatcp!(
        r#"<div class=""#,
        class::RESUME_RAIL,
        r#""><div class=""#,
        class::RESUME,
        r#"" hidden>"#,
        action_button!(class::RESUME_GO, action::RESUME),
        " ",
        attr::DATA_LABEL,
        r#"=""#
    ));
    esc(out, &labels.continue_reading);
    out.push_str(concatcp!(
        r#""></button>"#,
        action_button!(class::RESUME_DISMISS, action::DISMISS_RESUME),
        r#" aria-label=""#
    ));
    esc(out, &labels.dismiss);
    out.push_str(concatcp!(r#"">"#, GLYPH_END, "</div></div>"));
}

/// The element that wraps a heading with its section link. A `<div>` in the shadow root; in the
/// light DOM a `<header>` (a heading's introductory content, as HTML allows): Readability, the
/// reader modes' extractor, drops a heading whose `<div>` holds anything beside it (measured with
/// @mozilla/readability 0.6: every h2 and h3 of the sample articles lost), and keeps it in a
/// `<header>`.
#[derive(Clone, Copy)]
struct SectionHead {
    open: &'static str,
    close: &'static str,
}

impl SectionHead {
    fn for_content(content: Content) -> SectionHead {
        match content {
            Content::Shadow => {
                SectionHead { open: concatcp!(r#"<div class=""#, class::SECTION_HEAD, r#"">"#), close: "</div>" }
            }
            Content::Light => {
                SectionHead { open: concatcp!(r#"<header class=""#, class::SECTION_HEAD, r#"">"#), close: "</header>" }
            }
        }
    }
}

/// Writes `article.html[range]`, a stretch of the body, with each h2 and h3 in it wrapped
/// together with the button that copies a link to its section: `<div class="section-head">` (see
/// [`SectionHead`]) holding the heading, as it was, then the button. Outside the heading, so that the heading's
/// text, accessible name and id stay the article's. The headings are where the article recorded
/// them ([`Article::section_heads`]); `heads` yields them, with their sections, from the
/// stretch's first on.
fn with_section_links<'a>(
    out: &mut String,
    article: &Article,
    range: Range<usize>,
    heads: &mut Peekable<impl Iterator<Item = (&'a Section, &'a Range<usize>)>>,
    labels: &Labels,
    wrapper: SectionHead,
) {
    let mut written = range.start;
    while let Some((section, head)) = heads.next_if(|(_, head)| head.end <= range.end) {
        out.push_str(&article.html[written..head.start]);
        out.push_str(wrapper.open);
        out.push_str(&article.html[head.clone()]);
        out.push_str(concatcp!(
            action_button!(class::SECTION_LINK, action::COPY_LINK),
            " ",
            attr::DATA_SECTION,
            r#"=""#
        ));
        esc(out, &section.id);
        out.push_str(r#"" aria-label=""#);
        esc(out, &labels.copy_link_name(&section.title));
        out.push_str(concatcp!(r#"">"#, GLYPH_END));
        out.push_str(wrapper.close);
        written = head.end;
    }
    out.push_str(&article.html[written..range.end]);
}

/// Every section with its heading's place in the body, in order.
fn section_heads(article: &Article) -> Peekable<impl Iterator<Item = (&Section, &Range<usize>)>> {
    article.outline.iter().zip(&article.section_heads).peekable()
}

/// The body of a long article in chunks of whole blocks, each with what its height is estimated
/// from: the width of its text (`data-text`, in half-ems) and its number of blocks.
fn chunks(out: &mut String, article: &Article, labels: &Labels, head: SectionHead) {
    let mut links = section_heads(article);
    let (mut start, mut text, mut blocks) = (0, 0u64, 0u32);
    for (i, block) in article.blocks.iter().enumerate() {
        text += u64::from(block.text_width);
        blocks += 1;
        let last = i + 1 == article.blocks.len();
        if block.end - start >= CHUNK_BYTES || last {
            out.push_str(concatcp!(r#"<div class=""#, class::CHUNK, r#"" "#, attr::DATA_TEXT, r#"=""#));
            out.push_str(&format!(r#"{text}" {}="{blocks}">"#, attr::DATA_BLOCKS));
            with_section_links(out, article, start..block.end, &mut links, labels, head);
            out.push_str("</div>");
            (start, text, blocks) = (block.end, 0, 0);
        }
    }
    // Whatever follows the last block (a trailing newline).
    with_section_links(out, article, start..article.html.len(), &mut links, labels, head);
}

/// A widget-shaped box with an error message, announced to screen readers.
pub fn error_markup(message: &str) -> String {
    let mut out = String::from(concatcp!(
        r#"<div class=""#,
        class::FRAME,
        r#"" "#,
        attr::DATA_THEME,
        r#"="auto"><p class=""#,
        class::LOAD_ERROR,
        r#"" role="alert">"#
    ));
    esc(&mut out, message);
    out.push_str("</p></div>");
    out
}

fn masthead(out: &mut String, chrome: &Chrome) {
    let meta = &chrome.article.meta;
    out.push_str(concatcp!(r#"<header class=""#, class::MASTHEAD, r#"">"#));
    if let Some(editions) = meta.editions.as_ref().filter(|e| e.list().len() > 1) {
        switcher(out, editions, meta.lang.as_deref(), chrome);
    }
    if let Some(series) = &meta.series {
        out.push_str(concatcp!(r#"<p class=""#, class::SERIES_LINE, r#"">"#));
        match series.url() {
            Some(url) => {
                out.push_str(r#"<a href=""#);
                href(out, url);
                out.push_str(r#"">"#);
                esc(out, series.title());
                out.push_str("</a>");
            }
            None => esc(out, series.title()),
        }
        out.push_str(concatcp!(" · <span class=\"", class::SERIES_PART, r#"" lang=""#));
        out.push_str(chrome.lang.tag());
        out.push_str(r#"">"#);
        esc(out, &chrome.labels.part_text(series.part().get(), series.parts().map(|p| p.get())));
        out.push_str("</span></p>");
    }
    if let Some(subtitle) = &meta.subtitle {
        out.push_str(concatcp!(r#"<p class=""#, class::SERIES, r#"">"#));
        esc(out, subtitle);
        out.push_str("</p>");
    }
    // The title is where "Back to top" puts focus (tabindex -1: focusable by script only). An
    // untitled article gets no empty h1; the article element takes the focus instead.
    if let Some(title) = &meta.title {
        out.push_str(concatcp!(r#"<h1 class=""#, class::TITLE, r#"" tabindex="-1">"#));
        esc(out, title);
        out.push_str("</h1>");
    }
    if meta.author.is_some() || meta.affiliation.is_some() || meta.translated_from.is_some() {
        out.push_str(concatcp!(r#"<p class=""#, class::BYLINE, r#"">"#));
        for (class, value) in [(class::AUTHOR, &meta.author), (class::AFFILIATION, &meta.affiliation)] {
            if let Some(value) = value {
                out.push_str(&format!(r#"<span class="{class}">"#));
                esc(out, value);
                out.push_str("</span>");
            }
        }
        if let Some(from) = meta.translated_from {
            // The UI's words, in the UI's language, inside the article's.
            out.push_str(concatcp!(r#"<span class=""#, class::TRANSLATOR, r#"" lang=""#));
            out.push_str(chrome.lang.tag());
            out.push_str(r#"">"#);
            esc(out, &chrome.labels.translation_credit(from, meta.translator.as_deref()));
            out.push_str("</span>");
        }
        out.push_str("</p>");
    }
    out.push_str(concatcp!(r#"<p class=""#, class::DATELINE, r#"">"#));
    if let Some(date) = meta.date {
        out.push_str(&format!(r#"<time datetime="{}">"#, date.iso()));
        esc(out, &format_date(date, chrome.lang));
        out.push_str("</time>");
    }
    out.push_str(concatcp!(r#"<span class=""#, class::READING_TIME, r#"">"#));
    esc(out, &chrome.labels.reading_time(chrome.article.reading_minutes));
    out.push_str("</span></p></header>");
}

/// Appends `url`, escaped for an `href` (the front matter's URLs passed the link policy).
fn href(out: &mut String, url: &str) {
    let _ = pulldown_cmark_escape::escape_href(&mut *out, url);
}

/// The edition switcher: a link to every edition, named by its language's own name and marked
/// with its language, the current one `aria-current`. Visible, not behind a menu, so a reader
/// who does not read the UI's language still finds their own.
fn switcher(out: &mut String, editions: &Editions, article_lang: Option<&str>, chrome: &Chrome) {
    let own = article_lang.and_then(Lang::from_tag);
    out.push_str(concatcp!(r#"<nav class=""#, class::EDITIONS, r#"" lang=""#));
    out.push_str(chrome.lang.tag());
    out.push_str(r#"" aria-label=""#);
    esc(out, &chrome.labels.editions);
    out.push_str(r#""><ul>"#);
    for edition in editions.list() {
        let tag = edition.lang.tag();
        out.push_str(r#"<li><a href=""#);
        href(out, &edition.url);
        out.push_str(&format!(r#"" hreflang="{tag}" lang="{tag}" {}="{tag}""#, attr::DATA_EDITION));
        if Some(edition.lang) == own {
            out.push_str(r#" aria-current="true""#);
        }
        out.push('>');
        out.push_str(autonym(edition.lang));
        out.push_str("</a></li>");
    }
    out.push_str("</ul></nav>");
}

/// The links to the series' previous and next parts, each naming the part, its title, and its
/// language when that differs from the article's.
fn part_links(out: &mut String, series: &Series, chrome: &Chrome) {
    let part = series.part().get();
    let links = [
        ("previous", "prev", series.previous(), &chrome.labels.previous_part, part.saturating_sub(1).max(1)),
        ("next", "next", series.next(), &chrome.labels.next_part, part + 1),
    ];
    if links.iter().all(|(_, _, link, _, _)| link.is_none()) {
        return;
    }
    let own = chrome.article.meta.lang.as_deref().and_then(Lang::from_tag);
    out.push_str(concatcp!(r#"<nav class=""#, class::PARTS, r#"" lang=""#));
    out.push_str(chrome.lang.tag());
    out.push_str(r#"" aria-label=""#);
    esc(out, &chrome.labels.series_parts);
    out.push_str(r#""><ul>"#);
    for (which, rel, link, label, n) in links {
        let Some(PartLink { title, url, lang }) = link else { continue };
        out.push_str(concatcp!(r#"<li><a class=""#, class::PART_LINK, r#"" href=""#));
        href(out, url);
        out.push_str(&format!(r#"" rel="{rel}" {}="{which}""#, attr::DATA_PART));
        let other = lang.filter(|&lang| Some(lang) != own);
        if let Some(lang) = lang {
            out.push_str(&format!(r#" hreflang="{}""#, lang.tag()));
        }
        out.push_str(concatcp!(r#"><span class=""#, class::PART_LABEL, r#"">"#));
        esc(out, &label.replace("{n}", &n.to_string()));
        out.push_str(concatcp!(r#"</span> <span class=""#, class::PART_TITLE, r#"""#));
        if let Some(tag) = lang.map(Lang::tag).or(chrome.article.meta.lang.as_deref()) {
            out.push_str(r#" lang=""#);
            esc(out, tag);
            out.push('"');
        }
        out.push('>');
        esc(out, title);
        out.push_str("</span>");
        if let Some(lang) = other {
            out.push_str(concatcp!(r#" <span class=""#, class::PART_LANG, r#"">"#));
            esc(out, &chrome.labels.in_lang.replace("{lang}", chrome.labels.lang_name(lang)));
            out.push_str("</span>");
        }
        out.push_str("</a></li>");
    }
    out.push_str("</ul></nav>");
}

/// The offer of the reader's own language, hidden until the browser shell finds that the
/// reader's languages rank another edition above this one; it fills in the link's words (in
/// the reader's language) and address. Its rail has no height, so showing it moves nothing.
fn language_offer(out: &mut String, labels: &Labels) {
    out.push_str(concatcp!(
        r#"<div class=""#,
        class::OFFER_RAIL,
        r#""><div class=""#,
        class::OFFER,
        r#"" hidden><a class=""#,
        class::OFFER_GO,
        r#"" href=""></a>"#,
        action_button!(class::OFFER_DISMISS, action::DISMISS_OFFER),
        r#" aria-label=""#
    ));
    esc(out, &labels.dismiss);
    out.push_str(concatcp!(r#"">"#, GLYPH_END, "</div></div>"));
}

/// The navigation list: h3s nest under the h2 before them. The entries are the article's words,
/// so the list has the article's `lang`, while the navigation's name is the UI's.
fn outline(out: &mut String, sections: &[Section], article_lang: Option<&str>) {
    out.push_str("<ol");
    if let Some(tag) = article_lang {
        out.push_str(r#" lang=""#);
        esc(out, tag);
        out.push('"');
    }
    out.push('>');
    let (mut item_open, mut sublist_open) = (false, false);
    for section in sections {
        if section.level == 3 && item_open {
            out.push_str(if sublist_open { "</li>" } else { "<ol>" });
            sublist_open = true;
        } else {
            if sublist_open {
                out.push_str("</li></ol>");
                sublist_open = false;
            }
            if item_open {
                out.push_str("</li>");
            }
            item_open = true;
        }
        out.push_str(r##"<li><a href="#"##);
        esc(out, &section.id);
        out.push_str(concatcp!(r#"" "#, attr::DATA_SECTION, r#"=""#));
        esc(out, &section.id);
        out.push_str(r#"">"#);
        esc(out, &section.title);
        out.push_str("</a>");
    }
    if sublist_open {
        out.push_str("</li></ol>");
    }
    if item_open {
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render;

    fn page(markdown: &str) -> String {
        let article = render(markdown).unwrap();
        let labels = Labels::for_lang(Lang::En);
        markup(&Chrome {
            article: &article,
            labels: &labels,
            lang: Lang::En,
            theme: Theme::Sepia,
            step: FontStep::DEFAULT,
        })
    }

    #[test]
    fn metadata_is_escaped_into_the_masthead() {
        let html = page(
            "+++\ntitle = \"<img src=x onerror=alert(1)>\"\nauthor = \"A & B\"\ndate = \"2026-10-12\"\n+++\ntext\n",
        );
        assert!(html.contains(r#"<h1 class="title" tabindex="-1">&lt;img src=x onerror=alert(1)&gt;</h1>"#), "{html}");
        assert!(html.contains(r#"<span class="author">A &amp; B</span>"#));
        assert!(html.contains(r#"<time datetime="2026-10-12">October 12, 2026</time>"#));
        assert!(html.contains("1 min read"));
    }

    #[test]
    fn toolbar_has_five_named_steps_with_the_current_one_pressed() {
        let html = page("text");
        assert!(html.contains(r#"role="toolbar" aria-label="Text size""#));
        for n in 1..=5 {
            assert!(html.contains(&format!(r#"aria-label="Text size {n}" aria-pressed="{}""#, n == 3)), "{n}");
        }
        assert!(html.contains(r#"data-theme="sepia""#) && html.contains(r#"data-step="3""#));
    }

    #[test]
    fn reading_settings_are_radio_groups_named_for_what_they_set() {
        let html = page("text");
        let panel = &html[html.find(r#"<div class="settings""#).unwrap()..];
        let panel = &panel[..panel.find("</div>").unwrap()];
        assert!(html.contains(r#"aria-expanded="false" aria-controls="rw-settings""#));
        assert!(panel.contains(r#"role="group" aria-label="Reading settings" hidden"#));
        assert_eq!(panel.matches("<fieldset").count(), 4);
        for legend in ["Theme", "Line spacing", "Width", "Font"] {
            assert!(panel.contains(&format!("<legend>{legend}</legend>")), "{legend}");
        }
        assert_eq!(panel.matches(r#"type="radio" name="theme""#).count(), 4);
        assert_eq!(panel.matches(r#"name="line-spacing""#).count(), 3);
        assert_eq!(panel.matches(" checked").count(), 1, "the theme rendered (sepia) is the one checked");
        assert!(panel.contains(r#"value="sepia" checked>Sepia"#));
        assert!(panel.contains(r#"data-action="reset-settings">Reset</button>"#));
    }

    #[test]
    fn listen_is_hidden_until_script_and_its_controls_are_named() {
        let html = page("text");
        assert!(html.contains(concat!(
            r#"<button type="button" class="listen-toggle" data-action="listen" aria-pressed="false" hidden>"#,
            r#"<span class="icon" aria-hidden="true"></span><span class="label">Listen</span></button>"#
        )));
        let strip = &html[html.find(r#"<div class="listen""#).unwrap()..];
        let strip = &strip[..strip.find("</div>").unwrap()];
        assert!(strip.starts_with(r#"<div class="listen" role="group" aria-label="Read aloud" hidden>"#));
        assert_eq!(strip.matches("<button").count(), 7);
        for name in ["Previous paragraph", "Next paragraph", "Speed 1×", "Stop"] {
            assert!(strip.contains(&format!(r#"aria-label="{name}""#)), "{name}");
        }
        assert!(strip.contains(r#"data-label="Speed {rate}""#));
        assert!(strip.contains(r#"data-action="listen-pause" aria-pressed="false""#));
        // The article has no lang: it is read in the UI's, named in the status's words.
        assert!(strip.contains(r#"data-message="No voice for English on this device""#));
        let ko = markup(&Chrome {
            article: &crate::render("+++\nlang = \"ja\"\n+++\n本文。").unwrap(),
            labels: &Labels::for_lang(Lang::Ko),
            lang: Lang::Ko,
            theme: Theme::Auto,
            step: FontStep::DEFAULT,
        });
        assert!(
            ko.contains(r#"data-message="이 기기에는 일본어 음성이 없습니다""#),
            "the article's language, in the UI's"
        );
        assert!(ko.contains(r#"<span class="label">본문 듣기</span>"#));
    }

    #[test]
    fn h3s_nest_under_their_h2() {
        let html = page("### Orphan\n\n## A\n\n### A1\n\n### A2\n\n## B\n");
        let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
        assert!(nav.contains(
            r##"<ol><li><a href="#orphan" data-section="orphan">Orphan</a></li><li><a href="#a" data-section="a">A</a><ol><li><a href="#a1" data-section="a1">A1</a></li><li><a href="#a2" data-section="a2">A2</a></li></ol></li><li><a href="#b" data-section="b">B</a></li></ol>"##
        ), "{nav}");
    }

    #[test]
    fn a_long_article_comes_in_chunks_of_whole_blocks() {
        let paragraph = "Words in a paragraph of a long essay, and 한국어 too. ".repeat(20);
        let markdown: String = (0..400).map(|i| format!("## Part {i}\n\n{paragraph}\n\n")).collect();
        let article = render(&markdown).unwrap();
        assert!(article.html.len() > LONG_ARTICLE_BYTES);
        let html = page(&markdown);
        let body =
            &html[html.find(r#"<div class="body">"#).unwrap()..html.find(r#"<div class="end-sentinel""#).unwrap()];
        let chunks = body.matches(r#"<div class="chunk""#).count();
        assert!(chunks > 1 && chunks <= article.html.len() / CHUNK_BYTES + 1, "{chunks} chunks");
        for piece in body.split(r#"<div class="chunk""#).skip(1) {
            let inner = &piece[piece.find('>').unwrap() + 1..];
            let inner = inner.trim_start();
            assert!(
                inner.starts_with(r#"<div class="section-head"><h2"#) || inner.starts_with("<p>"),
                "{}",
                &inner[..40]
            );
        }
        let text: u64 = article.blocks.iter().map(|b| u64::from(b.text_width)).sum();
        let attributed: u64 =
            body.split(r#"data-text=""#).skip(1).map(|s| s[..s.find('"').unwrap()].parse::<u64>().unwrap()).sum();
        assert_eq!(attributed, text, "every block's text is counted in one chunk");
        // Unwrapped (chunks, and the section links around headings), the body is the article's
        // HTML, every byte of it in order.
        let body = without_section_links(body);
        let mut pieces = body.split(r#"<div class="chunk""#);
        let mut unwrapped = pieces.next().unwrap().to_owned();
        for piece in pieces {
            let inner = &piece[piece.find('>').unwrap() + 1..];
            unwrapped.push_str(inner.strip_suffix("</div>").expect("a chunk ends with its closing tag"));
        }
        let expected = format!(r#"<div class="body">{}</div>"#, article.html);
        let first_difference = unwrapped.bytes().zip(expected.bytes()).position(|(a, b)| a != b);
        assert!(
            unwrapped == expected,
            "lengths {} and {}, first difference at {first_difference:?}",
            unwrapped.len(),
            expected.len()
        );
    }

    /// `html` with the section links' wrappers and buttons taken out again.
    fn without_section_links(html: &str) -> String {
        let mut out = String::new();
        for (i, piece) in html.split(r#"<div class="section-head">"#).enumerate() {
            if i == 0 {
                out.push_str(piece);
                continue;
            }
            let button = piece.find(r#"<button type="button" class="section-link""#).expect("a section link");
            let after =
                piece[button..].find("</button></div>").expect("the wrapper's end") + button + "</button></div>".len();
            out.push_str(&piece[..button]);
            out.push_str(&piece[after..]);
        }
        out
    }

    #[test]
    fn every_h2_and_h3_gets_a_section_link_beside_it_not_inside_it() {
        let html = page("## One *two*\n\ntext `<h2 id=\"x\">` and </h2>\n\n### Three & four\n\n#### Five\n\n> ## Quoted\n\n- ### Listed\n\n[^n]\n\n[^n]: ## In a note\n");
        let article = render("## One *two*\n\ntext `<h2 id=\"x\">` and </h2>\n\n### Three & four\n\n#### Five\n\n> ## Quoted\n\n- ### Listed\n\n[^n]\n\n[^n]: ## In a note\n").unwrap();
        assert_eq!(html.matches(r#"class="section-link""#).count(), article.outline.len(), "{html}");
        assert_eq!(html.matches(r#"<div class="section-head">"#).count(), article.outline.len());
        assert!(html.contains(concat!(
            r#"<div class="section-head"><h2 id="one-two">One <em>two</em></h2>"#,
            r#"<button type="button" class="section-link" data-action="copy-link" data-section="one-two" aria-label="Copy link to section: One two">"#,
            r#"<span class="glyph" aria-hidden="true"></span></button></div>"#,
        )), "{html}");
        assert!(html.contains(r#"aria-label="Copy link to section: Three &amp; four""#), "{html}");
        assert!(html.contains("<h4 id=\"five\">Five</h4>\n<blockquote>"), "h4s have none: {html}");
        let body = &html[html.find(r#"<div class="body">"#).unwrap() + r#"<div class="body">"#.len()..];
        let body = &body[..body.find(r#"<div class="end-sentinel""#).unwrap()];
        assert_eq!(without_section_links(body), format!("{}</div>", article.html));
    }

    #[test]
    fn the_offer_to_continue_and_the_live_region_carry_their_words() {
        let html = page("+++\ntitle = \"T\"\ndate = \"2026-10-12\"\nlang = \"ko\"\n+++\n\n## A\n");
        assert!(html.contains(r#" data-article="T|2026-10-12""#), "{html}");
        assert!(html.contains(r#"<div class="resume" hidden><button type="button" class="resume-go" data-action="resume" data-label="Continue reading: {title}"></button>"#), "{html}");
        assert!(html.contains(r#"aria-label="Dismiss""#));
        assert!(html.contains(r#"<p class="status" role="status" data-message="Link copied"></p></div>"#), "{html}");
        assert!(!page("Untitled.").contains("data-article"), "an article without a title or canonical URL has no key");
    }

    #[test]
    fn the_navigation_lists_the_article_s_words_in_its_language() {
        let html = page("+++\nlang = \"ko\"\n+++\n\n## 방법\n");
        assert!(html.contains(r#"<nav class="toc" id="rw-sections" aria-label="Sections"><ol lang="ko">"#), "{html}");
        assert!(page("## A\n").contains(r#"aria-label="Sections"><ol><li>"#));
    }

    #[test]
    fn a_short_article_is_not_chunked() {
        assert!(!page("## A\n\nText.\n").contains("chunk"));
    }

    #[test]
    fn an_untitled_article_has_no_empty_h1() {
        let html = page("Just text.");
        assert!(!html.contains("<h1"), "{html}");
    }

    #[test]
    fn an_article_without_headings_has_no_navigation() {
        let html = page("Just one paragraph.");
        assert!(!html.contains("<nav") && !html.contains("nav-toggle"));
    }

    #[test]
    fn editions_series_and_translator_are_in_the_markup() {
        let html = page(concat!(
            "+++\ntitle = \"T\"\nlang = \"en\"\ntranslated_from = \"ja\"\ntranslator = \"T & T\"\n",
            "[editions]\nen = \"a.en.md\"\nko = \"a.ko.md\"\nja = \"a.ja.md\"\n",
            "[series]\ntitle = \"Looking Ahead\"\npart = 1\nparts = 2\nurl = \"https://example.org/s\"\n",
            "next = { title = \"Middle-power\", url = \"b.ja.md\", lang = \"ja\" }\n+++\n\n## A\n"
        ));
        assert!(html.contains(concat!(
            r#"<nav class="editions" lang="en" aria-label="Language editions"><ul>"#,
            r#"<li><a href="a.en.md" hreflang="en" lang="en" data-edition="en" aria-current="true">English</a></li>"#,
            r#"<li><a href="a.ko.md" hreflang="ko" lang="ko" data-edition="ko">한국어</a></li>"#,
            r#"<li><a href="a.ja.md" hreflang="ja" lang="ja" data-edition="ja">日本語</a></li></ul></nav>"#,
        )), "{html}");
        assert!(html.contains(r#"<p class="series-line"><a href="https://example.org/s">Looking Ahead</a> · <span class="series-part" lang="en">Part 1 of 2</span></p>"#), "{html}");
        assert!(
            html.contains(r#"<span class="translator" lang="en">Translated from Japanese by T &amp; T</span>"#),
            "{html}"
        );
        assert!(html.contains(concat!(
            r#"<a class="part-link" href="b.ja.md" rel="next" data-part="next" hreflang="ja">"#,
            r#"<span class="part-label">Next: Part 2</span> <span class="part-title" lang="ja">Middle-power</span> "#,
            r#"<span class="part-lang">in Japanese</span></a>"#
        )), "{html}");
        assert!(!html.contains("rel=\"prev\""), "no previous part, no link");
        assert!(html.contains(r#"<div class="offer" hidden>"#));
        let single = page("+++\nlang = \"en\"\n[editions]\nen = \"a.en.md\"\n+++\n");
        assert!(!single.contains("class=\"editions\"") && !single.contains("offer"), "one edition: no switcher");
    }
}
