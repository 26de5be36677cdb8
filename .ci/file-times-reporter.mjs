// A vitest reporter that records when each test file started and ended on the wall clock, per
// project, and writes them to test-results/file-times.json; `.ci/summarize.mjs` prints the
// slowest files and how many ran at once. vitest's JSON report times only the tests themselves,
// not the file's imports and hooks, so it cannot say where a CI run's minutes went.
import fs from 'node:fs';
import path from 'node:path';

export default class FileTimesReporter {
  #files = new Map();
  #root = process.cwd();

  onTestModuleQueued(module) {
    this.#files.set(module.moduleId, { queuedAt: Date.now() });
  }

  onTestModuleStart(module) {
    const entry = this.#files.get(module.moduleId) ?? {};
    this.#files.set(module.moduleId, { ...entry, startedAt: Date.now() });
  }

  onTestModuleEnd(module) {
    const entry = this.#files.get(module.moduleId) ?? {};
    const diagnostic = module.diagnostic();
    this.#files.set(module.moduleId, {
      ...entry,
      project: module.project.name,
      file: path.relative(this.#root, module.moduleId),
      endedAt: Date.now(),
      importMs: Math.round(diagnostic.collectDuration + diagnostic.setupDuration),
      testsMs: Math.round(diagnostic.duration),
    });
  }

  onTestRunEnd() {
    const files = [...this.#files.values()].filter((f) => f.endedAt);
    fs.mkdirSync(path.join(this.#root, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(this.#root, 'test-results', 'file-times.json'), JSON.stringify(files, null, 1));
  }
}
