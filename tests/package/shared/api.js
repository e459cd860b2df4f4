// The JS API by the package's name: mount(), and what free() and [Symbol.dispose] (what a
// `using` declaration calls) leave behind. The outcome goes to data-result for the test to read.
import init, { mount } from "reading-widget";

const markdown = "+++\ntitle = \"Mounted from the tarball\"\n+++\n\nIntro.\n\n## One\n\nText.\n";

/** What a call on a destroyed handle throws: its class and message. */
function thrown(call) {
  try {
    call();
    return null;
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}

init().then(() => {
  const result = {};
  mount(document.getElementById("reader"), { markdown, storageKey: false, resume: false });
  for (const [id, end] of [["freed", (w) => w.free()], ["disposed", (w) => w[Symbol.dispose]()]]) {
    const host = document.getElementById(id);
    const widget = mount(host, { markdown, storageKey: false, resume: false });
    const before = host.shadowRoot.childElementCount;
    end(widget);
    result[id] = {
      before,
      after: host.shadowRoot.childElementCount,
      fontStep: thrown(() => widget.fontStep),
      setFontStep: thrown(() => widget.setFontStep(2)),
      again: thrown(() => end(widget)),
    };
  }
  document.documentElement.dataset.result = JSON.stringify(result);
});
