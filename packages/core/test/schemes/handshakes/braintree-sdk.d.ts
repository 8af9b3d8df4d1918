// The braintree package ships no types (and @types/braintree is not a dependency): the part these tests use.
declare module 'braintree' {
  type Signed = {
    bt_signature: string
    bt_payload: string
  }
  class BraintreeGateway {
    constructor(config: { environment: unknown; merchantId: string; publicKey: string; privateKey: string })
    webhookTesting: { sampleNotification(kind: string, id: string): Promise<Signed> }
    webhookNotification: {
      parse(signature: string, payload: string): Promise<{ kind: string }>
      verify(challenge: string): string
    }
  }
  const sdk: { BraintreeGateway: typeof BraintreeGateway; Environment: { Sandbox: unknown } }
  export default sdk
}
