/**
 * The three Xinbin campaigns (新委发〔2019〕23号's attachments 2, 5 and 6: seeds 000, 001, 003) as
 * the demo county carries them. The demo county has no campaigns of its own, so it borrows
 * these, and says so in each campaign's note. Tasks, responsible units and 完成时限 are copied as
 * the documents word them; where a document's date cannot be a date (“2019年9月31日前”) the
 * deadline is the last day of that month and the words are kept beside it. The documents are
 * undated, and 001 gives its implementation plan's day (8月20日) without a year: 2019, the year
 * 000 and 003 give for the same plan.
 */

/** A task as the demo loads it. */
export interface DemoTask {
  title: string;
  responsibleUnits: string[];
  deadline: string | null;
  deadlineText: string;
  sourceRef: string;
}

/** A phase as the demo loads it. */
export interface DemoPhase {
  name: string;
  startsOn: string;
  endsOn: string;
  sourceText: string;
  tasks: DemoTask[];
}

/** A campaign as the demo loads it. */
export interface DemoCampaign {
  code: string;
  name: string;
  source: string;
  note: string;
  startsOn: string;
  endsOn: string;
  monthlyDay: number;
  halfYearDay: number;
  annualDay: number;
  planDueOn: string | null;
  reportingFrom: string;
  phases: DemoPhase[];
}

const BORROWED = '示范县借用新宾满族自治县的专项行动工作方案（示范数据）：任务、责任单位和完成时限照录原文。';
const ZRZY = '县自然资源局';
const ALL_000 = [ZRZY, '发展改革局', '工业和信息化局', '财政局', '市生态环境局新宾县分局', '应急管理局', '各乡镇人民政府'];
const ENFORCE = [ZRZY, '各乡镇人民政府', '公安局', '应急管理局', '市生态环境局新宾县分局'];
const BY_2020 = { deadline: '2020-12-31', deadlineText: '2020年12月31日前' };
const BY_2022 = { deadline: '2022-12-31', deadlineText: '2022年12月31日前' };
const WHOLE = { deadline: null, deadlineText: '贯穿专项行动全过程' };
/** Reporting starts once the implementation plan is in (三（五）: 2019年8月20日前). */
const PLAN_DUE = '2019-08-20';

