import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** The server as production runs it: `bot/src/main.ts` in a process of its own, which a test may kill. */
export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Everything it wrote that was not a JSON log line (stderr, the banner). */
  other: string[];
  /** Null while it runs. */
  exitCode(): number | string | null;
  api(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  signIn(name?: string): Promise<string>;
  /** SIGKILL: the instance dies mid-work, as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the server in a child process with the given environment (PORT=0, loopback, dev identity unless overridden). */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', join('bot', 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', DEV_IDENTITY: 'true', EMBEDDED_SANDBOX: 'false',
      SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info', TAB_DIR: join(ROOT, 'tab', 'dist'), ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const other: string[] = [];
  let exit: number | string | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exit = code ?? signal ?? 'unknown';
    resolve();
  }));
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      if (!line.trim()) return;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        other.push(line);
        const m = /open (http:\/\/\S+)/.exec(line);
        if (m?.[1]) resolve(m[1]);
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.stderr?.on('data', (chunk: Buffer) => other.push(chunk.toString('utf8')));
    void exited.then(() => reject(new Error(`the app exited (${String(exit)}) before listening:\n${other.join('\n')}`)));
  });
  const api: AppProcess['api'] = async (token, method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }).catch(async (err: unknown) => {
      // A refused or cut request usually means the process died: say so, with its last words.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 500))]);
      if (exit !== null) throw new Error(`the server exited (${String(exit)}) during ${method} ${path}:\n${other.slice(-8).join('\n')}`);
      throw err;
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    url, child, logs, other, api,
    exitCode: () => exit,
    signIn: async (name = 'Alice Accountant') => (await api(null, 'POST', '/api/v1/dev/sign-in', { name })).body.token,
    kill: async () => {
      if (exit === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (exit === null) child.kill('SIGTERM');
      await exited;
      return typeof exit === 'number' ? exit : null;
    },
  };
}
