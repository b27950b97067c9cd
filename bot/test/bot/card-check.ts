import { CARD_BYTE_LIMIT, cardBytes, type CardJson } from '../../src/bot/cards/render';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: unknown[] } };
  SerializationContext: new (v: unknown) => { eventCount: number; getEventAt(i: number): { message: string } };
  Version: new (major: number, minor: number) => unknown;
};

/** Parses as schema 1.5 with the Adaptive Cards SDK; returns every warning it raised. */
export function cardProblems(card: CardJson): string[] {
  const json = JSON.stringify(card);
  const problems: string[] = [];
  if (json.includes('${')) problems.push('unexpanded ${');
  if (card.version !== '1.5') problems.push(`version ${String(card.version)}`);
  if (cardBytes(card) > CARD_BYTE_LIMIT) problems.push(`${cardBytes(card)} bytes`);
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(new AC.Version(1, 5));
  ac.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i += 1) problems.push(ctx.getEventAt(i).message);
  for (const e of ac.validateProperties().validationEvents) problems.push(JSON.stringify(e));
  return problems;
}
