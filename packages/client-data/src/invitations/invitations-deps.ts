import type { Db } from '../adapters/store/db';
import type { InvitationsRepo } from '../adapters/store/invitations-repo';
import type { OutboxMessage } from '../adapters/store/outbox-repo';
import type { SsoAssertion } from '../domain/client-url';
import { ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { ClientsService } from '../services/clients-service';
import type { Mailer } from './mailer';

export const HOUR = 3_600_000;

export interface InvitationsServiceDeps {
  db: Db;
  repo: InvitationsRepo;
  clients: ClientsService;
  outbox: { enqueue(msg: OutboxMessage, tx?: Db): Promise<boolean> };
  mailer: Mailer;
  /** The hub's public origin: emailed links point at its pages. */
  publicUrl: () => string;
  clock: Clock;
  extraHosts: readonly string[];
  /** How long a link works (default 14 days). */
  ttlDays: number;
  /** Invitation emails per hour per sender address, per signed-in sender and per recipient (default 5). */
  sendsPerHour: number;
  /** The email telling an inviter about the answer could not be sent (the answer stands; the failure is recorded too). */
  onMailError?: (err: unknown, about: { invitationId: string }) => void;
}

/** The signed-in accountant. `email` is the work email (UPN) from their sign-in; null when the token has none. */
export interface InvitationUser {
  userId: string;
  tenantId: string;
  name: string | null;
  email: string | null;
  assertion?: SsoAssertion;
}

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

/** A zod result, or a ValidationError naming every field. */
export function parsed<T>(r: SafeParse<T>, what: string): T {
  if (r.success) return r.data;
  throw new ValidationError(`${what} is not valid.`, r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

/** A hub page's address, for emailed links. */
export const hubLink = (d: InvitationsServiceDeps, path: string): string => new URL(path, d.publicUrl()).toString();
