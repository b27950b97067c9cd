import nodemailer, { type Transporter } from 'nodemailer';
import { MailError, type Mailer, type MailMessage } from '../../invitations/mailer';

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
  /** Refuse to send without STARTTLS (default true unless the host is loopback). */
  requireTls?: boolean;
  timeoutMs?: number;
}

/** Sends through an SMTP server with nodemailer; failures become MailError with a short reason (never credentials). */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp';
  private readonly transport: Transporter;
  constructor(private readonly o: SmtpOptions) {
    const loopback = o.host === 'localhost' || o.host === '::1' || /^127\./.test(o.host);
    const timeout = o.timeoutMs ?? 15_000;
    this.transport = nodemailer.createTransport({
      host: o.host, port: o.port, secure: o.secure, requireTLS: o.requireTls ?? (!o.secure && !loopback),
      ...(o.user ? { auth: { user: o.user, pass: o.password ?? '' } } : {}),
      connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    });
  }

  async send(m: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.o.from, to: m.to, subject: m.subject, text: m.text, html: m.html, ...(m.replyTo ? { replyTo: m.replyTo } : {}) });
    } catch (err) {
      const e = err as { code?: unknown; responseCode?: unknown };
      const reason = typeof e.responseCode === 'number' ? `the mail server answered ${e.responseCode}` : typeof e.code === 'string' ? `mail server error ${e.code}` : 'the mail server could not be reached';
      throw new MailError(reason, { cause: err });
    }
  }

  close(): void {
    this.transport.close();
  }
}
