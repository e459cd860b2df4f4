//! The DOM side: the shadow root, the shared stylesheet, and handles to the elements the widget
//! drives. Everything here is thin; what to show is decided by the core's `template`.

use const_format::concatcp;
use reading_widget_core::markup_names::{action, attr, class, id, slot, MARKUP_VERSION};
use reading_widget_core::quote::quoted;
use reading_widget_core::settings::FontStep;
#[cfg(feature = "markdown")]
use reading_widget_core::template::Markup;
use reading_widget_core::Section;
#[cfg(feature = "markdown")]
use std::cell::OnceCell;
use wasm_bindgen::{JsCast, JsValue};
#[cfg(feature = "markdown")]
use web_sys::CssStyleSheet;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The stylesheet, compiled into the module so it needs no request and no `<style>` element
/// (which a strict `style-src` would block). Pre-rendered widgets link the same file instead
/// (pkg/reading-widget.css), so the hydrate-only build leaves it out. `src/style.css`, or the
/// minified copy `make build` names (see build.rs).
#[cfg(feature = "markdown")]
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

/// On the navigation of a widget rendered in the browser, for its first frames: laying out
/// thousands of entries nobody can see yet would hold the first frame back by tens of
/// milliseconds (a third of a 1 MB article's mount), so style.css leaves all but a screenful out.
const NAV_PARTIAL: &str = attr::DATA_PARTIAL;

#[cfg(feature = "markdown")]
thread_local! {
    // One constructed sheet serves every widget on the page: parsed once, shared by reference.
    static SHEET: OnceCell<CssStyleSheet> = const { OnceCell::new() };
}

/// Gives `root` the widget's stylesheet, shared by every widget on the page.
#[cfg(feature = "markdown")]
fn adopt_stylesheet(root: &ShadowRoot) -> Result<(), String> {
    let sheet = SHEET.with(|cell| {
        if let Some(sheet) = cell.get() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(CSS)?;
        Ok::<_, JsValue>(cell.get_or_init(|| sheet).clone())
    });
    let sheet = sheet.map_err(|_| "this browser cannot construct stylesheets (adoptedStyleSheets)".to_owned())?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}

/// The light-DOM article's stylesheet (`content: "light"`), generated from style.css by
/// scripts/minify-css.mjs (empty in a plain `cargo build`; see build.rs). It is scoped to the
/// widget's wrapper (`@scope (.rw-content)`), so it touches nothing else of the page.
#[cfg(feature = "markdown")]
const LIGHT_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/style-light.css"));

#[cfg(feature = "markdown")]
thread_local! {
    // The document's one copy of LIGHT_CSS, and how many mounted light widgets use it: added to
    // `document.adoptedStyleSheets` by the first, removed (by identity) with the last.
    static LIGHT_SHEET: std::cell::RefCell<(Option<CssStyleSheet>, usize)> = const { std::cell::RefCell::new((None, 0)) };
}

/// Adds the light stylesheet to the document, once for every light widget mounted.
#[cfg(feature = "markdown")]
fn adopt_light_stylesheet() -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    LIGHT_SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.1 == 0 {
            let sheet = match &cell.0 {
                Some(sheet) => sheet.clone(),
                None => {
                    let sheet = CssStyleSheet::new()
                        .map_err(|_| "this browser cannot construct stylesheets (adoptedStyleSheets)".to_owned())?;
                    let _ = sheet.replace_sync(LIGHT_CSS);
                    sheet
                }
            };
            // A live array: pushed onto, so the page's own adopted sheets stay.
            let _ = document.adopted_style_sheets().push(&sheet);
            cell.0 = Some(sheet);
        }
        cell.1 += 1;
        Ok(())
    })
}

/// One light widget fewer: the last takes the light stylesheet out of the document again.
#[cfg(feature = "markdown")]
fn release_light_stylesheet() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    LIGHT_SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        cell.1 = cell.1.saturating_sub(1);
        if cell.1 > 0 {
            return;
        }
        let Some(sheet) = &cell.0 else { return };
        // Every other sheet the page adopted stays, in its order.
        let sheet: &JsValue = sheet;
        let others = document.adopted_style_sheets().filter(&mut |s, _, _| &s != sheet);
        document.set_adopted_style_sheets(&others);
    });
}

