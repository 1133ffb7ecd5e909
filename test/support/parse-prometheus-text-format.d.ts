// The parser ships no types: it takes the exposition text and returns one object per metric family.
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
