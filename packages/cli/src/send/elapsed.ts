/**
 * Milliseconds since `started` (a `performance.now()`), to a tenth: the precision the table prints, so
 * `--json` carries the same numbers and not timer noise such as 3.0417089999999917.
 */
export function msSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}