#[cfg(not(feature = "markdown"))]
fn release_light_stylesheet() {}

/// Without the compiled-in stylesheet, a message is shown unstyled.
#[cfg(not(feature = "markdown"))]
fn adopt_stylesheet(_: &ShadowRoot) -> Result<(), String> {
    Ok(())
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
    /// The `<details>` around the navigation, the disclosure where no script runs: opened for
    /// good while the module runs, when the bar's button is the disclosure.
    pub(crate) disclosure: Option<Element>,
    pub(crate) links: Vec<Element>,
    /// The h2/h3 elements, in the order of the outline.
    pub(crate) headings: Vec<HtmlElement>,
    /// The chunk of a long article each heading is in (None: the article is not chunked).
    pub(crate) heading_chunks: Vec<Option<Element>>,
    pub(crate) title: HtmlElement,
    pub(crate) body: HtmlElement,
    pub(crate) to_top: HtmlElement,
    /// The offer to continue reading (hidden until made) and its button.
    pub(crate) resume: HtmlElement,
    pub(crate) resume_go: HtmlElement,
    /// The polite live region ("Link copied").
    pub(crate) status: HtmlElement,
    pub(crate) top_sentinel: Element,
    pub(crate) end_sentinel: Element,
    /// With `content="light"`: the host's light-DOM child that holds the article (slotted into
    /// the layout), and whether this widget created it (mounted) or took it over (pre-rendered).
    pub(crate) light: Option<Light>,
}

/// The light-DOM wrapper of a `content="light"` widget's article.
pub(crate) struct Light {
    pub(crate) wrapper: HtmlElement,
    /// Inserted by `mount()` (removed again by `destroy()`, with the document's light stylesheet
    /// reference), rather than pre-rendered.
    pub(crate) mounted: bool,
}

/// Where the widget finds its article's elements: the shadow root, or the light-DOM wrapper.
enum ArticleRoot<'a> {
    Shadow(&'a ShadowRoot),
    Light(&'a HtmlElement),
}

impl ArticleRoot<'_> {
    fn one(&self, selector: &str) -> Option<Element> {
        match self {
            ArticleRoot::Shadow(root) => root.query_selector(selector).ok().flatten(),
            ArticleRoot::Light(wrapper) => wrapper.query_selector(selector).ok().flatten(),
        }
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        elements(match self {
            ArticleRoot::Shadow(root) => root.query_selector_all(selector),
            ArticleRoot::Light(wrapper) => wrapper.query_selector_all(selector),
        })
    }

    fn by_id(&self, id: &str) -> Option<Element> {
        match self {
            ArticleRoot::Shadow(root) => root.get_element_by_id(id),
            // The light DOM is the document's id space: looked up within the wrapper, so another
            // widget's (or the page's) element of the same id is never taken for this one's.
            ArticleRoot::Light(wrapper) => {
                let selector = format!("[id=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\""));
                wrapper.query_selector(&selector).ok().flatten()
            }
        }
    }
}

/// The elements a `querySelectorAll` found (none when the selector failed). unchecked_into:
/// they may be another window's (a widget in a same-origin iframe), where `instanceof` fails.
pub(crate) fn elements(list: Result<web_sys::NodeList, JsValue>) -> Vec<Element> {
    let Ok(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| Some(list.item(i)?.unchecked_into::<Element>())).collect()
}

