//! The markup's names: every class, attribute, `data-action` value and id by which the widget's
//! markup, its stylesheet and its scripts find each other, and the version of that contract.
//!
//! The template ([`crate::template`]) writes these names, the wasm crate's DOM layer looks
//! elements up by them, and `src/style.css`, `src/element.js` and the embed entries that
//! `scripts/finish-pkg.mjs` writes select by them. Rust code uses the constants; CSS and JS cannot,
//! so `core/tests/markup_contract.rs` records the lists below in `core/tests/markup/names.json`
//! and `tests/e2e/markup-names.test.mjs` checks, with real CSS and JS parsers, that every class,
//! `data-*` attribute, action and id those files use is declared here.
//!
//! # The version
//!
//! A pre-rendered fragment can sit on a CDN for months while the module that hydrates it moves
//! on; the module takes over only markup whose `data-markup` equals its own [`MARKUP_VERSION`].
//! The version is the text of `core/src/markup-version.txt`, so that the JS build scripts read
//! the same value. It must change whenever the markup's skeleton does (its elements, their
//! classes and attribute names, in tree order): `core/tests/markup_contract.rs` reduces a fixture
//! article's markup to that skeleton, digests it and compares it with the `(version, digest)`
//! recorded in `core/tests/markup/skeleton.toml`. When the skeleton changes, the test fails until
//! the version is bumped and the pair re-recorded (`RECORD_MARKUP=1 cargo test -p
//! reading-widget-core --test markup_contract`), so a change can never ship under an old version.

/// The version of the markup's shape, written on its outermost element (`data-markup`): the
/// trimmed text of `core/src/markup-version.txt`.
pub const MARKUP_VERSION: &str = trimmed(include_str!("markup-version.txt"));

/// `text` without surrounding white space (the file's final newline), checked at compile time to
/// be a plain version: ASCII letters, digits, `.` and `-`, which need no escaping in HTML.
const fn trimmed(text: &str) -> &str {
    let mut bytes = text.as_bytes();
    while let [rest @ .., last] = bytes {
        if !last.is_ascii_whitespace() {
            break;
        }
        bytes = rest;
    }
    while let [first, rest @ ..] = bytes {
        if !first.is_ascii_whitespace() {
            break;
        }
        bytes = rest;
    }
    assert!(!bytes.is_empty(), "core/src/markup-version.txt is empty");
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        assert!(
            b.is_ascii_alphanumeric() || b == b'.' || b == b'-',
            "core/src/markup-version.txt may hold only ASCII letters, digits, . and -"
        );
        i += 1;
    }
    match std::str::from_utf8(bytes) {
        Ok(version) => version,
        Err(_) => panic!("core/src/markup-version.txt is not UTF-8"),
    }
}

/// The name of the page's highlight (`CSS.highlights`) of the sentence being read aloud, which
/// style.css styles with `::highlight()`; shared by every widget on the page.
pub const READING_HIGHLIGHT: &str = "rw-reading";

