//! DOM behaviour in a real browser. Run with `wasm-pack test --headless --chrome -- --test web`.
#![cfg(target_arch = "wasm32")]

use gloo_events::EventListener;
use reading_widget::Widget;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = "+++\ntitle = \"Test article\"\nauthor = \"Kim\"\ndate = \"2026-01-02\"\n+++\n\nLede.\n\n## First section\n\nText.\n\n### A sub-section\n\nMore.\n\n## Second section\n\nEnd.\n";

fn mount(target: JsValue, options: JsValue) -> Result<Widget, wasm_bindgen::JsError> {
    reading_widget::mount(target, Some(options))
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount on, inside a wrapper of its own so that events caught on the
/// wrapper come from this test's widget only.
fn host() -> HtmlElement {
    let wrapper = document().create_element("div").unwrap();
    let element: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    wrapper.append_child(&element).unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    element
}

fn options(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in entries {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

/// Options for a test article whose step is not shared with other tests.
fn isolated(key: &str) -> JsValue {
    options(&[("markdown", ARTICLE.into()), ("storageKey", key.into())])
}

fn root(host: &HtmlElement) -> ShadowRoot {
    host.shadow_root().expect("an open shadow root")
}

fn query(host: &HtmlElement, selector: &str) -> Element {
    root(host).query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn query_all(host: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = root(host).query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn message(error: wasm_bindgen::JsError) -> String {
    let error: js_sys::Error = JsValue::from(error).unchecked_into();
    error.message().into()
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn renders_the_embedded_article_into_a_shadow_root_with_an_adopted_stylesheet() {
    let host = host();
    let widget = mount(host.clone().into(), JsValue::UNDEFINED).unwrap();
    assert!(query(&host, "article h1").text_content().unwrap().len() > 10);
    assert!(query_all(&host, "nav[aria-label=Sections] a").len() >= 5);
    assert_eq!(root(&host).adopted_style_sheets().length(), 1);
    assert!(query_all(&host, "style, script, link").is_empty(), "no <style>, <script> or <link>");
    assert!(query(&host, "time").get_attribute("datetime").is_some());
    assert!(query(&host, ".reading-time").text_content().unwrap().ends_with("min read"));
    widget.destroy();
}

#[wasm_bindgen_test]
fn errors_are_js_errors_that_name_the_problem_and_the_module_keeps_working() {
    let host = host();
    let cases = [
        (JsValue::NULL, JsValue::UNDEFINED, "mount: target must be an element"),
        (host.clone().into(), options(&[("lang", "de".into())]), "options.lang"),
        (host.clone().into(), options(&[("fontSize", 3.into())]), "unknown key `fontSize`"),
        (host.clone().into(), JsValue::from(7), "options must be an object"),
        (host.clone().into(), options(&[("markdown", "+++\ntitle = \n+++\n".into())]), "front matter, line 2"),
    ];
    for (target, options, expected) in cases {
        let error = message(mount(target, options).err().expect("should throw"));
        assert!(error.contains(expected), "{error}");
    }
    let widget = mount(host.clone().into(), isolated("t-errors")).unwrap();
    for bad in [
        JsValue::from(0),
        JsValue::from(6),
        JsValue::from(2.5),
        JsValue::from(f64::NAN),
        JsValue::from("4"),
        JsValue::NULL,
    ] {
        let error = message(widget.set_font_step(bad).unwrap_err());
        assert!(error.starts_with("setFontStep: step must be an integer from 1 to 5"), "{error}");
    }
    let error = message(widget.scroll_to_section("nope".into()).unwrap_err());
    assert!(error.contains("no section has id \"nope\"") && error.contains("\"first-section\""), "{error}");
    assert_eq!(widget.font_step().unwrap(), 3);
    widget.destroy();
}

#[wasm_bindgen_test]
fn text_size_steps_press_disable_and_scale_the_article() {
    let host = host();
    let widget = mount(host.clone().into(), isolated("t-steps")).unwrap();
    let frame = query(&host, ".rw");
    let size = |h: &HtmlElement| -> f64 {
        let article = query(h, "article");
        let style = web_sys::window().unwrap().get_computed_style(&article).unwrap().unwrap();
        style.get_property_value("font-size").unwrap().trim_end_matches("px").parse().unwrap()
    };
    let base = size(&host);
    let host_size: f64 = web_sys::window()
        .unwrap()
        .get_computed_style(&host)
        .unwrap()
        .unwrap()
        .get_property_value("font-size")
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert_eq!(base, host_size, "step 3 is the partner's base size");

    widget.set_font_step(1.into()).unwrap();
    let smallest = size(&host);
    assert!(query(&host, "[data-action=decrease]").has_attribute("disabled"));
    assert_eq!(query(&host, "[aria-label='Text size 1']").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(query(&host, "[aria-label='Text size 3']").get_attribute("aria-pressed").as_deref(), Some("false"));

    query(&host, "[data-action=increase]").unchecked_into::<HtmlElement>().click();
    assert_eq!(widget.font_step().unwrap(), 2);
    assert!(!query(&host, "[data-action=decrease]").has_attribute("disabled"));

    query(&host, "[aria-label='Text size 5']").unchecked_into::<HtmlElement>().click();
    assert_eq!(frame.get_attribute("data-step").as_deref(), Some("5"));
    assert!(query(&host, "[data-action=increase]").has_attribute("disabled"));
    assert!(size(&host) >= smallest * 1.25, "{} vs {smallest}", size(&host));
    widget.destroy();
}

#[wasm_bindgen_test]
fn the_step_persists_and_garbage_in_storage_falls_back_to_the_default() {
    let key = "t-persist";
    local_storage().remove_item(key).unwrap();
    let host = host();
    let widget = mount(host.clone().into(), isolated(key)).unwrap();
    widget.set_font_step(4.into()).unwrap();
    assert_eq!(local_storage().get_item(key).unwrap().as_deref(), Some("4"));
    widget.destroy();

    // Widgets sharing a key follow the stored step on their next mount.
    let other = mount(self::host().into(), isolated(key)).unwrap();
    assert_eq!(other.font_step().unwrap(), 4);
    other.destroy();

    for garbage in ["9", "abc", "", "2.5", "{}"] {
        local_storage().set_item(key, garbage).unwrap();
        let widget = mount(host.clone().into(), isolated(key)).unwrap();
        assert_eq!(widget.font_step().unwrap(), 3, "{garbage:?}");
        widget.destroy();
    }

    // An explicit fontStep wins; storageKey false stores nothing.
    let widget = mount(
        host.clone().into(),
        options(&[("markdown", ARTICLE.into()), ("storageKey", false.into()), ("fontStep", 2.into())]),
    )
    .unwrap();
    assert_eq!(widget.font_step().unwrap(), 2);
    widget.set_font_step(5.into()).unwrap();
    assert_eq!(local_storage().get_item(key).unwrap().as_deref(), Some("{}"));
    widget.destroy();
}

#[wasm_bindgen_test]
fn sections_and_navigation() {
    let host = host();
    let widget = mount(host.clone().into(), isolated("t-nav")).unwrap();
    let sections: Vec<(String, String, u8)> = js_sys::Array::from(&widget.sections().unwrap())
        .iter()
        .map(|s| {
            let get = |k: &str| js_sys::Reflect::get(&s, &k.into()).unwrap();
            (get("id").as_string().unwrap(), get("title").as_string().unwrap(), get("level").as_f64().unwrap() as u8)
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("first-section".into(), "First section".into(), 2),
            ("a-sub-section".into(), "A sub-section".into(), 3),
            ("second-section".into(), "Second section".into(), 2)
        ]
    );
    let links = query_all(&host, ".toc a");
    assert_eq!(
        links.iter().map(|a| a.get_attribute("href").unwrap()).collect::<Vec<_>>(),
        ["#first-section", "#a-sub-section", "#second-section"]
    );

    widget.scroll_to_section("second-section".into()).unwrap();
    assert_eq!(links[2].get_attribute("aria-current").as_deref(), Some("location"));
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "#second-section");

    links[0].unchecked_ref::<HtmlElement>().click();
    assert_eq!(links[0].get_attribute("aria-current").as_deref(), Some("location"));
    assert_eq!(links[2].get_attribute("aria-current"), None);
    assert_eq!(root(&host).active_element().unwrap().id(), "first-section", "the heading takes focus");
    widget.destroy();
}

#[wasm_bindgen_test]
fn events_bubble_out_of_the_shadow_root_with_details() {
    let host = host();
    let container = host.parent_element().unwrap();
    let seen = Rc::new(RefCell::new(Vec::<String>::new()));
    let listeners: Vec<EventListener> = ["fontstepchange", "sectionchange"]
        .into_iter()
        .map(|name| {
            let seen = seen.clone();
            EventListener::new(&container, name, move |event| {
                let detail = event.unchecked_ref::<web_sys::CustomEvent>().detail();
                let value = ["step", "id"]
                    .iter()
                    .map(|k| js_sys::Reflect::get(&detail, &(*k).into()).unwrap())
                    .find(|v| !v.is_undefined())
                    .unwrap();
                seen.borrow_mut().push(format!(
                    "{}={}",
                    event.type_(),
                    value.as_string().unwrap_or_else(|| value.as_f64().unwrap().to_string())
                ));
            })
        })
        .collect();
    // Another test may have left a #section in the address, which a new widget would follow.
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(&window.location().pathname().unwrap()))
        .unwrap();
    let widget = mount(host.clone().into(), isolated("t-events")).unwrap();
    widget.set_font_step(2.into()).unwrap();
    widget.scroll_to_section("a-sub-section".into()).unwrap();
    assert_eq!(*seen.borrow(), ["fontstepchange=2", "sectionchange=a-sub-section"]);
    widget.destroy();
    drop(listeners);
}

#[wasm_bindgen_test]
fn destroy_removes_everything_and_the_same_target_mounts_again() {
    let host = host();
    let widget = mount(host.clone().into(), isolated("t-destroy")).unwrap();
    widget.destroy();
    assert_eq!(root(&host).child_element_count(), 0);
    assert_eq!(root(&host).adopted_style_sheets().length(), 0);
    widget.destroy(); // twice is harmless
    assert!(message(widget.set_font_step(2.into()).unwrap_err()).contains("destroyed"));

    let again: Widget = mount(host.clone().into(), isolated("t-destroy")).unwrap();
    assert!(query_all(&host, "article").len() == 1);
    // Mounting over a live widget replaces it.
    let replaced = mount(host.clone().into(), isolated("t-destroy")).unwrap();
    assert_eq!(query_all(&host, "article").len(), 1);
    assert!(again.set_font_step(2.into()).is_err());
    replaced.destroy();
}

#[wasm_bindgen_test]
fn free_destroys_and_later_calls_say_so() {
    let host = host();
    let widget = mount(host.clone().into(), isolated("t-free")).unwrap();
    // JS's free() and [Symbol.dispose] (what `using` calls) reach this method.
    widget.free_handle();
    assert_eq!(root(&host).child_element_count(), 0, "the widget left the screen");
    assert_eq!(root(&host).adopted_style_sheets().length(), 0);
    for error in [
        widget.font_step().unwrap_err(),
        widget.sections().unwrap_err(),
        widget.scroll_to_top().unwrap_err(),
        widget.set_font_step(2.into()).unwrap_err(),
    ] {
        assert!(message(error).contains("this widget was destroyed"));
    }
    widget.free_handle(); // twice is harmless, as destroy() is
}

#[wasm_bindgen_test]
fn back_to_top_starts_hidden() {
    let host = host();
    let widget = mount(host.clone().into(), isolated("t-top")).unwrap();
    assert!(query(&host, ".to-top").has_attribute("hidden"));
    widget.scroll_to_top().unwrap();
    assert_eq!(root(&host).active_element().unwrap().tag_name(), "H1");
    widget.destroy();
}

#[wasm_bindgen_test]
fn the_ui_speaks_korean_and_japanese() {
    for (lang, nav, top) in [("ko", "목차", "페이지 상단으로 이동"), ("ja", "目次", "ページの先頭へ")]
    {
        let host = host();
        let widget =
            mount(host.clone().into(), options(&[("markdown", ARTICLE.into()), ("lang", lang.into())])).unwrap();
        assert_eq!(query(&host, "nav").get_attribute("aria-label").as_deref(), Some(nav));
        assert_eq!(query(&host, ".to-top").text_content().as_deref(), Some(top));
        assert_eq!(query(&host, ".rw").get_attribute("lang").as_deref(), Some(lang));
        widget.destroy();
    }
}

#[wasm_bindgen_test]
async fn the_custom_element_mounts_from_inline_markdown_and_unmounts_on_removal() {
    reading_widget::define_element().unwrap();
    reading_widget::define_element().unwrap(); // twice is safe
    let container = host();
    container.set_inner_html(
        "<reading-widget lang=\"ja\" font-step=\"2\" theme=\"sepia\"><script type=\"text/markdown\">\n    # Inline title\n\n    ## Only section\n\n    Text.\n</script></reading-widget>",
    );
    let element: HtmlElement = container.query_selector("reading-widget").unwrap().unwrap().unchecked_into();
    assert_eq!(query(&element, "h1").text_content().as_deref(), Some("Inline title"));
    assert_eq!(query(&element, ".rw").get_attribute("data-theme").as_deref(), Some("sepia"));
    assert_eq!(query(&element, ".rw").get_attribute("data-step").as_deref(), Some("2"));
    element.set_attribute("font-step", "4").unwrap();
    assert_eq!(query(&element, ".rw").get_attribute("data-step").as_deref(), Some("4"));
    element.set_attribute("theme", "dark").unwrap();
    assert_eq!(query(&element, ".rw").get_attribute("data-theme").as_deref(), Some("dark"));
    element.remove();
    assert_eq!(root(&element).child_element_count(), 0);
    container.append_child(&element).unwrap();
    assert_eq!(query_all(&element, "article").len(), 1);
}
