export * from './center';
export * from './auth';
export * from './errors';
export * from './api';
export * from './agent';
export * from './socket';
export * from './pbx-control';
export * from './token';
