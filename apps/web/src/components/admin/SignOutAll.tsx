import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/users.ts';
import { toProblem, type Problem } from '../../state/resource.ts';
import { useSession } from '../../state/session-store.ts';
import { ProblemNotice } from '../ProblemNotice.tsx';

/** 结束所有会话: every account signed out at once (after a leak or a lost device); the admin stays signed in. */
export function SignOutAll({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const [state, setState] = useState<{ step: 'idle' | 'confirming' | 'pending' } | { step: 'done'; ended: number } | { step: 'problem'; problem: Problem }>({
    step: 'idle',
  });
  const run = async () => {
    setState({ step: 'pending' });
    try {
      const { sessionsEnded } = await usersApi.signOutAll(language);
      setState({ step: 'done', ended: sessionsEnded });
      onDone();
    } catch (err) {
      setState({ step: 'problem', problem: toProblem(err) });
    }
  };
  const question = t('Sign every account out on every device? Only your own session stays.');
  return (
    <div className="admin-sign-out-all">
      <button type="button" className="link-button" disabled={state.step === 'pending'} onClick={() => setState({ step: 'confirming' })}>
        {t('Sign everyone out')}
      </button>
      {state.step === 'confirming' && (
        <div className="admin-confirm" role="alertdialog" aria-label={question}>
          <p>{question}</p>
          <div className="admin-form-actions">
            <button type="button" className="primary-button admin-danger" onClick={() => void run()}>
              {t('Confirm')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setState({ step: 'idle' })}>
              {t('Cancel')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'problem' && <ProblemNotice problem={state.problem} />}
      {state.step === 'done' && (
        <p className="admin-ok" role="status">
          {t('Everyone was signed out ({{count}} sessions ended).', { count: state.ended })}
        </p>
      )}
    </div>
  );
}
