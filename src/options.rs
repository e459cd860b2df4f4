//! What a partner may pass to `mount()`: read from JS through the boundary, turned into the
//! core's settings types, with messages that name the field and the values it allows.

use crate::boundary::{copy_options, describe, is_array};
use reading_widget_core::i18n::LabelOverrides;
use reading_widget_core::settings::{FontStep, Lang, ScrollOffset, StorageKey, Theme};
use serde::de::DeserializeOwned;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

/// Options for `mount()`. Every key is optional.
#[derive(Debug, Default, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct MountOptions {
    /// Markdown with optional TOML front matter. Default: the article built into the widget.
    #[tsify(optional)]
    pub(crate) markdown: Option<String>,
    /// UI language. Default: the article's front matter `lang`, then the page's `<html lang>`, then "en".
    #[tsify(optional)]
    pub(crate) lang: Option<Lang>,
    /// Initial text size, 1–5 (3 is 100%). Default: the reader's stored choice, then 3.
    #[tsify(optional, type = "1 | 2 | 3 | 4 | 5")]
    pub(crate) font_step: Option<FontStep>,
    /// localStorage key for the reader's text size, shared by widgets with the same key;
    /// `false` stores nothing. Default "reading-widget:font-step".
    #[tsify(optional, type = "string | false")]
    pub(crate) storage_key: Option<StorageKey>,
    /// Colour theme. Default "auto", which follows prefers-color-scheme.
    #[tsify(optional)]
    pub(crate) theme: Option<Theme>,
    /// Replacements for the UI's words.
    #[tsify(optional)]
    pub(crate) labels: Option<LabelOverrides>,
    /// Pixels kept free above a heading the widget scrolls to, for pages with a fixed header.
    #[tsify(optional, type = "number")]
    pub(crate) scroll_offset: Option<ScrollOffset>,
}

impl MountOptions {
    /// Reads options from JS. `undefined` and `null` mean "all defaults".
    pub(crate) fn from_js(value: JsValue) -> Result<MountOptions, String> {
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
        Ok(MountOptions {
            markdown: field(&value, "markdown", "options.markdown")?,
            lang: field(&value, "lang", "options.lang")?,
            font_step: field(&value, "fontStep", "options.fontStep")?,
            storage_key: field(&value, "storageKey", "options.storageKey")?,
            theme: field(&value, "theme", "options.theme")?,
            labels: label_overrides(&labels)?,
            scroll_offset: field(&value, "scrollOffset", "options.scrollOffset")?,
        })
    }
}

fn read(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The value under `key`, deserialized on its own so that an error can name the field (`path`)
/// without a path-tracking wrapper around every deserializer.
fn field<T: DeserializeOwned>(object: &JsValue, key: &str, path: &str) -> Result<Option<T>, String> {
    let value = read(object, key);
    serde_wasm_bindgen::from_value::<Option<T>>(value.clone()).map_err(|e| {
        // serde-wasm-bindgen's errors are JS Errors, whose text starts with their name, and it
        // shows an unexpected object as `JsValue(Object(…))`: say "an object" instead.
        let message = e.to_string();
        let message = message.strip_prefix("Error: ").unwrap_or(&message);
        match message.split_once(", expected ") {
            Some((unexpected, expected)) if unexpected.contains("JsValue(") => {
                format!("{path}: invalid type: {}, expected {expected}", describe(&value))
            }
            _ => format!("{path}: {message}"),
        }
    })
}

/// `options.labels`, each label read on its own so that an error names it.
fn label_overrides(labels: &JsValue) -> Result<Option<LabelOverrides>, String> {
    if !labels.is_object() {
        return Ok(None);
    }
    let text = |key: &str| field::<String>(labels, key, &format!("options.labels.{key}"));
    Ok(Some(LabelOverrides {
        text_size: text("textSize")?,
        decrease: text("decrease")?,
        increase: text("increase")?,
        step: text("step")?,
        sections: text("sections")?,
        back_to_top: text("backToTop")?,
        reading_time: text("readingTime")?,
    }))
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
    fn field_names_come_from_the_structs() {
        assert_eq!(
            field_names::<MountOptions>(),
            ["markdown", "lang", "fontStep", "storageKey", "theme", "labels", "scrollOffset"]
        );
        assert!(field_names::<LabelOverrides>().contains(&"backToTop"));
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
    }
}
