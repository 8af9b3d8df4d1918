import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
} from '@opentelemetry/semantic-conventions'
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
} from '@opentelemetry/semantic-conventions/incubating'
import { expect, it } from 'vitest'
import { attributes } from '../src/index.js'

// The package spells the semantic conventions' names itself (it depends on the API only): they must be
// the conventions' own.
it('uses the semantic conventions attribute names for HTTP, messaging and errors', () => {
  expect(attributes).toMatchObject({
    httpMethod: ATTR_HTTP_REQUEST_METHOD,
    httpStatus: ATTR_HTTP_RESPONSE_STATUS_CODE,
    errorType: ATTR_ERROR_TYPE,
    messagingSystem: ATTR_MESSAGING_SYSTEM,
    messagingOperationType: ATTR_MESSAGING_OPERATION_TYPE,
    messagingOperationName: ATTR_MESSAGING_OPERATION_NAME,
    messagingDestination: ATTR_MESSAGING_DESTINATION_NAME,
    messagingMessageId: ATTR_MESSAGING_MESSAGE_ID,
  })
})
