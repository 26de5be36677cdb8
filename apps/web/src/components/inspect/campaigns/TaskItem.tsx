import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignTaskView } from '@mpm/contracts';
import { TASK_STATUSES, term, type TaskStatus } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useCampaigns } from '../../../state/campaigns-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { chinaTime } from '../../data/china-time.ts';

/** One task: units, 完成时限 (with the document's words), overdue or inconsistent, and its status and evidence to update. */
export function TaskItem({ task }: { task: CampaignTaskView }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const busy = useCampaigns((s) => s.busy);
  const updateTask = useCampaigns((s) => s.updateTask);
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [evidence, setEvidence] = useState(task.evidence ?? '');
  const changed = status !== task.status || (evidence.trim() || null) !== task.evidence;

  function save(event: FormEvent) {
    event.preventDefault();
    if (!changed) return;
    void updateTask(
      task.id,
      {
        baseRevision: task.revision,
        ...(status !== task.status && { status }),
        ...((evidence.trim() || null) !== task.evidence && { evidence: evidence.trim() || null }),
      },
      language,
    );
  }

  return (
    <li className="campaign-task" data-task-id={task.id} data-status={task.status} data-overdue={task.overdue}>
      <span className="task-title">{task.title}</span>
      <span className="plan-note">
        {term('responsibleUnit', lang)}：{task.responsibleUnits.join('、')}
      </span>
      <span className="plan-note">
        {term('taskDeadline', lang)}：{task.deadline ?? '—'}
        {task.deadlineText && `（${task.deadlineText}）`}
        {task.sourceRef && ` · ${task.sourceRef}`}
      </span>
      {task.overdue && <span className="status-badge task-overdue">{t('Past its deadline')}</span>}
      {task.deadlineBeforePhase && <span className="status-badge task-inconsistent">{t('Deadline before its phase starts (as the document says)')}</span>}
      <form className="task-form" onSubmit={save}>
        <fieldset disabled={busy}>
          <label htmlFor={`${id}-status`}>{term('ledgerStatus', lang)}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as TaskStatus)}>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {term(s, lang)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-evidence`}>{term('taskEvidence', lang)}</label>
          <textarea id={`${id}-evidence`} rows={1} maxLength={4000} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
          <button type="submit" className="secondary-button" disabled={!changed}>
            {t('Save the task')}
          </button>
          {task.updatedBy && (
            <span className="plan-note">
              {task.updatedBy} · {chinaTime(task.updatedAt, language)}
            </span>
          )}
        </fieldset>
      </form>
    </li>
  );
}
