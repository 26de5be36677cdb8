import { useEffect, useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { toProblem } from '../state/resource.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { problemText } from './ProblemNotice.tsx';

/** Staff sign-in: user name and password; closes on success, shows the server's message on failure. */
export function LoginDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const language = useSession((s) => s.language);
  const signIn = useServerData((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await signIn({ username: username.trim(), password }, language);
      onClose();
    } catch (err) {
      setError(problemText(toProblem(err), t));
      setPending(false);
    }
  }

  // On the body, so the header's colours and stacking do not reach into the dialog.
  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit}>
        <h2 id={titleId}>{t('Staff sign-in')}</h2>
        <label>
          {t('User name')}
          <input
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('Password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('Cancel')}
          </button>
          <button type="submit" className="primary-button" disabled={pending}>
            {pending ? t('Signing in…') : t('Sign in')}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
