import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@mpm/domain';
import { usePlan, type DrawTool } from '../../state/plan-store.ts';
import { TabList, type Tab } from '../TabList.tsx';
import { BlockFileInput } from './BlockFileInput.tsx';
import { CornerListInput } from './CornerListInput.tsx';
import { DrawFigures, DrawHelp } from './DrawFigures.tsx';
import { useDrawSession } from '../../state/draw-session.ts';

type Way = 'draw' | 'paste' | 'upload';

/**
 * The three ways to give the block: draw it on the map, paste its corner points, or upload a file.
 * Starts on the pasted list when the block is a saved one that came from a list (remount to reset).
 */
export function BlockInput({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const [way, setWay] = useState<Way>(() => (usePlan.getState().block?.cornerList ? 'paste' : 'draw'));
  const ways: Tab<Way>[] = [
    { id: 'draw', label: t('Draw') },
    { id: 'paste', label: t('Paste corner points') },
    { id: 'upload', label: t('Upload file') },
  ];
  return (
    <div className="block-input">
      <TabList
        label={t('How to give the block')}
        tabs={ways}
        selected={way}
        onSelect={setWay}
        tabId={(id) => `block-tab-${id}`}
        panelId={(id) => `block-panel-${id}`}
      />
      <div className="tab-panel" role="tabpanel" id={`block-panel-${way}`} aria-labelledby={`block-tab-${way}`}>
        {way === 'draw' && <DrawTools lang={lang} />}
        {way === 'paste' && <CornerListInput lang={lang} />}
        {way === 'upload' && <BlockFileInput />}
      </div>
      <BlockStatus />
    </div>
  );
}

/** Tool buttons and what the current tool does with a click. */
function DrawTools({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const { canUndo, canRedo, undo, redo } = useDrawSession();
  const tool = usePlan((s) => s.tool);
  const hasBlock = usePlan((s) => s.block !== null);
  const setTool = usePlan((s) => s.setTool);
  const clearBlock = usePlan((s) => s.clearBlock);
  const hints: Record<DrawTool, string> = {
    draw: t('Click each corner on the map; click the first corner again to close the block.'),
    edit: t('Drag a corner to move it, drag a midpoint to add a corner; right-click a corner to delete it.'),
    pan: t('Move the map, or click it to see the features there.'),
  };
  return (
    <div className="draw-tools">
      <div className="tool-buttons">
        <button
          type="button"
          className="secondary-button"
          aria-pressed={tool === 'draw'}
          onClick={() => {
            clearBlock();
            setTool('draw');
          }}
        >
          {t('Draw block')}
        </button>
        <button type="button" className="secondary-button" aria-pressed={tool === 'edit'} disabled={!hasBlock} onClick={() => setTool('edit')}>
          {t('Edit corners')}
        </button>
        <button type="button" className="secondary-button" aria-pressed={tool === 'pan'} onClick={() => setTool('pan')}>
          {t('Pan')}
        </button>
        <button type="button" className="secondary-button" disabled={!canUndo} onClick={undo} title="Ctrl+Z">
          {t('Undo')}
        </button>
        <button type="button" className="secondary-button" disabled={!canRedo} onClick={redo} title="Ctrl+Shift+Z">
          {t('Redo')}
        </button>
      </div>
      <p className="plan-note">{hints[tool]}</p>
      <DrawFigures lang={lang} />
      <DrawHelp />
    </div>
  );
}

/** Where the current block came from, with a button to remove it. */
function BlockStatus() {
  const { t } = useTranslation();
  const block = usePlan((s) => s.block);
  const clearBlock = usePlan((s) => s.clearBlock);
  const setTool = usePlan((s) => s.setTool);
  if (!block) return <p className="plan-note block-status">{t('No block yet.')}</p>;
  const origin = {
    draw: t('Block drawn on the map'),
    paste: t('Block from the pasted corner points'),
    upload: t('Block from the uploaded file'),
    saved: t('Block of the saved proposal'),
  }[block.origin];
  return (
    <p className="plan-note block-status">
      {origin}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          clearBlock();
          setTool('pan');
        }}
      >
        {t('Remove block')}
      </button>
    </p>
  );
}
