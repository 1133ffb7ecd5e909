// The validation stage of every spec-served API here, the vendors' and the control plane's alike: the body
// read as JSON when the operation takes one, parameters and body checked against the spec, the outcome kept on
// the exchange for the journal and the judge; a rejection throws ValidationFailed for the API's own envelope.
import type { Exchange } from '../exchange';
import { ValidationFailed } from '../errors';
import type { VendorRequest } from '../vendor';
import type { RequestValidator, ValidatedInput } from './request-validator';

export function validateStage(validator: RequestValidator, request: VendorRequest, exchange: Exchange): ValidatedInput {
  const body = validator.acceptsBody ? request.json() : undefined;
  const bodyText = validator.acceptsBody ? request.bodyText : undefined;
  const checked = validator.validate({ pathParams: request.pathParams, query: request.query, headers: request.headers, body, bodyText });
  const { input, violations } = checked;
  if (!checked.bodyAsSent) exchange.bodyChanged = true;
  exchange.validation = violations.length > 0 ? { outcome: 'rejected', body: input.body, violations } : { outcome: 'passed', body: input.body };
  if (violations.length > 0) throw new ValidationFailed(violations);
  return input;
}
