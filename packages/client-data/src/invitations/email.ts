import type { MailMessage } from './mailer';
import type { InvitationRecord } from './invitation';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
/** Header-safe single line (names come from an anonymous form). */
const oneLine = (s: string, max = 120) => s.replace(/[\r\n\t]+/g, ' ').trim().slice(0, max);
const day = (d: Date) => d.toISOString().slice(0, 10);

function render(o: { to: string; subject: string; paragraphs: string[]; facts: [string, string][]; quote: string | null; link: string; button: string; expiresAt: Date; replyTo?: string | null }): MailMessage {
  const facts = o.facts.filter(([, v]) => v);
  const text = [
    ...o.paragraphs, '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(o.quote ? ['', 'Message:', ...o.quote.split('\n').map((l) => `> ${l}`)] : []),
    '', `${o.button}: ${o.link}`, '',
    `The link works once and expires on ${day(o.expiresAt)}. If you did not expect this email, ignore it.`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424">
${o.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${facts.length ? `<table>${facts.map(([k, v]) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` : ''}
${o.quote ? `<blockquote style="border-left:3px solid #ccc;margin:12px 0;padding-left:12px">${escapeHtml(o.quote).replace(/\n/g, '<br>')}</blockquote>` : ''}
<p><a href="${escapeHtml(o.link)}" style="background:#5b5fc7;color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none">${escapeHtml(o.button)}</a></p>
<p style="color:#616161">Or paste this address into your browser: ${escapeHtml(o.link)}<br>The link works once and expires on ${day(o.expiresAt)}. If you did not expect this email, ignore it.</p>
</body></html>`;
  return { to: o.to, subject: oneLine(o.subject, 200), text, html, link: o.link, ...(o.replyTo ? { replyTo: o.replyTo } : {}) };
}

/** To the accountant: a client invites them to its Business Central books. */
export function clientInvitationEmail(inv: InvitationRecord, link: string): MailMessage {
  const company = oneLine(inv.companyName ?? 'A client');
  const who = inv.clientContactName ? `${oneLine(inv.clientContactName)} of ${company}` : company;
  return render({
    to: inv.accountantEmail ?? '', replyTo: inv.clientEmail,
    subject: `${company} invites you to connect in Accountant Hub`,
    paragraphs: [`Hello,`, `${who} invites you to keep their books in view in Accountant Hub. Accepting adds ${company} to your client dashboard.`],
    facts: [['Company', company], ['Business Central', inv.clientUrl ?? ''], ['Companies to share', inv.companies.join(', ')]],
    quote: inv.message, link, button: 'Review the invitation', expiresAt: inv.expiresAt,
  });
}

/** To the client: their accountant asks them to connect their Business Central. */
export function accountantInvitationEmail(inv: InvitationRecord, link: string): MailMessage {
  const accountant = oneLine(inv.accountantName ?? inv.accountantEmail ?? 'Your accountant');
  return render({
    to: inv.clientEmail ?? '', replyTo: inv.accountantEmail,
    subject: `${accountant} asks you to connect your Business Central`,
    paragraphs: [
      `Hello,`,
      `${accountant} uses Accountant Hub to keep their clients' books in view and asks you to connect${inv.companyName ? ` ${oneLine(inv.companyName)}` : ''}.`,
      `The link opens a short form: your company name and your Business Central address. No account is needed.`,
    ],
    facts: [['Accountant', accountant], ['Email', inv.accountantEmail ?? '']],
    quote: inv.message, link, button: 'Connect your company', expiresAt: inv.expiresAt,
  });
}
