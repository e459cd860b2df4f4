//! The options of `renderFragment()` and `renderPage()`: the CLI's options under `mount()`'s
//! names, each value checked by the core's own type (so the CLI, `mount()` and this module
//! allow the same values), with messages that name the option as the caller wrote it.
//!
//! A value the core parses from text (a theme, a language, an assets URL, a step) is refused
//! with the core's message, the one the CLI prints after `--theme: `; here it follows
//! `options.theme: `. A value of the wrong JS type gets the same sentence, naming what it was.

use reading_widget_core::prerender::{Assets, Build, Prerender};
use reading_widget_core::quote::quoted;
use reading_widget_core::settings::{Content, FontStep, Lang, Theme};
use std::str::FromStr;
use wasm_bindgen::JsValue;

/// The option names, in the order messages list them: `mount()`'s names for the CLI's
/// `--lang`, `--theme`, `--font-step`, `--assets`, `--hydrate-only` and `--content`.
pub const KEYS: [&str; 6] = ["lang", "theme", "fontStep", "assets", "hydrateOnly", "content"];

/// What `hydrateOnly` may be, for messages.
const BOOLEAN: &str = "true or false";

/// One option's value, read from JS as plain data.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `undefined` or `null`: not given, so the default.
    Absent,
    /// A string.
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// Anything else, described for messages ("an object", "an array", …).
    Other(&'static str),
}

impl Value {
    /// Reads a JS value without calling into it (no getters, no `toString`).
    pub fn from_js(value: &JsValue) -> Value {
        if value.is_undefined() || value.is_null() {
            Value::Absent
        } else if let Some(text) = value.as_string() {
            Value::Text(text)
        } else if let Some(n) = value.as_f64() {
            Value::Number(n)
        } else if let Some(b) = value.as_bool() {
            Value::Bool(b)
        } else if js_sys::Array::is_array(value) {
            Value::Other("an array")
        } else if value.is_function() {
            Value::Other("a function")
        } else if value.is_symbol() {
            Value::Other("a symbol")
        } else if value.is_bigint() {
            Value::Other("a bigint")
        } else {
            Value::Other("an object")
        }
    }
}

/// `value` as a message shows it: text quoted as JSON, numbers and booleans as JS writes them.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Absent => "undefined".to_owned(),
        Value::Text(text) => quoted(text),
        Value::Number(n) => number(*n),
        Value::Bool(b) => b.to_string(),
        Value::Other(what) => (*what).to_owned(),
    }
}

/// A number as JS's `String(n)` gives it for the values a partner is likely to pass.
fn number(n: f64) -> String {
    match n {
        n if n.is_nan() => "NaN".to_owned(),
        f64::INFINITY => "Infinity".to_owned(),
        f64::NEG_INFINITY => "-Infinity".to_owned(),
        n => n.to_string(),
    }
}

/// The message for an `options` argument that is not an object.
pub fn not_an_object(value: &Value) -> String {
    format!("options must be an object such as {{ theme: \"sepia\", fontStep: 4 }}, not {}", describe(value))
}

/// The settings that `given` (each option's name and value, in the object's key order) asks
/// for; the first unknown name or refused value is the error.
pub fn settings(given: impl IntoIterator<Item = (String, Value)>) -> Result<Prerender, String> {
    let mut settings = Prerender::default();
    for (key, value) in given {
        let refused = |message: String| format!("options.{key}: {message}");
        if value == Value::Absent {
            if !KEYS.contains(&key.as_str()) {
                return Err(unknown(&key));
            }
            continue;
        }
        match key.as_str() {
            "lang" => settings.lang = Some(parsed::<Lang>(&value, Lang::EXPECTED).map_err(refused)?),
            "theme" => settings.theme = parsed::<Theme>(&value, Theme::EXPECTED).map_err(refused)?,
            "fontStep" => settings.font_step = font_step(&value).map_err(refused)?,
            "assets" => settings.assets = parsed::<Assets>(&value, ASSETS).map_err(refused)?,
            "content" => settings.content = parsed::<Content>(&value, Content::EXPECTED).map_err(refused)?,
            "hydrateOnly" => {
                settings.build = match value {
                    Value::Bool(true) => Build::HydrateOnly,
                    Value::Bool(false) => Build::Full,
                    other => return Err(refused(format!("must be {BOOLEAN}, not {}", describe(&other)))),
                }
            }
            _ => return Err(unknown(&key)),
        }
    }
    Ok(settings)
}

/// What an assets prefix may be, for a value that is not a string: the start of the core's
/// own message ([`Assets`]'s error), so the two cannot drift apart.
const ASSETS: &str = "an http or https URL or a path";

