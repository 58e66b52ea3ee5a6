export * from './zones';
export * from './format';
export * from './zone-names';
export * from './span';
