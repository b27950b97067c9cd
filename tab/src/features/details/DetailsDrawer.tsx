import type { DashboardRow } from '@hub/contracts';
export default function DetailsDrawer(_: { row: DashboardRow; onClose: () => void; onRefresh: () => void; refreshing: boolean }) {
  return null;
}
