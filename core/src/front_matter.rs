//! Article metadata, read from the TOML front matter between `+++` lines.

use crate::editions::{Edition, Editions, PartLink, Series};
use crate::link_policy::{self, Target};
use crate::quote::quoted;
use crate::settings::Lang;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::num::NonZeroU32;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, Expected, ParseError, Raw, Source, Span};

/// What the front matter says about an article. Every field is optional; unknown keys are ignored
/// so that partners can keep their own bookkeeping in the same block.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// A series label or subtitle, shown above the title.
    pub subtitle: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The author's institute or organisation.
    pub affiliation: Option<String>,
    /// When it was published.
    pub date: Option<Date>,
    /// The article's language tag as written (`ko`, `ja-JP`, …); it also picks the UI language
    /// when the partner does not.
    pub lang: Option<String>,
    /// The copyright line shown under the article.
    pub copyright: Option<String>,
    /// The article's one address (`<link rel="canonical">` of a pre-rendered page): an absolute
    /// http or https URL, checked by [`link_policy::absolute_http`].
    pub canonical: Option<String>,
    /// The language this edition was translated from (`translated_from`); `None` for the
    /// original.
    #[serde(skip)]
    pub translated_from: Option<Lang>,
    /// Who translated it, credited in the byline.
    pub translator: Option<String>,
    /// Every edition of the essay, this one included (`[editions]`).
    #[serde(skip)]
    pub editions: Option<Editions>,
    /// The series the essay belongs to (`[series]`).
    #[serde(skip)]
    pub series: Option<Series>,
}

/// A calendar date that exists, as front matter gives it (`2026-10-12`). The fields are private
/// so that every `Date` went through [`Date::new`]: the month names and the ISO form never meet
/// month 0 or 2026-02-30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists: a year from 0 to 9999 (four digits in `YYYY-MM-DD`), a month
    /// from 1 to 12 and a day from 1 to that month's last.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let date = Date { year, month, day };
        (year <= 9999 && (1..=12).contains(&month) && (1..=date.days_in_month()).contains(&day)).then_some(date)
    }

    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30).
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        // Checked before `parse`, which would also take a sign (`+202-10-12`).
        if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The year, 0 to 9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    fn days_in_month(&self) -> u8 {
        let leap = self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0);
        match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// The machine-readable form, for `<time datetime>`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A front-matter problem, located by its line in the whole Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the Markdown source.
    pub line: usize,
    /// What is wrong, without the location.
    pub message: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "front matter, line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FrontMatterError {}

/// The keys that are fields, in the order of [`Meta`]'s fields.
const KEYS: [&str; 10] = [
    "title",
    "subtitle",
    "author",
    "affiliation",
    "date",
    "lang",
    "copyright",
    "canonical",
    "translated_from",
    "translator",
];
/// The tables whose entries are read ([`Reader::entries`]).
const TABLES: [&str; 2] = ["editions", "series"];
/// `date`'s place in [`KEYS`].
const DATE: usize = 4;

/// How deep arrays and inline tables may nest. toml_parser's parser recurses into each one, so an
/// unbounded line of `[[[[…` could exhaust the stack; 80 is toml's own limit.
const NESTING_LIMIT: usize = 80;

/// Parses the TOML of a front-matter block whose first line is line `first_line` of the file.
///
/// Read from toml_parser's events rather than a document tree or serde: the fields are all simple
/// keys of the root table, so nothing else needs keeping, every problem can name its own line, and
/// the widget's module stays free of the tree and serde's deserializer. The whole
/// block is still checked as TOML, except for conflicts among tables (`[a]` twice, a key repeated
/// inside a table), which only a document tree would show and which cannot change a field.
pub fn parse(toml_text: &str, first_line: usize) -> Result<Meta, FrontMatterError> {
    let line_of = |offset: usize| {
        first_line + toml_text.as_bytes()[..offset.min(toml_text.len())].iter().filter(|&&b| b == b'\n').count()
    };
    let source = Source::new(toml_text);
    let tokens = source.lex().into_vec();
    let mut reader = Reader::new(source);
    let mut first_error: Option<ParseError> = None;
    toml_parser::parser::parse_document(&tokens, &mut reader, &mut first_error);
    if let Some(error) = first_error {
        return Err(FrontMatterError {
            line: error.unexpected().or(error.context()).map_or(first_line, |span| line_of(span.start())),
            message: describe(&error, toml_text),
        });
    }

    let refuse = |span: Span, message: String| FrontMatterError { line: line_of(span.start()), message };
    // A text field: a string, trimmed, with blank meaning absent.
    let text = |key: &str, field: Option<Field<'_>>| -> Result<Option<String>, FrontMatterError> {
        let Some(Field { span, value }) = field else { return Ok(None) };
        match value {
            Value::Scalar(ScalarKind::String, s) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
            other => Err(refuse(span, format!("`{key}` must be a string, not {}", other.kind()))),
        }
    };
    let [title, subtitle, author, affiliation, date, lang, copyright, canonical, translated_from, translator] =
        reader.fields;
    let entries = std::mem::take(&mut reader.entries);
    let date = match date {
        None => None,
        Some(Field { span, value }) => {
            // TOML lets authors write the date bare (`date = 2026-10-12`) or quoted.
            let date = match &value {
                Value::Scalar(ScalarKind::String | ScalarKind::DateTime, text) => Date::parse(text),
                _ => None,
            };
            Some(date.ok_or_else(|| {
                let given = match &value {
                    Value::Scalar(ScalarKind::String, text) => quoted(text),
                    // Bare, it is shown as written: quotes would suggest it had been a string.
                    Value::Scalar(ScalarKind::DateTime, text) => text.to_string(),
                    other => other.kind().to_owned(),
                };
                refuse(span, format!("`date` must be a calendar date written YYYY-MM-DD, not {given}"))
            })?)
        }
    };
    let canonical_span = canonical.as_ref().map(|field| field.span);
    let canonical = match (text("canonical", canonical)?, canonical_span) {
        (Some(url), Some(span)) => Some(link_policy::absolute_http(&url).ok_or_else(|| {
            refuse(
                span,
                format!(
                    "`canonical` must be an absolute http or https URL, such as \"https://example.org/essays/14\", not {}",
                    quoted(&url)
                ),
            )
        })?),
        _ => None,
    };
    let lang_span = lang.as_ref().map(|field| field.span);
    let lang = text("lang", lang)?;
    let from_span = translated_from.as_ref().map(|field| field.span);
    let translated_from = match (text("translated_from", translated_from)?, from_span) {
        (Some(tag), Some(span)) => Some(language("translated_from", &tag).map_err(|message| refuse(span, message))?),
        _ => None,
    };
    let own = match (&lang, lang_span) {
        (Some(tag), Some(span)) => Some((Lang::from_tag(tag), span)),
        _ => None,
    };
    let (editions, series) = tables(&entries, own, &refuse)?;
    Ok(Meta {
        title: text("title", title)?,
        subtitle: text("subtitle", subtitle)?,
        author: text("author", author)?,
        affiliation: text("affiliation", affiliation)?,
        date,
        lang,
        copyright: text("copyright", copyright)?,
        canonical,
        translated_from,
        translator: text("translator", translator)?,
        editions,
        series,
    })
}

