import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the local SMTP server received. */
export interface CapturedMail {
  from: string;
  to: string[];
  /** The raw RFC 5322 message. */
  raw: string;
  subject: string;
  /** The text part, decoded (quoted-printable or base64), or the raw body when it is not multipart. */
  text: string;
  /** Every http(s) link in the text part. */
  links: string[];
}

export interface LocalSmtp {
  host: string;
  port: number;
  /** Settings for the server's configuration (SMTP_HOST, SMTP_PORT, SMTP_USER, SECRET_SMTP_PASSWORD). */
  env: Record<string, string>;
  mails: CapturedMail[];
  /** Resolves with the first mail (old or new) matching `pred`, or rejects after `timeoutMs`. */
  waitFor(pred: (m: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /** The next `count` messages are refused with a 451 (temporary failure). */
  failNext(count?: number): void;
  close(): Promise<void>;
}

function decodePart(headers: string, body: string): string {
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Decodes a `=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=` header (folded lines joined). */
function decodeHeader(value: string): string {
  return value.replace(/\r?\n\s+/g, ' ').replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) => {
    if (enc.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
    return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }).trim();
}

export function parseMail(raw: string, from = '', to: string[] = []): CapturedMail {
  const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.slice(0, split);
  const subject = decodeHeader(/^subject:\s*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? '');
  let text = decodePart(head, raw.slice(split).trim());
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (boundary) {
    for (const part of raw.split(`--${boundary}`)) {
      const at = part.search(/\r?\n\r?\n/);
      const headers = part.slice(0, at);
      if (/content-type:\s*text\/plain/i.test(headers)) text = decodePart(headers, part.slice(at).trim());
    }
  }
  const links = [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
  return { from, to, raw, subject, text, links };
}

/** A local SMTP server (the `smtp-server` package) that accepts any login and keeps every message for the test. */
export async function startLocalSmtp(): Promise<LocalSmtp> {
  const mails: CapturedMail[] = [];
  const waiters = new Set<{ pred: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }>();
  let failures = 0;
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], authOptional: true, allowInsecureAuth: true, logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'test' }),
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
          cb(err);
          return;
        }
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.mailFrom ? session.envelope.mailFrom.address : '', session.envelope.rcptTo.map((r) => r.address));
        mails.push(mail);
        for (const w of [...waiters]) {
          if (w.pred(mail)) {
            waiters.delete(w);
            w.resolve(mail);
          }
        }
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1', port, mails,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_USER: 'hub', SECRET_SMTP_PASSWORD: 'smtp-test-password', MAIL_FROM: 'Accountant Hub <hub@test.local>' },
    waitFor: (pred, timeoutMs = 10_000) => {
      const found = mails.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (m: CapturedMail) => { clearTimeout(timer); resolve(m); } };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${mails.length} received)`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    failNext: (count = 1) => {
      failures += count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
