import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_MAX_LENGTH, type SearchKind, type SearchResponse, type SearchResult } from '@mpm/contracts';
import { isCollectionId, term } from '@mpm/domain';
import { ApiError } from '../api/client.ts';
import { searchApi } from '../api/search.ts';
import { domainLanguage } from '../i18n/languages.ts';
import { useSearchSession } from '../state/search-session.ts';
import { useSession } from '../state/session-store.ts';
import '../search.css';

/** Quiet time after the last keystroke before the server is asked, in milliseconds. */
const DEBOUNCE_MS = 250;

/** Group headings, as i18n keys. */
const GROUP_TITLES: Record<SearchKind, string> = {
  coordinate: 'Coordinates',
  place: 'Places',
  licence: 'Licences',
  feature: 'Map features',
  proposal: 'Planning proposals',
  ledger: 'Ledger entries',
};

type State = { status: 'idle' } | { status: 'loading' } | { status: 'done'; response: SearchResponse } | { status: 'error'; message: string };

/**
 * The one search box (搜索) over the map: licences, places, features of the layers the user may
 * see, proposals and ledger entries (staff) and typed coordinates, grouped. Choosing a result
 * flies the map there and opens the feature's popup.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const uiLanguage = useSession((s) => s.language);
  const lang = domainLanguage(uiLanguage);
  const select = useSession((s) => s.select);
  const goTo = useSearchSession((s) => s.goTo);
  const clearTarget = useSearchSession((s) => s.clear);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ status: 'idle' });
  const listId = useId();
  const latest = useRef(0);

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setState({ status: 'idle' });
      return;
    }
    const call = ++latest.current;
    setState({ status: 'loading' });
    const timer = window.setTimeout(() => {
      searchApi.search(q, uiLanguage).then(
        (response) => call === latest.current && setState({ status: 'done', response }),
        (err: unknown) => call === latest.current && setState({ status: 'error', message: err instanceof ApiError ? err.message : String(err) }),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, uiLanguage]);

  const choose = async (result: SearchResult) => {
    setOpen(false);
    goTo(result);
    if (!result.layer || !isCollectionId(result.layer) || result.id === undefined || !result.bbox) {
      select(null);
      return;
    }
    const [x0, y0, x1, y1] = result.bbox;
    const layerId = result.layer;
    try {
      const feature = await searchApi.feature(layerId, result.id, uiLanguage);
      select({ lngLat: [(x0 + x1) / 2, (y0 + y1) / 2], features: [{ layerId, featureId: result.id, properties: feature.properties }] });
    } catch {
      // The flight is what was asked for; a popup that cannot be filled is left out.
      select(null);
    }
  };

  const clear = () => {
    setText('');
    setOpen(false);
    clearTarget();
  };

  const groups = state.status === 'done' ? state.response.groups : [];
  return (
    <div
      className="search-box"
      role="search"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <input
        type="search"
        value={text}
        maxLength={SEARCH_MAX_LENGTH}
        placeholder={t('Search licences, places, coordinates…')}
        aria-label={t('Search the map')}
        aria-expanded={open && text.trim() !== ''}
        aria-controls={listId}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
      />
      {text && (
        <button type="button" className="search-clear" aria-label={t('Clear search')} title={t('Clear search')} onClick={clear}>
          ×
        </button>
      )}
      {open && text.trim() !== '' && (
        <div className="search-results grouped-list" id={listId} aria-live="polite">
          {state.status === 'loading' && <p className="grouped-list-note">{t('Searching…')}</p>}
          {state.status === 'error' && <p className="grouped-list-note grouped-list-error">{state.message}</p>}
          {state.status === 'done' && groups.length === 0 && <p className="grouped-list-note">{t('Nothing found')}</p>}
          {groups.map((group) => (
            <section key={group.kind} className="search-group grouped-list-group" data-kind={group.kind}>
              <h3>{t(GROUP_TITLES[group.kind as SearchKind] ?? group.kind)}</h3>
              <ul>
                {group.results.map((result) => (
                  <li key={`${result.layer ?? result.kind}/${result.id ?? result.label}`}>
                    <button type="button" className="search-result grouped-list-item" onClick={() => void choose(result)}>
                      <span className="search-label">{result.label}</span>
                      <span className="search-meta">
                        {result.layer && isCollectionId(result.layer) && <span className="search-layer">{term(result.layer, lang)}</span>}
                        {result.detail && <span className="search-detail">{result.detail}</span>}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
