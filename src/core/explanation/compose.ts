// Turns the facts a request collected into its Explanation, with a one-sentence summary chosen by what
// decided the answer: a fault, the route, the credential, a rule, a lookup, the schema, or success.
import type { EmulatorError } from '../errors';
import type { Violation } from '../validation/violation';
import type { Explanation, ValidationFacts } from './explanation';
import { capText } from './explanation';
import type { ExplanationRecorder } from './recorder';

export interface AnswerFacts {
  status: number | 'dropped';
  /** The typed error that was rendered, if the answer is one (what the summary reads of it). */
  error?: Pick<EmulatorError, 'kind' | 'message'>;
  /** The API's name as people know it ('DESK', 'Luzmo', ...). */
  api: string;
  path: string;
  fault?: { source: 'rule' | 'header'; rule?: string; action: string };
  /** The violations shown (at most EXPLANATION_LIMITS.violations) and how many there were. */
  validation?: { outcome: 'passed' | 'rejected'; violations: readonly Violation[]; total: number };
}

export function composeExplanation(facts: ExplanationRecorder, answer: AnswerFacts): Explanation {
  const explanation: Explanation = { summary: '', route: facts.route };
  if (facts.credentialRead || facts.principalName !== undefined || facts.rules) {
    const auth: NonNullable<Explanation['auth']> = { rules: facts.rules ?? [] };
    if (facts.credentialRead) auth.credential = facts.credentialRead;
    if (facts.principalName !== undefined) auth.principal = facts.principalName;
    if (facts.tenant !== undefined) auth.tenant = facts.tenant;
    explanation.auth = auth;
  }
  if (answer.validation || facts.lenientReadings) explanation.validation = validationFacts(answer.validation, facts.lenientReadings ?? []);
  if (facts.changes || facts.miss) {
    explanation.state = { changes: (facts.changes ?? []).map((c) => c.shown()) };
    if (facts.miss) explanation.state.missed = facts.miss;
  }
  if (answer.fault) explanation.fault = answer.fault;
  explanation.summary = `${answer.status}: ${reason(explanation, answer)}`;
  return explanation;
}

function validationFacts(validation: AnswerFacts['validation'], lenientReadings: string[]): ValidationFacts {
  const violations = (validation?.violations ?? []).map((v) => ({
    in: v.in,
    pointer: v.path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''),
    keyword: v.keyword,
    message: capText(v.message),
  }));
  return { outcome: validation?.outcome ?? 'passed', violations, lenientReadings };
}

function reason(e: Explanation, answer: AnswerFacts): string {
  const error = answer.error;
  // A fault that only delays lets the request proceed; its explanation still lists it under `fault`.
  if (answer.fault && (error?.kind === 'InjectedFault' || answer.status === 'dropped')) return answer.fault.source === 'header' ? `injected by the X-Emulator-Fault header (${answer.fault.action})` : `injected by fault rule ${answer.fault.rule} (${answer.fault.action})`;
  const credential = e.auth?.credential;
  // The rule that decided a refusal (the last one recorded that failed).
  const failed = e.auth?.rules.filter((r) => !r.passed).pop();
  if (!error) return success(e);
  switch (error.kind) {
    case 'RouteNotFound':
      return `no ${answer.api} operation has the path ${answer.path}${e.route.nearestPaths?.length ? `; nearest: ${e.route.nearestPaths.join(', ')}` : ''}`;
    case 'MethodNotAllowed':
      return `${e.route.method} is not allowed on ${answer.path}; allowed: ${(e.route.allowedMethods ?? []).join(', ')}`;
    case 'UnknownOperation':
      return `${error.message.replace(/^No operation for /, "'")}' is not a ${answer.api} action; known: ${(e.route.knownActions ?? []).join(', ')}`;
    case 'Unauthorized':
      if (failed?.because) return failed.because;
      return credential ? `${credential.location} ${credential.name} carries ${credential.value}, which ${answer.api} does not know${e.auth?.tenant ? ` in ${e.auth.tenant}` : ''} (${error.message})` : `no credential was sent (${error.message})`;
    case 'Forbidden':
      return failed?.because ?? (failed ? `${failed.rule} does not hold (${error.message})` : error.message);
    case 'NotFound':
    case 'TenantNotFound': {
      const miss = e.state?.missed;
      if (miss) return `no ${miss.lookup} ${miss.key}${miss.tenant ? ` in ${miss.tenant}` : ''}`;
      return failed?.because ?? error.message;
    }
    case 'ValidationFailed': {
      const list = e.validation?.violations ?? [];
      const first = list[0];
      const total = answer.validation?.total ?? list.length;
      return first ? `${total} violation${total === 1 ? '' : 's'}, first ${first.in} ${first.pointer || '(body)'}: ${first.message}` : error.message;
    }
    case 'InternalError':
      return 'an emulator bug (the log has the stack under this request id)';
    default:
      return error.message;
  }
}

function success(e: Explanation): string {
  const who = e.auth?.principal === undefined ? '' : ` for ${e.auth.principal}`;
  const changes = e.state?.changes ?? [];
  const what = changes.length === 0 ? '' : `; ${changes.map((c) => `${c.change} ${c.record}`).join(', ')}`;
  return `${e.route.operationId ?? 'answered'}${who}${what}`;
}
