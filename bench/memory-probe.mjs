// Loaded into a benchmarked server (NODE_OPTIONS=--import): every second it writes the process's
// `process.memoryUsage()` to MEMORY_PROBE_FILE, so the benchmark can tell the JavaScript heap, the
// memory held outside it (Buffers, ArrayBuffers) and the rest (native: malloc, code) apart. When
// the file `MEMORY_PROBE_FILE.collect` appears it first runs a full garbage collection (and removes
// that file), so `heapUsed` is what is still reachable. A file, not a signal: in session 13's
// 300 s runs SIGUSR2 stopped reaching the listener (emitted from within, it still ran). On the
// server's own thread only: the `--import` also runs in its worker threads.
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const file = process.env.MEMORY_PROBE_FILE;
if (file && isMainThread) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const request = `${file}.collect`;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lastUtilization = performance.eventLoopUtilization();
  const write = (collected) => {
    // The server thread's share of time busy since the last write, and how late its timers ran (ms).
    const utilization = performance.eventLoopUtilization(lastUtilization).utilization;
    lastUtilization = performance.eventLoopUtilization();
    const loop = { utilization, delayP50Ms: delay.percentile(50) / 1e6, delayP99Ms: delay.percentile(99) / 1e6 };
    delay.reset();
    fs.writeFileSync(`${file}.partial`, JSON.stringify({ ...process.memoryUsage(), collected, loop }));
    fs.renameSync(`${file}.partial`, file);
  };
  setInterval(() => {
    const asked = fs.existsSync(request);
    if (asked) {
      gc();
      gc();
      fs.rmSync(request);
    }
    write(asked);
  }, 1000).unref();
}
