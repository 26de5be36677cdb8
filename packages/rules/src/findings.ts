import { OUTCOMES, type Bilingual, type CollectionId, type Outcome } from '@mpm/domain';

/** One verdict of the check: what rule, how bad, about which feature, by how much, on what basis. */
export interface Finding {
  ruleId: string;
  outcome: Outcome;
  collection?: CollectionId;
  featureId?: number;
  featureName?: string;
  title: Bilingual;
  legalBasis: Bilingual;
  message: Bilingual;
  /** Ellipsoidal area of the block inside the zone (or, for `outsideAll`, outside every zone). */
  overlapAreaM2?: number;
  overlapAreaMu?: number;
  overlapAreaHa?: number;
  /** `overlapAreaM2` as a percentage of the block's area. */
  overlapPercent?: number;
  distanceM?: number;
  requiredDistanceM?: number;
  /** An overlap below the sliver tolerance: more likely a boundary offset than a conflict. */
  possibleBoundaryOffset?: boolean;
}

const severity = (outcome: Outcome) => OUTCOMES.indexOf(outcome);

/** Worst first, then by rule and feature: a stable order both engines share. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severity(a.outcome) - severity(b.outcome) ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.collection ?? '').localeCompare(b.collection ?? '') ||
      (a.featureId ?? 0) - (b.featureId ?? 0),
  );
}

/** The worst outcome among findings, or null when there is none. */
export const worstOutcome = (findings: readonly Finding[]): Outcome | null =>
  findings.reduce<Outcome | null>((worst, f) => (worst === null || severity(f.outcome) < severity(worst) ? f.outcome : worst), null);
