//! What a partner may pass to `mount()`: read from JS through the boundary, turned into the
//! core's settings types, with messages that name the field and the values it allows.

use crate::boundary::describe;
use reading_widget_core::i18n::LabelOverrides;
use reading_widget_core::settings::{
    Content, Font, FontStep, Lang, LineSpacing, Offered, ScrollOffset, StorageKey, Theme, Width,
};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/boundary.js")]
extern "C" {
    #[wasm_bindgen(js_name = isArray)]
    pub(crate) fn is_array(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = copyOptions)]
    fn copy_options(value: &JsValue) -> JsValue;
}

/// Options for `mount()`. Every key is optional.
///
/// The serde derive is there for the key names (`field_names`) and tsify for the TypeScript;
/// the values are read by [`MountOptions::from_js`], so the fields of the core's settings types
/// name [`read_by_from_js`] rather than asking those types for serde visitors nothing would call.
#[derive(Debug, Default, Clone, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct MountOptions {
    /// Markdown with optional TOML front matter. Default: the article built into the widget.
    #[tsify(optional)]
    pub(crate) markdown: Option<String>,
    /// UI language. Default: the article's front matter `lang`, then the page's `<html lang>`, then "en".
    #[tsify(optional)]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) lang: Option<Lang>,
    /// Initial text size, 1–5 (3 is 100%). Default: the reader's stored choice, then 3.
    #[tsify(optional, type = "1 | 2 | 3 | 4 | 5")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) font_step: Option<FontStep>,
    /// localStorage key for the reader's text size, shared by widgets with the same key;
    /// `false` stores nothing. Default "reading-widget:font-step".
    #[tsify(optional, type = "string | false")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) storage_key: Option<StorageKey>,
    /// Colour theme. Default "auto", which follows prefers-color-scheme. The reader's choice in
    /// the reading settings wins.
    #[tsify(optional)]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) theme: Option<Theme>,
    /// Line spacing, a default the reader's choice wins over. Default: the widget's own (1.7).
    #[tsify(optional, type = "\"compact\" | \"normal\" | \"relaxed\"")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) line_spacing: Option<LineSpacing>,
    /// The article's measure in characters, a default the reader's choice wins over. Default:
    /// `--rw-max-width` (40em).
    #[tsify(optional, type = "\"narrow\" | \"medium\" | \"wide\"")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) width: Option<Width>,
    /// The article's typeface (system fonts suited to its language), a default the reader's
    /// choice wins over. Default: `--rw-font`, else the page's font.
    #[tsify(optional, type = "\"sans\" | \"serif\"")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) font: Option<Font>,
    /// The settings the reader may change: a space-separated list of "size", "theme",
    /// "line-spacing", "width", "font" ("" for none). Default: all of them.
    #[tsify(optional, type = "string")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) settings: Option<Offered>,
    /// Replacements for the UI's words.
    #[tsify(optional)]
    pub(crate) labels: Option<LabelOverrides>,
    /// Pixels kept free above a heading the widget scrolls to, for pages with a fixed header.
    #[tsify(optional, type = "number")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) scroll_offset: Option<ScrollOffset>,
    /// Remember the section the reader reached (under `storageKey`) and, when they come back to
    /// the article at its top, offer to continue there. Default true.
    #[tsify(optional)]
    pub(crate) resume: Option<bool>,
    /// The URL the front matter's relative edition and series URLs are relative to. Default:
    /// the page's base URL (`<reading-widget src>` passes the article's own URL).
    #[tsify(optional)]
    pub(crate) base_url: Option<String>,
    /// Offer the edition in the reader's language (from `navigator.languages`) when another
    /// edition than theirs is shown; never switches by itself. Default true.
    #[tsify(optional)]
    pub(crate) offer_language: Option<bool>,
    /// Where the article lives: "shadow", in the shadow root with the chrome, where the page's
    /// CSS cannot reach it; or "light", a child of the element slotted into the widget, so that
    /// reader modes (Readability, Safari's, Chrome's) and page translators see it. Default "shadow".
    #[tsify(optional, type = "\"shadow\" | \"light\"")]
    #[serde(deserialize_with = "read_by_from_js")]
    pub(crate) content: Option<Content>,
}

/// Whom a message names for a field: the partner's script, which passed an option to `mount()`
/// (`options.fontStep`), or the partner's HTML, which set an attribute of `<reading-widget>`
/// (`<reading-widget font-step>`) that the element passed on as that option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// `mount(target, options)`.
    Options,
    /// The attributes of `<reading-widget>`.
    Attributes,
}