impl View {
    /// Renders `markup` into `host`'s open shadow root, creating the root if needed.
    /// `section_ids` are the outline's ids, whose headings the view looks up.
    /// With `content: "light"` the article goes into a light-DOM child of `host` (after what
    /// the partner left there, which stays unshown), and the document adopts the light stylesheet.
    #[cfg(feature = "markdown")]
    pub(crate) fn render(host: HtmlElement, markup: &Markup, section_ids: &[&str]) -> Result<View, String> {
        let root = shadow_root(&host)?;
        adopt_stylesheet(&root)?;
        root.set_inner_html(&markup.shadow);
        // Set before the browser first styles the new nodes, so the first frame already leaves
        // most of a long navigation out (style.css); `show_whole_nav` lets the rest in.
        if let Some(nav) = root.get_element_by_id(id::NAV) {
            let _ = nav.set_attribute(NAV_PARTIAL, "");
        }
        // A light-DOM article of the widget's own markup left in the element (pre-rendered, or
        // a fragment's, now replaced like the shadow root's markup) would still be slotted (or
        // seen by reader modes): it goes. The partner's other children stay.
        while let Some(old) = light_wrapper(&host) {
            old.remove();
        }
        let light = match &markup.light {
            Some(html) => {
                adopt_light_stylesheet()?;
                let _ = host.insert_adjacent_html("beforeend", html);
                let wrapper = light_wrapper(&host).ok_or("internal error: the light-DOM article was not inserted")?;
                Some(Light { wrapper, mounted: true })
            }
            None => None,
        };
        View::find(host, root, light, section_ids).map_err(|e| format!("internal error: the rendered widget has {e}"))
    }

    /// Shows every entry of the navigation, once the widget has been painted.
    pub(crate) fn show_whole_nav(&self) {
        if let Some(nav) = self.root.get_element_by_id(id::NAV) {
            let _ = nav.remove_attribute(NAV_PARTIAL);
        }
    }

    /// Takes over the markup a server rendered into `host`'s declarative shadow root, as it is:
    /// the same nodes, nothing re-rendered. Returns the view and the outline read from the
    /// navigation; refuses markup of another version, or edited so that parts are missing.
    pub(crate) fn adopt(host: HtmlElement) -> Result<(View, Vec<Section>), String> {
        let root = host.shadow_root().ok_or("the element has no open shadow root to take over")?;
        let frame = frame_of(&root).ok_or("its shadow root holds no widget")?;
        let version = frame.get_attribute(attr::DATA_MARKUP).unwrap_or_default();
        if version != MARKUP_VERSION {
            return Err(format!(
                "its markup is version {}, this module takes over version {}; render it again with the same release",
                quoted(&version),
                quoted(MARKUP_VERSION)
            ));
        }
        let sections = outline(&root);
        let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        let slotted = root.query_selector(concatcp!("slot[name=", slot::ARTICLE, "]")).ok().flatten().is_some();
        let light = match (slotted, light_wrapper(&host)) {
            (false, _) => None,
            (true, Some(wrapper)) => Some(Light { wrapper, mounted: false }),
            (true, None) => {
                return Err(concatcp!(
                    "its markup leaves the article to the light DOM (content=\"light\"), but the element holds no <div class=\"",
                    class::CONTENT,
                    "\" slot=\"",
                    slot::ARTICLE,
                    "\">"
                )
                .into())
            }
        };
        let view = View::find(host, root, light, &ids).map_err(|e| format!("its markup has {e}"))?;
        // What a widget that ran here before set (see `registry::release`) is worked out again.
        for link in &view.links {
            let _ = link.remove_attribute("aria-current");
        }
        view.show_whole_nav();
        view.to_top.set_hidden(true);
        view.resume.set_hidden(true);
        view.status.set_text_content(None);
        Ok((view, sections))
    }

