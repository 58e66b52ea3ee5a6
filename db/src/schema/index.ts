export * from './institutions';
export * from './members';
export * from './summits';
export * from './tracks';
export * from './rooms';
export * from './sessions';
export * from './session-people';
