// Loaded into a benchmarked server (NODE_OPTIONS=--import): every second it writes the process's
// `process.memoryUsage()` to MEMORY_PROBE_FILE, so the benchmark can tell the JavaScript heap, the
// memory held outside it (Buffers, ArrayBuffers) and the rest (native: malloc, code) apart. On
// SIGUSR2 it first runs a full garbage collection, so `heapUsed` is what is still reachable.
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

const file = process.env.MEMORY_PROBE_FILE;
if (file) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const write = (collected) => {
    fs.writeFileSync(`${file}.partial`, JSON.stringify({ ...process.memoryUsage(), collected }));
    fs.renameSync(`${file}.partial`, file);
  };
  setInterval(() => write(false), 1000).unref();
  process.on('SIGUSR2', () => {
    gc();
    gc();
    write(true);
  });
}
