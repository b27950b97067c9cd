import type { ClientDataService } from '@hub/client-data';
import type { BotLogger } from '../bot/context';
import type { Config } from '../config';
import { renderers } from './renderers';
import { ProactiveScheduler } from './scheduler';
import { ProactiveSender, type ProactiveTransport } from './sender';

export interface Proactive {
  sender: ProactiveSender | null;
  scheduler: ProactiveScheduler | null;
  stop(): Promise<void>;
}

/** Starts the outbox sender and the scheduler loop as configured (SCHEDULER_ENABLED, PROACTIVE_SENDER_ENABLED, SEND_*). */
export function startProactive(o: { config: Config; svc: ClientDataService; adapter: ProactiveTransport; log: BotLogger; dashboardUrl: () => string | null }): Proactive {
  const { config, svc, log } = o;
  const sender = config.PROACTIVE_SENDER_ENABLED
    ? new ProactiveSender({
      outbox: svc.outbox, botState: svc.botState, transport: o.adapter, renderers, log,
      bot: { svc, dashboardUrl: o.dashboardUrl, log },
      options: { ratePerSecond: config.SEND_RATE_PER_SECOND, concurrency: config.SEND_CONCURRENCY, leaseMs: config.SEND_LEASE_MS },
    })
    : null;
  const schedulerOn = config.SCHEDULER_ENABLED ?? process.env.NODE_ENV !== 'test';
  const scheduler = schedulerOn
    ? new ProactiveScheduler({
      planner: svc.proactive, repo: svc.proactiveRepo, sender, log, intervalMs: config.SCHEDULER_INTERVAL_MS,
      refreshStale: () => svc.refresh.refreshStale(config.BACKGROUND_REFRESH_MINUTES * 60_000, config.BACKGROUND_REFRESH_BATCH),
    })
    : null;
  sender?.start();
  scheduler?.start();
  return {
    sender, scheduler,
    stop: async () => {
      await scheduler?.stop();
      await sender?.stop();
    },
  };
}
