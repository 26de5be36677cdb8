import type { FastifyRequest } from 'fastify';
import { isStaff, term, type CollectionId, type FieldDef, type Language, type LedgerStatus } from '@mpm/domain';
import { formatLonLatDms } from '@mpm/geo';
import { SEARCH_GROUP_LIMIT, SEARCH_KINDS, SEARCH_MAX_LENGTH, type SearchKind, type SearchResponse, type SearchResult } from '@mpm/contracts';
import { badRequest, requestLanguage } from '../../../http/errors.ts';
import { roleOf } from '../auth/auth.plugin.ts';
import { visibleLayers, type LayerAccessContext } from '../layers/layer-access.ts';
import { LAYER_TABLES } from '../layers/layer-tables.ts';
import { visibleFields } from '../layers/field-visibility.ts';
import { parseCoordinateQuery, type CoordinateReading } from './coordinate-query.ts';
import type { LayerHit, LayerSearch, SearchRepository } from './search-repository.ts';

/** What searching needs from the app. */
export interface SearchContext extends LayerAccessContext {
  searchRepository: SearchRepository;
}

/** Roles that read the problem ledger (as `GET /api/ledger`). */
const LEDGER_READERS: readonly string[] = ['inspector', 'planner', 'admin'];

/** The search text, trimmed; a named 400 when it is empty or longer than {@link SEARCH_MAX_LENGTH}. */
export function searchText(q: string | undefined): string {
  const text = (q ?? '').trim();
  if (!text) throw badRequest('searchQueryEmpty', { zh: '请输入要搜索的内容。', en: 'Type something to search for.' });
  if ([...text].length > SEARCH_MAX_LENGTH) {
    throw badRequest('searchQueryTooLong', {
      zh: `搜索内容不能超过 ${SEARCH_MAX_LENGTH} 个字。`,
      en: `Search text may be at most ${SEARCH_MAX_LENGTH} characters long.`,
    });
  }
  return text;
}

/**
 * The layers the caller may see, each with the text fields it may read that are stored columns
 * (a county-hidden or staff-only field is neither searched nor shown to the public).
 */
export async function searchableLayers(
  app: LayerAccessContext,
  staff: boolean,
  keep: (field: FieldDef, collection: CollectionId) => boolean,
): Promise<LayerSearch[]> {
  const settings = await app.repos.layers.settings();
  return (await visibleLayers(app, staff)).map((collection) => {
    const audience = staff ? ({ staff: true } as const) : { staff: false as const, hiddenFields: settings[collection].hiddenFields };
    const fields = visibleFields(collection, audience).filter(
      (field) => field.type === 'text' && !field.computed && !LAYER_TABLES[collection].expressions?.[field.key] && keep(field, collection),
    );
    return { collection, fields };
  });
}

const kindOf = (layer: CollectionId): SearchKind =>
  layer === 'mining_rights' || layer === 'exploration_rights' ? 'licence' : layer === 'county' || layer === 'townships' ? 'place' : 'feature';

/** A found feature as a result: a licence by its mine name (else number), anything else by name (else code). */
function layerResult(hit: LayerHit, text: string, lang: Language): SearchResult {
  const v = hit.values;
  const label = (hit.layer === 'mining_rights' ? v.mineName : null) ?? v.name ?? v.licenceNo ?? v.code ?? `#${hit.id}`;
  const needle = text.toLowerCase();
  const shown = [v.licenceNo, v.holder].filter((value): value is string => !!value && value !== label);
  const matched = Object.entries(v).find(([, value]) => value && value !== label && value.toLowerCase().includes(needle));
  const detail =
    kindOf(hit.layer) === 'licence'
      ? shown.join(' · ')
      : matched
        ? `${term(matched[0] as 'name', lang)}：${matched[1]}`
        : '';
  return { kind: kindOf(hit.layer), layer: hit.layer, id: hit.id, label, ...(detail ? { detail } : {}), bbox: hit.bbox };
}

function coordinateResult(reading: CoordinateReading, lang: Language): SearchResult {
  const [lon, lat] = reading.lonLat;
  const dms = formatLonLatDms(reading.lonLat);
  const how =
    reading.format === 'gk'
      ? lang === 'en'
        ? `Gauss–Krüger ${reading.zone!.widthDeg}° zone ${reading.zone!.zone}`
        : `高斯–克吕格 ${reading.zone!.widthDeg}° 带 第 ${reading.zone!.zone} 带`
      : reading.format === 'dms'
        ? lang === 'en'
          ? 'degrees, minutes, seconds'
          : '度分秒'
        : lang === 'en'
          ? 'decimal degrees'
          : '十进制度';
  return {
    kind: 'coordinate',
    label: `${lon.toFixed(6)}, ${lat.toFixed(6)}`,
    detail: `${how} · ${dms.lon} ${dms.lat}`,
    point: [Number(lon.toFixed(7)), Number(lat.toFixed(7))],
  };
}

/** A number as people type one for a ledger entry or proposal: `12`, `#12`, `No. 12`, `编号12`. */
const recordNumber = (text: string): number | null => {
  const match = /^(?:#|no\.?|编号|第)?\s*(\d{1,9})\s*号?$/i.exec(text);
  return match ? Number(match[1]) : null;
};

/**
 * `GET /api/search`: a typed coordinate; licences by number, holder or mine name; townships and
 * features of every layer the caller may see by the text fields they may read; for staff,
 * proposals and (for the ledger's readers) ledger entries. Grouped by kind, at most
 * {@link SEARCH_GROUP_LIMIT} a group.
 */
export async function search(app: SearchContext, request: FastifyRequest, q: string | undefined): Promise<SearchResponse> {
  const text = searchText(q);
  const lang = requestLanguage(request);
  const role = roleOf(request);
  const staff = isStaff(role);
  const results: SearchResult[] = [];

  const coordinate = parseCoordinateQuery(text);
  if (coordinate) results.push(coordinateResult(coordinate, lang));

  const layers = await searchableLayers(app, staff, () => true);
  const hits = await app.searchRepository.layerFeatures(text, layers, SEARCH_GROUP_LIMIT);
  results.push(...hits.map((hit) => layerResult(hit, text, lang)));

  const number = recordNumber(text);
  if (staff) {
    const proposals = await app.searchRepository.proposals(text, number, SEARCH_GROUP_LIMIT);
    results.push(...proposals.map((p) => ({ kind: 'proposal' as const, id: p.id, label: p.label, ...(p.detail ? { detail: p.detail } : {}), bbox: p.bbox })));
  }
  if (LEDGER_READERS.includes(role)) {
    const entries = await app.searchRepository.ledgerEntries(text, number, SEARCH_GROUP_LIMIT);
    results.push(
      ...entries.map((e) => ({ kind: 'ledger' as const, id: e.id, label: `#${e.id} ${e.label}`, detail: term(e.detail as LedgerStatus, lang), bbox: e.bbox })),
    );
  }

  const groups = SEARCH_KINDS.map((kind) => ({ kind, results: results.filter((r) => r.kind === kind).slice(0, SEARCH_GROUP_LIMIT) }));
  return { q: text, groups: groups.filter((group) => group.results.length > 0) };
}
