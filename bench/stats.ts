import os from 'node:os';
/** Latency figures in milliseconds. */
export interface Latency {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** p50, p95 and max of the samples. */
export const summary = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
};

/**
 * Times `run` on every input, in order, `passes` times over after `warmup` untimed runs. Each
 * input's latency is its least over the passes: a pass is interrupted by other processes at
 * random, an edit's own cost is not (inputs keep their order, so an edit still follows the same
 * previous edit). Returns that, and the first pass alone for comparison.
 */
export function time<T>(inputs: readonly T[], run: (input: T) => unknown, { passes = 3, warmup = 5 } = {}): { best: Latency; firstPass: Latency } {
  for (let i = 0; i < Math.min(warmup, inputs.length); i++) run(inputs[i]);
  const best = inputs.map(() => Infinity);
  let first: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const samples = inputs.map((input) => {
      const start = performance.now();
      run(input);
      return performance.now() - start;
    });
    samples.forEach((ms, i) => (best[i] = Math.min(best[i], ms)));
    if (pass === 0) first = samples;
  }
  return { best: summary(best), firstPass: summary(first) };
}

/** The machine's load average (1, 5, 15 minutes), to two decimals: printed and stored beside every figure. */
export const loadAverage = () => os.loadavg().map((l) => Number(l.toFixed(2)));
