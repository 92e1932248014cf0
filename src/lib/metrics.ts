// A minimal Prometheus text-format registry: counters with labels, and gauges computed at
// scrape time (outbox depth and ages come from the database, so every instance agrees).
type Labels = Record<string, string | number>;

interface CounterDef {
  help: string;
  values: Map<string, number>;
}

export type GaugeSample = { labels?: Labels; value: number };
export type GaugeCollector = () => Promise<GaugeSample[]> | GaugeSample[];

export type CounterForwarder = (name: string, help: string, labels: Labels, by: number) => void;

export class Metrics {
  private readonly counters = new Map<string, CounterDef>();
  private readonly gauges = new Map<string, { help: string; collect: GaugeCollector }>();

  /** With `forward`, increments go elsewhere (a worker thread reports to the main thread). */
  constructor(private readonly forward?: CounterForwarder) {}

  counter(name: string, help: string): (labels?: Labels, by?: number) => void {
    if (this.forward) return (labels = {}, by = 1) => this.forward!(name, help, labels, by);
    return (labels = {}, by = 1) => this.add(name, help, labels, by);
  }

  add(name: string, help: string, labels: Labels, by: number): void {
    const def: CounterDef = this.counters.get(name) ?? { help, values: new Map() };
    this.counters.set(name, def);
    const key = formatLabels(labels);
    def.values.set(key, (def.values.get(key) ?? 0) + by);
  }

  gauge(name: string, help: string, collect: GaugeCollector): void {
    this.gauges.set(name, { help, collect });
  }

  /** Current value of a counter series (for tests and the benchmark). */
  read(name: string, labels: Labels = {}): number {
    return this.counters.get(name)?.values.get(formatLabels(labels)) ?? 0;
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, def] of this.counters) {
      lines.push(`# HELP ${name} ${def.help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of def.values) lines.push(`${name}${labels} ${value}`);
    }
    for (const [name, g] of this.gauges) {
      lines.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`);
      for (const s of await g.collect()) lines.push(`${name}${formatLabels(s.labels ?? {})} ${s.value}`);
    }
    return lines.join('\n') + '\n';
  }
}

function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  const body = keys.map((k) => `${k}="${String(labels[k]).replace(/["\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`);
  return `{${body.join(',')}}`;
}

export interface CounterIncrement {
  name: string;
  help: string;
  labels: Labels;
  by: number;
}

/** Counter increments summed per series until taken (a worker thread sends them in bulk). */
export class CounterBatch {
  private readonly series = new Map<string, CounterIncrement>();

  add(name: string, help: string, labels: Labels, by: number): void {
    const key = name + formatLabels(labels);
    const seen = this.series.get(key);
    if (seen) seen.by += by;
    else this.series.set(key, { name, help, labels, by });
  }

  take(): CounterIncrement[] {
    const all = [...this.series.values()];
    this.series.clear();
    return all;
  }
}
