import type { ElevationSurveyView, Finding, SurveyPoint } from '@mpm/contracts';
import { DEPTH_BASIS, GLOSSARY, depthVerdict, isDepthBreach, type DepthVerdict } from '@mpm/domain';
import type { SurveyRow } from './depth-repository.ts';

const SURFACE = { floor: GLOSSARY.surfaceFloor, face: GLOSSARY.surfaceFace } as const;

/** What a breach says: how far below the floor and/or above the top, against the range. */
function breachMessage(row: Pick<SurveyRow, 'surface' | 'measuredOn' | 'topM' | 'bottomM'>, verdict: DepthVerdict) {
  const zh: string[] = [];
  const en: string[] = [];
  if (verdict.below) {
    zh.push(`最低测点 ${verdict.lowestM} 米，低于开采标高下限 ${row.bottomM} 米 ${verdict.belowByM} 米`);
    en.push(`the lowest point, ${verdict.lowestM} m, lies ${verdict.belowByM} m below the licensed floor of ${row.bottomM} m`);
  }
  if (verdict.above) {
    zh.push(`最高测点 ${verdict.highestM} 米，高于开采标高上限 ${row.topM} 米 ${verdict.aboveByM} 米`);
    en.push(`the highest point, ${verdict.highestM} m, lies ${verdict.aboveByM} m above the licensed top of ${row.topM} m`);
  }
  const surface = SURFACE[row.surface];
  return {
    zh: `${row.measuredOn} 实测${surface.zh}：${zh.join('；')}（开采标高 ${row.topM} 至 ${row.bottomM} 米）。`,
    en: `${surface.en} measured on ${row.measuredOn}: ${en.join('; ')} (licensed range ${row.topM} to ${row.bottomM} m).`,
  };
}

/** The 超层越界 finding of a survey that breaches its range, citing seeds 003 and 002. */
export function depthFinding(row: SurveyRow, verdict: DepthVerdict): Finding {
  return {
    ruleId: 'depthBreach',
    outcome: 'forbidden',
    collection: 'mining_rights',
    featureId: row.rightId,
    featureName: row.licenceNo,
    title: GLOSSARY.depthBreach,
    legalBasis: DEPTH_BASIS,
    message: breachMessage(row, verdict),
  };
}

/** A stored survey as the API answers it: its verdict against the range it was judged by, and its finding. */
export function surveyView(row: SurveyRow): ElevationSurveyView {
  const verdict = depthVerdict(row.points.map((p) => p.elevationM), { topM: row.topM, bottomM: row.bottomM });
  const breach = isDepthBreach(verdict);
  return {
    id: row.id,
    rightId: row.rightId,
    licenceNo: row.licenceNo,
    surface: row.surface,
    measuredOn: row.measuredOn,
    points: row.points,
    topM: row.topM,
    bottomM: row.bottomM,
    verdict,
    breach,
    finding: breach ? depthFinding(row, verdict) : null,
    note: row.note,
    ledgerEntryId: row.ledgerEntryId,
    recordedBy: row.recordedBy,
    recordedAt: new Date(row.recordedAt).toISOString(),
  };
}

/** The point a lead is placed at: the one furthest outside the range (the lowest below the floor, else the highest above the top). */
export function worstPoint(view: Pick<ElevationSurveyView, 'points' | 'verdict'>): SurveyPoint {
  const target = view.verdict.below ? view.verdict.lowestM : view.verdict.highestM;
  return view.points.find((p) => p.elevationM === target) ?? view.points[0];
}
