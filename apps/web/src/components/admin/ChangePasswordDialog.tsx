import { useEffect, useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@mpm/contracts';
import { usersApi } from '../../api/users.ts';
import { toProblem } from '../../state/resource.ts';
import { useServerData } from '../../state/server-store.ts';
import { useSession } from '../../state/session-store.ts';
import { problemText } from '../ProblemNotice.tsx';
import './admin.css';

/**
 * 修改密码, for every signed-in user: the current password, the new one twice. Forced (no
 * cancel, only sign-out) while an admin's reset stands unchanged; the user's other sessions end.
 */
export function ChangePasswordDialog({ forced, onClose }: { forced: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const language = useSession((s) => s.language);
  const signOut = useServerData((s) => s.signOut);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (forced) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [forced, onClose]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) {
      setError(t('The two new passwords differ.'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { user } = await usersApi.changeOwnPassword({ currentPassword: current, newPassword: next }, language);
      useServerData.setState({ user });
      setDone(true);
    } catch (err) {
      setError(problemText(toProblem(err), t));
    } finally {
      setPending(false);
    }
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(event) => !forced && event.target === event.currentTarget && onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit}>
        <h2 id={titleId}>{t('Change password')}</h2>
        {done ? (
          <>
            <p role="status">{t('Your password was changed. Your other sessions were signed out.')}</p>
            <div className="dialog-actions">
              <button type="button" className="primary-button" autoFocus onClick={onClose}>
                {t('Close')}
              </button>
            </div>
          </>
        ) : (
          <>
            {forced && <p>{t('An administrator reset your password. Choose your own before you go on.')}</p>}
            <label>
              {t('Current password')}
              <input name="current-password" type="password" autoComplete="current-password" autoFocus required value={current} onChange={(event) => setCurrent(event.target.value)} />
            </label>
            <label>
              {t('New password')}
              <input name="new-password" type="password" autoComplete="new-password" required value={next} onChange={(event) => setNext(event.target.value)} />
            </label>
            <label>
              {t('New password again')}
              <input name="repeat-password" type="password" autoComplete="new-password" required value={repeat} onChange={(event) => setRepeat(event.target.value)} />
            </label>
            <p className="admin-muted">{t('At least {{min}} characters, and not the user name or containing it.', { min: PASSWORD_MIN_LENGTH })}</p>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <div className="dialog-actions">
              {forced ? (
                <button type="button" className="secondary-button" onClick={() => void signOut(language)}>
                  {t('Sign out')}
                </button>
              ) : (
                <button type="button" className="secondary-button" onClick={onClose}>
                  {t('Cancel')}
                </button>
              )}
              <button type="submit" className="primary-button" disabled={pending}>
                {t('Change password')}
              </button>
            </div>
          </>
        )}
      </form>
    </div>,
    document.body,
  );
}
