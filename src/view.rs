//! The DOM side: the shadow root, the shared stylesheet, and handles to the elements the widget
//! drives. Everything here is thin; what to show is decided by the core's `template`.

use std::cell::OnceCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

/// The stylesheet, compiled into the module so it needs no request and no `<style>` element
/// (which a strict `style-src` would block).
const CSS: &str = include_str!("style.css");

thread_local! {
    // One constructed sheet serves every widget on the page: parsed once, shared by reference.
    static SHEET: OnceCell<CssStyleSheet> = const { OnceCell::new() };
}

fn stylesheet() -> Result<CssStyleSheet, JsValue> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.get() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(CSS)?;
        Ok(cell.get_or_init(|| sheet).clone())
    })
}

/// Handles to the rendered widget's elements.
pub(crate) struct View {
    pub(crate) host: HtmlElement,
    pub(crate) root: ShadowRoot,
    /// The outermost element inside the shadow root; carries theme, step and layout state.
    pub(crate) frame: HtmlElement,
    pub(crate) bar: HtmlElement,
    pub(crate) step_buttons: Vec<Element>,
    pub(crate) decrease: HtmlElement,
    pub(crate) increase: HtmlElement,
    pub(crate) toggle: Option<Element>,
    pub(crate) links: Vec<Element>,
    /// The h2/h3 elements, in the order of the outline.
    pub(crate) headings: Vec<HtmlElement>,
    pub(crate) title: HtmlElement,
    pub(crate) body: HtmlElement,
    pub(crate) to_top: HtmlElement,
    pub(crate) top_sentinel: Element,
    pub(crate) end_sentinel: Element,
}

impl View {
    /// Renders `markup` into `host`'s open shadow root, creating the root if needed.
    /// `section_ids` are the outline's ids, whose headings the view looks up.
    pub(crate) fn render(host: HtmlElement, markup: &str, section_ids: &[&str]) -> Result<View, String> {
        let root = shadow_root(&host)?;
        let sheet =
            stylesheet().map_err(|_| "this browser cannot construct stylesheets (adoptedStyleSheets)".to_owned())?;
        root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        root.set_inner_html(markup);

        // unchecked_into: these are the widget's own HTML elements, but possibly of another
        // window (a same-origin iframe), where `instanceof` against this one would fail.
        let one = |selector: &str| -> Result<HtmlElement, String> {
            root.query_selector(selector)
                .ok()
                .flatten()
                .map(JsCast::unchecked_into)
                .ok_or_else(|| format!("internal error: the rendered widget has no {selector}"))
        };
        let all = |selector: &str| -> Vec<Element> {
            let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
            (0..list.length()).filter_map(|i| Some(list.item(i)?.unchecked_into::<Element>())).collect()
        };
        let mut headings = Vec::with_capacity(section_ids.len());
        for id in section_ids {
            let heading = root
                .get_element_by_id(id)
                .map(JsCast::unchecked_into::<HtmlElement>)
                .ok_or_else(|| format!("internal error: no heading with id {id:?}"))?;
            headings.push(heading);
        }
        Ok(View {
            frame: one(".rw")?,
            bar: one(".bar")?,
            step_buttons: all(".size-step"),
            decrease: one("[data-action=decrease]")?,
            increase: one("[data-action=increase]")?,
            toggle: all(".nav-toggle").into_iter().next(),
            links: all(".toc a"),
            headings,
            title: one(".title").or_else(|_| one("article"))?,
            body: one(".body")?,
            to_top: one(".to-top")?,
            top_sentinel: one(".top-sentinel")?.into(),
            end_sentinel: one(".end-sentinel")?.into(),
            host,
            root,
        })
    }

    /// Shows a message (an error) in place of a widget; nothing in it needs wiring.
    pub(crate) fn render_message(host: &HtmlElement, markup: &str) -> Result<(), String> {
        let root = shadow_root(host)?;
        let sheet = stylesheet().map_err(|_| "this browser cannot construct stylesheets".to_owned())?;
        root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        root.set_inner_html(markup);
        Ok(())
    }

    /// Dispatches `name` on the host, bubbling and composed, with `{ [key]: value }` as detail.
    pub(crate) fn emit(&self, name: &str, key: &str, value: &JsValue) {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), value);
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }

    /// Removes everything the widget put into the shadow root. The root itself stays, because
    /// an element can only ever be given one.
    pub(crate) fn clear(&self) {
        self.root.set_inner_html("");
        self.root.set_adopted_style_sheets(&js_sys::Array::new());
    }
}

/// The host's open shadow root: an existing empty one is reused (after `destroy()`, or one the
/// partner prepared), else a new one is attached.
fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, String> {
    if let Some(root) = host.shadow_root() {
        let ours = root.first_element_child().is_some_and(|first| first.class_list().contains("rw"));
        if root.child_element_count() > 0 && !ours {
            return Err("target already has a shadow root with other content; mount into an element of its own".into());
        }
        return Ok(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| {
        format!(
            "target <{}> cannot host a shadow root (it is closed, or the element type does not allow one); use a <div>, <section>, <article> or a custom element",
            host.tag_name().to_lowercase()
        )
    })
}
