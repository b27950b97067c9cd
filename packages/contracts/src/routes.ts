/** Encodes an id; a `:name` placeholder passes through so the server can register the same paths. */
const seg = (id: string) => (id.startsWith(':') ? id : encodeURIComponent(id));

/** The tab API's paths, shared so the tab and the server cannot drift apart. */
export const apiRoutes = {
  me: '/api/v1/me',
  authConfig: '/api/v1/auth-config',
  devSignIn: '/api/v1/dev/sign-in',
  clients: '/api/v1/clients',
  client: (id: string) => `/api/v1/clients/${seg(id)}`,
  /** Shows a removed company under the client again. */
  restoreCompany: (id: string) => `/api/v1/clients/${seg(id)}/companies/restore`,
  /** Removes companies from their clients (keep one of a company shown twice). */
  removeCompanies: '/api/v1/companies/remove',
  testClientUrl: '/api/v1/client-url/test',
  appOnlyCheck: '/api/v1/client-url/app-only',
  dashboard: '/api/v1/dashboard',
  company: (id: string) => `/api/v1/companies/${seg(id)}`,
  refreshCompany: (id: string) => `/api/v1/companies/${seg(id)}/refresh`,
  refreshJobs: '/api/v1/refresh-jobs',
  refreshJob: (id: string) => `/api/v1/refresh-jobs/${seg(id)}`,
  views: '/api/v1/views',
  view: (id: string) => `/api/v1/views/${seg(id)}`,
} as const;
