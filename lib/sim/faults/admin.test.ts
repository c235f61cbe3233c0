// Who may use the fault admin API: peers and Host names on this machine only.

import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from './admin.ts';

describe('isLoopbackAddress (the peer of the connection)', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.1'])('accepts %s', (a) => {
    expect(isLoopbackAddress(a)).toBe(true);
  });
  it.each(['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '::', '0.0.0.0', 'fe80::1', '128.0.0.1', '', undefined])('refuses %s', (a) => {
    expect(isLoopbackAddress(a)).toBe(false);
  });
});

describe('isLoopbackHost (the Host header, against DNS rebinding)', () => {
  it.each(['127.0.0.1:6443', 'localhost:3000', 'LOCALHOST', '[::1]:6443', '127.0.0.1'])('accepts %s', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['evil.example:6443', 'localhost.evil.example', '10.0.0.5:6443', '[::2]:1', 'a b', '', undefined])('refuses %s', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});
