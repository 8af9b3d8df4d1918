// Senders beyond HMAC: asymmetric signatures (ed25519, ECDSA, JWT), static tokens, and the Standard
// Webhooks senders under their own names. Each is one definition on the engine (engine.ts).
export { type BasicAuthOptions, type BasicCredentials, basicAuth } from './basic-auth.js'
export { type ClerkOptions, clerk } from './clerk.js'
export { type GitLabOptions, gitlab } from './gitlab.js'
export { type OpenAIOptions, openai } from './openai.js'
export { type PostmarkOptions, postmark } from './postmark.js'
export { type ReplicateOptions, replicate } from './replicate.js'
export { type ResendOptions, resend } from './resend.js'
export { type SupabaseOptions, supabase } from './supabase.js'
export { type TokenOptions, token } from './token.js'
export type { DeliveryField } from './token-definition.js'
