import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiClient, publicApi, type TokenSource } from '../api/api-client';
import { ApiRequestError, describeError } from '../api/api-error';
import type { AppServices } from '../app-context';
import type { TeamsHost } from '../host/teams-host';
import { pendingInvitation } from '../features/invitations/pending-invitation';
import { demoSignInFromEarlyAnswers, devSignIn, devSignOut, devTokenSource, rememberDevName, storedDevName } from './dev-session';
import { DevSignInCard, EntraSignInCard, LoadingScreen, StartupErrorCard } from './SignInCard';

type GateState =
  | { kind: 'loading'; label: string }
  | { kind: 'dev'; error: string | null }
  | { kind: 'entra'; signIn: () => Promise<void>; error: string | null }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; services: AppServices };

interface Props {
  teams: TeamsHost | null;
  locale: string;
  children: (services: AppServices) => ReactNode;
}

/** Signs the user in the way the host allows (Teams SSO, Entra via msal, or the local demo) and proves the token with /me. */
export function AuthGate({ teams, locale, children }: Props) {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<GateState>(() => {
    const early = teams ? null : demoSignInFromEarlyAnswers(pendingInvitation() === null);
    if (!early) return { kind: 'loading', label: 'Starting…' };
    const signOut = () => {
      devSignOut();
      setAttempt((n) => n + 1);
    };
    return { kind: 'ready', services: { api: early.api, teams, locale, me: early.me, signOut } };
  });
  /** Signed in by the first render: the first run of the effect below has nothing left to do. */
  const openedAtOnce = useRef(state.kind === 'ready');

  const finish = useCallback(
    async (token: TokenSource, signOut: (() => void) | null) => {
      setState({ kind: 'loading', label: 'Signing in…' });
      const api = new ApiClient(token);
      const asked = api.me();
      // The dashboard is read beside /me, not after it; an invitation link shows its page first, so not then.
      if (pendingInvitation() === null) api.prefetchDashboard();
      const me = await asked;
      setState({ kind: 'ready', services: { api, teams, locale, me, signOut } });
    },
    [teams, locale],
  );

  useEffect(() => {
    if (openedAtOnce.current) {
      openedAtOnce.current = false;
      return;
    }
    let cancelled = false;
    const run = async () => {
      const config = await publicApi.authConfig();
      if (cancelled) return;
      if (config.mode === 'dev') {
        const name = storedDevName();
        if (!name) return setState({ kind: 'dev', error: null });
        rememberDevName(name);
        return finish(devTokenSource, () => {
          devSignOut();
          setAttempt((n) => n + 1);
        });
      }
      if (teams) return finish(() => teams.getAuthToken(), null);
      if (!config.clientId || !config.authority || !config.apiScope) {
        return setState({ kind: 'error', message: 'Sign-in is not configured on the server (client id, authority or API scope is missing).' });
      }
      setState({ kind: 'loading', label: 'Checking your sign-in…' });
      const { createMsalSession } = await import('./msal-session');
      const session = await createMsalSession(config.clientId, config.authority, config.apiScope);
      if (cancelled) return;
      if (session.account) return finish(session.token, () => void session.signOut());
      setState({ kind: 'entra', signIn: session.signIn, error: null });
    };
    run().catch((err: unknown) => {
      if (cancelled) return;
      if (err instanceof ApiRequestError && err.status === 401 && storedDevName()) {
        devSignOut();
        setState({ kind: 'dev', error: 'Your demo session ended. Sign in again.' });
        return;
      }
      const teamsHint = teams ? ' Teams could not give the tab a sign-in token; the app may need consent from your administrator.' : '';
      setState({ kind: 'error', message: `${describeError(err)}${teamsHint}` });
    });
    return () => {
      cancelled = true;
    };
  }, [teams, finish, attempt]);

  switch (state.kind) {
    case 'loading':
      return <LoadingScreen label={state.label} />;
    case 'dev':
      return (
        <DevSignInCard
          error={state.error}
          onSignIn={async (name) => {
            try {
              await devSignIn(name);
              rememberDevName(name);
              setAttempt((n) => n + 1);
            } catch (err) {
              setState({ kind: 'dev', error: describeError(err) });
            }
          }}
        />
      );
    case 'entra':
      return (
        <EntraSignInCard
          error={state.error}
          onSignIn={() => {
            state.signIn().catch((err: unknown) => setState({ ...state, error: describeError(err) }));
          }}
        />
      );
    case 'error':
      return <StartupErrorCard message={state.message} onRetry={() => setAttempt((n) => n + 1)} />;
    case 'ready':
      return <>{children(state.services)}</>;
  }
}
