export * from './waves';
export * from './text-lines';
export * from './pacer';
export * from './record-sink';
export * from './feed-lines';
export * from './emit-wave';
