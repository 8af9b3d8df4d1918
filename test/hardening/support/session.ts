// One campaign session: sends each request over a raw socket, keeps the answer for the leak scan, judges it
// and books the verdict, so every part of the suite counts the same way.
import { expect } from 'vitest'
import { Capture } from './capture.js'
import type { Sent } from './case.js'
import { type Expectation, type Judgement, judge, Ledger } from './ledger.js'
import { allSecretForms } from './providers.js'
import { type RawAnswer, rawRequest } from './raw-http.js'
import type { Target } from './targets.js'

export class Session {
  readonly capture = new Capture()
  readonly ledger = new Ledger()

  constructor() {
    for (const form of allSecretForms) this.capture.sensitive(form)
  }

  /** Sends `sent` to `target`, books the verdict under `label` and returns the answer. */
  async send(
    target: Target,
    label: string,
    sent: Sent,
    expectation: Expectation,
  ): Promise<{ answer: RawAnswer; judgement: Judgement }> {
    const answer = await rawRequest({
      port: target.port,
      headers: sent.headers,
      body: sent.body,
      maxWrite: sent.maxWrite,
    })
    this.capture.add('answer', answer)
    const judgement = judge(answer, expectation)
    this.ledger.record(label, judgement)
    return { answer, judgement }
  }

  /** `send`, then fails the test unless the answer was what the case expects. */
  async expectRight(target: Target, label: string, sent: Sent, expectation: Expectation): Promise<RawAnswer> {
    const { answer, judgement } = await this.send(target, label, sent, expectation)
    expect(['rejected', 'accepted'], judgement.detail).toContain(judgement.verdict)
    return answer
  }
}
