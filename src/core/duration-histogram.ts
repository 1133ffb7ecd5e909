// The request-duration histogram, counted in plain arrays by vendor and written in Prometheus' text format
// when scraped. prom-client's observe() hashes the label set and keys each bucket by its bound turned into a
// property name on every call (about 3.6k instructions a request under callgrind); this is an array index.

interface VendorCounts {
  /** Observations per bucket (not cumulative), one slot per upper bound. */
  buckets: number[];
  sum: number;
  count: number;
}

export class DurationHistogram {
  private readonly byVendor = new Map<string, VendorCounts>();

  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds in seconds, ascending; +Inf is implied. */
    private readonly bounds: readonly number[],
  ) {}

  observe(vendor: string, seconds: number): void {
    let counts = this.byVendor.get(vendor);
    if (!counts) this.byVendor.set(vendor, (counts = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && seconds > (bounds[i] as number)) i++;
    if (i < bounds.length) counts.buckets[i] = (counts.buckets[i] as number) + 1;
    counts.sum += seconds;
    counts.count += 1;
  }

  /** The family in the text exposition format (version 0.0.4), as prom-client writes a labelled histogram. */
  text(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const [vendor, counts] of this.byVendor) {
      const label = `vendor="${escapeLabel(vendor)}"`;
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += counts.buckets[i] as number;
        lines.push(`${this.name}_bucket{le="${bound}",${label}} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket{le="+Inf",${label}} ${counts.count}`, `${this.name}_sum{${label}} ${counts.sum}`, `${this.name}_count{${label}} ${counts.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
