// Compiles the API server to one JavaScript module (apps/api/dist/server.mjs), so that a start
// loads compiled code instead of transpiling TypeScript at run time. The workspace's own packages
// (@mpm/*, TypeScript sources) are bundled in; every other package stays an import from
// node_modules, where it keeps its own files (PGlite's WebAssembly, gdal3.js, Playwright).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const api = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(api, '../..');
const outdir = path.join(api, 'dist');

/**
 * Bare imports other than the workspace's own stay external. The API's own dependencies are found
 * from apps/api/dist as from apps/api/src; a workspace package's dependency (proj4 for @mpm/geo,
 * say) lives only in that package's node_modules, so it is imported by its resolved file instead.
 */
const externalPackages = {
  name: 'external-packages',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@mpm/') || args.path.startsWith('node:') || args.pluginData?.inner) return undefined;
      if (args.resolveDir.startsWith(api + path.sep) || !args.resolveDir.startsWith(root)) return { path: args.path, external: true };
      const resolved = await context.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { inner: true } });
      if (resolved.errors.length) return { errors: resolved.errors };
      return { path: path.relative(outdir, resolved.path).split(path.sep).join('/'), external: true };
    });
  },
};

export async function compileServer() {
  const started = performance.now();
  await build({
    entryPoints: { server: path.join(api, 'src/server.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    plugins: [externalPackages],
    logLevel: 'warning',
  });
  // The workers (GDAL's, the embedded database's) are plain JavaScript started by URL next to the module that starts them.
  for (const worker of ['plugins/app/transfer/gdal-worker.mjs', 'db/pglite-worker.mjs']) {
    fs.copyFileSync(path.join(api, 'src', worker), path.join(outdir, path.basename(worker)));
  }
  return performance.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ms = await compileServer();
  console.log(`server compiled to apps/api/dist/server.mjs in ${Math.round(ms)} ms`);
}