/// A language tag that must name one of the widget's languages.
fn language(key: &str, tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("`{key}` must be {}, not {}", Lang::EXPECTED, quoted(tag)))
}

/// A value under `[editions]` or `[series]`: its path below the root (`["series", "next",
/// "url"]`), where it is and what it is.
struct Entry<'s> {
    path: Vec<String>,
    span: Span,
    value: Value<'s>,
}

/// Reads `[editions]` and `[series]` from their entries. `own` is the article's `lang`, if
/// given, and where.
fn tables(
    entries: &[Entry<'_>],
    own: Option<(Option<Lang>, Span)>,
    refuse: &impl Fn(Span, String) -> FrontMatterError,
) -> Result<(Option<Editions>, Option<Series>), FrontMatterError> {
    let mut seen: HashSet<&[String]> = HashSet::new();
    for entry in entries {
        if !seen.insert(&entry.path) {
            return Err(refuse(
                entry.span,
                format!("duplicate key `{}`; a key can be given only once", entry.path.join(".")),
            ));
        }
    }
    let string = |entry: &Entry<'_>| -> Result<String, FrontMatterError> {
        match &entry.value {
            Value::Scalar(ScalarKind::String, text) if !text.trim().is_empty() => Ok(text.trim().to_owned()),
            other => Err(refuse(
                entry.span,
                format!("`{}` must be a non-empty string, not {}", entry.path.join("."), other.kind()),
            )),
        }
    };
    let url = |entry: &Entry<'_>| -> Result<String, FrontMatterError> {
        let written = string(entry)?;
        article_url(&written).ok_or_else(|| {
            refuse(
                entry.span,
                format!(
                    "`{}` must be an http or https URL, absolute or relative to this article (such as \"essay.ko.md\"), not {}",
                    entry.path.join("."),
                    quoted(&written)
                ),
            )
        })
    };
    let under = |table: &'static str| entries.iter().filter(move |entry| entry.path[0] == table);

    let mut editions = None;
    if let Some(table) = entries.iter().find(|entry| entry.path[0] == "editions") {
        let mut list = Vec::new();
        for entry in under("editions") {
            let key = entry.path.get(1).map_or("", String::as_str);
            let lang = match (entry.path.len(), Lang::from_tag(key)) {
                (2, Some(lang)) if lang.tag() == key => lang,
                (1, _) if matches!(entry.value, Value::Table) => continue,
                (1, _) => {
                    let message =
                        format!("`editions` must be a table of languages and URLs, not {}", entry.value.kind());
                    return Err(refuse(entry.span, message));
                }
                _ => {
                    let message = format!(
                        "`editions` has {}, expected one of `en`, `ko`, `ja`",
                        key_name(&entry.path[1..].join("."))
                    );
                    return Err(refuse(entry.span, message));
                }
            };
            list.push(Edition { lang, url: url(entry)? });
        }
        let own = match own {
            Some((Some(own), _)) => own,
            Some((None, span)) => {
                return Err(refuse(span, format!("`lang` must be {} when `editions` is given", Lang::EXPECTED)));
            }
            None => return Err(refuse(table.span, "`editions` needs the article's own `lang`".to_owned())),
        };
        editions = Some(Editions::new(list, own).ok_or_else(|| {
            refuse(table.span, format!("`editions` must include the article's own language, `{}`", own.tag()))
        })?);
    }

    let mut series = None;
    if let Some(table) = entries.iter().find(|entry| entry.path[0] == "series") {
        let (mut title, mut part, mut parts, mut series_url) = (None, None, None, None);
        let mut links: [LinkParts; 2] = Default::default();
        for entry in under("series") {
            let name = entry.path[1..].join(".");
            let number = |entry: &Entry<'_>| -> Result<NonZeroU32, FrontMatterError> {
                match &entry.value {
                    Value::Scalar(ScalarKind::Integer(_), text) => text
                        .replace('_', "")
                        .parse::<NonZeroU32>()
                        .map_err(|_| refuse(entry.span, format!("`series.{name}` must be 1 or more, not {text}"))),
                    other => {
                        Err(refuse(entry.span, format!("`series.{name}` must be an integer, not {}", other.kind())))
                    }
                }
            };
            match name.as_str() {
                "title" => title = Some(string(entry)?),
                "part" => part = Some((number(entry)?, entry.span)),
                "parts" => parts = Some((number(entry)?, entry.span)),
                "url" => series_url = Some(url(entry)?),
                "previous" | "next" => {
                    if !matches!(entry.value, Value::Table) {
                        let message = format!(
                            "`series.{name}` must be a table such as {{ title = \"…\", url = \"…\" }}, not {}",
                            entry.value.kind()
                        );
                        return Err(refuse(entry.span, message));
                    }
                    links[usize::from(name == "next")].3 = Some(entry.span);
                }
                "previous.title" | "next.title" => {
                    links[usize::from(name.starts_with("next"))].0 = Some(string(entry)?)
                }
                "previous.url" | "next.url" => links[usize::from(name.starts_with("next"))].1 = Some(url(entry)?),
                "previous.lang" | "next.lang" => {
                    let tag = string(entry)?;
                    let lang =
                        language(&format!("series.{name}"), &tag).map_err(|message| refuse(entry.span, message))?;
                    links[usize::from(name.starts_with("next"))].2 = Some(lang);
                }
                "" if matches!(entry.value, Value::Table) => {}
                "" => {
                    let message = format!("`series` must be a table, not {}", entry.value.kind());
                    return Err(refuse(entry.span, message));
                }
                _ => {
                    let message = format!(
                        "`series` has {}, expected `title`, `part`, `parts`, `url`, `previous` or `next`",
                        key_name(&name)
                    );
                    return Err(refuse(entry.span, message));
                }
            }
        }
        let title = title.ok_or_else(|| refuse(table.span, "`series` needs a `title`".to_owned()))?;
        let (part, part_span) =
            part.ok_or_else(|| refuse(table.span, "`series` needs a `part`, 1 or more".to_owned()))?;
        if let Some((parts, _)) = parts {
            if parts < part {
                let message = format!("`series.part` must be at most `series.parts` ({parts}), not {part}");
                return Err(refuse(part_span, message));
            }
        }
        let [previous, next] = links;
        let link = |(title, url, lang, span): (Option<String>, Option<String>, Option<Lang>, Option<Span>),
                    name: &str| {
            match (title, url, span) {
                (Some(title), Some(url), _) => Ok(Some(PartLink { title, url, lang })),
                (None, None, None) => Ok(None),
                (_, _, span) => {
                    Err(refuse(span.unwrap_or(table.span), format!("`series.{name}` needs both a `title` and a `url`")))
                }
            }
        };
        let previous = link(previous, "previous")?;
        let next = link(next, "next")?;
        series = Series::new(title, part, parts.map(|(parts, _)| parts), series_url, previous, next);
    }
    Ok((editions, series))
}