/// Declares each name as a constant, and `ALL`, the list of them for the contract's tests.
macro_rules! names {
    ($($(#[$doc:meta])* $name:ident = $value:literal,)*) => {
        $($(#[$doc])* pub const $name: &str = $value;)*
        /// Every name declared here, in order.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

/// Class names.
pub mod class {
    names! {
        /// The widget's outermost element: theme, text size and layout state live on it.
        FRAME = "rw",
        /// The marker of the widget's top, for the observer that shows "Back to top".
        TOP_SENTINEL = "top-sentinel",
        /// The sticky bar: the sections disclosure's button and the text-size toolbar.
        BAR = "bar",
        /// The bar's button that opens the sections on narrow layouts.
        NAV_TOGGLE = "nav-toggle",
        /// A glyph drawn by CSS beside a control's words.
        ICON = "icon",
        /// A control's words, hidden visually on the narrowest layouts.
        LABEL = "label",
        /// The text-size toolbar.
        SIZES = "sizes",
        /// "A−" and "A+".
        SIZE_NUDGE = "size-nudge",
        /// A glyph drawn by CSS in place of text (which would have to be in the accessible name).
        GLYPH = "glyph",
        /// One of the five text-size buttons.
        SIZE_STEP = "size-step",
        /// The zero-height rail the offer to continue reading hangs from.
        RESUME_RAIL = "resume-rail",
        /// The offer to continue reading.
        RESUME = "resume",
        /// The offer's button that goes to the section.
        RESUME_GO = "resume-go",
        /// The offer's button that turns it down.
        RESUME_DISMISS = "resume-dismiss",
        /// The navigation and the article, side by side when wide.
        LAYOUT = "layout",
        /// The `<details>` around the navigation: the sections disclosure where no script runs.
        TOC_DISCLOSURE = "toc-disclosure",
        /// That disclosure's `<summary>`.
        TOC_SUMMARY = "toc-summary",
        /// The navigation of the sections.
        TOC = "toc",
        /// The `<article>`.
        ARTICLE = "article",
        /// The title, series, byline and dateline.
        MASTHEAD = "masthead",
        /// The series label (front matter `subtitle`).
        SERIES = "series",
        /// The `<h1>`.
        TITLE = "title",
        /// Author and affiliation.
        BYLINE = "byline",
        /// The author's name.
        AUTHOR = "author",
        /// The author's affiliation.
        AFFILIATION = "affiliation",
        /// Date and reading time.
        DATELINE = "dateline",
        /// "N min read".
        READING_TIME = "reading-time",
        /// The article's body HTML.
        BODY = "body",
        /// One chunk of a long article's body.
        CHUNK = "chunk",
        /// An h2 or h3 with its section-link button.
        SECTION_HEAD = "section-head",
        /// The button that copies a link to a section.
        SECTION_LINK = "section-link",
        /// The copyright notice's footer.
        COLOPHON = "colophon",
        /// The copyright notice.
        COPYRIGHT = "copyright",
        /// The marker of the article's end, for "finished reading".
        END_SENTINEL = "end-sentinel",
        /// The zero-height rail "Back to top" hangs from.
        TO_TOP_RAIL = "to-top-rail",
        /// "Back to top".
        TO_TOP = "to-top",
        /// The polite live region ("Link copied").
        STATUS = "status",
        /// The message shown instead of a widget.
        LOAD_ERROR = "load-error",
        /// The box a table scrolls in (article.rs).
        TABLE_SCROLL = "table-scroll",
        /// A table column aligned left (article.rs; a strict style-src refuses style attributes).
        ALIGN_LEFT = "align-left",
        /// A table column centred.
        ALIGN_CENTER = "align-center",
        /// A table column aligned right.
        ALIGN_RIGHT = "align-right",
        /// A footnote (written by pulldown-cmark's HTML writer).
        FOOTNOTE_DEFINITION = "footnote-definition",
        /// A footnote's number (pulldown-cmark).
        FOOTNOTE_DEFINITION_LABEL = "footnote-definition-label",
        /// A reference to a footnote (pulldown-cmark).
        FOOTNOTE_REFERENCE = "footnote-reference",
        /// The list of the article's language editions, in the masthead.
        EDITIONS = "editions",
        /// The masthead's line naming the series and the part.
        SERIES_LINE = "series-line",
        /// "Part 1 of 2" in the series line.
        SERIES_PART = "series-part",
        /// The translator's credit in the byline.
        TRANSLATOR = "translator",
        /// The links to the series' previous and next parts, at the article's end.
        PARTS = "parts",
        /// One of those links.
        PART_LINK = "part-link",
        /// "Next: Part 2" in a part's link.
        PART_LABEL = "part-label",
        /// A linked part's title.
        PART_TITLE = "part-title",
        /// "in Japanese" after a part's title, when that part is linked in another language.
        PART_LANG = "part-lang",
        /// The zero-height rail of the offer of the reader's own language.
        OFFER_RAIL = "offer-rail",
        /// The offer itself, hidden until the browser shell finds the reader's language.
        OFFER = "offer",
        /// The offer's link to the other edition.
        OFFER_GO = "offer-go",
        /// The button that turns the offer down.
        OFFER_DISMISS = "offer-dismiss",
        /// The bar's button that opens the reading settings.
        SETTINGS_TOGGLE = "settings-toggle",
        /// The reading settings' panel, under the bar.
        SETTINGS = "settings",
        /// One setting's radio group in that panel.
        SETTING = "setting",
        /// The panel's button that puts every setting back.
        SETTINGS_RESET = "settings-reset",
        /// With `content="light"`: the light-DOM child of the host that holds the article,
        /// slotted into the layout, and the scope of the light stylesheet
        /// (`reading-widget-light.css`). It carries the frame's state attributes too.
        CONTENT = "rw-content",
        /// The bar's "Listen" button (hidden until the browser shell finds `speechSynthesis`).
        LISTEN_TOGGLE = "listen-toggle",
        /// The read-aloud controls, under the bar while listening.
        LISTEN = "listen",
        /// One of those controls.
        LISTEN_CONTROL = "listen-control",
        /// What reading aloud says of itself ("No voice for Korean on this device").
        LISTEN_STATUS = "listen-status",
    }
}

/// The widget's own attributes (`data-*`); the standard ones (`aria-*`, `hidden`, `lang` …) keep
/// their HTML meaning.
pub mod attr {
    names! {
        /// On the frame: the markup's version, [`super::MARKUP_VERSION`].
        DATA_MARKUP = "data-markup",
        /// On the frame: the colour theme's name.
        DATA_THEME = "data-theme",
        /// On the frame: the current text size; on a text-size button: the size it selects.
        DATA_STEP = "data-step",
        /// On the frame: whether the sections disclosure is open ([`super::nav`]).
        DATA_NAV = "data-nav",
        /// On the frame: the article's key for continuing to read.
        DATA_ARTICLE = "data-article",
        /// On the frame: the body comes in chunks.
        DATA_LONG = "data-long",
        /// On the frame: the module has taken the widget over (set by script).
        DATA_LIVE = "data-live",
        /// On a button: what it does ([`super::action`]).
        DATA_ACTION = "data-action",
        /// On a navigation entry and a section link: the section's id.
        DATA_SECTION = "data-section",
        /// On the offer to continue: its words, with `{title}`.
        DATA_LABEL = "data-label",
        /// On the live region: the words it says when a link is copied.
        DATA_MESSAGE = "data-message",
        /// On a chunk: the width of its text, in half-ems.
        DATA_TEXT = "data-text",
        /// On a chunk: its number of blocks.
        DATA_BLOCKS = "data-blocks",
        /// On the navigation, for a browser-rendered widget's first frames (set by script).
        DATA_PARTIAL = "data-partial",
        /// On a link to another edition: its language.
        DATA_EDITION = "data-edition",
        /// On a link to another part of the series: "previous" or "next".
        DATA_PART = "data-part",
        /// On a setting's radio group: the setting's name (`theme`, `line-spacing` …).
        DATA_SETTING = "data-setting",
        /// On the frame: the reader's line spacing (set by script).
        DATA_LINE_SPACING = "data-line-spacing",
        /// On the frame: the reader's measure (set by script).
        DATA_WIDTH = "data-width",
        /// On the frame: the reader's typeface (set by script).
        DATA_FONT = "data-font",
        /// On the read-aloud controls: their state ([`super::listen`]; set by script).
        DATA_LISTEN = "data-listen",
    }
}

/// Slot names: with `content="light"` the shadow root's `<slot>` shows only the host's child
/// that names it, not whatever else the partner left in the element.
pub mod slot {
    names! {
        /// Where the article goes in the layout.
        ARTICLE = "rw-article",
    }
}

/// The values of `data-action`: what a button does.
pub mod action {
    names! {
        /// Open or close the sections disclosure.
        TOGGLE_NAV = "toggle-nav",
        /// One text size smaller.
        DECREASE = "decrease",
        /// One text size larger.
        INCREASE = "increase",
        /// Back to the top.
        TOP = "top",
        /// Copy a link to the section in `data-section`.
        COPY_LINK = "copy-link",
        /// Continue reading where the reader left off.
        RESUME = "resume",
        /// Turn that offer down.
        DISMISS_RESUME = "dismiss-resume",
        /// Turn down the offer of the reader's own language.
        DISMISS_OFFER = "dismiss-offer",
        /// Open or close the reading settings.
        TOGGLE_SETTINGS = "toggle-settings",
        /// Put every reading setting back.
        RESET_SETTINGS = "reset-settings",
        /// Start reading aloud, or stop.
        LISTEN = "listen",
        /// Pause or resume reading aloud.
        LISTEN_PAUSE = "listen-pause",
        /// Read the previous paragraph.
        LISTEN_PREVIOUS = "listen-previous",
        /// Read the next paragraph.
        LISTEN_NEXT = "listen-next",
        /// The next speaking rate.
        LISTEN_SPEED = "listen-speed",
        /// Stop reading aloud.
        LISTEN_STOP = "listen-stop",
        /// Follow the sentence being read again.
        LISTEN_FOLLOW = "listen-follow",
        /// Go on reading aloud, in the edition now shown.
        LISTEN_CONTINUE = "listen-continue",
    }
}

/// The values of `data-listen` on the read-aloud controls, which decide which of them show.
pub mod listen {
    names! {
        /// Speaking.
        PLAYING = "playing",
        /// Paused.
        PAUSED = "paused",
        /// Saying there is no voice for the language.
        NO_VOICE = "no-voice",
        /// Offering to go on in the edition now shown.
        OFFER = "offer",
    }
}

/// The values of `data-nav`.
pub mod nav {
    names! {
        /// The sections disclosure is open.
        OPEN = "open",
        /// It is closed.
        CLOSED = "closed",
    }
}

/// Element ids. A shadow root is its own id scope, so these cannot clash with the page or with
/// another widget; the article's own ids are kept clear of them (`template::RESERVED_IDS`).
pub mod id {
    names! {
        /// The navigation, which the disclosure's button controls (`aria-controls`).
        NAV = "rw-sections",
        /// The reading settings' panel, which the bar's button controls.
        SETTINGS = "rw-settings",
    }
}
