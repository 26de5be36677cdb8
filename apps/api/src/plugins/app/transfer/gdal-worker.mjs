// The worker thread that holds gdal3.js (GDAL compiled to WebAssembly), started by gdal.ts.
// Plain JavaScript so that it runs as it is under node, tsx and vitest alike, without a loader.
//
// One job at a time, by message: { id, op: 'ogrinfo' | 'ogr2ogr' | 'crash', files, args,
// openOptions, outputName }. Inputs are read from disk where they lie (gdal3.js mounts their
// folder); ogr2ogr writes to disk too, under `workerData.outputDir` (mounted as GDAL's /output),
// in a folder of its own per job, and answers its paths: no file's bytes cross postMessage.
// Answers: { id, ok: true, value } or { id, ok: false, error: { message }, crashed, fatal }.
// After a crash (a WebAssembly trap or abort: the module is then unusable), or when GDAL did not
// load, the thread answers and exits (`fatal`); gdal.ts starts another for the next job.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

/** GDAL's output folder inside the WebAssembly file system, mounted on `workerData.outputDir`. */
const OUTPUT = '/output';

const require = createRequire(import.meta.url);
const init = require('gdal3.js/node.js');
const packageDir = path.dirname(require.resolve('gdal3.js/dist/package/gdal3.node.js'));

// gdal3.js prefixes the path with './': it must be relative to the working directory.
const loading = init({ path: path.relative(process.cwd(), packageDir) || '.', useWorker: false, dest: workerData.outputDir });

/** gdal3.js rejects with an object with `message` (or an array of them), not an Error. */
function messageOf(err) {
  const first = Array.isArray(err) ? err[0] : err;
  if (first instanceof Error) return first.message;
  return first?.message?.trim() || JSON.stringify(first);
}

/** A trap or an abort of the WebAssembly module: it cannot be used again. */
const isCrash = (err) => err instanceof WebAssembly.RuntimeError || /^Aborted\(/.test(err?.message ?? '');

/** Opens the dataset, runs `work` on it and closes it. */
async function withDataset(gdal, job, work) {
  const opened = await gdal.open(job.files, job.openOptions ?? []);
  const [dataset] = opened.datasets;
  if (!dataset) throw opened.errors[0] ?? { message: `cannot open ${String(job.files)}` };
  try {
    return await work(dataset);
  } finally {
    await gdal.close(dataset);
  }
}

const ops = {
  ogrinfo: (gdal, job) => withDataset(gdal, job, (dataset) => gdal.ogrinfo(dataset, ['-json', ...(job.args ?? [])])),
  async ogr2ogr(gdal, job) {
    // Each job writes in a folder of its own, which gdal.ts removes once it has read the files:
    // nothing left over by an earlier job is overwritten or appended to.
    const dir = path.join(workerData.outputDir, job.outputDir);
    fs.mkdirSync(dir, { recursive: true });
    try {
      return await withDataset(gdal, job, async (dataset) => {
        const written = await gdal.ogr2ogr(dataset, job.args, `${job.outputDir}/${job.outputName}`);
        return { dir, files: written.all.map(({ local }) => path.join(workerData.outputDir, path.posix.relative(OUTPUT, local))) };
      });
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  },
  /** Makes GDAL read far outside its memory, as a crash on a malformed file does (tests use it). */
  crash: (gdal) => gdal.close({ pointer: 0x7ffffff0 }),
};

let lastJob = Promise.resolve();
parentPort.on('message', (job) => {
  lastJob = lastJob.then(async () => {
    let gdal;
    try {
      gdal = await loading;
    } catch (err) {
      // GDAL did not load: said, and the thread ends, so that the next job tries afresh.
      parentPort.postMessage({ id: job.id, ok: false, crashed: false, fatal: true, error: { message: messageOf(err) } });
      process.exit(1);
    }
    try {
      parentPort.postMessage({ id: job.id, ok: true, value: await ops[job.op](gdal, job) });
    } catch (err) {
      const crashed = isCrash(err);
      parentPort.postMessage({ id: job.id, ok: false, crashed, fatal: crashed, error: { message: messageOf(err) } });
      if (crashed) process.exit(1);
    }
  });
});
