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

/** Each schema's output, keyed by the schema: a handler gets the output of the schema it registered with. */
export type ValidatedPayloads = Map<PayloadSchema, unknown>

/**
 * Runs every schema of a route once on the payload: their outputs, or every issue of every schema that
 * failed (a 400 `invalid_payload` lists them all; a dead letter's `PayloadValidationError` carries them).
 */
export async function validateAll(
  payload: unknown,
  schemas: readonly PayloadSchema[],
): Promise<ValidatedPayloads | PayloadIssue[]> {
  const outputs: ValidatedPayloads = new Map()
  let issues: PayloadIssue[] | undefined
  for (const schema of schemas) {
    const result = await validatePayload(schema, payload)
    if (result.ok) outputs.set(schema, result.value)
    else issues = issues ? issues.concat(result.issues) : result.issues
  }
  return issues ?? outputs
}
