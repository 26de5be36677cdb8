import type { TermKey } from './glossary.ts';
import type { Role } from './roles.ts';

/** Violation types a ledger entry records (seeds 002 and 003), as glossary keys. */
export const VIOLATION_TYPES = [
  'noLicence',
  'expiredLicence',
  'incompletePermits',
  'beyondBoundary',
  'wrongMineral',
  'miningUnderExploration',
  'illegalTransfer',
  'coverMining',
  'overCapacity',
  'occupyingProtectedLand',
  'noRestorationFund',
  'notGreenMine',
  'destructiveMining',
  'holdingWithoutExploring',
  'restorationNotPerPlan',
  'fundNotAccrued',
  'concealedOutput',
  'unlicensedProductTrade',
  'resumedAfterClosure',
  'otherViolation',
] as const satisfies readonly TermKey[];
export type ViolationType = (typeof VIOLATION_TYPES)[number];

/**
 * The seed passage each violation type comes from (seed 002: 昌江区 rectification plan, 三、主要任务;
 * seed 003: Xinbin enforcement campaign), so an entry's type always cites its basis.
 */
export const VIOLATION_BASIS: Record<ViolationType, string> = {
  noLicence: '002 三（二）无证勘查开采；003 一、工作目标 无证开采',
  expiredLicence: '002 三（二）证照过期；003 二（二）3 待办延续、证照过期',
  incompletePermits: '002 三（一）未取得安全生产、环境影响评价、水土保持审批手续；三（二）证照不齐',
  beyondBoundary: '002 三（二）超越批准范围；003 一、工作目标 超层越界开采',
  wrongMineral: '002 三（二）不按批准的矿种开采',
  miningUnderExploration: '002 二（一）、三（二）以采代探',
  illegalTransfer: '002 二（一）非法转让矿业权；三（二）非法转让采矿权',
  coverMining: '002 三（二）以工程建设、生态修复名义变相非法采矿',
  overCapacity: '003 二（二）2 超能力开采',
  occupyingProtectedLand: '002 三（二）非法占用耕地、林地、草地、湿地和自然保护地',
  noRestorationFund: '002 三（四）未设立生态修复基金账户',
  notGreenMine: '002 三（五）未按相关规定开展绿色矿山建设',
  destructiveMining: '002 三（二）破坏性采矿',
  holdingWithoutExploring: '002 二（一）圈而不探',
  restorationNotPerPlan: '002 三（四）未按照矿山地质环境保护与恢复治理方案和土地复垦方案以及矿山年度修复计划实施生态修复',
  fundNotAccrued: '002 三（四）未按基金管理制度计提和使用',
  concealedOutput: '003 二（二）2 隐瞒实际生产情况',
  unlicensedProductTrade: '002 三（三）无证开采的矿产品进入流通领域',
  resumedAfterClosure: '002 三（三）关闭、取缔后又擅自生产经营建设',
  otherViolation: '002、003',
};

/**
 * Where a ledger entry came from: the campaigns' own sources (seed 002 二（二）: 排查发现的问题及扫黑除恶
 * 日常工作中发现、媒体披露、群众举报; seed 003 二（二）1 企业自查 and 3 卫片), a site check, or other.
 */
export const LEDGER_SOURCES = ['survey', 'antiGang', 'media', 'tipOff', 'patch', 'selfCheck', 'siteCheck', 'other'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];
export const LEDGER_SOURCE_TERMS: Record<LedgerSource, TermKey> = {
  survey: 'sourceSurvey',
  antiGang: 'sourceAntiGang',
  media: 'sourceMedia',
  tipOff: 'sourceTipOff',
  patch: 'sourcePatch',
  selfCheck: 'sourceSelfCheck',
  siteCheck: 'sourceSiteCheck',
  other: 'sourceOther',
};

/**
 * The departments a case is handed over (移交) to, seed 003 二（二）4: safety → 应急管理局,
 * environment → 生态环境 (环保局), criminal or 涉黑涉恶 → 公安局; seed 002 三（二） 行政执法与刑事司法衔接.
 */
export const HANDOVER_DEPARTMENTS = ['publicSecurity', 'emergencyManagement', 'ecologyEnvironment'] as const satisfies readonly TermKey[];
export type HandoverDepartment = (typeof HANDOVER_DEPARTMENTS)[number];

/** Whether `value` names a department a case may be handed over to. */
export const isHandoverDepartment = (value: string): value is HandoverDepartment =>
  (HANDOVER_DEPARTMENTS as readonly string[]).includes(value);

/** A hand-over is open (已移交) until the receiving department's result is recorded (已办结). */
export const HANDOVER_STATUSES = ['handedOver', 'concluded'] as const satisfies readonly TermKey[];
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/** Ledger statuses: 待核查 → 核查中 → 整改中 → 已整改 → 销号, or 不属实 for an unfounded lead. */
export const LEDGER_STATUSES = ['pending', 'verifying', 'rectifying', 'rectified', 'closed', 'unfounded'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** Statuses after which nothing moves. */
export const FINAL_LEDGER_STATUSES: readonly LedgerStatus[] = ['closed', 'unfounded'];

/** One step of the ledger workflow, with everything about it: who may take it and whether it needs a reason. */
export interface LedgerTransition {
  from: LedgerStatus;
  to: LedgerStatus;
  /** The roles that may take the step; a step only an admin takes is the bureau's sign-off. */
  roles: readonly Role[];
  /** Whether the step must carry a note giving the reason. */
  needsNote: boolean;
}

const STAFF: readonly Role[] = ['inspector', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * Each allowed step of the workflow. Closing (销号) and declaring a lead unfounded (不属实) are the
 * bureau's sign-off, so only an admin takes them, and 不属实 needs its reason; a rectification
 * found wanting goes back from 已整改 to 整改中, saying why.
 */
export const LEDGER_TRANSITIONS: readonly LedgerTransition[] = [
  { from: 'pending', to: 'verifying', roles: STAFF, needsNote: false },
  { from: 'verifying', to: 'rectifying', roles: STAFF, needsNote: false },
  { from: 'verifying', to: 'unfounded', roles: ADMIN, needsNote: true },
  { from: 'pending', to: 'unfounded', roles: ADMIN, needsNote: true },
  { from: 'rectifying', to: 'rectified', roles: STAFF, needsNote: false },
  { from: 'rectified', to: 'rectifying', roles: STAFF, needsNote: true },
  { from: 'rectified', to: 'closed', roles: ADMIN, needsNote: false },
];

/** The step from `from` to `to`, or undefined when the workflow has none. */
export const ledgerTransition = (from: LedgerStatus, to: LedgerStatus): LedgerTransition | undefined =>
  LEDGER_TRANSITIONS.find((step) => step.from === from && step.to === to);

/** The steps out of `status`, each with whether `role` may take it (to show the others as someone else's). */
export const ledgerStepsFrom = (status: LedgerStatus, role: Role | undefined) =>
  LEDGER_TRANSITIONS.filter((step) => step.from === status).map((step) => ({
    ...step,
    allowed: role !== undefined && step.roles.includes(role),
  }));
