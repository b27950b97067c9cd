import type { InvitationRecord } from './invitation';
import { day, layoutMail, oneLine } from './mail-layout';
import type { MailMessage } from './mailer';

const footer = (expiresAt: Date) => `The link works once and expires on ${day(expiresAt)}. If you did not expect this email, ignore it.`;

/** To the accountant: a client invites them to its Business Central books. */
export function clientInvitationEmail(inv: InvitationRecord, link: string): MailMessage {
  const company = oneLine(inv.companyName ?? 'A client');
  const who = inv.clientContactName ? `${oneLine(inv.clientContactName)} of ${company}` : company;
  return {
    ...layoutMail({
      to: inv.accountantEmail ?? '', replyTo: inv.clientEmail,
      subject: `${company} invites you to connect in Accountant Hub`,
      paragraphs: [`Hello,`, `${who} invites you to keep their books in view in Accountant Hub. Accepting adds ${company} to your client dashboard.`],
      facts: [['Company', company], ['Business Central', inv.clientUrl ?? ''], ['Companies to share', inv.companies.join(', ')]],
      quote: inv.message, action: { link, button: 'Review the invitation' }, footer: footer(inv.expiresAt),
    }),
    link,
  };
}

/** To the client: their accountant asks them to connect their Business Central. */
export function accountantInvitationEmail(inv: InvitationRecord, link: string): MailMessage {
  const accountant = oneLine(inv.accountantName ?? inv.accountantEmail ?? 'Your accountant');
  return {
    ...layoutMail({
      to: inv.clientEmail ?? '', replyTo: inv.accountantEmail,
      subject: `${accountant} asks you to connect your Business Central`,
      paragraphs: [
        `Hello,`,
        `${accountant} uses Accountant Hub to keep their clients' books in view and asks you to connect${inv.companyName ? ` ${oneLine(inv.companyName)}` : ''}.`,
        `The link opens a short form: your company name and your Business Central address. No account is needed.`,
      ],
      facts: [['Accountant', accountant], ['Email', inv.accountantEmail ?? '']],
      quote: inv.message, action: { link, button: 'Connect your company' }, footer: footer(inv.expiresAt),
    }),
    link,
  };
}
