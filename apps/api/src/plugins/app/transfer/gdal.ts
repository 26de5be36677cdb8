import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../../http/errors.ts';

/** A file GDAL wrote, by name, with its bytes. */
export interface GdalOutput {
  name: string;
  bytes: Uint8Array;
}

/** A job for the worker (see gdal-worker.mjs). */
interface Job {
  op: 'ogrinfo' | 'ogr2ogr' | 'crash';
  files?: string | string[];
  args?: string[];
  openOptions?: string[];
  outputName?: string;
  /** The job's own folder under the worker's output folder (ogr2ogr). */
  outputDir?: string;
}

/** The worker's answer to a job. */
type Answer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; crashed: boolean; fatal: boolean; error: { message: string } };

/** The running worker: its thread, the folder GDAL writes into, and the job it is doing. */
interface GdalThread {
  worker: Worker;
  outputDir: string;
  pending: Map<number, { resolve(value: unknown): void; reject(err: Error): void }>;
}

let thread: GdalThread | undefined;
let nextId = 0;
let queue: Promise<unknown> = Promise.resolve();

/** GDAL stopped (a WebAssembly trap or abort, as on some malformed files): named, for the user. */
export const gdalCrashed = () =>
  new UserError(422, 'gdalCrashed', {
    zh: 'GDAL 处理数据时异常终止（文件可能已损坏，或超出其内存上限）；未写入任何数据。请检查文件后重试。',
    en: 'GDAL stopped abnormally while processing the data (the file may be damaged, or too large for its memory); nothing was written. Check the file and try again.',
  });

/** GDAL refused a file or a conversion; `gdalMessage` is GDAL's own words. */
export class GdalError extends Error {
  constructor(readonly gdalMessage: string) {
    super(`GDAL: ${gdalMessage}`);
    this.name = 'GdalError';
  }
}

/** Turns gdal3.js's rejection (its `message`) into an Error. */
const gdalError = (message: string) => new GdalError(message);

/**
 * The worker thread holding gdal3.js (GDAL compiled to WebAssembly, so the product needs Node
 * alone), started on first use: loading takes seconds and tens of megabytes, which most servers
 * never need, and a long conversion there leaves the event loop free for other requests. A
 * worker that crashed is replaced on the next call.
 */
function gdalThread(): GdalThread {
  if (thread) return thread;
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-gdal-'));
  // Plain JavaScript: no loader (tsx, vitest) is needed, so none is passed on.
  const worker = new Worker(new URL('./gdal-worker.mjs', import.meta.url), { workerData: { outputDir }, execArgv: [] });
  const started: GdalThread = { worker, outputDir, pending: new Map() };
  const settle = (id: number, outcome: { value?: unknown; error?: Error }) => {
    const job = started.pending.get(id);
    started.pending.delete(id);
    if (started.pending.size === 0) worker.unref();
    if (outcome.error) job?.reject(outcome.error);
    else job?.resolve(outcome.value);
  };
  const stopped = (error: Error) => {
    if (thread === started) thread = undefined;
    for (const id of [...started.pending.keys()]) settle(id, { error });
  };
  worker.on('message', (answer: Answer) => {
    if (answer.ok) return settle(answer.id, { value: answer.value });
    const error = answer.crashed ? gdalCrashed() : gdalError(answer.error.message);
    // The worker exits after a crash, or when GDAL did not load: the next job goes to a new one.
    if (answer.fatal) stopped(error);
    else settle(answer.id, { error });
  });
  // An exception the worker did not catch: it is gone.
  worker.on('error', (err) => stopped(err.name === 'RuntimeError' ? gdalCrashed() : err));
  worker.on('exit', () => {
    stopped(gdalCrashed());
    void fsp.rm(outputDir, { recursive: true, force: true });
  });
  worker.unref();
  thread = started;
  return started;
}

/** Runs `job` in the worker, alone: a crash then takes with it only the job that caused it. */
function run<T>(job: Job): Promise<T> {
  const next = queue.then(
    () =>
      new Promise<T>((resolve, reject) => {
        const { worker, pending, outputDir } = gdalThread();
        const id = nextId++;
        // The output folder is left only while it holds files (the worker makes it again for a
        // job): a process that ends, in any way, between jobs leaves nothing in the temp folder.
        const done = () => void fsp.rmdir(outputDir).catch(() => undefined);
        pending.set(id, { resolve: (value) => (done(), resolve(value as T)), reject: (err) => (done(), reject(err)) });
        worker.ref();
        worker.postMessage({ ...job, id });
      }),
  );
  queue = next.catch(() => undefined);
  return next;
}

/** GDAL's `ogrinfo -json` report of a dataset (its layers, fields, feature counts and CRS WKT). */
export function ogrinfoJson(files: string | string[], args: string[] = [], openOptions: string[] = []): Promise<unknown> {
  return run({ op: 'ogrinfo', files, args, openOptions });
}

/**
 * Converts a vector dataset on disk (a shapefile's parts together; `openOptions` such as
 * `ENCODING=GBK`) with `ogr2ogr` and the given arguments, and returns every file it wrote (a
 * shapefile's `.shp/.shx/.dbf/.prj/.cpg`). GDAL reads and writes on disk, in its worker thread;
 * the files are read here once written.
 */
export async function ogr2ogr(files: string | string[], args: string[], outputName: string, openOptions: string[] = []): Promise<GdalOutput[]> {
  const outputDir = `job-${nextId}-${Math.random().toString(36).slice(2, 8)}`;
  const written = await run<{ dir: string; files: string[] }>({ op: 'ogr2ogr', files, args, openOptions, outputName, outputDir });
  try {
    return await Promise.all(written.files.map(async (file) => ({ name: path.basename(file), bytes: await fsp.readFile(file) })));
  } finally {
    await fsp.rm(written.dir, { recursive: true, force: true });
    await fsp.rmdir(path.dirname(written.dir)).catch(() => undefined);
  }
}

/**
 * Makes GDAL in the worker read far outside its memory, as a crash on a malformed file does:
 * for tests of what follows (a named error for that call, a fresh worker for the next).
 */
export function crashGdalWorker(): Promise<void> {
  return run({ op: 'crash' });
}
