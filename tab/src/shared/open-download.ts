import type { TeamsHost } from '../host/teams-host';

/**
 * Hands a signed download link to the browser's own download manager, which saves the file (no Blob in the page:
 * the Teams desktop client may block downloads started inside the tab's frame). In Teams, Teams opens the link
 * (in the browser); elsewhere a new window, which the browser closes once the download starts and which shows the
 * server's page if the link is refused. A blocked pop-up falls back to following the link from this page.
 */
export async function openDownload(url: string, teams: TeamsHost | null): Promise<void> {
  const absolute = new URL(url, window.location.href).href;
  if (teams) {
    try {
      await teams.openLink(absolute);
      return;
    } catch {
      // An older host without openLink for web pages: open it ourselves below.
    }
  }
  const opened = window.open(absolute, '_blank');
  if (opened) {
    opened.opener = null;
    return;
  }
  const a = document.createElement('a');
  a.href = absolute;
  // Same origin, so the browser honours `download`: the page stays even if the link is refused.
  a.download = '';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
