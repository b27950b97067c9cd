import { BcHttp, BusinessCentralSource, createClientDataService, StaticTokenProvider, type Db } from '@hub/client-data';

// A closed local port: the client's Business Central is unreachable, which is fine here (nothing leaves the machine).
export const OFFLINE_BC = { tenant: 'contoso.onmicrosoft.com', environment: 'Production', origin: 'http://127.0.0.1:9' };

/**
 * The client-data service on `db` with a Business Central that never answers: what another instance would use to
 * change a user's clients (a client saved this way has no companies and a warning).
 */
export function offlineService(db: Db) {
  const http = new BcHttp({ maxConcurrent: 1, timeoutMs: 1000, maxAttempts: 1 });
  const source = new BusinessCentralSource({
    apiBaseUrl: 'https://api.businesscentral.dynamics.com', cloudWebOrigin: OFFLINE_BC.origin, tokens: new StaticTokenProvider('x'), http, maxBatchOperations: 100,
  });
  return createClientDataService({ db, source, extraHosts: ['127.0.0.1:9'], links: { cloudWebOrigin: OFFLINE_BC.origin, webBaseUrl: OFFLINE_BC.origin } });
}

export const offlineClientUrl = `${OFFLINE_BC.origin}/${OFFLINE_BC.tenant}/${OFFLINE_BC.environment}`;
