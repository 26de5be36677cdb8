import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '@mpm/contracts';
import { useAdminData } from '../../state/admin-store.ts';
import { copyText } from './copy-text.ts';

/**
 * The password a reset generated, shown this once with a copy button: the server keeps only its
 * hash, and the page forgets it when the admin closes this (or signs out).
 */
export function IssuedPassword({ account, password }: { account: UserAccount; password: string }) {
  const { t } = useTranslation();
  const dismiss = useAdminData((s) => s.dismissPassword);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="admin-issued" role="region" aria-label={t('New password')}>
      <p>{t('New password for {{name}}, shown only this once. Give it to them; they must change it when they next sign in.', { name: account.displayName })}</p>
      <div className="admin-issued-value">
        <code data-testid="issued-password">{password}</code>
        <button type="button" className="secondary-button" onClick={() => void copyText(password).then(setCopied)}>
          {t('Copy')}
        </button>
      </div>
      {copied !== null && (
        <p className={copied ? 'admin-ok' : 'form-error'} role="status">
          {copied ? t('Copied.') : t('Could not copy: select the password and copy it by hand.')}
        </p>
      )}
      <button type="button" className="link-button" onClick={dismiss}>
        {t('Done, hide the password')}
      </button>
    </div>
  );
}
