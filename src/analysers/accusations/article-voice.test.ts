import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctEdges as edges } from '../../../test/support/accusations.js';

/**
 * The article's own charge (issue 14, class "article"): an editorial that calls a party's act a
 * wrongdoing with a copula ("Y's move constitutes a grave provocation", "Y's manoeuvre is crude and
 * reckless, and amounts to a provocation") charges that party in its own voice, even without a
 * condemning word: the copula is the writer's verdict. The party the act is aimed at ("against X")
 * is not charged. Our own sentences, each run with the two sides swapped.
 */

const SIDES: Array<[string, string]> = [['Bolivia', 'Chile'], ['Chile', 'Bolivia']];

test('"Y\'s move constitutes a grave provocation": the article accuses Y', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${them}'s latest move constitutes a grave provocation against ${us}.`, 'oped.txt');
    assert.ok(got.includes(`the article (oped.txt) > ${them} [asserts]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes(`> ${us} `)), `the target is not charged: ${got.join('; ')}`);
  }
});

test('epithets before the copula: "Y\'s manoeuvre is clumsy and spiteful, …, and amounts to a provocation"', async () => {
  for (const [us, them] of SIDES) {
    const got = await edges(`${them}'s manoeuvre is clumsy and spiteful, born of old resentments, and amounts to a serious provocation against ${us} and the region.`, 'oped.txt');
    assert.ok(got.includes(`the article (oped.txt) > ${them} [asserts]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes(`> ${us} `)), got.join('; '));
  }
});

test('a reported verdict stays the speaker\'s, and a plain mention of a provocation charges no one', async () => {
  for (const [us, them] of SIDES) {
    const said = await edges(`${us}'s foreign minister said ${them}'s move constitutes a provocation.`, 'wire.txt');
    assert.ok(!said.some((e) => e.startsWith('the article')), said.join('; '));
    const plain = await edges(`Talks between ${us} and ${them} resumed after the provocation last spring.`, 'wire.txt');
    assert.ok(!plain.some((e) => e.startsWith('the article')), plain.join('; '));
  }
});

test('an opening possessive carries the previous subject: "Y\'s patrol boats … . Their behaviour is an act of aggression"', async () => {
  const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };
  for (const [us, them] of SIDES) {
    const got = await edges(`${DEMONYM[them]} government patrol boats lingered in the lake waters of ${us} for three days. Their stay marks the longest such visit on record. Their behaviour is an act of aggression that must not be repeated.`, 'oped.txt');
    assert.ok(got.includes(`the article (oped.txt) > ${them} [asserts]`), got.join('; '));
    assert.ok(!got.some((e) => e.includes(`> ${us} `)), got.join('; '));
  }
});

test('the possessive is not carried over a sentence that opens with another party, nor past a party before the noun', async () => {
  for (const [us, them] of SIDES) {
    // the previous sentence opens with a place ("In X, …"): no subject to carry
    const place = await edges(`In the capital of ${us}, crowds gathered on Sunday. Their behaviour is an act of aggression.`, 'oped.txt');
    assert.ok(!place.some((e) => e.startsWith('the article')), place.join('; '));
    // a party inside the sentence owns the act: "Their ally Y's move" names Y, not the carried subject
    const own = await edges(`${us} signed the accord in May. Their neighbour ${them}'s move is an act of aggression.`, 'oped.txt');
    assert.ok(!own.includes(`the article (oped.txt) > ${us} [asserts]`), own.join('; '));
  }
});

test('letting an armed group be: "Y has repeatedly ignored X\'s concerns about … extremist groups", "Y turns a blind eye to …"', async () => {
  const DEMONYM: Record<string, string> = { Bolivia: 'Bolivian', Chile: 'Chilean' };
  for (const [us, them] of SIDES) {
    const ignored = await edges(`The ${DEMONYM[them]} government has repeatedly ignored ${us}'s concerns about the rise of extremist groups in ${them}.`, 'oped.txt');
    assert.ok(ignored.includes(`the article (oped.txt) > ${them} [asserts]`), ignored.join('; '));
    assert.ok(!ignored.some((e) => e.includes(`> ${us} `)), ignored.join('; '));
    const blind = await edges(`${them} turns a blind eye to armed groups on its soil.`, 'oped.txt');
    assert.ok(blind.includes(`the article (oped.txt) > ${them} [asserts]`), blind.join('; '));
    // concerns about anything but an armed group are no charge
    const economy = await edges(`${them} ignored ${us}'s concerns about the economy.`, 'oped.txt');
    assert.deepEqual(economy, []);
    // reported, it is the speaker's
    const said = await edges(`${us} said ${them} has ignored its concerns about militant groups.`, 'wire.txt');
    assert.ok(said.includes(`${us} > ${them} [reports]`), said.join('; '));
  }
});

test('the writer\'s reading of intent: "Y seems intent on provoking …", "Y appears bent on destabilising …"', async () => {
  for (const [us, them] of SIDES) {
    const intent = await edges(`${them} seems intent on provoking a confrontation with ${us}.`, 'oped.txt');
    assert.ok(intent.includes(`the article (oped.txt) > ${them} [asserts]`), intent.join('; '));
    assert.ok(!intent.some((e) => e.includes(`> ${us} `)), intent.join('; '));
    const bent = await edges(`${them} appears bent on destabilising the region.`, 'oped.txt');
    assert.ok(bent.includes(`the article (oped.txt) > ${them} [asserts]`), bent.join('; '));
    // an intent to do no wrong charges no one
    assert.deepEqual(await edges(`${us} is intent on resolving the dispute with ${them}.`, 'oped.txt'), []);
  }
});

test('a falsehood the writer gives an author: "… is nothing more than propaganda used / spread by Y"', async () => {
  for (const [us, them] of SIDES) {
    const used = await edges(`The talk of an old grievance is nothing more than political propaganda used by ${them} to escape the truth about ${us}.`, 'oped.txt');
    assert.ok(used.includes(`the article (oped.txt) > ${them} [asserts]`), used.join('; '));
    assert.ok(!used.some((e) => e.includes(`> ${us} `)), used.join('; '));
    const spread = await edges(`The outcry is disinformation spread by ${them}.`, 'oped.txt');
    assert.ok(spread.includes(`the article (oped.txt) > ${them} [asserts]`), spread.join('; '));
    // reported, the verdict is the speaker's, not the article's
    const said = await edges(`${us}'s foreign minister said the outcry was propaganda spread by ${them}.`, 'wire.txt');
    assert.ok(!said.some((e) => e.startsWith('the article')), said.join('; '));
    // "claims by Y" name Y's claim, not Y's falsehood in the writer's voice
    const claims = await edges(`The claims by ${them} drew wide attention in ${us}.`, 'oped.txt');
    assert.ok(!claims.some((e) => e.startsWith('the article')), claims.join('; '));
  }
});
