/**
 * For a form that keeps its text boxes and selects as one draft: `field(name)` gives the props
 * that bind one of them to member `name` — its value, and a change that writes the next draft.
 */
export const draftFields =
  <D extends object>(draft: D, write: (next: D) => void) =>
  <K extends keyof D>(name: K) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => write({ ...draft, [name]: event.target.value }),
  });
