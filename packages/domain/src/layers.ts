import type { TermKey } from './glossary.ts';

/** OGC API – Features collection ids; also the tile layer ids and the web layer ids. */
export const COLLECTION_IDS = [
  'county',
  'townships',
  'concentrated_zones',
  'mining_blocks',
  'exploration_blocks',
  'mining_zoning',
  'eco_redline',
  'farmland',
  'urban_development_boundary',
  'forest_land',
  'grassland',
  'wetland',
  'nature_reserves',
  'water_sources',
  'scenic_areas',
  'residential_areas',
  'roads',
  'railways',
  'rivers',
  'mining_rights',
  'exploration_rights',
  'restoration_parcels',
  'change_patches',
] as const;
export type CollectionId = (typeof COLLECTION_IDS)[number];

export const isCollectionId = (id: string): id is CollectionId =>
  (COLLECTION_IDS as readonly string[]).includes(id);

/** Groups in the layer list, in display order. */
export const LAYER_GROUPS = ['admin', 'plan', 'protection', 'lines', 'rights', 'restoration', 'monitoring'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

export type FieldType = 'text' | 'integer' | 'number' | 'date' | 'boolean' | 'enum' | 'enumList';

/** Minerals, as glossary keys. */
export const MINERALS = [
  'coal',
  'brickClay',
  'constructionSand',
  'constructionStone',
  'coalbedMethane',
  'shaleGas',
  'iron',
  'copper',
  'aluminium',
  'nickel',
  'chromium',
  'manganese',
  'gold',
  'silver',
  'lead',
  'zinc',
  'cobalt',
  'tungsten',
] as const satisfies readonly TermKey[];
export type Mineral = (typeof MINERALS)[number];

/** One attribute of a layer's features, as served in GeoJSON `properties`. */
export interface FieldDef {
  /** Property name (camelCase English); also the glossary key of its label. */
  key: TermKey;
  type: FieldType;
  /** Unit shown after the value, as a glossary key (e.g. `unitMu`). */
  unit?: TermKey;
  /** Allowed values for `enum` fields (and each item of an `enumList`, stored comma-separated); glossary keys. */
  values?: readonly TermKey[];
  /** Computed by the server from the geometry (never stored). */
  computed?: 'areaMu' | 'areaKm2' | 'lengthKm';
  /** Never shown to anonymous users even when the layer is public (personal or sensitive data). */
  staffOnly?: boolean;
  /** Read from another register, never written with the feature (imports and edits leave it): that register's glossary key. */
  derivedFrom?: TermKey;
}

export interface LayerDef {
  id: CollectionId;
  group: LayerGroup;
  geometry: 'polygon' | 'line';
  /** Whether anonymous users see the layer until the county changes the setting. */
  publicByDefault: boolean;
  /** Fill or line colour on the map and in the legend. */
  color: string;
  /** Shown on top of the map when on; off layers are still in the list. */
  visibleByDefault: boolean;
  fields: readonly FieldDef[];
}

const name: FieldDef = { key: 'name', type: 'text' };
const areaMu: FieldDef = { key: 'areaMu', type: 'number', unit: 'unitMu', computed: 'areaMu' };
const areaKm2: FieldDef = { key: 'areaKm2', type: 'number', unit: 'unitKm2', computed: 'areaKm2' };
const lengthKm: FieldDef = { key: 'lengthKm', type: 'number', unit: 'unitKm', computed: 'lengthKm' };
const mineral: FieldDef = { key: 'mineral', type: 'enum', values: MINERALS };
const licenceNo: FieldDef = { key: 'licenceNo', type: 'text' };
const rightStatus: FieldDef = { key: 'rightStatus', type: 'enum', values: ['active', 'suspended', 'revoked'] };
const holder: FieldDef = { key: 'holder', type: 'text' };
const validFrom: FieldDef = { key: 'validFrom', type: 'date' };
const validTo: FieldDef = { key: 'validTo', type: 'date' };
const protectionLevel: FieldDef = {
  key: 'protectionLevel',
  type: 'enum',
  values: ['nationalLevel', 'provincialLevel', 'municipalLevel', 'countyLevel'],
};
const protectedArea = (id: CollectionId, color: string, publicByDefault: boolean): LayerDef => ({
  id,
  group: 'protection',
  geometry: 'polygon',
  publicByDefault,
  color,
  visibleByDefault: true,
  fields: [name, protectionLevel, areaKm2],
});
/** A land class of the land survey (林地, 草地, 湿地): staff-only and off until asked for, like farmland. */
const landClass = (id: CollectionId, color: string, extra: readonly FieldDef[]): LayerDef => ({
  id,
  group: 'protection',
  geometry: 'polygon',
  publicByDefault: false,
  color,
  visibleByDefault: false,
  fields: [name, ...extra, areaMu],
});

/** Every layer of the county map, in drawing order (bottom first). */
export const LAYERS: readonly LayerDef[] = [
  {
    id: 'county',
    group: 'admin',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#555555',
    visibleByDefault: true,
    fields: [name, { key: 'adminCode', type: 'text' }, areaKm2],
  },
  {
    id: 'townships',
    group: 'admin',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#8c8c8c',
    visibleByDefault: true,
    fields: [name, { key: 'adminCode', type: 'text' }, areaKm2],
  },
  // Land classes (林地、草地、湿地, seed 002 "非法占用耕地、林地、草地、湿地和自然保护地"): drawn under
  // farmland and the protected areas, which matter more where they meet.
  landClass('forest_land', '#4d9221', []),
  landClass('grassland', '#b8e186', []),
  landClass('wetland', '#41b6c4', [protectionLevel]),
  {
    id: 'farmland',
    group: 'protection',
    geometry: 'polygon',
    publicByDefault: false,
    color: '#e6c229',
    visibleByDefault: false,
    fields: [name, { key: 'farmlandClass', type: 'enum', values: ['permanentBasic', 'cultivable'] }, areaMu],
  },
  {
    id: 'eco_redline',
    group: 'protection',
    geometry: 'polygon',
    publicByDefault: false,
    color: '#d7191c',
    visibleByDefault: true,
    fields: [name, { key: 'controlNote', type: 'text' }, areaKm2],
  },
  {
    // 三区三线's urban development boundary (城镇开发边界), seed 002 "不符合'三区三线'管控要求".
    id: 'urban_development_boundary',
    group: 'protection',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#c51b7d',
    visibleByDefault: false,
    fields: [name, areaKm2],
  },
  protectedArea('nature_reserves', '#1a9641', true),
  protectedArea('water_sources', '#2b83ba', false),
  protectedArea('scenic_areas', '#a6d96a', true),
  protectedArea('residential_areas', '#f46d43', false),
  {
    id: 'mining_zoning',
    group: 'plan',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#9e9ac8',
    visibleByDefault: true,
    fields: [
      name,
      { key: 'zoningClass', type: 'enum', values: ['keyMining', 'restrictedMining', 'prohibitedMining'] },
      { key: 'minerals', type: 'enumList', values: MINERALS },
      areaKm2,
    ],
  },
  {
    id: 'exploration_blocks',
    group: 'plan',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#6a51a3',
    visibleByDefault: true,
    fields: [{ key: 'code', type: 'text' }, name, mineral, areaKm2],
  },
  {
    id: 'mining_blocks',
    group: 'plan',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#3f007d',
    visibleByDefault: true,
    fields: [
      { key: 'code', type: 'text' },
      name,
      mineral,
      { key: 'allocationMethod', type: 'enum', values: ['tenderAuctionListing'] },
      areaKm2,
    ],
  },
  {
    id: 'concentrated_zones',
    group: 'plan',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#e08214',
    visibleByDefault: true,
    fields: [
      name,
      { key: 'mainMineral', type: 'enum', values: MINERALS },
      areaKm2,
      { key: 'resources10kt', type: 'number', unit: 'unit10kt' },
      { key: 'existingRights', type: 'integer', unit: 'unitCount' },
      { key: 'plannedRights', type: 'integer', unit: 'unitCount' },
      { key: 'minScale10ktPerYear', type: 'number', unit: 'unit10ktPerYear' },
      { key: 'extractionCap10kt', type: 'number', unit: 'unit10kt' },
    ],
  },
  {
    id: 'rivers',
    group: 'lines',
    geometry: 'line',
    publicByDefault: true,
    color: '#4393c3',
    visibleByDefault: true,
    fields: [name, lengthKm],
  },
  {
    id: 'roads',
    group: 'lines',
    geometry: 'line',
    publicByDefault: true,
    color: '#b35806',
    visibleByDefault: true,
    fields: [
      name,
      { key: 'roadClass', type: 'enum', values: ['national', 'provincial', 'countyRoad', 'townshipRoad'] },
      lengthKm,
    ],
  },
  {
    id: 'railways',
    group: 'lines',
    geometry: 'line',
    publicByDefault: true,
    color: '#252525',
    visibleByDefault: true,
    fields: [name, lengthKm],
  },
  {
    id: 'exploration_rights',
    group: 'rights',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#807dba',
    visibleByDefault: true,
    fields: [licenceNo, holder, mineral, validFrom, validTo, rightStatus, areaKm2],
  },
  {
    id: 'mining_rights',
    group: 'rights',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#000000',
    visibleByDefault: true,
    fields: [
      licenceNo,
      { key: 'mineName', type: 'text' },
      holder,
      { key: 'holderContact', type: 'text', staffOnly: true },
      mineral,
      { key: 'miningMethod', type: 'enum', values: ['openPit', 'underground'] },
      { key: 'scaleClass', type: 'enum', values: ['large', 'medium', 'small'] },
      { key: 'capacity10ktPerYear', type: 'number', unit: 'unit10ktPerYear' },
      { key: 'elevationTopM', type: 'number', unit: 'unitM' },
      { key: 'elevationBottomM', type: 'number', unit: 'unitM' },
      validFrom,
      validTo,
      rightStatus,
      { key: 'greenMine', type: 'boolean', derivedFrom: 'greenMineDirectory' },
      { key: 'restorationFund10kYuan', type: 'number', unit: 'unit10kYuan', staffOnly: true },
      { key: 'restorationFundProvisioned', type: 'boolean', staffOnly: true },
      areaKm2,
    ],
  },
  {
    id: 'restoration_parcels',
    group: 'restoration',
    geometry: 'polygon',
    publicByDefault: true,
    color: '#35978f',
    visibleByDefault: true,
    fields: [
      { key: 'code', type: 'text' },
      name,
      { key: 'mineCategory', type: 'enum', values: ['production', 'policyClosed', 'abandoned', 'historical'] },
      { key: 'township', type: 'text' },
      { key: 'plannedYear', type: 'integer' },
      { key: 'restorationStatus', type: 'enum', values: ['planned', 'underWay', 'completed', 'accepted'] },
      { key: 'completedOn', type: 'date' },
      { key: 'method', type: 'text' },
      areaMu,
    ],
  },
  {
    id: 'change_patches',
    group: 'monitoring',
    geometry: 'polygon',
    publicByDefault: false,
    color: '#ff00ff',
    visibleByDefault: true,
    fields: [
      { key: 'code', type: 'text' },
      { key: 'detectionRound', type: 'text' },
      { key: 'detectedOn', type: 'date' },
      { key: 'landChange', type: 'text' },
      areaMu,
    ],
  },
];

const byId = new Map(LAYERS.map((layer) => [layer.id, layer]));

/** The layer definition for a collection id. */
export function getLayer(id: CollectionId): LayerDef {
  const layer = byId.get(id);
  if (!layer) throw new Error(`unknown layer ${id}`);
  return layer;
}
