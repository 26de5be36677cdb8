import path from 'node:path';

/**
 * Local ESLint rules that keep relative imports inside their unit (a workspace package, a route
 * folder). Each import path is resolved against the importing file and both ends are placed in
 * a unit; package names (`@mpm/geo`) are never checked, only paths starting with `.` or `/`.
 *
 * Units are given as directory patterns relative to the repository, where `*` stands for one
 * path segment (`packages/*`). A file belongs to the deepest unit that contains it.
 */

/** The repository root: this file lives in `<root>/eslint/`. */
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

const toPosix = (p) => p.split(path.sep).join('/');

/** Whether `dir` (posix, relative to the repository) matches `pattern` segment by segment. */
function matches(pattern, dir) {
  const want = pattern.split('/');
  const got = dir.split('/');
  return want.length === got.length && want.every((segment, i) => segment === '*' || segment === got[i]);
}

/** The deepest directory among `file`'s ancestors that matches one of `patterns`, or null. */
function unitOf(file, patterns) {
  const parts = file.split('/').slice(0, -1);
  for (let n = parts.length; n > 0; n--) {
    const dir = parts.slice(0, n).join('/');
    if (patterns.some((pattern) => matches(pattern, dir))) return dir;
  }
  return null;
}

const inside = (file, dir) => dir === '' || file === dir || file.startsWith(`${dir}/`);

const OPTIONS = [
  {
    type: 'object',
    properties: {
      units: { type: 'array', items: { type: 'string' } },
      shared: { type: 'array', items: { type: 'string' } },
    },
    required: ['units'],
    additionalProperties: false,
  },
];

/**
 * A rule that reports a relative import whose target lies in a unit that does not hold the
 * importing file and, when `leaving` is set, one that leads out of the importer's own unit.
 * Targets under a `shared` directory may be imported from anywhere.
 */
function boundaryRule({ description, message, leaving }) {
  return {
    meta: { type: 'problem', docs: { description }, schema: OPTIONS, messages: { crossing: message } },
    create(context) {
      const [{ units, shared = [] }] = context.options;
      const importer = toPosix(path.relative(REPO_ROOT, context.filename));
      if (importer.startsWith('..') || path.isAbsolute(importer)) return {};
      const importerUnit = unitOf(importer, units) ?? '';

      function check(source) {
        if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
        const specifier = source.value;
        if (!specifier.startsWith('.') && !specifier.startsWith('/')) return;
        const target = toPosix(path.relative(REPO_ROOT, path.resolve(path.dirname(context.filename), specifier)));
        if (shared.some((dir) => inside(target, dir))) return;
        const targetUnit = unitOf(target, units) ?? '';
        const entersAnother = targetUnit !== '' && !inside(importer, targetUnit);
        const leavesOwn = leaving && !inside(target, importerUnit);
        if (entersAnother || leavesOwn) {
          context.report({
            node: source,
            messageId: 'crossing',
            data: { specifier, from: importerUnit || '.', to: targetUnit || '.' },
          });
        }
      }

      return {
        ImportDeclaration: (node) => check(node.source),
        ExportNamedDeclaration: (node) => check(node.source),
        ExportAllDeclaration: (node) => check(node.source),
        ImportExpression: (node) => check(node.source),
        TSImportType: (node) => check(node.argument?.literal ?? node.argument),
      };
    },
  };
}

/** The `boundaries` plugin: `no-cross-package-relative` and `no-cross-route-import`. */
export default {
  meta: { name: 'boundaries' },
  rules: {
    'no-cross-package-relative': boundaryRule({
      description: 'A relative import stays inside its workspace package; other packages are imported by name.',
      message: "'{{specifier}}' leaves {{from}} for {{to}}: import the package by name (@mpm/…), not by a relative path.",
      leaving: true,
    }),
    'no-cross-route-import': boundaryRule({
      description: 'A route folder does not import another route folder; what routes share lives in a plugin or package.',
      message: "'{{specifier}}' reaches into {{to}}: routes do not import other routes; move what they share into plugins/app/.",
      leaving: false,
    }),
  },
};
