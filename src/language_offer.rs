//! Offering the reader's own language, never switching to it: when the browser's
//! `navigator.languages` ranks another edition's language above the one shown (core's
//! [`language_to_offer`]), a small offer in that language links to it ("이 글은 한국어로도 읽을
//! 수 있습니다"). Once dismissed it is not offered again: the dismissal is stored under the
//! partner's storage key with the reader's other choices (`storageKey: false` stores nothing),
//! and the partner can turn the offer off (`offerLanguage: false`).

use crate::edition_links;
use crate::prefs;
use crate::view::View;
use const_format::concatcp;
use reading_widget_core::editions::{autonym, language_to_offer};
use reading_widget_core::i18n::builtin;
use reading_widget_core::markup_names::{attr, class};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// What is stored, under the storage key, once the reader has turned the offer down.
const DISMISSED_SUFFIX: &str = ":language-offer";

/// One widget's offer.
pub(crate) struct LanguageOffer {
    /// Where the dismissal is stored (None: nowhere).
    key: Option<String>,
    /// Off when the partner turned it off or the reader dismissed it.
    enabled: Cell<bool>,
}

impl LanguageOffer {
    pub(crate) fn new(storage_key: Option<&str>, enabled: bool) -> LanguageOffer {
        let key = storage_key.map(|base| format!("{base}{DISMISSED_SUFFIX}"));
        let dismissed = key.as_deref().and_then(prefs::load_text).is_some();
        LanguageOffer { key, enabled: Cell::new(enabled && !dismissed) }
    }

    fn parts(view: &View) -> Option<(HtmlElement, HtmlElement, HtmlElement)> {
        let find = |selector: &str| -> Option<HtmlElement> {
            Some(view.root.query_selector(selector).ok()??.unchecked_into())
        };
        Some((
            find(concatcp!(".", class::OFFER))?,
            find(concatcp!(".", class::OFFER_GO))?,
            find(concatcp!(".", class::OFFER_DISMISS))?,
        ))
    }

    /// Shows the offer if the reader's languages call for one.
    pub(crate) fn offer(&self, view: &View) {
        if !self.enabled.get() {
            return;
        }
        let links = edition_links::links(view);
        let Some(shown) = links.iter().find(|(_, link)| link.has_attribute("aria-current")).map(|(lang, _)| *lang)
        else {
            return;
        };
        let available: Vec<_> = links.iter().map(|(lang, _)| *lang).collect();
        let preferred: Vec<String> = web_sys::window()
            .map(|w| w.navigator().languages().iter().filter_map(|tag| tag.as_string()).collect())
            .unwrap_or_default();
        let Some(lang) = language_to_offer(shown, &available, &preferred) else { return };
        let (Some(link), Some((offer, go, dismiss))) = (edition_links::link_for(view, lang), Self::parts(view)) else {
            return;
        };
        // In the reader's language, whatever the UI's.
        let tag = lang.tag();
        // A language named in itself is its autonym.
        go.set_text_content(Some(&builtin::also_in(lang).replace("{lang}", autonym(lang))));
        for (name, value) in [
            ("href", link.get_attribute("href").unwrap_or_default().as_str()),
            ("hreflang", tag),
            (attr::DATA_EDITION, tag),
        ] {
            let _ = go.set_attribute(name, value);
        }
        let _ = offer.set_attribute("lang", tag);
        let _ = dismiss.set_attribute("aria-label", builtin::dismiss(lang));
        offer.set_hidden(false);
    }

    /// Hides the offer; with `for_good`, the reader turned it down: it is not offered again.
    /// Returns whether it held the focus.
    pub(crate) fn withdraw(&self, view: &View, for_good: bool) -> bool {
        let Some((offer, _, _)) = Self::parts(view) else { return false };
        if for_good {
            self.enabled.set(false);
            if let Some(key) = &self.key {
                prefs::save_text(key, Some("dismissed"));
            }
        }
        let focused = view.root.active_element().is_some_and(|el| offer.contains(Some(&el)));
        offer.set_hidden(true);
        focused
    }
}
