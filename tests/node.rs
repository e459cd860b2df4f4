//! The JS boundary without a DOM: option validation and error messages.
//! Run with `wasm-pack test --node -- --test node`.
#![cfg(target_arch = "wasm32")]

use reading_widget::options::MountOptions;
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
        ("theme", "blue".into(), "`auto`, `light`, `dark`, `sepia`"),
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
        let error = reading_widget::mount(target, None).err().expect("should throw");
        let error: js_sys::Error = JsValue::from(error).dyn_into().expect("a JS Error");
        let message = String::from(error.message());
        assert!(message.starts_with("mount: target must be"), "{message}");
    }
    // The module keeps working after any number of bad calls.
    assert!(MountOptions::from_js(JsValue::UNDEFINED).is_ok());
}
