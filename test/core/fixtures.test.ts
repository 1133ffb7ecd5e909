// The built-in fixtures are not re-checked at every start-up (that is what keeps start-up fast), so they
// are checked here: each vendor's fixtures/<vendor>/state.json against its state schema and vendor rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec } from '../../src/core/spec/load-spec';
import { StateValidator } from '../../src/core/state-validator';
import { createRandom } from '../../src/core/random';
import { systemClock } from '../../src/core/clock';
import { BUILT_IN_FIXTURES, BUILT_IN_SPECS } from '../../src/paths';
import { VENDORS } from '../../src/vendors';

const validator = new StateValidator(loadSpec(join(BUILT_IN_SPECS, 'emulator.openapi.yaml')), new Map(VENDORS.map((v) => [v.name, v.stateSchema])));

test.each(VENDORS.map((v) => [v.name, v] as const))('fixtures/%s/state.json passes its schema and the vendor checks', (name, vendor) => {
  const document: unknown = JSON.parse(readFileSync(join(BUILT_IN_FIXTURES, name, 'state.json'), 'utf8'));
  expect(() => validator.check(name, document)).not.toThrow();
  expect(() => vendor.createState(document, { clock: systemClock, random: createRandom(1) }, vendor.settings.defaults)).not.toThrow();
});

test('the check would catch a broken fixture', () => {
  expect(() => validator.check('desk', { environments: [{ id: 'x', tokens: [{ token: 't' }] }] })).toThrow(/scopes/);
});