impl Source {
    /// The field `key` (an option's name) as this source's messages name it.
    pub(crate) fn field(self, key: &str) -> String {
        match self {
            Source::Options => format!("options.{key}"),
            // The article comes from `src` or an inline script, not from an attribute of its own.
            Source::Attributes if key == "markdown" => "<reading-widget>: the article".to_owned(),
            Source::Attributes => {
                // fontStep → font-step: the attributes are the options' names in kebab case.
                let mut attribute = String::new();
                for c in key.chars() {
                    if c.is_ascii_uppercase() {
                        attribute.push('-');
                    }
                    attribute.push(c.to_ascii_lowercase());
                }
                format!("<reading-widget {attribute}>")
            }
        }
    }
}

impl MountOptions {
    /// Reads `mount()`'s options from JS (the boundary's tests).
    #[cfg(all(test, target_arch = "wasm32"))]
    pub(crate) fn from_js(value: JsValue) -> Result<MountOptions, String> {
        MountOptions::from_js_as(value, Source::Options)
    }

    /// Reads options from JS, naming fields in messages as `source` does. `undefined` and `null`
    /// mean "all defaults".
    pub(crate) fn from_js_as(value: JsValue, source: Source) -> Result<MountOptions, String> {
        if value.is_undefined() || value.is_null() {
            return Ok(MountOptions::default());
        }
        if !value.is_object() || is_array(&value) {
            return Err(format!(
                "options must be an object such as {{ lang: \"ko\", fontStep: 4 }}, not {}",
                describe(&value)
            ));
        }
        let copied = copy_options(&value);
        if let Some(error) = read(&copied, "error").as_string() {
            return Err(if error.starts_with("options.") {
                error
            } else {
                format!("options could not be read: {error}")
            });
        }
        let value = read(&copied, "options");
        reject_unknown_keys::<MountOptions>(&value, "options")?;
        let labels = read(&value, "labels");
        if labels.is_object() {
            reject_unknown_keys::<LabelOverrides>(&labels, "options.labels")?;
        }
        let read_key = |key: &str| (read(&value, key), source.field(key));
        Ok(MountOptions {
            markdown: text(read_key("markdown"))?,
            lang: named(read_key("lang"), Lang::from_tag, Lang::EXPECTED)?,
            font_step: number(read_key("fontStep"), FontStep::from_number, FontStep::EXPECTED)?,
            storage_key: storage_key(read_key("storageKey"))?,
            theme: named(read_key("theme"), Theme::from_name, Theme::EXPECTED)?,
            line_spacing: named(read_key("lineSpacing"), LineSpacing::from_name, LineSpacing::EXPECTED)?,
            width: named(read_key("width"), Width::from_name, Width::EXPECTED)?,
            font: named(read_key("font"), Font::from_name, Font::EXPECTED)?,
            settings: named(read_key("settings"), |list| list.parse().ok(), Offered::EXPECTED)?,
            labels: label_overrides(&labels)?,
            scroll_offset: number(read_key("scrollOffset"), ScrollOffset::new, ScrollOffset::EXPECTED)?,
            resume: boolean(read_key("resume"))?,
            base_url: text(read_key("baseUrl"))?,
            offer_language: boolean(read_key("offerLanguage"))?,
            content: named(read_key("content"), Content::from_name, Content::EXPECTED)?,
        })
    }
}

/// A plain copy of an object from the partner's script (own keys, primitive values), read
/// where a throwing getter or Proxy is caught; the error says what threw.
pub(crate) fn plain_copy(value: &JsValue) -> Result<JsValue, String> {
    let copied = copy_options(value);
    match read(&copied, "error").as_string() {
        Some(error) => Err(error),
        None => Ok(read(&copied, "options")),
    }
}

/// Stands in for a field's serde deserializer: `field_names` stops at the struct's field names,
/// and nothing else deserializes [`MountOptions`].
fn read_by_from_js<'de, D: Deserializer<'de>, T>(_: D) -> Result<T, D::Error> {
    Err(de::Error::custom("mount options are read by MountOptions::from_js"))
}