/// What `series.previous` or `series.next` is given so far: title, url, lang, and where the
/// table is.
type LinkParts = (Option<String>, Option<String>, Option<Lang>, Option<Span>);

/// An edition's or a part's URL as the link policy allows it: absolute http(s), or relative
/// (resolved later against the article's own URL).
fn article_url(written: &str) -> Option<String> {
    match link_policy::check(written)? {
        (cleaned, Target::Relative) => Some(cleaned),
        (_, Target::External) => link_policy::absolute_http(written),
        _ => None,
    }
}

/// A field's value as the front matter gives it, and where.
struct Field<'s> {
    span: Span,
    value: Value<'s>,
}

/// A field's value: a scalar with its decoded text, or only which kind of composite it is, since a
/// composite is never a valid field and its contents are not needed.
enum Value<'s> {
    Scalar(ScalarKind, Cow<'s, str>),
    Array,
    Table,
}

impl Value<'_> {
    /// The value's TOML type with its article, for messages: "an integer", "a table".
    fn kind(&self) -> &'static str {
        match self {
            Value::Scalar(ScalarKind::String, _) => "a string",
            Value::Scalar(ScalarKind::Boolean(_), _) => "a boolean",
            Value::Scalar(ScalarKind::DateTime, _) => "a date-time",
            Value::Scalar(ScalarKind::Float, _) => "a float",
            Value::Scalar(ScalarKind::Integer(_), _) => "an integer",
            Value::Array => "an array",
            Value::Table => "a table",
        }
    }
}

/// How a root name is used.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Name {
    /// `name = …`
    Value,
    /// `name.x = …`, `[name]`, `[name.x]`, `[[name.x]]`, or, as an array of tables, `[[name]]`.
    Table { is_array: bool },
}

