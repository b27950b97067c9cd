import type { InvitationRecord } from './invitation';
import { layoutMail, oneLine } from './mail-layout';
import type { MailMessage } from './mailer';

/** What the invited side answered; accepted says which companies reached the hub. */
export type InvitationAnswer =
  | {
    status: 'accepted';
    /** Names of the companies now on the accountant's dashboard (empty while Business Central could not list them). */
    companies: string[];
    /** The client named no companies: every company of the environment is shared. */
    everyCompany: boolean;
    notFound: string[];
  }
  | { status: 'declined' };

/** Links the emails offer: the accountant's dashboard, and the client's form to send a new invitation. */
export interface AnswerLinks {
  dashboard: string;
  wizard: string;
}

const list = (names: readonly string[]) => names.map((n) => oneLine(n)).join(', ');

/**
 * The email telling the inviter how their invitation was answered, or null when there is no address to write to
 * (a client may leave its email out of the form).
 */
export function answerEmail(inv: InvitationRecord, answer: InvitationAnswer, links: AnswerLinks): MailMessage | null {
  const toClient = inv.direction === 'client_to_accountant';
  const to = toClient ? inv.clientEmail : inv.accountantEmail;
  if (!to) return null;
  const company = oneLine(inv.companyName ?? (toClient ? 'your company' : 'the client'));
  const who = oneLine(toClient ? (inv.accountantName ?? inv.accountantEmail ?? 'Your accountant') : (inv.clientContactName ?? inv.clientEmail ?? 'Your client'));
  const whoEmail = toClient ? inv.accountantEmail : inv.clientEmail;
  const base = {
    to, replyTo: whoEmail,
    footer: `You get this email because you invited ${toClient ? 'this accountant' : 'this client'} to Accountant Hub.`,
  };

  if (answer.status === 'declined') {
    return layoutMail({
      ...base,
      subject: `${who} declined your invitation for ${company}`,
      paragraphs: [
        'Hello,',
        `${who} declined your invitation to Accountant Hub for ${company}. Nothing was connected, and the link in the invitation no longer works.`,
        'If you did not expect this, ask them; you can send a new invitation at any time.',
      ],
      facts: [[toClient ? 'Accountant' : 'Client', who], ['Email', whoEmail ?? ''], ['Company', company]],
      ...(toClient ? { action: { link: links.wizard, button: 'Send a new invitation' } } : {}),
    });
  }

  const scope = answer.everyCompany
    ? 'with every company of this Business Central environment'
    : `with only the companies ${toClient ? 'you' : 'the client'} shared${answer.companies.length ? '' : ', once Business Central lists them'}`;
  const n = answer.notFound.length;
  const notFound = n
    ? [`${list(answer.notFound)} ${n === 1 ? 'matches' : 'match'} no company in Business Central, so nothing was added for ${n === 1 ? 'it' : 'them'}; ` +
      `a company that gets ${n === 1 ? 'this name' : 'one of these names'} there is added at ${toClient ? "the accountant's" : 'your'} next refresh.`]
    : [];
  return layoutMail({
    ...base,
    subject: toClient ? `${who} accepted your invitation: ${company} is connected` : `${who} accepted your invitation: ${company} is on your dashboard`,
    paragraphs: [
      'Hello,',
      toClient
        ? `${who} accepted your invitation to Accountant Hub. ${company} is now on their client dashboard, ${scope}.`
        : `${who} accepted your invitation and connected ${company}. It is on your client dashboard, ${scope}; its figures appear after the first refresh.`,
      ...notFound,
    ],
    facts: [
      [toClient ? 'Accountant' : 'Client', who], ['Email', whoEmail ?? ''], ['Company', company], ['Business Central', inv.clientUrl ?? ''],
      ['Companies shared', answer.everyCompany ? `Every company${answer.companies.length ? `: ${list(answer.companies)}` : ''}` : list(answer.companies)], ['Not found in Business Central', list(answer.notFound)],
    ],
    quote: toClient ? null : inv.replyMessage,
    ...(toClient ? {} : { action: { link: links.dashboard, button: 'Open the dashboard' } }),
  });
}
