import type { MailMessage } from './mailer';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
/** Header-safe single line (names come from an anonymous form). */
export const oneLine = (s: string, max = 120) => s.replace(/[\r\n\t]+/g, ' ').trim().slice(0, max);
export const day = (d: Date) => d.toISOString().slice(0, 10);

/** One email's content: plain paragraphs, a table of facts (empty ones left out), an optional quote and button. */
export interface MailLayout {
  to: string;
  subject: string;
  paragraphs: string[];
  facts: [string, string][];
  quote?: string | null;
  action?: { link: string; button: string };
  /** The last, quieter line: why the reader gets this email. */
  footer: string;
  replyTo?: string | null;
}

/** The same message as text and as simple HTML (every value escaped). */
export function layoutMail(o: MailLayout): MailMessage {
  const facts = o.facts.filter(([, v]) => v);
  const text = [
    ...o.paragraphs, '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(o.quote ? ['', 'Message:', ...o.quote.split('\n').map((l) => `> ${l}`)] : []),
    ...(o.action ? ['', `${o.action.button}: ${o.action.link}`] : []),
    '', o.footer,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424">
${o.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${facts.length ? `<table>${facts.map(([k, v]) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` : ''}
${o.quote ? `<blockquote style="border-left:3px solid #ccc;margin:12px 0;padding-left:12px">${escapeHtml(o.quote).replace(/\n/g, '<br>')}</blockquote>` : ''}
${o.action ? `<p><a href="${escapeHtml(o.action.link)}" style="background:#5b5fc7;color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none">${escapeHtml(o.action.button)}</a></p>` : ''}
<p style="color:#616161">${o.action ? `Or paste this address into your browser: ${escapeHtml(o.action.link)}<br>` : ''}${escapeHtml(o.footer)}</p>
</body></html>`;
  return { to: o.to, subject: oneLine(o.subject, 200), text, html, ...(o.replyTo ? { replyTo: o.replyTo } : {}) };
}
