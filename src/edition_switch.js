// Loading another edition or part of the series for a widget that renders Markdown: fetched as
// `<reading-widget src>` fetches its article, then handed to the widget by an event on its
// shadow root (the widget's own listener renders it), so no Rust closure outlives a call.

/**
 * Fetches the Markdown at `url` and dispatches `name` on `root` with `{ url, markdown, ...detail }`;
 * the listener sets `detail.error` when it cannot show it. The promise settles after that, and
 * is rejected with an Error that says what went wrong.
 */
export async function loadInto(root, name, url, detail) {
  let markdown;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    if (/^\s*text\/html\s*(;|$)/i.test(response.headers.get("content-type") ?? "")) {
      throw new Error("it is a pre-rendered page, not Markdown");
    }
    markdown = await response.text();
  } catch (error) {
    throw new Error(`could not load the article from ${url}: ${error.message}`);
  }
  const event = new CustomEvent(name, { detail: { ...detail, url, markdown } });
  root.dispatchEvent(event);
  if (event.detail.error) throw new Error(event.detail.error);
}
