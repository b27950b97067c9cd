import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ClientUrlTest } from '@hub/contracts';
import { SameCompanyNotice } from './SameCompany';

const problemTitle: Record<NonNullable<ClientUrlTest['problem']>['kind'], string> = {
  malformed: 'This is not a Business Central address',
  host_not_allowed: 'This address is not Business Central',
  unreachable: 'Business Central could not be reached',
  no_access: 'The hub has no access to this Business Central',
  not_found: 'This tenant or environment does not exist',
  throttled: 'Business Central is busy',
  upstream: 'Business Central answered with an error',
};

type TestedCompany = ClientUrlTest['companies'][number];

/** What the hub cannot read in each company, so the accountant can ask the client to fix permissions first. */
function MissingAccess({ companies }: { companies: TestedCompany[] }) {
  const lacking = companies.filter((c) => (c.missing?.length ?? 0) > 0);
  if (lacking.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="url-test-missing">
      <MessageBarBody>
        <MessageBarTitle>The hub cannot read everything it needs</MessageBarTitle>
        Ask the client to give your Business Central sign-in read permission to these (or to update Business Central); until then the figures
        that need them show as unavailable.
        {lacking.map((c) => (
          <div key={c.bcCompanyId}>
            <strong>{c.name}</strong>
            <ul>
              {c.missing?.map((m) => (
                <li key={m.entity}>
                  {m.entity}: {m.reason} Needed for {m.neededFor.join(', ')}.
                </li>
              ))}
            </ul>
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}

/** What Test Client URL found: the companies (and what the hub cannot read in them), or what is wrong in plain words. */
export function UrlTestResult({ result }: { result: ClientUrlTest }) {
  if (result.ok) {
    const n = result.companies.length;
    return (
      <>
        <MessageBar intent="success" layout="multiline" data-testid="url-test-result">
          <MessageBarBody>
            <MessageBarTitle>
              Connected{result.environment ? ` to ${result.environment}` : ''}: {n === 0 ? 'no companies found' : n === 1 ? '1 company found' : `${n} companies found`}
            </MessageBarTitle>
            {n > 0 && <div>{result.companies.map((c) => c.name).join(', ')}</div>}
            {result.normalizedUrl && <div>Address: {result.normalizedUrl}</div>}
          </MessageBarBody>
        </MessageBar>
        <SameCompanyNotice warnings={result.warnings} />
        <MissingAccess companies={result.companies} />
      </>
    );
  }
  const p = result.problem;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="url-test-result">
      <MessageBarBody>
        <MessageBarTitle>{p ? problemTitle[p.kind] : 'The test failed'}</MessageBarTitle>
        {p?.message}
      </MessageBarBody>
    </MessageBar>
  );
}
