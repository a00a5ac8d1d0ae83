// The pure rules of webhooks: the retry schedule, which addresses a webhook may reach, signing,
// and sealing secrets.
import { retryDelayMs } from '../../src/webhooks/webhook-backoff';
import {
  keyIdOf,
  openSecret,
  sealSecret,
  SecretUnreadable,
} from '../../src/webhooks/webhook-secrets';
import { webhookSignature } from '../../src/webhooks/webhook-signature';
import { addressRefusal, checkTargetUrl } from '../../src/webhooks/webhook-targets';

const schedule = { retryBaseMs: 60_000, retryMaxMs: 3_600_000 };

describe('retry schedule', () => {
  it('doubles the step after each attempt and draws the wait from its upper half', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, schedule, () => 0))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, schedule, () => 1))).toEqual([
      60_000, 120_000, 240_000, 480_000,
    ]);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(retryDelayMs(9, schedule, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(200, schedule, () => 1)).toBe(3_600_000);
  });
});

describe('addresses', () => {
  const closed = { requireHttps: true, allowPrivateTargets: false };
  const open = { requireHttps: false, allowPrivateTargets: true };

  it.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '8.8.8.8'])(
    'allows the public address %s',
    (address) => expect(addressRefusal(address, closed)).toBeNull(),
  );

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['100.64.0.1', 'shared'],
    ['fc00::1', 'unique-local'],
  ])('allows %s (%s) only where private targets are allowed', (address, kind) => {
    expect(addressRefusal(address, closed)).toContain(kind);
    expect(addressRefusal(address, open)).toBeNull();
  });

  it.each([
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:a9fe:a9fe::1', 'link-local'],
    ['::', 'unspecified'],
    ['0.0.0.0', 'unspecified'],
    ['239.1.2.3', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::7f00:1', 'IPv4-compatible'],
  ])('never allows %s (%s)', (address, kind) => {
    expect(addressRefusal(address, open)).toContain(kind);
  });

  it.each(['127.0.0.1', '10.0.0.1', '169.254.169.254', '::ffff:169.254.169.254', 'fd00:ec2::254'])(
    'says what kind of address %s is, never the address',
    (address) => {
      const refusal = addressRefusal(address, closed)!;
      expect(refusal).toMatch(/^an? [a-z-]/);
      expect(refusal).not.toContain(address);
      expect(refusal).not.toContain('169.254');
    },
  );

  it('takes ports 443 and 80 only, any port where private targets are allowed', () => {
    expect(() => checkTargetUrl('https://example.com:8443/', closed)).toThrow(/uses port 8443/);
    expect(checkTargetUrl('https://example.com:443/', closed).port).toBe('');
    expect(checkTargetUrl('http://example.com:80/', open).port).toBe('');
    expect(checkTargetUrl('https://example.com:80/', closed).port).toBe('80');
    expect(checkTargetUrl('http://example.com:8080/', open).port).toBe('8080');
  });

  it('refuses plain http only where https is required', () => {
    expect(() => checkTargetUrl('http://example.com/', closed)).toThrow(/https:\/\/ URLs only/);
    expect(checkTargetUrl('http://example.com/', open).href).toBe('http://example.com/');
  });
});

describe('signatures and secrets', () => {
  it('signs `<timestamp>.<raw body>` with HMAC-SHA256 in hex', () => {
    // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(webhookSignature('whsec_test', 1_700_000_000, '{"a":1}')).toBe(
      '38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789',
    );
    expect(webhookSignature('whsec_test', 1_700_000_001, '{"a":1}')).not.toBe(
      webhookSignature('whsec_test', 1_700_000_000, '{"a":1}'),
    );
  });

  it('opens a sealed secret with its key only, and refuses a damaged one', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = sealSecret(key, 'whsec_abc');
    expect(openSecret(key, keyIdOf(key), sealed)).toBe('whsec_abc');
    const other = Buffer.alloc(32, 2);
    expect(() => openSecret(other, keyIdOf(other), sealed)).toThrow(SecretUnreadable);
    expect(() => openSecret(other, keyIdOf(key), sealed)).toThrow(/another WEBHOOK_SECRET_KEY/);
    const damaged = Buffer.from(sealed);
    damaged[damaged.length - 1] ^= 1;
    expect(() => openSecret(key, keyIdOf(key), damaged)).toThrow(/damaged/);
  });
});
