import { MailError, type Mailer } from '../../invitations/mailer';

/** No mail configured (service built without one, e.g. benches): invitations cannot be emailed. */
export class DisabledMailer implements Mailer {
  readonly kind = 'disabled';
  async send(): Promise<void> {
    throw new MailError('email is not configured on this server');
  }
}
