#!/usr/bin/env python3
"""Fails when two modules of one crate import each other, directly or through others.

Each crate's modules form a layered design (see the crate docs); a cycle means a responsibility
has leaked into the wrong module. Reads `use crate::…` and `crate::x::` paths in the src/*.rs of
every crate: the wasm crate, core, render and cli (a module's own tests and submodules count as
the module).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
failed = False
for src in [ROOT / "src", ROOT / "core" / "src", ROOT / "render" / "src", ROOT / "cli" / "src"]:
    modules = {p.stem for p in src.glob("*.rs")} - {"lib"}
    imports = {}
    for name in modules:
        text = (src / f"{name}.rs").read_text()
        for sub in (src / name).glob("**/*.rs") if (src / name).is_dir() else []:
            text += sub.read_text()
        # `crate::name::…` and `use crate::name`; not `crate::name(…)`, a function of the crate root.
        used = set(re.findall(r"crate::(\w+)::", text)) | set(re.findall(r"use crate::(\w+)", text))
        for group in re.findall(r"use crate::\{([^}]*)\}", text):
            used |= set(re.findall(r"\b(\w+)\b", group))
        imports[name] = (used & modules) - {name}

    def walk(node, path):
        global failed
        for nxt in sorted(imports[node]):
            if nxt == path[0]:
                print(f"{src.relative_to(ROOT)}: import cycle: {' -> '.join(path + [nxt])}", file=sys.stderr)
                failed = True
            elif nxt not in path:
                walk(nxt, path + [nxt])

    for name in sorted(modules):
        walk(name, [name])
    if not failed:
        print(f"{src.relative_to(ROOT)}: {len(modules)} modules, no import cycles")
sys.exit(1 if failed else 0)
