import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { MailError, type Mailer, type MailMessage } from '../../invitations/mailer';

/**
 * The local demo's mail: each message is written as an .eml file into a folder (open it with any mail program), and
 * its link is printed to the log so it can be followed. Only that one line carries the link.
 */
export class OutboxFolderMailer implements Mailer {
  readonly kind = 'folder';
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly onWritten: (info: { file: string; link?: string }) => void = () => undefined,
  ) {}

  async send(m: MailMessage): Promise<void> {
    try {
      const info = await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, html: m.html, ...(m.replyTo ? { replyTo: m.replyTo } : {}) });
      await mkdir(this.dir, { recursive: true });
      const file = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      this.onWritten({ file, ...(m.link ? { link: m.link } : {}) });
    } catch (err) {
      throw new MailError(`the mail could not be written to ${this.dir}`, { cause: err });
    }
  }
}