/// Picks the fields out of toml_parser's events: the values of the root table's simple keys.
///
/// Every key and scalar is decoded on the way, wherever it is, because toml_parser validates
/// lazily: a bad escape, number or date-time in an ignored key is found only by decoding it.
///
/// Duplicates are checked among the root's own names only: a name given a value twice, or given a
/// value and also used as a table (`name.x = …`, `[name]`, `[[name]]`). Conflicts among tables
/// (`[a]` twice, `[a]` after `a.b = 1`, a key repeated inside a table or an inline table) go
/// undetected: telling those apart takes the whole document tree, which is what this reader keeps
/// out of the module, and none of them can change a field.
struct Reader<'s> {
    source: Source<'s>,
    /// How many arrays and inline tables the parser is inside.
    depth: usize,
    /// Between the brackets of a `[table]` or `[[array]]` header.
    in_header: bool,
    /// The header is an `[[array]]` one.
    in_array_header: bool,
    /// Past the first header: from there on every key belongs to a table, never to the root.
    in_table: bool,
    /// The first part of the root key or header being read.
    key: Option<(Cow<'s, str>, Span)>,
    /// The key being read has more than one part (`a.b`).
    dotted: bool,
    /// A `.` was just read, so the next key part continues the key.
    continues: bool,
    /// The field whose value comes next, by its place in [`KEYS`].
    pending: Option<usize>,
    /// Root names given a value (`name = …`).
    values: HashSet<String>,
    /// Root names used as tables (`name.x = …`, `[name]`, `[[name]]`).
    tables: HashSet<String>,
    /// What each of [`KEYS`] is given.
    fields: [Option<Field<'s>>; 10],
    /// The parts of the key being read, at any depth (`series`, `next`, `url`).
    parts: Vec<(String, Span)>,
    /// A `.` was just read, at any depth.
    parts_continue: bool,
    /// The table the current `[header]` names; `None` inside an `[[array]]` one, whose entries
    /// are never read.
    table: Option<Vec<String>>,
    /// For each open array or inline table, the path its keys are under (`None` inside arrays).
    inside: Vec<Option<Vec<String>>>,
    /// The path the coming value is given to, and where its key is.
    pending_path: Option<(Vec<String>, Span)>,
    /// The values given under [`TABLES`], and the inline tables and arrays there.
    entries: Vec<Entry<'s>>,
}

impl<'s> Reader<'s> {
    fn new(source: Source<'s>) -> Self {
        Reader {
            source,
            depth: 0,
            in_header: false,
            in_array_header: false,
            in_table: false,
            key: None,
            dotted: false,
            continues: false,
            pending: None,
            values: HashSet::new(),
            tables: HashSet::new(),
            fields: Default::default(),
            parts: Vec::new(),
            parts_continue: false,
            table: Some(Vec::new()),
            inside: Vec::new(),
            pending_path: None,
            entries: Vec::new(),
        }
    }

    /// Notes what a path under [`TABLES`] is given.
    fn entry(&mut self, path: Vec<String>, span: Span, value: Value<'s>) {
        if path.first().is_some_and(|root| TABLES.contains(&root.as_str())) {
            self.entries.push(Entry { path, span, value });
        }
    }

    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'s> {
        let text = self.source.input().get(span.start()..span.end()).unwrap_or_default();
        Raw::new_unchecked(text, encoding, span)
    }

    /// Notes a root name, given a value or used as a table, refusing one that TOML would refuse.
    fn root_name(&mut self, name: Cow<'s, str>, span: Span, used: Name, error: &mut dyn ErrorSink) {
        let is_value = used == Name::Value;
        if self.values.contains(&*name) || (is_value && self.tables.contains(&*name)) {
            let message = format!("duplicate key {}; a key can be given only once", key_name(&name));
            // The key as context, not as what was unexpected: the message already names it.
            error.report_error(ParseError::new(message).with_context(span));
        } else if is_value {
            self.values.insert(name.into_owned());
        } else if !self.tables.contains(&*name) {
            // A field made a table (`title.x = …`, `[title]`) is never set, but it is not ignored
            // either: it is what the field was given, and refused as such.
            if let Some(field) = KEYS.iter().position(|key| *key == name) {
                let value = if used == (Name::Table { is_array: true }) { Value::Array } else { Value::Table };
                self.fields[field] = Some(Field { span, value });
            }
            self.tables.insert(name.into_owned());
        }
    }

    fn open_header(&mut self, is_array: bool) {
        self.parts.clear();
        self.parts_continue = false;
        self.in_header = true;
        self.in_array_header = is_array;
        self.in_table = true;
        self.key = None;
        self.pending = None;
        self.continues = false;
    }

    /// A header closes: its first part names a root table, or, alone in `[[name]]`, an array.
    fn close_header(&mut self, error: &mut dyn ErrorSink) {
        self.in_header = false;
        let parts = std::mem::take(&mut self.parts);
        self.table = (!self.in_array_header).then(|| parts.into_iter().map(|(part, _)| part).collect());
        if let Some((name, span)) = self.key.take() {
            let dotted = std::mem::take(&mut self.dotted);
            self.root_name(name, span, Name::Table { is_array: self.in_array_header && !dotted }, error);
        }
    }

    /// An array or inline table opens; at the root, it may be what a field is given. Whether the
    /// parser may go in, which it may not past [`NESTING_LIMIT`].
    fn open(&mut self, span: Span, value: Value<'s>, error: &mut dyn ErrorSink) -> bool {
        let path = self.pending_path.take().map(|(path, _)| path);
        let keys_under = match (&path, &value) {
            (Some(path), Value::Table) => Some(path.clone()),
            _ => None,
        };
        if let Some(path) = path {
            let kind = if matches!(value, Value::Table) { Value::Table } else { Value::Array };
            self.entry(path, span, kind);
        }
        self.inside.push(keys_under);
        if self.depth == 0 {
            if let Some(field) = self.pending.take() {
                self.fields[field] = Some(Field { span, value });
            }
        }
        // Counted even when refused: the parser then skips to the matching close and still
        // reports it, so opens and closes keep pairing up.
        self.depth += 1;
        if self.depth > NESTING_LIMIT {
            let message =
                format!("arrays and inline tables nested too deeply, expected at most {NESTING_LIMIT} levels");
            error.report_error(ParseError::new(message).with_unexpected(span));
            return false;
        }
        true
    }

    fn close(&mut self) {
        // Saturating: after some syntax errors opens and closes need not pair up, and those errors
        // are reported anyway.
        self.depth = self.depth.saturating_sub(1);
        self.inside.pop();
    }
}

