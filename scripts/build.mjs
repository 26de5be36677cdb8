// Builds what `pnpm start` serves: the web app (Vite, into apps/web/dist) and the compiled API
// server (esbuild, into apps/api/dist). `--if-changed` builds the web app only when its inputs
// differ from those of the last build (a hash of their contents kept beside the build), so a start
// after the first costs no build; the server compiles in under a second and always does.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDist = path.join(root, 'apps/web/dist');
const stampFile = path.join(webDist, '.inputs-sha256');

/** What the web build reads: its own sources and config, the shared packages, the lockfile. */
const WEB_INPUTS = ['apps/web', 'packages', 'pnpm-lock.yaml', 'package.json', 'tsconfig.json'];
const SKIP = new Set(['node_modules', 'dist', 'test', '.vite']);

function* files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const child of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIP.has(child.name) || child.name.endsWith('.test.ts')) continue;
    yield* files(path.join(entry, child.name));
  }
}

function webInputsHash() {
  const hash = crypto.createHash('sha256');
  for (const input of WEB_INPUTS) {
    for (const file of files(input)) hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Text worth compressing: scripts, styles, the page, images drawn as text, data. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/** Writes `name.br` and `name.gz` beside each compressible file of `dir` over 1 KiB. */
function precompress(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name) || fs.statSync(file).size < 1024) continue;
    const data = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(data, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }),
    );
  }
}

const ifChanged = process.argv.includes('--if-changed');
const inputs = webInputsHash();
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null;
if (ifChanged && built === inputs) {
  console.log('web app up to date (apps/web/dist)');
} else {
  const result = spawnSync('pnpm', ['--filter', '@mpm/web', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  precompress(webDist);
  fs.writeFileSync(stampFile, `${inputs}\n`);
}
const compiled = spawnSync(process.execPath, [path.join(root, 'apps/api/scripts/compile.mjs')], { stdio: 'inherit' });
process.exit(compiled.status ?? 1);
