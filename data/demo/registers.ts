import { DEMO } from './context.ts';
import { licenceNo, MINING_RIGHTS } from './rights.ts';

/** The demo licence number of mining right `i` (as `rights.ts` numbers them). */
const miningLicence = (i: number) => licenceNo('C', MINING_RIGHTS[i].issued, MINING_RIGHTS[i].mineral === 'coal' ? '7130' : '7230', i + 1);

/**
 * The sweep's registers in the demo county (issue #15), chosen so that the sweep finds each of its
 * problems once: the 北塬村 pit's holder is on the sanction list (one listing in force, one ended);
 * the coal mine — large, so it must be a provincial green mine (seed 004) — left the provincial
 * directory in 2025 (the exit shown), while a small pit is a municipal green mine (no requirement).
 */
export function buildSweepRegisters() {
  return {
    sanctions: [
      {
        holder: MINING_RIGHTS[4].holder,
        reason: `未按规定履行矿山地质环境恢复治理义务，责令整改逾期未改${DEMO}`,
        listedOn: '2025-04-15',
        documentNo: `宁自然资发〔2025〕12号${DEMO}`,
        delistedOn: null,
        delistingReason: null,
      },
      {
        holder: MINING_RIGHTS[1].holder,
        reason: `未按规定履行矿山地质环境恢复治理义务${DEMO}`,
        listedOn: '2023-03-01',
        documentNo: `宁自然资发〔2023〕5号${DEMO}`,
        delistedOn: '2024-05-20',
        delistingReason: `整改到位，移出名录${DEMO}`,
      },
    ],
    greenMines: [
      {
        licenceNo: miningLicence(0),
        level: 'provincialLevel',
        listedOn: '2019-12-01',
        documentNo: `甘自然资发〔2019〕88号${DEMO}`,
        delistedOn: '2025-09-30',
        delistingReason: `未按绿色矿山标准进行生产管理，退出省级名录${DEMO}`,
      },
      {
        licenceNo: miningLicence(2),
        level: 'municipalLevel',
        listedOn: '2022-06-01',
        documentNo: `庆自然资发〔2022〕31号${DEMO}`,
        delistedOn: null,
        delistingReason: null,
      },
    ],
  };
}
