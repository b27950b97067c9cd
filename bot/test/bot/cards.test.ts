import { HubBot } from '../../src/bot/hub-bot';
import type { CardJson } from '../../src/bot/cards/render';
import { cardProblems } from './card-check';
import { formatMoney, totalsByCurrency } from '../../src/bot/format/format';
import { deps, fakeServices, recordingMessenger, turn } from './fixtures';

const texts = (card: CardJson) => JSON.stringify(card);

describe('cards', () => {
  it('the checker itself catches bad cards', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }).length).toBeGreaterThan(0);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${x}' }] })).toContain('unexpanded ${');
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.Execute', title: 'x', verb: 'v', id: 'a' }, { type: 'Action.Execute', title: 'y', verb: 'v', id: 'a' }] }).length).toBeGreaterThan(0);
  });

  const big = fakeServices(60, 6);
  const bot = new HubBot(deps(big));

  const asks = [
    'help', 'hello', 'settings', 'summary', 'taxes due this month', 'taxes', 'overdue invoices Client 001', 'overdue bills client 002',
    'what does Client 003 owe', 'cash for Client 004', 'overdue invoices', 'overdue invoices Wingtip', 'overdue invoices Client 01 Holdngs',
    'my clients', 'blah blah', 'Client 005', 'send my summary at 7:30', 'turn off tax alerts', 'send my summary at 99:99', 'overview of client 006',
    'overdue invoices Client 007 Holdings Subsidiary 2',
  ];
  it.each(asks)('"%s" answers with a valid 1.5 card under 28 KB, even with the biggest data', async (text) => {
    const m = recordingMessenger();
    await bot.onMessage(text, turn, m);
    expect(m.sent).toHaveLength(1);
    expect(cardProblems(m.sent[0] as CardJson)).toEqual([]);
  });

  it('welcome, refresh (sent then updated in place) and every button answer are valid cards', async () => {
    expect(cardProblems(bot.welcome('Alice Accountant'))).toEqual([]);
    const m = recordingMessenger();
    await bot.onMessage('refresh Client 001', turn, m);
    await Promise.all(m.tasks);
    expect(m.sent).toHaveLength(1);
    expect(m.updates).toHaveLength(1);
    for (const c of [...m.sent, ...m.updates]) expect(cardProblems(c)).toEqual([]);
    expect(texts(m.updates[0] as CardJson)).toContain('Refreshed 1 company');
    const clientId = big.companies[0]?.row.clientId as string;
    for (const kind of ['summary', 'overdue-invoices', 'overdue-bills', 'owes', 'cash', 'taxes']) {
      for (const scope of [{ type: 'all' }, { type: 'client', id: clientId }]) {
        const card = await bot.onAction('refreshCompany', { view: { kind, scope } }, turn);
        expect(cardProblems(card)).toEqual([]);
      }
    }
    expect(cardProblems(await bot.onAction('settings', { change: { alerts: { taxDue: false } } }, turn))).toEqual([]);
    expect(cardProblems(await bot.onAction('nonsense', {}, turn))).toEqual([]);
  });

  it('lists in the right currency, with totals per currency and "and N more"', async () => {
    const m = recordingMessenger();
    await bot.onMessage('overdue invoices Client 002', turn, m);
    const card = texts(m.sent[0] as CardJson);
    expect(card).toContain('Overdue invoices: Client 002 Holdings Ltd');
    expect(card).toContain('€123,456.79'); // Client 002's first company keeps its books in EUR
    expect(card).toContain('€123,456,789.00 + US$5,000.00'); // its overdue total: the USD part stays in USD
    expect(card).toContain('Total (EUR)');
    expect(card).toContain('Total (USD)');
    expect(card).toMatch(/and \d+ more/);
    expect(card).toContain('Open in Business Central');
    expect(card).toContain('Open dashboard');
    expect(card).toContain('"verb":"refreshCompany"');
    expect(card).toMatch(/400 days overdue/);
  });

  it('never adds currencies and formats for the locale', () => {
    expect(totalsByCurrency([{ currency: 'GBP', minor: 1 }, { currency: 'EUR', minor: 2 }, { currency: 'GBP', minor: 3 }])).toEqual([
      { currency: 'GBP', minor: 4 }, { currency: 'EUR', minor: 2 },
    ]);
    expect(formatMoney({ currency: 'EUR', minor: 123456 }, 'de-DE')).toMatch(/^1\.234,56\s€$/);
    expect(formatMoney({ currency: 'JPY', minor: 1234 }, 'en-GB')).toBe('JP¥1,234');
    expect(formatMoney({ currency: 'USD', minor: -5 }, 'en-US')).toBe('-$0.05');
  });

  it('asks which one when a name is ambiguous, and suggests the closest when unknown', async () => {
    const m = recordingMessenger();
    await bot.onMessage('overdue invoices client 00', turn, m);
    await bot.onMessage('cash for Client 010 Holdngs Subsidary', turn, m);
    await bot.onMessage('overdue bills Wingtip Toys', turn, m);
    expect(texts(m.sent[0] as CardJson)).toMatch(/Which|couldn't find/);
    expect(texts(m.sent[2] as CardJson)).toContain("I couldn't find “Wingtip Toys”");
  });

  it('a user with no clients gets a helpful card', async () => {
    const empty = new HubBot(deps(fakeServices(0, 0)));
    for (const text of ['summary', 'overdue invoices Contoso', 'refresh all', 'taxes due this month', 'my clients']) {
      const m = recordingMessenger();
      await empty.onMessage(text, turn, m);
      expect(texts(m.sent[0] as CardJson)).toContain('You have no clients yet');
    }
  });
});
