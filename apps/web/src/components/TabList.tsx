/** One tab: its key and what it says. */
export interface Tab<K extends string> {
  id: K;
  label: string;
}

interface TabListProps<K extends string> {
  /** What the tabs choose between, for assistive technology. */
  label: string;
  tabs: readonly Tab<K>[];
  selected: NoInfer<K>;
  onSelect(id: NoInfer<K>): void;
  className?: string;
  /** The element id of each tab, when its panel names it (`aria-labelledby`). */
  tabId?(id: K): string;
  /** The element id of the panel each tab shows. */
  panelId?(id: K): string;
}

/** A row of tabs (WAI-ARIA tab pattern): one is selected, pressing another selects it. */
export function TabList<K extends string>({ label, tabs, selected, onSelect, className = 'tabs', tabId, panelId }: TabListProps<K>) {
  return (
    <div className={className} role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId?.(tab.id)}
          aria-selected={selected === tab.id}
          aria-controls={panelId?.(tab.id)}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
