import { Type, type Static } from 'typebox';
import { REPORT_KINDS, TASK_STATUSES } from '@mpm/domain';

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date' });
const Timestamp = Type.String({ format: 'date-time' });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const TaskStatus = Type.Enum(TASK_STATUSES);
export const ReportKind = Type.Enum(REPORT_KINDS);

/** One task of a campaign's phase: who answers for it, by when, how far it is and what shows it. */
export const CampaignTaskView = Type.Object({
  id: Type.Integer(),
  phaseId: Type.Integer(),
  ordinal: Type.Integer(),
  title: Type.String(),
  /** The responsible units as the document lists them, lead unit first. */
  responsibleUnits: Type.Array(Type.String()),
  /** 完成时限; null for a task that runs the whole campaign (贯穿专项行动全过程). */
  deadline: Type.Union([IsoDate, Type.Null()]),
  /** 完成时限 as the document words it. */
  deadlineText: Type.Union([Type.String(), Type.Null()]),
  /** Where in the document (seed and section). */
  sourceRef: Type.Union([Type.String(), Type.Null()]),
  status: TaskStatus,
  evidence: Type.Union([Type.String(), Type.Null()]),
  /** Past its deadline on the day asked and not done. */
  overdue: Type.Boolean(),
  /** The deadline precedes its phase's start (a document's own inconsistency, shown, never repaired). */
  deadlineBeforePhase: Type.Boolean(),
  revision: Type.Integer(),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Timestamp,
});
export type CampaignTaskView = Static<typeof CampaignTaskView>;

export const CampaignPhaseView = Type.Object({
  id: Type.Integer(),
  ordinal: Type.Integer(),
  name: Type.String(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  /** The dates as the document words them. */
  sourceText: Type.Union([Type.String(), Type.Null()]),
  tasks: Type.Array(CampaignTaskView),
});
export type CampaignPhaseView = Static<typeof CampaignPhaseView>;

/** A campaign's reporting rhythm (`ReportingRule` in the domain). */
export const ReportingRuleView = Type.Object({
  monthlyDay: Type.Integer(),
  halfYearDay: Type.Integer(),
  annualDay: Type.Integer(),
  planDueOn: Type.Union([IsoDate, Type.Null()]),
  reportingFrom: IsoDate,
  reportingTo: IsoDate,
});
export type ReportingRuleView = Static<typeof ReportingRuleView>;

export const CampaignView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  /** The document it comes from. */
  source: Type.String(),
  /** Why this county carries it (a borrowed campaign says so). */
  note: Type.Union([Type.String(), Type.Null()]),
  startsOn: IsoDate,
  endsOn: IsoDate,
  reporting: ReportingRuleView,
  phases: Type.Array(CampaignPhaseView),
});
export type CampaignView = Static<typeof CampaignView>;

/** `GET /api/campaigns` (staff): every campaign with its phases and tasks, judged on `today` (China time). */
export const CampaignsResponse = Type.Object({ today: IsoDate, campaigns: Type.Array(CampaignView) });
export type CampaignsResponse = Static<typeof CampaignsResponse>;

export const CampaignParams = Type.Object({ id: Id }, strict);
export type CampaignParams = Static<typeof CampaignParams>;

/** `PATCH /api/campaigns/tasks/:id` (inspector, admin): status, evidence or deadline, from `baseRevision`. */
export const UpdateTaskBody = Type.Object(
  {
    baseRevision: Id,
    status: Type.Optional(TaskStatus),
    evidence: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    deadline: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;

/** `POST /api/campaigns/:id/tasks` (admin): a task added to one of the campaign's phases. */
export const CreateTaskBody = Type.Object(
  {
    phaseId: Id,
    title: Type.String({ minLength: 1, maxLength: 500 }),
    responsibleUnits: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 30 }),
    deadline: Type.Union([IsoDate, Type.Null()]),
    deadlineText: Type.Optional(Type.String({ maxLength: 200 })),
  },
  strict,
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

/** One report a campaign expects. */
export const ReportDueView = Type.Object({
  kind: ReportKind,
  /** `plan`, `2020-06` (the month it is due in), `2020-H1`, `2020`. */
  period: Type.String(),
  dueOn: IsoDate,
});
export type ReportDueView = Static<typeof ReportDueView>;

/** A report recorded as sent: `POST /api/campaigns/:id/reports` answers it. */
export const SubmittedReportView = Type.Object({ ...ReportDueView.properties, submittedOn: IsoDate });
export type SubmittedReportView = Static<typeof SubmittedReportView>;

/** `GET /api/campaigns/calendar?date=`: the date asked (default today, China time). */
export const CalendarQuery = Type.Object({ date: Type.Optional(IsoDate) }, strict);
export type CalendarQuery = Static<typeof CalendarQuery>;

/**
 * The reporting calendar on `date`: per campaign, the reports due within the window
 * (`REPORT_DUE_WINDOW_DAYS`) and those late (past their day, not submitted), soonest first.
 */
export const CalendarResponse = Type.Object({
  date: IsoDate,
  windowDays: Type.Integer(),
  campaigns: Type.Array(
    Type.Object({
      campaignId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      due: Type.Array(ReportDueView),
      late: Type.Array(ReportDueView),
      submitted: Type.Array(SubmittedReportView),
    }),
  ),
});
export type CalendarResponse = Static<typeof CalendarResponse>;

/** `POST /api/campaigns/:id/reports` (staff who work the ledger): a report sent, by kind and period. */
export const SubmitReportBody = Type.Object(
  {
    kind: ReportKind,
    period: Type.String({ maxLength: 20 }),
    submittedOn: IsoDate,
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  strict,
);
export type SubmitReportBody = Static<typeof SubmitReportBody>;
