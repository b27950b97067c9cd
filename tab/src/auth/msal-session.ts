import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from '@azure/msal-browser';
import type { TokenSource } from '../api/api-client';

export interface MsalSession {
  account: AccountInfo | null;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  token: TokenSource;
}

/** Entra sign-in outside Teams: msal-browser with a redirect to the tab's own origin. Loaded only when needed. */
export async function createMsalSession(clientId: string, authority: string, apiScope: string): Promise<MsalSession> {
  const pca = new PublicClientApplication({
    auth: { clientId, authority, redirectUri: `${window.location.origin}/` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const redirect = await pca.handleRedirectPromise();
  if (redirect?.account) pca.setActiveAccount(redirect.account);
  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
  if (account) pca.setActiveAccount(account);
  const scopes = [apiScope];

  const token: TokenSource = async (options) => {
    const active = pca.getActiveAccount();
    if (!active) throw new Error('Not signed in.');
    try {
      const result = await pca.acquireTokenSilent({ scopes, account: active, forceRefresh: options?.forceRefresh ?? false });
      return result.accessToken;
    } catch (err) {
      if (err instanceof InteractionRequiredAuthError) {
        await pca.acquireTokenRedirect({ scopes, account: active });
      }
      throw err;
    }
  };

  return {
    account,
    signIn: () => pca.loginRedirect({ scopes }),
    signOut: () => pca.logoutRedirect(),
    token,
  };
}