    /// Looks up the elements the widget drives in `root`; says what is missing.
    fn find(host: HtmlElement, root: ShadowRoot, light: Option<Light>, section_ids: &[&str]) -> Result<View, String> {
        let article = match &light {
            Some(light) => ArticleRoot::Light(&light.wrapper),
            None => ArticleRoot::Shadow(&root),
        };
        let in_article = |selector: &str| -> Result<HtmlElement, String> {
            article.one(selector).map(JsCast::unchecked_into).ok_or_else(|| format!("no {selector}"))
        };
        // unchecked_into: these are the widget's own HTML elements, but possibly of another
        // window (a same-origin iframe), where `instanceof` against this one would fail.
        let one = |selector: &str| -> Result<HtmlElement, String> {
            root.query_selector(selector)
                .ok()
                .flatten()
                .map(JsCast::unchecked_into)
                .ok_or_else(|| format!("no {selector}"))
        };
        let all = |selector: &str| elements(root.query_selector_all(selector));
        let mut headings = Vec::with_capacity(section_ids.len());
        for id in section_ids {
            let heading = article
                .by_id(id)
                .map(JsCast::unchecked_into::<HtmlElement>)
                .ok_or_else(|| format!("no heading with id {}", quoted(id)))?;
            headings.push(heading);
        }
        let step_buttons = all(concatcp!(".", class::SIZE_STEP));
        if step_buttons.len() != FontStep::all().count() {
            return Err(format!("{} text-size steps instead of {}", step_buttons.len(), FontStep::all().count()));
        }
        Ok(View {
            frame: one(concatcp!(".", class::FRAME))?,
            bar: one(concatcp!(".", class::BAR))?,
            step_buttons,
            decrease: one(concatcp!("[", attr::DATA_ACTION, "=", action::DECREASE, "]"))?,
            increase: one(concatcp!("[", attr::DATA_ACTION, "=", action::INCREASE, "]"))?,
            toggle: all(concatcp!(".", class::NAV_TOGGLE)).into_iter().next(),
            disclosure: all(concatcp!(".", class::TOC_DISCLOSURE)).into_iter().next(),
            links: all(concatcp!(".", class::TOC, " a")),
            heading_chunks: headings.iter().map(|h| h.closest(concatcp!(".", class::CHUNK)).ok().flatten()).collect(),
            headings,
            title: in_article(concatcp!(".", class::TITLE)).or_else(|_| in_article("article"))?,
            body: in_article(concatcp!(".", class::BODY))?,
            to_top: one(concatcp!(".", class::TO_TOP))?,
            resume: one(concatcp!(".", class::RESUME))?,
            resume_go: one(concatcp!(".", class::RESUME_GO))?,
            status: one(concatcp!(".", class::STATUS))?,
            top_sentinel: one(concatcp!(".", class::TOP_SENTINEL))?.into(),
            end_sentinel: in_article(concatcp!(".", class::END_SENTINEL))?.into(),
            host,
            root,
            light,
        })
    }

