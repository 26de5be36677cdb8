import { createLocalFrame, createRandom, type LocalFrame, type Random } from '@mpm/demo';

/** The demo county's bounding box (data/demo/county.geojson), lon/lat degrees. */
export const COUNTY_BBOX = [108.2117643, 35.3230312, 108.6897165, 35.632625] as const;

/** Synthetic zones: how many, and how big (realistic plan-zone and parcel sizes). */
export const ZONE_SHAPE = {
  minRadiusM: 40, // a small parcel, ~0.5 ha
  maxRadiusM: 400, // a large zone, ~50 ha
  minVertices: 8,
  maxVertices: 40,
  jitter: 0.35, // each vertex's radius varies by up to 35 %
};

/** The drawn block and its edits, as while a planner drags vertices. */
export const EDIT_SHAPE = {
  sequences: 20, // places in the county where a block is drawn
  editsPerSequence: 30, // vertex moves per place
  minRadiusM: 150, // a block of ~7 ha…
  maxRadiusM: 500, // …to ~80 ha
  minVertices: 5,
  maxVertices: 12,
  stepM: 15, // how far one edit moves a vertex
};

const frame: LocalFrame = createLocalFrame([(COUNTY_BBOX[0] + COUNTY_BBOX[2]) / 2, (COUNTY_BBOX[1] + COUNTY_BBOX[3]) / 2]);

/** A star-shaped polygon around `centre` (local metres): vertices at fixed angles, so never self-intersecting. */
function starPolygon(centre: { x: number; y: number }, radii: readonly number[], turn: number): GeoJSON.Polygon {
  const ring = radii.map((r, i) => {
    const angle = turn + (2 * Math.PI * i) / radii.length;
    return frame.toLonLat({ x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) });
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

function randomCentre(random: Random) {
  const [lon, lat] = [random.range(COUNTY_BBOX[0], COUNTY_BBOX[2]), random.range(COUNTY_BBOX[1], COUNTY_BBOX[3])];
  return frame.toMetres([lon, lat]);
}

/** `count` seeded zones spread over the county, ids 1…count. */
export function syntheticZones(seed: number, count: number): GeoJSON.Feature<GeoJSON.Polygon>[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const radius = ZONE_SHAPE.minRadiusM * (ZONE_SHAPE.maxRadiusM / ZONE_SHAPE.minRadiusM) ** random.next();
    const vertices = random.int(ZONE_SHAPE.minVertices, ZONE_SHAPE.maxVertices);
    const radii = Array.from({ length: vertices }, () => radius * (1 - ZONE_SHAPE.jitter * random.next()));
    const geometry = starPolygon(randomCentre(random), radii, random.range(0, Math.PI));
    return { type: 'Feature', id: i + 1, properties: { name: `zone ${i + 1}` }, geometry };
  });
}

/** Seeded edit sequences: each a block whose vertices move one at a time by up to `stepM`. */
export function editSequence(seed: number): GeoJSON.Polygon[] {
  const random = createRandom(seed);
  const blocks: GeoJSON.Polygon[] = [];
  for (let s = 0; s < EDIT_SHAPE.sequences; s++) {
    const centre = randomCentre(random);
    const radius = random.range(EDIT_SHAPE.minRadiusM, EDIT_SHAPE.maxRadiusM);
    const radii = Array.from({ length: random.int(EDIT_SHAPE.minVertices, EDIT_SHAPE.maxVertices) }, () => radius * random.range(0.7, 1));
    const turn = random.range(0, Math.PI);
    for (let e = 0; e < EDIT_SHAPE.editsPerSequence; e++) {
      const i = random.int(0, radii.length - 1);
      radii[i] = Math.max(radius * 0.3, radii[i] + random.range(-EDIT_SHAPE.stepM, EDIT_SHAPE.stepM));
      blocks.push(starPolygon(centre, radii, turn));
    }
  }
  return blocks;
}

/** `count` seeded blocks of `vertices` corners each (radius 150–500 m) spread over the county, as a planner checks them one after another. */
export function randomBlocks(seed: number, count: number, vertices: number): GeoJSON.Polygon[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const centre = randomCentre(random);
    const radius = random.range(EDIT_SHAPE.minRadiusM, EDIT_SHAPE.maxRadiusM);
    const radii = Array.from({ length: vertices }, () => radius * random.range(0.7, 1));
    return starPolygon(centre, radii, random.range(0, Math.PI));
  });
}
