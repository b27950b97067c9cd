/**
 * Where the bot may send: the Bot Connector hosts Bot Framework documents for Teams. An activity's `serviceUrl` is
 * where replies and later proactive cards go, with the bot's own token attached, so in production a URL elsewhere is
 * refused before anything is stored or sent.
 *
 * Hosts per cloud, as the Teams SDK lists them for its service URL validation
 * (https://microsoft.github.io/teams-sdk/csharp/essentials/app-configuration/service-url-validation) and the
 * Agents SDK's TeamsServiceEndpoints (https://microsoft.github.io/Agents-for-js/variables/_microsoft_agents-hosting.TeamsServiceEndpoints.html):
 * public smba.trafficmanager.net (regional paths such as /amer/, /emea/, /teams/), smba.onyx.prod.teams.trafficmanager.net,
 * GCC smba.infra.gcc.teams.microsoft.com, GCC High smba.infra.gov.teams.microsoft.us, DoD smba.infra.dod.teams.microsoft.us,
 * China (21Vianet) frontend.botapi.msg.infra.teams.microsoftonline.cn. Other sovereign clouds (France: smba.teams.sovcloud-core.fr)
 * come through BOT_EXTRA_SERVICE_HOSTS.
 */
export const BOT_FRAMEWORK_SERVICE_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.onyx.prod.teams.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  'frontend.botapi.msg.infra.teams.microsoftonline.cn',
];

export type ServiceUrlPolicy = (serviceUrl: string) => boolean;

/**
 * Production: https, default port, on a documented host (exact name) or one of `extraHosts`. Elsewhere any URL
 * (the Agents Playground's http://localhost:56150/_connector, the tests' local Bot Connector).
 */
export function serviceUrlPolicy(o: { production: boolean; extraHosts?: readonly string[] }): ServiceUrlPolicy {
  if (!o.production) return () => true;
  const hosts = new Set([...BOT_FRAMEWORK_SERVICE_HOSTS, ...(o.extraHosts ?? [])].map((h) => h.toLowerCase()));
  return (serviceUrl) => {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    return url.protocol === 'https:' && url.port === '' && !url.username && !url.password && hosts.has(url.hostname.toLowerCase());
  };
}
