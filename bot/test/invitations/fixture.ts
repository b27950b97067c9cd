import { startLocalSmtp, type CapturedMail, type LocalSmtp } from '../../../test-support/smtp';
import { startTestServer, type TestServer } from '../../../test-support/server';

/** The dev identity's Alice Accountant: the address client invitations are sent to. */
export const ALICE = 'alice.accountant@demo.local';

/**
 * The real server with SMTP going to a local SMTP server, the Business Central sandbox and the dev identity: what every
 * invitation test starts from.
 */
export interface InvitationsWorld {
  s: TestServer;
  smtp: LocalSmtp;
  alice: string;
  bob: string;
  /** A demo client's Business Central address in the sandbox (`production` unless said). */
  bcUrl(clientName: string, environment?: string): string;
  /** The client's wizard form, Contoso inviting Alice, with `over` replacing fields. */
  wizard(over?: Record<string, unknown>): Record<string, unknown>;
  /** Sends a wizard invitation and returns the token from the emailed link. */
  invite(over?: Record<string, unknown>): Promise<{ id: string; token: string; mail: CapturedMail }>;
  /** The "invitation accepted" cards queued for an invitation. */
  outboxRows(invitationId: string): Promise<{ key: string; user_id: string; kind: string; payload: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

export async function startInvitations(env: Record<string, string> = {}): Promise<InvitationsWorld> {
  const smtp = await startLocalSmtp();
  const s = await startTestServer({ env: { ...smtp.env, INVITATION_SENDS_PER_HOUR: '100', ...env } });
  const alice = await s.signIn('Alice Accountant');
  const bob = await s.signIn('Bob Bookkeeper');
  const bcUrl = (clientName: string, environment = 'production') => {
    const tenant = s.sandbox.tenants.find((t) => t.clientName === clientName);
    if (!tenant) throw new Error(`no sandbox tenant ${clientName}`);
    return `${s.sandbox.url}/${tenant.tenantId}/${environment}`;
  };
  const wizard = (over: Record<string, unknown> = {}) => ({
    companyName: 'Contoso Ltd', clientUrl: bcUrl('Contoso Ltd'), inviterName: 'Chris Admin', inviterEmail: 'chris@contoso.example',
    accountantEmail: ALICE, companies: ['Contoso Ltd'], message: 'Please keep an eye on our VAT.', ...over,
  });
  return {
    s, smtp, alice, bob, bcUrl, wizard,
    invite: async (over = {}) => {
      const before = smtp.mails.length;
      const r = await s.api(null, 'POST', '/api/v1/public/invitations', wizard(over));
      if (r.status !== 201) throw new Error(`invitation refused: ${r.status} ${JSON.stringify(r.body)}`);
      const mail = await smtp.waitFor((m) => smtp.mails.indexOf(m) >= before && m.links.some((l) => l.includes('invitation=')));
      const link = mail.links.find((l) => l.includes('invitation='));
      if (!link) throw new Error(`no link in ${mail.text}`);
      return { id: r.body.id, token: new URL(link).searchParams.get('invitation') ?? '', mail };
    },
    outboxRows: (invitationId) => s.db.query(
      `SELECT key, user_id, kind, payload FROM proactive_outbox WHERE key LIKE $1 ORDER BY key`, [`invitation-accepted:${invitationId}:%`],
    ),
    close: async () => {
      await s?.close();
      await smtp?.close();
    },
  };
}
