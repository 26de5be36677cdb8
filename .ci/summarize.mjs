// Prints vitest's JSON report as one closing line that any CI reader understands, after where the
// run's time went: per project, its span and how many files ran at once; the slowest files.
import fs from 'node:fs';

const timesPath = 'test-results/file-times.json';
if (fs.existsSync(timesPath)) {
  const files = JSON.parse(fs.readFileSync(timesPath, 'utf8'));
  const seconds = (ms) => (ms / 1000).toFixed(0);
  const runStart = Math.min(...files.map((f) => f.queuedAt ?? f.startedAt));
  for (const project of [...new Set(files.map((f) => f.project))]) {
    const own = files.filter((f) => f.project === project);
    const start = Math.min(...own.map((f) => f.queuedAt ?? f.startedAt));
    const end = Math.max(...own.map((f) => f.endedAt));
    const busy = own.reduce((sum, f) => sum + f.endedAt - (f.queuedAt ?? f.startedAt), 0);
    console.log(
      `${project}: ${own.length} files, ${seconds(start - runStart)}–${seconds(end - runStart)} s,` +
        ` ${seconds(busy)} s of file time (${(busy / (end - start)).toFixed(1)} at once)`,
    );
  }
  const slowest = files
    .map((f) => ({ ...f, wallMs: f.endedAt - (f.queuedAt ?? f.startedAt) }))
    .sort((a, b) => b.wallMs - a.wallMs)
    .slice(0, 12);
  for (const f of slowest) console.log(`  ${seconds(f.wallMs).padStart(4)} s  ${f.file} (import ${seconds(f.importMs)} s)`);
}

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numTotalTests === 0 || report.numFailedTests > 0) process.exit(1);
