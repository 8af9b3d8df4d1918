/** An `instrument()` option that cannot work, named in the message; `code` for programs. */
export class InstrumentOptionError extends TypeError {
  readonly code = 'invalid_instrument_option'
  constructor(
    /** The option's path, e.g. `watch[0].silentFor`. */
    readonly option: string,
    message: string,
  ) {
    super(`instrument(): ${option} ${message}`)
    this.name = 'InstrumentOptionError'
  }
}
