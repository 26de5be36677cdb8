import { GLOSSARY, type TermKey } from './glossary.ts';
import type { FieldDef } from './layers.ts';

/**
 * Other names a bureau's files give a catalogue field, beside its English key and its Chinese
 * term: synonyms, and the field codes of the planning database standard DZ/T 0226 (`GHQBH`,
 * `GHQMC`, `QHQLB`) and of the third land survey (`DLMC`). Matched without regard to case.
 */
export const FIELD_ALIASES: Partial<Record<TermKey, readonly string[]>> = {
  name: ['名称', '名字', 'MC', 'GHQMC', 'DLMC', 'XZQMC', 'KQMC', 'BHQMC'],
  code: ['编号', '编码', '代码', 'BH', 'GHQBH', 'TBBH', 'BSM'],
  adminCode: ['行政区代码', '行政区划代码', 'XZQDM', 'XZQHDM'],
  zoningClass: ['区划类别', '规划分区类别', '分区类别', 'QHQLB', 'GHQLB'],
  licenceNo: ['许可证号', '采矿许可证号', '勘查许可证号', '证号', 'XKZH', 'XKZBH'],
  mineName: ['矿山名称', '矿山名', 'KSMC'],
  holder: ['矿业权人', '采矿权人', '探矿权人', '权利人', 'KYQR', 'CKQR', 'TKQR'],
  mineral: ['矿种', '开采矿种', '主矿种', 'KZ', 'KCKZ'],
  validFrom: ['有效期起', '有效期始', '起始日期', '发证日期', 'YXQQ', 'YXQS'],
  validTo: ['有效期止', '截止日期', '到期日期', 'YXQZ'],
  capacity10ktPerYear: ['生产能力', '生产规模（万吨/年）', '设计生产能力', 'SCGM', 'SJSCNL'],
  township: ['所在乡镇', '乡镇', '乡镇名称', 'XZMC'],
  plannedYear: ['计划治理年度', '治理年度', '计划年度'],
  farmlandClass: ['耕地类型', '耕地类别', '农田类别'],
};

/**
 * Values a bureau's files write for an enumerated field, beside its key and Chinese term:
 * DZ/T 0226's 区划类别 codes (330101 鼓励/重点, 330102 限制, 330103 禁止), short mineral names.
 */
export const VALUE_ALIASES: Partial<Record<TermKey, Readonly<Record<string, TermKey>>>> = {
  zoningClass: {
    '330101': 'keyMining',
    '330102': 'restrictedMining',
    '330103': 'prohibitedMining',
    鼓励开采区: 'keyMining',
    重点开采区: 'keyMining',
  },
  mineral: { 煤: 'coal', 原煤: 'coal', 砖瓦用黏土: 'brickClay', 砖瓦粘土: 'brickClay', 粘土: 'brickClay' },
};

const normalised = (name: string) => name.normalize('NFKC').trim().toLowerCase();

/** Every name that designates `field` in a source file, normalised: its key, its terms and its aliases. */
const namesOf = (field: FieldDef) =>
  [field.key, GLOSSARY[field.key].zh, GLOSSARY[field.key].en, ...(FIELD_ALIASES[field.key] ?? [])].map(normalised);

/**
 * The field each source column goes to, where its name says so (the key, the Chinese or English
 * term, an alias); `null` for a column no field takes. Computed fields (areas) are never taken
 * from a file, and each field takes one column at most (the first that names it).
 */
export function matchFields(sourceNames: readonly string[], fields: readonly FieldDef[]): Record<string, TermKey | null> {
  const taken = new Set<TermKey>();
  const candidates = fields.filter((field) => !field.computed).map((field) => ({ field, names: namesOf(field) }));
  return Object.fromEntries(
    sourceNames.map((source) => {
      const match = candidates.find(({ field, names }) => !taken.has(field.key) && names.includes(normalised(source)));
      if (match) taken.add(match.field.key);
      return [source, match?.field.key ?? null];
    }),
  );
}

/** Days from Excel's day 0 (1899-12-30, which absorbs its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;

const isoDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid && year >= 1900 && year <= 2200 ? date.toISOString().slice(0, 10) : undefined;
};

/**
 * A date as files write it — `2019-12-20`, `2019.12.20`, `2019/12/20`, `2019年12月20日`,
 * `20191220`, or an Excel serial day number — as `YYYY-MM-DD`; undefined when it is none.
 */
export function sourceDate(raw: unknown): string | undefined {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 1 || raw > 150_000) return undefined;
    return new Date((raw - EXCEL_EPOCH_DAYS) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(raw ?? '').trim();
  const separated = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(text);
  if (separated) return isoDate(Number(separated[1]), Number(separated[2]), Number(separated[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  if (/^\d{5}$/.test(text)) return sourceDate(Number(text));
  return undefined;
}

/** A value as a layer stores it, or why it cannot be. */
export type SourceValue = { ok: true; value: string | number | boolean | null } | { ok: false; reason: 'notAValue' };

const TRUE_WORDS = ['true', 'yes', 'y', '1', '是', '有', 't'];
const FALSE_WORDS = ['false', 'no', 'n', '0', '否', '无', 'f'];

/**
 * A source value as `field` stores it: enumerated values by their key, term or alias
 * (`煤` → `coal`, `330103` → `prohibitedMining`), dates as `YYYY-MM-DD`, numbers with their
 * thousands separators dropped, yes/no words as booleans. Empty text is null.
 */
export function sourceValue(field: FieldDef, raw: unknown): SourceValue {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
  const text = String(raw).normalize('NFKC').trim();
  switch (field.type) {
    case 'enum': {
      const aliases = VALUE_ALIASES[field.key] ?? {};
      const value =
        field.values?.find((key) => [key, GLOSSARY[key].zh, GLOSSARY[key].en].map(normalised).includes(normalised(text))) ??
        aliases[text];
      return value ? { ok: true, value } : { ok: false, reason: 'notAValue' };
    }
    case 'date': {
      const value = sourceDate(typeof raw === 'number' ? raw : text);
      return value ? { ok: true, value } : { ok: false, reason: 'notAValue' };
    }
    case 'number':
    case 'integer': {
      const value = typeof raw === 'number' ? raw : Number(text.replace(/,/g, ''));
      const ok = Number.isFinite(value) && (field.type === 'number' || Number.isInteger(value));
      return ok ? { ok: true, value } : { ok: false, reason: 'notAValue' };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = normalised(text);
      if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(word)) return { ok: true, value: false };
      return { ok: false, reason: 'notAValue' };
    }
    default:
      return { ok: true, value: text };
  }
}