fn read(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A field's value and its path in messages (`options.fontStep`). `undefined` and `null` mean
/// "not given".
type Field = (JsValue, String);

fn given((value, _): &Field) -> bool {
    !value.is_undefined() && !value.is_null()
}

/// A value of the right type that is not allowed, or a value of the wrong type, described in
/// words as JS would show it ("the number 7", "an object"), with what is allowed.
fn refused((value, path): &Field, right_type: bool, expected: &str) -> String {
    let problem = if right_type { "invalid value" } else { "invalid type" };
    format!("{path}: {problem}: {}, expected {expected}", describe(value))
}

fn text(field: Field) -> Result<Option<String>, String> {
    if !given(&field) {
        return Ok(None);
    }
    field.0.as_string().map(Some).ok_or_else(|| refused(&field, false, "a string"))
}

/// A string naming one of a few values (a language, a theme).
fn named<T>(field: Field, parse: impl Fn(&str) -> Option<T>, expected: &str) -> Result<Option<T>, String> {
    if !given(&field) {
        return Ok(None);
    }
    let name = field.0.as_string().ok_or_else(|| refused(&field, false, expected))?;
    parse(&name).map(Some).ok_or_else(|| refused(&field, true, expected))
}

/// A number within bounds (a step, an offset). Read as JS numbers are, so no Rust float
/// parsing or formatting is needed.
fn number<T>(field: Field, parse: impl Fn(f64) -> Option<T>, expected: &str) -> Result<Option<T>, String> {
    if !given(&field) {
        return Ok(None);
    }
    let n = field.0.as_f64().ok_or_else(|| refused(&field, false, expected))?;
    parse(n).map(Some).ok_or_else(|| refused(&field, true, expected))
}

fn boolean(field: Field) -> Result<Option<bool>, String> {
    if !given(&field) {
        return Ok(None);
    }
    field.0.as_bool().map(Some).ok_or_else(|| refused(&field, false, "true or false"))
}

fn storage_key(field: Field) -> Result<Option<StorageKey>, String> {
    if !given(&field) {
        return Ok(None);
    }
    match (field.0.as_string(), field.0.as_bool()) {
        (Some(key), _) if !key.is_empty() => Ok(Some(StorageKey::Key(key))),
        (_, Some(false)) => Ok(Some(StorageKey::Off)),
        (Some(_), _) | (_, Some(true)) => Err(refused(&field, true, StorageKey::EXPECTED)),
        _ => Err(refused(&field, false, StorageKey::EXPECTED)),
    }
}

/// `options.labels`, each label read on its own so that an error names it.
fn label_overrides(labels: &JsValue) -> Result<Option<LabelOverrides>, String> {
    if !labels.is_object() {
        return Ok(None);
    }
    LabelOverrides::try_from_keys(|key| text((read(labels, key), format!("options.labels.{key}")))).map(Some)
}

/// serde-wasm-bindgen reads only the fields a struct declares, so `deny_unknown_fields` never
/// sees a misspelt key. This checks the object's own keys against the struct's field names.
fn reject_unknown_keys<'de, T: Deserialize<'de>>(object: &JsValue, path: &str) -> Result<(), String> {
    let allowed = field_names::<T>();
    let keys = js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>());
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !allowed.contains(&key.as_str()) {
            return Err(format!("{path}: unknown key `{key}`; the allowed keys are {}", allowed.join(", ")));
        }
    }
    Ok(())
}

/// The field names serde's derive passes to `deserialize_struct`, caught by a deserializer that
/// does nothing else; so the list of allowed keys can never drift from the struct.
fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

#[cfg(test)]
mod native_tests {
    use super::*;
    use crate::boundary::SETTINGS_TYPES;

    #[test]
    fn messages_name_the_option_or_the_attribute() {
        assert_eq!(Source::Options.field("fontStep"), "options.fontStep");
        assert_eq!(Source::Attributes.field("fontStep"), "<reading-widget font-step>");
        assert_eq!(Source::Attributes.field("scrollOffset"), "<reading-widget scroll-offset>");
        assert_eq!(Source::Attributes.field("theme"), "<reading-widget theme>");
        assert_eq!(Source::Attributes.field("markdown"), "<reading-widget>: the article");
    }

    #[test]
    fn field_names_come_from_the_structs() {
        assert_eq!(
            field_names::<MountOptions>(),
            [
                "markdown",
                "lang",
                "fontStep",
                "storageKey",
                "theme",
                "lineSpacing",
                "width",
                "font",
                "settings",
                "labels",
                "scrollOffset",
                "resume",
                "baseUrl",
                "offerLanguage",
                "content"
            ]
        );
        assert_eq!(field_names::<LabelOverrides>(), reading_widget_core::i18n::LABEL_KEYS);
    }

    #[test]
    fn the_typescript_declares_every_key_and_name_the_core_accepts() {
        for key in field_names::<LabelOverrides>() {
            assert!(SETTINGS_TYPES.contains(&format!("    {key}?: string;")), "LabelOverrides.{key}");
        }
        for theme in [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia] {
            assert!(SETTINGS_TYPES.contains(&format!("\"{}\"", theme.name())), "{theme:?}");
        }
        for lang in [Lang::En, Lang::Ko, Lang::Ja] {
            assert!(SETTINGS_TYPES.contains(&format!("\"{}\"", lang.tag())), "{lang:?}");
        }
        let names = LineSpacing::ALL.iter().map(|v| v.name());
        let names = names.chain(Width::ALL.iter().map(|v| v.name())).chain(Font::ALL.iter().map(|v| v.name()));
        for name in names {
            assert!(SETTINGS_TYPES.contains(&format!("\"{name}\"")), "ReadingSettings: {name}");
        }
    }
}
