//! The JS boundary without a DOM: option validation and error messages.
//! Run with `wasm-pack test --node -- --lib`.

use super::MountOptions;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in entries {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

fn error(options: JsValue) -> String {
    MountOptions::from_js(options).expect_err("should be refused")
}

#[wasm_bindgen_test]
fn missing_options_mean_defaults() {
    assert!(MountOptions::from_js(JsValue::UNDEFINED).is_ok());
    assert!(MountOptions::from_js(JsValue::NULL).is_ok());
    let options = MountOptions::from_js(object(&[("lang", "ko".into()), ("fontStep", 4.into())])).unwrap();
    assert_eq!(options.font_step.map(|s| s.get()), Some(4));
}

#[wasm_bindgen_test]
fn unknown_keys_are_named_with_the_allowed_ones() {
    let message = error(object(&[("fontstep", 2.into())]));
    assert!(message.starts_with("options: unknown key `fontstep`"), "{message}");
    assert!(message.contains("fontStep"), "{message}");
    let message = error(object(&[("labels", object(&[("backTop", "Up".into())]))]));
    assert!(message.starts_with("options.labels"), "{message}");
    assert!(message.contains("backToTop"), "{message}");
}

#[wasm_bindgen_test]
fn bad_values_name_the_field_and_what_is_allowed() {
    let cases: [(&str, JsValue, &str); 9] = [
        ("lang", "fr".into(), r#"one of "en", "ko", "ja""#),
        ("theme", "blue".into(), r#"one of "auto", "light", "dark", "sepia""#),
        ("fontStep", 7.into(), "an integer from 1 to 5"),
        ("fontStep", 2.5.into(), "an integer from 1 to 5"),
        ("fontStep", f64::NAN.into(), "an integer from 1 to 5"),
        ("fontStep", "3".into(), "an integer from 1 to 5"),
        ("storageKey", true.into(), "a non-empty string, or false"),
        ("scrollOffset", (-5).into(), "a number of pixels from 0 to 10000"),
        ("markdown", 42.into(), "a string"),
    ];
    for (field, value, allowed) in cases {
        let message = error(object(&[(field, value)]));
        assert!(message.starts_with(&format!("options.{field}:")), "{message}");
        assert!(message.contains(allowed), "{field}: {message}");
    }
}

#[wasm_bindgen_test]
fn options_that_are_not_objects_are_refused_plainly() {
    for value in [JsValue::from(5), JsValue::from("ko"), js_sys::Array::new().into(), JsValue::TRUE] {
        let message = error(value);
        assert!(message.starts_with("options must be an object"), "{message}");
    }
}

#[wasm_bindgen_test]
fn mount_without_an_element_throws_an_error_not_a_panic() {
    for target in [JsValue::NULL, JsValue::UNDEFINED, JsValue::from("#reader"), js_sys::Object::new().into()] {
        let error = crate::mount(target, None).err().expect("should throw");
        let error: js_sys::Error = JsValue::from(error).dyn_into().expect("a JS Error");
        let message = String::from(error.message());
        assert!(message.starts_with("mount: target must be"), "{message}");
    }
    // The module keeps working after any number of bad calls.
    assert!(MountOptions::from_js(JsValue::UNDEFINED).is_ok());
}

// ---- Hardening: unusual JS values at the boundary (see also tests/e2e/hardening.test.mjs) -----

#[wasm_bindgen_test]
fn bigints_are_refused_with_the_field_and_what_is_allowed() {
    let cases: [(&str, &str); 5] = [
        ("fontStep", "an integer from 1 to 5"),
        ("scrollOffset", "a number of pixels from 0 to 10000"),
        ("markdown", "a string"),
        ("lang", r#"one of "en", "ko", "ja""#),
        ("storageKey", "a non-empty string, or false"),
    ];
    for (field, allowed) in cases {
        // 3n is a valid step and a valid offset as a number, but a BigInt is another type.
        for value in [js_sys::BigInt::from(3), js_sys::BigInt::from(10), js_sys::BigInt::from(-1)] {
            let message = error(object(&[(field, value.into())]));
            assert!(message.starts_with(&format!("options.{field}:")), "{message}");
            assert!(message.contains(allowed), "{field}: {message}");
        }
    }
    let message = error(js_sys::BigInt::from(10).into());
    assert!(message.starts_with("options must be an object") && message.ends_with("not the BigInt 10n"), "{message}");
}

#[wasm_bindgen_test]
fn symbols_as_values_are_refused_and_symbol_keys_ignored() {
    // Every option, so a new one cannot slip past this check.
    for &field in super::field_names::<MountOptions>() {
        let message = error(object(&[(field, js_sys::Symbol::for_("x").into())]));
        assert!(message.starts_with(&format!("options.{field}:")), "{message}");
    }
    let message = error(js_sys::Symbol::for_("options").into());
    assert!(message.starts_with("options must be an object") && message.ends_with("not a symbol"), "{message}");
    // A symbol-keyed property is not an option key (Object.keys skips it), so it is not "unknown".
    let options = object(&[("fontStep", 2.into())]);
    js_sys::Reflect::set(&options, &js_sys::Symbol::for_("fontStep"), &JsValue::from(9)).unwrap();
    assert_eq!(MountOptions::from_js(options).unwrap().font_step.map(|s| s.get()), Some(2));
}

#[wasm_bindgen_test]
fn proxies_and_getters_are_read_like_plain_objects() {
    // An empty handler: the target's own keys and values.
    let target = object(&[("fontStep", 4.into()), ("theme", "dark".into())]);
    let proxy = js_sys::Proxy::new(&target, &js_sys::Object::new());
    let options = MountOptions::from_js(proxy.into()).unwrap();
    assert_eq!(options.font_step.map(|s| s.get()), Some(4));
    // What a get trap answers is what counts, and it is validated like any value.
    let handler = object(&[(
        "get",
        js_sys::Function::new_with_args("t, k", "return k === 'fontStep' ? 9 : Reflect.get(t, k)").into(),
    )]);
    let message = error(js_sys::Proxy::new(&target, &handler.unchecked_into()).into());
    assert!(message.starts_with("options.fontStep:") && message.contains("an integer from 1 to 5"), "{message}");
    // The target's misspelt key shows through the proxy and is refused like any unknown key.
    let misspelt = js_sys::Proxy::new(&object(&[("fontstep", 2.into())]), &js_sys::Object::new());
    let message = error(misspelt.into());
    assert!(message.starts_with("options: unknown key `fontstep`"), "{message}");
    // An accessor property that returns a value is read like a data property.
    let options = js_sys::Object::new();
    let descriptor =
        object(&[("get", js_sys::Function::new_no_args("return 5").into()), ("enumerable", JsValue::TRUE)]);
    js_sys::Object::define_property(&options, &"fontStep".into(), &descriptor.unchecked_into());
    assert_eq!(MountOptions::from_js(options.into()).unwrap().font_step.map(|s| s.get()), Some(5));
    // Object.create(null) has no prototype to fall back on, and that is fine.
    let bare: js_sys::Object = js_sys::Object::create(JsValue::NULL.unchecked_ref::<js_sys::Object>());
    js_sys::Reflect::set(&bare, &"lang".into(), &"ko".into()).unwrap();
    assert!(MountOptions::from_js(bare.into()).is_ok());
}

#[wasm_bindgen_test]
fn a_getter_that_throws_is_reported_as_an_error_naming_what_threw() {
    // Read on the JS side inside try/catch, so the exception never unwinds through wasm; many
    // calls in a row are safe (tests/e2e/hardening.test.mjs makes thousands).
    for _ in 0..50 {
        let options = js_sys::Object::new();
        let descriptor = object(&[
            ("get", js_sys::Function::new_no_args("throw new Error('the getter refused')").into()),
            ("enumerable", JsValue::TRUE),
        ]);
        js_sys::Object::define_property(&options, &"fontStep".into(), &descriptor.unchecked_into());
        let message = error(options.into());
        assert_eq!(message, "options could not be read: the getter refused");
    }
    assert!(MountOptions::from_js(object(&[("fontStep", 2.into())])).is_ok());
}

#[wasm_bindgen_test]
fn scroll_offset_accepts_negative_zero_and_refuses_non_finite_numbers() {
    assert!(MountOptions::from_js(object(&[("scrollOffset", (-0.0).into())])).is_ok());
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -f64::MIN_POSITIVE, 10_000.5, 1e308] {
        let message = error(object(&[("scrollOffset", bad.into())]));
        assert!(
            message.starts_with("options.scrollOffset:") && message.contains("from 0 to 10000"),
            "{bad}: {message}"
        );
    }
}

#[wasm_bindgen_test]
fn every_label_key_is_read() {
    let keys = super::field_names::<reading_widget_core::i18n::LabelOverrides>();
    let labels = object(&keys.iter().map(|&k| (k, JsValue::from(k))).collect::<Vec<_>>());
    let options = MountOptions::from_js(object(&[("labels", labels)])).unwrap();
    let labels = options.labels.expect("labels");
    let read = labels.by_key();
    assert_eq!(read.len(), keys.len());
    for ((key_read, value), key) in read.into_iter().zip(keys) {
        assert_eq!((key_read, value), (*key, Some(*key)));
    }
}

#[wasm_bindgen_test]
fn resume_is_true_or_false() {
    assert_eq!(MountOptions::from_js(object(&[("resume", false.into())])).unwrap().resume, Some(false));
    assert_eq!(MountOptions::from_js(object(&[])).unwrap().resume, None);
    let message = error(object(&[("resume", "off".into())]));
    assert_eq!(message, r#"options.resume: invalid type: the string "off", expected true or false"#);
}

#[wasm_bindgen_test]
fn content_is_shadow_or_light_and_a_message_names_both() {
    use reading_widget_core::settings::Content;
    assert_eq!(MountOptions::from_js(object(&[("content", "light".into())])).unwrap().content, Some(Content::Light));
    assert_eq!(MountOptions::from_js(object(&[("content", "shadow".into())])).unwrap().content, Some(Content::Shadow));
    let message = error(object(&[("content", "dark".into())]));
    assert!(message.starts_with(r#"options.content: "#) && message.contains(r#""shadow", "light""#), "{message}");
}
