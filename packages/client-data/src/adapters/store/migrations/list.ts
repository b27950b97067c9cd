import type { Migration } from './migration';
import { migration as m1 } from './001-clients-companies-snapshots';
import { migration as m2 } from './002-bot-conversations-settings';
import { migration as m3 } from './003-business-central-sign-in';
import { migration as m4 } from './004-proactive-outbox';
import { migration as m5 } from './005-invitations';
import { migration as m6 } from './006-refresh-job-heartbeat';
import { migration as m7 } from './007-shared-companies';
import { migration as m8 } from './008-snapshots-kpis-column';
import { migration as m9 } from './009-snapshots-kpis-json-fillfactor';
import { migration as m11 } from './011-one-running-refresh-job';
import { migration as m13 } from './013-removed-companies';

/**
 * Schema history, applied in order once each, one file per migration. Never edit a released migration: add a new
 * file and list it here. Every client query goes through client_access, so sharing with a colleague needs no migration.
 */
export const migrations: readonly Migration[] = [m1, m2, m3, m4, m5, m6, m7, m8, m9, m11, m13];
