// The shipped JSON Schema file is the loader's schema, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SCENARIO_SCHEMA } from '../../../../src/runtime/scenario/schema';
import { ACTION_KEYS } from '../../../../src/runtime/scenario/types';

test('schemas/scenario.schema.json matches SCENARIO_SCHEMA (regenerate: lkl-scope validate --print-schema)', () => {
  const file = readFileSync(
    resolve(__dirname, '../../../../../schemas/scenario.schema.json'),
    'utf8',
  );
  assert.equal(file, JSON.stringify(SCENARIO_SCHEMA, null, 2) + '\n');
});

test('the schema has one action branch per ACTION_KEYS entry, in order', () => {
  const keys = SCENARIO_SCHEMA.definitions.action.oneOf.map((b) => b.required[0]);
  assert.deepEqual(keys, [...ACTION_KEYS]);
});
