import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Invitation, InvitationAccepted } from '@hub/contracts';
import { useApp } from '../../app-context';
import { ApiRequestError, describeError } from '../../api/api-error';
import { CenteredCard } from '../../auth/SignInCard';
import { UrlTestResult } from '../clients/UrlTestResult';
import { KeepOneChoice } from '../clients/SameCompany';
import { invitationsApi } from './invitations-api';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  quote: { margin: 0, paddingLeft: tokens.spacingHorizontalM, borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, whiteSpace: 'pre-wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  names: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; invitation: Invitation; busy: 'accept' | 'decline' | null; error: string | null }
  | { kind: 'accepted'; result: InvitationAccepted; keptNote?: string }
  | { kind: 'declined'; invitation: Invitation }
  | { kind: 'refused'; title: string; message: string; wrongAccount: boolean };

const refusedTitle: Record<string, string> = {
  invitation_invalid: 'This invitation link is not valid',
  invitation_expired: 'This invitation has expired',
  invitation_used: 'This invitation was already used',
  invitation_declined: 'This invitation was declined',
  invitation_revoked: 'This invitation was withdrawn',
  invitation_superseded: 'This invitation link was replaced',
  invitation_wrong_account: 'This invitation is for another account',
  invitation_wrong_side: 'This link is for the client',
};

function refused(err: unknown): State {
  if (err instanceof ApiRequestError && refusedTitle[err.code]) {
    return { kind: 'refused', title: refusedTitle[err.code] ?? 'The invitation cannot be used', message: err.message, wrongAccount: err.code === 'invitation_wrong_account' };
  }
  return { kind: 'refused', title: 'The invitation could not be opened', message: describeError(err), wrongAccount: false };
}

/** Whether the inviter heard the answer by email, in words (nothing when there was no address to write to). */
function inviterNotice(inv: Invitation): string | null {
  if (inv.inviterNotified === 'sent') return `We emailed ${inv.inviterName} your answer.`;
  if (inv.inviterNotified === 'failed') return `The email telling ${inv.inviterName} your answer could not be sent; let them know yourself.`;
  return null;
}

/** The names the client shared that Business Central does not have: nothing was added for them. */
function NotFoundCompanies({ invitation }: { invitation: Invitation }) {
  const styles = useStyles();
  const names = invitation.companiesNotFound;
  if (names.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="companies-not-found">
      <MessageBarBody>
        <MessageBarTitle>Not found in Business Central</MessageBarTitle>
        <ul className={styles.names} aria-label="Company names not found in Business Central">
          {names.map((n) => <li key={n}>{n}</li>)}
        </ul>
        {invitation.inviterName} shared {names.length === 1 ? 'this name' : 'these names'}, but no company in this Business Central environment has{' '}
        {names.length === 1 ? 'it' : 'them'}, so nothing was added for {names.length === 1 ? 'it' : 'them'}. If a company gets{' '}
        {names.length === 1 ? 'this name' : 'one of them'} later, Refresh all adds it.
      </MessageBarBody>
    </MessageBar>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const styles = useStyles();
  return (
    <dl className={styles.facts}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt className={styles.term}>{k}</dt>
          <dd className={styles.value}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The accountant's side of an emailed invitation: who invites them, to what; accept (client on the dashboard) or decline. */
export function AcceptInvitationPage({ token, onDone }: { token: string; onDone: () => void }) {
  const styles = useStyles();
  const { api, me, signOut } = useApp();
  const calls = useMemo(() => invitationsApi(api), [api]);
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    calls.lookup(token).then(
      (invitation) => !cancelled && setState({ kind: 'ready', invitation, busy: null, error: null }),
      (err: unknown) => !cancelled && setState(refused(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [calls, token]);

  const act = async (what: 'accept' | 'decline') => {
    if (state.kind !== 'ready') return;
    setState({ ...state, busy: what, error: null });
    try {
      if (what === 'accept') setState({ kind: 'accepted', result: await calls.accept(token) });
      else setState({ kind: 'declined', invitation: await calls.decline(token) });
    } catch (err) {
      if (err instanceof ApiRequestError && refusedTitle[err.code]) setState(refused(err));
      else setState({ ...state, busy: null, error: describeError(err) });
    }
  };

  const toDashboard = <Button appearance="primary" onClick={onDone}>Go to the dashboard</Button>;

  switch (state.kind) {
    case 'loading':
      return (
        <CenteredCard title="Invitation">
          <Spinner label="Opening the invitation…" />
        </CenteredCard>
      );
    case 'refused':
      return (
        <CenteredCard title={state.title}>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{state.message}</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}>
            {toDashboard}
            {state.wrongAccount && signOut && <Button onClick={signOut}>Sign out{me.name ? ` (${me.name})` : ''}</Button>}
          </div>
        </CenteredCard>
      );
    case 'declined':
      return (
        <CenteredCard title="Invitation declined">
          <Text>You declined the invitation from {state.invitation.inviterName}. The link no longer works.</Text>
          {inviterNotice(state.invitation) && <Text>{inviterNotice(state.invitation)}</Text>}
          <div className={styles.actions}>{toDashboard}</div>
        </CenteredCard>
      );
    case 'accepted': {
      const { client, urlTest, warning, warnings, invitation } = state.result;
      const notice = inviterNotice(invitation);
      return (
        <CenteredCard title={`${client.name} is on your dashboard`}>
          <Text>
            The invitation was accepted and {client.name} was added to your clients
            {client.sharedCompanies ? ', with only the companies the client shares' : ''}. Its figures appear after the first refresh.
          </Text>
          <UrlTestResult result={urlTest} />
          <NotFoundCompanies invitation={invitation} />
          {notice && (
            <MessageBar intent={invitation.inviterNotified === 'failed' ? 'warning' : 'info'} layout="multiline">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
          {warning && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{warning}</MessageBarBody>
            </MessageBar>
          )}
          {warnings?.[0] && !state.keptNote && (
            <KeepOneChoice
              warning={warnings[0]}
              client={{ id: client.id, name: client.name, companyCount: client.companies.length }}
              canCancel={false}
              onDone={(keptNote) => setState({ ...state, keptNote })}
            />
          )}
          {state.keptNote && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{state.keptNote}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.actions}>{toDashboard}</div>
        </CenteredCard>
      );
    }
    case 'ready': {
      const inv = state.invitation;
      return (
        <CenteredCard title={`${inv.companyName ?? 'A client'} invites you`}>
          <Text>
            {inv.inviterName} invites you to keep their Business Central books in view. Accepting adds {inv.companyName ?? 'the client'} to your dashboard.
          </Text>
          <Facts
            rows={[
              ['Company', inv.companyName ?? '—'],
              ['Invited by', inv.clientContactName ?? inv.inviterName],
              ...(inv.clientEmail ? ([['Email', inv.clientEmail]] as [string, ReactNode][]) : []),
              ['Business Central', inv.clientUrl ?? '—'],
              ['Companies to share', inv.companies.length ? `${inv.companies.join(', ')} (only these are added)` : 'Every company of this environment'],
              ['Expires', new Date(inv.expiresAt).toLocaleDateString()],
            ]}
          />
          {inv.message && (
            <blockquote className={styles.quote} aria-label="Message">
              {inv.message}
            </blockquote>
          )}
          {state.error && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarTitle>Not accepted</MessageBarTitle>
              <MessageBarBody>{state.error}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={state.busy !== null} onClick={() => void act('accept')}>
              {state.busy === 'accept' ? 'Accepting…' : 'Accept'}
            </Button>
            <Button disabled={state.busy !== null} onClick={() => void act('decline')}>
              {state.busy === 'decline' ? 'Declining…' : 'Decline'}
            </Button>
          </div>
        </CenteredCard>
      );
    }
  }
}
