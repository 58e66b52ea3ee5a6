export * from './comfort';
export * from './score';
export * from './suggest';
export * from './rotation';
