import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIpAddress, isPrivateAddress } from './private-address.js';

const REFUSED = [
  '0.0.0.0',
  '0.1.2.3',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.254',
  '127.0.0.1',
  '127.255.255.255',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.8',
  '192.0.2.10',
  '192.168.1.1',
  '198.18.0.1',
  '198.51.100.7',
  '203.0.113.9',
  '224.0.0.1',
  '239.255.255.250',
  '240.0.0.1',
  '255.255.255.255',
  '::',
  '::1',
  '[::1]',
  '0:0:0:0:0:0:0:1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '[::ffff:7f00:1]',
  '::ffff:10.1.2.3',
  '::ffff:0:192.168.0.1',
  '::127.0.0.1',
  '64:ff9b::10.0.0.1',
  '64:ff9b:1::1',
  '100::1',
  '2001:db8::1',
  '2002:7f00:1::',
  '2002:c0a8:101::1',
  'fc00::1',
  'fd12:3456:789a::1',
  'fe80::1',
  'fe80::1%eth0',
  'febf::1',
  'fec0::1',
  'ff02::1',
  // not an address at all: fail closed
  'localhost',
  'example.com',
  '',
  '1.2.3',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3.4.5',
  '::ffff:1.2.3.256',
  '1::2::3',
  '12345::1',
  '1:2:3:4:5:6:7:8:9',
  'g::1',
];

const ALLOWED = [
  '1.1.1.1',
  '8.8.8.8',
  '93.184.216.34',
  '100.63.255.255',
  '100.128.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '169.253.255.255',
  '192.167.255.255',
  '192.169.0.0',
  '223.255.255.255',
  '2606:4700:4700::1111',
  '[2606:4700:4700::1111]',
  '2001:4860:4860::8888',
  '::ffff:8.8.8.8',
  '::ffff:808:808',
  '64:ff9b::8.8.8.8',
  '2002:808:808::1',
  '2a00:1450:4001:80b::200e',
];

test('isPrivateAddress refuses private, special and malformed addresses', () => {
  const wronglyAllowed = REFUSED.filter((ip) => !isPrivateAddress(ip));
  assert.deepEqual(wronglyAllowed, []);
});

test('isPrivateAddress allows public addresses', () => {
  const wronglyRefused = ALLOWED.filter((ip) => isPrivateAddress(ip));
  assert.deepEqual(wronglyRefused, []);
});

test('isIpAddress tells addresses from host names', () => {
  assert.equal(isIpAddress('127.0.0.1'), true);
  assert.equal(isIpAddress('[::ffff:7f00:1]'), true);
  assert.equal(isIpAddress('::'), true);
  assert.equal(isIpAddress('example.com'), false);
  assert.equal(isIpAddress('1.2.3'), false);
  assert.equal(isIpAddress('1::2::3'), false);
});
