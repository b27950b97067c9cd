import { useEffect, useState } from 'react';
import type { TeamsHost } from './teams-host';
import { themeFromQuery, type ThemeName } from './theme-name';

function browserTheme(): ThemeName {
  if (window.matchMedia('(forced-colors: active)').matches) return 'contrast';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Teams' theme inside Teams (and its changes); outside, the system's colour scheme; `?theme=` overrides both. */
export function useHostTheme(teams: TeamsHost | null | undefined): ThemeName {
  const forced = themeFromQuery(window.location.search);
  const [theme, setTheme] = useState<ThemeName>(() => forced ?? browserTheme());

  useEffect(() => {
    if (forced) return;
    if (teams) {
      setTheme(teams.theme);
      teams.onThemeChange(setTheme);
      return;
    }
    const queries = [window.matchMedia('(prefers-color-scheme: dark)'), window.matchMedia('(forced-colors: active)')];
    const update = () => setTheme(browserTheme());
    queries.forEach((q) => q.addEventListener('change', update));
    return () => queries.forEach((q) => q.removeEventListener('change', update));
  }, [teams, forced]);

  return forced ?? theme;
}
