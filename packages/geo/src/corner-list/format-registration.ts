import { HOLES_NOT_SUPPORTED } from '../reasons.ts';
import { MESSAGES } from '../messages.ts';
import type { Problem, Result } from '../types.ts';
import { REGISTRATION_COUNT_KEY } from './parse-registration.ts';
import type { CornerList } from './types.ts';
import { COORDINATE_DECIMALS, metres } from './write-coordinates.ts';

const DEFAULT_HEADER = ['矿区范围拐点坐标总数应小于1000个'];
const FORMAT_NAME = { zh: '登记报盘格式', en: 'registration format' };

/**
 * Writes a corner list as registration text (format b): the source's header lines when it
 * was registration text, the recomputed `总行数` line, then `XYnnn=点号,X,Y` per corner and
 * `XYnnn=标高,上限,下限,,标志` closing each block (empty limits when a block has none).
 * Y always carries the zone prefix, as the registration data expects. The format has no
 * holes: a list with holes is refused rather than flattened.
 */
export function formatRegistration(list: CornerList, decimals = COORDINATE_DECIMALS): Result<string, Problem> {
  const withHole = list.polygons.findIndex((p) => p.rings.length > 1);
  if (withHole >= 0) {
    const message = MESSAGES[HOLES_NOT_SUPPORTED]({ format: FORMAT_NAME, polygon: withHole + 1 });
    return { ok: false, errors: [{ reason: HOLES_NOT_SUPPORTED, message }] };
  }
  const prefix = list.zone.prefixed ? 0 : list.zone.zone * 1_000_000;
  const header = list.format === 'registration' ? list.headerLines.filter((l) => !l.startsWith(REGISTRATION_COUNT_KEY)) : DEFAULT_HEADER;
  const values = list.polygons.flatMap((polygon) => {
    const corners = polygon.rings[0].points.map((p) => `${p.label},${metres(p.northingM, decimals)},${metres(p.eastingM + prefix, decimals)}`);
    const e = polygon.elevation;
    return [...corners, e ? `标高,${e.top},${e.bottom},,${e.flag ?? ''}` : '标高,,,,'];
  });
  const width = Math.max(3, String(values.length).length);
  const lines = values.map((value, i) => `XY${String(i + 1).padStart(width, '0')}=${value}`);
  return { ok: true, value: [...header, `${REGISTRATION_COUNT_KEY}=${values.length}`, ...lines].join('\n') + '\n' };
}
