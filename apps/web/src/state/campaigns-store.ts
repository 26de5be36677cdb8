import { create } from 'zustand';
import type { CalendarResponse, CampaignsResponse, ReportDueView, UpdateTaskBody } from '@mpm/contracts';
import { campaignsApi } from '../api/campaigns.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, toProblem, type Problem, type Resource } from './resource.ts';
import { chinaToday } from '../components/data/china-time.ts';

/** Campaigns (专项行动) as the server holds them, the reporting calendar for the day chosen, and the last write's refusal. */
interface CampaignsData {
  campaigns: Resource<CampaignsResponse>;
  calendar: Resource<CalendarResponse>;
  /** The day the calendar is asked for (`YYYY-MM-DD`); null for today (China time, the server's). */
  calendarDate: string | null;
  busy: boolean;
  problem: Problem | null;
  load(lang: UiLanguage): Promise<void>;
  loadCalendar(date: string | null, lang: UiLanguage): Promise<void>;
  /** Changes a task from the revision shown; true when saved. */
  updateTask(id: number, change: UpdateTaskBody, lang: UiLanguage): Promise<boolean>;
  /** Records a report as sent on `submittedOn`; true when saved. */
  submitReport(campaignId: number, report: ReportDueView, submittedOn: string, lang: UiLanguage): Promise<boolean>;
}

export const useCampaigns = create<CampaignsData>()((set, get) => {
  /** Runs one write, then reads the campaigns and the calendar again. */
  async function write(lang: UiLanguage, run: () => Promise<unknown>): Promise<boolean> {
    if (get().busy) return false;
    set({ busy: true, problem: null });
    try {
      await run();
    } catch (err) {
      set({ busy: false, problem: toProblem(err) });
      return false;
    }
    set({ busy: false });
    await Promise.all([get().load(lang), get().loadCalendar(get().calendarDate, lang)]);
    return true;
  }

  return {
    campaigns: idle<CampaignsResponse>(),
    calendar: idle<CalendarResponse>(),
    calendarDate: null,
    busy: false,
    problem: null,
    async load(lang) {
      await load(slotOf(get, set, 'campaigns'), () => campaignsApi.campaigns(lang));
    },
    async loadCalendar(date, lang) {
      set({ calendarDate: date });
      const day = date ?? get().campaigns.data?.today ?? chinaToday();
      await load(slotOf(get, set, 'calendar'), () => campaignsApi.calendar(day, lang), day);
    },
    updateTask: (id, change, lang) => write(lang, () => campaignsApi.updateTask(id, change, lang)),
    submitReport: (campaignId, report, submittedOn, lang) =>
      write(lang, () => campaignsApi.submitReport(campaignId, { kind: report.kind, period: report.period, submittedOn }, lang)),
  };
});
