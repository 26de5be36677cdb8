import type { SurveyPoint } from '@mpm/contracts';

/** Why a typed survey could not be read, and on which line. */
export type SurveyInputProblem = { reason: 'noElevation' } | { reason: 'badLine'; line: number; text: string };

/**
 * The survey points as typed: a point list (one `lon, lat, elevation` a line, commas, spaces or
 * tabs between) when one is given, else the site's own point with the one elevation typed. The
 * server judges the numbers (range, inside the right); this only reads them.
 */
export function readSurveyPoints(
  site: [number, number],
  elevation: string,
  pointList: string,
): { ok: true; points: SurveyPoint[] } | { ok: false; problem: SurveyInputProblem } {
  const lines = pointList
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, text: line.trim() }))
    .filter((l) => l.text !== '');
  if (lines.length === 0) {
    if (elevation.trim() === '' || !Number.isFinite(Number(elevation))) return { ok: false, problem: { reason: 'noElevation' } };
    return { ok: true, points: [{ lon: site[0], lat: site[1], elevationM: Number(elevation) }] };
  }
  const points: SurveyPoint[] = [];
  for (const { line, text } of lines) {
    const values = text.split(/[\s,，;；]+/).filter(Boolean).map(Number);
    if (values.length !== 3 || values.some((v) => !Number.isFinite(v))) return { ok: false, problem: { reason: 'badLine', line, text } };
    points.push({ lon: values[0], lat: values[1], elevationM: values[2] });
  }
  return { ok: true, points };
}
