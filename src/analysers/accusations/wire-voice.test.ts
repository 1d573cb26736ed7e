import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * Issue 14, class 1 (voice), on the shapes real wires and statements take — written for these
 * tests in that style, every case for both sides: a statement "according to which", a quotation
 * that opens a paragraph and is signed "the statement reads", a quotation whose closing mark the
 * wire dropped (": Name, role."), a "she said" that opens a paragraph, and what is no agent.
 */

test('"X issued a statement according to which Y …": X accuses, the article reports', async () => {
  const text = (us: string, them: string): string => `The ${us} Defence Ministry issued a statement according to which ${them} units opened fire at border posts on Sunday.`;
  assert.deepEqual(await edges(text('Serbian', 'Kosovar')), ['Serbian Defence Ministry > Kosovo [reports]']);
  assert.deepEqual(await edges(text('Kosovar', 'Serbian')), ['Kosovar Defence Ministry > Serbia [reports]']);
});

test('a quotation opening a paragraph, signed "the statement reads", is the body named in the paragraph before', async () => {
  const text = (us: string, them: string): string =>
    `The press service of the ${us} Foreign Ministry reported the incident on Monday.\n\n"The claims are false. The truce was violated by ${them} units, which fired at our positions," the statement reads.`;
  assert.deepEqual(await edges(text('Armenian', 'Azerbaijani')), ['Armenian Foreign Ministry > Azerbaijan [reports]']);
  assert.deepEqual(await edges(text('Azerbaijani', 'Armenian')), ['Azerbaijani Foreign Ministry > Armenia [reports]']);
});

test('a wire quotation with no closing mark, signed ": Name, role.", is that person\'s', async () => {
  const text = (them: string, name: string, us: string): string =>
    `"The ${them} border troops seriously violated our border protocols and the consensus of the commanders: ${name}, ${us} Foreign Ministry Spokesperson.\n\nTalks are due next week.`;
  assert.deepEqual(await edges(text('Indian', 'Chen Haoran', 'Chinese')), ['Chen Haoran > India [reports]']);
  assert.deepEqual(await edges(text('Chinese', 'Vikram Nair', 'Indian')), ['Vikram Nair > China [reports]']);
});

test('"she said" opening a paragraph is the person the paragraph before was about, not the last one it named', async () => {
  const text = (us: string, them: string, name: string): string =>
    `On Wednesday, ${us} Vice President ${name} rejected remarks made by company chairman Alan Pruitt in Houston.\n\n"${them} is preparing to attack our territory," she said.`;
  assert.deepEqual(await edges(text('Venezuelan', 'Guyana', 'Carla Mendez')), ['Carla Mendez > Guyana [reports]']);
  assert.deepEqual(await edges(text('Guyanese', 'Venezuela', 'Carla Mendez')), ['Carla Mendez > Venezuela [reports]']);
});

test('no agent: the object of "by crossing …", and "in X" where violence happened', async () => {
  const crossing = await edges('Beijing said that India had violated the understanding by crossing the Line of Actual Control and attacked Chinese soldiers.');
  assert.ok(!crossing.some((e) => e.includes('> Line of Actual Control')), crossing.join('; '));
  assert.ok(crossing.includes('China > India [reports]'), crossing.join('; '));
  for (const [us, them] of [['Ukrainian', 'Russia'], ['Russian', 'Ukraine']]) {
    const found = await edges(`“${them} has launched a war of aggression in Europe,” the ${us} foreign minister wrote.`);
    assert.ok(!found.some((e) => e.includes('> Europe')), found.join('; '));
    assert.ok(found.some((e) => e.endsWith(`> ${them} [reports]`)), found.join('; '));
  }
});
