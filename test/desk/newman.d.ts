// newman ships no types: the part of its Node API the Postman-collection test uses (newman.run and its summary).
declare module 'newman' {
  interface Execution {
    item: { name: string };
    request: { method: string; url: { toString(): string } };
    response?: { code: number; stream?: Buffer };
  }
  interface Summary {
    run: { executions: Execution[]; failures: { error: { message: string } }[] };
  }
  interface RunOptions {
    collection: object;
    envVar?: { key: string; value: string }[];
    reporters?: string[];
    color?: 'on' | 'off' | 'auto';
  }
  function run(options: RunOptions, callback: (error: Error | null, summary: Summary) => void): void;
  export { run, RunOptions, Summary, Execution };
}
