import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProposalSummary, RegisterLicenceBody } from '@mpm/contracts';
import { MINERALS, RIGHT_COLLECTIONS, SCALE_CLASSES, term, type RightCollection } from '@mpm/domain';
import { proposalsApi } from '../../../api/proposals.ts';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLicencesData } from '../../../state/licences-store.ts';
import { useSession } from '../../../state/session-store.ts';
import type { BlockGeometry } from '@mpm/rules';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { BoundaryInput, BoundarySourceOptions, useDrawnBoundary } from './BoundaryFields.tsx';
import { DocumentFields, cornerListOf, documentOf, EMPTY_DOCUMENT, type DocumentDraft, TermOptions } from './licence-fields.tsx';
import { draftFields } from '../draft-fields.ts';

const EMPTY = {
  source: 'proposal' as 'proposal' | 'cornerList' | 'file' | 'draw',
  collection: 'mining_rights' as RightCollection,
  proposal: '',
  licenceNo: '',
  validFrom: '',
  validTo: '',
  mineName: '',
  holder: '',
  mineral: '',
  miningMethod: 'openPit',
  scaleClass: '',
  capacity: '',
  cornerList: '',
};
type Draft = typeof EMPTY;

/** The register body as the admin filled it in (empty members left out: the server names what is missing). */
function registerBody(draft: Draft, document: DocumentDraft, proposals: ProposalSummary[], fileBlock: BlockGeometry | null, drawn: BlockGeometry | null): RegisterLicenceBody {
  const fromProposal = draft.source === 'proposal';
  const proposal = proposals.find((p) => String(p.id) === draft.proposal);
  const body: RegisterLicenceBody = {
    collection: fromProposal ? 'mining_rights' : draft.collection,
    licenceNo: draft.licenceNo.trim(),
    validFrom: draft.validFrom,
    validTo: draft.validTo,
    ...documentOf(document),
  };
  if (fromProposal && proposal) Object.assign(body, { proposalId: proposal.id, proposalRevision: proposal.revision });
  if (!fromProposal) {
    const cornerList = draft.source === 'cornerList' ? cornerListOf(draft.cornerList) : undefined;
    if (cornerList) body.cornerList = cornerList;
    if (draft.source === 'file' && fileBlock) body.geometry = fileBlock;
    if (draft.source === 'draw' && drawn) body.geometry = drawn;
    if (draft.mineral) body.mineral = draft.mineral as RegisterLicenceBody['mineral'];
  }
  if (draft.holder.trim()) body.holder = draft.holder.trim();
  if (body.collection === 'mining_rights') {
    if (draft.mineName.trim()) body.mineName = draft.mineName.trim();
    body.miningMethod = draft.miningMethod as RegisterLicenceBody['miningMethod'];
    if (draft.scaleClass) body.scaleClass = draft.scaleClass as RegisterLicenceBody['scaleClass'];
    if (!fromProposal && draft.capacity.trim()) body.capacity10ktPerYear = Number(draft.capacity);
  }
  return body;
}

/**
 * 新立 (admins): a right registered from an approved proposal — its block, mineral, capacity,
 * scale and holder carried over, the proposal then marked as having become the licence — or from
 * a pasted corner list, a GeoJSON/KML file (its first polygon) or a polygon drawn on the map,
 * with every field typed in.
 */
export function RegisterLicenceForm() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const { action, register } = useLicencesData();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [document, setDocument] = useState<DocumentDraft>(EMPTY_DOCUMENT);
  const [approved, setApproved] = useState<ProposalSummary[]>([]);
  const [fileBlock, setFileBlock] = useState<BlockGeometry | null>(null);
  const drawn = useDrawnBoundary('register');
  const mine = action?.kind === 'register' ? action : null;

  useEffect(() => {
    if (!open) return;
    proposalsApi.list({ status: ['approved'] }, language).then(({ proposals }) => setApproved(proposals), () => setApproved([]));
  }, [open, language, mine?.status]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await register(registerBody(draft, document, approved, fileBlock, drawn), language)) {
      setDraft(EMPTY);
      setFileBlock(null);
      setDocument(EMPTY_DOCUMENT);
      setOpen(false);
    }
  };
  const field = draftFields(draft, setDraft);
  const mining = draft.source === 'proposal' || draft.collection === 'mining_rights';

  return (
    <section className="plan-section admin-create">
      <button type="button" className="secondary-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('Register a right')}
      </button>
      {mine?.status === 'done' && (
        <p className="admin-ok" role="status">
          {t('The right was registered.')}
        </p>
      )}
      {open && (
        <form className="admin-form" onSubmit={submit} aria-label={t('Register a right')}>
          <label>
            {t('Registered from')}
            <select name="register-source" {...field('source')}>
              <option value="proposal">{t('An approved proposal')}</option>
              <BoundarySourceOptions />
            </select>
          </label>
          {draft.source === 'proposal' ? (
            <label>
              {t('Approved proposal')}
              <select name="register-proposal" required {...field('proposal')}>
                <option value="">{approved.length ? t('Choose…') : t('No approved proposal waits for a licence.')}</option>
                {approved.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {term(p.mineral, lang)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <>
              <label>
                {t('Type of right')}
                <select name="register-collection" {...field('collection')}>
                  <TermOptions values={RIGHT_COLLECTIONS} />
                </select>
              </label>
              <label>
                {term('mineral', lang)}
                <select name="register-mineral" required {...field('mineral')}>
                  <option value="">{t('Choose…')}</option>
                  <TermOptions values={MINERALS} />
                </select>
              </label>
              <BoundaryInput
                source={draft.source}
                purpose="register"
                cornerList={{ name: 'register-corner-list', ...field('cornerList') }}
                fileBlock={fileBlock}
                onFileBlock={setFileBlock}
              />
            </>
          )}
          <label>
            {term('licenceNo', lang)}
            <input name="register-licence-no" required maxLength={60} {...field('licenceNo')} />
          </label>
          <label>
            {term('validFrom', lang)}
            <input name="register-valid-from" type="date" required {...field('validFrom')} />
          </label>
          <label>
            {term('validTo', lang)}
            <input name="register-valid-to" type="date" required {...field('validTo')} />
          </label>
          <label>
            {term('holder', lang)}
            <input name="register-holder" maxLength={200} {...field('holder')} />
          </label>
          {mining && (
            <>
              <label>
                {term('mineName', lang)}
                <input name="register-mine-name" maxLength={200} {...field('mineName')} />
              </label>
              <label>
                {term('miningMethod', lang)}
                <select name="register-method" {...field('miningMethod')}>
                  <TermOptions values={(['openPit', 'underground'] as const)} />
                </select>
              </label>
              <label>
                {term('scaleClass', lang)}
                <select name="register-scale" {...field('scaleClass')}>
                  <option value="">{draft.source === 'proposal' ? t("The proposal's") : t('Choose…')}</option>
                  <TermOptions values={SCALE_CLASSES} />
                </select>
              </label>
              {draft.source !== 'proposal' && (
                <label>
                  {term('capacity10ktPerYear', lang)}
                  <input name="register-capacity" type="number" step="any" min="0" {...field('capacity')} />
                </label>
              )}
            </>
          )}
          <DocumentFields draft={document} onChange={setDocument} />
          <ProblemNotice problem={mine?.problem ?? null} />
          <div className="admin-form-actions">
            <button type="submit" className="primary-button" disabled={mine?.status === 'pending'}>
              {t('Register the right')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setOpen(false)}>
              {t('Cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
