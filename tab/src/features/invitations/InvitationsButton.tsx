import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Badge, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input, MessageBar, MessageBarBody,
  Spinner, Subtitle2, Text, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { MailRegular } from '@fluentui/react-icons';
import type { Invitation, InvitationList } from '@hub/contracts';
import { useApp } from '../../app-context';
import { ApiRequestError, describeError } from '../../api/api-error';
import { invitationsApi } from './invitations-api';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flex: '1 1 200px' },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
});

const statusColor = { pending: 'brand', accepted: 'success', declined: 'danger', revoked: 'subtle', expired: 'warning' } as const;

/** Header button: invite a client to connect, and see, resend or withdraw invitations (and those received). */
export function InvitationsButton() {
  const styles = useStyles();
  const { api } = useApp();
  const calls = useMemo(() => invitationsApi(api), [api]);
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<InvitationList | null>(null);
  const [email, setEmail] = useState('');
  const [company, setCompany] = useState('');
  const [message, setMessage] = useState('');
  const [note, setNote] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => calls.list().then(setList, (err: unknown) => setNote({ intent: 'error', text: describeError(err) })), [calls]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const run = async (work: () => Promise<Invitation>, ok: (i: Invitation) => string) => {
    setBusy(true);
    setNote(null);
    try {
      setNote({ intent: 'success', text: ok(await work()) });
      await load();
    } catch (err) {
      setNote({ intent: 'error', text: err instanceof ApiRequestError && err.details[0] ? err.details[0].message : describeError(err) });
    } finally {
      setBusy(false);
    }
  };

  const invite = (e: FormEvent) => {
    e.preventDefault();
    void run(() => calls.inviteClient({ clientEmail: email, companyName: company, message }), (i) => {
      setEmail('');
      setCompany('');
      setMessage('');
      return `Invitation sent to ${i.clientEmail ?? 'the client'}.`;
    });
  };

  const row = (i: Invitation, sent: boolean) => (
    <li key={i.id} className={styles.item}>
      <span className={styles.grow}>
        <Text weight="semibold">{sent ? (i.companyName ?? i.clientEmail) : i.inviterName}</Text>{' '}
        <Text size={200}>{sent ? i.clientEmail : i.clientUrl} · {new Date(i.createdAt).toLocaleDateString()}</Text>
        {i.companiesNotFound.length > 0 && (
          <Text as="p" size={200} className={styles.note}>Not found in Business Central: {i.companiesNotFound.join(', ')}</Text>
        )}
      </span>
      <Badge appearance="tint" color={statusColor[i.status]}>{i.status}</Badge>
      {sent && (i.status === 'pending' || i.status === 'expired') && (
        <Button size="small" disabled={busy} aria-label={`Resend to ${i.clientEmail ?? ''}`} onClick={() => void run(() => calls.resend(i.id), (r) => `Sent again to ${r.clientEmail ?? 'the client'}; the previous link no longer works.`)}>
          Resend
        </Button>
      )}
      {sent && i.status === 'pending' && (
        <Button size="small" disabled={busy} aria-label={`Withdraw the invitation to ${i.clientEmail ?? ''}`} onClick={() => void run(() => calls.revoke(i.id), () => 'Invitation withdrawn; its link no longer works.')}>
          Withdraw
        </Button>
      )}
    </li>
  );

  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<MailRegular />}>Invitations</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Invitations</DialogTitle>
          <DialogContent className={styles.form}>
            <form className={styles.form} onSubmit={invite} noValidate>
              <Subtitle2 as="h2">Invite a client to connect</Subtitle2>
              <Field label="Client's email" required>
                <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} maxLength={254} />
              </Field>
              <Field label="Company name" hint="Optional: pre-filled in the client's form">
                <Input value={company} onChange={(_, d) => setCompany(d.value)} maxLength={120} />
              </Field>
              <Field label="Message" hint="Optional">
                <Textarea value={message} onChange={(_, d) => setMessage(d.value)} maxLength={2000} />
              </Field>
              <div>
                <Button appearance="primary" type="submit" disabled={busy}>Send invitation</Button>
              </div>
            </form>
            {note && (
              <MessageBar intent={note.intent} layout="multiline">
                <MessageBarBody>{note.text}</MessageBarBody>
              </MessageBar>
            )}
            {!list ? <Spinner size="small" label="Loading invitations…" /> : (
              <>
                <Subtitle2 as="h2">Sent</Subtitle2>
                {list.sent.length ? <ul className={styles.list}>{list.sent.map((i) => row(i, true))}</ul> : <Text>No invitations sent yet.</Text>}
                <Subtitle2 as="h2">Received</Subtitle2>
                {list.received.length ? <ul className={styles.list}>{list.received.map((i) => row(i, false))}</ul> : <Text>None yet. Clients invite you from {window.location.origin}/connect.</Text>}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
