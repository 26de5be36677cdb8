import type { Knex } from 'knex';
import type { ElevationSurveyBody, ElevationSurveyView, RightSurveysResponse, SurveyLeadResponse, SurveyPoint } from '@mpm/contracts';
import { GLOSSARY, SURVEY_POINTS_MAX, isPlausibleElevation } from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import { insertLead } from '../ledger/ledger-writes.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import { DEPTH_PROBLEMS as P } from './depth-reasons.ts';
import { surveyView, worstPoint } from './depth-view.ts';

/** What the depth records need from the app. */
export interface DepthContext {
  knex: Knex;
  repos: Pick<Repositories, 'depth' | 'ledger' | 'audit'>;
  now: Date;
}

const isDegrees = (value: number, limit: number) => Number.isFinite(value) && Math.abs(value) <= limit;

/** The points as given, each checked: lon/lat degrees and a plausible elevation, else the refusal naming the point. */
function checkedPoints(points: readonly SurveyPoint[]): SurveyPoint[] {
  if (points.length === 0 || points.length > SURVEY_POINTS_MAX) throw P.surveyPointCount(points.length, SURVEY_POINTS_MAX);
  return points.map((point, i) => {
    if (!isDegrees(point.lon, 180) || !isDegrees(point.lat, 90)) throw P.pointNotLonLat(i);
    if (!isPlausibleElevation(point.elevationM)) throw P.elevationImplausible({ zh: `第 ${i + 1} 个测点`, en: `point ${i + 1}` }, point.elevationM);
    return { lon: point.lon, lat: point.lat, elevationM: point.elevationM };
  });
}

/** `GET …/elevation-surveys` (staff): the right's licensed range and its surveys, newest first. */
export async function rightSurveys(context: Pick<DepthContext, 'repos'>, id: number): Promise<RightSurveysResponse> {
  const { depth } = context.repos;
  const right = await depth.right(id);
  if (!right) throw P.rightNotFound(id);
  const rows = await depth.ofRights([id]);
  return { id, licenceNo: right.licenceNo, elevationTopM: right.topM, elevationBottomM: right.bottomM, surveys: rows.map(surveyView) };
}

/**
 * `POST …/elevation-surveys` (inspector, admin): records a measured floor or face at a mining
 * right in one audited transaction, judged against the right's licensed range (开采标高) as it
 * stands, which the survey keeps. Refuses, writing nothing: no point or too many, a point not in
 * degrees or with an implausible elevation, a day still to come (400), an unknown right (404), a
 * right with no licensed range (409), points outside the right (400, naming them).
 */
export async function recordSurvey(context: DepthContext, id: number, body: ElevationSurveyBody, user: User): Promise<ElevationSurveyView> {
  const points = checkedPoints(body.points);
  const today = chinaToday(context.now);
  const measuredOn = body.measuredOn ?? today;
  if (measuredOn > today) throw P.measuredInFuture(measuredOn, today);
  const { depth } = context.repos;
  return auditedWrite(context, {
    by: user.id,
    action: 'record_survey',
    entity: 'elevation_survey',
    entityId: (view: ElevationSurveyView) => view.id,
    read: async (trx) => {
      const right = await depth.right(id, trx, true);
      if (!right) throw P.rightNotFound(id);
      return right;
    },
    write: async (trx, right) => {
      const { topM, bottomM } = right;
      if (topM === null || bottomM === null) throw P.noLicensedRange(right.licenceNo);
      if (bottomM > topM) throw P.elevationRangeReversed(topM, bottomM);
      const outside = await depth.pointsOutside(id, points, trx);
      if (outside.length > 0) throw P.pointsOutsideRight(outside, right.licenceNo);
      const surveyId = await depth.insert(
        { right: { ...right, topM, bottomM }, surface: body.surface, measuredOn, points, note: body.note?.trim() || null, recordedBy: user.id },
        trx,
      );
      return surveyView((await depth.one(surveyId, trx))!);
    },
    before: () => null,
    after: (view) => ({ licenceNo: view.licenceNo, surface: view.surface, measuredOn: view.measuredOn, points: view.points, topM: view.topM, bottomM: view.bottomM, breach: view.breach }),
  });
}

/**
 * `POST /api/elevation-surveys/:id/lead` (转为线索): makes a survey that found 超层越界 a ledger
 * entry (source 现场核查, violation type 超层越界开采, placed at the point furthest outside the
 * range, the finding with its legal basis kept as the entry's card), in one audited transaction.
 * One lead per survey (409 naming it otherwise); a survey within its range makes none (409).
 */
export async function surveyToLead(context: DepthContext, surveyId: number, user: User): Promise<SurveyLeadResponse> {
  const { depth, ledger } = context.repos;
  // The survey's row is locked first: a second click waits, then finds the lead made.
  return auditedWrite(context, {
    by: user.id,
    action: 'lead',
    entity: 'elevation_survey',
    entityId: surveyId,
    read: async (trx) => {
      const row = await depth.one(surveyId, trx, true);
      if (!row) throw P.surveyNotFound(surveyId);
      return row;
    },
    write: async (trx, row): Promise<SurveyLeadResponse> => {
      if (row.ledgerEntryId !== null) throw P.surveyHasLead(surveyId, row.ledgerEntryId);
      const view = surveyView(row);
      if (!view.breach || !view.finding) throw P.surveyWithinRange(surveyId);
      const right = await depth.right(row.rightId, trx);
      const point = worstPoint(view);
      const leadId = await insertLead(
        ledger,
        {
          title: `${GLOSSARY.depthBreach.zh}：${right?.mineName ?? row.licenceNo}`,
          source: 'siteCheck',
          geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
          violationType: 'beyondBoundary',
          siteCard: { elevationSurvey: view },
          note: `${view.finding.message.zh}依据：${view.finding.legalBasis.zh}`,
        },
        user.id,
        trx,
      );
      await depth.setLead(surveyId, leadId, trx);
      return { surveyId, leadId };
    },
    before: (row) => ({ ledgerEntryId: row.ledgerEntryId }),
    after: (result) => ({ ledgerEntryId: result.leadId }),
  });
}
