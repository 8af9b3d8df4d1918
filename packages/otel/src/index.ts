export { attr as attributes } from './attributes.js'
export { InstrumentOptionError } from './errors.js'
export { handlerFailed } from './failure-rate.js'
export { type Instrumented, instrument } from './instrument.js'
export type {
  FailureRateInfo,
  FailureRateOptions,
  InstrumentOptions,
  SilentInfo,
  WatchOptions,
} from './options.js'
export { failureRateDefaults } from './options.js'
export { type SilenceWatch, seenKey } from './silence.js'
