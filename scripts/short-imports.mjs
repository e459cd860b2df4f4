// Shortens the names the wasm module imports its glue functions by. wasm-bindgen names each one
// `__wbg_<method>_<16 hex digits>`, and each name stands twice in the download: in the module's
// import section and as a key of the glue's import object. Hex digits do not compress, so those
// names cost about 4 KB gzip of the 160 KB. They become `$0`, `$1`, … in both places.
//
// binaryen (already here for wasm-opt) reads and writes the module, with the features the module
// declares; the glue's keys are renamed only where each stands exactly once as a key, and an
// import whose key is not found keeps its name. Run on the minified glue (finish-pkg.mjs does).
// Idempotent: names already short are left alone.
import binaryen from "binaryen";
import { readFileSync, writeFileSync } from "node:fs";

const SHORT = /^\$[0-9a-z]+$/;

/**
 * Renames the imports of `<stem>_bg.wasm` from its glue module `./<stem>_bg.js` in both files
 * under `dir` (a file URL). Returns how many were renamed.
 */
export function shortenImports(dir, stem) {
  const wasmUrl = new URL(`${stem}_bg.wasm`, dir);
  const glueUrl = new URL(`${stem}.js`, dir);
  const glueModule = `./${stem}_bg.js`;
  let glue = readFileSync(glueUrl, "utf8");
  const module = binaryen.readBinary(readFileSync(wasmUrl));
  try {
    const imports = [];
    // Every import's name, so that a new one never repeats a name already in use.
    const taken = new Set();
    for (let i = 0; i < module.getNumFunctions(); i++) {
      const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
      taken.add(info.base);
      if (info.module === glueModule && !SHORT.test(info.base)) imports.push(info);
    }
    let next = 0;
    const fresh = () => {
      let name;
      do name = `$${(next++).toString(36)}`;
      while (taken.has(name));
      return name;
    };
    let renamed = 0;
    for (const info of imports) {
      // A key of the glue's object literal: `{name:` or `,name:` in the minified glue.
      const key = new RegExp(`([{,])${info.base.replace(/[$]/g, "\\$&")}:`, "g");
      if ((glue.match(key)?.length ?? 0) !== 1) continue;
      const name = fresh();
      glue = glue.replace(key, (_, before) => `${before}${name}:`);
      module.removeFunction(info.name);
      module.addFunctionImport(info.name, info.module, name, info.params, info.results);
      renamed++;
    }
    if (renamed > 0) {
      if (!module.validate()) throw new Error(`short-imports: ${stem}_bg.wasm does not validate after renaming`);
      writeFileSync(wasmUrl, module.emitBinary());
      writeFileSync(glueUrl, glue);
    }
    return renamed;
  } finally {
    module.dispose();
  }
}
