import { badRequest, notFound } from '../../../http/errors.ts';

/** Every refusal of an output record, with its status, code and message in both languages. */
export const OUTPUT_PROBLEMS = {
  /** 404: no mining right with this id (an exploration right produces nothing). */
  rightNotFound: (id: number) =>
    notFound('outputRightNotFound', {
      zh: `没有编号为 ${id} 的采矿权，产量未保存。`,
      en: `There is no mining right ${id}; the output was not saved.`,
    }),

  /** 400: a year not yet over (or not begun). */
  yearInFuture: (year: number, thisYear: number) =>
    badRequest('outputYearInFuture', {
      zh: `年份 ${year} 晚于今年（${thisYear}），尚无可核实的产量，本次未保存。`,
      en: `Year ${year} is after this year (${thisYear}); there is no output to verify yet. Nothing was saved.`,
    }),

  /** 400: a year before any licence in the register. */
  yearTooEarly: (year: number, first: number) =>
    badRequest('outputYearTooEarly', {
      zh: `年份 ${year} 早于 ${first} 年，请核对年份，本次未保存。`,
      en: `Year ${year} is before ${first}; check the year. Nothing was saved.`,
    }),

  /** 400: a negative tonnage, naming the field. */
  negativeTonnage: (field: 'output10kt' | 'sales10kt', value: number) =>
    badRequest('negativeTonnage', {
      zh: `${field === 'output10kt' ? '产量' : '销量'}（${field}）为 ${value} 万吨，不能为负数，本次未保存。`,
      en: `${field === 'output10kt' ? 'Output' : 'Sales'} (${field}) is ${value} 万吨 (10 kt); it cannot be negative. Nothing was saved.`,
    }),

  /** 400: a number that is not finite. */
  notANumber: (field: 'output10kt' | 'sales10kt') =>
    badRequest('tonnageNotANumber', {
      zh: `${field === 'output10kt' ? '产量' : '销量'}（${field}）不是有效数字，本次未保存。`,
      en: `${field === 'output10kt' ? 'Output' : 'Sales'} (${field}) is not a valid number. Nothing was saved.`,
    }),
};
