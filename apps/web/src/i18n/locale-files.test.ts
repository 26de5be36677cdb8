import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = import.meta.dirname;

/** Each language's files: the common one and one per mode or tool, merged into one table by `index.ts`. */
function localeFiles(language: 'zh-CN' | 'en'): Map<string, Record<string, string>> {
  const names = fs.readdirSync(DIR).filter((name) => name === `${language}.json` || name.endsWith(`.${language}.json`));
  return new Map(names.map((name) => [name, JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Record<string, string>]));
}

/** Keys `file` shares with another file of the language under a different text: the merge keeps only one. */
function clashesOf(file: string, language: 'zh-CN' | 'en'): string[] {
  const files = localeFiles(language);
  const own = files.get(file)!;
  return [...files].flatMap(([other, table]) =>
    other === file ? [] : Object.keys(own).filter((key) => key in table && table[key] !== own[key]).map((key) => `"${key}": "${own[key]}" vs "${table[key]}" (${other})`),
  );
}

describe('the locale files', () => {
  it.each(['zh-CN', 'en'] as const)('give each key the same %s text in every file that has it', (language) => {
    expect([...localeFiles(language).keys()].flatMap((file) => clashesOf(file, language))).toEqual([]);
  });
});
