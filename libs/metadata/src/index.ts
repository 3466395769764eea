export * from './metadata.generated';
