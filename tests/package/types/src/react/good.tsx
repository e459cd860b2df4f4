/// <reference types="reading-widget/jsx" />
// Good JSX: all of this compiles.
import "reading-widget/element";

export function Essay() {
  return (
    <reading-widget
      src="/articles/essay.md"
      theme="sepia"
      lang="ko"
      font-step={4}
      scroll-offset={64}
      resume="off"
      fragment-origins="https://cdn.example.org"
      className="reader"
      style={{ maxWidth: "40em" }}
      onfontstepchange={(event) => console.log(event.detail.step)}
      onsectionchange={(event) => console.log(event.detail.id)}
      onerror={(event) => console.log(event.detail.message)}
      ref={(element) => element?.widget?.setFontStep(3)}
    />
  );
}
