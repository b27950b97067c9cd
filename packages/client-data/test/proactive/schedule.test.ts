import { dueSummary, localParts, nextSummary, zonedInstant, type SummarySchedule } from '../../src/proactive/schedule';

const weekdays = [1, 2, 3, 4, 5];
const every = [1, 2, 3, 4, 5, 6, 7];
const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

/** Runs a 30-second scheduler over [from, to) and returns, per local date, the first instant its summary was due. */
function simulate(s: SummarySchedule, from: string, to: string, graceMs = 2 * HOUR): Map<string, string> {
  const fired = new Map<string, string>();
  for (let t = Date.parse(from); t < Date.parse(to); t += 30_000) {
    const due = dueSummary(s, new Date(t), graceMs);
    if (due && !fired.has(due.localDate)) fired.set(due.localDate, new Date(t).toISOString());
  }
  return fired;
}

describe('summary schedule (pure, Intl time zones)', () => {
  it('reads wall-clock parts and ISO weekdays in a zone', () => {
    expect(localParts(at('2026-03-02T07:30:00Z'), 'Asia/Tokyo')).toMatchObject({ date: '2026-03-02', time: '16:30', isoWeekday: 1 });
    expect(localParts(at('2026-03-02T03:00:00Z'), 'America/Los_Angeles')).toMatchObject({ date: '2026-03-01', time: '19:00', isoWeekday: 7 });
  });

  it('fires at each user’s local time across zones, including odd offsets', () => {
    const cases: [string, string][] = [
      ['Europe/London', '2026-03-02T08:00:00.000Z'],
      ['Europe/Berlin', '2026-03-02T07:00:00.000Z'],
      ['America/New_York', '2026-03-02T13:00:00.000Z'],
      ['Asia/Kolkata', '2026-03-02T02:30:00.000Z'],
      ['Asia/Kathmandu', '2026-03-02T02:15:00.000Z'],
      ['Pacific/Auckland', '2026-03-01T19:00:00.000Z'],
    ];
    for (const [timeZone, expected] of cases) {
      const fired = simulate({ summaryTime: '08:00', summaryDays: [1], timeZone }, '2026-02-28T00:00:00Z', '2026-03-04T00:00:00Z');
      expect([...fired]).toEqual([['2026-03-02', expected]]);
    }
  });

  it('fires once at 08:00 local on DST change days (spring forward and fall back)', () => {
    const london = simulate({ summaryTime: '08:00', summaryDays: every, timeZone: 'Europe/London' }, '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z');
    expect([...london]).toEqual([
      ['2026-03-28', '2026-03-28T08:00:00.000Z'], ['2026-03-29', '2026-03-29T07:00:00.000Z'], ['2026-03-30', '2026-03-30T07:00:00.000Z'],
    ]);
    const ny = simulate({ summaryTime: '08:00', summaryDays: every, timeZone: 'America/New_York' }, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z');
    expect([...ny]).toEqual([
      ['2026-10-31', '2026-10-31T12:00:00.000Z'], ['2026-11-01', '2026-11-01T13:00:00.000Z'], ['2026-11-02', '2026-11-02T13:00:00.000Z'],
    ]);
  });

  it('resolves times that do not exist or happen twice on DST days', () => {
    // 02:30 does not exist in New York on 8 March 2026: moved forward by the gap to 03:30 EDT.
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the first one (EDT).
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // Lord Howe Island moves by 30 minutes (back to +10:30 that night).
    expect(zonedInstant('2026-04-05', '08:00', 'Australia/Lord_Howe').toISOString()).toBe('2026-04-04T21:30:00.000Z');
    const gap = simulate({ summaryTime: '02:30', summaryDays: every, timeZone: 'America/New_York' }, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z');
    expect([...gap.values()]).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    const twice = simulate({ summaryTime: '01:30', summaryDays: every, timeZone: 'America/New_York' }, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z');
    expect([...twice.values()]).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('honours weekdays, the chosen time and the grace for a late start', () => {
    const s: SummarySchedule = { summaryTime: '07:30', summaryDays: weekdays, timeZone: 'Europe/Berlin' };
    const week = simulate(s, '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z');
    expect([...week.keys()]).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    expect(week.get('2026-03-02')).toBe('2026-03-02T06:30:00.000Z');
    expect(dueSummary(s, at('2026-03-02T06:29:59Z'), 2 * HOUR)).toBeNull();
    expect(dueSummary(s, at('2026-03-02T08:00:00Z'), 2 * HOUR)?.localDate).toBe('2026-03-02');
    expect(dueSummary(s, at('2026-03-02T08:31:00Z'), 2 * HOUR)).toBeNull();
    expect(dueSummary({ ...s, summaryDays: [6, 7] }, at('2026-03-02T07:00:00Z'), 2 * HOUR)).toBeNull();
  });

  it('a late-evening summary checked after midnight still belongs to the day before', () => {
    const s: SummarySchedule = { summaryTime: '23:50', summaryDays: [1], timeZone: 'Europe/London' };
    expect(dueSummary(s, at('2026-03-03T00:05:00Z'), 2 * HOUR)).toEqual({ localDate: '2026-03-02', at: at('2026-03-02T23:50:00Z') });
  });

  it('tells when the next summary is', () => {
    const s: SummarySchedule = { summaryTime: '08:00', summaryDays: weekdays, timeZone: 'Europe/London' };
    expect(nextSummary(s, at('2026-03-06T09:00:00Z'))).toEqual({ localDate: '2026-03-09', at: at('2026-03-09T08:00:00Z') });
    expect(nextSummary(s, at('2026-03-06T07:59:00Z'))?.localDate).toBe('2026-03-06');
  });
});
