/** Placeholder: public mode's panel, filled in by the feature that owns it. */
export function PublicPanel() {
  return <aside className="plan-panel" />;
}
