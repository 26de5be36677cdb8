import type { BlockGeometry, BufferSettings, Finding, Indicator, Outcome, Proposal, Ruleset } from '@mpm/rules';

/*
 * The wire shapes of `GET /api/rules` and `POST /api/check` (schemas in @mpm/contracts
 * `check.ts`), typed with @mpm/rules' own types so the browser engine and `evaluate` take
 * them as they are.
 */

/** `GET /api/rules`: the ruleset in force (with its plan period) and the county's buffer widths. */
export interface RulesResponse {
  ruleset: Ruleset & { planPeriod: { from: number; to: number } };
  buffers: BufferSettings;
}

/** A pasted corner-point list as the server reads it (`parseCornerList` there too). */
export interface CornerListInput {
  text: string;
  /** The Gauss–Krüger zone number, for eastings written without their prefix. */
  zone?: number;
}

/** `POST /api/check`: a block (geometry in EPSG:4490 lon/lat, or a corner list) and the proposal. */
export interface CheckBody {
  geometry?: BlockGeometry;
  cornerList?: CornerListInput;
  proposal: Proposal;
}

/** The server's verdict: ellipsoidal areas (km² to 4 decimals), findings, indicators. */
export interface CheckResponse {
  areaM2: number;
  areaMu: number;
  areaHa: number;
  areaKm2: number;
  geometry: BlockGeometry;
  cornerList?: { format: string; epsg: number };
  findings: Finding[];
  indicators: { before: Indicator[]; after: Indicator[] };
  worstOutcome: Outcome | null;
  rulesetId: string;
  periodEnded: boolean;
  checkedAt: string;
}
