import type { ClientDataService, Principal } from '@hub/client-data';
import type { Logger } from 'pino';

export interface DemoTenant {
  tenantId: string;
  clientName: string;
  environments: { name: string; companies: { id: string; name: string }[] }[];
}

/**
 * First run of the local demo: gives the demo accountant one client per sandbox environment and
 * refreshes them once, so the dashboard opens full. Later runs keep whatever the user changed.
 */
export async function seedDemo(o: { svc: ClientDataService; principal: Principal; sandboxUrl: string; tenants: DemoTenant[]; log: Logger }): Promise<void> {
  const userId = await o.svc.users.ensure(o.principal);
  if ((await o.svc.clients.list(userId)).length > 0) return;
  const taxByCurrencyHint = (name: string) =>
    /gmbh|ag\b/i.test(name) ? { regime: 'vat' as const, frequency: 'monthly' as const, periodStartMonth: 1, dueMonthsAfterPeriodEnd: 0, dueDay: 10 }
      : /inc\b/i.test(name) ? { regime: 'sales_tax' as const, frequency: 'monthly' as const, periodStartMonth: 1, dueMonthsAfterPeriodEnd: 0, dueDay: 20 }
        : { regime: 'vat' as const, frequency: 'quarterly' as const, periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 };
  for (const t of o.tenants) {
    for (const [i, env] of t.environments.entries()) {
      const name = i === 0 ? t.clientName : `${t.clientName} (${env.name})`;
      const { warning } = await o.svc.clients.create(userId, o.principal.tenantId, {
        name, clientUrl: `${o.sandboxUrl}/${t.tenantId}/${env.name}`, contactName: 'Finance team', tax: taxByCurrencyHint(t.clientName),
      });
      if (warning) o.log.warn({ client: name, warning }, 'demo client saved with a warning');
    }
  }
  const job = await o.svc.refresh.start(userId);
  o.log.info({ companies: job.total }, 'demo clients created; first refresh started');
}
