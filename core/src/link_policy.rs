//! Which link and image URLs an article may carry, and the address of a section.
//!
//! An allowlist, because a denylist of "bad" schemes is what XSS filters get wrong:
//! only http, https, mailto, scheme-less (relative) URLs and fragments pass.

/// Where a URL points, once it has passed the allowlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `#id` inside the article.
    Fragment,
    /// Relative to the partner's page.
    Relative,
    /// Another site: http(s) or protocol-relative `//host`.
    External,
    /// `mailto:`.
    Mail,
}

/// Normalises a URL the way a browser's URL parser would before it looks at the scheme,
/// and classifies it; `None` means the URL is not allowed.
///
/// Browsers strip leading and trailing C0 controls and spaces and delete tabs and newlines
/// anywhere, so `" java\tscript:"` is `javascript:` to them and must be to us.
pub fn check(url: &str) -> Option<(String, Target)> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ' || c.is_whitespace() || c == '\u{7f}')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let target = classify(&cleaned)?;
    Some((cleaned, target))
}

/// An absolute `http:` or `https:` URL with a host, normalised as [`check`] does: what an
/// article's one public address (its canonical URL) may be. Relative and protocol-relative URLs,
/// fragments and every other scheme are refused (`None`).
pub fn absolute_http(url: &str) -> Option<String> {
    let (cleaned, target) = check(url)?;
    let (scheme, rest) = cleaned.split_once(':')?;
    let authority = rest.strip_prefix("//")?;
    let host = authority.split(['/', '?', '#']).next().unwrap_or_default();
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    (target == Target::External && web && !host.is_empty() && !cleaned.contains(['\\', ' ', '"', '<', '>']))
        .then_some(cleaned)
}

fn classify(url: &str) -> Option<Target> {
    if url.starts_with('#') {
        return Some(Target::Fragment);
    }
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") || url.starts_with("\\/") {
        return Some(Target::External);
    }
    // Everything before the first ':' counts as a scheme unless a '/', '?' or '#' comes first
    // (then the colon is inside a path, as in `a/b:c`). Only the allowed schemes pass; anything
    // else that reaches a colon is refused, including strings that are not valid schemes at all,
    // since browsers disagree on those and no article needs them.
    let Some(end) = url.find([':', '/', '?', '#']) else {
        return Some(Target::Relative);
    };
    if url.as_bytes()[end] != b':' {
        return Some(Target::Relative);
    }
    let scheme = &url[..end];
    if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
        Some(Target::External)
    } else if scheme.eq_ignore_ascii_case("mailto") {
        Some(Target::Mail)
    } else {
        None
    }
}

/// The address of a place on the page at `page` (a URL, perhaps with a fragment already):
/// the page without its fragment, then `#` and `fragment`, which the caller has percent-encoded.
pub fn section_address(page: &str, fragment: &str) -> String {
    let page = page.split_once('#').map_or(page, |(before, _)| before);
    format!("{page}#{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str) -> bool {
        check(url).is_some()
    }

    #[test]
    fn safe_schemes_relative_urls_and_fragments_pass() {
        for url in [
            "https://example.org/a?b#c",
            "HTTP://EXAMPLE.ORG",
            "mailto:desk@example.org",
            "MailTo:desk@example.org",
            "/about",
            "../notes.html",
            "notes.html#x",
            "?page=2",
            "#method",
            "a/b:c",
            "",
        ] {
            assert!(allowed(url), "{url:?} should pass");
        }
    }

    #[test]
    fn script_capable_and_unknown_schemes_are_refused() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "javascript\r:alert(1)",
            "\u{0}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "ftp://example.org",
            "blob:https://example.org/x",
            "1javascript:alert(1)",
            ":foo",
        ] {
            assert!(!allowed(url), "{url:?} should be refused");
        }
    }

    #[test]
    fn absolute_http_urls_need_a_scheme_and_a_host() {
        assert_eq!(absolute_http(" https://example.org/a?b#c ").as_deref(), Some("https://example.org/a?b#c"));
        assert_eq!(absolute_http("HTTP://EXAMPLE.ORG").as_deref(), Some("HTTP://EXAMPLE.ORG"));
        for url in [
            "//example.org",
            "/a",
            "a",
            "#a",
            "",
            "https://",
            "https:/example.org",
            "https:example.org",
            "https:///a",
            "https:\\\\example.org",
            "https://exa mple.org",
            "mailto:a@b",
            "javascript://example.org/%0aalert(1)",
        ] {
            assert_eq!(absolute_http(url), None, "{url:?}");
        }
    }

    #[test]
    fn a_section_address_replaces_the_fragment() {
        assert_eq!(section_address("https://example.org/essay?x=1", "method"), "https://example.org/essay?x=1#method");
        assert_eq!(section_address("https://example.org/essay#intro", "method"), "https://example.org/essay#method");
        assert_eq!(section_address("https://example.org/#a#b", "%ED%95%9C"), "https://example.org/#%ED%95%9C");
    }

    #[test]
    fn targets_are_classified() {
        assert_eq!(check("#x").unwrap().1, Target::Fragment);
        assert_eq!(check("x.html").unwrap().1, Target::Relative);
        assert_eq!(check("//cdn.example.org").unwrap().1, Target::External);
        assert_eq!(check(" https://a.example ").unwrap(), ("https://a.example".into(), Target::External));
        assert_eq!(check("mailto:a@b").unwrap().1, Target::Mail);
    }
}
