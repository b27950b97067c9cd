import type { RefreshErrorKind } from '@hub/contracts';

/** What to do when Business Central refused the hub's sign-in (error kind `auth`). */
export const SIGN_IN_AGAIN =
  'Sign in again: sign out of the hub and back in (in Teams, reopen the tab). If it still fails, check in the Clients window how the hub signs in: ' +
  'as you, you must still be an invited external accountant in the client\u2019s Business Central; as the hub app, the client must still list it on their Microsoft Entra Applications page.';

/** What to do when an entity is missing in the client's Business Central or not permitted (error kind `unavailable`). */
export const ASK_FOR_PERMISSION =
  'Ask the client to give the hub’s sign-in read permission to it in Business Central (or to update Business Central); Test Client URL in the Clients window lists everything the hub cannot read.';

/** Extra guidance for an error kind, or null. */
export function guidanceFor(kind: RefreshErrorKind): string | null {
  return kind === 'auth' ? SIGN_IN_AGAIN : kind === 'unavailable' ? ASK_FOR_PERMISSION : null;
}
