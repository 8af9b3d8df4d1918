import type { MeterProvider as ApiMeterProvider, Attributes, HrTime } from '@opentelemetry/api'
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'

/** A reader collected on demand: the test decides when the metrics are read. */
class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE })
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** One recorded point: its metric's name, attributes and value (a histogram's as its count and sum). */
export interface Point {
  name: string
  attributes: Attributes
  value: number | { count: number; sum: number }
}

/**
 * The OpenTelemetry SDK with in-memory exporters, given to `instrument()` explicitly (no global state, so
 * test files stay independent): every span ended, every metric point at each `collect()`.
 */
export function telemetry() {
  const spans = new InMemorySpanExporter()
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] })
  const reader = new OnDemandReader()
  const meterProvider = new MeterProvider({ readers: [reader] })
  return {
    tracerProvider,
    meterProvider: meterProvider as ApiMeterProvider,
    spans: (): ReadableSpan[] => spans.getFinishedSpans(),
    /** What a metric exporter is handed. */
    async resourceMetrics() {
      const { resourceMetrics, errors } = await reader.collect()
      if (errors.length > 0) throw errors[0]
      return resourceMetrics
    },
    async collect(): Promise<Point[]> {
      const resourceMetrics = await this.resourceMetrics()
      return resourceMetrics.scopeMetrics.flatMap((scope) =>
        scope.metrics.flatMap((metric) =>
          (metric.dataPoints as DataPoint<number | Histogram>[]).map((point) => ({
            name: metric.descriptor.name,
            attributes: point.attributes,
            value:
              typeof point.value === 'number'
                ? point.value
                : { count: point.value.count, sum: point.value.sum ?? 0 },
          })),
        ),
      )
    },
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()])
    },
  }
}

/** The sum of a counter's (or gauge's) points whose attributes include `where`. */
export function sum(points: readonly Point[], name: string, where: Attributes = {}): number {
  return points
    .filter((p) => p.name === name && Object.entries(where).every(([k, v]) => p.attributes[k] === v))
    .reduce((total, p) => total + (typeof p.value === 'number' ? p.value : p.value.count), 0)
}

export const ms = (time: HrTime) => time[0] * 1000 + time[1] / 1e6
