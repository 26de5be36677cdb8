import { useTranslation } from 'react-i18next';

/** A register form's buttons: submit (waiting while a save is on its way) and cancel. */
export function FormActions({ submitLabel, saving, onCancel }: { submitLabel: string; saving: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <div className="admin-form-actions">
      <button type="submit" className="primary-button" disabled={saving}>
        {submitLabel}
      </button>
      <button type="button" className="secondary-button" onClick={onCancel}>
        {t('Cancel')}
      </button>
    </div>
  );
}
