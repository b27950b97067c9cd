import { ProgressBar, Text } from '@fluentui/react-components';
import type { RefreshJob } from '@hub/contracts';

/** Progress of "Refresh all" (or of the selected companies), announced politely to screen readers. */
export function RefreshProgress({ job, className }: { job: RefreshJob; className: string }) {
  return (
    <div className={className} role="status" aria-live="polite">
      <ProgressBar value={job.total ? job.done / job.total : 0} thickness="large" aria-label="Refresh progress" />
      <Text size={200}>
        {job.state === 'running' ? `Refreshing ${job.done} of ${job.total}…`
          : job.abandoned ? `Refresh interrupted (the server stopped): ${job.total - job.failed} of ${job.total} refreshed. Refresh again for the rest.`
            : `Refreshed ${job.done} of ${job.total}`}
        {job.failed && !job.abandoned ? ` (${job.failed} failed)` : ''}
      </Text>
    </div>
  );
}
