export * from './domain';
export * from './time/index';
export * from './api/common';
export * from './api/health';
export * from './api/institutions';
export * from './api/summits';