fn unknown(key: &str) -> String {
    format!("options: unknown key {}; the allowed keys are {}", quoted(key), KEYS.join(", "))
}

/// A string option, parsed by the core's type, whose error says what is allowed.
fn parsed<T>(value: &Value, expected: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: ToString,
{
    match value {
        Value::Text(text) => text.parse().map_err(|e: T::Err| e.to_string()),
        other => Err(format!("must be {expected}, not {}", describe(other))),
    }
}

/// A text-size step: a number, checked by [`FontStep::new`] as `--font-step` is.
fn font_step(value: &Value) -> Result<FontStep, String> {
    match value {
        Value::Number(n) => FontStep::new(*n),
        other => Err(format!("must be {}, not {}", FontStep::EXPECTED, describe(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, Value)]) -> Result<Prerender, String> {
        settings(pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())))
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_owned())
    }

    #[test]
    fn every_option_reaches_the_settings() {
        let s = with(&[
            ("lang", text("ko-KR")),
            ("theme", text("sepia")),
            ("fontStep", Value::Number(4.0)),
            ("assets", text("/static/rw/")),
            ("hydrateOnly", Value::Bool(true)),
        ])
        .unwrap();
        assert_eq!(s.lang, Some(Lang::Ko));
        assert_eq!(s.theme, Theme::Sepia);
        assert_eq!(s.font_step.get(), 4);
        assert_eq!(s.assets.as_str(), "/static/rw");
        assert_eq!(s.build, Build::HydrateOnly);
        assert_eq!(with(&[]).unwrap(), Prerender::default());
        assert_eq!(
            with(&[("theme", Value::Absent), ("hydrateOnly", Value::Bool(false))]).unwrap(),
            Prerender::default()
        );
    }

    #[test]
    fn refused_values_get_the_core_message_under_the_option_name() {
        let err = |pairs: &[(&str, Value)]| with(pairs).unwrap_err();
        // The CLI prints the same after `--theme: `, `--font-step: `, `--lang: `, `--assets: `.
        assert_eq!(err(&[("theme", text("blue"))]), format!("options.theme: {}", "blue".parse::<Theme>().unwrap_err()));
        assert_eq!(err(&[("fontStep", Value::Number(7.0))]), "options.fontStep: must be an integer from 1 to 5, not 7");
        assert_eq!(
            err(&[("fontStep", Value::Number(2.5))]),
            format!("options.fontStep: {}", "2.5".parse::<FontStep>().unwrap_err())
        );
        assert_eq!(err(&[("lang", text("fr"))]), format!("options.lang: {}", "fr".parse::<Lang>().unwrap_err()));
        assert_eq!(
            err(&[("assets", text("javascript:x"))]),
            format!("options.assets: {}", Assets::new("javascript:x").unwrap_err())
        );
    }

    #[test]
    fn wrong_types_and_unknown_keys_say_what_is_allowed() {
        let err = |pairs: &[(&str, Value)]| with(pairs).unwrap_err();
        assert_eq!(err(&[("fontStep", text("4"))]), r#"options.fontStep: must be an integer from 1 to 5, not "4""#);
        assert_eq!(err(&[("theme", Value::Number(5.0))]), format!("options.theme: must be {}, not 5", Theme::EXPECTED));
        assert_eq!(err(&[("hydrateOnly", text("yes"))]), r#"options.hydrateOnly: must be true or false, not "yes""#);
        assert_eq!(
            err(&[("assets", Value::Other("an object"))]),
            "options.assets: must be an http or https URL or a path, not an object"
        );
        assert_eq!(
            err(&[("fontStep", Value::Number(f64::NAN))]),
            "options.fontStep: must be an integer from 1 to 5, not NaN"
        );
        let unknown =
            "options: unknown key \"font_step\"; the allowed keys are lang, theme, fontStep, assets, hydrateOnly, content";
        assert_eq!(err(&[("font_step", Value::Number(4.0))]), unknown);
        assert_eq!(err(&[("font_step", Value::Absent)]), unknown);
        assert!(not_an_object(&Value::Number(5.0)).ends_with("not 5"));
        assert_eq!(
            err(&[("content", Value::Text("dark".into()))]),
            r#"options.content: must be one of "shadow", "light", not "dark""#
        );
    }

    #[test]
    fn the_assets_words_are_the_start_of_the_core_message() {
        assert!(Assets::new("").unwrap_err().to_string().starts_with(&format!("must be {ASSETS}, such as")));
    }
}
