import fp from 'fastify-plugin';
import type { Repositories } from '../repositories.plugin.ts';
import { runSweep, type SweepContext } from './sweep-writes.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the next scheduled sweep is due: `intervalDays` after the latest run (of either trigger:
 * a run by hand counts), at once when there was none; null when the schedule is off (0 days).
 */
export function nextSweepDue(lastRanAt: Date | null, intervalDays: number, now: Date): Date | null {
  if (intervalDays === 0) return null;
  return lastRanAt ? new Date(lastRanAt.getTime() + intervalDays * DAY_MS) : now;
}

/** When the schedule asks for the next run, from what is stored (the last run is persisted as the runs themselves). */
export async function sweepDueAt(repos: Pick<Repositories, 'sweep'>, now: Date): Promise<Date | null> {
  const [{ intervalDays }, lastRanAt] = await Promise.all([repos.sweep.settings.get(), repos.sweep.lastRanAt()]);
  return nextSweepDue(lastRanAt, intervalDays, now);
}

/** Runs the sweep when it is due at `context.now`; returns the run's id, or null when not due. */
export async function runSweepIfDue(context: SweepContext): Promise<number | null> {
  const due = await sweepDueAt(context.repos, context.now);
  if (!due || due > context.now) return null;
  return (await runSweep(context, null)).id;
}

/**
 * The sweep's timer in the API process: every `checkMinutes` (0: never) it asks whether a run is
 * due and runs it. The first look comes one interval after start, so a boot (or a test) does not
 * sweep on its own; the timer never keeps the process alive and stops when the app closes.
 */
export default fp<{ checkMinutes: number }>(
  async (app, { checkMinutes }) => {
    if (checkMinutes <= 0) return;
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const id = await runSweepIfDue({ knex: app.knex, repos: app.repos, ruleset: app.ruleset, now: new Date() });
        if (id !== null) app.log.info({ sweepRun: id }, 'scheduled sweep of existing mines ran');
      } catch (err) {
        app.log.error({ err }, 'scheduled sweep failed');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), checkMinutes * 60 * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'sweep-schedule', dependencies: ['repositories', 'checks'] },
);
