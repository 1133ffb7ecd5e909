// The control plane's own error body, {"error": "...", "details": [...]}, for every typed error.
import { STATUS_CODES } from 'node:http';
import { PayloadTooLarge } from '../core/errors';
import type { BadRequest, EmulatorError, MalformedBody, MethodNotAllowed, ValidationFailed } from '../core/errors';
import type { VendorResponse } from '../core/vendor';

export function controlError(status: number, error: string, details?: string[]): VendorResponse {
  return { status, body: details && details.length > 0 ? { error, details } : { error } };
}

/** `nearest`: for a path no control operation has, the templates the caller probably meant. */
export function renderControlError(error: EmulatorError, nearest?: readonly string[]): VendorResponse {
  switch (error.kind) {
    case 'ValidationFailed':
      return controlError(
        400,
        'Invalid request',
        (error as ValidationFailed).violations.map((v) => `${v.in} ${v.path.join('.') || '(body)'}: ${v.message}`),
      );
    case 'MalformedBody': {
      const { position } = error as MalformedBody;
      return controlError(400, `The body is not valid JSON (line ${position.line}, column ${position.column})`);
    }
    case 'MethodNotAllowed':
      return { ...controlError(405, error.message), headers: { allow: (error as MethodNotAllowed).allowed.join(', ') } };
    case 'RouteNotFound':
      return controlError(404, error.message, nearest?.map((template) => `nearest: ${template}`));
    case 'NotFound':
      return controlError(404, error.message);
    case 'Unauthorized':
      return controlError(401, error.message);
    case 'Forbidden':
      return controlError(403, error.message);
    case 'BadRequest':
      return controlError(400, error.message, [...(error as BadRequest).details]);
    case 'UnsupportedMediaType':
      return controlError(415, error.message);
    case 'PayloadTooLarge':
      return { ...controlError(413, error.message), headers: { ...PayloadTooLarge.answerHeaders } };
    default:
      return controlError(500, STATUS_CODES[500] as string);
  }
}