/** Seeds 000, 001 and 003: the Xinbin campaigns, borrowed. */
export const XINBIN_CAMPAIGNS: DemoCampaign[] = [
  {
    code: 'xinbin-structure',
    name: '新宾满族自治县开展矿业结构优化专项行动',
    source: 'seed 000《新宾满族自治县开展矿业结构优化专项行动工作方案》',
    note: BORROWED,
    startsOn: '2018-10-01',
    endsOn: '2022-12-31',
    monthlyDay: 10,
    halfYearDay: 10,
    annualDay: 10,
    planDueOn: PLAN_DUE,
    reportingFrom: PLAN_DUE,
    phases: [
      { name: '准备部署阶段', startsOn: '2018-10-01', endsOn: '2018-12-31', sourceText: '2018年年末，已完成', tasks: [] },
      {
        name: '全面整治阶段',
        startsOn: '2019-01-01',
        endsOn: '2020-12-31',
        sourceText: '2019年1月至2020年12月',
        tasks: [
          { title: '严格执行新建矿山准入条件，加强规划分区管理，强化开采总量控制', responsibleUnits: ALL_000, ...BY_2020, sourceRef: '000 二（二）1' },
          { title: '加强总量控制，优化矿业生产规模（砂、石、粘土矿山实施县域总数控制）', responsibleUnits: ALL_000, ...BY_2020, sourceRef: '000 二（二）2' },
          { title: '提升大中型矿山比例，优化矿山规模结构（最低开采规模限定）', responsibleUnits: ALL_000, ...BY_2020, sourceRef: '000 二（二）3' },
        ],
      },
      {
        name: '巩固提升阶段',
        startsOn: '2021-01-01',
        endsOn: '2022-12-31',
        sourceText: '2021年1月至2022年12月',
        tasks: [
          { title: '做好下一轮矿产资源规划编制工作', responsibleUnits: [ZRZY, '各乡镇人民政府'], ...BY_2022, sourceRef: '000 二（三）1' },
          {
            title: '以第三轮矿产资源规划和《实施方案》为依据管理，持续优化矿业生产规模和矿山规模结构',
            responsibleUnits: [ZRZY, '工业和信息化局', '发展改革局', '应急管理局', '各乡镇人民政府'],
            ...BY_2022,
            sourceRef: '000 二（三）2',
          },
          { title: '将2022年全县大中型矿山比例达到30%纳入规划统一布置', responsibleUnits: ALL_000, ...BY_2022, sourceRef: '000 二（三）3' },
        ],
      },
    ],
  },
  {
    code: 'xinbin-restoration',
    name: '新宾满族自治县开展非煤矿山地质环境恢复治理专项行动',
    source: 'seed 001《新宾满族自治县开展非煤矿山地质环境恢复治理专项行动工作方案》',
    note: `${BORROWED}实施方案报送日原文为“8月20日前”，未写年份，按000、003同一方案取2019年。`,
    startsOn: '2018-12-01',
    endsOn: '2022-12-31',
    monthlyDay: 15,
    halfYearDay: 15,
    annualDay: 15,
    planDueOn: PLAN_DUE,
    reportingFrom: PLAN_DUE,
    phases: [
      { name: '准备部署阶段', startsOn: '2018-12-01', endsOn: '2018-12-31', sourceText: '2018年年末之前', tasks: [] },
      {
        name: '全面整治阶段',
        startsOn: '2019-01-01',
        endsOn: '2020-12-31',
        sourceText: '2019年1月至2020年12月',
        tasks: [
          { title: '完成2019-2020年度生产矿山地质环境治理和土地复垦任务82亩（2019年40.4亩，2020年41.6亩）', responsibleUnits: [ZRZY, '各乡、镇人民政府'], ...BY_2020, sourceRef: '001 二（二）1' },
          { title: '完成2019-2020年度闭坑、政策性关闭、废弃矿山地质环境恢复治理192亩（2019年96亩，2020年96亩）', responsibleUnits: [ZRZY, '财政局', '各乡、镇人民政府'], ...BY_2020, sourceRef: '001 二（二）2' },
          { title: '完成2018-2020年政策性关闭的12个左右非煤矿山地质环境恢复治理任务，实施方案报市自然资源局备案', responsibleUnits: [ZRZY, '财政局', '各乡、镇人民政府'], ...BY_2020, sourceRef: '001 二（二）3' },
          {
            title: '鼓励社会资金参与矿山地质环境治理',
            responsibleUnits: [ZRZY, '发展改革局', '工业和信息化局', '财政局', '市生态环境局新宾县分局', '各乡、镇人民政府'],
            ...BY_2020,
            sourceRef: '001 二（二）4',
          },
        ],
      },
      {
        name: '巩固提升阶段',
        startsOn: '2021-01-01',
        endsOn: '2022-12-31',
        sourceText: '2021年1月-2022年12月',
        tasks: [
          { title: '完成2021-2022年生产矿山地质环境治理和土地复垦任务212亩（2021年106亩，2022年106亩）', responsibleUnits: [ZRZY, '各乡、镇人民政府'], ...BY_2022, sourceRef: '001 二（三）1' },
          { title: '完成2021-2022年度闭坑、政策性关闭、废弃矿山地质环境恢复治理81亩（2021年36亩，2022年45亩）', responsibleUnits: [ZRZY, '财政局', '各乡、镇人民政府'], ...BY_2022, sourceRef: '001 二（三）2' },
          { title: '完成2021-2022年政策性关闭的9个左右非煤矿山地质环境恢复治理任务', responsibleUnits: [ZRZY, '财政局', '各乡、镇人民政府'], ...BY_2022, sourceRef: '001 二（三）3' },
        ],
      },
    ],
  },
  {
    code: 'xinbin-enforcement',
    name: '新宾满族自治县开展非煤矿山违法行为整治专项行动',
    source: 'seed 003《新宾满族自治县开展非煤矿山违法行为整治专项行动工作方案》',
    note: `${BORROWED}原文“2019年9月31日前”按2019年9月30日计；“矿山企业自查”列在全面整治阶段（2019年10月起），其时限却早于该阶段，照录并标出。`,
    startsOn: '2019-06-01',
    endsOn: '2022-12-31',
    monthlyDay: 10,
    halfYearDay: 10,
    annualDay: 10,
    planDueOn: PLAN_DUE,
    reportingFrom: PLAN_DUE,
    phases: [
      {
        name: '准备部署阶段',
        startsOn: '2019-06-01',
        endsOn: '2019-06-30',
        sourceText: '2019年6月底前',
        tasks: [
          { title: '制定实施方案，成立专项行动推进组', responsibleUnits: ENFORCE, deadline: '2019-06-30', deadlineText: '2019年6月30日前', sourceRef: '003 二（一）1' },
          { title: '集中开展调查摸底，列出非煤矿山企业详单', responsibleUnits: ENFORCE, deadline: '2019-09-30', deadlineText: '2019年9月31日前', sourceRef: '003 二（一）2' },
          { title: '加强社会监督，公布举报电话、电子信箱、通信地址', responsibleUnits: ENFORCE, deadline: '2019-06-30', deadlineText: '2019年6月30日前公布举报方式', sourceRef: '003 二（一）3' },
        ],
      },
      {
        name: '全面整治阶段',
        startsOn: '2019-10-01',
        endsOn: '2020-12-31',
        sourceText: '2019年10月至2020年12月',
        tasks: [
          { title: '矿山企业自查自纠并及时上报', responsibleUnits: ['各非煤矿山企业', ...ENFORCE], deadline: '2019-09-30', deadlineText: '2019年9月31日前', sourceRef: '003 二（二）1' },
          {
            title: '联合督导检查，列出问题清单，建立问题台账',
            responsibleUnits: [ZRZY, '公安局', '应急管理局', '市生态环境局新宾县分局'],
            deadline: '2020-06-30',
            deadlineText: '2020年6月30日前联合督导不少于2次',
            sourceRef: '003 二（二）2',
          },
          { title: '加强日常监管（卫片、遥感无人机、手机执法）', responsibleUnits: ['各乡镇人民政府', ZRZY, '公安局', '应急管理局', '市生态环境局新宾县分局'], ...WHOLE, sourceRef: '003 二（二）3' },
          { title: '严厉打击查处，移交应急管理局、环保局、公安局', responsibleUnits: ENFORCE, ...WHOLE, sourceRef: '003 二（二）4' },
        ],
      },
      {
        name: '巩固总结阶段',
        startsOn: '2021-01-01',
        endsOn: '2022-12-31',
        sourceText: '2021年1月至2022年12月',
        tasks: [
          { title: '健全监察制度', responsibleUnits: ENFORCE, ...BY_2022, sourceRef: '003 二（三）1' },
          { title: '提升技防能力', responsibleUnits: ENFORCE, ...BY_2022, sourceRef: '003 二（三）2' },
          { title: '完善联合执法和联席会议制度', responsibleUnits: ['各乡镇人民政府', ZRZY, '公安局', '应急管理局', '市生态环境局新宾县分局'], ...BY_2022, sourceRef: '003 二（三）3' },
        ],
      },
    ],
  },
];
