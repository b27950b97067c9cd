import type { BcEnvironmentRef } from '../../domain/client-url';

/** Supplies a bearer token for one client's Business Central tenant; never logged. */
export interface BcTokenProvider {
  token(env: BcEnvironmentRef): Promise<string>;
}

/** A fixed token, for the local sandbox only. */
export class StaticTokenProvider implements BcTokenProvider {
  constructor(private readonly value: string) {}
  async token(): Promise<string> {
    return this.value;
  }
}
