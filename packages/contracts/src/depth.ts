import { Type, type Static } from 'typebox';
import { LICENCE_NOTE_MAX, SURVEY_SURFACES } from '@mpm/domain';
import { Finding } from './check.ts';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });

/** One survey point: where (EPSG:4490 degrees) and the elevation measured there (m above sea level). */
export const SurveyPoint = Type.Object({ lon: Type.Number(), lat: Type.Number(), elevationM: Type.Number() }, strict);
export type SurveyPoint = Static<typeof SurveyPoint>;

/** `…/elevation-surveys` path: the mining right. */
export const SurveysParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, strict);
export type SurveysParams = Static<typeof SurveysParams>;

/**
 * `POST /api/licences/mining_rights/:id/elevation-surveys` (inspector, admin): a measured pit
 * floor or working face (one point or a survey point list) at a mining right. Each point must lie
 * in the right and carry a plausible elevation: checked in code, each refusal naming the point.
 */
export const ElevationSurveyBody = Type.Object(
  {
    surface: Type.Enum(SURVEY_SURFACES),
    /** The day measured (China time); today when left out. */
    measuredOn: Type.Optional(IsoDate),
    points: Type.Array(SurveyPoint),
    note: Type.Optional(Type.String({ maxLength: LICENCE_NOTE_MAX })),
  },
  strict,
);
export type ElevationSurveyBody = Static<typeof ElevationSurveyBody>;

/** A survey's points against the licensed range it was judged by. */
export const DepthVerdict = Type.Object({
  below: Type.Boolean(),
  above: Type.Boolean(),
  lowestM: Type.Number(),
  highestM: Type.Number(),
  belowByM: Type.Number(),
  aboveByM: Type.Number(),
});
export type DepthVerdict = Static<typeof DepthVerdict>;

/** One recorded survey: the range it was judged against (the right's 开采标高 then) and what it found. */
export const ElevationSurveyView = Type.Object({
  id: Type.Integer(),
  rightId: Type.Integer(),
  licenceNo: Type.String(),
  surface: Type.Enum(SURVEY_SURFACES),
  measuredOn: IsoDate,
  points: Type.Array(SurveyPoint),
  topM: Type.Number(),
  bottomM: Type.Number(),
  verdict: DepthVerdict,
  /** 超层越界: some point below the floor or above the top. */
  breach: Type.Boolean(),
  /** The 超层越界 finding with its legal basis (seeds 003, 002), when there is a breach. */
  finding: Type.Union([Finding, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  /** The ledger entry the survey became, if any. */
  ledgerEntryId: Type.Union([Type.Integer(), Type.Null()]),
  recordedBy: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
});
export type ElevationSurveyView = Static<typeof ElevationSurveyView>;

/** `GET /api/licences/mining_rights/:id/elevation-surveys` (staff): the licensed range and the surveys, newest first. */
export const RightSurveysResponse = Type.Object({
  id: Type.Integer(),
  licenceNo: Type.String(),
  elevationTopM: Type.Union([Type.Number(), Type.Null()]),
  elevationBottomM: Type.Union([Type.Number(), Type.Null()]),
  surveys: Type.Array(ElevationSurveyView),
});
export type RightSurveysResponse = Static<typeof RightSurveysResponse>;

export const SurveyParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, strict);
export type SurveyParams = Static<typeof SurveyParams>;

/** `POST /api/elevation-surveys/:id/lead` (转为线索) answer. */
export const SurveyLeadResponse = Type.Object({ surveyId: Type.Integer(), leadId: Type.Integer() });
export type SurveyLeadResponse = Static<typeof SurveyLeadResponse>;
