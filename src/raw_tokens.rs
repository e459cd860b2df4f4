//! Raw HTML in an article, read by the browser's own HTML parser: the core's sanitizer
//! (reading_widget_core::article, raw_html) takes tokens from here instead of from html5gum, which
//! would add about 60 KB gzip to the module. The same allowlist code then writes the same markup
//! a pre-rendered page has.
//!
//! The piece is parsed inside a `<template>` (inert: nothing in it loads or runs), after the
//! start tags of the elements still open from earlier pieces and before a marker element. The
//! tree is then read back as tokens: an element the marker is inside was left open at the end
//! (no end tag), an open element from before that the marker is outside of was closed by the
//! piece (an end tag).

use reading_widget_core::article::{HtmlTokenizer, RawToken};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement, Node};

/// Marks the end of the piece; the author cannot write `data-rw-end` into the last place.
const MARKER: &str = "<wbr data-rw-end>";

/// The browser's HTML parser as a tokenizer.
pub(crate) struct BrowserTokenizer {
    template: HtmlTemplateElement,
}

impl BrowserTokenizer {
    /// `None` where there is no document to parse in.
    pub(crate) fn new() -> Option<BrowserTokenizer> {
        let document = web_sys::window()?.document()?;
        let template = document.create_element("template").ok()?.dyn_into::<HtmlTemplateElement>().ok()?;
        Some(BrowserTokenizer { template })
    }
}

impl HtmlTokenizer for BrowserTokenizer {
    fn tokenize(&self, html: &str, open: &[&str]) -> Vec<RawToken> {
        let mut source = String::with_capacity(html.len() + 64);
        for name in open {
            source.push('<');
            source.push_str(name);
            source.push('>');
        }
        source.push_str(html);
        source.push_str(MARKER);
        self.template.set_inner_html(&source);
        let content = self.template.content();
        let last = |selector: &str| {
            content.query_selector_all(selector).ok().and_then(|all| all.item(all.length().checked_sub(1)?))
        };
        // An element whose content is raw text (`<script>`, `<textarea>` …) left open takes the
        // marker as its text: then it, the last element, is what was left open.
        let (marker, swallowed) = match last("wbr[data-rw-end]") {
            Some(marker) => (marker, false),
            None => (last("*").unwrap_or_else(|| content.clone().unchecked_into()), true),
        };
        // The elements opened before, outermost first, as the parser put them.
        let mut prefix = Vec::new();
        let mut node = content.first_child();
        for name in open {
            let Some(el) = node.as_ref().and_then(|n| n.dyn_ref::<Element>()).filter(|el| el.local_name() == *name)
            else {
                break;
            };
            prefix.push(el.clone());
            node = el.first_child();
        }
        let mut tokens = Vec::new();
        // Depth first, without recursion (a piece may nest thousands deep): each node is entered,
        // then left once its children are done.
        let mut stack: Vec<(Node, bool)> = Vec::new();
        let mut child = content.last_child();
        while let Some(node) = child {
            child = node.previous_sibling();
            stack.push((node, false));
        }
        while let Some((node, left)) = stack.pop() {
            let Some(el) = node.dyn_ref::<Element>() else {
                if !left && node.node_type() == Node::TEXT_NODE {
                    let text = node.node_value().unwrap_or_default();
                    let text = match text.strip_suffix(MARKER) {
                        Some(before) if swallowed => before.to_owned(),
                        _ => text,
                    };
                    tokens.push(RawToken::Text(text));
                }
                continue;
            };
            if node == marker && !swallowed {
                continue;
            }
            let from_before = prefix.contains(el);
            if left {
                if !node.contains(Some(&marker)) {
                    tokens.push(RawToken::End { name: el.local_name() });
                }
                continue;
            }
            if !from_before {
                let attrs = el.attributes();
                let attributes =
                    (0..attrs.length()).filter_map(|i| attrs.item(i)).map(|attr| (attr.name(), attr.value())).collect();
                tokens.push(RawToken::Start { name: el.local_name(), attributes, self_closing: false });
            }
            stack.push((node.clone(), true));
            let mut child = node.last_child();
            while let Some(inner) = child {
                child = inner.previous_sibling();
                stack.push((inner, false));
            }
        }
        self.template.set_inner_html("");
        tokens
    }
}
