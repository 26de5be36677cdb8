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
  ogrinfo(dataset: GdalDataset, args: string[]): Promise<unknown>;
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

/** Runs `job` alone: the WebAssembly module has one file system and one error state. */
function serialised<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Opens a vector dataset from files on disk (a shapefile's parts together; `openOptions` such as
 * `ENCODING=GBK`), runs `work` on it and closes it, one dataset at a time.
 */
function withDataset<T>(files: string | string[], openOptions: string[], work: (gdal: Gdal, dataset: GdalDataset) => Promise<T>): Promise<T> {
  return serialised(async () => {
    const gdal = await load();
    const opened = await gdal.open(files, openOptions).catch((err) => Promise.reject(gdalError(err)));
    const [dataset] = opened.datasets;
    if (!dataset) throw gdalError(opened.errors[0] ?? { message: `cannot open ${String(files)}` });
    try {
      return await work(gdal, dataset);
    } finally {
      await gdal.close(dataset);
    }
  });
}

/** GDAL's `ogrinfo -json` report of a dataset (its layers, fields, feature counts and CRS WKT). */
export function ogrinfoJson(files: string | string[], args: string[] = [], openOptions: string[] = []): Promise<unknown> {
  return withDataset(files, openOptions, (gdal, dataset) =>
    gdal.ogrinfo(dataset, ['-json', ...args]).catch((err) => Promise.reject(gdalError(err))),
  );
}

/**
 * Converts a vector dataset on disk with `ogr2ogr` and the given arguments, and returns every
 * file it wrote (a shapefile's `.shp/.shx/.dbf/.prj/.cpg`).
 */
export function ogr2ogr(files: string | string[], args: string[], outputName: string, openOptions: string[] = []): Promise<GdalOutput[]> {
  return withDataset(files, openOptions, async (gdal, dataset) => {
    const written = await gdal.ogr2ogr(dataset, args, outputName).catch((err) => Promise.reject(gdalError(err)));
    const outputs: GdalOutput[] = [];
    for (const { local } of written.all) {
      outputs.push({ name: path.posix.basename(local), bytes: await gdal.getFileBytes(local) });
      gdal.Module.FS.unlink(local);
    }
    return outputs;
  });
}
