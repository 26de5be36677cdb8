import { afterEach, describe, expect, it } from 'vitest';
import { confirmLeaving, hasUnsavedWork, setUnsaved } from './unsaved-work.ts';

const leave = () => {
  const event = { prevented: false, returnValue: undefined as unknown, preventDefault() { this.prevented = true; } };
  confirmLeaving(event as unknown as BeforeUnloadEvent);
  return event;
};

describe('leaving with unsaved work', () => {
  afterEach(() => {
    setUnsaved('plan', false);
    setUnsaved('tip-off', false);
  });

  it('lets the page go when nothing is unsaved', () => {
    expect(hasUnsavedWork()).toBe(false);
    expect(leave()).toMatchObject({ prevented: false, returnValue: undefined });
  });

  it('asks first while any owner has unsaved work, and stops asking when all of it is saved', () => {
    setUnsaved('plan', true);
    setUnsaved('tip-off', true);
    expect(leave()).toMatchObject({ prevented: true, returnValue: '' });
    setUnsaved('plan', false);
    expect(leave().prevented).toBe(true);
    setUnsaved('tip-off', false);
    expect(leave().prevented).toBe(false);
  });
});
