import path from 'node:path';

/** The repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
