/**
 * `npm run playground`: builds the page, then serves this folder on
 * http://localhost:PORT (PORT from the environment, default 8080) with
 * node:http, nothing else. Only files under the folder are served.
 * Importable: serve(port) starts the server without building.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css', '.png': 'image/png' };

/** Starts the server; resolves with it and its port once it listens (port 0: any free port). */
export function serve(port = 8080, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    let path;
    try {
      path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)));
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request\n');
      return;
    }
    if (path !== root && !path.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden\n');
      return;
    }
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      statSync(path);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: server.address().port }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { build } = await import('./build.mjs');
  await build();
  const { port } = await serve(Number(process.env.PORT ?? 8080));
  console.log(`splinter playground: http://localhost:${port}/ (Ctrl-C to stop)`);
}
