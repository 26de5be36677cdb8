import type { ElevationSurveyView, Finding, RightView } from '@mpm/contracts';
import { OVER_CAPACITY_BASIS } from '@mpm/domain';

/**
 * What the register says of the mining rights at a site, as findings beside the rules': 超能力开采
 * for a right whose latest over-capacity year is recorded (seeds 004, 003), and 超层越界 for each
 * right's latest survey that found it (seeds 003, 002). `surveys` come newest first.
 */
export function registerFindings(rights: readonly RightView[], surveys: readonly ElevationSurveyView[]): Finding[] {
  const findings: Finding[] = [];
  for (const right of rights) {
    if (right.collection !== 'mining_rights') continue;
    const latestBreach = surveys.find((s) => s.rightId === right.featureId && s.breach);
    if (latestBreach?.finding) findings.push(latestBreach.finding);
    if (right.overCapacityYear !== null) {
      findings.push({
        ruleId: 'overCapacity',
        outcome: 'forbidden',
        collection: 'mining_rights',
        featureId: right.featureId,
        featureName: right.licenceNo,
        title: { zh: '超能力开采', en: 'Over-capacity production' },
        legalBasis: OVER_CAPACITY_BASIS,
        message: {
          zh: `${right.overCapacityYear} 年核实产量超过核定生产能力（见许可证登记的年度产量）。`,
          en: `The verified output of ${right.overCapacityYear} exceeded the licensed capacity (see the yearly output in the licence register).`,
        },
      });
    }
  }
  return findings;
}
