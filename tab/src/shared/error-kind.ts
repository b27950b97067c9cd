import type { RefreshErrorKind } from '@hub/contracts';

/** The dashboard's plain words for why a company could not be read. */
export const errorKindLabel: Record<RefreshErrorKind, string> = {
  auth: 'Access denied',
  not_found: 'Company not found',
  throttled: 'Business Central is busy',
  upstream: 'Business Central error',
  network: 'Cannot reach Business Central',
  bad_data: 'Unexpected data',
  config: 'Client setup problem',
  unavailable: 'Not available in Business Central',
};
