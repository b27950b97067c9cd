export * from './schedule';
export * from './alerts';
export * from './planner';
