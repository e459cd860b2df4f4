// A small static file server for the end-to-end tests: serves the repository root on
// 127.0.0.1 at a free port, with the MIME types browsers insist on (application/wasm for
// streaming compilation, text/javascript for modules).
//
//   const server = await startServer({ root, headers: (pathname) => ({ ... }) });
//   server.url  // "http://127.0.0.1:PORT"
//   server.setHeaders((pathname) => ({ "Content-Security-Policy": "..." }));  // per-path extras
//   await server.close();

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Starts the server. `headers(pathname, request)` may return extra response headers for a
 * path (e.g. a Content-Security-Policy for the host page); it can be replaced later with
 * `server.setHeaders(fn)`.
 */
export async function startServer({ root = REPO_ROOT, headers = null, host = "127.0.0.1", port = 0 } = {}) {
  const base = path.resolve(root);
  let extraHeaders = headers;
  const log = [];

  const server = createServer(async (req, res) => {
    let status = 500;
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        status = 405;
        res.writeHead(status, { Allow: "GET, HEAD" }).end();
        return;
      }
      const url = new URL(req.url, "http://localhost");
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        status = 400;
        res.writeHead(status).end("bad request");
        return;
      }
      if (pathname.includes("\0")) {
        status = 400;
        res.writeHead(status).end("bad request");
        return;
      }
      let file = path.resolve(base, "." + pathname);
      // Never serve anything outside the root (../ tricks), nor the git directory.
      const relative = path.relative(base, file);
      if (relative.startsWith("..") || path.isAbsolute(relative) || relative.split(path.sep)[0] === ".git") {
        status = 403;
        res.writeHead(status).end("forbidden");
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = path.join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        status = 404;
        res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
        return;
      }
      const body = await readFile(file);
      const type = MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream";
      const extra = (extraHeaders && extraHeaders(pathname, req)) || {};
      status = 200;
      res.writeHead(status, {
        "Content-Type": type,
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...extra,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(error));
    } finally {
      log.push({ method: req.method, url: req.url, status });
    }
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address();

  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    log,
    setHeaders(fn) {
      extraHeaders = fn;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
