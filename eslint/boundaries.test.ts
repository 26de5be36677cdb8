import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: REPO });

/** The boundary rules that fire on `code` placed at `file` (relative to the repository), with the repository's own config. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result.messages.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.ruleId!);
}

/** Every message ESLint gives for `code` at `file`. */
async function allMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// Loading the config and the TypeScript parser takes seconds on a busy machine: once, up front.
beforeAll(() => eslint.lintText('', { filePath: path.join(REPO, 'x.ts') }), 60_000);

const importing = (specifier: string) => `import { thing } from '${specifier}';\nexport const value = thing;\n`;

/** Cases `[file, specifier]` where lint reports exactly `rule`. */
const refuses = (rule: string, cases: [string, string][]) =>
  it.each(cases)('%s may not import %s', async (file, specifier) => {
    expect(await boundaryErrors(file, importing(specifier))).toEqual([rule]);
  });

/** Cases `[file, specifier]` where lint says nothing at all. */
const allows = (cases: [string, string][]) =>
  it.each(cases)('%s may import %s', async (file, specifier) => {
    expect(await allMessages(file, importing(specifier))).toEqual([]);
  });

describe('lint: relative imports stay inside their workspace package', () => {
  refuses('boundaries/no-cross-package-relative', [
    ['apps/web/src/state/x.ts', '../../../api/src/config.ts'],
    ['apps/web/src/x.ts', '../../api/src/config.ts'],
    ['packages/domain/src/x.ts', '../../geo/src/index.ts'],
    ['packages/rules/test/x.ts', '../../geo/src/metres.ts'],
    ['apps/api/src/x.ts', '../../../packages/geo/src/index.ts'],
    ['e2e/helpers/x.ts', '../../packages/geo/src/index.ts'],
    ['e2e/helpers/x.ts', '../../apps/api/src/config.ts'],
    ['e2e/helpers/x.ts', '../../apps/api/test/helpers/databases.ts'],
    ['bench/x.ts', '../apps/api/src/app.ts'],
    ['data/demo/x.ts', '../../packages/domain/src/layers.ts'],
    ['packages/geo/src/x.ts', '../../../e2e/helpers/server.ts'],
    ['x.ts', './packages/domain/src/index.ts'],
  ]);

  it('catches re-exports and dynamic imports too', async () => {
    const code = "export { thing } from '../../geo/src/index.ts';\nexport const later = () => import('../../geo/src/index.ts');\n";
    expect(await boundaryErrors('packages/domain/src/x.ts', code)).toEqual([
      'boundaries/no-cross-package-relative',
      'boundaries/no-cross-package-relative',
    ]);
  });

  allows([
    ['packages/domain/src/x.ts', './glossary.ts'],
    ['packages/geo/test/x.ts', '../src/index.ts'],
    ['apps/api/test/x.ts', '../src/app.ts'],
    ['apps/web/src/components/plan/x.ts', '../../state/plan-store.ts'],
    ['e2e/x.ts', './helpers/server.ts'],
    ['e2e/helpers/x.ts', '@mpm/geo'],
    ['data/demo/x.ts', '@mpm/domain'],
    ['packages/rules/test/x.ts', '../../../data/rulesets/zhengning-2021.json'],
  ]);
});

describe('lint: a route does not import another route folder', () => {
  refuses('boundaries/no-cross-route-import', [
    ['apps/api/src/routes/tiles/index.ts', '../ogc/links.ts'],
    ['apps/api/src/routes/ogc/access.ts', '../api/layers/index.ts'],
    ['apps/api/src/routes/api/ledger/index.ts', '../layers/index.ts'],
    ['apps/api/src/routes/health.ts', './ogc/links.ts'],
  ]);

  allows([
    ['apps/api/src/routes/tiles/index.ts', './encode.ts'],
    ['apps/api/src/routes/tiles/index.ts', '../../plugins/app/layers/layer-access.ts'],
    ['apps/api/src/routes/api/ledger/index.ts', '../../../http/errors.ts'],
    ['apps/api/src/routes/api/ledger/index.ts', './photos.ts'],
  ]);
});
