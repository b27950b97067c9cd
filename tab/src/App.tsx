import { lazy, Suspense, useEffect, useState } from 'react';
import { FluentProvider, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { AuthGate } from './auth/AuthGate';
import { LoadingScreen } from './auth/SignInCard';
import { AppContext } from './app-context';
import { connectToTeams, mayBeInTeams, type TeamsHost } from './host/teams-host';
import type { ThemeName } from './host/theme-name';
import { useHostTheme } from './host/use-host-theme';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { InvitationGate } from './features/invitations/InvitationGate';
import { captureInvitationFromUrl, isWizardPath } from './features/invitations/pending-invitation';

// The client's connect wizard is its own page (/connect): the dashboard's start does not load it.
const ConnectWizardPage = lazy(() => import('./features/invitations/ConnectWizardPage').then((m) => ({ default: m.ConnectWizardPage })));

function pickTheme(name: ThemeName, inTeams: boolean): Theme {
  if (name === 'contrast') return teamsHighContrastTheme;
  if (inTeams) return name === 'dark' ? teamsDarkTheme : teamsLightTheme;
  return name === 'dark' ? webDarkTheme : webLightTheme;
}

/** Finds the host (Teams or a plain browser), applies its theme and locale, signs in, shows the dashboard. */
export function App() {
  // A plain browser tab is known at once: no "Starting…" render while waiting for an answer that is always null.
  const [teams, setTeams] = useState<TeamsHost | null | undefined>(() => (mayBeInTeams() ? undefined : null));
  const [wizard] = useState(() => (captureInvitationFromUrl(), isWizardPath()));
  const themeName = useHostTheme(teams);
  useEffect(() => {
    if (mayBeInTeams()) void connectToTeams().then(setTeams);
  }, []);
  const locale = teams?.locale ?? navigator.language ?? 'en-US';

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.style.colorScheme = themeName === 'dark' ? 'dark' : 'light';
  }, [locale, themeName]);

  return (
    <FluentProvider theme={pickTheme(themeName, Boolean(teams))} style={{ height: '100%' }}>
      {wizard ? (
        <Suspense fallback={<LoadingScreen label="Starting…" />}>
          <ConnectWizardPage />
        </Suspense>
      ) : teams === undefined ? (
        <LoadingScreen label="Starting…" />
      ) : (
        <AuthGate teams={teams} locale={locale}>
          {(services) => (
            <AppContext.Provider value={services}>
              <InvitationGate>
                <DashboardPage />
              </InvitationGate>
            </AppContext.Provider>
          )}
        </AuthGate>
      )}
    </FluentProvider>
  );
}
