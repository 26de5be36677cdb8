import { createRequire } from 'node:module';
import path from 'node:path';

/** A file GDAL wrote, by name, with its bytes. */
export interface GdalOutput {
  name: string;
  bytes: Uint8Array;
}

/** The part of gdal3.js this product uses. */
interface Gdal {
  open(files: string | string[], options?: string[]): Promise<{ datasets: GdalDataset[]; errors: unknown[] }>;
  close(dataset: GdalDataset): Promise<void>;
  ogr2ogr(dataset: GdalDataset, args: string[], outputName: string): Promise<{ local: string; all: { local: string }[] }>;
  getFileBytes(path: string): Promise<Uint8Array>;
  Module: { FS: { unlink(path: string): void } };
}
type GdalDataset = { pointer: number };

let loading: Promise<Gdal> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * gdal3.js (GDAL compiled to WebAssembly, so the product needs Node alone), loaded on first use:
 * it takes seconds and tens of megabytes, which most servers never need.
 */
function load(): Promise<Gdal> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const init = require('gdal3.js/node.js') as (options: object) => Promise<Gdal>;
    const dir = path.dirname(require.resolve('gdal3.js/dist/package/gdal3.node.js'));
    // gdal3.js prefixes the path with './': it must be relative to the working directory.
    return init({ path: path.relative(process.cwd(), dir) || '.', useWorker: false });
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Turns gdal3.js's rejection (an object with `message`) into an Error. */
const gdalError = (err: unknown) =>
  err instanceof Error ? err : new Error(`GDAL: ${(err as { message?: string })?.message?.trim() || JSON.stringify(err)}`);

/**
 * Converts the vector file at `inputPath` (on disk) with `ogr2ogr` and the given arguments,
 * and returns every file it wrote (a shapefile's `.shp/.shx/.dbf/.prj/.cpg`). One conversion
 * runs at a time: the WebAssembly module has one file system and one error state.
 */
export function ogr2ogr(inputPath: string, args: string[], outputName: string): Promise<GdalOutput[]> {
  const run = queue.then(async () => {
    const gdal = await load();
    const opened = await gdal.open(inputPath).catch((err) => Promise.reject(gdalError(err)));
    const [dataset] = opened.datasets;
    if (!dataset) throw gdalError(opened.errors[0] ?? { message: `cannot open ${inputPath}` });
    try {
      const written = await gdal.ogr2ogr(dataset, args, outputName).catch((err) => Promise.reject(gdalError(err)));
      const outputs: GdalOutput[] = [];
      for (const { local } of written.all) {
        outputs.push({ name: path.posix.basename(local), bytes: await gdal.getFileBytes(local) });
        gdal.Module.FS.unlink(local);
      }
      return outputs;
    } finally {
      await gdal.close(dataset);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