impl EventReceiver for Reader<'_> {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(false);
    }
    fn std_table_close(&mut self, _span: Span, error: &mut dyn ErrorSink) {
        self.close_header(error);
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(true);
    }
    fn array_table_close(&mut self, _span: Span, error: &mut dyn ErrorSink) {
        self.close_header(error);
    }
    fn inline_table_open(&mut self, span: Span, error: &mut dyn ErrorSink) -> bool {
        self.open(span, Value::Table, error)
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close();
    }
    fn array_open(&mut self, span: Span, error: &mut dyn ErrorSink) -> bool {
        self.open(span, Value::Array, error)
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close();
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        // Bare and quoted keys alike decode to the name (`title`, `"title"`, `'title'`).
        let mut name = Cow::Borrowed("");
        self.raw(span, encoding).decode_key(&mut name, error);
        if !std::mem::take(&mut self.parts_continue) {
            self.parts.clear();
        }
        self.parts.push((name.to_string(), span));
        if self.depth > 0 {
            return;
        }
        if std::mem::take(&mut self.continues) {
            self.dotted = true;
        } else if self.in_header || !self.in_table {
            self.key = Some((name, span));
            self.dotted = false;
        }
    }
    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.parts_continue = true;
        if self.depth == 0 {
            self.continues = true;
        }
    }
    fn key_val_sep(&mut self, _span: Span, error: &mut dyn ErrorSink) {
        let parts = std::mem::take(&mut self.parts);
        let base = if self.depth == 0 { self.table.clone() } else { self.inside.last().cloned().flatten() };
        self.pending_path = base.zip(parts.first().map(|(_, span)| *span)).map(|(mut path, span)| {
            path.extend(parts.into_iter().map(|(part, _)| part));
            (path, span)
        });
        if self.depth > 0 {
            return;
        }
        if let Some((name, span)) = self.key.take() {
            let dotted = std::mem::take(&mut self.dotted);
            self.pending = if dotted { None } else { KEYS.iter().position(|key| *key == name) };
            let used = if dotted { Name::Table { is_array: false } } else { Name::Value };
            self.root_name(name, span, used, error);
        }
    }
    fn comment(&mut self, span: Span, error: &mut dyn ErrorSink) {
        // The lexer lets control characters through; the decoder is what refuses them.
        self.raw(span, None).decode_comment(error);
    }
    fn newline(&mut self, span: Span, error: &mut dyn ErrorSink) {
        // A lone carriage return is lexed as a newline; the decoder is what refuses it.
        self.raw(span, None).decode_newline(error);
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        if span.is_empty() {
            // The parser stands an empty scalar in for a missing value, which decoding would call
            // an unquoted string; reported first, this says what is actually wrong.
            error.report_error(ParseError::new("expected a value").with_unexpected(span));
        }
        let mut text = Cow::Borrowed("");
        let kind = self.raw(span, encoding).decode_scalar(&mut text, error);
        let field = if self.depth == 0 { self.pending.take() } else { None };
        if let Some((path, _)) = self.pending_path.take() {
            self.entry(path, span, Value::Scalar(kind, text.clone()));
        }
        // toml_parser takes anything that starts like a date for one; the `date` field checks its
        // own, with a message that says what it must be.
        if kind == ScalarKind::DateTime && field != Some(DATE) && text.parse::<toml_datetime::Datetime>().is_err() {
            error.report_error(ParseError::new("invalid date-time").with_expected(&DATE_TIMES).with_unexpected(span));
        }
        if let Some(field) = field {
            self.fields[field] = Some(Field { span, value: Value::Scalar(kind, text) });
        }
    }
}

/// What a TOML date-time may be, for the message when one is not.
static DATE_TIMES: [Expected; 3] = [
    Expected::Description("a date such as 1979-05-27"),
    Expected::Description("a time such as 07:32:00"),
    Expected::Description("both, such as 1979-05-27T07:32:00+09:00"),
];

/// A parse error as a sentence: what is wrong, what TOML allows there and what it found, such as
/// "invalid literal string, expected `'`, found the end of the line".
fn describe(error: &ParseError, text: &str) -> String {
    let mut message = error.description().to_owned();
    if let Some(expected) = error.expected().filter(|expected| !expected.is_empty()) {
        message.push_str(", expected ");
        for (i, item) in expected.iter().enumerate() {
            if i > 0 {
                message.push_str(if i + 1 == expected.len() { " or " } else { ", " });
            }
            match item {
                Expected::Literal("\n") => message.push_str("a newline"),
                Expected::Literal(literal) if !literal.chars().any(|c| c == '`' || c.is_control()) => {
                    message.push('`');
                    message.push_str(literal);
                    message.push('`');
                }
                Expected::Literal(literal) => message.push_str(&quoted(literal)),
                Expected::Description(description) => message.push_str(description),
                // `Expected` is non-exhaustive; a future kind is still something expected.
                _ => message.push_str("something else"),
            }
        }
    }
    if let Some(span) = error.unexpected() {
        message.push_str(", found ");
        message.push_str(&found(text, span));
    }
    message
}

/// What an error's span covers, for "found …": its text, shortened, or for an empty span (a
/// position) what comes next.
fn found(text: &str, span: Span) -> String {
    /// Enough to recognise the spot without echoing a whole line.
    const SHOWN: usize = 40;
    match text.get(span.start()..span.end()).filter(|covered| !covered.is_empty()) {
        Some(covered) => match covered.char_indices().nth(SHOWN) {
            Some((end, _)) => {
                let mut shown = quoted(&covered[..end]);
                shown.insert(shown.len() - 1, '…');
                shown
            }
            None => quoted(covered),
        },
        None => match text.get(span.start()..).and_then(|rest| rest.chars().next()) {
            None => "the end of the front matter".to_owned(),
            Some('\n' | '\r') => "the end of the line".to_owned(),
            Some('#') => "a comment".to_owned(),
            Some(next) => quoted(next.encode_utf8(&mut [0; 4])),
        },
    }
}

