import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from './paths.js';
import { append, maxOf, minOf, groupBy } from './arrays.js';

const BIG = 200_000;

test('append, maxOf and minOf hold 200,000 elements where spreading into a call throws', () => {
  const items = Array.from({ length: BIG }, (_, i) => i);
  assert.throws(() => [].push(...(items as never[])), RangeError, 'the spread this module replaces does throw at this size');
  const target = [-1];
  append(target, items);
  assert.equal(target.length, BIG + 1);
  assert.equal(target[BIG], BIG - 1);
  assert.equal(maxOf(items), BIG - 1);
  assert.equal(minOf(items), 0);
  assert.equal(maxOf([]), -Infinity);
  assert.equal(minOf([]), Infinity);
  assert.ok(Number.isNaN(maxOf([1, Number.NaN, 3])));
});

test('no source file spreads an array into push, unshift, Math.max, Math.min or String.fromCharCode', () => {
  const offenders: string[] = [];
  const pattern = /\.(?:push|unshift)\(\s*\.\.\.|Math\.(?:max|min)\(\s*\.\.\.|fromCharCode\(\s*\.\.\./;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (pattern.test(line)) offenders.push(`${path.slice(packageRoot().length + 1)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  walk(join(packageRoot(), 'src'));
  walk(join(packageRoot(), 'scripts'));
  assert.deepEqual(offenders, [], 'use append/maxOf/minOf from src/core/arrays.ts');
});

test('groupBy keeps the order of first appearance and of the items', () => {
  const groups = groupBy(['bb', 'a', 'cc', 'd', 'eee'], (s) => s.length);
  assert.deepEqual([...groups], [[2, ['bb', 'cc']], [1, ['a', 'd']], [3, ['eee']]]);
});