    /// Where the article's elements are: the shadow root, or the light-DOM wrapper.
    fn article(&self) -> ArticleRoot<'_> {
        match &self.light {
            Some(light) => ArticleRoot::Light(&light.wrapper),
            None => ArticleRoot::Shadow(&self.root),
        }
    }

    /// The article's element with `id` (a heading, a footnote), wherever the article lives.
    pub(crate) fn article_by_id(&self, id: &str) -> Option<Element> {
        self.article().by_id(id)
    }

    /// The article's elements that match `selector`, wherever the article lives.
    pub(crate) fn article_all(&self, selector: &str) -> Vec<Element> {
        self.article().all(selector)
    }

    /// Sets (or with None removes) a state attribute of the frame, which style.css selects by,
    /// and of the light wrapper, which the light stylesheet selects by in the same way.
    pub(crate) fn set_state(&self, name: &str, value: Option<&str>) {
        let targets = std::iter::once(&*self.frame).chain(self.light.as_ref().map(|l| &*l.wrapper));
        for element in targets {
            let _ = match value {
                Some(value) => element.set_attribute(name, value),
                None => element.remove_attribute(name),
            };
        }
    }

    /// The text-size step the markup was rendered with.
    pub(crate) fn rendered_step(&self) -> Result<FontStep, String> {
        let step = self.frame.get_attribute(attr::DATA_STEP).unwrap_or_default();
        step.parse::<u8>()
            .ok()
            .and_then(|n| FontStep::from_number(n.into()))
            .ok_or_else(|| format!("its markup has data-step={}, not a step from 1 to 5", quoted(&step)))
    }

    /// Keeps `px` pixels free above headings the widget scrolls to, for a fixed page header.
    pub(crate) fn set_scroll_offset(&self, px: f64) {
        // Through JS's number formatting: Rust's float formatting would add kilobytes to the module.
        let px = String::from(js_sys::Number::from(px).to_string_with_radix(10).unwrap_or_else(|_| "0".into()));
        let _ = self.frame.style().set_property("--rw-scroll-offset", &format!("{px}px"));
    }

    /// Marks the widget as running: controls that need script are shown (style.css hides them
    /// until then, without changing the layout), and the bar's button takes over from the native
    /// disclosure (whose `<summary>` style.css hides wherever script runs).
    pub(crate) fn set_live(&self, live: bool) {
        self.set_state(attr::DATA_LIVE, live.then_some(""));
        if let Some(disclosure) = &self.disclosure {
            let _ = disclosure.toggle_attribute_with_force("open", live);
        }
    }

    /// Shows a message (an error) in place of a widget; nothing in it needs wiring.
    pub(crate) fn render_message(host: &HtmlElement, markup: &str) -> Result<(), String> {
        let root = shadow_root(host)?;
        adopt_stylesheet(&root)?;
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
    /// an element can only ever be given one. A light-DOM article goes too, mounted or
    /// pre-rendered (as the pre-rendered shadow root's markup does); nothing else of the host's
    /// children is touched.
    pub(crate) fn clear(&self) {
        self.root.set_inner_html("");
        self.root.set_adopted_style_sheets(&js_sys::Array::new());
        if let Some(light) = &self.light {
            light.wrapper.remove();
            if light.mounted {
                release_light_stylesheet();
            }
        }
    }
}

/// The sections the navigation lists: each link's `data-section` id and text, level 3 when it
/// is nested under another entry.
fn outline(root: &ShadowRoot) -> Vec<Section> {
    let Ok(links) = root.query_selector_all(concatcp!(".", class::TOC, " a[", attr::DATA_SECTION, "]")) else {
        return Vec::new();
    };
    (0..links.length())
        .filter_map(|i| links.item(i))
        .map(|node| {
            let link: Element = node.unchecked_into();
            let nested = link.closest(concatcp!(".", class::TOC, " ol ol")).ok().flatten().is_some();
            Section {
                id: link.get_attribute(attr::DATA_SECTION).unwrap_or_default(),
                title: link.text_content().unwrap_or_default(),
                level: if nested { 3 } else { 2 },
            }
        })
        .collect()
}

/// The host's light-DOM child that holds a `content="light"` article, if it has one.
fn light_wrapper(host: &HtmlElement) -> Option<HtmlElement> {
    let selector = concatcp!(":scope > .", class::CONTENT, "[slot=", slot::ARTICLE, "]");
    // The last: a mounted article is appended after whatever the host held.
    let list = host.query_selector_all(selector).ok()?;
    list.item(list.length().checked_sub(1)?).map(JsCast::unchecked_into)
}

/// The widget's outermost element, if `root` holds one (a pre-rendered root links its
/// stylesheet before it).
fn frame_of(root: &ShadowRoot) -> Option<Element> {
    let frame = root.query_selector(concatcp!(".", class::FRAME)).ok()??;
    let root: &web_sys::Node = root;
    frame.parent_node().is_some_and(|parent| &parent == root).then_some(frame)
}

/// The host's open shadow root: an existing empty one is reused (after `destroy()`, or one the
/// partner prepared), else a new one is attached.
fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, String> {
    if let Some(root) = host.shadow_root() {
        let ours = frame_of(&root).is_some();
        if root.child_element_count() > 0 && !ours {
            return Err("target already has a shadow root with other content; mount into an element of its own".into());
        }
        return Ok(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| {
        format!(
            "target <{}> cannot host a shadow root (it is closed, or the element type does not allow one); use a <div>, <section>, <article> or a custom element",
            host.tag_name().to_ascii_lowercase()
        )
    })
}
