import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  page: { minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: tokens.spacingHorizontalXL, boxSizing: 'border-box' },
  card: {
    width: '360px',
    maxWidth: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
  },
});

export function CenteredCard({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <section className={styles.card} aria-labelledby="signin-title">
        <Subtitle1 as="h1" id="signin-title">{title}</Subtitle1>
        {children}
      </section>
    </main>
  );
}

export function LoadingScreen({ label }: { label: string }) {
  return (
    <CenteredCard title="Accountant Hub">
      <Spinner label={label} />
    </CenteredCard>
  );
}

export function DevSignInCard({ onSignIn, error }: { onSignIn: (name: string) => Promise<void>; error: string | null }) {
  const [name, setName] = useState('Demo Accountant');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSignIn(name.trim() || 'Demo Accountant');
    } finally {
      setBusy(false);
    }
  };
  return (
    <CenteredCard title="Sign in to Accountant Hub">
      <Text>This is the local demo: sign in with any name. Inside Teams you are signed in with your work account.</Text>
      <form onSubmit={(e) => void submit(e)} style={{ display: 'contents' }}>
        <Field label="Your name">
          <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={64} />
        </Field>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </CenteredCard>
  );
}

export function EntraSignInCard({ onSignIn, error }: { onSignIn: () => void; error: string | null }) {
  return (
    <CenteredCard title="Sign in to Accountant Hub">
      <Text>Sign in with your work account to see your clients.</Text>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" onClick={onSignIn}>
        Sign in with Microsoft
      </Button>
    </CenteredCard>
  );
}

export function StartupErrorCard({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <CenteredCard title="Accountant Hub could not start">
      <MessageBar intent="error">
        <MessageBarBody>{message}</MessageBarBody>
      </MessageBar>
      <Button onClick={onRetry}>Try again</Button>
    </CenteredCard>
  );
}
