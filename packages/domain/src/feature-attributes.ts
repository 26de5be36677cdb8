import { term, type TermKey } from './glossary.ts';
import { getLayer, type CollectionId, type FieldDef } from './layers.ts';
import { sourceDate } from './source-fields.ts';
import { invalid, valid, type Validation } from './validation.ts';

/**
 * The layers whose features are edited in the web (数据 mode's 编辑要素): the zoning, the red line,
 * farmland, the 四区 (nature reserves, water sources, scenic areas, residential areas), the urban
 * development boundary, forest, grass and wet land, the planning blocks and the concentrated zones. Rights and restoration parcels have registers of
 * their own; the county, townships, lines and change patches come from files.
 */
export const EDITABLE_LAYERS = [
  'mining_zoning',
  'eco_redline',
  'farmland',
  'nature_reserves',
  'water_sources',
  'scenic_areas',
  'residential_areas',
  'urban_development_boundary',
  'forest_land',
  'grassland',
  'wetland',
  'mining_blocks',
  'exploration_blocks',
  'concentrated_zones',
] as const satisfies readonly CollectionId[];
export type EditableLayer = (typeof EDITABLE_LAYERS)[number];

export const isEditableLayer = (id: string): id is EditableLayer => (EDITABLE_LAYERS as readonly string[]).includes(id);

/** Longest text attribute of an edited feature, in characters (a name, a control note). */
export const FEATURE_TEXT_MAX = 200;

/** Why an attribute of an edited feature is refused; each is the `code` of the API's 400. */
export type AttributeReason = 'unknownField' | 'computedField' | 'notAValue' | 'textTooLong';

/** A value as a feature's properties hold it. */
export type AttributeValue = string | number | boolean | null;

const shown = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** What a field's values may be, for a refusal's message. */
function expected(field: FieldDef): { zh: string; en: string } {
  switch (field.type) {
    case 'number':
      return { zh: '数值', en: 'a number' };
    case 'integer':
      return { zh: '整数', en: 'a whole number' };
    case 'date':
      return { zh: 'YYYY-MM-DD 格式的日期', en: 'a date as YYYY-MM-DD' };
    case 'boolean':
      return { zh: 'true 或 false', en: 'true or false' };
    case 'enum':
    case 'enumList': {
      const list = field.values ?? [];
      const many = field.type === 'enumList' ? { zh: '（可多选，以逗号分隔）', en: ' (several, comma-separated)' } : { zh: '', en: '' };
      return {
        zh: `${list.map((v) => `${v}（${term(v, 'zh')}）`).join('、')}之一${many.zh}`,
        en: `one of ${list.join(', ')}${many.en}`,
      };
    }
    default:
      return { zh: '文字', en: 'text' };
  }
}

/** One value as `field` stores it, or undefined when it is not one of its values. */
function fieldValue(field: FieldDef, raw: unknown): AttributeValue | undefined {
  if (raw === null) return null;
  switch (field.type) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
    case 'integer':
      return typeof raw === 'number' && Number.isInteger(raw) ? raw : undefined;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) && sourceDate(raw) === raw ? raw : undefined;
    case 'enum':
      return typeof raw === 'string' && (field.values ?? []).includes(raw as TermKey) ? raw : undefined;
    case 'enumList': {
      if (typeof raw !== 'string') return undefined;
      const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
      if (!items.every((item) => (field.values ?? []).includes(item as TermKey))) return undefined;
      return items.length === 0 ? null : [...new Set(items)].join(',');
    }
    default: {
      if (typeof raw !== 'string') return undefined;
      const text = raw.trim();
      return text === '' ? null : text;
    }
  }
}

/**
 * A feature's attributes as a web edit gives them, checked against the layer's fields in the
 * catalogue: each key one of its fields and not one derived from the geometry (an area), each
 * value of the field's type (enumerated values by their key, dates as `YYYY-MM-DD`), text at
 * most {@link FEATURE_TEXT_MAX} characters; null or empty text clears a value (whether the field
 * may be empty is the table's to say). The first problem is refused, naming the field.
 */
export function featureAttributes(layer: CollectionId, properties: Record<string, unknown>): Validation<Record<string, AttributeValue>, AttributeReason> {
  const fields = getLayer(layer).fields;
  const where = { zh: `图层“${term(layer, 'zh')}”`, en: `layer "${term(layer, 'en')}"` };
  const values: Record<string, AttributeValue> = {};
  for (const [key, raw] of Object.entries(properties)) {
    const field = fields.find((f) => f.key === key);
    if (!field) {
      const known = fields.filter((f) => !f.computed).map((f) => f.key);
      return invalid('unknownField', {
        zh: `“${shown(key)}”不是${where.zh}的字段；可编辑的字段为：${known.join('、')}。`,
        en: `"${shown(key)}" is not a field of ${where.en}; its editable fields are ${known.join(', ')}.`,
      });
    }
    if (field.computed) {
      return invalid('computedField', {
        zh: `${where.zh}的“${term(field.key, 'zh')}”由边界计算得出，不能直接填写。`,
        en: `${term(field.key, 'en')} of ${where.en} is computed from the boundary; it cannot be written.`,
      });
    }
    if (field.type === 'text' && typeof raw === 'string' && raw.trim().length > FEATURE_TEXT_MAX) {
      return invalid('textTooLong', {
        zh: `${where.zh}的“${term(field.key, 'zh')}”有 ${raw.trim().length} 个字符，最多 ${FEATURE_TEXT_MAX} 个。`,
        en: `${term(field.key, 'en')} of ${where.en} has ${raw.trim().length} characters; at most ${FEATURE_TEXT_MAX} are allowed.`,
      });
    }
    const value = fieldValue(field, raw);
    if (value === undefined) {
      const wanted = expected(field);
      return invalid('notAValue', {
        zh: `${where.zh}的“${term(field.key, 'zh')}”不能为“${shown(raw)}”，须为${wanted.zh}。`,
        en: `${term(field.key, 'en')} of ${where.en} cannot be "${shown(raw)}"; it must be ${wanted.en}.`,
      });
    }
    values[key] = value;
  }
  return valid(values);
}
