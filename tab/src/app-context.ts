import { createContext, useContext } from 'react';
import type { Me } from '@hub/contracts';
import type { ApiClient } from './api/api-client';
import type { TeamsHost } from './host/teams-host';

export interface AppServices {
  api: ApiClient;
  teams: TeamsHost | null;
  locale: string;
  me: Me;
  signOut: (() => void) | null;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
