export * from './env';
export * from './config-error';
export * from './env-vars';
export * from './config-section';
export * from './tls-trust';
export * from './credentials';
export * from './sections';
