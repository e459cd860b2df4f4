//! What a partner may pass to `mount()`, validated at the boundary with messages that name the
//! field and the values it allows.

use crate::i18n::{LabelOverrides, Lang};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// Options for `mount()`. Every key is optional.
#[derive(Debug, Default, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MountOptions {
    /// Markdown with optional TOML front matter. Default: the article built into the widget.
    #[tsify(optional)]
    pub markdown: Option<String>,
    /// UI language. Default: the article's front matter `lang`, then the page's `<html lang>`, then "en".
    #[tsify(optional)]
    pub lang: Option<Lang>,
    /// Initial text size, 1–5 (3 is 100%). Default: the reader's stored choice, then 3.
    #[tsify(optional, type = "1 | 2 | 3 | 4 | 5")]
    pub font_step: Option<FontStep>,
    /// localStorage key for the reader's text size, shared by widgets with the same key;
    /// `false` stores nothing. Default "reading-widget:font-step".
    #[tsify(optional, type = "string | false")]
    pub storage_key: Option<StorageKey>,
    /// Colour theme. Default "auto", which follows prefers-color-scheme.
    #[tsify(optional)]
    pub theme: Option<Theme>,
    /// Replacements for the UI's words.
    #[tsify(optional)]
    pub labels: Option<LabelOverrides>,
    /// Pixels kept free above a heading the widget scrolls to, for pages with a fixed header.
    #[tsify(optional, type = "number")]
    pub scroll_offset: Option<ScrollOffset>,
}

impl MountOptions {
    /// Reads options from JS. `undefined` and `null` mean "all defaults".
    pub fn from_js(value: JsValue) -> Result<MountOptions, String> {
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
        let read = |object: &JsValue, key: &str| js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        if let Some(error) = read(&copied, "error").as_string() {
            return Err(if error.starts_with("options.") { error } else { format!("options could not be read: {error}") });
        }
        let value = read(&copied, "options");
        reject_unknown_keys::<MountOptions>(&value, "options")?;
        let labels = read(&value, "labels");
        if labels.is_object() {
            reject_unknown_keys::<LabelOverrides>(&labels, "options.labels")?;
        }
        let deserializer = serde_wasm_bindgen::Deserializer::from(value.clone());
        serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." { "options".to_owned() } else { format!("options.{path}") };
            // serde-wasm-bindgen's errors are JS Errors, whose text starts with their name, and it
            // shows an unexpected object as `JsValue(Object(…))`: say "an object" instead.
            let message = e.inner().to_string();
            let message = message.strip_prefix("Error: ").unwrap_or(&message);
            let offending = path.split('.').try_fold(value.clone(), |object, key| Some(read(&object, key))).unwrap_or(JsValue::UNDEFINED);
            match message.split_once(", expected ") {
                Some((unexpected, expected)) if unexpected.contains("JsValue(") => {
                    format!("{field}: invalid type: {}, expected {expected}", describe(&offending))
                }
                _ => format!("{field}: {message}"),
            }
        })
    }
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

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/boundary.js")]
extern "C" {
    #[wasm_bindgen(js_name = describeValue)]
    fn describe_value(value: &JsValue) -> String;
    #[wasm_bindgen(js_name = isElement)]
    fn is_element(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = copyOptions)]
    fn copy_options(value: &JsValue) -> JsValue;
}

/// A short description of a JS value for error messages ("the number 7", "null", "an array").
pub fn describe(value: &JsValue) -> String {
    describe_value(value)
}

/// `value` as an element, if it is one, of this window or of a same-origin frame's.
pub fn as_element(value: JsValue) -> Option<web_sys::HtmlElement> {
    is_element(&value).then(|| value.unchecked_into())
}

/// A text-size step: 1 (smallest) to 5 (largest); 3 is the partner's base size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FontStep(u8);

impl FontStep {
    pub const MIN: FontStep = FontStep(1);
    pub const MAX: FontStep = FontStep(5);
    pub const DEFAULT: FontStep = FontStep(3);
    const EXPECTED: &'static str = "an integer from 1 to 5";

