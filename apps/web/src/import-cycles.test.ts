import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Every .ts and .tsx file below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The files each file imports or re-exports by relative path (type-only and side-effect imports included). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^;']*'(\.[^']+)'/gm)]
      .map((match) => path.resolve(path.dirname(file), match[1]))
      .filter((target) => known.has(target));
    graph.set(file, targets);
  }
  return graph;
}

/** One import circle per group of files that reach one another, as a path that starts and ends at the same file. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string) => {
    const at = onPath.indexOf(file);
    if (at >= 0) return void found.push([...onPath.slice(at), file]);
    if (done.has(file)) return;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    onPath.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

describe('the web app’s modules', () => {
  it('import one another without a circle', () => {
    const found = cycles(importGraph(sources(SRC))).map((cycle) => cycle.map((file) => path.relative(SRC, file)).join(' → '));
    expect(found).toEqual([]);
  });
});
