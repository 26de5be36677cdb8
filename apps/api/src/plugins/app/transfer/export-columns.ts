import { term, type FieldDef, type Language, type TermKey } from '@mpm/domain';
import type { ShapefileEncoding } from '@mpm/contracts';

/** A field as an export writes it: the catalogue field and its column name in the file. */
export interface ExportColumn {
  field: FieldDef;
  name: string;
}

/** A DBF field name holds at most 10 bytes (in the file's encoding). */
const DBF_NAME_BYTES = 10;

/** Bytes of `text` in the shapefile's encoding: GBK takes 2 per Chinese character, UTF-8 3. */
const encodedBytes = (text: string, encoding: ShapefileEncoding) =>
  [...text].reduce((sum, char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) return sum + 1;
    return sum + (encoding === 'GBK' ? 2 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4);
  }, 0);

/** The longest start of `text` that fits in `bytes`. */
function fitted(text: string, bytes: number, encoding: ShapefileEncoding): string {
  let out = '';
  for (const char of text) {
    if (encodedBytes(out + char, encoding) > bytes) break;
    out += char;
  }
  return out;
}

/**
 * The column names of an export: each field's label in `lang` (`许可证号`, `Licence No.`); for a
 * shapefile cut to the DBF's 10 bytes in its encoding (5 Chinese characters in GBK, 3 in UTF-8),
 * and made unique with a number where two labels cut alike.
 */
export function exportColumns(
  fields: readonly FieldDef[],
  lang: Language,
  shapefile?: { encoding: ShapefileEncoding },
): ExportColumn[] {
  const taken = new Set<string>();
  return fields.map((field) => {
    const label = lang === 'en' ? field.key : term(field.key, 'zh');
    let name = shapefile ? fitted(label, DBF_NAME_BYTES, shapefile.encoding) : label;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
      const suffix = String(n);
      name = shapefile ? fitted(label, DBF_NAME_BYTES - suffix.length, shapefile.encoding) + suffix : `${label}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return { field, name };
  });
}

/** A value as an export writes it: enumerated values as their term in `lang`, lists joined by `、`. */
export function exportValue(field: FieldDef, value: unknown, lang: Language): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'enum') return term(value as TermKey, lang);
  if (field.type === 'enumList') {
    const parts = String(value).split(',').filter(Boolean) as TermKey[];
    return parts.map((part) => term(part, lang)).join(lang === 'zh' ? '、' : ', ');
  }
  return value;
}

/** The stored value an export filter names: an enumerated value by its key or by its term in either language. */
export function filterValue(field: FieldDef, raw: string): string | undefined {
  if (field.type !== 'enum') return raw;
  return field.values?.find((key) => key === raw || term(key, 'zh') === raw || term(key, 'en') === raw);
}