    /// Accepts whole numbers from 1 to 5; everything else is refused with what is allowed.
    pub fn new(value: f64) -> Result<FontStep, String> {
        if value.fract() == 0.0 && (1.0..=5.0).contains(&value) {
            Ok(FontStep(value as u8))
        } else {
            Err(format!("must be {}, not {value}", Self::EXPECTED))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = FontStep> {
        (Self::MIN.0..=Self::MAX.0).map(FontStep)
    }

    /// One step smaller or larger, stopping at the ends.
    pub fn saturating_add(self, delta: i8) -> FontStep {
        FontStep(self.0.saturating_add_signed(delta).clamp(Self::MIN.0, Self::MAX.0))
    }
}

impl<'de> Deserialize<'de> for FontStep {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StepVisitor;
        impl Visitor<'_> for StepVisitor {
            type Value = FontStep;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(FontStep::EXPECTED)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FontStep, E> {
                FontStep::new(v).map_err(|_| E::invalid_value(de::Unexpected::Float(v), &self))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FontStep, E> {
                FontStep::new(v as f64).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FontStep, E> {
                FontStep::new(v as f64).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
        }
        deserializer.deserialize_f64(StepVisitor)
    }
}

/// Where the reader's text size is remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageKey {
    Key(String),
    /// `false`: remember nothing.
    Off,
}

impl StorageKey {
    pub const DEFAULT: &'static str = "reading-widget:font-step";

    pub fn key(&self) -> Option<&str> {
        match self {
            StorageKey::Key(key) => Some(key),
            StorageKey::Off => None,
        }
    }
}

impl<'de> Deserialize<'de> for StorageKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = StorageKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-empty string, or false to store nothing")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StorageKey, E> {
                if v.is_empty() {
                    return Err(E::invalid_value(de::Unexpected::Str(v), &self));
                }
                Ok(StorageKey::Key(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<StorageKey, E> {
                if v {
                    return Err(E::invalid_value(de::Unexpected::Bool(v), &self));
                }
                Ok(StorageKey::Off)
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, tsify::Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light or dark, following the reader's prefers-color-scheme.
    #[default]
    Auto,
    Light,
    Dark,
    Sepia,
}

impl<'de> Deserialize<'de> for Theme {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        by_name(deserializer, r#"one of "auto", "light", "dark", "sepia""#, |name| {
            [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia].into_iter().find(|t| t.name() == name)
        })
    }
}

/// Deserializes a value given by name, refusing anything else (objects, numbers, unknown names)
/// with `expected` in the message.
pub(crate) fn by_name<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    expected: &'static str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, D::Error> {
    struct NameVisitor<F>(&'static str, F);
    impl<T, F: Fn(&str) -> Option<T>> Visitor<'_> for NameVisitor<F> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.1)(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
    deserializer.deserialize_str(NameVisitor(expected, parse))
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Sepia => "sepia",
        }
    }
}

/// Pixels kept free above a heading scrolled into view: finite and not negative.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScrollOffset(pub f64);

impl<'de> Deserialize<'de> for ScrollOffset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OffsetVisitor;
        impl Visitor<'_> for OffsetVisitor {
            type Value = ScrollOffset;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of pixels from 0 to 10000")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ScrollOffset, E> {
                if (0.0..=10_000.0).contains(&v) {
                    Ok(ScrollOffset(v))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ScrollOffset, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ScrollOffset, E> {
                self.visit_f64(v as f64)
            }
        }
        deserializer.deserialize_f64(OffsetVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_steps_are_whole_numbers_from_one_to_five() {
        assert_eq!(FontStep::new(1.0).unwrap().get(), 1);
        assert_eq!(FontStep::new(5.0).unwrap().get(), 5);
        for bad in [0.0, 6.0, 2.5, f64::NAN, f64::INFINITY, -1.0, 1e300] {
            let err = FontStep::new(bad).unwrap_err();
            assert!(err.contains("an integer from 1 to 5"), "{err}");
        }
    }

    #[test]
    fn field_names_come_from_the_structs() {
        assert_eq!(
            field_names::<MountOptions>(),
            ["markdown", "lang", "fontStep", "storageKey", "theme", "labels", "scrollOffset"]
        );
        assert!(field_names::<LabelOverrides>().contains(&"backToTop"));
    }

    #[test]
    fn stepping_stops_at_the_ends() {
        assert_eq!(FontStep::MIN.saturating_add(-1), FontStep::MIN);
        assert_eq!(FontStep::MAX.saturating_add(1), FontStep::MAX);
        assert_eq!(FontStep::DEFAULT.saturating_add(1).get(), 4);
        assert_eq!(FontStep::all().count(), 5);
    }
}
