// har-schema ships no types: an object of the HAR 1.2 JSON schemas, one per HAR object, by name.
declare module 'har-schema' {
  const schemas: Record<string, object>;
  export default schemas;
}
