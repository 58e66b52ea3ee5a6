export * from './zones';
export * from './format';
