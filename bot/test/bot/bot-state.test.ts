import { BotStateRepo, DEFAULT_BOT_SETTINGS } from '@hub/client-data';
import { UsersRepo } from '../../../packages/client-data/src/adapters/store/users-repo';
import { openTestDb, type TestDb } from '../../../test-support/db';

describe('bot state store', () => {
  let db: TestDb;
  let repo: BotStateRepo;
  let userId: string;
  beforeAll(async () => {
    db = await openTestDb();
    repo = new BotStateRepo(db);
    userId = await new UsersRepo(db).ensure({ tenantId: 't1', objectId: 'o1', name: 'Alice' });
  });
  afterAll(() => db.dispose());

  it('keeps one conversation reference per user, refreshed on every activity', async () => {
    expect(await repo.conversation(userId)).toBeNull();
    await repo.saveConversation(userId, { conversation: { id: 'a' }, serviceUrl: 'http://one' }, 'http://one', 'a');
    await repo.markGone(userId);
    expect((await repo.conversations()).length).toBe(0);
    await repo.saveConversation(userId, { conversation: { id: 'a' }, serviceUrl: 'http://two' }, 'http://two', 'a');
    const c = await repo.conversation(userId);
    expect(c).toMatchObject({ serviceUrl: 'http://two', conversationId: 'a', goneAt: null, reference: { serviceUrl: 'http://two' } });
    expect((await repo.conversations()).map((x) => x.userId)).toEqual([userId]);
  });

  it('has defaults, applies partial changes and rejects bad values', async () => {
    expect(await repo.settings(userId)).toEqual({ ...DEFAULT_BOT_SETTINGS, timeZone: 'UTC', timeZoneChosen: false });
    await repo.noteTimeZone(userId, 'Europe/London');
    expect((await repo.settings(userId)).timeZone).toBe('Europe/London');
    const s = await repo.updateSettings(userId, { summaryTime: '07:30', alerts: { taxDue: false } });
    expect(s).toMatchObject({ summaryTime: '07:30', summaryDays: [1, 2, 3, 4, 5], timeZone: 'Europe/London', timeZoneChosen: false });
    expect(s.alerts).toEqual({ ...DEFAULT_BOT_SETTINGS.alerts, taxDue: false });
    const s2 = await repo.updateSettings(userId, { summaryDays: [7, 1, 1], timeZone: 'Europe/Berlin', alerts: { summary: false } });
    expect(s2).toMatchObject({ summaryTime: '07:30', summaryDays: [1, 7], timeZone: 'Europe/Berlin', timeZoneChosen: true });
    expect(s2.alerts).toMatchObject({ taxDue: false, summary: false, overdueBills: true });
    await repo.noteTimeZone(userId, 'Asia/Tokyo');
    expect((await repo.settings(userId)).timeZone).toBe('Europe/Berlin');
    await expect(repo.updateSettings(userId, { summaryTime: '25:00' })).rejects.toThrow(RangeError);
    await expect(repo.updateSettings(userId, { timeZone: 'Mars/Base' })).rejects.toThrow(RangeError);
    await expect(repo.updateSettings(userId, { summaryDays: [] })).rejects.toThrow(RangeError);
  });
});
