import pino, { type Logger } from 'pino';

/** Structured JSON logs; anything that could hold a secret is redacted before it is written. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'accountant-hub' },
      redact: {
        paths: ['authorization', 'headers.authorization', 'req.headers.authorization', '*.token', '*.password', '*.secret', 'token', 'password'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
