//! reading-widget: an embeddable article reader.
pub mod article;
pub mod front_matter;
pub mod link_policy;
pub mod slug;
pub mod i18n;
pub mod options;
pub mod template;
