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

/** What Test Client URL found: the companies, or what is wrong in plain words. */
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
