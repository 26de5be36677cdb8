/** Placeholder: inspect mode's panel, filled in by the feature that owns it. */
export function InspectPanel() {
  return <aside className="plan-panel" />;
}
