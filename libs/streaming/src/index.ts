export * from './state/key-value-store';
export * from './text/tokenizer';
export * from './text/count-words';
export * from './topology/stream-record';
export * from './topology/topology';
export * from './topology/dead-letter';
export * from './topology/word-counts.topology';
export * from './topology/build-topology';
