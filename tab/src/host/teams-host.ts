import type { ThemeName } from './theme-name';
import { themeFromTeams } from './theme-name';

/** What the tab needs from Teams when it runs inside it. */
export interface TeamsHost {
  locale: string | undefined;
  theme: ThemeName;
  loginHint: string | undefined;
  getAuthToken(): Promise<string>;
  openLink(url: string): Promise<void>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
}

/** Inside Teams the tab is framed (web, desktop) or has the mobile bridge; a plain browser tab is neither. */
export function mayBeInTeams(): boolean {
  const w = window as Window & { nativeInterface?: unknown };
  let framed: boolean;
  try {
    framed = window.self !== window.top;
  } catch {
    framed = true;
  }
  return framed || w.nativeInterface !== undefined || new URLSearchParams(window.location.search).has('inTeams');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        window.clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        window.clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Connects to Teams, or answers null when the tab runs in a plain browser (after a short wait at most). */
export async function connectToTeams(timeoutMs = 2500): Promise<TeamsHost | null> {
  if (!mayBeInTeams()) return null;
  const teams = await import('@microsoft/teams-js');
  try {
    await withTimeout(teams.app.initialize(), timeoutMs);
    const context = await withTimeout(teams.app.getContext(), timeoutMs);
    teams.app.notifySuccess();
    return {
      locale: context.app.locale,
      theme: themeFromTeams(context.app.theme),
      loginHint: context.user?.loginHint,
      getAuthToken: () => teams.authentication.getAuthToken(),
      openLink: (url) => teams.app.openLink(url),
      onThemeChange: (handler) => teams.app.registerOnThemeChangeHandler((t) => handler(themeFromTeams(t))),
    };
  } catch {
    return null;
  }
}
