export * from './money';
export * from './errors';
export * from './tax';
export * from './clients';
export * from './dashboard';
export * from './views';
export * from './routes';
export * from './auth';
