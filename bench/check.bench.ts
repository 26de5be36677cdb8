import { cpus, loadavg } from 'node:os';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createTurfEngine, measurementRequest, type MeasurementRequest, type Ruleset, type TurfLayer } from '@mpm/rules';
import rulesetJson from '../data/rulesets/zhengning-2021.json' with { type: 'json' };
import { bruteForceOverlaps } from './brute-force.ts';
import { serverCheckLatency } from './server-check.ts';
import { EDIT_SHAPE, editSequence, syntheticZones } from './shapes.ts';
import { time, type Latency } from './stats.ts';

/** What the run measures; seeds fixed so that before/after numbers compare. */
const BENCH = {
  zoneSeed: 20_210_101, // synthetic zones
  editSeed: 20_250_601, // the edited blocks
  zoneCounts: [5_000, 50_000], // synthetic layer sizes
  baselineEdits: { 5_000: 40, 50_000: 8, demo: 200 } as Record<string, number>, // brute force is slow: a spread-out sample
  goalsMs: { flags: { 5_000: 2, 50_000: 5 } as Record<string, number>, areasP95: 16 }, // from the issue
};

const ruleset = rulesetJson as Ruleset;
const demoDir = new URL('../data/demo/', import.meta.url);

function demoLayers(): TurfLayer[] {
  return readdirSync(demoDir)
    .filter((file) => file.endsWith('.geojson'))
    .map((file) => {
      const features = (JSON.parse(readFileSync(new URL(file, demoDir), 'utf8')) as GeoJSON.FeatureCollection).features;
      return { collection: file.replace('.geojson', '') as TurfLayer['collection'], features: features.map((f, i) => ({ ...f, id: i + 1 })) };
    });
}

/** The blocks reordered so that consecutive checks come from different edit sequences. */
const interleave = <T>(items: readonly T[]): T[] =>
  Array.from({ length: items.length }, (_, i) => items[(i % EDIT_SHAPE.sequences) * EDIT_SHAPE.editsPerSequence + Math.floor(i / EDIT_SHAPE.sequences)]);

/** Every k-th block, so the baseline sample spans every edit sequence. */
const spread = <T>(items: readonly T[], count: number): T[] =>
  items.filter((_, i) => i % Math.max(1, Math.floor(items.length / count)) === 0).slice(0, count);

type Timed = ReturnType<typeof time>;

interface Row {
  dataset: string;
  zones: number;
  buildMs: number;
  flags: Timed;
  areas: Timed;
  /** Areas for blocks drawn elsewhere each time: nothing to reuse from the previous check. */
  areasCold: Timed;
  baseline: Timed;
  flagsSpeedup: number;
  areasSpeedup: number;
  goals: { flagsP95Ms?: number; areasP95Ms: number };
}

function run(dataset: string, layers: TurfLayer[], request: MeasurementRequest, blocks: GeoJSON.Polygon[], baselineEdits: number): Row {
  const start = performance.now();
  const engine = createTurfEngine(layers);
  const buildMs = performance.now() - start;
  const requested = new Set(request.collections.map((c) => c.collection));
  const zones = layers
    .filter((layer) => requested.has(layer.collection))
    .flatMap((layer) => layer.features)
    .filter((f): f is GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> => /Polygon/.test(f.geometry.type));
  const flags = time(blocks, (block) => engine.classify(block, request));
  const areas = time(blocks, (block) => engine.measure(block, request));
  const areasCold = time(interleave(blocks), (block) => engine.measure(block, request));
  const baseline = time(spread(blocks, baselineEdits), (block) => bruteForceOverlaps(block, zones), { passes: 1, warmup: 1 });
  const count = layers.reduce((sum, layer) => sum + layer.features.length, 0);
  return {
    dataset,
    zones: count,
    buildMs,
    flags,
    areas,
    areasCold,
    baseline,
    flagsSpeedup: baseline.best.p50 / flags.best.p50,
    areasSpeedup: baseline.best.p50 / areas.best.p50,
    goals: { flagsP95Ms: BENCH.goalsMs.flags[count], areasP95Ms: BENCH.goalsMs.areasP95 },
  };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
const verdict = (value: number, goal: number | undefined) => (goal === undefined ? '' : value <= goal ? ' ✓' : ` ✗ (goal ${goal})`);

function printTable(rows: readonly Row[], server: (Latency & { database: string }) | null) {
  const header = ['dataset', 'features', 'index ms', 'flags p50/p95', 'areas p50/p95', 'areas cold p50/p95', 'brute force p50/p95 (n)', 'flags ×', 'areas ×'];
  const lines = rows.map((r) => [
    r.dataset,
    String(r.zones),
    ms(r.buildMs),
    `${ms(r.flags.best.p50)} / ${ms(r.flags.best.p95)}${verdict(r.flags.best.p95, r.goals.flagsP95Ms)}`,
    `${ms(r.areas.best.p50)} / ${ms(r.areas.best.p95)}${verdict(r.areas.best.p95, r.goals.areasP95Ms)}`,
    `${ms(r.areasCold.best.p50)} / ${ms(r.areasCold.best.p95)}`,
    `${ms(r.baseline.best.p50)} / ${ms(r.baseline.best.p95)} (${r.baseline.best.runs})`,
    `${r.flagsSpeedup.toFixed(0)}×`,
    `${r.areasSpeedup.toFixed(0)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log(`\nper-edit latency in ms over ${rows[0].flags.best.runs} edits, each the best of 3 passes (first pass alone in results.json);`);
  console.log('brute force: one pass over a sample of the edits; × = brute-force p50 / engine p50, same run');
  console.log(server ? `server check (POST /api/check, ${server.database}, ${server.runs} blocks) p50/p95: ${ms(server.p50)} / ${ms(server.p95)}` : 'server check: not measured');
}

const loadBefore = loadavg()[0];
const blocks = editSequence(BENCH.editSeed);
const rows: Row[] = [];
for (const count of BENCH.zoneCounts) {
  const layers: TurfLayer[] = [{ collection: 'farmland', features: syntheticZones(BENCH.zoneSeed + count, count) }];
  rows.push(run(`synthetic ${count}`, layers, { collections: [{ collection: 'farmland', withinM: 0 }] }, blocks, BENCH.baselineEdits[count]));
}
rows.push(run('demo county', demoLayers(), measurementRequest(ruleset, ruleset.bufferDefaults), blocks, BENCH.baselineEdits.demo));
const server = await serverCheckLatency(blocks);
printTable(rows, server);
// Other processes skew the tails: the load average says how quiet the machine was.
const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAverage: [loadBefore, loadavg()[0]] };
console.log(`machine: ${machine.cores} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAverage.map((l) => l.toFixed(1)).join(' → ')}`);
writeFileSync(new URL('results.json', import.meta.url), JSON.stringify({ machine, settings: BENCH, rows, server }, null, 2) + '\n');
