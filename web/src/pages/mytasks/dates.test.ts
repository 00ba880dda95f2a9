import { describe, expect, it } from 'vitest';
import { daysBetween, describeDue, todayIn } from './dates';
import { groupTasks } from './group';

describe('todayIn', () => {
  const instant = new Date('2026-11-22T23:30:00Z');
  it('answers the calendar date in the person’s time zone', () => {
    expect(todayIn('UTC', instant)).toBe('2026-11-22');
    expect(todayIn('Pacific/Auckland', instant)).toBe('2026-11-23');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-11-22');
    expect(todayIn('Asia/Tokyo', new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });

  it('falls back to UTC for an unknown or empty zone, like the server', () => {
    expect(todayIn('Mars/Olympus', instant)).toBe('2026-11-22');
    expect(todayIn('', instant)).toBe('2026-11-22');
  });
});

describe('describeDue', () => {
  it('names today, tomorrow and overdue days', () => {
    expect(describeDue('2026-11-22', '2026-11-22')).toEqual({ text: 'Today', tone: 'today' });
    expect(describeDue('2026-11-23', '2026-11-22')).toEqual({ text: 'Tomorrow', tone: 'soon' });
    expect(describeDue('2026-11-19', '2026-11-22').tone).toBe('overdue');
    expect(describeDue('2026-11-19', '2026-11-22').text).toMatch(/3 days overdue$/);
    expect(describeDue('2026-11-21', '2026-11-22').text).toMatch(/1 day overdue$/);
    expect(describeDue(null, '2026-11-22')).toEqual({ text: 'No due date', tone: 'none' });
  });

  it('never calls a done task overdue', () => {
    expect(describeDue('2026-11-19', '2026-11-22', true).tone).toBe('later');
  });

  it('counts days across month and DST changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('groupTasks', () => {
  it('groups by workspace then project in order of first appearance, keeping task order', () => {
    const t = (id: string, ws: string, p: string) => ({ id, workspace_id: ws, project_id: p });
    const groups = groupTasks([t('1', 'A', 'a1'), t('2', 'B', 'b1'), t('3', 'A', 'a2'), t('4', 'A', 'a1'), t('5', 'B', 'b1')]);
    expect(groups.map((g) => g.workspaceId)).toEqual(['A', 'B']);
    expect(groups[0]?.projects.map((p) => [p.projectId, p.tasks.map((x) => x.id)])).toEqual([
      ['a1', ['1', '4']],
      ['a2', ['3']],
    ]);
    expect(groups[1]?.projects.map((p) => [p.projectId, p.tasks.map((x) => x.id)])).toEqual([['b1', ['2', '5']]]);
  });
});
