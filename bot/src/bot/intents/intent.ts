import type { BotSettingsChange } from '@hub/client-data';

/** Which taxes the user asks about: those due in this window (by due date). */
export type TaxWindow = 'this-week' | 'this-month' | 'next-month' | 'upcoming';

/** What the user asked for, with the client or company name as typed (null: none given). */
export type Intent =
  | { kind: 'help' }
  | { kind: 'greeting' }
  | { kind: 'summary'; target: string | null }
  | { kind: 'overdue-invoices'; target: string | null }
  | { kind: 'overdue-bills'; target: string | null }
  /** "What does Contoso owe": the client's bills, overdue and due soon, and its tax estimate. */
  | { kind: 'owes'; target: string | null }
  | { kind: 'cash'; target: string | null }
  | { kind: 'taxes'; target: string | null; window: TaxWindow }
  | { kind: 'refresh'; target: string | null }
  | { kind: 'clients' }
  | { kind: 'settings'; change: BotSettingsChange }
  /** Nothing recognised; `text` may still be a client's name. */
  | { kind: 'unknown'; text: string };

export type IntentKind = Intent['kind'];
/** Intents that answer about one client or company (or ask which one). */
export type ScopedKind = 'summary' | 'overdue-invoices' | 'overdue-bills' | 'owes' | 'cash' | 'taxes' | 'refresh';
