export type ThemeName = 'light' | 'dark' | 'contrast';

/** Teams says 'default' | 'dark' | 'contrast'; anything else is light. */
export function themeFromTeams(theme: string | undefined): ThemeName {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'light';
}

/** `?theme=dark` (screenshots, demos) wins over everything else. */
export function themeFromQuery(search: string): ThemeName | null {
  const value = new URLSearchParams(search).get('theme');
  return value === 'light' || value === 'dark' || value === 'contrast' ? value : null;
}
