import type { TeamsHost } from '../host/teams-host';

/** Opens Business Central (or any outside page) in a new window; inside Teams through Teams itself. */
export async function openExternal(url: string, teams: TeamsHost | null): Promise<void> {
  if (teams) {
    try {
      await teams.openLink(url);
      return;
    } catch {
      // Fall back to a plain new window below.
    }
  }
  window.open(url, '_blank', 'noopener,noreferrer');
}