/// A key for a message: in backticks when TOML allows it bare, quoted otherwise.
fn key_name(name: &str) -> String {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        format!("`{name}`")
    } else {
        quoted(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_ignores_unknown_ones() {
        let meta = parse(
            "title = \"T\"\nsubtitle = \"S\"\nauthor = \"A\"\naffiliation = \"Aff\"\ndate = \"2026-10-12\"\nlang = \"ko\"\ncopyright = \"© C\"\ncanonical = \"https://example.org/a\"\ntags = [\"x\"]\n",
            2,
        )
        .unwrap();
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.subtitle.as_deref(), Some("S"));
        assert_eq!(meta.author.as_deref(), Some("A"));
        assert_eq!(meta.affiliation.as_deref(), Some("Aff"));
        assert_eq!(meta.date, Date::new(2026, 10, 12));
        assert_eq!(meta.lang.as_deref(), Some("ko"));
        assert_eq!(meta.copyright.as_deref(), Some("© C"));
        assert_eq!(meta.canonical.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn canonical_must_be_an_absolute_http_url_and_errors_name_its_line() {
        let meta = parse("canonical = \" HTTPS://Example.org/essays/14?x=1#top \"\n", 2).unwrap();
        assert_eq!(meta.canonical.as_deref(), Some("HTTPS://Example.org/essays/14?x=1#top"));
        assert_eq!(parse("canonical = \"  \"", 2).unwrap().canonical, None);
        for bad in [
            "javascript:alert(1)",
            "java\\tscript:alert(1)",
            "data:text/html,x",
            "/essays/14",
            "essays/14",
            "//example.org/essays/14",
            "#top",
            "mailto:desk@example.org",
            "ftp://example.org",
            "https://",
            "https:example.org",
            "https:///path",
        ] {
            let err = parse(&format!("title = \"T\"\n\ncanonical = \"{bad}\"\n"), 2).unwrap_err();
            assert_eq!(err.line, 4, "{bad:?}: {err}");
            assert!(err.message.contains("absolute http or https URL"), "{bad:?}: {err}");
        }
        let err = parse("canonical = 5\n", 2).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }

    #[test]
    fn bare_toml_dates_are_accepted() {
        assert_eq!(KEYS[DATE], "date");
        let meta = parse("date = 2024-02-29\n", 2).unwrap();
        assert_eq!(meta.date.unwrap().iso(), "2024-02-29");
    }

    #[test]
    fn syntax_errors_name_the_line_in_the_file() {
        let err = parse("title = \"ok\"\nauthor = oops\n", 2).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.to_string().starts_with("front matter, line 3:"), "{err}");
    }

    #[test]
    fn wrong_types_and_impossible_dates_name_their_line() {
        let err = parse("title = 5\n", 2).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = parse("title = \"x\"\n\ndate = \"2026-02-30\"\n", 2).unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(err.message.contains("YYYY-MM-DD"), "{err}");
        assert!(parse("date = \"12/10/2026\"", 2).is_err());
        assert!(parse("date = 2026-10-12T10:00:00Z", 2).is_err());
    }

    #[test]
    fn blank_values_count_as_missing() {
        assert_eq!(parse("title = \"  \"", 2).unwrap().title, None);
    }
    #[test]
    fn only_simple_keys_of_the_root_table_are_fields() {
        for toml in [
            "extra = { title = \"a\" }\n",
            "extra = [{ title = \"a\" }]\n",
            "extra.title = \"a\"\n",
            "[t]\ntitle = \"a\"\n",
            "[[t]]\ntitle = \"a\"\n",
            "[t.u]\n\"title\" = \"a\"\n",
            "[t.title]\nx = \"a\"\n",
        ] {
            assert_eq!(parse(toml, 2), Ok(Meta::default()), "{toml:?}");
        }
        // A field's name used as a table does not set the field: it gives it a table, refused.
        for (toml, line, message) in [
            ("x = 1\ntitle.x = \"a\"\n", 3, "`title` must be a string, not a table"),
            ("x = 1\n\"author\".x.y = \"a\"\n", 3, "`author` must be a string, not a table"),
            ("[extra]\n[lang]\nx = \"a\"\n", 3, "`lang` must be a string, not a table"),
            ("[[date]]\n", 2, "`date` must be a calendar date written YYYY-MM-DD, not an array"),
            ("[canonical.x]\n", 2, "`canonical` must be a string, not a table"),
            ("[[title.x]]\n", 2, "`title` must be a string, not a table"),
        ] {
            let err = parse(toml, 2).unwrap_err();
            assert_eq!((err.line, err.message.as_str()), (line, message), "{toml:?}");
        }
        // A field before the first table still counts; quoted keys name the same field as bare ones.
        let meta = parse("'title' = \"T\"\n\"author\" = \"A\"\n[extra]\ntitle = \"not this\"\n", 2).unwrap();
        assert_eq!((meta.title.as_deref(), meta.author.as_deref()), (Some("T"), Some("A")));
    }

    #[test]
    fn a_root_key_given_twice_is_refused_at_its_second_line() {
        for (toml, line, key) in [
            ("title = \"a\"\n\ntitle = \"b\"\n", 4, "`title`"),
            ("title = \"a\"\n'title' = \"b\"\n", 3, "`title`"),
            ("tags = [1]\ntags = [2]\n", 3, "`tags`"),
            ("extra = 1\nextra.x = 2\n", 3, "`extra`"),
            ("extra.x = 1\nextra = 2\n", 3, "`extra`"),
            ("title = \"a\"\n[title]\n", 3, "`title`"),
            ("extra = {}\n[[extra]]\n", 3, "`extra`"),
            ("\"a b\" = 1\n\"a b\" = 2\n", 3, "\"a b\""),
        ] {
            let err = parse(toml, 2).unwrap_err();
            assert_eq!(err.line, line, "{toml:?}: {err}");
            assert_eq!(err.message, format!("duplicate key {key}; a key can be given only once"), "{toml:?}");
        }
        // Tables may be extended and nested, from dotted keys and headers alike.
        assert!(parse("a.b = 1\na.c = 2\n[a.d]\n[[a.e]]\n[[a.e]]\n", 2).is_ok());
    }

    #[test]
    fn fields_given_arrays_tables_or_other_scalars_are_refused() {
        for (toml, message) in [
            ("title = [\"a\"]\n", "`title` must be a string, not an array"),
            ("author = { name = \"a\" }\n", "`author` must be a string, not a table"),
            ("lang = true\n", "`lang` must be a string, not a boolean"),
            ("copyright = 1.5\n", "`copyright` must be a string, not a float"),
            ("subtitle = 0x1F\n", "`subtitle` must be a string, not an integer"),
            ("affiliation = 2026-10-12\n", "`affiliation` must be a string, not a date-time"),
            ("date = [2026-10-12]\n", "`date` must be a calendar date written YYYY-MM-DD, not an array"),
            ("date = 5\n", "`date` must be a calendar date written YYYY-MM-DD, not an integer"),
        ] {
            let err = parse(&format!("x = 1\n{toml}"), 2).unwrap_err();
            assert_eq!((err.line, err.message.as_str()), (3, message), "{toml:?}");
        }
    }

    #[test]
    fn every_kind_of_string_is_decoded() {
        let toml = r#"title = 'C:\no\escapes'
subtitle = "tab\there \u00e9 \"q\""
author = """
first \
    joined"""
copyright = '''
raw \n
lines'''
"#;
        let meta = parse(toml, 2).unwrap();
        assert_eq!(meta.title.as_deref(), Some(r"C:\no\escapes"));
        assert_eq!(meta.subtitle.as_deref(), Some("tab\there é \"q\""));
        assert_eq!(meta.author.as_deref(), Some("first joined"));
        assert_eq!(meta.copyright.as_deref(), Some("raw \\n\nlines"));
    }

    #[test]
    fn syntax_errors_say_what_was_expected_and_found() {
        for (toml, line, message) in [
            ("title = \"T\"\nauthor = \n", 3, "expected a value, found the end of the line"),
            ("author = # who?\n", 2, "expected a value, found a comment"),
            ("title = 'T\n", 2, "invalid literal string, expected `'`, found the end of the line"),
            ("x = 1\ntitle = oops\n", 3, "string values must be quoted, expected literal string, found \"oops\""),
            ("x = [1,\n", 2, "unclosed array, expected `]`, found the end of the line"),
            (
                "x = 1\n\ny = \"\\q\"\n",
                4,
                "missing escaped value, expected `b`, `e`, `f`, `n`, `r`, `\\`, `\"`, `x`, `u` or `U`, found \"q\"",
            ),
            ("[extra\n", 2, "unclosed table, expected `]`, found the end of the line"),
            // At the end of the block: the line of its closing `+++`.
            (
                "title = \"\"\"\nno end\n",
                4,
                "invalid multi-line basic string, expected `\"`, found the end of the front matter",
            ),
        ] {
            let err = parse(toml, 2).unwrap_err();
            assert_eq!((err.line, err.message.as_str()), (line, message), "{toml:?}");
        }
        // The line that holds the mistake comes first, not a line the mistake then confuses.
        assert_eq!(parse("title = \"T\nauthor = \"A\"\n", 2).unwrap_err().line, 2);
        // Ignored keys are still TOML: their values are checked too.
        assert!(parse("extra = { note = \"\\q\" }\n", 2).is_err());
        assert!(parse("[extra]\nwhen = 2026-13-01\n", 2).is_err());
        assert!(parse("# a comment with a \u{1} control character\n", 2).is_err());
    }

    #[test]
    fn date_times_are_checked_where_toml_allows_them() {
        for ok in [
            "1979-05-27",
            "07:32",
            "07:32:00",
            "23:59:60.999",
            "1979-05-27T07:32",
            "1979-05-27 07:32:00",
            "1979-05-27t07:32:00z",
            "1979-05-27T07:32:00.5+09:00",
            "2024-02-29T00:00:00-23:59",
        ] {
            assert!(parse(&format!("when = {ok}\n"), 2).is_ok(), "{ok}");
        }
        for bad in [
            "2026-13-01",
            "2026-02-29",
            "1-",
            "12:",
            "24:00",
            "07:60",
            "07:32:00.",
            "07:32:00Z",
            "1979-05-27T",
            "1979-05-27T25:00",
            "1979-05-27T07:32:00+24:00",
            "1979-05-27T07:32:00+09",
        ] {
            let err = parse(&format!("x = 1\nwhen = {bad}\n"), 2).unwrap_err();
            assert_eq!(err.line, 3, "{bad}: {err}");
            assert!(err.message.starts_with("invalid date-time, expected a date such as 1979-05-27"), "{bad}: {err}");
        }
        let err = parse("date = 2026-10-12T10:00:00Z\n", 2).unwrap_err();
        assert_eq!(err.message, "`date` must be a calendar date written YYYY-MM-DD, not 2026-10-12T10:00:00Z");
        let err = parse("date = 2026-02-30\n", 2).unwrap_err();
        assert_eq!(err.message, "`date` must be a calendar date written YYYY-MM-DD, not 2026-02-30");
        assert_eq!(Date::parse("+202-10-12"), None);
    }

    #[test]
    fn messages_quote_what_they_were_given_plainly() {
        let err = parse("date = \"12/10/2026\"\n", 2).unwrap_err();
        assert_eq!(err.message, r#"`date` must be a calendar date written YYYY-MM-DD, not "12/10/2026""#);
        let err = parse(r#"canonical = "java\tscript:\"x\"""#, 2).unwrap_err();
        assert!(err.message.ends_with(r#", not "java\tscript:\"x\"""#), "{err}");
        // Long text is cut short rather than echoing a whole line back.
        let err = parse(&format!("x = {}\n", "b".repeat(100)), 2).unwrap_err();
        assert!(err.message.ends_with(&format!("found \"{}…\"", "b".repeat(40))), "{err}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let toml = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse(&toml, 2).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.starts_with("arrays and inline tables nested too deeply"), "{err}");
        assert!(parse(&format!("x = {}{}\n", "[".repeat(80), "]".repeat(80)), 2).is_ok());
        assert!(parse(&format!("x = {}{}\n", "[".repeat(81), "]".repeat(81)), 2).is_err());
        assert!(parse(&format!("x = {}\n", "{ a = ".repeat(100_000)), 2).is_err());
    }

    const EDITIONS: &str = "title = \"T\"\nlang = \"en\"\ntranslated_from = \"ja\"\ntranslator = \" Tsutomu Inuzuka \"\n\n[editions]\nen = \"okonogi.en.md\"\nko = \"https://example.org/ko/okonogi\"\nja = \"../ja/okonogi.ja.md\"\n\n[series]\ntitle = \"Looking Ahead\"\npart = 1\nparts = 2\nurl = \"https://example.org/series/looking-ahead\"\nnext = { title = \"Middle-power thinking\", url = \"watanabe.en.md\" }\nprevious = { title = \"Before\", url = \"before.ja.md\", lang = \"ja\" }\n";

    #[test]
    fn editions_and_series_are_read() {
        let meta = parse(EDITIONS, 2).unwrap();
        assert_eq!(meta.translated_from, Some(Lang::Ja));
        assert_eq!(meta.translator.as_deref(), Some("Tsutomu Inuzuka"));
        let editions = meta.editions.unwrap();
        let list: Vec<_> = editions.list().iter().map(|e| (e.lang, e.url.as_str())).collect();
        assert_eq!(
            list,
            [
                (Lang::En, "okonogi.en.md"),
                (Lang::Ko, "https://example.org/ko/okonogi"),
                (Lang::Ja, "../ja/okonogi.ja.md")
            ]
        );
        let series = meta.series.unwrap();
        assert_eq!(
            (series.title(), series.part().get(), series.parts().map(|p| p.get())),
            ("Looking Ahead", 1, Some(2))
        );
        assert_eq!(series.url(), Some("https://example.org/series/looking-ahead"));
        let next = series.next().unwrap();
        assert_eq!(
            (next.title.as_str(), next.url.as_str(), next.lang),
            ("Middle-power thinking", "watanabe.en.md", None)
        );
        assert_eq!(series.previous().unwrap().lang, Some(Lang::Ja));
    }

    #[test]
    fn the_same_tables_written_inline_or_dotted_read_the_same() {
        let meta = parse("lang = \"ko\"\neditions = { ko = \"a.ko.md\", en = \"a.en.md\" }\nseries = { title = \"S\", part = 2, next = { title = \"N\", url = \"n.md\" } }\n", 1).unwrap();
        assert_eq!(meta.editions.unwrap().list().len(), 2);
        let series = meta.series.unwrap();
        assert_eq!((series.part().get(), series.next().unwrap().title.as_str()), (2, "N"));
    }

    #[test]
    fn wrong_editions_and_series_name_the_key_and_line() {
        let error = |text: &str| parse(text, 2).unwrap_err().to_string();
        let bad_lang = EDITIONS.replace("translated_from = \"ja\"", "translated_from = \"fr\"");
        assert!(
            error(&bad_lang).starts_with("front matter, line 4: `translated_from` must be one of"),
            "{}",
            error(&bad_lang)
        );
        let bad_edition = EDITIONS.replace("ja = \"../ja", "fr = \"../ja");
        assert_eq!(error(&bad_edition), "front matter, line 10: `editions` has `fr`, expected one of `en`, `ko`, `ja`");
        let missing_own = EDITIONS.replace("en = \"okonogi.en.md\"\n", "");
        assert_eq!(
            error(&missing_own),
            "front matter, line 8: `editions` must include the article's own language, `en`"
        );
        let script = EDITIONS.replace("\"okonogi.en.md\"", "\"javascript:alert(1)\"");
        assert!(
            error(&script).starts_with("front matter, line 8: `editions.en` must be an http or https URL"),
            "{}",
            error(&script)
        );
        let mail = EDITIONS.replace("\"watanabe.en.md\"", "\"mailto:a@b.c\"");
        assert!(
            error(&mail).starts_with("front matter, line 17: `series.next.url` must be an http or https URL"),
            "{}",
            error(&mail)
        );
        let zero = EDITIONS.replace("part = 1", "part = 0");
        assert_eq!(error(&zero), "front matter, line 14: `series.part` must be 1 or more, not 0");
        let past = EDITIONS.replace("part = 1", "part = 3");
        assert_eq!(error(&past), "front matter, line 14: `series.part` must be at most `series.parts` (2), not 3");
        let no_url = EDITIONS.replace(", url = \"watanabe.en.md\"", "");
        assert_eq!(error(&no_url), "front matter, line 17: `series.next` needs both a `title` and a `url`");
        let bad_link_lang = EDITIONS.replace("lang = \"ja\" }", "lang = \"de\" }");
        assert!(error(&bad_link_lang).starts_with("front matter, line 18: `series.previous.lang` must be one of"));
        let twice = EDITIONS.replace("ko = \"https", "en = \"x.md\"\nko = \"https");
        assert_eq!(error(&twice), "front matter, line 9: duplicate key `editions.en`; a key can be given only once");
        assert_eq!(
            error("[editions]\nen = \"a.md\"\n"),
            "front matter, line 3: `editions` needs the article's own `lang`"
        );
    }

    #[test]
    fn other_tables_are_still_ignored() {
        let meta = parse("lang = \"en\"\n[extra]\neditions = 3\n[[series]]\ntitle = 1\n", 1).unwrap();
        assert!(meta.editions.is_none() && meta.series.is_none());
    }
}
