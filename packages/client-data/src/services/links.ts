import type { BcEnvironmentRef } from '../domain/client-url';
import type { DeepLinkTarget } from '../domain/deep-links';

/** Where deep links go: Business Central online's web client (configurable) or the client's own host. */
export function linkTarget(
  cfg: { cloudWebOrigin: string; webBaseUrl: string },
  c: { bcOrigin: string; bcTenant: string; bcEnvironment: string },
  companyName: string,
): DeepLinkTarget {
  return {
    webBase: c.bcOrigin === cfg.cloudWebOrigin ? cfg.webBaseUrl : c.bcOrigin,
    ref: { tenant: c.bcTenant, environment: c.bcEnvironment },
    companyName,
  };
}

export function envRef(c: { bcOrigin: string; bcTenant: string; bcEnvironment: string }): BcEnvironmentRef {
  return { origin: c.bcOrigin, tenant: c.bcTenant, environment: c.bcEnvironment };
}
