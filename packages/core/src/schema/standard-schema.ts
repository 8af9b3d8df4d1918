/**
 * Payload validation through Standard Schema (`@standard-schema/spec`): zod, valibot, arktype and any other
 * library that implements it work alike, and hookgate depends on none of them.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec'

/** Any Standard Schema whose output is `Output`. */
export type PayloadSchema<Output = unknown> = StandardSchemaV1<unknown, Output>

/** The payload type a schema produces (after its transforms). */
export type InferPayload<S extends PayloadSchema> = StandardSchemaV1.InferOutput<S>

/** One reason a payload failed its schema: where (keys from the root) and what. JSON-safe. */
export interface PayloadIssue {
  path: (string | number)[]
  message: string
}

export type Validation = { ok: true; value: unknown } | { ok: false; issues: PayloadIssue[] }

/** True for any Standard Schema: an object, or a function (arktype), with a `~standard` property. */
export function isStandardSchema(value: unknown): value is PayloadSchema {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && '~standard' in value
}

/** Validates once; stays synchronous when the schema is (most are), so the hot path awaits nothing extra. */
export function validatePayload(schema: PayloadSchema, value: unknown): Validation | Promise<Validation> {
  const result = schema['~standard'].validate(value)
  return result instanceof Promise ? result.then(toValidation) : toValidation(result)
}

function toValidation(result: StandardSchemaV1.Result<unknown>): Validation {
  if (result.issues === undefined) return { ok: true, value: result.value }
  return { ok: false, issues: result.issues.map(toPayloadIssue) }
}

function toPayloadIssue(issue: StandardSchemaV1.Issue): PayloadIssue {
  const path = (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' ? segment.key : segment
    return typeof key === 'number' ? key : String(key)
  })
  return { path, message: issue.message }
}

/** Thrown into the dead-letter path when a payload fails its schema: retrying cannot fix it. */
export class PayloadValidationError extends Error {
  override readonly name = 'PayloadValidationError'
  readonly issues: PayloadIssue[]

  constructor(issues: PayloadIssue[]) {
    super(`payload failed its schema: ${issues.map(describeIssue).join('; ')}`)
    this.issues = issues
  }
}

function describeIssue(issue: PayloadIssue): string {
  return issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`
}
