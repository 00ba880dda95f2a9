import { describe, expect, it } from 'vitest';
import { describeRule, fromRule, toRule } from './recurrence';

describe('recurrence picker', () => {
  it('round-trips the simple shapes', () => {
    for (const rule of ['FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,WE', 'FREQ=MONTHLY;BYMONTHDAY=15', 'FREQ=WEEKLY']) {
      const state = fromRule(rule);
      expect(state.kind).not.toBe('custom');
      expect(toRule(state)).toBe(rule);
    }
    expect(fromRule(null).kind).toBe('none');
    expect(toRule(fromRule(null))).toBeNull();
  });

  it('keeps anything else as custom text', () => {
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR';
    expect(fromRule(rule)).toMatchObject({ kind: 'custom', custom: rule });
    expect(toRule({ kind: 'custom', custom: ' RRULE:FREQ=YEARLY ', weekdays: [], monthDay: 1 })).toBe('FREQ=YEARLY');
    expect(fromRule('FREQ=WEEKLY;BYDAY=1MO').kind).toBe('custom');
  });

  it('orders weekdays and describes rules', () => {
    expect(toRule({ kind: 'weekly', weekdays: ['FR', 'MO'], monthDay: 1, custom: '' })).toBe('FREQ=WEEKLY;BYDAY=MO,FR');
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,WE')).toBe('Every week on Mon, Wed');
    expect(describeRule(null)).toBe('Does not repeat');
  });
});
