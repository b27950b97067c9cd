/** One email to send. `link` is the one URL worth printing in the local demo (the adapters never log the body). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  link?: string;
}

/** Sends email: SMTP (nodemailer) in real deployments, an outbox folder of .eml files in the local demo. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  readonly kind: string;
}

export class MailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailError';
  }
}
