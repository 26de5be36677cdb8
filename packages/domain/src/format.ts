import { term, type Language, type TermKey } from './glossary.ts';
import type { FieldDef } from './layers.ts';

/**
 * A feature property as a person reads it: enum keys become terms, booleans 是/否, numbers
 * get their unit; measures are grouped for the locale, integers (years, codes) never. `null` and `undefined` become an empty string.
 */
export function formatValue(field: FieldDef, value: unknown, lang: Language = 'zh'): string {
  if (value === null || value === undefined || value === '') return '';
  let text: string;
  if (field.type === 'enum' && typeof value === 'string' && field.values?.includes(value as TermKey)) {
    text = term(value as TermKey, lang);
  } else if (field.type === 'enumList' && typeof value === 'string') {
    text = value
      .split(',')
      .map((item) => (field.values?.includes(item as TermKey) ? term(item as TermKey, lang) : item))
      .join(lang === 'zh' ? '、' : ', ');
  } else if (field.type === 'boolean') {
    text = term(value ? 'yes' : 'no', lang);
  } else if (typeof value === 'number' && field.type === 'number') {
    // Measures are grouped (1,234.5); integers are years, codes and small counts, never grouped ("2019", not "2,019").
    text = value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 });
  } else {
    text = String(value);
  }
  const unit = field.unit ? term(field.unit, lang) : '';
  return unit ? `${text} ${unit}` : text;
}
