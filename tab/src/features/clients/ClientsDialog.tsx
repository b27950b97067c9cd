export default function ClientsDialog(_: { startWith: 'list' | 'new'; onClose: (changed: boolean) => void }) {
  return null;
}
